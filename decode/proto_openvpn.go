package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"time"
)

// OpenVPN's packets as tshark 4.0's packet-openvpn.c reads them, on UDP and
// TCP port 1194 only (the dissector has no heuristic; TCP frames each packet
// with a 16-bit length). The first byte holds the opcode (5 bits) and key
// id (3 bits); Info is "MessageType: " and the opcode's name. Data packets
// carry a 24-bit peer id (P_DATA_V2) and bytes shown as Data. Control and
// ACK packets carry a 64-bit session id, then, when the dissector decides
// tls-auth is in use, a 20-byte HMAC, a replay packet-id and a net time;
// the packet-id array with its remote session id; the message packet-id
// (not on ACKs). tls-auth is guessed as packet-openvpn.c does with its
// default preferences: the byte after the session id (the array length
// without tls-auth) is not 0 and at most one of the 4 bytes from there is 0.
// P_CONTROL_HARD_RESET_CLIENT_V3 and P_CONTROL_WKC_V1 are tls-crypt: a
// packet-id, net time and 32-byte HMAC, then encrypted data with a wrapped
// client key at the end. A P_CONTROL_V1 packet's payload goes to the TLS
// dissector (proto_tls.go) on its own, as tshark 4.0 does: it joins control
// payloads only while one is exactly 100 bytes long ("Message fragment"),
// so a TLS record cut across packets shows as tshark shows it (Change
// Cipher Spec alone, then "Continuation Data"). tshark's TLS dissector sets
// an Info fence after its records: the next OpenVPN packet of the same
// segment then writes after that text. Hand-written: gopacket has no OpenVPN.

// OpenVPN's port and opcodes (ssl_pkt.h of OpenVPN 2.6).
const (
	portOpenVPN = 1194

	ovpnHardResetClientV1 = 1
	ovpnHardResetServerV1 = 2
	ovpnSoftResetV1       = 3
	ovpnControlV1         = 4
	ovpnAckV1             = 5
	ovpnDataV1            = 6
	ovpnHardResetClientV2 = 7
	ovpnHardResetServerV2 = 8
	ovpnDataV2            = 9
	ovpnHardResetClientV3 = 10
	ovpnControlWKCV1      = 11

	ovpnHMACLen      = 20  // tls_auth_hmac_size's default (SHA-1)
	ovpnCryptHMACLen = 32  // tls-crypt's HMAC-SHA256
	ovpnFragLen      = 100 // a control payload this long is a fragment to packet-openvpn.c
	ovpnFragKeep     = 1 << 16
)

var ovpnOpcodes = [...]string{
	ovpnHardResetClientV1: "P_CONTROL_HARD_RESET_CLIENT_V1",
	ovpnHardResetServerV1: "P_CONTROL_HARD_RESET_SERVER_V1",
	ovpnSoftResetV1:       "P_CONTROL_SOFT_RESET_V1",
	ovpnControlV1:         "P_CONTROL_V1",
	ovpnAckV1:             "P_ACK_V1",
	ovpnDataV1:            "P_DATA_V1",
	ovpnHardResetClientV2: "P_CONTROL_HARD_RESET_CLIENT_V2",
	ovpnHardResetServerV2: "P_CONTROL_HARD_RESET_SERVER_V2",
	ovpnDataV2:            "P_DATA_V2",
	ovpnHardResetClientV3: "P_CONTROL_HARD_RESET_CLIENT_V3",
	ovpnControlWKCV1:      "P_CONTROL_WKC_V1",
}

// ovpnOpcodeName is the opcode's name, ok false when it has none.
func ovpnOpcodeName(op byte) (string, bool) {
	if int(op) < len(ovpnOpcodes) && ovpnOpcodes[op] != "" {
		return ovpnOpcodes[op], true
	}
	return "", false
}

