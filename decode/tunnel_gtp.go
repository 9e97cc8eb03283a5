package decode

import (
	"encoding/binary"
	"fmt"
)

// GTP, the GPRS Tunnelling Protocol, on the three UDP ports Wireshark
// gives its gtp dissector. GTP-U's T-PDUs carry a user's IP packet, which
// ladder decodes as the packet (a tunnel: "GTP <ICMP>"); every other
// message (GTPv1-C and GTPv2-C signalling, GTP-U echo and error messages,
// GTP' charging records, a T-PDU that holds no IP packet) ends the layers
// at GTP (Headers.Term), and its columns come from gtpColumns. The rules
// for which datagrams are GTP and which are malformedMark are
// tshark 4.0's, read back from crafted captures (lab__gtp-crafted.py).
const (
	portGTPPrime = 3386 // GTPv0 and GTP'
	portGTPC     = 2123
	portGTPU     = 2152
)

// gtpTypeTPDU is the message type of a T-PDU, the user-plane packet.
const gtpTypeTPDU = 0xff

// gtpMsg is one GTP message's header as packet-gtp.c reads it.
type gtpMsg struct {
	version uint8 // 0, 1 or 2
	prime   bool  // GTP' (protocol type bit clear, versions 0 and 1)
	typ     uint8
	hdrLen  int  // bytes before the information elements or the T-PDU
	short   bool // the header is cut off: tshark adds [Malformed Packet]
	end     int  // where the message ends by its length field (capped by b)
}

// parseGTP reads the GTP header at the start of b, a UDP payload. ok is
// false when tshark's gtp dissector rejects the datagram, which then
// reads as plain UDP: fewer than two bytes (one is enough for GTPv2),
// versions 3 to 7, and a GTPv0/v1 message type its table does not name.
func parseGTP(b []byte) (m gtpMsg, ok bool) {
	if len(b) < 1 {
		return m, false
	}
	m.version = b[0] >> 5
	if m.version == 2 {
		m.hdrLen = 8
		if b[0]&0x08 != 0 {
			m.hdrLen = 12 // a TEID
		}
		if len(b) >= 2 {
			m.typ = b[1]
		}
		m.short = len(b) < m.hdrLen
		m.end = len(b)
		if len(b) >= 4 {
			m.end = min(len(b), 4+int(binary.BigEndian.Uint16(b[2:])))
		}
		return m, true
	}
	if m.version > 2 || len(b) < 2 {
		return m, false
	}
	m.typ = b[1]
	if m.typ == 0 || gtpMessageNames[m.typ] == "" {
		return m, false
	}
	m.prime = b[0]&0x10 == 0
	switch {
	case m.prime && (m.version == 1 || b[0]&0x01 != 0):
		m.hdrLen = 6
	case m.version == 0:
		m.hdrLen = 20
	case b[0]&0x07 != 0:
		m.hdrLen = 12
	default:
		m.hdrLen = 8
	}
	m.short = len(b) < min(m.hdrLen, 8)
	if m.version == 1 && !m.prime {
		// each optional field is read only when its flag asks for it,
		// though all three take their 4 bytes
		m.short = m.short || b[0]&0x04 != 0 && len(b) < 12 || b[0]&0x01 != 0 && len(b) < 11 || b[0]&0x02 != 0 && len(b) < 10
	} else {
		m.short = len(b) < m.hdrLen
	}
	m.end = len(b)
	if len(b) >= 4 {
		// GTPv1's length counts what follows its 8 fixed bytes; GTPv0's
		// and GTP''s what follows the whole header
		base := 8
		if m.version == 0 || m.prime {
			base = m.hdrLen
		}
		m.end = min(len(b), base+int(binary.BigEndian.Uint16(b[2:])))
	}
	if m.version == 1 && !m.prime && b[0]&0x04 != 0 && !m.short {
		n, ok := gtpExtHeaders(b)
		if !ok {
			m.short = true
		}
		m.hdrLen = n
	}
	return m, true
}

// gtpExtHeaders walks GTPv1's extension headers (TS 29.281 §5.2): each
// gives its length in 4-byte units and ends with the next one's type. It
// returns where they end; ok is false when one runs past the packet.
func gtpExtHeaders(b []byte) (n int, ok bool) {
	n = 12
	for next := b[11]; next != 0; next = b[n-1] {
		if n >= len(b) || b[n] == 0 || n+int(b[n])*4 > len(b) {
			return n, false
		}
		n += int(b[n]) * 4
	}
	return n, true
}

