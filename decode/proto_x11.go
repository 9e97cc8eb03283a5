package decode

import (
	"encoding/binary"
	"strconv"
)

// X11 on TCP 6000-6063 as Wireshark 4.0's packet-x11.c shows it. The
// client's messages are requests ("Initial connection request" first,
// then 4-byte headers with a length in 4-byte units); the server's are
// the initial connection reply, errors (first byte 0), replies (1) and
// events (32 bytes). The Info column starts with the first message's kind
// ("Requests", "Reply", "Event", "Error") and lists the name of every
// message that one call of the dissector reads: the messages of a segment,
// or one message reassembled from several segments. A reply is named by
// the request whose sequence number it carries, as packet-x11.c's
// sequence table remembers it; extension requests and their replies are
// named by the extension the client asked QueryExtension for and, for the
// extensions tshark knows, the minor request ("XKEYBOARD-GetMap"). The
// byte order comes from the initial connection request ('B' or 'l').
// Hand-written: gopacket has no X11 layer. Not done: the request and reply
// bodies beyond their headers, extension events and errors (named only by
// core codes), the byte-order guess packet-x11.c makes from request
// lengths when the connection's start was not captured (ladder takes
// little-endian unless the first length reads shorter big-endian).

// x11PortFirst and x11PortLast bound tshark -G decodes' tcp.port entries
// for x11.
const (
	x11PortFirst = 6000
	x11PortLast  = 6063
)

// Sequence table marks, as packet-x11.c's.
const (
	x11NothingSeen = -3
	x11InitialConn = -1
	x11Unknown     = 0
)

var x11Opcodes = [128]string{1: "CreateWindow", 2: "ChangeWindowAttributes", 3: "GetWindowAttributes", 4: "DestroyWindow",
	5: "DestroySubwindows", 6: "ChangeSaveSet", 7: "ReparentWindow", 8: "MapWindow", 9: "MapSubwindows", 10: "UnmapWindow",
	11: "UnmapSubwindows", 12: "ConfigureWindow", 13: "CirculateWindow", 14: "GetGeometry", 15: "QueryTree", 16: "InternAtom",
	17: "GetAtomName", 18: "ChangeProperty", 19: "DeleteProperty", 20: "GetProperty", 21: "ListProperties",
	22: "SetSelectionOwner", 23: "GetSelectionOwner", 24: "ConvertSelection", 25: "SendEvent", 26: "GrabPointer",
	27: "UngrabPointer", 28: "GrabButton", 29: "UngrabButton", 30: "ChangeActivePointerGrab", 31: "GrabKeyboard",
	32: "UngrabKeyboard", 33: "GrabKey", 34: "UngrabKey", 35: "AllowEvents", 36: "GrabServer", 37: "UngrabServer",
	38: "QueryPointer", 39: "GetMotionEvents", 40: "TranslateCoordinates", 41: "WarpPointer", 42: "SetInputFocus",
	43: "GetInputFocus", 44: "QueryKeymap", 45: "OpenFont", 46: "CloseFont", 47: "QueryFont", 48: "QueryTextExtents",
	49: "ListFonts", 50: "ListFontsWithInfo", 51: "SetFontPath", 52: "GetFontPath", 53: "CreatePixmap", 54: "FreePixmap",
	55: "CreateGC", 56: "ChangeGC", 57: "CopyGC", 58: "SetDashes", 59: "SetClipRectangles", 60: "FreeGC", 61: "ClearArea",
	62: "CopyArea", 63: "CopyPlane", 64: "PolyPoint", 65: "PolyLine", 66: "PolySegment", 67: "PolyRectangle", 68: "PolyArc",
	69: "FillPoly", 70: "PolyFillRectangle", 71: "PolyFillArc", 72: "PutImage", 73: "GetImage", 74: "PolyText8",
	75: "PolyText16", 76: "ImageText8", 77: "ImageText16", 78: "CreateColormap", 79: "FreeColormap",
	80: "CopyColormapAndFree", 81: "InstallColormap", 82: "UninstallColormap", 83: "ListInstalledColormaps",
	84: "AllocColor", 85: "AllocNamedColor", 86: "AllocColorCells", 87: "AllocColorPlanes", 88: "FreeColors",
	89: "StoreColors", 90: "StoreNamedColor", 91: "QueryColors", 92: "LookupColor", 93: "CreateCursor",
	94: "CreateGlyphCursor", 95: "FreeCursor", 96: "RecolorCursor", 97: "QueryBestSize", 98: "QueryExtension",
	99: "ListExtensions", 100: "ChangeKeyboardMapping", 101: "GetKeyboardMapping", 102: "ChangeKeyboardControl",
	103: "GetKeyboardControl", 104: "Bell", 105: "ChangePointerControl", 106: "GetPointerControl", 107: "SetScreenSaver",
	108: "GetScreenSaver", 109: "ChangeHosts", 110: "ListHosts", 111: "SetAccessControl", 112: "SetCloseDownMode",
	113: "KillClient", 114: "RotateProperties", 115: "ForceScreenSaver", 116: "SetPointerMapping", 117: "GetPointerMapping",
	118: "SetModifierMapping", 119: "GetModifierMapping", 127: "NoOperation"}