var openvpn = &Dissector{
	Name:    "openvpn",
	Dissect: dissectOpenVPN,
	PDULen:  openvpnPDULen,
	Fields: []FieldDef{
		{Name: "openvpn", Desc: "OpenVPN Protocol", Kind: FieldProto},
		{Name: "openvpn.plen", Desc: "Packet Length (TCP)", Kind: FieldUint, Bits: 16},
		{Name: "openvpn.type", Desc: "Opcode and key id byte", Kind: FieldUint, Bits: 8},
		{Name: "openvpn.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 8},
		{Name: "openvpn.keyid", Desc: "Key ID", Kind: FieldUint, Bits: 8},
		{Name: "openvpn.peerid", Desc: "Peer ID (P_DATA_V2)", Kind: FieldUint, Bits: 24},
		{Name: "openvpn.sessionid", Desc: "Session ID", Kind: FieldUint, Bits: 64},
		{Name: "openvpn.hmac", Desc: "HMAC (tls-auth or tls-crypt)", Kind: FieldBytes},
		{Name: "openvpn.pid", Desc: "Replay-Packet-ID", Kind: FieldUint, Bits: 32},
		{Name: "openvpn.net_time", Desc: "Net Time", Kind: FieldString},
		{Name: "openvpn.rsessionid", Desc: "Remote Session ID", Kind: FieldUint, Bits: 64},
		{Name: "openvpn.mpid", Desc: "Message Packet-ID", Kind: FieldUint, Bits: 32},
		{Name: "openvpn.mpidarraylength", Desc: "Message Packet-ID Array Length", Kind: FieldUint, Bits: 8},
		{Name: "openvpn.mpidarrayelement", Desc: "Message Packet-ID Array Element", Kind: FieldUint, Bits: 32},
		{Name: "openvpn.data", Desc: "Data", Kind: FieldBytes},
		{Name: "openvpn.wkc", Desc: "Wrapped client key", Kind: FieldBytes},
		{Name: "openvpn.wkc_len", Desc: "Wrapped client key length", Kind: FieldUint, Bits: 16},
		{Name: "openvpn.fragment_bytes", Desc: "Fragment bytes", Kind: FieldBytes},
		{Name: "openvpn.fragments", Desc: "Message fragments", Kind: FieldLabel},
		{Name: "openvpn.fragment", Desc: "Message fragment (frame)", Kind: FieldUint, Bits: 32},
		{Name: "openvpn.fragment.count", Desc: "Message fragment count", Kind: FieldUint, Bits: 32},
		{Name: "openvpn.reassembled.in", Desc: "Reassembled message in frame", Kind: FieldUint, Bits: 32},
		{Name: "openvpn.reassembled.length", Desc: "Reassembled message length", Kind: FieldUint, Bits: 32},
	},
}

func init() {
	RegisterUDP(openvpn, portOpenVPN)
	RegisterTCP(openvpn, portOpenVPN)
}

// openvpnPDULen frames a packet on TCP: a 16-bit length, then that many
// bytes (packet-openvpn.c's get_msg_length).
func openvpnPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 2 {
		return 0
	}
	return 2 + int(binary.BigEndian.Uint16(b))
}

// openvpnConv is a conversation's OpenVPN state: the TLS session its
// control packets carry, the Info fence tshark's TLS dissector left in a
// frame, and the control payloads of 100 bytes waiting for the rest of
// their message.
type openvpnConv struct {
	tls Conv
	// fence is the Info text TLS left in frame fenceFrame, after the PDU
	// at fenceOff: later PDUs of that segment (larger offsets) keep it; the
	// same packet dissected again does not.
	fenceFrame, fenceOff int
	fence                string
	frags                map[ovpnFragKey][]ovpnFrag
	fragFrames           map[int]bool       // frames taken as fragments
	done                 map[int][]ovpnFrag // frame of a last fragment: its message's fragments
}

// ovpnFragKey is what tshark's reassembly table tells messages apart by:
// the direction (the addresses) and the session id's low 32 bits.
type ovpnFragKey struct {
	dir  uint8
	sess uint32
}

type ovpnFrag struct {
	frame int
	data  []byte
}

