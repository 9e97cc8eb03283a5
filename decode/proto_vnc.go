package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// VNC, the Remote Framebuffer protocol (RFC 6143), on TCP 5500-5501 and
// 5900-5901 and, by the 12-byte "RFB xxx.yyy\n" version message, on any
// port. Shown as packet-vnc.c in tshark 4.0 does: RFB has no framing, so the
// dissector reads each segment as the message the conversation's handshake
// state expects next (server version, client version, security types,
// the client's choice, VNC authentication's challenge and response, the
// result, ClientInit, ServerInit), whichever side sent it, and then client
// messages (one per segment, as packet-vnc.c reads them) and server
// messages (all a segment holds, their Info joined by "; "). Hand-written:
// gopacket has no RFB layer.

// VNC's well-known TCP ports (packet-vnc.c's VNC_PORT_RANGE).
const (
	portVNCListen0 = 5500
	portVNCListen1 = 5501
	portVNC0       = 5900
	portVNC1       = 5901
	vncVersionLen  = 12 // "RFB 003.008\n"
)

// vncState is the handshake message a conversation expects next
// (packet-vnc.c's vnc_session_state_e, the states ladder reads).
type vncState uint8

const (
	vncServerVersion vncState = iota
	vncClientVersion
	vncSecurity
	vncSecurityTypes
	vncAuthChallenge
	vncAuthResponse
	vncSecurityResult
	vncClientInit
	vncServerInit
	vncNormal
	// vncUnread is a security type whose exchange ladder does not read
	// (Tight, VeNCrypt, Apple Remote Desktop): later segments are VNC
	// with an empty Info.
	vncUnread
)

// RFB security types (RFC 6143 §7.1.2 and packet-vnc.c's list).
const (
	vncSecInvalid  = 0
	vncSecNone     = 1
	vncSecVNC      = 2
	vncSecTight    = 16
	vncSecVeNCrypt = 19
	vncSecARD      = 30
)

var vncSecurityTypeNames = map[uint32]string{0: "Invalid", 1: "None", 2: "VNC", 5: "RA2", 6: "RA2ne",
	16: "Tight", 17: "Ultra", 18: "TLS", 19: "VeNCrypt", 20: "GTK-VNC SASL", 30: "Apple Remote Desktop"}

// RFB client message types (RFC 6143 §7.5 and extensions packet-vnc.c names).
const (
	vncSetPixelFormat   = 0
	vncSetEncodings     = 2
	vncFBUpdateRequest  = 3
	vncKeyEvent         = 4
	vncPointerEvent     = 5
	vncClientCutText    = 6
	vncEnableContinuous = 150
)

var vncClientMsgNames = map[byte]string{0: "Set Pixel Format", 2: "Set Encodings", 3: "Framebuffer Update Request",
	4: "Key Event", 5: "Pointer Event", 6: "Cut Text", 128: "MirrorLink", 150: "Enable Continuous Updates",
	248: "Fence", 250: "Xvp", 251: "Setr Desktop Size", 252: "Tight", 253: "Gii", 255: "Qemu"}

// RFB server message types (RFC 6143 §7.6).
const (
	vncFramebufferUpdate = 0
	vncSetColourMap      = 1
	vncBell              = 2
	vncServerCutText     = 3
	vncEndContinuous     = 150
)

var vncServerMsgNames = map[byte]string{0: "Framebuffer Update", 1: "Set Colormap Entries", 2: "Ring Bell",
	3: "Cut Text", 128: "MirrorLink", 150: "End Continuous Updates", 248: "Fence", 250: "Xvp", 252: "Tight",
	253: "Gii", 255: "Qemu"}

// RFB encodings a framebuffer update's rectangles may use.
const (
	vncEncRaw         = 0
	vncEncCopyRect    = 1
	vncEncLastRect    = -224
	vncEncDesktopSize = -223
)

