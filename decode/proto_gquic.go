package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// Google QUIC (gQUIC, versions Q0xx up to Q046) as Wireshark 4.0's
// packet-gquic.c shows it: the public header (Q046: its IETF-like long and
// short headers), the packet number, and the handshake messages sent in
// the clear on stream 1 (CHLO, REJ, SHLO) with their tags, the server name
// among them; everything else is "Payload (Encrypted)". Found, like
// Wireshark, only by a heuristic on the version the client announces; the
// conversation then stays gQUIC. Q050 and T05x use IETF QUIC headers and
// are read by the QUIC dissector.

// gQUIC public flags (< Q046).
const (
	gquicFlagVersion = 0x01
	gquicFlagReset   = 0x02
	gquicFlagNonce   = 0x04
	gquicFlagCID     = 0x08
	gquicFlagPKN     = 0x30
	gquicFlagMPTH    = 0x40
	gquicFlagRSV     = 0x80
)

// gquicMaxFrames bounds the frames read from one packet.
const gquicMaxFrames = 256

// Handshake message tags (stream 1).
const (
	gquicTagCHLO uint32 = 0x43484c4f
	gquicTagSHLO uint32 = 0x53484c4f
	gquicTagREJ  uint32 = 0x52454a00
	gquicTagPRST uint32 = 0x50525354
	gquicTagSNI  uint32 = 0x534e4900
)

var gquicMessageNames = map[uint32]string{gquicTagCHLO: "Client Hello", gquicTagSHLO: "Server Hello", gquicTagREJ: "Rejection",
	gquicTagPRST: "Public Reset"}

var gquicTagNames = map[string]string{
	"PAD\x00": "Padding", "SNI\x00": "Server Name Indication", "VER\x00": "Version", "CCS\x00": "Common Certificate Sets",
	"PDMD": "Proof Demand", "UAID": "Client's User Agent ID", "STK\x00": "Source-address Token", "SNO\x00": "Server nonce",
	"PROF": "Proof (Signature)", "SCFG": "Server Config", "RREJ": "Reasons for server sending", "CRT\xff": "Certificate chain",
	"AEAD": "Authenticated encryption algorithms", "SCID": "Server config ID", "PUBS": "Public value",
	"KEXS": "Key exchange algorithms", "OBIT": "Server Orbit", "EXPY": "Expiry", "NONC": "Client nonce",
}

// gquicState is what gQUIC keeps about a conversation
// (gquic_info_data_t).
type gquicState struct {
	version      int
	versionValid bool
	bigEndian    bool
	serverPort   uint16
}

var gquicDissector = &Dissector{
	Name:      "gquic",
	Dissect:   dissectGQUIC,
	Heuristic: gquicHeuristic,
	Fields: []FieldDef{
		{Name: "gquic.cid", Desc: "CID", Kind: FieldUint, Bits: 64},
		{Name: "gquic.version", Desc: "Version", Kind: FieldString},
		{Name: "gquic.packet_number", Desc: "Packet Number", Kind: FieldUint, Bits: 64},
		{Name: "gquic.tag", Desc: "Tag", Kind: FieldString},
		{Name: "gquic.tag.sni", Desc: "Server Name Indication", Kind: FieldString},
	},
}

func init() { RegisterUDP(gquicDissector) }

// gquicHeuristic is Wireshark's dissect_gquic_heur: a public header with
// the version flag and an 8-byte CID and a version Q02x-Q04x, or a Q046
// long header.
func gquicHeuristic(b []byte) bool {
	if len(b) < 1 {
		return false
	}
	f := b[0]
	switch {
	case f&gquicFlagRSV == 0 && f&gquicFlagMPTH == 0:
		if len(b) < 13 || f&gquicFlagVersion == 0 || f&gquicFlagCID == 0 {
			return false
		}
		return b[9] == 'Q' && b[10] == '0' && b[11] >= '2' && b[11] <= '4'
	case f&gquicFlagRSV != 0 && f&gquicFlagMPTH != 0:
		return len(b) >= 14 && string(b[1:5]) == "Q046"
	}
	return false
}