func openvpnState(c *Conv) *openvpnConv {
	if c != nil {
		if st, ok := c.State.(*openvpnConv); ok {
			return st
		}
	}
	st := &openvpnConv{fenceFrame: -1}
	st.tls.State = &tlsConv{server: -1, lastFrame: -1}
	if c != nil {
		c.State = st
	}
	return st
}

// ovpnReader walks a packet as packet-openvpn.c does; a field past the
// end is tshark's bounds exception: malformedMark.
type ovpnReader struct {
	b   []byte
	off int
	bad bool
}

func (r *ovpnReader) left() int { return len(r.b) - r.off }

func (r *ovpnReader) has(n int) bool {
	if r.bad || r.left() < n {
		r.bad = true
		return false
	}
	return true
}

// ovpnBytes is an FT_BYTES line: hex, cut after 36 bytes.
func ovpnBytes(name, label string, b []byte, at, n int) Field {
	v := b[at : at+n]
	return Field{Name: name, Label: label + ": " + hexTrunc(v), Start: at, Len: n, Kind: FieldBytes, Str: string(v)}
}

func dissectOpenVPN(p *PDU, out *Out) bool {
	st := openvpnState(p.Conv)
	out.SetProto("OpenVPN")
	fence := ""
	if p.Conv != nil && p.TCP && st.fenceFrame == p.Frame && p.Off >= 0 && p.Off > st.fenceOff {
		fence = st.fence
	}
	out.SetInfo(fence)
	d := &ovpnDissection{st: st, p: p, out: out, fence: fence, r: ovpnReader{b: p.Data}}
	d.dissect()
	if d.r.bad {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(Field{Name: "openvpn", Label: "OpenVPN Protocol", Len: len(p.Data), Kind: FieldProto, Children: d.kids})
		out.Tree = append(out.Tree, d.tls...)
	}
	return true
}

// ovpnDissection is one packet being read.
type ovpnDissection struct {
	st    *openvpnConv
	p     *PDU
	out   *Out
	fence string
	r     ovpnReader
	kids  []Field // the OpenVPN layer's lines
	tls   []Field // the TLS layer after it
}

func (d *ovpnDissection) add(f Field) {
	if d.out.WantTree {
		d.kids = append(d.kids, f)
	}
}