var vncEncodingNames = map[int32]string{-223: "DesktopSize (pseudo)", -224: "LastRect (pseudo)",
	-232: "Pointer pos (pseudo)", -239: "Rich Cursor (pseudo)", -240: "X Cursor (pseudo)", 0: "Raw",
	1: "CopyRect", 2: "RRE", 4: "CoRRE", 5: "Hextile", 6: "Zlib", 7: "Tight", 8: "ZlibHex", 9: "Ultra",
	16: "ZRLE", 17: "Hitachi ZYWRLE", -65535: "Enable Caching", -32768: "Server State",
	-32767: "Enable Keep Alive", -32766: "FTP protocol version", -307: "Desktop Name",
	-308: "Extended Desktop Size", -131072: "Keyboard LED State", -131071: "Supported Messages",
	-131070: "Supported Encodings", -131069: "Server Identity", -523: "MirrorLink",
	-524: "Context Information", -525: "SLRLE", -526: "Transform", -527: "HSML", 0x48323634: "H264"}

func vncEncodingName(e int32) string {
	if e >= -32 && e <= -23 {
		return "JPEG quality level " + strconv.Itoa(int(e+32))
	}
	if e >= -256 && e <= -247 {
		return "Compression level " + strconv.Itoa(int(e+256))
	}
	if s, ok := vncEncodingNames[e]; ok {
		return s
	}
	return "Unknown"
}

// vncConv is what a VNC conversation keeps between segments.
type vncConv struct {
	next vncState
	// clientVer is the client's version as thousandths (3.008 is 3008):
	// packet-vnc.c compares it with 3.007 and 3.008.
	clientVer int
	// serverPort is the port the server's version message came from.
	serverPort uint16
	// bpp is the bytes per pixel the last ServerInit or SetPixelFormat set.
	bpp int
}

