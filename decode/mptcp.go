package decode

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/netip"
)

// Multipath TCP (RFC 8684; RFC 6824 for version 0) travels in TCP option
// kind 30, whose first nibble after the length is a subtype. One parser,
// MPTCPOptionTree, reads an option into the tree tshark 4.0 shows under
// "Multipath Transmission Control Protocol": the details pane shows it and
// the display filter reads its values from it (MPTCPFields).

// TCPOptMPTCP is the Multipath TCP option kind (RFC 8684 §3).
const TCPOptMPTCP = 30

// MPTCPSubtype is the option's subtype (RFC 8684 §3, IANA "MPTCP Option
// Subtypes").
type MPTCPSubtype uint8

// The subtypes tshark 4.0 names.
const (
	MPCapable MPTCPSubtype = iota
	MPJoin
	MPDSS
	MPAddAddr
	MPRemoveAddr
	MPPrio
	MPFail
	MPFastClose
	MPTCPRST
)

// mptcpSubtypeNames are tshark's names for the subtypes.
var mptcpSubtypeNames = [...]string{
	MPCapable: "Multipath Capable", MPJoin: "Join Connection", MPDSS: "Data Sequence Signal",
	MPAddAddr: "Add Address", MPRemoveAddr: "Remove Address", MPPrio: "Change Subflow Priority",
	MPFail: "TCP Fallback", MPFastClose: "Fast Close", MPTCPRST: "TCP Reset",
}

// mptcpTCPRSTReasons are the MP_TCPRST reason codes (RFC 8684 §3.6).
var mptcpTCPRSTReasons = [...]string{"Unspecified error", "MPTCP-specific error", "Lack of resources",
	"Administratively prohibited", "Too much outstanding data", "Unacceptable performance", "Middlebox interference"}

func (s MPTCPSubtype) String() string {
	if int(s) < len(mptcpSubtypeNames) {
		return mptcpSubtypeNames[s]
	}
	return fmt.Sprintf("Unknown (%d)", uint8(s))
}

// MPTCPFields are the filter fields the Multipath TCP tree carries, with
// tshark's names. "mptcp" itself matches a packet with any MPTCP option.
var MPTCPFields = []FieldDef{
	{Name: "tcp.options.mptcp.subtype", Desc: "Multipath TCP subtype", Kind: FieldUint, Bits: 8},
	{Name: "tcp.options.mptcp.version", Desc: "Multipath TCP version", Kind: FieldUint, Bits: 8},
	{Name: "tcp.options.mptcp.flags", Desc: "Multipath TCP flags", Kind: FieldUint, Bits: 8},
	{Name: "tcp.options.mptcp.checksumreq.flags", Desc: "Checksum required", Kind: FieldBool},
	{Name: "tcp.options.mptcp.sha256.flag", Desc: "Use HMAC-SHA256", Kind: FieldBool},
	{Name: "tcp.options.mptcp.sha1.flag", Desc: "Use HMAC-SHA1", Kind: FieldBool},
	{Name: "tcp.options.mptcp.backup.flag", Desc: "Backup flag", Kind: FieldBool},
	{Name: "tcp.options.mptcp.datafin.flag", Desc: "DATA_FIN", Kind: FieldBool},
	{Name: "tcp.options.mptcp.echo", Desc: "ADD_ADDR echo", Kind: FieldUint, Bits: 8},
	{Name: "tcp.options.mptcp.addrid", Desc: "Address ID", Kind: FieldUint, Bits: 8},
	{Name: "tcp.options.mptcp.sendkey", Desc: "Sender's Key", Kind: FieldUint, Bits: 64},
	{Name: "tcp.options.mptcp.recvkey", Desc: "Receiver's Key", Kind: FieldUint, Bits: 64},
	{Name: "tcp.options.mptcp.recvtok", Desc: "Receiver's Token", Kind: FieldUint, Bits: 32},
	{Name: "tcp.options.mptcp.sendrand", Desc: "Sender's Random Number", Kind: FieldUint, Bits: 32},
	{Name: "tcp.options.mptcp.rawdataack", Desc: "Original MPTCP Data ACK", Kind: FieldUint, Bits: 64},
	{Name: "tcp.options.mptcp.rawdataseqno", Desc: "Data Sequence Number", Kind: FieldUint, Bits: 64},
	{Name: "tcp.options.mptcp.subflowseqno", Desc: "Subflow Sequence Number", Kind: FieldUint, Bits: 32},
	{Name: "tcp.options.mptcp.datalvllen", Desc: "Data-level Length", Kind: FieldUint, Bits: 16},
	{Name: "tcp.options.mptcp.ipv4", Desc: "Advertised IPv4 Address", Kind: FieldIPv4},
	{Name: "tcp.options.mptcp.port", Desc: "Advertised port", Kind: FieldUint, Bits: 16},
	{Name: "tcp.options.mptcp.rst_reason", Desc: "TCPRST Reason", Kind: FieldUint, Bits: 8},
	{Name: "mptcp.expected_token", Desc: "Subflow token generated from key", Kind: FieldUint, Bits: 32},
}