func (d *ovpnDissection) dissect() {
	p, out, r := d.p, d.out, &d.r
	b := p.Data
	if p.TCP && len(b) >= 2 {
		n := binary.BigEndian.Uint16(b)
		d.add(UintField("openvpn.plen", "Packet Length: "+strconv.Itoa(int(n)), 0, 2, uint64(n)))
		r.off = 2
	}
	if !r.has(1) {
		return
	}
	t := b[r.off]
	op, key := t>>3, t&7
	name, known := ovpnOpcodeName(op)
	if known {
		out.AppendInfo("", "MessageType: "+name)
	} else {
		out.AppendInfo("", "MessageType: Unknown Messagetype")
		name = "Unknown"
	}
	d.add(Field{Name: "openvpn.type", Label: fmt.Sprintf("Type: 0x%02x [opcode/key_id]", t), Start: r.off, Len: 1, Kind: FieldUint, Num: uint64(t),
		Children: []Field{
			UintField("openvpn.opcode", bitsLabel8(t, 0xf8, fmt.Sprintf("Opcode: %s (0x%02x)", name, op)), r.off, 1, uint64(op)),
			UintField("openvpn.keyid", bitsLabel8(t, 0x07, "Key ID: "+strconv.Itoa(int(key))), r.off, 1, uint64(key)),
		}})
	r.off++
	var sess uint64
	switch op {
	case ovpnDataV2:
		if !r.has(3) {
			return
		}
		v := uint32(b[r.off])<<16 | uint32(b[r.off+1])<<8 | uint32(b[r.off+2])
		d.add(UintField("openvpn.peerid", "Peer ID: "+strconv.Itoa(int(v)), r.off, 3, uint64(v)))
		r.off += 3
	case ovpnDataV1:
	default:
		if !r.has(8) {
			return
		}
		sess = binary.BigEndian.Uint64(b[r.off:])
		d.add(UintField("openvpn.sessionid", "Session ID: "+strconv.FormatUint(sess, 10), r.off, 8, sess))
		r.off += 8
		if !r.has(1) {
			return
		}
		tlsAuth := false
		if b[r.off] > 0 {
			if !r.has(4) {
				return
			}
			zeros := 0
			for _, c := range b[r.off : r.off+4] {
				if c == 0 {
					zeros++
				}
			}
			tlsAuth = zeros <= 1
		}
		tlsCrypt := op == ovpnHardResetClientV3 || op == ovpnControlWKCV1
		if tlsCrypt {
			tlsAuth = false
		}
		if tlsAuth {
			if !r.has(ovpnHMACLen) {
				return
			}
			d.add(ovpnBytes("openvpn.hmac", "HMAC", b, r.off, ovpnHMACLen))
			r.off += ovpnHMACLen
		}
		if tlsAuth || tlsCrypt {
			if r.left() >= 8 {
				pid := binary.BigEndian.Uint32(b[r.off:])
				d.add(UintField("openvpn.pid", "Replay-Packet-ID: "+strconv.FormatUint(uint64(pid), 10), r.off, 4, uint64(pid)))
				ts := time.Unix(int64(binary.BigEndian.Uint32(b[r.off+4:])), 0).UTC().Format("Jan _2, 2006 15:04:05.000000000 UTC")
				d.add(StrField("openvpn.net_time", "Net Time: "+ts, r.off+4, 4, ts))
				r.off += 8
			}
			if tlsCrypt {
				if !r.has(ovpnCryptHMACLen) {
					return
				}
				d.add(ovpnBytes("openvpn.hmac", "HMAC", b, r.off, ovpnCryptHMACLen))
				r.off += ovpnCryptHMACLen
			}
		}
		if r.left() >= 1 && !tlsCrypt {
			n := int(b[r.off])
			d.add(UintField("openvpn.mpidarraylength", "Message Packet-ID Array Length: "+strconv.Itoa(n), r.off, 1, uint64(n)))
			r.off++
			if n > 0 {
				arr := Field{Label: "Packet-ID Array", Start: r.off}
				for i := 0; i < n; i++ {
					if !r.has(4) {
						d.add(arr)
						return
					}
					v := binary.BigEndian.Uint32(b[r.off:])
					arr.Children = append(arr.Children, UintField("openvpn.mpidarrayelement", "Message Packet-ID Array Element: "+strconv.FormatUint(uint64(v), 10), r.off, 4, uint64(v)))
					r.off += 4
				}
				d.add(arr)
				if r.left() >= 8 {
					v := binary.BigEndian.Uint64(b[r.off:])
					d.add(UintField("openvpn.rsessionid", "Remote Session ID: "+strconv.FormatUint(v, 10), r.off, 8, v))
					r.off += 8
				}
			}
		}
		if op != ovpnAckV1 && !tlsCrypt && r.left() >= 4 {
			mpid := binary.BigEndian.Uint32(b[r.off:])
			d.add(UintField("openvpn.mpid", "Message Packet-ID: "+strconv.FormatUint(uint64(mpid), 10), r.off, 4, uint64(mpid)))
			r.off += 4
		}
	}
	rest := r.left()
	if rest == 0 {
		return
	}
	if op != ovpnControlV1 {
		d.data(op, rest)
		return
	}
	d.control(sess)
}