var vnc = &Dissector{
	Name:      "vnc",
	Dissect:   dissectVNC,
	PDULen:    func(c *Conv, dir uint8, b []byte) int { return len(b) },
	Heuristic: vncIsVersion,
	Fields: []FieldDef{
		{Name: "vnc.server_proto_ver", Desc: "Server protocol version", Kind: FieldString},
		{Name: "vnc.client_proto_ver", Desc: "Client protocol version", Kind: FieldString},
		{Name: "vnc.num_security_types", Desc: "Number of security types", Kind: FieldUint, Bits: 8},
		{Name: "vnc.security_type", Desc: "Security type offered", Kind: FieldUint, Bits: 8},
		{Name: "vnc.server_security_type", Desc: "Security type the server chose (RFB 3.3)", Kind: FieldUint, Bits: 32},
		{Name: "vnc.client_security_type", Desc: "Security type selected by the client", Kind: FieldUint, Bits: 8},
		{Name: "vnc.auth_challenge", Desc: "Authentication challenge", Kind: FieldBytes},
		{Name: "vnc.auth_response", Desc: "Authentication response", Kind: FieldBytes},
		{Name: "vnc.auth_result", Desc: "Authentication result (0 OK, 1 failed)", Kind: FieldBool},
		{Name: "vnc.auth_error_len", Desc: "Length of authentication error", Kind: FieldUint, Bits: 32},
		{Name: "vnc.auth_error", Desc: "Authentication error", Kind: FieldString},
		{Name: "vnc.share_desktop_flag", Desc: "Share desktop flag", Kind: FieldBool},
		{Name: "vnc.width", Desc: "Framebuffer width", Kind: FieldUint, Bits: 16},
		{Name: "vnc.height", Desc: "Framebuffer height", Kind: FieldUint, Bits: 16},
		{Name: "vnc.server_bits_per_pixel", Desc: "Bits per pixel (ServerInit)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.server_depth", Desc: "Depth (ServerInit)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.server_big_endian_flag", Desc: "Big endian flag (ServerInit)", Kind: FieldBool},
		{Name: "vnc.server_true_color_flag", Desc: "True color flag (ServerInit)", Kind: FieldBool},
		{Name: "vnc.server_red_max", Desc: "Red maximum (ServerInit)", Kind: FieldUint, Bits: 16},
		{Name: "vnc.server_green_max", Desc: "Green maximum (ServerInit)", Kind: FieldUint, Bits: 16},
		{Name: "vnc.server_blue_max", Desc: "Blue maximum (ServerInit)", Kind: FieldUint, Bits: 16},
		{Name: "vnc.server_red_shift", Desc: "Red shift (ServerInit)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.server_green_shift", Desc: "Green shift (ServerInit)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.server_blue_shift", Desc: "Blue shift (ServerInit)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.padding", Desc: "Padding", Kind: FieldLabel},
		{Name: "vnc.desktop_name_len", Desc: "Desktop name length", Kind: FieldUint, Bits: 32},
		{Name: "vnc.desktop_name", Desc: "Desktop name", Kind: FieldString},
		{Name: "vnc.client_message_type", Desc: "Client message type", Kind: FieldUint, Bits: 8},
		{Name: "vnc.client_bits_per_pixel", Desc: "Bits per pixel (SetPixelFormat)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.client_depth", Desc: "Depth (SetPixelFormat)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.client_big_endian_flag", Desc: "Big endian flag (SetPixelFormat)", Kind: FieldBool},
		{Name: "vnc.client_true_color_flag", Desc: "True color flag (SetPixelFormat)", Kind: FieldBool},
		{Name: "vnc.client_red_max", Desc: "Red maximum (SetPixelFormat)", Kind: FieldUint, Bits: 16},
		{Name: "vnc.client_green_max", Desc: "Green maximum (SetPixelFormat)", Kind: FieldUint, Bits: 16},
		{Name: "vnc.client_blue_max", Desc: "Blue maximum (SetPixelFormat)", Kind: FieldUint, Bits: 16},
		{Name: "vnc.client_red_shift", Desc: "Red shift (SetPixelFormat)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.client_green_shift", Desc: "Green shift (SetPixelFormat)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.client_blue_shift", Desc: "Blue shift (SetPixelFormat)", Kind: FieldUint, Bits: 8},
		{Name: "vnc.client_set_encodings_num", Desc: "Number of encodings", Kind: FieldUint, Bits: 16},
		{Name: "vnc.client_set_encodings_encoding_type", Desc: "Encoding type (SetEncodings)", Kind: FieldUint, Bits: 32},
		{Name: "vnc.update_req_incremental", Desc: "Incremental update", Kind: FieldBool},
		{Name: "vnc.update_req_x_pos", Desc: "Update request X position", Kind: FieldUint, Bits: 16},
		{Name: "vnc.update_req_y_pos", Desc: "Update request Y position", Kind: FieldUint, Bits: 16},
		{Name: "vnc.update_req_width", Desc: "Update request width", Kind: FieldUint, Bits: 16},
		{Name: "vnc.update_req_height", Desc: "Update request height", Kind: FieldUint, Bits: 16},
		{Name: "vnc.key_down", Desc: "Key down", Kind: FieldBool},
		{Name: "vnc.key", Desc: "Key (X keysym)", Kind: FieldUint, Bits: 32},
		{Name: "vnc.button_1_pos", Desc: "Mouse button #1 pressed", Kind: FieldBool},
		{Name: "vnc.button_2_pos", Desc: "Mouse button #2 pressed", Kind: FieldBool},
		{Name: "vnc.button_3_pos", Desc: "Mouse button #3 pressed", Kind: FieldBool},
		{Name: "vnc.button_4_pos", Desc: "Mouse button #4 pressed", Kind: FieldBool},
		{Name: "vnc.button_5_pos", Desc: "Mouse button #5 pressed", Kind: FieldBool},
		{Name: "vnc.button_6_pos", Desc: "Mouse button #6 pressed", Kind: FieldBool},
		{Name: "vnc.button_7_pos", Desc: "Mouse button #7 pressed", Kind: FieldBool},
		{Name: "vnc.button_8_pos", Desc: "Mouse button #8 pressed", Kind: FieldBool},
		{Name: "vnc.pointer_x_pos", Desc: "Pointer X position", Kind: FieldUint, Bits: 16},
		{Name: "vnc.pointer_y_pos", Desc: "Pointer Y position", Kind: FieldUint, Bits: 16},
		{Name: "vnc.server_message_type", Desc: "Server message type", Kind: FieldUint, Bits: 8},
		{Name: "vnc.fb_update_num_rects", Desc: "Number of rectangles", Kind: FieldUint, Bits: 16},
		{Name: "vnc.fb_update_x_pos", Desc: "Rectangle X position", Kind: FieldUint, Bits: 16},
		{Name: "vnc.fb_update_y_pos", Desc: "Rectangle Y position", Kind: FieldUint, Bits: 16},
		{Name: "vnc.fb_update_width", Desc: "Rectangle width", Kind: FieldUint, Bits: 16},
		{Name: "vnc.fb_update_height", Desc: "Rectangle height", Kind: FieldUint, Bits: 16},
		{Name: "vnc.fb_update_encoding_type", Desc: "Rectangle encoding type", Kind: FieldUint, Bits: 32},
		{Name: "vnc.raw_pixel_data", Desc: "Raw pixel data", Kind: FieldBytes},
	},
}