var x11Events = [36]string{2: "KeyPress", 3: "KeyRelease", 4: "ButtonPress", 5: "ButtonRelease", 6: "MotionNotify",
	7: "EnterNotify", 8: "LeaveNotify", 9: "FocusIn", 10: "FocusOut", 11: "KeymapNotify", 12: "Expose",
	13: "GraphicsExpose", 14: "NoExpose", 15: "VisibilityNotify", 16: "CreateNotify", 17: "DestroyNotify",
	18: "UnmapNotify", 19: "MapNotify", 20: "MapRequest", 21: "ReparentNotify", 22: "ConfigureNotify",
	23: "ConfigureRequest", 24: "GravityNotify", 25: "ResizeRequest", 26: "CirculateNotify", 27: "CirculateRequest",
	28: "PropertyNotify", 29: "SelectionClear", 30: "SelectionRequest", 31: "SelectionNotify", 32: "ColormapNotify",
	33: "ClientMessage", 34: "MappingNotify", 35: "GenericEvent"}

var x11Errors = [18]string{"Success", "BadRequest", "BadValue", "BadWindow", "BadPixmap", "BadAtom", "BadCursor",
	"BadFont", "BadMatch", "BadDrawable", "BadAccess", "BadAlloc", "BadColormap", "BadGC", "BadIDChoice", "BadName",
	"BadLength", "BadImplementation"}

// x11ReplyOpcodes are the core requests whose replies packet-x11.c's
// sequence table remembers (dissect_x11_request's list).
var x11ReplyOpcodes = map[byte]bool{84: true, 86: true, 87: true, 85: true, 17: true, 52: true, 14: true, 73: true,
	43: true, 103: true, 101: true, 119: true, 39: true, 106: true, 117: true, 20: true, 108: true, 23: true, 3: true,
	31: true, 26: true, 16: true, 99: true, 49: true, 50: true, 110: true, 83: true, 21: true, 92: true, 97: true,
	91: true, 47: true, 44: true, 38: true, 48: true, 15: true, 118: true, 116: true, 40: true, 98: true}

// x11Ext is an extension a QueryExtension request named: its major opcode
// once the reply gave it, -1 before.
type x11Ext struct {
	name  string
	major int
}

// x11Conv is packet-x11.c's conversation state.
type x11Conv struct {
	order      int8 // -1 unknown, 0 big-endian, 1 little-endian
	seq        int
	seqtable   map[int]int
	valtable   map[int]int // sequence number -> index in exts
	exts       []x11Ext
	iconnFrame int
	iconnReply int
	resync     bool
	// the dissector call the last message belonged to: messages of one
	// segment share a call, a reassembled message has one of its own
	callFrame int
	callDir   uint8
	callOpen  bool
	callSep   bool // the call wrote its kind: names follow after ", "
}

func x11State(c *Conv) *x11Conv {
	if c == nil {
		return &x11Conv{order: -1, seqtable: map[int]int{0: x11NothingSeen}, iconnFrame: -1, iconnReply: -1, callFrame: -1}
	}
	st, ok := c.State.(*x11Conv)
	if !ok {
		st = &x11Conv{order: -1, seqtable: map[int]int{0: x11NothingSeen}, iconnFrame: -1, iconnReply: -1, callFrame: -1}
		c.State = st
	}
	return st
}