// hasMPTCPOption reports whether a TCP header's options hold an MPTCP
// option: tshark then names the packet's protocol MPTCP.
func hasMPTCPOption(opts []byte) bool {
	found := false
	MPTCPOptions(opts, func([]byte) { found = true })
	return found
}

// MPTCPOptions calls fn with each MPTCP option (kind and length included)
// among a TCP header's options.
func MPTCPOptions(opts []byte, fn func(opt []byte)) {
	for p := 0; p < len(opts); {
		switch opts[p] {
		case 0:
			return
		case 1:
			p++
			continue
		}
		if p+1 >= len(opts) {
			return
		}
		n := int(opts[p+1])
		if n < 2 || p+n > len(opts) {
			return
		}
		if opts[p] == TCPOptMPTCP {
			fn(opts[p : p+n])
		}
		p += n
	}
}

// mptcpKeyData is what a key yields (RFC 8684 §3.1; RFC 6824 §3.1 for
// version 0): the token is the most significant 32 bits of the key's hash,
// the initial data sequence number its least significant 64 bits.
func mptcpKeyData(version uint8, key uint64) (token uint32, idsn uint64) {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], key)
	var sum []byte
	switch version {
	case 0:
		s := sha1.Sum(k[:])
		sum = s[:]
	case 1:
		s := sha256.Sum256(k[:])
		sum = s[:]
	default:
		return 0, 0
	}
	return binary.BigEndian.Uint32(sum), binary.BigEndian.Uint64(sum[len(sum)-8:])
}

// MPTCPOptionTree reads one MPTCP option (b from its kind byte; at is its
// offset in the packet) into tshark's tree. Values the option is too short
// for are left out.
func MPTCPOptionTree(b []byte, at int) Field {
	n := len(b)
	kids := make([]Field, 0, 12)
	kids = append(kids, UintField("tcp.option_kind", "Kind: Multipath TCP (30)", at, 1, TCPOptMPTCP),
		UintField("tcp.option_len", fmt.Sprintf("Length: %d", n), at+1, 1, uint64(n)))
	top := Field{Name: "mptcp", Label: "Multipath Transmission Control Protocol", Start: at, Len: n, Kind: FieldProto}
	if n < 3 {
		top.Children = kids
		return top
	}
	sub := MPTCPSubtype(b[2] >> 4)
	top.Label += ": " + sub.String()
	kids = append(kids, UintField("tcp.options.mptcp.subtype",
		fmt.Sprintf("%s = Multipath TCP subtype: %s (%d)", bitString(uint32(b[2]), 8, 0xf0), sub, uint8(sub)), at+2, 1, uint64(sub)))
	m := mptcpReader{b: b, at: at}
	switch sub {
	case MPCapable:
		kids = m.capable(kids)
	case MPJoin:
		kids = m.join(kids)
	case MPDSS:
		kids = m.dss(kids)
	case MPAddAddr:
		kids = m.addAddr(kids)
	case MPRemoveAddr:
		for p := 3; p < n; p++ {
			kids = append(kids, m.uint("tcp.options.mptcp.addrid", "Address ID", p, 1))
		}
	case MPPrio:
		kids = append(kids, m.flags(2, []mptcpFlag{{"tcp.options.mptcp.backup.flag", "Backup flag", 0x01}}))
		if n == 4 {
			kids = append(kids, m.uint("tcp.options.mptcp.addrid", "Address ID", 3, 1))
		}
	case MPFail:
		kids = append(kids, m.reserved12())
		if n >= 12 {
			kids = append(kids, m.uint("tcp.options.mptcp.rawdataseqno", "Data Sequence Number", 4, 8))
		}
	case MPFastClose:
		kids = append(kids, m.reserved12())
		if n >= 12 {
			kids = append(kids, m.uint("tcp.options.mptcp.recvkey", "Receiver's Key", 4, 8))
		}
	case MPTCPRST:
		kids = m.tcpRST(kids)
	}
	top.Children = kids
	return top
}