func init() {
	RegisterTCP(vnc, portVNCListen0, portVNCListen1, portVNC0, portVNC1)
}

// vncIsVersion is packet-vnc.c's version check (and heuristic): exactly
// 12 bytes, "RFB " (any case), a dot at 7, a newline at 11 (or the NUL
// old gtk-vnc sent).
func vncIsVersion(b []byte) bool {
	if len(b) != vncVersionLen {
		return false
	}
	for i, c := range []byte("RFB ") {
		if b[i]|0x20 != c|0x20 {
			return false
		}
	}
	return b[7] == '.' && (b[11] == '\n' || b[11] == 0)
}

// vncVersionValue reads "xxx.yyy" as thousandths, as g_ascii_strtod reads
// it for packet-vnc.c's comparisons (digits it cannot read count as 0).
func vncVersionValue(b []byte) int {
	major, _ := strconv.Atoi(string(b[4:7]))
	minor, _ := strconv.Atoi(string(b[8:11]))
	return major*1000 + minor
}

func dissectVNC(p *PDU, out *Out) bool {
	st, _ := p.Conv.State.(*vncConv)
	if st == nil {
		st = &vncConv{}
		if p.Conv != nil {
			p.Conv.State = st
		}
	}
	out.SetProto("VNC")
	out.SetInfo("")
	b := p.Data
	v := &vncTree{b: b}
	top := Field{Name: "vnc", Label: "Virtual Network Computing", Len: len(b), Kind: FieldProto}
	if len(b) > 0 {
		if !st.startup(p, out, v) {
			toServer := p.DstPort == st.serverPort || p.DstPort == portVNCListen0 || p.DstPort == portVNCListen1 ||
				p.DstPort == portVNC0 || p.DstPort == portVNC1
			if toServer {
				st.clientMessage(out, v)
			} else {
				st.serverMessages(out, v)
			}
		}
	}
	if v.short {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		top.Children = v.fs
		out.Add(top)
	}
	return true
}

// vncTree collects the fields of one segment and notes a read past its
// end (tshark's exception, which ends the dissection).
type vncTree struct {
	b     []byte
	fs    []Field
	short bool
}

// has says whether n bytes from off are in the segment, noting when not.
func (v *vncTree) has(off, n int) bool {
	if off+n > len(v.b) || n < 0 {
		v.short = true
		return false
	}
	return true
}

func (v *vncTree) u8(off int) uint64  { return uint64(v.b[off]) }
func (v *vncTree) u16(off int) uint64 { return uint64(binary.BigEndian.Uint16(v.b[off:])) }
func (v *vncTree) u32(off int) uint64 { return uint64(binary.BigEndian.Uint32(v.b[off:])) }

// uint adds an unsigned field "Label: value" of n bytes (1, 2 or 4) to fs.
func (v *vncTree) uint(fs *[]Field, name, label string, off, n int) bool {
	if !v.has(off, n) {
		return false
	}
	var x uint64
	switch n {
	case 1:
		x = v.u8(off)
	case 2:
		x = v.u16(off)
	default:
		x = v.u32(off)
	}
	*fs = append(*fs, UintField(name, label+": "+strconv.FormatUint(x, 10), off, n, x))
	return true
}

// flag adds an 8-bit boolean shown as True/False.
func (v *vncTree) flag(fs *[]Field, name, label string, off int) bool {
	if !v.has(off, 1) {
		return false
	}
	x := v.u8(off)
	s := "False"
	if x != 0 {
		s = "True"
	}
	*fs = append(*fs, Field{Name: name, Label: label + ": " + s, Start: off, Len: 1, Kind: FieldBool, Num: min(x, 1)})
	return true
}