// gtpv1IELen is the value length of each GTPv1 TV information element
// (TS 29.060 §7.7); types from 128 on are TLV with a 2-byte length.
var gtpv1IELen = [128]uint8{
	1: 1, 2: 8, 3: 6, 4: 4, 5: 4, 8: 1, 9: 28, 11: 1, 12: 3, 13: 1, 14: 1, 15: 1,
	16: 4, 17: 4, 18: 5, 19: 1, 20: 1, 21: 1, 22: 9, 23: 1, 24: 1, 25: 2, 26: 2,
	27: 2, 28: 2, 29: 1, 127: 4,
}

// gtpv1IEsCut reports whether a GTPv1 signalling message's information
// elements run past the captured bytes. The walk stops at a TV type whose
// length it does not know.
func gtpv1IEsCut(b []byte, m gtpMsg) bool {
	for off := m.hdrLen; off < m.end; {
		t := b[off]
		if t < 128 {
			n := int(gtpv1IELen[t])
			if n == 0 {
				return false
			}
			if off+1+n > len(b) {
				return true
			}
			off += 1 + n
			continue
		}
		if off+3 > len(b) {
			return true
		}
		n := int(binary.BigEndian.Uint16(b[off+1:]))
		if off+3+n > len(b) {
			return true
		}
		off += 3 + n
	}
	return false
}

// gtpTPDU is the packet a GTPv0/v1 T-PDU carries: its bytes (up to the
// header's length) and whether tshark hands them to IP. It does so for
// an IPv4 first byte 0x45 to 0x4e and any IPv6 first nibble.
func gtpTPDU(b []byte, m gtpMsg) (payload []byte, isIP bool) {
	if m.typ != gtpTypeTPDU || m.version > 1 || m.prime || m.short || m.hdrLen > m.end {
		return nil, false
	}
	payload = b[m.hdrLen:m.end]
	if len(payload) == 0 {
		return payload, false
	}
	c := payload[0]
	return payload, c >= 0x45 && c <= 0x4e || c>>4 == 6
}

// gtp decodes a GTP datagram on one of its ports; false when it is not
// GTP. A T-PDU carrying IP goes on to that packet; anything else ends the
// layers here.
func (h *Headers) gtp(udp, b []byte) bool {
	m, ok := parseGTP(b)
	if !ok || !h.enterUDP(udp) {
		return false
	}
	// gtp.teid is GTPv1's field: GTPv0, GTP' and GTPv2 (gtpv2.teid) have
	// none of it
	var teid uint32
	keyed := m.version == 1 && !m.prime && len(b) >= 8
	if keyed {
		teid = binary.BigEndian.Uint32(b[4:])
	}
	kind := EncapGTPU
	if m.version == 2 {
		// tshark's gtp dissector hands GTPv2 on before it adds its own
		// tree: such a message is gtpv2, not gtp
		kind = EncapGTPv2
	}
	h.push(kind, b, teid, keyed)
	payload, isIP := gtpTPDU(b, m)
	if !isIP {
		h.Term = kind
		return true
	}
	h.resetNet()
	h.rawIP(payload)
	return true
}

// gtpColumns are the Protocol and Info columns of a GTP message that ends
// the layers (b is the UDP payload, starting with the GTP header).
func gtpColumns(b []byte) (proto, info string, ok bool) {
	m, ok := parseGTP(b)
	if !ok {
		return "", "", false
	}
	if m.version == 2 {
		return "GTPv2", gtpv2Info(b, m), true
	}
	info = gtpMessageNames[m.typ]
	proto = "GTP"
	switch {
	case m.short:
		info += malformedMark
	case m.typ == gtpTypeTPDU:
		// a T-PDU that is not IP: tshark shows its bytes as T-PDU data,
		// which marks the protocol "GTP <GTP>", unless there are more
		// than 14 of them (then nothing is shown)
		if payload, _ := gtpTPDU(b, m); len(payload) > 0 && len(payload) <= 14 {
			proto = "GTP <GTP>"
		}
	case m.version == 1 && !m.prime && gtpv1IEsCut(b, m):
		info += malformedMark
	}
	return proto, info, true
}