// mptcpReader builds the lines of one option: b is the option from its
// kind byte, at its offset in the packet.
type mptcpReader struct {
	b  []byte
	at int
}

type mptcpFlag struct {
	name, text string
	mask       uint8
}

// num reads n bytes at p as a big-endian number.
func (m mptcpReader) num(p, n int) uint64 {
	var v uint64
	for _, c := range m.b[p : p+n] {
		v = v<<8 | uint64(c)
	}
	return v
}

// uint is a "Text: value" line of n bytes at p.
func (m mptcpReader) uint(name, text string, p, n int) Field {
	v := m.num(p, n)
	return UintField(name, fmt.Sprintf("%s: %d", text, v), m.at+p, n, v)
}

// flags is the flags byte at p with a line per flag bit.
func (m mptcpReader) flags(p int, bits []mptcpFlag) Field {
	v := m.b[p]
	f := UintField("tcp.options.mptcp.flags", fmt.Sprintf("Multipath TCP flags: 0x%02x", v), m.at+p, 1, uint64(v))
	for _, fl := range bits {
		on := uint64(0)
		if v&fl.mask != 0 {
			on = 1
		}
		f.Children = append(f.Children, Field{Name: fl.name, Label: fmt.Sprintf("%s = %s: %d", bitString(uint32(v), 8, uint32(fl.mask)), fl.text, on),
			Start: m.at + p, Len: 1, Kind: FieldBool, Num: on})
	}
	return f
}

// reserved12 is the 12 reserved bits after the subtype.
func (m mptcpReader) reserved12() Field {
	v := uint32(m.num(2, min(2, len(m.b)-2)))
	if len(m.b) < 4 {
		v <<= 8
	}
	return UintField("tcp.options.mptcp.reserved", fmt.Sprintf("%s = Reserved: 0x%03x", bitString(v, 16, 0x0fff), v&0x0fff),
		m.at+2, min(2, len(m.b)-2), uint64(v&0x0fff))
}

