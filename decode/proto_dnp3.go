package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// DNP3 (IEEE 1815) on TCP and UDP port 20000, as tshark 4.0's
// packet-dnp.c shows it. A link-layer frame is a 10-byte header (0x0564,
// length, control, destination, source, CRC) and the user data in blocks
// of 16 bytes, each followed by its CRC-16/DNP. The first user-data byte
// is the transport header (FIN, FIR, 6-bit sequence); transport segments
// are joined into an application fragment (request or response: control,
// function code, IIN in responses, object headers and points).
//
// The Info column follows packet-dnp.c's column calls, fence included:
// each link frame clears the column back to the fence and writes "from S
// to D, len=N, <link function>"; a segment that does not complete a
// fragment adds " (Application Layer Unreassembled fragment SEQ)"; a
// completed fragment clears the column again, writes the application
// function (and, for Read and Write, the object groups or "Class 0123"),
// and sets the fence, so that a later frame of the same packet writes
// after it. Heuristics: packet-dnp.c's are off by default, so the port
// alone decides, as in tshark. Bounded: a fragment keeps at most
// dnp3MaxFragment bytes; an object's points are walked at most
// dnp3MaxPoints at a time in the tree.

const (
	portDNP3        = 20000
	dnp3HeaderLen   = 10
	dnp3ChunkLen    = 16
	dnp3MaxFragment = 64 << 10
	dnp3MaxPoints   = 256
)

var dnp3 = &Dissector{
	Name:    "dnp3",
	Dissect: dissectDNP3,
	PDULen:  dnp3PDULen,
	Fields: []FieldDef{
		{Name: "dnp3", Desc: "Distributed Network Protocol 3.0", Kind: FieldProto},
		{Name: "dnp3.start", Desc: "Start Bytes", Kind: FieldUint, Bits: 16},
		{Name: "dnp3.len", Desc: "Length", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.ctl", Desc: "Control", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.ctl.prifunc", Desc: "Control Function Code", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.ctl.secfunc", Desc: "Control Function Code", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.ctl.dir", Desc: "Direction", Kind: FieldBool},
		{Name: "dnp3.ctl.prm", Desc: "Primary", Kind: FieldBool},
		{Name: "dnp3.ctl.fcb", Desc: "Frame Count Bit", Kind: FieldBool},
		{Name: "dnp3.ctl.fcv", Desc: "Frame Count Valid", Kind: FieldBool},
		{Name: "dnp3.ctl.dfc", Desc: "Data Flow Control", Kind: FieldBool},
		{Name: "dnp3.dst", Desc: "Destination", Kind: FieldUint, Bits: 16},
		{Name: "dnp3.src", Desc: "Source", Kind: FieldUint, Bits: 16},
		{Name: "dnp3.hdr.CRC", Desc: "Data Link Header checksum", Kind: FieldUint, Bits: 16},
		{Name: "dnp.hdr.CRC.status", Desc: "Data Link Header Checksum Status", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.tr.ctl", Desc: "Transport Control", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.tr.fin", Desc: "Final", Kind: FieldBool},
		{Name: "dnp3.tr.fir", Desc: "First", Kind: FieldBool},
		{Name: "dnp3.tr.seq", Desc: "Sequence", Kind: FieldUint, Bits: 8},
		{Name: "dnp.data_chunk", Desc: "Data Chunk", Kind: FieldBytes},
		{Name: "dnp.data_chunk_len", Desc: "Data Chunk length", Kind: FieldUint, Bits: 16},
		{Name: "dnp.data_chunk.CRC", Desc: "Data Chunk checksum", Kind: FieldUint, Bits: 16},
		{Name: "dnp.data_chunk.CRC.status", Desc: "Data Chunk Checksum Status", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.ctl", Desc: "Application Control", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.fir", Desc: "First", Kind: FieldBool},
		{Name: "dnp3.al.fin", Desc: "Final", Kind: FieldBool},
		{Name: "dnp3.al.con", Desc: "Confirm", Kind: FieldBool},
		{Name: "dnp3.al.uns", Desc: "Unsolicited", Kind: FieldBool},
		{Name: "dnp3.al.seq", Desc: "Sequence", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.func", Desc: "Application Layer Function Code", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.iin", Desc: "Internal Indications", Kind: FieldUint, Bits: 16},
		{Name: "dnp3.al.iin.rst", Desc: "Device Restart", Kind: FieldBool},
		{Name: "dnp3.al.iin.dt", Desc: "Device Trouble", Kind: FieldBool},
		{Name: "dnp3.al.iin.dol", Desc: "Digital Outputs in Local", Kind: FieldBool},
		{Name: "dnp3.al.iin.tsr", Desc: "Time Sync Required", Kind: FieldBool},
		{Name: "dnp3.al.iin.cls3d", Desc: "Class 3 Data Available", Kind: FieldBool},
		{Name: "dnp3.al.iin.cls2d", Desc: "Class 2 Data Available", Kind: FieldBool},
		{Name: "dnp3.al.iin.cls1d", Desc: "Class 1 Data Available", Kind: FieldBool},
		{Name: "dnp3.al.iin.bmsg", Desc: "Broadcast Msg Rx", Kind: FieldBool},
		{Name: "dnp3.al.iin.cc", Desc: "Configuration Corrupt", Kind: FieldBool},
		{Name: "dnp3.al.iin.oae", Desc: "Operation Already Executing", Kind: FieldBool},
		{Name: "dnp3.al.iin.ebo", Desc: "Event Buffer Overflow", Kind: FieldBool},
		{Name: "dnp3.al.iin.pioor", Desc: "Parameters Invalid or Out of Range", Kind: FieldBool},
		{Name: "dnp3.al.iin.obju", Desc: "Requested Objects Unknown", Kind: FieldBool},
		{Name: "dnp3.al.iin.fcni", Desc: "Function Code not implemented", Kind: FieldBool},
		{Name: "dnp3.al.obj", Desc: "Object", Kind: FieldUint, Bits: 16},
		{Name: "dnp3.al.objq.prefix", Desc: "Prefix Code", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.objq.range", Desc: "Range Code", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.range.start", Desc: "Start", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.range.stop", Desc: "Stop", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.range.abs", Desc: "Address", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.range.quantity", Desc: "Quantity", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.index", Desc: "Index", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.size", Desc: "Size", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.point_index", Desc: "Point Index", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.bit", Desc: "Value (bit)", Kind: FieldBool},
		{Name: "dnp3.al.2bit", Desc: "Value (two bit)", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.cnt", Desc: "Counter", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.ctl.op", Desc: "Operation Type", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.ctl.clr", Desc: "Queue / Clear Field", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.ctl.trip", Desc: "Trip Control Code", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.count", Desc: "Count", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.on_time", Desc: "On Time", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.off_time", Desc: "Off Time", Kind: FieldUint, Bits: 32},
		{Name: "dnp3.al.ctrlstatus", Desc: "Control Status", Kind: FieldUint, Bits: 8},
		{Name: "dnp3.al.time_delay", Desc: "Time Delay", Kind: FieldUint, Bits: 16},
	},
}

func init() {
	RegisterTCP(dnp3, portDNP3)
	RegisterUDP(dnp3, portDNP3)
}

// dnp3CRCTable is CRC-16/DNP's: polynomial 0x3D65, reflected, the result
// complemented and sent low byte first.
var dnp3CRCTable = func() (t [256]uint16) {
	for i := range t {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA6BC
			} else {
				c >>= 1
			}
		}
		t[i] = c
	}
	return t
}()

func dnp3CRC(b []byte) uint16 {
	var c uint16
	for _, x := range b {
		c = c>>8 ^ dnp3CRCTable[byte(c)^x]
	}
	return ^c
}

// dnp3FrameLen is a link frame's whole length from its length byte, as
// packet-dnp.c's get_dnp3_message_len works it out: the header, the user
// data and a CRC per started 16-byte block.
func dnp3FrameLen(l byte) int {
	n := int(l) + 5
	if data := int(l) - 5; data > 0 {
		n += 2 * ((data + dnp3ChunkLen - 1) / dnp3ChunkLen)
	}
	return n
}