// data is the bytes after a non-control packet's header, a tls-crypt
// packet's wrapped client key at their end.
func (d *ovpnDissection) data(op byte, rest int) {
	b, r := d.p.Data, &d.r
	dataLen, wkcLen := rest, -1
	if (op == ovpnHardResetClientV3 || op == ovpnControlWKCV1) && rest >= 2 {
		wkcLen = int(binary.BigEndian.Uint16(b[len(b)-2:]))
		dataLen = rest - wkcLen
		if dataLen < 0 {
			r.bad = true
			return
		}
	}
	d.add(Field{Label: fmt.Sprintf("Data (%d bytes)", dataLen), Start: r.off, Len: dataLen,
		Children: []Field{ovpnBytes("openvpn.data", "Data", b, r.off, dataLen)}})
	if wkcLen > 0 {
		at := len(b) - wkcLen
		// tshark 4.0 places this line on the data and its key over the
		// length field too
		d.add(Field{Label: fmt.Sprintf("Wrapped client key (%d bytes)", wkcLen), Start: r.off, Len: dataLen, Children: []Field{
			ovpnBytes("openvpn.wkc", "Wrapped client key", b, at, wkcLen),
			UintField("openvpn.wkc_len", "Wrapped client key length: "+strconv.Itoa(wkcLen), len(b)-2, 2, uint64(wkcLen)),
		}})
	}
}

// control hands a P_CONTROL_V1 payload, with the 100-byte payloads before
// it, to the TLS dissector.
func (d *ovpnDissection) control(sess uint64) {
	p, out, r, st := d.p, d.out, &d.r, d.st
	b := p.Data
	rest := r.left()
	fragLine := func() {
		d.add(Field{Label: fmt.Sprintf("Message fragment (%d bytes)", rest), Start: r.off, Len: rest,
			Children: []Field{ovpnBytes("openvpn.fragment_bytes", "Fragment bytes", b, r.off, rest)}})
	}
	msg, frags := st.reassemble(p, sess, b[r.off:])
	if msg == nil {
		// tshark names the fragment in Info only when it dissects the
		// packet a second time
		fragLine()
		return
	}
	tp := PDU{Data: msg, Len: len(msg), Off: 0, Frame: p.Frame, Segments: p.Segments, Time: p.Time,
		SrcPort: p.SrcPort, DstPort: p.DstPort, Src: p.Src, Dst: p.Dst, Dir: p.Dir, Conv: &st.tls}
	if len(frags) > 1 {
		fragLine()
		d.add(ovpnFragments(frags, len(msg)))
		tp.Off = -1
	}
	var to Out
	to.reset(out.WantTree)
	ovpnTLS(&tp, &to)
	info := to.Info()
	out.SetInfo(d.fence)
	if d.fence != "" && info != "" {
		out.AppendInfo(", ", info)
	} else {
		out.AppendInfo("", info)
	}
	out.SetProto(to.Proto)
	out.NameFlow(to.name) // a Client Hello's server name names the OpenVPN flow
	st.fenceFrame, st.fenceOff, st.fence = p.Frame, p.Off, out.Info()
	if out.WantTree {
		for i := range to.Tree {
			if f := &to.Tree[i]; f.Name == "tls" {
				f.Len = len(msg) - f.Start // dissect_ssl's layer spans the payload, a record cut short included
			}
		}
		if tp.Off >= 0 {
			Shift(to.Tree, r.off)
		} else {
			Unplace(to.Tree)
		}
		d.tls = to.Tree
	}
}

// reassemble is fragment_add_seq_next as packet-openvpn.c calls it: a
// payload of 100 bytes waits for more (nil), any other ends the message
// of its direction and session. The fragments of the message come along.
func (st *openvpnConv) reassemble(p *PDU, sess uint64, payload []byte) ([]byte, []ovpnFrag) {
	key := ovpnFragKey{p.Dir, uint32(sess)}
	if len(payload) == ovpnFragLen {
		if st.frags == nil {
			st.frags, st.fragFrames = map[ovpnFragKey][]ovpnFrag{}, map[int]bool{}
		}
		if st.fragFrames[p.Frame] {
			return nil, nil // dissected again
		}
		st.fragFrames[p.Frame] = true
		if fs := st.frags[key]; len(fs)*ovpnFragLen < ovpnFragKeep {
			st.frags[key] = append(fs, ovpnFrag{p.Frame, payload})
		}
		return nil, nil
	}
	if fs, ok := st.done[p.Frame]; ok {
		return ovpnJoin(fs), fs
	}
	fs := st.frags[key]
	if len(fs) == 0 {
		return payload, []ovpnFrag{{p.Frame, payload}}
	}
	delete(st.frags, key)
	fs = append(fs, ovpnFrag{p.Frame, payload})
	if st.done == nil {
		st.done = map[int][]ovpnFrag{}
	}
	st.done[p.Frame] = fs
	return ovpnJoin(fs), fs
}