func (m mptcpReader) capable(kids []Field) []Field {
	n, version := len(m.b), m.b[2]&0x0f
	kids = append(kids, UintField("tcp.options.mptcp.version",
		fmt.Sprintf("%s = Multipath TCP version: %d", bitString(uint32(m.b[2]), 8, 0x0f), version), m.at+2, 1, uint64(version)))
	if n < 4 {
		return kids
	}
	flags := []mptcpFlag{{"tcp.options.mptcp.checksumreq.flags", "Checksum required", 0x80},
		{"tcp.options.mptcp.extensibility.flag", "Extensibility", 0x40}}
	f := m.b[3]
	if version == 1 {
		flags = append(flags, mptcpFlag{"tcp.options.mptcp.nomoresubflows.flag", "Do not attempt to establish new subflows to this address and port", 0x20},
			mptcpFlag{"tcp.options.mptcp.sha256.flag", "Use HMAC-SHA256", 0x01})
	} else {
		flags = append(flags, mptcpFlag{"tcp.options.mptcp.sha1.flag", "Use HMAC-SHA1", 0x01})
	}
	fl := m.flags(3, flags)
	// The reserved bits: 0x1e in version 1 (shown as 0x0), 0x3e before.
	if version == 1 {
		fl.Children = append(fl.Children, Field{Name: "tcp.options.mptcp.reserved.flag",
			Label: fmt.Sprintf("%s = Reserved: 0x%x", bitString(uint32(f), 8, 0x1e), f&0x1e>>1), Start: m.at + 3, Len: 1})
	} else {
		fl.Children = append(fl.Children, Field{Name: "tcp.options.mptcp.reserved.flag",
			Label: fmt.Sprintf("%s = Reserved: 0x%02x", bitString(uint32(f), 8, 0x3e), f&0x3e>>1), Start: m.at + 3, Len: 1})
	}
	kids = append(kids, fl)
	if n != 12 && n != 20 && n != 22 && n != 24 {
		return kids
	}
	kids = append(kids, m.uint("tcp.options.mptcp.sendkey", "Sender's Key", 4, 8))
	token, idsn := mptcpKeyData(version, m.num(4, 8))
	kids = append(kids, UintField("mptcp.expected_token", fmt.Sprintf("Subflow token generated from key: %d", token), m.at+12, 0, uint64(token)),
		UintField("mptcp.expected_idsn", fmt.Sprintf("Subflow expected IDSN: %d (64bits version)", idsn), m.at+12, 0, idsn))
	if n >= 20 {
		kids = append(kids, m.uint("tcp.options.mptcp.recvkey", "Receiver's Key", 12, 8))
	}
	if n >= 22 {
		kids = append(kids, m.uint("tcp.options.mptcp.datalvllen", "Data-level Length", 20, 2))
	}
	if n == 24 {
		kids = append(kids, m.checksum(22))
	}
	return kids
}

// checksum is the DSS checksum at p, which tshark does not verify.
func (m mptcpReader) checksum(p int) Field {
	v := m.num(p, 2)
	return UintField("tcp.options.mptcp.checksum", fmt.Sprintf("Checksum: 0x%04x [unverified]", v), m.at+p, 2, v)
}

func (m mptcpReader) join(kids []Field) []Field {
	backup := []mptcpFlag{{"tcp.options.mptcp.backup.flag", "Backup flag", 0x01}}
	switch len(m.b) {
	case 12: // SYN
		return append(kids, m.flags(2, backup), m.uint("tcp.options.mptcp.addrid", "Address ID", 3, 1),
			m.uint("tcp.options.mptcp.recvtok", "Receiver's Token", 4, 4),
			m.uint("tcp.options.mptcp.sendrand", "Sender's Random Number", 8, 4))
	case 16: // SYN/ACK
		return append(kids, m.flags(2, backup), m.uint("tcp.options.mptcp.addrid", "Address ID", 3, 1),
			m.uint("tcp.options.mptcp.sendtrunchmac", "Sender's Truncated HMAC", 4, 8),
			m.uint("tcp.options.mptcp.sendrand", "Sender's Random Number", 12, 4))
	case 24: // ACK
		return append(kids, m.reserved12(), Field{Name: "tcp.options.mptcp.sendhmac",
			Label: fmt.Sprintf("Sender's HMAC: %x", m.b[4:24]), Start: m.at + 4, Len: 20, Kind: FieldBytes, Str: string(m.b[4:24])})
	}
	return kids
}