func (v *vncTree) padding(fs *[]Field, off, n int) bool {
	if !v.has(off, n) {
		return false
	}
	*fs = append(*fs, Field{Name: "vnc.padding", Label: "Padding", Start: off, Len: n})
	return true
}

func (v *vncTree) bytes(fs *[]Field, name, label string, off, n int) bool {
	if !v.has(off, n) {
		return false
	}
	d := v.b[off : off+n]
	*fs = append(*fs, Field{Name: name, Label: label + ": " + hexTrunc(d), Start: off, Len: n, Kind: FieldBytes, Str: string(d)})
	return true
}

// str adds an ASCII string field of n bytes.
func (v *vncTree) str(fs *[]Field, name, label string, off, n int) bool {
	if !v.has(off, n) {
		return false
	}
	s := string(v.b[off : off+n])
	*fs = append(*fs, StrField(name, label+": "+Printable(s), off, n, s))
	return true
}

// startup reads a handshake message; false once the handshake is over.
func (st *vncConv) startup(p *PDU, out *Out, v *vncTree) bool {
	b := v.b
	switch st.next {
	case vncServerVersion, vncClientVersion:
		if !vncIsVersion(b) {
			return true // packet-vnc.c waits for a version message
		}
		name, who := "vnc.server_proto_ver", "Server"
		if st.next == vncClientVersion {
			name, who = "vnc.client_proto_ver", "Client"
		}
		ver := Printable(string(b[4:11]))
		v.fs = append(v.fs, StrField(name, who+" protocol version: "+ver, 4, 7, string(b[4:11])))
		out.SetInfo(who + " protocol version: " + ver)
		if st.next == vncServerVersion {
			st.serverPort = p.SrcPort
			st.next = vncClientVersion
		} else {
			st.clientVer = vncVersionValue(b)
			st.next = vncSecurity
		}
	case vncSecurity:
		out.SetInfo("Security types supported")
		if st.clientVer >= 3007 {
			n := int(b[0])
			v.uint(&v.fs, "vnc.num_security_types", "Number of security types", 0, 1)
			for i := 1; i <= n; i++ {
				if !v.has(i, 1) {
					break
				}
				t := uint32(b[i])
				v.fs = append(v.fs, UintField("vnc.security_type", fmt.Sprintf("Security type: %s (%d)", vncSecurityName(t), t), i, 1, uint64(t)))
			}
			st.next = vncSecurityTypes
			break
		}
		// RFB 3.3: the server decides, as a 32-bit type
		if !v.has(0, 4) {
			break
		}
		t := uint32(v.u32(0))
		v.fs = append(v.fs, UintField("vnc.server_security_type", fmt.Sprintf("Security type: %s (%d)", vncSecurityName(t), t), 0, 4, uint64(t)))
		switch uint8(t) { // packet-vnc.c keeps the low byte
		case vncSecInvalid:
			st.next = vncSecurityTypes
		case vncSecNone:
			st.next = vncClientInit
		case vncSecVNC:
			st.next = vncAuthChallenge
		case vncSecARD:
			st.next = vncUnread
		}
	case vncSecurityTypes:
		t := uint32(b[0])
		v.fs = append(v.fs, UintField("vnc.client_security_type", fmt.Sprintf("Security type selected: %s (%d)", vncSecurityName(t), t), 0, 1, uint64(t)))
		out.SetInfo(fmt.Sprintf("Security type %s (%d) selected by client", vncSecurityName(t), t))
		switch t {
		case vncSecNone:
			if st.clientVer >= 3008 {
				st.next = vncSecurityResult
			} else {
				st.next = vncClientInit
			}
		case vncSecVNC:
			st.next = vncAuthChallenge
		case vncSecTight, vncSecARD, vncSecVeNCrypt:
			st.next = vncUnread
		}
	case vncAuthChallenge:
		out.SetInfo("Authentication challenge from server")
		v.bytes(&v.fs, "vnc.auth_challenge", "Authentication challenge", 0, 16)
		st.next = vncAuthResponse
	case vncAuthResponse:
		out.SetInfo("Authentication response from client")
		v.bytes(&v.fs, "vnc.auth_response", "Authentication response", 0, 16)
		st.next = vncSecurityResult
	case vncSecurityResult:
		out.SetInfo("Authentication result")
		if !v.has(0, 4) {
			break
		}
		r := v.u32(0)
		label := "OK"
		if r&1 != 0 {
			label = "Failed"
		}
		v.fs = append(v.fs, Field{Name: "vnc.auth_result", Label: bitString(uint32(r), 32, 1) + " = Authentication result: " + label,
			Start: 0, Len: 4, Kind: FieldBool, Num: r & 1})
		switch r {
		case 0:
			st.next = vncClientInit
		case 1:
			// the connection closes; packet-vnc.c stays in this state
			if st.clientVer >= 3008 && v.uint(&v.fs, "vnc.auth_error_len", "Length of authentication error", 4, 4) {
				v.str(&v.fs, "vnc.auth_error", "Authentication error", 8, int(min(v.u32(4), uint64(len(b)))))
			}
		}
	case vncClientInit:
		out.SetInfo("Share desktop flag")
		v.flag(&v.fs, "vnc.share_desktop_flag", "Share desktop flag", 0)
		st.next = vncServerInit
	case vncServerInit:
		out.SetInfo("Server framebuffer parameters")
		if len(b) >= 5 {
			st.bpp = int(b[4]) / 8
		}
		if !st.pixelFormat(v, &v.fs, "server", 0) {
			break
		}
		if len(b)-20 > 4 {
			if v.uint(&v.fs, "vnc.desktop_name_len", "Desktop name length", 20, 4) {
				v.str(&v.fs, "vnc.desktop_name", "Desktop name", 24, int(min(v.u32(20), uint64(len(b)))))
			}
		}
		st.next = vncNormal
	case vncUnread:
	default:
		return false
	}
	return true
}