// gquicVersion parses the three digits after 'Q' (Wireshark's ws_strtou8).
func gquicVersion(b []byte) (int, bool) {
	if len(b) < 3 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[:3]), 10, 8)
	return int(v), err == nil
}

func (s *gquicState) uint(b []byte) uint64 {
	var v uint64
	if s.bigEndian {
		for _, c := range b {
			v = v<<8 | uint64(c)
		}
		return v
	}
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

func gquicPKNLen(flags byte) int { return [4]int{1, 2, 4, 6}[(flags&gquicFlagPKN)>>4] }

func dissectGQUIC(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 3 || p.Conv == nil {
		return false
	}
	st, _ := p.Conv.State.(*gquicState)
	q046 := !(b[0]&gquicFlagRSV == 0 && b[0]&gquicFlagMPTH == 0)
	if st == nil {
		st = &gquicState{versionValid: true, serverPort: 443, bigEndian: q046}
		p.Conv.State = st
	}
	out.SetProto("GQUIC")
	g := gquicPacket{p: p, out: out, st: st}
	if out.WantTree {
		out.Add(Field{Name: "gquic", Label: "GQUIC (Google Quick UDP Internet Connections)", Len: len(b), Kind: FieldProto})
		g.top = &out.Tree[len(out.Tree)-1]
	}
	if q046 {
		g.q046(b)
	} else {
		g.common(b)
	}
	return true
}

type gquicPacket struct {
	p   *PDU
	out *Out
	st  *gquicState
	top *Field
	cid uint64
}

func (g *gquicPacket) add(f Field) {
	if g.top != nil {
		g.top.Children = append(g.top.Children, f)
	}
}

func (g *gquicPacket) fromServer() bool { return g.p.SrcPort == g.st.serverPort }

// common reads a packet with the public header of versions before Q046.
func (g *gquicPacket) common(b []byte) {
	flags := b[0]
	cidLen := 0
	if flags&gquicFlagCID != 0 {
		cidLen = 8
	}
	if flags&gquicFlagVersion != 0 && 1+cidLen+4 <= len(b) {
		g.st.version, g.st.versionValid = gquicVersion(b[1+cidLen+1:])
	}
	if g.st.version >= 39 {
		g.st.bigEndian = true
	}
	g.add(Field{Name: "gquic.puflags", Label: "Public Flags: 0x" + hex.EncodeToString(b[:1]), Start: 0, Len: 1, Kind: FieldUint, Num: uint64(flags)})
	o := 1
	if cidLen > 0 {
		if o+8 > len(b) {
			return
		}
		g.cid = g.st.uint(b[o : o+8])
		g.add(UintField("gquic.cid", "CID: "+strconv.FormatUint(g.cid, 10), o, 8, g.cid))
		o += 8
	}
	if flags&gquicFlagVersion != 0 {
		if g.fromServer() {
			for ; o+4 <= len(b); o += 4 {
				g.add(StrField("gquic.version", "Version: "+Printable(string(b[o:o+4])), o, 4, string(b[o:o+4])))
			}
			g.out.SetInfo("Version Negotiation, CID: " + strconv.FormatUint(g.cid, 10))
			return
		}
		if o+4 > len(b) {
			return
		}
		g.add(StrField("gquic.version", "Version: "+Printable(string(b[o:o+4])), o, 4, string(b[o:o+4])))
		o += 4
	}
	if flags&gquicFlagReset != 0 {
		g.out.SetInfo("Public Reset, CID: " + strconv.FormatUint(g.cid, 10))
		return
	}
	if g.st.versionValid && flags&gquicFlagNonce != 0 && g.st.version >= 33 && g.fromServer() {
		o += 32
	}
	g.rest(b, o, gquicPKNLen(flags))
}

// q046 reads a Q046 packet: IETF-style long or short header.
func (g *gquicPacket) q046(b []byte) {
	first := b[0]
	pknLen := int(first&3) + 1
	o := 1
	if first&gquicFlagMPTH != 0 && first&gquicFlagRSV != 0 {
		if len(b) < 6 {
			return
		}
		g.st.version, g.st.versionValid = gquicVersion(b[2:])
		cil := b[5]
		cidLen := int(cil>>4) + 3
		if g.fromServer() {
			cidLen = int(cil&0x0f) + 3
		}
		g.add(UintField("gquic.header_form", "1... .... = Header Form: Long Header (1)", 0, 1, 1))
		g.add(StrField("gquic.version", "Version: "+Printable(string(b[1:5])), 1, 4, string(b[1:5])))
		o = 6
		if o+8 <= len(b) {
			g.cid = g.st.uint(b[o : o+8])
			g.add(UintField("gquic.cid", "CID: "+strconv.FormatUint(g.cid, 10), o, 8, g.cid))
		}
		o += cidLen
	} else {
		g.add(UintField("gquic.header_form", "0... .... = Header Form: Short Header (0)", 0, 1, 0))
		if !g.fromServer() {
			if o+8 > len(b) {
				return
			}
			g.cid = g.st.uint(b[o : o+8])
			g.add(UintField("gquic.cid", "CID: "+strconv.FormatUint(g.cid, 10), o, 8, g.cid))
			o += 8
		}
	}
	g.rest(b, o, pknLen)
}

// rest reads the packet number and the frames or encrypted payload, and
// writes the Info column.
func (g *gquicPacket) rest(b []byte, o, pknLen int) {
	if o+pknLen > len(b) {
		return
	}
	pkn := g.st.uint(b[o : o+pknLen])
	g.add(UintField("gquic.packet_number", "Packet Number: "+strconv.FormatUint(pkn, 10), o, pknLen, pkn))
	o += pknLen
	if g.unencrypted(b, o, pknLen) {
		g.frames(b, o, pknLen)
	} else {
		g.out.SetInfo("Payload (Encrypted)")
		if o < len(b) {
			g.add(Field{Name: "gquic.payload", Label: "Payload: " + hexEllipsis(b[o:]), Start: o, Len: len(b) - o, Kind: FieldBytes})
		}
	}
	g.out.AppendInfo("", ", PKN: "+strconv.FormatUint(pkn, 10))
	if g.cid != 0 {
		g.out.AppendInfo("", ", CID: "+strconv.FormatUint(g.cid, 10))
	}
}

func gquicOffsetLen(ft byte) int { return [8]int{0, 2, 3, 4, 5, 6, 7, 8}[(ft&0x1c)>>2] }
func gquicLen1246(x byte) int    { return [4]int{1, 2, 4, 6}[x&3] }

// unencrypted is Wireshark's is_gquic_unencrypt: it walks the frames after
// the message authentication hash and says yes on a stream frame whose
// data starts with a CHLO, SHLO or REJ tag (or a connection close that
// ends the packet).
func (g *gquicPacket) unencrypted(b []byte, o, pknLen int) bool {
	if len(b)-o <= 13 {
		return false
	}
	o += 12
	old := g.st.versionValid && g.st.version < 34
	if old {
		o++
	}
	rem := func() int { return len(b) - o }
	for n := 0; rem() > 0 && n < gquicMaxFrames; n++ {
		if rem() <= 1 {
			return false
		}
		ft := b[o]
		if ft&0xe0 == 0 {
			o++
			switch ft {
			case 0x00: // PADDING
				return false
			case 0x01: // RST_STREAM
				o += 16
			case 0x02: // CONNECTION_CLOSE
				o += 4
				if rem() <= 2 {
					return false
				}
				l := int(g.st.uint(b[o : o+2]))
				o += 2
				if rem() == l {
					return true
				}
			case 0x03: // GOAWAY
				o += 8
				if rem() <= 2 {
					return false
				}
				l := int(g.st.uint(b[o : o+2]))
				o += 2 + l
			case 0x04: // WINDOW_UPDATE
				o += 12
			case 0x05: // BLOCKED
				o += 4
			case 0x06: // STOP_WAITING
				if old {
					o++
				}
				o += pknLen
			}
			continue
		}
		switch {
		case ft&0x80 != 0: // STREAM
			dl := 0
			if ft&0x20 != 0 {
				dl = 2
			}
			o += 1 + int(ft&3) + 1 + gquicOffsetLen(ft) + dl
			if rem() <= 4 {
				return false
			}
			tag := binary.BigEndian.Uint32(b[o:])
			if tag == gquicTagCHLO || tag == gquicTagSHLO || tag == gquicTagREJ {
				if tag == gquicTagCHLO && g.p.SrcPort != 443 {
					g.st.serverPort = g.p.DstPort
				}
				return true
			}
		case ft&0x40 != 0: // ACK
			var ok bool
			if o, ok = gquicSkipACK(b, o, old); !ok {
				return false
			}
		default:
			o++
		}
	}
	return false
}

// gquicSkipACK steps over the ACK frame at o (old: before Q034's format
// change); false when a count it needs lies past the packet.
func gquicSkipACK(b []byte, o int, old bool) (int, bool) {
	ft := b[o]
	rem := func() int { return len(b) - o }
	lo, lm := gquicLen1246(ft>>2), gquicLen1246(ft)
	o++
	if old {
		o += 1 + lo + 2
		if rem() <= 1 {
			return o, false
		}
		nt := int(b[o])
		o++
		if nt > 0 {
			o += 5 + (nt-1)*3
		}
		if ft&0x20 != 0 {
			if rem() <= 1 {
				return o, false
			}
			nr := int(b[o])
			o += 1 + nr*(lm+1)
			if rem() <= 1 {
				return o, false
			}
			nv := int(b[o])
			o += 1 + nv*lo
		}
		return o, true
	}
	o += lo + 2
	nb := 0
	if ft&0x20 != 0 {
		if rem() <= 1 {
			return o, false
		}
		nb = int(b[o])
		o++
	}
	o += lm + nb*(1+lm)
	if rem() <= 1 {
		return o, false
	}
	nt := int(b[o])
	o++
	if nt > 0 {
		o += 5 + (nt-1)*3
	}
	return o, true
}

// frames reads the frames of a packet sent in the clear: the handshake
// message on stream 1 names the Info column and may name the flow.
func (g *gquicPacket) frames(b []byte, o, pknLen int) {
	g.add(Field{Name: "gquic.message_authentication_hash", Label: "Message Authentication Hash: " + hex.EncodeToString(b[o:o+12]),
		Start: o, Len: 12, Kind: FieldBytes, Str: string(b[o : o+12])})
	o += 12
	old := g.st.versionValid && g.st.version < 34
	if old {
		o++
	}
	for n := 0; o < len(b) && n < gquicMaxFrames; n++ {
		ft := b[o]
		start := o
		switch {
		case ft&0x80 != 0: // STREAM
			sl, ol, dl := int(ft&3)+1, gquicOffsetLen(ft), 0
			if ft&0x20 != 0 {
				dl = 2
			}
			o++
			if o+sl+ol+dl > len(b) {
				return
			}
			sid := g.st.uint(b[o : o+sl])
			o += sl + ol
			end := len(b)
			if dl > 0 {
				if l := int(g.st.uint(b[o : o+dl])); o+dl+l < end {
					end = o + dl + l
				}
				o += dl
			}
			f := Field{Name: "gquic.frame", Label: "STREAM (Special Frame Type) Stream ID: " + strconv.FormatUint(sid, 10), Start: start}
			f.Children = append(f.Children, UintField("gquic.stream_id", "Stream ID: "+strconv.FormatUint(sid, 10), start+1, sl, sid))
			switch sid {
			case 1:
				g.handshake(b[:end], o, &f)
			case 3:
				g.out.SetInfo("H2")
			default:
				g.out.SetInfo("DATA")
			}
			o = end
			f.Len = o - start
			g.add(f)
		case ft&0x40 != 0: // ACK
			var ok bool
			if o, ok = gquicSkipACK(b, o, old); !ok {
				return
			}
		case ft == 0x00: // PADDING to the end
			g.add(Field{Name: "gquic.frame", Label: "PADDING Length: " + strconv.Itoa(len(b)-o-1), Start: o, Len: len(b) - o})
			return
		case ft == 0x01: // RST_STREAM
			g.out.SetInfo("RST STREAM")
			o += 17
		case ft == 0x02, ft == 0x03: // CONNECTION_CLOSE, GOAWAY
			skip := 1 + 4
			if ft == 0x03 {
				g.out.SetInfo("GOAWAY")
				skip += 4
			} else {
				g.out.SetInfo("Connection Close")
			}
			if o+skip+2 > len(b) {
				return
			}
			o += skip + 2 + int(g.st.uint(b[o+skip:o+skip+2]))
		case ft == 0x04: // WINDOW_UPDATE
			o += 13
		case ft == 0x05: // BLOCKED
			o += 5
		case ft == 0x06: // STOP_WAITING
			o++
			if old {
				o++
			}
			o += pknLen
		default: // PING and frame types without a body
			o++
		}
	}
}

// handshake reads a handshake message (tag, tag count, tag/offset table,
// values) starting at o.
func (g *gquicPacket) handshake(b []byte, o int, f *Field) {
	if o+8 > len(b) {
		return
	}
	tag := binary.BigEndian.Uint32(b[o:])
	name, ok := gquicMessageNames[tag]
	if !ok {
		name = "Unknown"
	}
	g.out.SetInfo(name)
	f.Label += ", Type: " + Printable(string(b[o:o+4])) + " (" + name + ")"
	f.Children = append(f.Children, StrField("gquic.tag", "Tag: "+Printable(string(b[o:o+4]))+" ("+name+")", o, 4, string(b[o:o+4])))
	count := int(binary.LittleEndian.Uint16(b[o+4:]))
	f.Children = append(f.Children, UintField("gquic.tag_number", "Tag Number: "+strconv.Itoa(count), o+4, 2, uint64(count)))
	o += 8
	values := o + count*8
	prev := 0
	for i := 0; i < count && o+8 <= len(b) && i < gquicMaxFrames; i++ {
		t := string(b[o : o+4])
		endOff := int(binary.LittleEndian.Uint32(b[o+4:]))
		l := endOff - prev
		vs := values + prev
		if l < 0 || vs > len(b) {
			break
		}
		l = min(l, len(b)-vs)
		tn, ok := gquicTagNames[t]
		if !ok {
			tn = "Unknown"
		}
		tf := Field{Name: "gquic.tags", Label: "Tag/value: " + Printable(trimNUL(t)) + " (" + tn + ") (l=" + strconv.Itoa(l) + ")", Start: o, Len: 8}
		if binary.BigEndian.Uint32(b[o:]) == gquicTagSNI {
			sni := string(b[vs : vs+l])
			tf.Label += ": " + Printable(sni)
			tf.Children = append(tf.Children, StrField("gquic.tag.sni", "Server Name Indication: "+Printable(sni), vs, l, sni))
			if tag == gquicTagCHLO {
				g.out.NameFlow(sni)
			}
		}
		if g.top != nil {
			f.Children = append(f.Children, tf)
		}
		prev = endOff
		o += 8
	}
}

func trimNUL(s string) string {
	for len(s) > 0 && (s[len(s)-1] == 0 || s[len(s)-1] == 0xff) {
		s = s[:len(s)-1]
	}
	return s
}