func ovpnJoin(fs []ovpnFrag) []byte {
	var msg []byte
	for _, f := range fs {
		msg = append(msg, f.data...)
	}
	return msg
}

// ovpnFragments is the reassembly's summary (process_reassembled_data's
// fragment tree): generated lines with no place in the packet.
func ovpnFragments(fs []ovpnFrag, total int) Field {
	label := fmt.Sprintf("%d Message fragments (%d bytes): ", len(fs), total)
	var kids []Field
	at := 0
	for _, f := range fs {
		if at > 0 {
			label += ", "
		}
		label += fmt.Sprintf("#%d(%d)", f.frame+1, len(f.data))
		kids = append(kids, UintField("openvpn.fragment", fmt.Sprintf("Frame: %d, payload: %d-%d (%d bytes)", f.frame+1, at, at+len(f.data)-1, len(f.data)), 0, 0, uint64(f.frame+1)))
		at += len(f.data)
	}
	kids = append(kids,
		UintField("openvpn.fragment.count", fmt.Sprintf("Message fragment count: %d", len(fs)), 0, 0, uint64(len(fs))),
		UintField("openvpn.reassembled.length", fmt.Sprintf("Reassembled message length: %d", total), 0, 0, uint64(total)))
	f := Field{Name: "openvpn.fragments", Label: label, Children: kids}
	fl := []Field{f}
	Unplace(fl)
	return fl[0]
}

// ovpnTLS is dissect_ssl on a control message, which it cannot ask to be
// reassembled: the records it holds whole, each as the session's version
// classifies it (dissectTLS); a record longer than the bytes left ends the
// walk with nothing said.
func ovpnTLS(p *PDU, out *Out) {
	st := tlsState(p.Conv)
	st.lastFrame, st.frozen = p.Frame, false
	out.SetProto(st.version.column())
	out.SetInfo("")
	b := p.Data
	for off := 0; off < len(b); {
		rest := b[off:]
		n := len(rest)
		switch st.classify(rest) {
		case tlsKindNeedMore:
			return
		case tlsKindV3:
			n = 5 + int(binary.BigEndian.Uint16(rest[3:]))
		case tlsKindV2:
			n = sslv2RecordLen(rest)
		case tlsKindV3Garbage:
			n = min(5+int(binary.BigEndian.Uint16(rest[3:])), len(rest))
		}
		if n <= 0 || n > len(rest) {
			if st.classify(rest) == tlsKindV2 && st.version == tlsVersionTLS13 {
				// tshark 4.0 calls such bytes of a TLS 1.3 session
				// Continuation Data (lab__openvpn-udp.pcap frame 5)
				rec := PDU{Data: rest, Len: len(rest), Off: -1, Frame: p.Frame, Dir: p.Dir, Conv: p.Conv}
				if p.Off >= 0 {
					rec.Off = off
				}
				t := &tlsOut{st: st, p: &rec, out: out, tree: out.WantTree}
				t.info("Continuation Data")
				if t.tree {
					sub := len(out.Tree)
					t.addRecord(Field{Label: "Continuation Data", Len: len(rest)}, off == 0)
					if rec.Off >= 0 && len(out.Tree) > sub {
						Shift(out.Tree[sub:], off)
					}
				}
			}
			return
		}
		rec := PDU{Data: rest[:n], Len: n, Off: -1, Frame: p.Frame, Segments: p.Segments, Time: p.Time,
			SrcPort: p.SrcPort, DstPort: p.DstPort, Src: p.Src, Dst: p.Dst, Dir: p.Dir, Conv: p.Conv}
		if p.Off >= 0 {
			rec.Off = off
		}
		sub := len(out.Tree)
		dissectTLS(&rec, out)
		if rec.Off >= 0 {
			Shift(out.Tree[sub:], off)
		}
		off += n
	}
}