// dnp3HeaderOK is packet-dnp.c's check_dnp3_header without heuristics:
// the start bytes, and the header CRC once ten bytes are there.
func dnp3HeaderOK(b []byte) bool {
	if len(b) == 0 || b[0] != 0x05 || len(b) > 1 && b[1] != 0x64 {
		return false
	}
	return len(b) < dnp3HeaderLen || dnp3CRC(b[:8]) == binary.LittleEndian.Uint16(b[8:])
}

func dnp3PDULen(c *Conv, dir uint8, b []byte) int {
	// tshark checks the bytes a segment starts with; the frames
	// tcp_dissect_pdus cuts after them in the same segment are not checked
	if c.AtSegmentStart() && !dnp3HeaderOK(b) {
		return PDUReject
	}
	if len(b) < dnp3HeaderLen {
		return 0
	}
	return max(dnp3FrameLen(b[2]), dnp3HeaderLen)
}

// dnp3Frag is an application fragment being joined from transport
// segments in one direction.
type dnp3Frag struct {
	open bool
	seq  byte // last transport sequence added
	data []byte
}

// dnp3Conv is a conversation's reassembly state per direction, with the
// state as it stood before the packet last dissected (so that the same
// packet dissected again, for its details, gives the same answer), and
// the Info column being built for that packet with its fence.
type dnp3Conv struct {
	dir     [2]dnp3Frag
	before  [2]dnp3Frag
	frame   int
	lastOff int
	seen    bool
	col     string
	fence   int
}

// start readies st for a PDU of packet p: a new packet keeps the state as
// it is, the same packet dissected again goes back to the state before it.
func (st *dnp3Conv) start(p *PDU) {
	if !st.seen || p.Frame != st.frame {
		st.seen, st.frame = true, p.Frame
		st.before = st.dir
	} else if !p.TCP || p.Off < 0 || p.Off <= st.lastOff {
		st.dir = st.before
	} else {
		st.lastOff = p.Off
		return // the next frame of the same packet
	}
	st.lastOff = p.Off
	st.col, st.fence = "", 0
}

func (st *dnp3Conv) clear()             { st.col = st.col[:st.fence] }
func (st *dnp3Conv) appendCol(s string) { st.col += s }
func (st *dnp3Conv) setFence()          { st.fence = len(st.col) }
func (st *dnp3Conv) appendColSep(s string) {
	if st.col != "" {
		st.col += ", "
	}
	st.col += s
}

func dissectDNP3(p *PDU, out *Out) bool {
	b := p.Data
	if !p.TCP && !dnp3HeaderOK(b) {
		return false // udp_dissect_pdus's header check: plain UDP
	}
	var st *dnp3Conv
	if p.Conv != nil {
		st, _ = p.Conv.State.(*dnp3Conv)
		if st == nil {
			st = &dnp3Conv{}
			p.Conv.State = st
		}
	} else {
		st = &dnp3Conv{}
	}
	st.start(p)
	out.SetProto("DNP 3.0")
	for at := 0; at < len(b); {
		n, bad := dnp3Message(p, st, b[at:], at, out)
		out.SetInfo(st.col)
		if bad != "" {
			out.AppendInfo("", bad)
			break
		}
		if p.TCP {
			break // the walker hands over one frame at a time
		}
		at += n
		if at < len(b) && len(b)-at < 3 {
			break
		}
	}
	return true
}

var dnp3PriFuncs = map[byte]string{0: "Reset of Remote Link", 1: "Reset of User Process", 2: "Test Function For Link",
	3: "User Data", 4: "Unconfirmed User Data", 9: "Request Link Status"}

var dnp3SecFuncs = map[byte]string{0: "ACK", 1: "NACK", 11: "Status of Link", 14: "Link Service Not Functioning",
	15: "Link Service Not Used or Implemented"}

var dnp3ALFuncs = map[byte]string{0: "Confirm", 1: "Read", 2: "Write", 3: "Select", 4: "Operate", 5: "Direct Operate",
	6: "Direct Operate No Ack", 7: "Immediate Freeze", 8: "Immediate Freeze No Ack", 9: "Freeze and Clear",
	10: "Freeze and Clear No ACK", 11: "Freeze With Time", 12: "Freeze With Time No ACK", 13: "Cold Restart",
	14: "Warm Restart", 15: "Initialize Data", 16: "Initialize Application", 17: "Start Application",
	18: "Stop Application", 19: "Save Configuration", 20: "Enable Spontaneous Messages",
	21: "Disable Spontaneous Messages", 22: "Assign Classes", 23: "Delay Measurement", 24: "Record Current Time",
	25: "Open File", 26: "Close File", 27: "Delete File", 28: "Get File Info", 29: "Authenticate File",
	30: "Abort File", 31: "Activate Config", 32: "Authentication Request", 33: "Authentication Error",
	129: "Response", 130: "Unsolicited Response", 131: "Authentication Response"}

func dnp3Name(m map[byte]string, v byte) string {
	if s, ok := m[v]; ok {
		return s
	}
	return fmt.Sprintf("Unknown function (0x%02x)", v)
}

const (
	dnp3Malformed = malformedMark
	// a datagram shorter than its frame: the frame's bytes lie past the
	// datagram's (tvb_new_subset_length_caplen's contained bounds)
	dnp3MalformedContained = "[Malformed Packet: length of contained item exceeds length of containing item]"
)

func dnp3SetNotSet(v bool) string {
	if v {
		return "Set"
	}
	return "Not set"
}