// pixelFormat reads ServerInit's or SetPixelFormat's framebuffer size (only
// ServerInit has it, at off) and 16-byte pixel format, as "server" or
// "client" fields.
func (st *vncConv) pixelFormat(v *vncTree, fs *[]Field, side string, off int) bool {
	if side == "server" {
		if !v.uint(fs, "vnc.width", "Framebuffer width", off, 2) || !v.uint(fs, "vnc.height", "Framebuffer height", off+2, 2) {
			return false
		}
		off += 4
	}
	pre := "vnc." + side + "_"
	return v.uint(fs, pre+"bits_per_pixel", "Bits per pixel", off, 1) &&
		v.uint(fs, pre+"depth", "Depth", off+1, 1) &&
		v.flag(fs, pre+"big_endian_flag", "Big endian flag", off+2) &&
		v.flag(fs, pre+"true_color_flag", "True color flag", off+3) &&
		v.uint(fs, pre+"red_max", "Red maximum", off+4, 2) &&
		v.uint(fs, pre+"green_max", "Green maximum", off+6, 2) &&
		v.uint(fs, pre+"blue_max", "Blue maximum", off+8, 2) &&
		v.uint(fs, pre+"red_shift", "Red shift", off+10, 1) &&
		v.uint(fs, pre+"green_shift", "Green shift", off+11, 1) &&
		v.uint(fs, pre+"blue_shift", "Blue shift", off+12, 1) &&
		v.padding(fs, off+13, 3)
}

func vncSecurityName(t uint32) string {
	if s, ok := vncSecurityTypeNames[t]; ok {
		return s
	}
	return "Unknown"
}