func (m mptcpReader) dss(kids []Field) []Field {
	n := len(m.b)
	if n < 4 {
		return kids
	}
	f := m.b[3]
	kids = append(kids, m.flags(3, []mptcpFlag{
		{"tcp.options.mptcp.datafin.flag", "DATA_FIN", 0x10},
		{"tcp.options.mptcp.dseqn8.flag", "Data Sequence Number is 8 octets", 0x08},
		{"tcp.options.mptcp.dseqnpresent.flag", "Data Sequence Number, Subflow Sequence Number, Data-level Length, Checksum present", 0x04},
		{"tcp.options.mptcp.dataack8.flag", "Data ACK is 8 octets", 0x02},
		{"tcp.options.mptcp.dataackpresent.flag", "Data ACK is present", 0x01}}))
	p := 4
	if f&0x01 != 0 {
		w := 4
		if f&0x02 != 0 {
			w = 8
		}
		if p+w > n {
			return kids
		}
		a := m.uint("tcp.options.mptcp.rawdataack", "Original MPTCP Data ACK", p, w)
		if w == 8 {
			a.Label += " (64bits)"
		}
		kids = append(kids, a)
		p += w
	}
	if f&0x04 != 0 {
		w, bits := 4, "32"
		if f&0x08 != 0 {
			w, bits = 8, "64"
		}
		if p+w+6 > n {
			return kids
		}
		d := m.uint("tcp.options.mptcp.rawdataseqno", "Data Sequence Number", p, w)
		d.Label += "  (" + bits + "bits version)"
		kids = append(kids, d, m.uint("tcp.options.mptcp.subflowseqno", "Subflow Sequence Number", p+w, 4),
			m.uint("tcp.options.mptcp.datalvllen", "Data-level Length", p+w+4, 2))
		p += w + 6
		// tshark shows the checksum only when four bytes remain after
		// the length, which the two-byte checksum never leaves.
		if n >= p+4 {
			kids = append(kids, m.checksum(p))
		}
	}
	return kids
}

func (m mptcpReader) addAddr(kids []Field) []Field {
	n := len(m.b)
	if ipver := m.b[2] & 0x0f; ipver == 4 || ipver == 6 {
		// RFC 6824's version-0 ADD_ADDR carries the IP version here.
		kids = append(kids, UintField("tcp.options.mptcp.ipver",
			fmt.Sprintf("%s = IP version: %d", bitString(uint32(m.b[2]), 8, 0x0f), ipver), m.at+2, 1, uint64(ipver)))
	} else {
		e := uint64(m.b[2] & 0x01)
		kids = append(kids, UintField("tcp.options.mptcp.echo",
			fmt.Sprintf("%s = Echo: %d", bitString(uint32(m.b[2]), 8, 0x01), e), m.at+2, 1, e))
	}
	if n < 4 {
		return kids
	}
	kids = append(kids, m.uint("tcp.options.mptcp.addrid", "Address ID", 3, 1))
	p := 4
	switch n {
	case 8, 10, 16, 18:
		a := netip.AddrFrom4([4]byte(m.b[4:8]))
		kids = append(kids, Field{Name: "tcp.options.mptcp.ipv4", Label: "Advertised IPv4 Address: " + a.String(),
			Start: m.at + 4, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(m.b[4:8]))})
		p = 8
	case 20, 22, 28, 30:
		a := netip.AddrFrom16([16]byte(m.b[4:20]))
		kids = append(kids, Field{Name: "tcp.options.mptcp.ipv6", Label: "Advertised IPv6 Address: " + a.String(),
			Start: m.at + 4, Len: 16, Kind: FieldIPv6, Str: string(m.b[4:20])})
		p = 20
	}
	switch n {
	case 10, 18, 22, 30:
		kids = append(kids, m.uint("tcp.options.mptcp.port", "Advertised port", p, 2))
		p += 2
	}
	switch n {
	case 16, 18, 28, 30:
		kids = append(kids, m.uint("tcp.options.mptcp.addaddrtrunchmac", "Truncated HMAC", p, 8))
	}
	return kids
}