func dnp3Bool(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

// dnp3Flag is a one-bit line of byte v.
func dnp3Flag(name string, v, mask byte, text string, at int) Field {
	set := v&mask != 0
	return Field{Name: name, Label: bitsLabel8(v, mask, text+": "+dnp3SetNotSet(set)), Start: at, Len: 1, Kind: FieldBool, Num: dnp3Bool(set)}
}

// dnp3Message dissects one link frame at b (at bytes into the PDU) and
// returns its length and, when tshark would stop on an exception, the
// text its Info column then gets.
func dnp3Message(p *PDU, st *dnp3Conv, b []byte, at int, out *Out) (int, string) {
	st.clear()
	if len(b) < dnp3HeaderLen {
		return len(b), dnp3MalformedContained
	}
	dlLen, ctl := b[2], b[3]
	dst := binary.LittleEndian.Uint16(b[4:])
	src := binary.LittleEndian.Uint16(b[6:])
	fn := ctl & 0x0f
	prm := ctl&0x40 != 0
	var fname string
	if prm {
		fname = dnp3Name(dnp3PriFuncs, fn)
	} else {
		fname = dnp3Name(dnp3SecFuncs, fn)
	}
	st.appendCol(fmt.Sprintf("from %d to %d", src, dst))
	st.appendColSep(fmt.Sprintf("len=%d, %s", dlLen, fname))

	frameLen := max(dnp3FrameLen(dlLen), dnp3HeaderLen)
	var flags string
	if ctl&0x80 != 0 {
		flags += "DIR, "
	}
	if prm {
		flags += "PRM, "
	}
	if prm && ctl&0x20 != 0 {
		flags += "FCB, "
	} else if !prm && ctl&0x20 != 0 {
		flags += "RES, "
	}
	if prm && ctl&0x10 != 0 {
		flags += "FCV, "
	} else if !prm && ctl&0x10 != 0 {
		flags += "DFC, "
	}
	var top *Field
	if out.WantTree {
		hcrc := binary.LittleEndian.Uint16(b[8:])
		calc := dnp3CRC(b[:8])
		ctlF := UintField("dnp3.ctl", fmt.Sprintf("Control: 0x%02x (%s%s)", ctl, flags, fname), at+3, 1, uint64(ctl))
		ctlF.Children = []Field{
			dnp3Flag("dnp3.ctl.dir", ctl, 0x80, "Direction", at+3),
			dnp3Flag("dnp3.ctl.prm", ctl, 0x40, "Primary", at+3),
		}
		if prm {
			ctlF.Children = append(ctlF.Children,
				dnp3Flag("dnp3.ctl.fcb", ctl, 0x20, "Frame Count Bit", at+3),
				dnp3Flag("dnp3.ctl.fcv", ctl, 0x10, "Frame Count Valid", at+3),
				UintField("dnp3.ctl.prifunc", bitsLabel8(ctl, 0x0f, fmt.Sprintf("Control Function Code: %s (%d)", fname, fn)), at+3, 1, uint64(fn)))
		} else {
			ctlF.Children = append(ctlF.Children,
				dnp3Flag("dnp3.ctl.dfc", ctl, 0x10, "Data Flow Control", at+3),
				UintField("dnp3.ctl.secfunc", bitsLabel8(ctl, 0x0f, fmt.Sprintf("Control Function Code: %s (%d)", fname, fn)), at+3, 1, uint64(fn)))
		}
		dl := Field{Label: fmt.Sprintf("Data Link Layer, Len: %d, From: %d, To: %d, %s%s", dlLen, src, dst, flags, fname), Start: at, Len: dnp3HeaderLen, Children: []Field{
			UintField("dnp3.start", fmt.Sprintf("Start Bytes: 0x%04x", binary.BigEndian.Uint16(b)), at, 2, uint64(binary.BigEndian.Uint16(b))),
			UintField("dnp3.len", fmt.Sprintf("Length: %d", dlLen), at+2, 1, uint64(dlLen)),
			ctlF,
			UintField("dnp3.dst", fmt.Sprintf("Destination: %d", dst), at+4, 2, uint64(dst)),
			UintField("dnp3.src", fmt.Sprintf("Source: %d", src), at+6, 2, uint64(src)),
			dnp3CRCField("dnp3.hdr.CRC", "Data Link Header checksum", hcrc, calc, at+8),
			dnp3CRCStatus("dnp.hdr.CRC.status", "Data Link Header Checksum Status", hcrc == calc, at+8),
		}}
		out.Add(Field{Name: "dnp3", Label: "Distributed Network Protocol 3.0", Start: at, Len: min(frameLen, len(b)), Kind: FieldProto, Children: []Field{dl}})
		top = &out.Tree[len(out.Tree)-1]
	}
	if fn == 9 || fn == 11 || fn == 0 {
		// link status, request link status, reset link, ACK: no user data
		return frameLen, ""
	}
	// the transport header and the data chunks
	off := dnp3HeaderLen
	// an exception: past the claimed frame it is a plain bounds error,
	// within it (a datagram cut short) the contained-bounds one
	exc := func(pos int) string {
		if !p.TCP && pos < frameLen {
			return dnp3MalformedContained
		}
		return dnp3Malformed
	}
	if off >= len(b) {
		return len(b), exc(off)
	}
	tr := b[off]
	trSeq, trFir, trFin := tr&0x3f, tr&0x40 != 0, tr&0x80 != 0
	var chunks Field
	if top != nil {
		lab := fmt.Sprintf("Transport Control: 0x%02x", tr)
		if trFin {
			lab += ", Final"
		}
		if trFir {
			lab += ", First"
		}
		lab += "("
		if trFir {
			lab += "FIR, "
		}
		if trFin {
			lab += "FIN, "
		}
		lab += fmt.Sprintf("Sequence %d)", trSeq)
		trF := UintField("dnp3.tr.ctl", lab, at+off, 1, uint64(tr))
		trF.Children = []Field{
			dnp3Flag("dnp3.tr.fin", tr, 0x80, "Final", at+off),
			dnp3Flag("dnp3.tr.fir", tr, 0x40, "First", at+off),
			UintField("dnp3.tr.seq", bitsLabel8(tr, 0x3f, fmt.Sprintf("Sequence: %d", trSeq)), at+off, 1, uint64(trSeq)),
		}
		top.Children = append(top.Children, trF)
		chunks = Field{Label: "Data Chunks", Start: at + off}
	}
	dataLen := int(byte(dlLen - 5)) // packet-dnp.c's guint8: a length under 5 wraps
	al := make([]byte, 0, min(dataLen, 250))
	crcOK := false
	bad := ""
	for i := 0; dataLen > 0; i++ {
		n := min(dataLen, dnp3ChunkLen)
		if off+n > len(b) {
			bad = exc(len(b))
			break
		}
		chunk := b[off : off+n]
		skip := 0
		if i == 0 {
			skip = 1
		}
		al = append(al, chunk[skip:]...)
		calc := dnp3CRC(chunk)
		var cf Field
		if top != nil {
			cf = Field{Label: fmt.Sprintf("Data Chunk: %d", i), Start: at + off, Len: n + 2, Children: []Field{
				{Name: "dnp.data_chunk", Label: "Data Chunk: " + hex.EncodeToString(chunk), Start: at + off, Len: n, Kind: FieldBytes, Str: string(chunk)},
				UintField("dnp.data_chunk_len", fmt.Sprintf("Data Chunk length: %d", n), at+off, 0, uint64(n)),
			}}
		}
		off += n
		if off+2 > len(b) {
			// the chunk's subtree, CRC included, is past the bytes:
			// tshark throws before adding it
			bad = exc(len(b))
			break
		}
		got := binary.LittleEndian.Uint16(b[off:])
		if top != nil {
			cf.Children = append(cf.Children,
				dnp3CRCField("dnp.data_chunk.CRC", "Data Chunk checksum", got, calc, at+off),
				dnp3CRCStatus("dnp.data_chunk.CRC.status", "Data Chunk Checksum Status", got == calc, at+off))
			chunks.Children = append(chunks.Children, cf)
		}
		off += 2
		crcOK = got == calc
		if !crcOK {
			break
		}
		dataLen -= n
	}
	if top != nil {
		chunks.Len = at + off - chunks.Start
		top.Children = append(top.Children, chunks)
		if bad == "" {
			top.Len = off // an exception leaves the layer at the bytes it had
		}
	}
	if bad != "" {
		return off, bad
	}
	if !crcOK {
		return frameLen, "" // a bad CRC: the data is thrown away
	}
	// transport reassembly: fragment_add_seq_single_aging by sequence
	d := &st.dir[p.Dir&1]
	var frag []byte
	switch {
	case trFir && trFin:
		*d = dnp3Frag{}
		frag = al
	case trFir:
		*d = dnp3Frag{open: true, seq: trSeq, data: append([]byte(nil), al...)}
	case d.open && trSeq == (d.seq+1)&0x3f && len(d.data)+len(al) <= dnp3MaxFragment:
		data := append(d.data[:len(d.data):len(d.data)], al...)
		if trFin {
			*d = dnp3Frag{}
			frag = data
		} else {
			*d = dnp3Frag{open: true, seq: trSeq, data: data}
		}
	}
	if frag == nil {
		st.appendCol(fmt.Sprintf(" (Application Layer Unreassembled fragment %d)", trSeq))
		return frameLen, ""
	}
	var alTree []Field
	ok := dnp3App(frag, st, out.WantTree, &alTree)
	if top != nil {
		// the fragment's offsets to the frame's bytes when it lies in
		// this frame alone; a fragment joined from several frames has
		// no place in this one
		dnp3PlaceAL(alTree, trFir && trFin, at)
		top.Children = append(top.Children, alTree...)
	}
	if !ok {
		return frameLen, dnp3Malformed
	}
	return frameLen, ""
}

func dnp3CRCField(name, text string, got, calc uint16, at int) Field {
	lab := fmt.Sprintf("%s: 0x%04x [correct]", text, got)
	if got != calc {
		lab = fmt.Sprintf("%s: 0x%04x incorrect, should be 0x%04x", text, got, calc)
	}
	return UintField(name, lab, at, 2, uint64(got))
}

func dnp3CRCStatus(name, text string, good bool, at int) Field {
	if good {
		return UintField(name, text+": Good", at, 0, 1)
	}
	return UintField(name, text+": Bad", at, 0, 0)
}

// dnp3ALFlags is the application control's flag list: "FIR, FIN, ".
func dnp3ALFlags(c byte) string {
	s := ""
	for _, f := range []struct {
		m byte
		s string
	}{{0x80, "FIR, "}, {0x40, "FIN, "}, {0x20, "CON, "}, {0x10, "UNS, "}} {
		if c&f.m != 0 {
			s += f.s
		}
	}
	return s
}

// dnp3App dissects an application fragment: the Info column's function and
// objects, and the tree (its offsets are the fragment's, which tshark
// shows as a data source of its own). It returns false where tshark
// throws on bytes missing.
func dnp3App(b []byte, st *dnp3Conv, wantTree bool, tree *[]Field) bool {
	if len(b) < 2 {
		return false
	}
	ac, fc := b[0], b[1]
	fname := dnp3Name(dnp3ALFuncs, fc)
	st.clear()
	st.appendColSep(fname)
	st.setFence()
	var alF *Field
	if wantTree {
		seq := ac & 0x0f
		names := ""
		for _, f := range []struct {
			m byte
			s string
		}{{0x80, ", First"}, {0x40, ", Final"}, {0x20, ", Confirm"}, {0x10, ", Unsolicited"}} {
			if ac&f.m != 0 {
				names += f.s
			}
		}
		ctlF := UintField("dnp3.al.ctl", fmt.Sprintf("Application Control: 0x%02x%s(%sSequence %d)", ac, names, dnp3ALFlags(ac), seq), 0, 1, uint64(ac))
		ctlF.Children = []Field{
			dnp3Flag("dnp3.al.fir", ac, 0x80, "First", 0),
			dnp3Flag("dnp3.al.fin", ac, 0x40, "Final", 0),
			dnp3Flag("dnp3.al.con", ac, 0x20, "Confirm", 0),
			dnp3Flag("dnp3.al.uns", ac, 0x10, "Unsolicited", 0),
			UintField("dnp3.al.seq", bitsLabel8(ac, 0x0f, fmt.Sprintf("Sequence: %d", seq)), 0, 1, uint64(seq)),
		}
		*tree = append(*tree, Field{Label: fmt.Sprintf("Application Layer: (%sSequence %d, %s)", dnp3ALFlags(ac), seq, fname), Start: 0, Len: len(b), Children: []Field{
			ctlF,
			UintField("dnp3.al.func", fmt.Sprintf("Function Code: %s (0x%02x)", fname, fc), 1, 1, uint64(fc)),
		}})
		alF = &(*tree)[len(*tree)-1]
	}
	off := 2
	var cto uint64
	objects := func(title string, headerOnly bool, each func(obj uint16)) bool {
		if off >= len(b) {
			return false // the objects' subtree at the end of the data throws
		}
		var objs *Field
		if alF != nil {
			alF.Children = append(alF.Children, Field{Label: title, Start: off, Len: len(b) - off})
			objs = &alF.Children[len(alF.Children)-1]
		}
		for off <= len(b)-2 {
			next, obj, ok := dnp3Object(b, off, headerOnly, objs, &cto)
			if !ok {
				return false
			}
			off = next
			if each != nil {
				each(obj)
			}
		}
		return true
	}
	switch fc {
	case 0:
		if len(b) > 2 {
			return objects("CONFIRM Data Objects", true, nil)
		}
	case 1:
		class := 0
		ok := objects("READ Request Data Objects", true, func(obj uint16) {
			if obj >= 0x3c01 && obj <= 0x3c04 {
				class |= 1 << (obj&0x0f - 1)
				return
			}
			st.appendColSep(dnp3ReadName(obj))
		})
		if !ok {
			return false
		}
		if class != 0 {
			st.appendColSep("Class ")
			for i := range 4 {
				if class&(1<<i) != 0 {
					st.appendCol(strconv.Itoa(i))
				}
			}
		}
	case 2:
		return objects("WRITE Request Data Objects", false, func(obj uint16) { st.appendColSep(dnp3WriteName(obj)) })
	case 3:
		return objects("SELECT Request Data Objects", false, nil)
	case 4:
		return objects("OPERATE Request Data Objects", false, nil)
	case 5, 6:
		return objects("DIRECT OPERATE Request Data Objects", false, nil)
	case 7, 8, 9, 10:
		return objects("Freeze Request Data Objects", true, nil)
	case 20:
		return objects("Enable Spontaneous Msg's Data Objects", false, nil)
	case 21:
		return objects("Disable Spontaneous Msg's Data Objects", false, nil)
	case 25, 26, 27:
		return objects("File Data Objects", false, nil)
	case 32, 33:
		return objects("Authentication Request Data Objects", false, nil)
	case 129, 130, 131:
		if len(b) < 4 {
			return false
		}
		iin := binary.BigEndian.Uint16(b[2:])
		if alF != nil {
			alF.Children = append(alF.Children, dnp3IIN(iin, 2))
		}
		off = 4
		if off < len(b) {
			return objects("RESPONSE Data Objects", false, nil)
		}
	}
	return true
}

var dnp3IINBits = []struct {
	name, text string
	mask       uint16
}{
	{"dnp3.al.iin.rst", "Device Restart", 0x8000},
	{"dnp3.al.iin.dt", "Device Trouble", 0x4000},
	{"dnp3.al.iin.dol", "Digital Outputs in Local", 0x2000},
	{"dnp3.al.iin.tsr", "Time Sync Required", 0x1000},
	{"dnp3.al.iin.cls3d", "Class 3 Data Available", 0x0800},
	{"dnp3.al.iin.cls2d", "Class 2 Data Available", 0x0400},
	{"dnp3.al.iin.cls1d", "Class 1 Data Available", 0x0200},
	{"dnp3.al.iin.bmsg", "Broadcast Msg Rx", 0x0100},
	{"dnp3.al.iin.cc", "Configuration Corrupt", 0x0020},
	{"dnp3.al.iin.oae", "Operation Already Executing", 0x0010},
	{"dnp3.al.iin.ebo", "Event Buffer Overflow", 0x0008},
	{"dnp3.al.iin.pioor", "Parameters Invalid or Out of Range", 0x0004},
	{"dnp3.al.iin.obju", "Requested Objects Unknown", 0x0002},
	{"dnp3.al.iin.fcni", "Function Code not implemented", 0x0001},
}

// dnp3IIN is the internal indications line: the value, the names of the
// bits set (as proto_tree_add_bitmask appends them), then a line per bit.
func dnp3IIN(iin uint16, at int) Field {
	lab := fmt.Sprintf("Internal Indications: 0x%04x", iin)
	var kids []Field
	for _, bit := range dnp3IINBits {
		set := iin&bit.mask != 0
		if set {
			lab += ", " + bit.text
		}
		kids = append(kids, Field{Name: bit.name, Label: bitsLabel32(uint32(iin), uint32(bit.mask), bit.text+": "+dnp3SetNotSet(set))[20:],
			Start: at, Len: 2, Kind: FieldBool, Num: dnp3Bool(set)})
	}
	f := UintField("dnp3.al.iin", lab, at, 2, uint64(iin))
	f.Children = kids
	return f
}

var dnp3ReadNames = map[byte]string{0: "Device Attribute", 1: "Binary Input", 2: "Binary Input Change", 3: "Double-bit Input",
	4: "Double-bit Input Change", 10: "Binary Output", 11: "Binary Output Change", 20: "Counter", 21: "Frozen Counter",
	22: "Counter Change", 23: "Frozen Counter Change", 30: "Analog Input", 32: "Analog Input Change", 40: "Analog Output",
	42: "Analog Output Change", 50: "Time and Date", 70: "File Control", 80: "Internal Indications", 110: "Octet String",
	111: "Octet String Event", 113: "Virtual Terminal Event Data", 120: "Secure Authentication"}

var dnp3WriteNames = map[byte]string{50: "Time and Date", 70: "File Control", 80: "Internal Indications",
	110: "Octet String", 111: "Octet String Event", 112: "Virtual Terminal Output Block", 120: "Secure Authentication"}

func dnp3ReadName(obj uint16) string {
	if s, ok := dnp3ReadNames[byte(obj>>8)]; ok {
		return s
	}
	return "Unknown Object Type"
}

func dnp3WriteName(obj uint16) string {
	if s, ok := dnp3WriteNames[byte(obj>>8)]; ok {
		return s
	}
	return "Unknown Object Type"
}

var dnp3Prefixes = []string{"None", "1-Octet Index Prefix", "2-Octet Index Prefix", "4-Octet Index Prefix",
	"1-Octet Object Size Prefix", "2-Octet Object Size Prefix", "4-Octet Object Size Prefix"}

var dnp3Ranges = []string{"8-bit Start and Stop Indices", "16-bit Start and Stop Indices", "32-bit Start and Stop Indices",
	"8-bit Absolute Address in Range Field", "16-bit Absolute Address in Range Field", "32-bit Absolute Address in Range Field",
	"No Range Field", "8-bit Single Field Quantity", "16-bit Single Field Quantity", "32-bit Single Field Quantity",
	"Reserved", "Free-format Qualifier"}

func dnp3Prefix(v byte) string {
	if int(v) < len(dnp3Prefixes) {
		return dnp3Prefixes[v]
	}
	return "Unknown Prefix Type"
}

func dnp3Range(v byte) string {
	if int(v) < len(dnp3Ranges) {
		return dnp3Ranges[v]
	}
	return "Unknown Range Type"
}

// dnp3EmptyObj are the objects that carry no data (default variations,
// class data).
func dnp3EmptyObj(obj uint16) bool {
	switch obj {
	case 0x0100, 0x0200, 0x0b00, 0x0300, 0x0400, 0x1400, 0x1600, 0x1e00, 0x2000, 0x2200, 0x2a00,
		0x3c01, 0x3c02, 0x3c03, 0x3c04:
		return true
	}
	return false
}

// dnp3Reader reads little-endian values from a fragment and notes when a
// read runs past it (tshark's exception).
type dnp3Reader struct {
	b   []byte
	bad bool
	cto *uint64 // the fragment's common time of occurrence (g51v1), ms
}

func (r *dnp3Reader) has(at, n int) bool {
	if at < 0 || at+n > len(r.b) {
		r.bad = true
		return false
	}
	return true
}

func (r *dnp3Reader) u8(at int) uint32 {
	if !r.has(at, 1) {
		return 0
	}
	return uint32(r.b[at])
}

func (r *dnp3Reader) u16(at int) uint32 {
	if !r.has(at, 2) {
		return 0
	}
	return uint32(binary.LittleEndian.Uint16(r.b[at:]))
}

func (r *dnp3Reader) u32(at int) uint32 {
	if !r.has(at, 4) {
		return 0
	}
	return binary.LittleEndian.Uint32(r.b[at:])
}

// dnp3Time is DNP3's 48-bit milliseconds since 1970 as tshark's
// abs_time_to_str(..., ABSOLUTE_TIME_UTC, FALSE) shows it.
func dnp3Time(r *dnp3Reader, at int) string {
	return dnp3TimeString(dnp3TimeMS(r, at))
}

func dnp3TimeMS(r *dnp3Reader, at int) uint64 {
	lo := r.u16(at)
	hi := r.u32(at + 2)
	return uint64(hi)*0x10000 + uint64(lo)
}

func dnp3TimeString(ms uint64) string {
	t := time.UnixMilli(int64(ms & (1<<47 - 1))).UTC()
	return fmt.Sprintf("%s %2d, %d %02d:%02d:%02d.%09d", t.Format("Jan"), t.Day(), t.Year(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond())
}

type dnp3Quality int

const (
	dnp3BinIn dnp3Quality = iota
	dnp3BinOut
	dnp3AnaIn
	dnp3AnaOut
	dnp3Counter
)

var dnp3QualityBits = [...][8]string{
	dnp3BinIn:   {"Online", "Restart", "Comm Fail", "Remote Force", "Local Force", "Chatter Filter", "Reserved", "Point Value"},
	dnp3BinOut:  {"Online", "Restart", "Comm Fail", "Remote Force", "Local Force", "Reserved", "Reserved", "Point Value"},
	dnp3AnaIn:   {"Online", "Restart", "Comm Fail", "Remote Force", "Local Force", "Over-Range", "Reference Check", "Reserved"},
	dnp3AnaOut:  {"Online", "Restart", "Comm Fail", "Remote Force", "Local Force", "Reserved", "Reserved", "Reserved"},
	dnp3Counter: {"Online", "Restart", "Comm Fail", "Remote Force", "Local Force", "Roll-Over", "Discontinuity", "Reserved"},
}

var dnp3QualityNames = [...]string{dnp3BinIn: "biq", dnp3BinOut: "boq", dnp3AnaIn: "aiq", dnp3AnaOut: "aoq", dnp3Counter: "ctrq"}

// dnp3QualityText is the flags as packet-dnp.c's dnp3_al_obj_quality
// lists them after "Quality: ".
func dnp3QualityText(f byte, q dnp3Quality) string {
	s := "Offline"
	if f&1 != 0 {
		s = "Online"
	}
	for i, n := range []string{", Restart", ", Comm Fail", ", Remote Force", ", Local Force"} {
		if f&(2<<i) != 0 {
			s += n
		}
	}
	switch q {
	case dnp3BinIn:
		if f&0x20 != 0 {
			s += ", Chatter Filter"
		}
	case dnp3AnaIn:
		if f&0x20 != 0 {
			s += ", Over-Range"
		}
		if f&0x40 != 0 {
			s += ", Reference Check"
		}
	case dnp3Counter:
		if f&0x20 != 0 {
			s += ", Roll-over"
		}
		if f&0x40 != 0 {
			s += ", Discontinuity"
		}
	}
	return s
}

func dnp3QualityField(f byte, q dnp3Quality, at int) Field {
	qf := Field{Label: "Quality: " + dnp3QualityText(f, q), Start: at, Len: 1}
	for i := 7; i >= 0; i-- {
		name := fmt.Sprintf("dnp3.al.%s.b%d", dnp3QualityNames[q], i)
		qf.Children = append(qf.Children, dnp3Flag(name, f, 1<<i, dnp3QualityBits[q][i], at))
	}
	return qf
}

// dnp3Object dissects one object header and its points at b[off:], as
// dnp3_al_process_object does, returning where the next object starts,
// the object's group and variation, and false where tshark throws.
func dnp3Object(b []byte, off int, headerOnly bool, parent *Field, cto *uint64) (int, uint16, bool) {
	r := &dnp3Reader{b: b, cto: cto}
	if !r.has(off, 2) {
		return off, 0, false
	}
	obj := binary.BigEndian.Uint16(b[off:])
	if g := obj >> 8; g == 110 || g == 111 {
		obj &= 0xff00
	}
	if obj == 0x7803 || obj == 0x7809 {
		headerOnly = false
	}
	name, known := dnp3ObjNames[obj]
	if !known {
		name = "Unknown Object\\Variation"
		if obj>>8 == 0 {
			name = "Unknown group 0 Variation"
		}
	}
	objLabel := fmt.Sprintf("Object(s): %s (0x%04x)", name, obj)
	var of Field
	tree := parent != nil
	start := off
	off += 2
	// an exception past here leaves the object's line (its two bytes)
	// and what was added under it
	cut := func() (int, uint16, bool) {
		if tree {
			of.Len = 2
			parent.Children = append(parent.Children, of)
		}
		return off, obj, false
	}
	if tree {
		of = UintField("dnp3.al.obj", objLabel, start, 2, uint64(obj))
	}
	q := byte(r.u8(off))
	if r.bad {
		return cut()
	}
	prefix, rng := q>>4&0x07, q&0x0f
	if tree {
		of.Children = append(of.Children, Field{Label: fmt.Sprintf("Qualifier Field, Prefix: %s, Range: %s", dnp3Prefix(prefix), dnp3Range(rng)), Start: off, Len: 1, Children: []Field{
			UintField("dnp3.al.objq.prefix", bitsLabel8(q, 0x70, fmt.Sprintf("Prefix Code: %s (%d)", dnp3Prefix(prefix), prefix)), off, 1, uint64(prefix)),
			UintField("dnp3.al.objq.range", bitsLabel8(q, 0x0f, fmt.Sprintf("Range Code: %s (%d)", dnp3Range(rng), rng)), off, 1, uint64(rng)),
		}})
	}
	off++
	var num int64
	var ptaddr uint32
	rangeBytes := 0
	generated := false
	var rangeKids []Field
	add := func(name, label string, at, n int, v uint32) {
		if tree {
			rangeKids = append(rangeKids, UintField(name, label, at, n, uint64(v)))
		}
	}
	switch rng {
	case 0:
		s, e := r.u8(off), r.u8(off+1)
		num, ptaddr, rangeBytes, generated = int64(e)-int64(s)+1, s, 2, true
		add("dnp3.al.range.start", fmt.Sprintf("Start (8 bit): %d", s), off, 1, s)
		add("dnp3.al.range.stop", fmt.Sprintf("Stop (8 bit): %d", e), off+1, 1, e)
	case 1:
		s, e := r.u16(off), r.u16(off+2)
		num, ptaddr, rangeBytes, generated = int64(e)-int64(s)+1, s, 4, true
		add("dnp3.al.range.start", fmt.Sprintf("Start (16 bit): %d", s), off, 2, s)
		add("dnp3.al.range.stop", fmt.Sprintf("Stop (16 bit): %d", e), off+2, 2, e)
	case 2:
		s, e := r.u32(off), r.u32(off+4)
		num, ptaddr, rangeBytes, generated = int64(int32(e-s+1)), s, 8, true
		add("dnp3.al.range.start", fmt.Sprintf("Start (32 bit): %d", s), off, 4, s)
		add("dnp3.al.range.stop", fmt.Sprintf("Stop (32 bit): %d", e), off+4, 4, e)
	case 3:
		s := r.u8(off)
		num, ptaddr, rangeBytes, generated = 1, s, 1, true
		add("dnp3.al.range.abs", fmt.Sprintf("Address (8 bit): %d", s), off, 1, s)
	case 4:
		s := r.u16(off)
		num, ptaddr, rangeBytes, generated = 1, s, 2, true
		add("dnp3.al.range.abs", fmt.Sprintf("Address (16 bit): %d", s), off, 2, s)
	case 5:
		s := r.u32(off)
		num, ptaddr, rangeBytes, generated = 1, s, 4, true
		add("dnp3.al.range.abs", fmt.Sprintf("Address (32 bit): %d", s), off, 4, s)
	case 7, 11:
		v := r.u8(off)
		num, rangeBytes = int64(v), 1
		add("dnp3.al.range.quantity", fmt.Sprintf("Quantity (8 bit): %d", v), off, 1, v)
	case 8:
		v := r.u16(off)
		num, rangeBytes = int64(v), 2
		add("dnp3.al.range.quantity", fmt.Sprintf("Quantity (16 bit): %d", v), off, 2, v)
	case 9:
		v := r.u32(off)
		num, rangeBytes = int64(int32(v)), 4
		add("dnp3.al.range.quantity", fmt.Sprintf("Quantity (32 bit): %d", v), off, 4, v)
	}
	if r.bad {
		return cut()
	}
	if num > 0 {
		plural := "s"
		if num == 1 {
			plural = ""
		}
		of.Label += fmt.Sprintf(", %d point%s", num, plural)
	}
	rangeLen := 0
	if !generated {
		rangeLen = rangeBytes
	}
	rangeLabel := fmt.Sprintf("Number of Items: %d", num)
	if num < 0 {
		rangeLabel += " (bogus)"
	}
	if generated {
		rangeLabel = "[" + rangeLabel + "]"
	}
	rangeIdx := -1
	if tree {
		of.Children = append(of.Children, Field{Label: rangeLabel, Start: off, Len: rangeLen, Children: rangeKids})
		rangeIdx = len(of.Children) - 1
	}
	finish := func(next int, ok bool) (int, uint16, bool) {
		if tree {
			of.Len = next - start
			if !ok || next < start {
				of.Len = 2
			}
			parent.Children = append(parent.Children, of)
		}
		return next, obj, ok
	}
	if num < 0 {
		return finish(len(b), true)
	}
	off += rangeBytes
	if headerOnly && prefix == 0 {
		return finish(off, true)
	}
	bitIndex := 0
	shown := 0
	stalled := 0
	for item := int64(0); item < num; item++ {
		if off >= len(b) {
			return finish(off, false) // the point's subtree at the end throws
		}
		pointOff := off
		dataPos := off
		var pf Field
		showPoint := tree && shown < dnp3MaxPoints
		if prefix <= 3 {
			pf.Label = "Point Number"
		} else {
			pf.Label = "Object: Size"
		}
		pf.Start = off
		prefixBytes := 0
		switch prefix {
		case 0:
			if showPoint {
				pf.Children = append(pf.Children, UintField("dnp3.al.point_index", fmt.Sprintf("[Point Index: %d]", ptaddr), off, 0, uint64(ptaddr)))
			}
		case 1, 4:
			ptaddr = r.u8(off)
			prefixBytes = 1
		case 2, 5:
			ptaddr = r.u16(off)
			prefixBytes = 2
		case 3, 6:
			ptaddr = r.u32(off)
			prefixBytes = 4
		}
		if r.bad {
			return finish(off, false)
		}
		if showPoint && prefix > 0 && prefix <= 6 {
			bits := [...]int{1: 8, 2: 16, 3: 32, 4: 8, 5: 16, 6: 32}[prefix]
			kind := "index"
			text := "Index"
			if prefix >= 4 {
				kind, text = "size", "Size"
			}
			pf.Children = append(pf.Children, UintField("dnp3.al."+kind, fmt.Sprintf("%s (%d bit): %d", text, bits, ptaddr), off, prefixBytes, uint64(ptaddr)))
		}
		if dnp3EmptyObj(obj) {
			num = 0
			if rangeIdx >= 0 && tree {
				of.Children[rangeIdx].Label = fmt.Sprintf("Number of Items: %d (bogus)", 0)
			}
		}
		pf.Label += fmt.Sprintf(" %d", ptaddr)
		pf.Len = prefixBytes
		dataPos += prefixBytes
		if !headerOnly || prefix >= 4 && prefix <= 6 {
			next, ok := dnp3Point(r, obj, dataPos, off, prefixBytes, ptaddr, &bitIndex, item == num-1, &pf, &of, showPoint)
			if !ok || r.bad {
				if showPoint {
					of.Children = append(of.Children, pf)
				}
				return finish(off, false)
			}
			if next < 0 {
				// an object tshark does not decode: the rest is an
				// unknown data chunk
				if tree {
					if showPoint {
						of.Children = append(of.Children, pf)
					}
					of.Children = append(of.Children, Field{Name: "dnp3.al.unknown_data_chunk", Label: "Unknown Data Chunk: " + hex.EncodeToString(b[dataPos:]), Start: dataPos, Len: len(b) - dataPos, Kind: FieldBytes, Str: string(b[dataPos:])})
				}
				return finish(len(b), true)
			}
			off = next
		} else {
			off = dataPos
		}
		if showPoint {
			of.Children = append(of.Children, pf)
			shown++
		}
		ptaddr++
		if off == pointOff {
			// no bytes taken (packed bits, a prefix of no size): tshark
			// goes on for every item; ladder stops after a byte's worth
			if stalled++; stalled > 8 {
				return finish(off, true)
			}
		} else {
			stalled = 0
		}
	}
	return finish(off, true)
}

// analogEncoding is how an analog input or output point holds its value.
type analogEncoding uint8

const (
	analogInt32 analogEncoding = iota
	analogInt16
	analogFloat
	analogDouble
)

// dnp3Point dissects one point of obj at data (its prefix before it, the
// point's item starting at off) and returns where the next one starts, or
// -1 for objects left to tshark's unknown-data line.
func dnp3Point(r *dnp3Reader, obj uint16, data, off, prefixBytes int, ptaddr uint32, bitIndex *int, last bool, pf, of *Field, tree bool) (int, bool) {
	g, v := byte(obj>>8), byte(obj)
	add := func(f Field) {
		if tree {
			pf.Children = append(pf.Children, f)
		}
	}
	quality := func(q dnp3Quality) byte {
		f := byte(r.u8(data))
		if r.bad {
			return 0
		}
		if tree {
			pf.Label += " (Quality: " + dnp3QualityText(f, q) + ")"
			pf.Children = append(pf.Children, dnp3QualityField(f, q, data))
		}
		data++
		return f
	}
	timestamp := func(into *Field) string {
		s := dnp3Time(r, data)
		if r.bad {
			return ""
		}
		if tree {
			into.Children = append(into.Children, Field{Name: "dnp3.al.timestamp", Label: "Timestamp: " + s + " UTC", Start: data, Len: 6})
		}
		data += 6
		return s
	}
	// analog adds one analog input or output value of the given encoding as
	// field prefix+".int"/".float"/".double", labelled "what (32 bit): x"
	// and so on, and appends it to the point's label.
	analog := func(enc analogEncoding, prefix, what string) {
		var val, name, width string
		n := 4
		switch enc {
		case analogInt32:
			val, name, width = fmt.Sprint(int32(r.u32(data))), ".int", "32 bit"
		case analogInt16:
			val, name, width, n = fmt.Sprint(int16(r.u16(data))), ".int", "16 bit", 2
		case analogFloat:
			val, name, width = dnp3G(float64(math.Float32frombits(r.u32(data)))), ".float", "float"
		default:
			var d float64
			if r.has(data, 8) {
				d = math.Float64frombits(binary.LittleEndian.Uint64(r.b[data:]))
			}
			val, name, width, n = dnp3G(d), ".double", "double", 8
		}
		pf.Label += ", Value: " + val
		add(Field{Name: prefix + name, Label: what + " (" + width + "): " + val, Start: data, Len: n})
		data += n
	}
	done := func() (int, bool) {
		pf.Len = data - off
		return data, !r.bad
	}
	switch {
	case dnp3EmptyObj(obj):
		return data, true
	case obj == 0x0101 || obj == 0x0a01 || obj == 0x0c03 || obj == 0x5001:
		val := byte(r.u8(data))
		if r.bad {
			return 0, false
		}
		bit := val&1 != 0
		if obj == 0x5001 {
			pf.Label += fmt.Sprintf(" (%s), Value: %d", dnp3IINBitName(ptaddr), dnp3Bool(bit))
		} else {
			if prefixBytes > 0 {
				*bitIndex = 7
			} else {
				bit = val&(1<<*bitIndex) != 0
			}
			pf.Label += fmt.Sprintf(", Value: %d", dnp3Bool(bit))
		}
		add(Field{Name: "dnp3.al.bit", Label: bitsLabel8(byte(dnp3Bool(bit)), 0x01, "Value (bit): "+map[bool]string{true: "On", false: "Off"}[bit]), Start: data, Len: 1, Kind: FieldBool, Num: dnp3Bool(bit)})
		pf.Len = prefixBytes + 1
		*bitIndex++
		if *bitIndex > 7 || last {
			*bitIndex = 0
			return off + prefixBytes + 1, true
		}
		return off, true
	case obj == 0x0102 || obj == 0x0201 || obj == 0x0a02 || obj == 0x0b01:
		qt := dnp3BinIn
		if g >= 10 {
			qt = dnp3BinOut
		}
		f := quality(qt)
		pf.Label += fmt.Sprintf(", Value: %d", f>>7)
		return done()
	case obj == 0x0301:
		// packed two-bit values, read at the item's start
		if *bitIndex > 3 {
			*bitIndex = 0
			off += prefixBytes + 1
		}
		val := byte(r.u8(off))
		if r.bad {
			return 0, false
		}
		v2 := val >> (*bitIndex << 1) & 3
		pf.Label += fmt.Sprintf(", Value: %d", v2)
		add(UintField("dnp3.al.2bit", fmt.Sprintf("Value (two bit): %d", v2), off, 1, uint64(v2)))
		pf.Len = prefixBytes + 1
		if last {
			off += prefixBytes + 1
		}
		*bitIndex++
		return off, true
	case obj == 0x0302 || obj == 0x0401:
		f := quality(dnp3BinIn)
		pf.Label += fmt.Sprintf(", Value: %d", f>>6&3)
		return done()
	case obj == 0x0402:
		f := quality(dnp3BinIn)
		ts := timestamp(pf)
		pf.Label += fmt.Sprintf(", Value: %d, Timestamp: %s", f>>6&3, ts)
		return done()
	case obj == 0x0203 || obj == 0x0403:
		f := quality(dnp3BinIn)
		rel := r.u16(data)
		if r.bad {
			return 0, false
		}
		add(Field{Name: "dnp3.al.reltimestamp", Label: fmt.Sprintf("Relative Timestamp: %d.%03d000000 seconds", rel/1000, rel%1000), Start: data, Len: 2})
		data += 2
		val := f >> 7
		if obj == 0x0403 {
			val = f >> 6 & 3
		}
		var base uint64
		if r.cto != nil {
			base = *r.cto
		}
		pf.Label += fmt.Sprintf(", Value: %d, Timestamp: %s", val, dnp3TimeString(base+uint64(rel)))
		return done()
	case obj == 0x0202 || obj == 0x0b02:
		qt := dnp3BinIn
		if g >= 10 {
			qt = dnp3BinOut
		}
		f := quality(qt)
		ts := timestamp(pf)
		pf.Label += fmt.Sprintf(", Value: %d, Timestamp: %s", f>>7, ts)
		return done()
	case obj == 0x0c01 || obj == 0x0c02:
		code := byte(r.u8(data))
		if !r.has(data, 11) {
			return 0, false
		}
		ops := []string{"NUL Operation", "Pulse On", "Pulse Off", "Latch On", "Latch Off"}
		op := "Invalid Operation"
		if int(code&0x0f) < len(ops) {
			op = ops[code&0x0f]
		}
		tc := []string{"NUL", "Close", "Trip", "Reserved"}[code>>6]
		pf.Label += fmt.Sprintf(" [%s] [%s]", op, tc)
		if tree {
			clr := []string{"Not Set", "Queue", "Clear", "Queue and Clear"}[code>>4&3]
			opName := "Unknown"
			if int(code&0x0f) < len(ops) {
				opName = ops[code&0x0f]
			}
			pf.Children = append(pf.Children, Field{Label: fmt.Sprintf("Control Code [0x%02x]", code), Start: data, Len: 1, Children: []Field{
				UintField("dnp3.ctl.op", bitsLabel8(code, 0x0f, fmt.Sprintf("Operation Type: %s (%d)", opName, code&0x0f)), data, 1, uint64(code&0x0f)),
				UintField("dnp3.ctl.clr", bitsLabel8(code, 0x30, fmt.Sprintf("Queue / Clear Field: %s (%d)", clr, code>>4&3)), data, 1, uint64(code>>4&3)),
				UintField("dnp3.ctl.trip", bitsLabel8(code, 0xc0, fmt.Sprintf("Trip Control Code: %s (%d)", tc, code>>6)), data, 1, uint64(code>>6)),
			}})
			cnt := r.u8(data + 1)
			on, offT := r.u32(data+2), r.u32(data+6)
			st := byte(r.u8(data + 10))
			pf.Children = append(pf.Children,
				UintField("dnp3.al.count", fmt.Sprintf("Count: %d", cnt), data+1, 1, uint64(cnt)),
				UintField("dnp3.al.on_time", fmt.Sprintf("On Time: %d", on), data+2, 4, uint64(on)),
				UintField("dnp3.al.off_time", fmt.Sprintf("Off Time: %d", offT), data+6, 4, uint64(offT)),
				dnp3CtrlStatus(st, data+10))
		}
		data += 11
		return done()
	case g == 41 && v >= 1 && v <= 4:
		switch v {
		case 1:
			pf.Label += fmt.Sprintf(", Value: %d", int32(r.u32(data)))
			add(Field{Name: "dnp3.al.anaout.int", Label: fmt.Sprintf("Output Value (32 bit): %d", int32(r.u32(data))), Start: data, Len: 4})
			data += 4
		case 2:
			pf.Label += fmt.Sprintf(", Value: %d", int16(r.u16(data)))
			add(Field{Name: "dnp3.al.anaout.int", Label: fmt.Sprintf("Output Value (16 bit): %d", int16(r.u16(data))), Start: data, Len: 2})
			data += 2
		case 3:
			f := math.Float32frombits(r.u32(data))
			pf.Label += ", Value: " + dnp3G(float64(f))
			add(Field{Name: "dnp3.al.anaout.float", Label: "Output Value (float): " + dnp3G(float64(f)), Start: data, Len: 4})
			data += 4
		case 4:
			var d float64
			if r.has(data, 8) {
				d = math.Float64frombits(binary.LittleEndian.Uint64(r.b[data:]))
			}
			pf.Label += ", Value: " + dnp3G(d)
			add(Field{Name: "dnp3.al.anaout.double", Label: "Output (double): " + dnp3G(d), Start: data, Len: 8})
			data += 8
		}
		st := byte(r.u8(data)) & 0x7f
		if r.bad {
			return 0, false
		}
		pf.Label += fmt.Sprintf(" [Status: %s (0x%02x)]", dnp3CtrlStatusName(st), st)
		add(dnp3CtrlStatus(st, data))
		data++
		return done()
	case (g == 20 || g == 21 || g == 22 || g == 23) && dnp3CounterVar(g, v):
		noFlag := g == 20 && v >= 5 || g == 21 && v >= 9
		if !noFlag {
			quality(dnp3Counter)
		}
		is32 := v%2 == 1
		if g == 21 && v >= 9 {
			is32 = v%2 == 1
		}
		if is32 {
			c := r.u32(data)
			pf.Label += fmt.Sprintf(", Count: %d", c)
			add(UintField("dnp3.al.cnt", fmt.Sprintf("Counter (32 bit): %d", c), data, 4, uint64(c)))
			data += 4
		} else {
			c := r.u16(data)
			pf.Label += fmt.Sprintf(", Count: %d", c)
			add(UintField("dnp3.al.cnt", fmt.Sprintf("Counter (16 bit): %d", c), data, 2, uint64(c)))
			data += 2
		}
		if g == 21 && v >= 5 && v <= 8 || (g == 22 || g == 23) && v >= 5 {
			ts := timestamp(pf)
			pf.Label += ", Timestamp: " + ts
		}
		return done()
	case g == 30 && v >= 1 && v <= 6 || g == 31 && (v == 7 || v == 8) || g == 32 && v >= 1 && v <= 8 || g == 33 && v >= 5 && v <= 8:
		noFlag := g == 30 && (v == 3 || v == 4)
		if !noFlag {
			quality(dnp3AnaIn)
		}
		switch {
		case g == 30 && (v == 1 || v == 3) || g == 32 && (v == 1 || v == 3):
			analog(analogInt32, "dnp3.al.ana", "Value")
		case g == 30 && (v == 2 || v == 4) || g == 32 && (v == 2 || v == 4):
			analog(analogInt16, "dnp3.al.ana", "Value")
		case g == 30 && v == 5 || g == 31 && v == 7 || (g == 32 || g == 33) && (v == 5 || v == 7):
			analog(analogFloat, "dnp3.al.ana", "Value")
		default:
			analog(analogDouble, "dnp3.al.ana", "Value")
		}
		if (g == 32 || g == 33) && (v == 3 || v == 4 || v == 7 || v == 8) {
			ts := timestamp(pf)
			pf.Label += ", Timestamp: " + ts
		}
		return done()
	case g == 40 && v >= 1 && v <= 4 || g == 42 && v >= 1 && v <= 8:
		quality(dnp3AnaOut)
		switch {
		case v == 1 || v == 3 && g == 42:
			analog(analogInt32, "dnp3.al.anaout", "Output Value")
		case v == 2 || v == 4 && g == 42:
			analog(analogInt16, "dnp3.al.anaout", "Output Value")
		case v == 3 || v == 5 || v == 7:
			analog(analogFloat, "dnp3.al.anaout", "Output Value")
		default:
			analog(analogDouble, "dnp3.al.anaout", "Output") // tshark's label drops "Value" here
		}
		if g == 42 && v >= 3 && v != 5 && v != 6 {
			ts := timestamp(pf)
			pf.Label += ", Timestamp: " + ts
		}
		return done()
	case obj == 0x3201 || obj == 0x3203 || obj == 0x3301 || obj == 0x3302:
		if ms := dnp3TimeMS(r, data); obj == 0x3301 && !r.bad && r.cto != nil {
			*r.cto = ms
		}
		timestamp(of)
		return done()
	case obj == 0x3402:
		d := r.u16(data)
		if r.bad {
			return 0, false
		}
		if tree {
			of.Children = append(of.Children, UintField("dnp3.al.time_delay", fmt.Sprintf("Time Delay: %dms", d), data, 2, uint64(d)))
		}
		data += 2
		return done()
	}
	return -1, true
}

func dnp3CounterVar(g, v byte) bool {
	switch g {
	case 20:
		return v >= 1 && v <= 8
	case 21:
		return v >= 1 && v <= 12
	default:
		return v >= 1 && v <= 8
	}
}

var dnp3CtrlStatusNames = map[byte]string{0: "Req. Accepted/Init/Queued", 1: "Req. Not Accepted; Arm-Timer Expired",
	2: "Req. Not Accepted; No 'SELECT' Received", 3: "Req. Not Accepted; Format Err. in Ctl Req.",
	4: "Ctl Oper. Not Supported For This Point", 5: "Req. Not Accepted; Ctrl Queue Full/Point Active",
	6: "Req. Not Accepted; Ctrl Hardware Problems", 7: "Req. Not Accepted; Local/Remote switch in Local",
	8: "Req. Not Accepted; Too many operations", 9: "Req. Not Accepted; Insufficient authorization",
	10: "Req. Not Accepted; Local automation proc active", 11: "Req. Not Accepted; Processing limited",
	12: "Req. Not Accepted; Out of range value", 126: "Req. Not Accepted; Non-participating (NOP request)",
	127: "Req. Not Accepted; Undefined error"}

func dnp3CtrlStatusName(s byte) string {
	if n, ok := dnp3CtrlStatusNames[s]; ok {
		return n
	}
	return fmt.Sprintf("Invalid Status (0x%02x)", s)
}

func dnp3CtrlStatus(s byte, at int) Field {
	s &= 0x7f
	n, ok := dnp3CtrlStatusNames[s]
	if !ok {
		n = "Unknown"
	}
	return UintField("dnp3.al.ctrlstatus", bitsLabel8(s, 0x7f, fmt.Sprintf("Control Status: %s (%d)", n, s)), at, 1, uint64(s))
}

var dnp3IINBitNames = map[uint16]string{0x8000: "Device Restart", 0x4000: "Device Trouble", 0x2000: "Digital Outputs in Local",
	0x1000: "Time Sync Required", 0x0800: "Class 3 Data Available", 0x0400: "Class 2 Data Available",
	0x0200: "Class 1 Data Available", 0x0100: "Broadcast Msg Rx", 0x0020: "Configuration Corrupt",
	0x0010: "Operation Already Executing", 0x0008: "Event Buffer Overflow", 0x0004: "Parameters Invalid or Out of Range",
	0x0002: "Requested Objects Unknown", 0x0001: "Function Code not implemented"}

func dnp3IINBitName(addr uint32) string {
	var bit uint16
	if addr < 8 {
		bit = 0x100 << addr
	} else if addr < 16 {
		bit = 1 << (addr - 8)
	}
	if n, ok := dnp3IINBitNames[bit]; ok {
		return n
	}
	return "Invalid IIN bit"
}

// dnp3G is C's %g.
func dnp3G(f float64) string {
	s := strconv.FormatFloat(f, 'g', 6, 64)
	// %g drops a mantissa's trailing zeros and writes a two-digit exponent
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant, exp := s[:i], s[i+1:]
		sign := exp[0]
		digits := exp[1:]
		if len(digits) < 2 {
			digits = "0" + digits
		}
		return mant + "e" + string(sign) + digits
	}
	return s
}

// dnp3PlaceAL moves the application layer's fields from offsets in the
// fragment to the frame at at: fragment byte i is user-data byte i+1 (after
// the transport header), which lies past the header and a CRC for each
// 16-byte block before it. With single false the fields get no bytes.
func dnp3PlaceAL(fs []Field, single bool, at int) {
	pos := func(i int) int { return at + dnp3HeaderLen + i + 2*(i/dnp3ChunkLen) }
	for i := range fs {
		f := &fs[i]
		if !single {
			f.Start, f.Len = 0, 0
		} else if f.Len == 0 {
			f.Start = pos(f.Start + 1)
		} else {
			s, e := pos(f.Start+1), pos(f.Start+f.Len)+1
			f.Start, f.Len = s, e-s
		}
		dnp3PlaceAL(f.Children, single, at)
	}
}