// u16 and u32 read the connection's byte order (little-endian while it
// is unknown, as packet-x11.c takes replies).
func (st *x11Conv) u16(b []byte, order int8) int {
	if order == 0 {
		return int(binary.BigEndian.Uint16(b))
	}
	return int(binary.LittleEndian.Uint16(b))
}

func (st *x11Conv) u32(b []byte, order int8) uint32 {
	if order == 0 {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

// requestOrder is the byte order a request is read in: the connection's,
// or a guess from its length field.
func (st *x11Conv) requestOrder(b []byte) int8 {
	if st.order >= 0 {
		return st.order
	}
	if len(b) >= 4 && binary.LittleEndian.Uint16(b[2:]) > binary.BigEndian.Uint16(b[2:]) {
		return 0
	}
	return 1
}

// isInitial says whether a client message at the start of b is the
// initial connection request.
func (st *x11Conv) isInitial(b []byte, order int8, frame int) bool {
	if st.iconnFrame == frame {
		return true
	}
	if st.seqtable[st.seq] != x11NothingSeen || (b[0] != 'B' && b[0] != 'l') {
		return false
	}
	v := st.u16(b[2:], order)
	return v == 11 || v == 2816
}

// x11ServerSide says whether a message comes from the X server: tshark
// takes the port it matched (the lower port of the two in its range) for
// the server's.
func x11ServerSide(sport, dport uint16) bool {
	in := func(p uint16) bool { return p >= x11PortFirst && p <= x11PortLast }
	switch {
	case in(sport) && in(dport):
		return sport <= dport
	default:
		return in(sport)
	}
}

func x11PDULen(c *Conv, dir uint8, b []byte) int {
	st := x11State(c)
	// the direction a walk gives: 0 from the client, 1 from the server
	if dir == 0 {
		if len(b) < 4 {
			return 0
		}
		order := st.requestOrder(b)
		if st.isInitial(b, order, -2) {
			if len(b) < 10 {
				return 0
			}
			if st.order < 0 {
				order = 1
				if b[0] == 'B' {
					order = 0
				}
			}
			return 12 + (st.u16(b[6:], order)+3)/4*4 + (st.u16(b[8:], order)+3)/4*4
		}
		n := st.u16(b[2:], order) * 4
		if n == 0 {
			return len(b) // "Bogus request length (0)": the rest is not read
		}
		return n
	}
	if len(b) < 8 {
		return 0
	}
	order := st.order
	if order < 0 {
		order = 1
	}
	if st.seqtable[st.seq] == x11InitialConn {
		return 8 + st.u16(b[6:], order)*4
	}
	if b[0] == 1 {
		n := uint64(st.u32(b[4:], order))*4 + 32
		if n > 1<<31-1 {
			return len(b) // packet-x11.c's length overflows: it throws
		}
		return int(n)
	}
	return 32
}

// opcodeName is val_to_str on the conversation's opcode table: the core
// requests, then the extensions in the order they were asked for.
func (st *x11Conv) opcodeName(op int) string {
	if op >= 0 && op < 128 && x11Opcodes[op] != "" {
		return x11Opcodes[op]
	}
	for _, e := range st.exts {
		if e.major == op {
			return e.name
		}
	}
	return "<Unknown opcode " + strconv.Itoa(op) + ">"
}

// extName is the extension whose major opcode op is, "" when none is.
func (st *x11Conv) extName(op int) string {
	if op < 128 {
		return ""
	}
	for _, e := range st.exts {
		if e.major == op {
			return e.name
		}
	}
	return ""
}

func x11MinorName(ext string, minor byte) string {
	if n, ok := x11ExtMinors[ext][minor]; ok {
		return n
	}
	return "<Unknown opcode " + strconv.Itoa(int(minor)) + ">"
}

// call tells how a message stands in packet-x11.c's calls, which read the
// messages of one segment together and a reassembled message alone: first
// says the column's kind ("Requests", "Reply"...) is written before the
// message's name, joined that an earlier call wrote the column in this
// packet already, so the kind follows its text without a separator (the
// fence TCP sets between the calls).
func (st *x11Conv) call(p *PDU) (first, joined bool) {
	alone := len(p.Segments) > 1
	same := st.callFrame == p.Frame && st.callDir == p.Dir
	fresh := alone || !st.callOpen || !same
	if fresh {
		st.callSep = false
	}
	st.callFrame, st.callDir, st.callOpen = p.Frame, p.Dir, !alone
	return fresh || !st.callSep, fresh && same
}

// kind writes the column's kind for the first message of a call.
func x11Kind(out *Out, kind string, joined bool) {
	if joined {
		out.AppendInfo("", kind)
	} else {
		out.SetInfo(kind)
	}
}

func x11Dissect(p *PDU, out *Out) bool {
	b := p.Data
	st := x11State(p.Conv)
	out.SetProto("X11")
	first, joined := st.call(p)
	if !x11ServerSide(p.SrcPort, p.DstPort) {
		x11Request(p, out, st, b, first, joined)
	} else {
		x11Reply(p, out, st, b, first, joined)
	}
	return true
}

// x11Top is the protocol line of a message.
func x11Top(label string, p *PDU, kids []Field) Field {
	return Field{Name: "x11", Label: label, Start: 0, Len: min(p.Len, len(p.Data)), Kind: FieldProto, Children: kids}
}

func x11Request(p *PDU, out *Out, st *x11Conv, b []byte, first, joined bool) {
	if len(b) < 4 {
		return
	}
	order := st.requestOrder(b)
	if st.isInitial(b, order, p.Frame) {
		if st.order < 0 {
			st.order = 1
			if b[0] == 'B' {
				st.order = 0
			}
		}
		order = st.order
		// the next request of the call writes "Requests" over it
		x11Kind(out, "Initial connection request", joined)
		st.iconnFrame, st.seq = p.Frame, 0
		st.seqtable[0] = x11InitialConn
		if out.WantTree && len(b) >= 10 {
			bo := "Big-endian"
			if b[0] == 'l' {
				bo = "Little-endian"
			} else if b[0] != 'B' {
				bo = "Unknown"
			}
			out.Add(x11Top("X11, Request, Initial connection request", p, []Field{
				UintField("x11.byte-order", "byte-order: "+hex2(b[0])+" ("+bo+")", 0, 1, uint64(b[0])),
				UintField("x11.protocol-major-version", "protocol-major-version: "+strconv.Itoa(st.u16(b[2:], order)), 2, 2, uint64(st.u16(b[2:], order))),
				UintField("x11.protocol-minor-version", "protocol-minor-version: "+strconv.Itoa(st.u16(b[4:], order)), 4, 2, uint64(st.u16(b[4:], order))),
				UintField("x11.authorization-protocol-name-length", "authorization-protocol-name-length: "+strconv.Itoa(st.u16(b[6:], order)), 6, 2, uint64(st.u16(b[6:], order))),
				UintField("x11.authorization-protocol-data-length", "authorization-protocol-data-length: "+strconv.Itoa(st.u16(b[8:], order)), 8, 2, uint64(st.u16(b[8:], order))),
			}))
		}
		return
	}
	plen := st.u16(b[2:], order)
	if plen == 0 {
		// "Bogus request length (0)": the column stays as it was
		if first && !joined {
			out.KeepTransportInfo()
		}
		st.callOpen = false // packet-x11.c reads no further in the segment
		return
	}
	sep := ","
	if first {
		x11Kind(out, "Requests", joined)
		sep = ":"
		st.callSep = true
	}
	st.seq++
	op := int(b[0])
	name := st.opcodeName(op)
	info := name
	ext := st.extName(op)
	if _, known := x11ExtMinors[ext]; known {
		info += "-" + x11MinorName(ext, b[1])
	}
	out.AppendInfo("", sep+" "+info)
	switch {
	case op == 98:
		if len(b) >= 8 {
			n := st.u16(b[4:], order)
			nb := b[8:min(len(b), 8+n)]
			extName := encASCII(nb)
			idx := -1
			for i, e := range st.exts {
				if e.name == extName {
					idx = i
					break
				}
			}
			if idx < 0 && len(st.exts) < 128 {
				st.exts = append(st.exts, x11Ext{name: extName, major: -1})
				idx = len(st.exts) - 1
			}
			if idx >= 0 {
				if st.valtable == nil {
					st.valtable = map[int]int{}
				}
				st.valtable[st.seq] = idx
			}
		}
		st.seqtable[st.seq] = op
	case x11ReplyOpcodes[byte(op)]:
		st.seqtable[st.seq] = op
	case op >= 128:
		st.seqtable[st.seq] = op | int(b[1])<<8
	}
	if !out.WantTree {
		return
	}
	opName := "Unknown"
	if op < 128 && x11Opcodes[op] != "" {
		opName = x11Opcodes[op]
	}
	kids := []Field{UintField("x11.opcode", "opcode: "+opName+" ("+strconv.Itoa(op)+")", 0, 1, uint64(op))}
	if _, known := x11ExtMinors[ext]; known {
		kids = append(kids, UintField("x11.extension-minor", "extension-minor: "+strconv.Itoa(int(b[1]))+" ("+x11MinorName(ext, b[1])+")", 1, 1, uint64(b[1])))
	}
	if op < 128 || ext != "" && x11ExtMinors[ext] != nil {
		// an extension tshark does not know reads nothing past the opcode
		kids = append(kids, UintField("x11.request-length", "request-length: "+strconv.Itoa(plen), 2, 2, uint64(plen)))
	}
	out.Add(x11Top("X11, Request, opcode: "+strconv.Itoa(op)+" ("+name+")", p, kids))
}

func x11Reply(p *PDU, out *Out, st *x11Conv, b []byte, first, joined bool) {
	if len(b) < 8 {
		return
	}
	order := st.order
	if order < 0 {
		order = 1
	}
	sep := ","
	kind := ""
	switch {
	case st.seqtable[st.seq] == x11InitialConn || st.iconnReply == p.Frame:
		kind = "Initial connection reply"
	case b[0] == 0:
		kind = "Error"
	case b[0] == 1:
		kind = "Reply"
	default:
		kind = "Event"
	}
	if first {
		x11Kind(out, kind, joined)
		sep = ":"
		st.callSep = true
	}
	switch kind {
	case "Initial connection reply":
		st.iconnReply = p.Frame
		if out.WantTree {
			out.Add(x11Top("X11, Reply, Initial connection reply", p, []Field{
				UintField("x11.success", "success: "+strconv.Itoa(int(b[0])), 0, 1, uint64(b[0])),
				UintField("x11.protocol-major-version", "protocol-major-version: "+strconv.Itoa(st.u16(b[2:], order)), 2, 2, uint64(st.u16(b[2:], order))),
				UintField("x11.protocol-minor-version", "protocol-minor-version: "+strconv.Itoa(st.u16(b[4:], order)), 4, 2, uint64(st.u16(b[4:], order))),
				UintField("x11.replylength", "replylength: "+strconv.Itoa(st.u16(b[6:], order)), 6, 2, uint64(st.u16(b[6:], order))),
			}))
		}
	case "Error":
		code := b[1]
		name := "<Unknown errorcode " + strconv.Itoa(int(code)) + ">"
		if int(code) < len(x11Errors) {
			name = x11Errors[code]
		}
		out.AppendInfo("", sep+" "+name)
		if out.WantTree {
			kids := []Field{
				UintField("x11.error", "error: 0", 0, 1, 0),
				UintField("x11.errorcode", "errorcode: "+strconv.Itoa(int(code))+" ("+name+")", 1, 1, uint64(code)),
				UintField("x11.error_sequencenumber", "error_sequencenumber: "+strconv.Itoa(st.u16(b[2:], order)), 2, 2, uint64(st.u16(b[2:], order))),
			}
			if len(b) >= 10 {
				kids = append(kids, UintField("x11.minor-opcode", "minor-opcode: "+strconv.Itoa(st.u16(b[8:], order)), 8, 2, uint64(st.u16(b[8:], order))))
			}
			out.Add(x11Top("X11, Error, errorcode: "+strconv.Itoa(int(code))+" ("+name+")", p, kids))
		}
	case "Reply":
		seq := st.u16(b[2:], order)
		op := st.seqtable[seq]
		if st.iconnFrame < 0 && !st.resync {
			st.seq, st.resync = seq, true
		}
		label := "X11, Reply to unknown request"
		if op == x11Unknown || op < 0 {
			out.AppendInfo("", sep+" to unknown request")
		} else {
			name := st.opcodeName(op & 0xff)
			info := name
			if op == 98 && len(b) >= 12 && b[8] != 0 {
				if idx, ok := st.valtable[seq]; ok && idx < len(st.exts) {
					st.exts[idx].major = int(b[9])
					delete(st.valtable, seq)
				}
			}
			if op > 0xff || op >= 128 {
				ext := st.extName(op & 0xff)
				if _, known := x11ExtMinors[ext]; known {
					info += "-" + x11MinorName(ext, byte(op>>8))
				}
			}
			out.AppendInfo("", sep+" "+info)
			if op > 0xff {
				label = "X11, Reply, opcode: " + strconv.Itoa(op&0xff) + "." + strconv.Itoa(op>>8) + " (" + name + ")"
			} else {
				label = "X11, Reply, opcode: " + strconv.Itoa(op) + " (" + name + ")"
			}
		}
		if out.WantTree {
			out.Add(x11Top(label, p, []Field{
				UintField("x11.reply", "reply: 1", 0, 1, 1),
				UintField("x11.replylength", "replylength: "+strconv.FormatUint(uint64(st.u32(b[4:], order)), 10), 4, 4, uint64(st.u32(b[4:], order))),
			}))
		}
	default:
		code := int(b[0])
		sent := ""
		if code&0x80 != 0 {
			sent = "Sent-"
		}
		name := "<Unknown eventcode " + strconv.Itoa(code&0x7f) + ">"
		if c := code & 0x7f; c < len(x11Events) && x11Events[c] != "" {
			name = x11Events[c]
		}
		out.AppendInfo("", sep+" "+sent+name)
		if out.WantTree {
			out.Add(x11Top("X11, Event, eventcode: "+strconv.Itoa(code)+" ("+sent+name+")", p, []Field{
				UintField("x11.eventcode", "eventcode: "+strconv.Itoa(code)+" ("+sent+name+")", 0, 1, uint64(code)),
			}))
		}
	}
}

var x11Dissector = &Dissector{
	Name:    "x11",
	Dissect: x11Dissect,
	PDULen:  x11PDULen,
	Fields: []FieldDef{
		{Name: "x11.opcode", Desc: "opcode", Kind: FieldUint, Bits: 8},
		{Name: "x11.request-length", Desc: "request-length", Kind: FieldUint, Bits: 16},
		{Name: "x11.byte-order", Desc: "byte-order", Kind: FieldUint, Bits: 8},
		{Name: "x11.protocol-major-version", Desc: "protocol-major-version", Kind: FieldUint, Bits: 16},
		{Name: "x11.protocol-minor-version", Desc: "protocol-minor-version", Kind: FieldUint, Bits: 16},
		{Name: "x11.authorization-protocol-name-length", Desc: "authorization-protocol-name-length", Kind: FieldUint, Bits: 16},
		{Name: "x11.authorization-protocol-data-length", Desc: "authorization-protocol-data-length", Kind: FieldUint, Bits: 16},
		{Name: "x11.success", Desc: "success", Kind: FieldUint, Bits: 8},
		{Name: "x11.replylength", Desc: "replylength", Kind: FieldUint, Bits: 32},
		{Name: "x11.reply", Desc: "reply", Kind: FieldUint, Bits: 8},
		{Name: "x11.errorcode", Desc: "errorcode", Kind: FieldUint, Bits: 8},
		{Name: "x11.error", Desc: "error", Kind: FieldUint, Bits: 8},
		{Name: "x11.error_sequencenumber", Desc: "error_sequencenumber", Kind: FieldUint, Bits: 16},
		{Name: "x11.minor-opcode", Desc: "minor-opcode", Kind: FieldUint, Bits: 16},
		{Name: "x11.extension-minor", Desc: "extension-minor", Kind: FieldUint, Bits: 8},
		{Name: "x11.eventcode", Desc: "eventcode", Kind: FieldUint, Bits: 8},
	},
}

func init() {
	ports := make([]uint16, 0, x11PortLast-x11PortFirst+1)
	for p := uint16(x11PortFirst); p <= x11PortLast; p++ {
		ports = append(ports, p)
	}
	RegisterTCP(x11Dissector, ports...)
}