func (m mptcpReader) tcpRST(kids []Field) []Field {
	if len(m.b) < 4 {
		return kids
	}
	v := m.b[2]
	f := UintField("tcp.options.mptcp.flags", fmt.Sprintf("Multipath TCP flags: 0x%02x", v), m.at+2, 1, uint64(v))
	// The U, V, W and T flags share the subtype's byte; tshark draws them
	// on its low nibble and names the ones set after the value.
	for _, fl := range []struct {
		name, text string
		mask       uint8
	}{{"tcp.options.mptcp.flag_U.flag", "Flag U", 0x08}, {"tcp.options.mptcp.flag_V.flag", "Flag V", 0x04},
		{"tcp.options.mptcp.flag_W.flag", "Flag W", 0x02}, {"tcp.options.mptcp.flag_T.flag", "Transient", 0x01}} {
		on := uint64(0)
		if v&fl.mask != 0 {
			on = 1
			f.Label += ", " + fl.text
		}
		f.Children = append(f.Children, Field{Name: fl.name, Label: fmt.Sprintf("%s = %s: %s", bitString(uint32(v), 4, uint32(fl.mask)), fl.text, setNotSet(uint32(v), uint32(fl.mask))),
			Start: m.at + 2, Len: 1, Kind: FieldBool, Num: on})
	}
	reason := "Unknown"
	if int(m.b[3]) < len(mptcpTCPRSTReasons) {
		reason = mptcpTCPRSTReasons[m.b[3]]
	}
	return append(kids, f, UintField("tcp.options.mptcp.rst_reason", fmt.Sprintf("TCPRST Reason: %s (0x%02x)", reason, m.b[3]), m.at+3, 1, uint64(m.b[3])))
}

// noteMPTCP records the Multipath TCP options of packet p (opts: its TCP
// options) in the MPTCP connection its flow belongs to, and marks p
// OptMPTCPNew when it carries a subtype new to that connection. Wireshark
// keeps this set per MPTCP connection (mp_operations) and does not count a
// duplicate ACK when the set grew since the sender's previous segment: RFC
// 8684 §3.3.6 lets MPTCP signals ride on such ACKs. The analysis reads the
// mark.
//
// Subflows join their connection as Wireshark joins them: an MP_CAPABLE
// key's token (RFC 8684 §3.2) names the connection, and an MP_JOIN SYN
// names it by the receiver's token.
func (t *flowTable) noteMPTCP(p *Packet, opts []byte) {
	f := t.flows[p.Flow]
	var subtypes uint8
	MPTCPOptions(opts, func(o []byte) {
		if len(o) < 3 {
			return
		}
		sub := MPTCPSubtype(o[2] >> 4)
		if sub < 8 {
			subtypes |= 1 << sub
		}
		switch {
		case sub == MPCapable && (len(o) == 12 || len(o) >= 20):
			version := o[2] & 0x0f
			for k := 4; k+8 <= len(o) && k <= 12; k += 8 {
				if tok, _ := mptcpKeyData(version, binary.BigEndian.Uint64(o[k:])); tok != 0 {
					t.mptcpLink(f, tok)
				}
			}
		case sub == MPJoin && len(o) == 12:
			t.mptcpLink(f, binary.BigEndian.Uint32(o[4:]))
		}
	})
	if f.mptcpConn == 0 {
		t.mptcp = append(t.mptcp, 0)
		f.mptcpConn = int32(len(t.mptcp))
	}
	seen := &t.mptcp[f.mptcpConn-1]
	if subtypes&^*seen != 0 {
		p.Opts |= OptMPTCPNew
		*seen |= subtypes
	}
}

// mptcpLink makes f a subflow of the MPTCP connection token names, or,
// when no connection has that token yet, gives f's connection the token.
func (t *flowTable) mptcpLink(f *Flow, token uint32) {
	if t.mptcpTokens == nil {
		t.mptcpTokens = make(map[uint32]int32)
	}
	if c, ok := t.mptcpTokens[token]; ok {
		if f.mptcpConn == 0 {
			f.mptcpConn = c
		}
		return
	}
	if f.mptcpConn == 0 {
		t.mptcp = append(t.mptcp, 0)
		f.mptcpConn = int32(len(t.mptcp))
	}
	t.mptcpTokens[token] = f.mptcpConn
}

// MPTCP reports whether the flow carried a Multipath TCP option: a filter
// on MPTCP fields reads the bytes of no other flow's packets.
func (f *Flow) MPTCP() bool { return f.mptcpConn != 0 }