// clientMessage reads the one client message packet-vnc.c reads from a
// segment (the bytes after it are not looked at).
func (st *vncConv) clientMessage(out *Out, v *vncTree) {
	b := v.b
	t := b[0]
	name, ok := vncClientMsgNames[t]
	if !ok {
		name = "Unknown"
	}
	msg := UintField("vnc.client_message_type", fmt.Sprintf("Client Message Type: %s (%d)", name, t), 0, 1, uint64(t))
	fs := &msg.Children
	switch t {
	case vncSetPixelFormat:
		out.SetInfo("Client set pixel format")
		if len(b) >= 5 {
			st.bpp = int(b[4]) / 8
		}
		v.padding(fs, 1, 3)
		st.pixelFormat(v, fs, "client", 4)
	case vncSetEncodings:
		out.SetInfo("Client set encodings")
		if v.padding(fs, 1, 1) && v.uint(fs, "vnc.client_set_encodings_num", "Number of encodings", 2, 2) {
			n := int(v.u16(2))
			for i := 0; i < n; i++ {
				off := 4 + 4*i
				if !v.has(off, 4) {
					break
				}
				e := int32(v.u32(off))
				*fs = append(*fs, UintField("vnc.client_set_encodings_encoding_type",
					fmt.Sprintf("Encoding type: %s (%d)", vncEncodingName(e), e), off, 4, uint64(uint32(e))))
			}
		}
	case vncFBUpdateRequest:
		out.SetInfo("Client framebuffer update request")
		if v.has(1, 1) {
			inc := v.u8(1)
			s := "False"
			if inc != 0 {
				s = "True"
			}
			*fs = append(*fs, Field{Name: "vnc.update_req_incremental", Label: "Incremental update: " + s, Start: 1, Len: 1, Kind: FieldBool, Num: min(inc, 1)})
			_ = v.uint(fs, "vnc.update_req_x_pos", "X position", 2, 2) && v.uint(fs, "vnc.update_req_y_pos", "Y position", 4, 2) &&
				v.uint(fs, "vnc.update_req_width", "Width", 6, 2) && v.uint(fs, "vnc.update_req_height", "Height", 8, 2)
		}
	case vncKeyEvent:
		out.SetInfo("Client key event")
		if v.has(1, 1) {
			down := v.u8(1)
			s := "No"
			if down != 0 {
				s = "Yes"
			}
			*fs = append(*fs, Field{Name: "vnc.key_down", Label: "Key down: " + s, Start: 1, Len: 1, Kind: FieldBool, Num: min(down, 1)})
			if v.padding(fs, 2, 2) && v.has(4, 4) {
				k := uint32(v.u32(4))
				*fs = append(*fs, UintField("vnc.key", fmt.Sprintf("Key: %s (0x%08x)", x11KeysymName(k), k), 4, 4, uint64(k)))
			}
		}
	case vncPointerEvent:
		out.SetInfo("Client pointer event")
		if v.has(1, 1) {
			m := v.u8(1)
			for i := 0; i < 8; i++ {
				s := "Not pressed"
				if m>>i&1 != 0 {
					s = "Pressed"
				}
				*fs = append(*fs, Field{Name: "vnc.button_" + strconv.Itoa(i+1) + "_pos",
					Label: fmt.Sprintf("%s = Mouse button #%d position: %s", bitString(uint32(m), 8, 1<<i), i+1, s),
					Start: 1, Len: 1, Kind: FieldBool, Num: m >> i & 1})
			}
			_ = v.uint(fs, "vnc.pointer_x_pos", "X position", 2, 2) && v.uint(fs, "vnc.pointer_y_pos", "Y position", 4, 2)
		}
	case vncClientCutText:
		out.SetInfo("Client cut text")
	case vncEnableContinuous:
		out.AppendInfo("; ", "Client Enable Continuous Updates")
	default:
		out.AppendInfo("; ", fmt.Sprintf("Unknown client message type (%d)", t))
	}
	v.fs = append(v.fs, msg)
}

// serverMessages reads the server messages of a segment, as long as
// ladder knows how long each is.
func (st *vncConv) serverMessages(out *Out, v *vncTree) {
	b := v.b
	for off := 0; off < len(b) && !v.short; {
		t := b[off]
		name, ok := vncServerMsgNames[t]
		if !ok {
			name = "Unknown"
		}
		msg := UintField("vnc.server_message_type", fmt.Sprintf("Server Message Type: %s (%d)", name, t), off, 1, uint64(t))
		next := -1
		switch t {
		case vncFramebufferUpdate:
			out.AppendInfo("; ", "Server framebuffer update")
			next = st.framebufferUpdate(v, &msg.Children, off+1)
		case vncBell:
			out.AppendInfo("; ", "Server ring bell on client")
			next = off + 1
		case vncSetColourMap:
			out.AppendInfo("; ", "Server set colormap entries")
		case vncServerCutText:
			out.AppendInfo("; ", "Server cut text")
		case vncEndContinuous:
			out.AppendInfo("; ", "Server End Continuous Updates")
			next = off + 1
		default:
			out.AppendInfo("; ", "Unknown server message type")
		}
		v.fs = append(v.fs, msg)
		if next <= off {
			return
		}
		off = next
	}
}