// gtpv2Info names a GTPv2 message, and the message piggybacked after it
// when the P flag says there is one ("Create Session Response / Create
// Bearer Request").
func gtpv2Info(b []byte, m gtpMsg) string {
	if len(b) < 2 {
		return malformedMark
	}
	info := gtpv2Name(m.typ)
	if m.short {
		return info + malformedMark
	}
	if b[0]&0x10 != 0 && m.end < len(b) {
		// the piggybacked message is read as GTPv2 whatever its
		// version bits say
		next := b[m.end:]
		if len(next) < 2 {
			return info + " / " + malformedMark
		}
		info += " / " + gtpv2Name(next[1])
		if hdr := 8 + int(next[0]&0x08)/2; len(next) < hdr {
			info += malformedMark
		}
	}
	return info
}

func gtpv2Name(t uint8) string {
	if s := gtpv2MessageNames[t]; s != "" {
		return s
	}
	return "Unknown"
}

// gtp dissects a GTP header for the details pane, then the packet a T-PDU
// carries.
func (d *dissector) gtp(off, end int) {
	if !d.deeper() {
		return
	}
	b := d.data[off:end]
	m, ok := parseGTP(b)
	if !ok {
		d.rest(off)
		return
	}
	fl := d.u8(off)
	if m.version == 2 {
		f := Field{Name: "gtpv2", Label: "GPRS Tunneling Protocol V2", Start: off, Len: min(m.end, len(b)), Kind: FieldProto, Children: []Field{
			{Name: "gtpv2.flags", Label: fmt.Sprintf("Flags: 0x%02x", fl), Start: off, Len: 1},
		}}
		if len(b) >= 2 {
			f.Children = append(f.Children, Field{Name: "gtpv2.message_type", Label: fmt.Sprintf("Message Type: %s (%d)", gtpv2Name(m.typ), m.typ), Start: off + 1, Len: 1})
		}
		if len(b) >= 4 {
			f.Children = append(f.Children, Field{Name: "gtpv2.msg_length", Label: fmt.Sprintf("Message Length: %d", d.u16(off+2)), Start: off + 2, Len: 2})
		}
		seqAt := off + 4
		if m.hdrLen == 12 && len(b) >= 8 {
			f.Children = append(f.Children, Field{Name: "gtpv2.teid", Label: fmt.Sprintf("Tunnel Endpoint Identifier: 0x%08x (%d)", d.u32(off+4), d.u32(off+4)), Start: off + 4, Len: 4})
			seqAt = off + 8
		}
		if d.has(seqAt, 3) {
			seq := uint32(d.u16(seqAt))<<8 | uint32(d.u8(seqAt+2))
			f.Children = append(f.Children, Field{Name: "gtpv2.seq", Label: fmt.Sprintf("Sequence Number: 0x%08x (%d)", seq, seq), Start: seqAt, Len: 3})
		}
		d.out = append(d.out, f)
		if m.short {
			d.malformed(end)
			return
		}
		d.rest(off + m.hdrLen)
		return
	}
	typ := d.u8(off + 1)
	f := Field{Name: "gtp", Label: "GPRS Tunneling Protocol", Start: off, Kind: FieldProto, Children: []Field{
		{Name: "gtp.flags", Label: fmt.Sprintf("Flags: 0x%02x", fl), Start: off, Len: 1},
		{Name: "gtp.message", Label: fmt.Sprintf("Message Type: %s (0x%02x)", gtpMessageNames[typ], typ), Start: off + 1, Len: 1},
	}}
	if d.has(off, 4) {
		f.Children = append(f.Children, Field{Name: "gtp.length", Label: fmt.Sprintf("Length: %d", d.u16(off+2)), Start: off + 2, Len: 2})
	}
	if m.version == 1 && !m.prime && d.has(off, 8) {
		f.Children = append(f.Children, Field{Name: "gtp.teid", Label: fmt.Sprintf("TEID: 0x%08x (%d)", d.u32(off+4), d.u32(off+4)), Start: off + 4, Len: 4})
		if fl&2 != 0 && d.has(off, 10) {
			f.Children = append(f.Children, Field{Name: "gtp.seq_number", Label: fmt.Sprintf("Sequence number: 0x%04x (%d)", d.u16(off+8), d.u16(off+8)), Start: off + 8, Len: 2})
		}
	}
	f.Len = min(m.hdrLen, len(b))
	d.out = append(d.out, f)
	if m.short {
		d.malformed(end)
		return
	}
	if _, isIP := gtpTPDU(b, m); isIP {
		d.ipByVersion(off + m.hdrLen)
		return
	}
	d.rest(off + f.Len)
}