// framebufferUpdate reads a FramebufferUpdate after its type byte and
// returns the offset after it, or -1 when a rectangle's encoding is one
// ladder does not measure.
func (st *vncConv) framebufferUpdate(v *vncTree, fs *[]Field, off int) int {
	if !v.padding(fs, off, 1) || !v.uint(fs, "vnc.fb_update_num_rects", "Number of rectangles", off+1, 2) {
		return -1
	}
	n := int(v.u16(off + 1))
	off += 3
	for i := 1; i <= n; i++ {
		if !v.has(off, 12) {
			return -1
		}
		r := Field{Label: "Rectangle #" + strconv.Itoa(i), Start: off, Len: 12}
		v.uint(&r.Children, "vnc.fb_update_x_pos", "X position", off, 2)
		v.uint(&r.Children, "vnc.fb_update_y_pos", "Y position", off+2, 2)
		v.uint(&r.Children, "vnc.fb_update_width", "Width", off+4, 2)
		v.uint(&r.Children, "vnc.fb_update_height", "Height", off+6, 2)
		w, h := int(v.u16(off+4)), int(v.u16(off+6))
		e := int32(v.u32(off + 8))
		enc := UintField("vnc.fb_update_encoding_type", fmt.Sprintf("Encoding type: %s (%d)", vncEncodingName(e), e), off+8, 4, uint64(uint32(e)))
		off += 12
		next := -1
		switch e {
		case vncEncRaw:
			n := w * h * st.bpp
			if v.bytes(&enc.Children, "vnc.raw_pixel_data", "Pixel data", off, n) {
				next = off + n
			}
		case vncEncDesktopSize:
			next = off
		}
		r.Children = append(r.Children, enc)
		*fs = append(*fs, r)
		if e == vncEncLastRect {
			return off
		}
		if next < 0 {
			return -1
		}
		off = next
	}
	return off
}

// x11KeysymName names an X keysym as Wireshark's X11 table does, for the
// Latin-1 keys and the common function keys; others are "Unknown".
func x11KeysymName(k uint32) string {
	switch {
	case k >= '0' && k <= '9' || k >= 'A' && k <= 'Z' || k >= 'a' && k <= 'z':
		return string(rune(k))
	}
	if s, ok := x11Keysyms[k]; ok {
		return s
	}
	return "Unknown"
}

var x11Keysyms = map[uint32]string{0x20: "space", 0x21: "exclam", 0x22: "quotedbl", 0x23: "numbersign",
	0x24: "dollar", 0x25: "percent", 0x26: "ampersand", 0x27: "apostrophe", 0x28: "parenleft", 0x29: "parenright",
	0x2a: "asterisk", 0x2b: "plus", 0x2c: "comma", 0x2d: "minus", 0x2e: "period", 0x2f: "slash", 0x3a: "colon",
	0x3b: "semicolon", 0x3c: "less", 0x3d: "equal", 0x3e: "greater", 0x3f: "question", 0x40: "at",
	0x5b: "bracketleft", 0x5c: "backslash", 0x5d: "bracketright", 0x5e: "asciicircum", 0x5f: "underscore",
	0x60: "grave", 0x7b: "braceleft", 0x7c: "bar", 0x7d: "braceright", 0x7e: "asciitilde",
	0xff08: "BackSpace", 0xff09: "Tab", 0xff0d: "Return", 0xff1b: "Escape", 0xffff: "Delete", 0xff50: "Home",
	0xff51: "Left", 0xff52: "Up", 0xff53: "Right", 0xff54: "Down", 0xff55: "Prior", 0xff56: "Next", 0xff57: "End",
	0xffe1: "Shift_L", 0xffe2: "Shift_R", 0xffe3: "Control_L", 0xffe4: "Control_R", 0xffe9: "Alt_L", 0xffea: "Alt_R"}
