package decode

import (
	"encoding/binary"
	"strconv"
	"strings"
	"time"
)

// RTCP (RFC 3550 section 6) as Wireshark 4.0 shows it on the conversations
// SDP announced (proto_rtp.go): one "Real-time Transport Control Protocol
// (Sender Report)" layer per packet of a compound datagram, and an Info
// column naming each packet followed by three spaces ("Sender Report
// Source description   "), an APP packet adding "( NAME ) subtype=N".
// Sender and receiver reports, source descriptions, goodbyes and
// application packets get their fields; the feedback and extended report
// types only their common header. Hand-written: gopacket has no RTCP.

// RTCP packet types (RFC 3550 12.1) and the range packet-rtcp.c accepts.
const (
	rtcpSR    = 200
	rtcpRR    = 201
	rtcpSDES  = 202
	rtcpBYE   = 203
	rtcpAPP   = 204
	rtcpPTMin = 192
	rtcpPTMax = 211
)

// rtcpMaxPackets bounds the packets read from one compound datagram.
const rtcpMaxPackets = 64

// rtcpTypeNames are Wireshark's packet type names (rtcp_packet_type_vals).
var rtcpTypeNames = map[uint8]string{
	192: "Full Intra-frame Request (H.261)", 193: "Negative Acknowledgement (H.261)",
	194: "SMPTE time-code mapping", 195: "Extended inter-arrival jitter report",
	200: "Sender Report", 201: "Receiver Report", 202: "Source description", 203: "Goodbye",
	204: "Application specific", 205: "Generic RTP Feedback", 206: "Payload-specific Feedback",
	207: "Extended report (RFC 3611)", 208: "AVB RTCP packet (IEEE1733)", 209: "Receiver Summary Information",
	210: "Port Mapping",
}

// rtcpSDESNames are the SDES item types (rtcp_sdes_type_vals).
var rtcpSDESNames = map[uint8]string{
	0: "END", 1: "CNAME (user and domain)", 2: "NAME (common name)", 3: "EMAIL (e-mail address)",
	4: "PHONE (phone number)", 5: "LOC (geographic location)", 6: "TOOL (name/version of source app)",
	7: "NOTE (note about source)", 8: "PRIV (private extensions)", 9: "H323-CADDR (H.323 callable address)",
	10: "Application Specific Identifier",
}

func rtcpTypeName(pt uint8) string {
	if n, ok := rtcpTypeNames[pt]; ok {
		return n
	}
	return "Unknown"
}

// rtcpDissectSetup dissects an RTCP datagram of the conversation s set up
// (nil: one whose setup RTCP does not show, as RTSP-interleaved RTCP).
func rtcpDissectSetup(p *PDU, out *Out, s *sdpStream) bool {
	b := p.Data[:min(len(p.Data), p.Len)]
	out.SetProto("RTCP")
	if len(b) < 4 || b[1] < rtcpPTMin || b[1] > rtcpPTMax {
		// packet-rtcp.c names the column, then finds no packet: the
		// Info stays UDP's
		out.SetInfo(strconv.Itoa(int(p.SrcPort)) + " → " + strconv.Itoa(int(p.DstPort)) + " Len=" + strconv.Itoa(p.Len))
		return true
	}
	var info strings.Builder
	off := 0
	for k := 0; off+4 <= len(b) && k < rtcpMaxPackets; k++ {
		pt := b[off+1]
		if pt < rtcpPTMin || pt > rtcpPTMax {
			break
		}
		n := 4 * (int(binary.BigEndian.Uint16(b[off+2:])) + 1)
		pkt := b[off:min(off+n, len(b))]
		info.WriteString(rtcpTypeName(pt))
		info.WriteString("   ")
		if pt == rtcpAPP && len(pkt) >= 12 {
			info.WriteString("( " + Printable(string(pkt[8:12])) + " ) subtype=" + strconv.Itoa(int(pkt[0]&0x1f)))
		}
		if out.WantTree {
			f := rtcpPacketTree(pkt, off, n)
			if s != nil {
				f.Children = append([]Field{rtpSetupTree("rtcp", s)}, f.Children...)
			}
			out.Add(f)
		}
		off += n
	}
	if out.WantTree && len(out.Tree) > 0 {
		last := &out.Tree[len(out.Tree)-1]
		// packet-rtcp.c checks the packets it read against their length
		// fields, which a short packet already failed (an exception):
		// bytes after the last packet it read are not counted
		if off <= len(b) {
			last.Children = append(last.Children, Field{Name: "rtcp.length_check",
				Label: "RTCP frame length check: OK - " + strconv.Itoa(off) + " bytes", Kind: FieldBool, Num: 1})
		}
	}
	out.SetInfo(info.String())
	return true
}

// rtcpPacketTree is the layer of one RTCP packet pkt, at off in the
// datagram, whose header says it is n bytes long.
func rtcpPacketTree(pkt []byte, off, n int) Field {
	pt := pkt[1]
	count := pkt[0] & 0x1f
	top := Field{Name: "rtcp", Label: "Real-time Transport Control Protocol (" + rtcpTypeName(pt) + ")", Start: off, Len: len(pkt), Kind: FieldProto}
	add := func(f Field) {
		fs := []Field{f}
		Shift(fs, off)
		top.Children = append(top.Children, fs[0])
	}
	add(UintField("rtcp.version", bitsLabel8(pkt[0], 0xc0, "Version: RFC 1889 Version ("+strconv.Itoa(int(pkt[0]>>6))+")"), 0, 1, uint64(pkt[0]>>6)))
	add(Field{Name: "rtcp.padding", Label: bitsLabel8(pkt[0], 0x20, "Padding: "+rtpBool(pkt[0]&0x20)), Start: 0, Len: 1, Kind: FieldBool, Num: uint64(pkt[0] >> 5 & 1)})
	switch pt {
	case rtcpSR, rtcpRR:
		add(UintField("rtcp.rc", bitsLabel8(pkt[0], 0x1f, "Reception report count: "+strconv.Itoa(int(count))), 0, 1, uint64(count)))
	case rtcpAPP:
		add(UintField("rtcp.app.subtype", bitsLabel8(pkt[0], 0x1f, "Subtype: "+strconv.Itoa(int(count))), 0, 1, uint64(count)))
	default:
		add(UintField("rtcp.sc", bitsLabel8(pkt[0], 0x1f, "Source count: "+strconv.Itoa(int(count))), 0, 1, uint64(count)))
	}
	add(UintField("rtcp.pt", "Packet type: "+rtcpTypeName(pt)+" ("+strconv.Itoa(int(pt))+")", 1, 1, uint64(pt)))
	words := binary.BigEndian.Uint16(pkt[2:])
	add(UintField("rtcp.length", "Length: "+strconv.Itoa(int(words))+" ("+strconv.Itoa(n)+" bytes)", 2, 2, uint64(words)))
	u32 := func(at int) uint32 { return binary.BigEndian.Uint32(pkt[at:]) }
	ssrcLabel := func(v uint32) string { return hex32(v) + " (" + strconv.FormatUint(uint64(v), 10) + ")" }
	at := 4
	switch pt {
	case rtcpSR, rtcpRR:
		if at+4 > len(pkt) {
			break
		}
		add(UintField("rtcp.senderssrc", "Sender SSRC: "+ssrcLabel(u32(at)), at, 4, uint64(u32(at))))
		at += 4
		if pt == rtcpSR {
			if at+20 > len(pkt) {
				break
			}
			msw, lsw := u32(at), u32(at+4)
			add(UintField("rtcp.timestamp.ntp.msw", "Timestamp, MSW: "+strconv.FormatUint(uint64(msw), 10)+" ("+hex32(msw)+")", at, 4, uint64(msw)))
			add(UintField("rtcp.timestamp.ntp.lsw", "Timestamp, LSW: "+strconv.FormatUint(uint64(lsw), 10)+" ("+hex32(lsw)+")", at+4, 4, uint64(lsw)))
			add(StrField("rtcp.timestamp.ntp", "MSW and LSW as NTP timestamp: "+rtcpNTPText(msw, lsw), at, 8, rtcpNTPText(msw, lsw)))
			add(UintField("rtcp.timestamp.rtp", "RTP timestamp: "+strconv.FormatUint(uint64(u32(at+8)), 10), at+8, 4, uint64(u32(at+8))))
			add(UintField("rtcp.sender.packetcount", "Sender's packet count: "+strconv.FormatUint(uint64(u32(at+12)), 10), at+12, 4, uint64(u32(at+12))))
			add(UintField("rtcp.sender.octetcount", "Sender's octet count: "+strconv.FormatUint(uint64(u32(at+16)), 10), at+16, 4, uint64(u32(at+16))))
			at += 20
		}
		for i := 0; i < int(count) && at+24 <= len(pkt); i++ {
			add(rtcpReportBlock(pkt[at:at+24], at, i+1))
			at += 24
		}
	case rtcpSDES:
		for i := 0; i < int(count) && at+4 <= len(pkt); i++ {
			ssrc := u32(at)
			chunk := Field{Label: "Chunk " + strconv.Itoa(i+1) + ", SSRC/CSRC 0x" + strings.ToUpper(strconv.FormatUint(uint64(ssrc), 16)), Start: at}
			chunk.Children = append(chunk.Children, UintField("rtcp.ssrc.identifier", "Identifier: "+ssrcLabel(ssrc), at, 4, uint64(ssrc)))
			at += 4
			items := Field{Label: "SDES items", Start: at}
			for at < len(pkt) {
				typ := pkt[at]
				name, ok := rtcpSDESNames[typ]
				if !ok {
					name = "Unknown"
				}
				items.Children = append(items.Children, UintField("rtcp.sdes.type", "Type: "+name+" ("+strconv.Itoa(int(typ))+")", at, 1, uint64(typ)))
				if typ == 0 {
					at++
					break
				}
				if at+2 > len(pkt) {
					at = len(pkt)
					break
				}
				l := int(pkt[at+1])
				items.Children = append(items.Children, UintField("rtcp.sdes.length", "Length: "+strconv.Itoa(l), at+1, 1, uint64(l)))
				text := pkt[at+2 : min(at+2+l, len(pkt))]
				items.Children = append(items.Children, StrField("rtcp.sdes.text", "Text: "+Printable(string(text)), at+2, len(text), string(text)))
				at += 2 + len(text)
			}
			items.Len = at - items.Start
			chunk.Children = append(chunk.Children, items)
			// chunks end on a 32-bit boundary
			at = min(len(pkt), (at+3)&^3)
			chunk.Len = at - chunk.Start
			add(chunk)
		}
	case rtcpBYE:
		for i := 0; i < int(count) && at+4 <= len(pkt); i++ {
			add(UintField("rtcp.ssrc.identifier", "Identifier: "+ssrcLabel(u32(at)), at, 4, uint64(u32(at))))
			at += 4
		}
		if at < len(pkt) && pkt[at] > 0 {
			l := int(pkt[at])
			add(UintField("rtcp.sdes.length", "Length: "+strconv.Itoa(l), at, 1, uint64(l)))
			text := pkt[at+1 : min(at+1+l, len(pkt))]
			add(StrField("rtcp.sdes.text", "Text: "+Printable(string(text)), at+1, len(text), string(text)))
		}
	case rtcpAPP:
		if at+8 > len(pkt) {
			break
		}
		add(UintField("rtcp.ssrc.identifier", "Identifier: "+ssrcLabel(u32(at)), at, 4, uint64(u32(at))))
		name := string(pkt[at+4 : at+8])
		add(StrField("rtcp.app.name", "Name (ASCII): "+Printable(name), at+4, 4, name))
		if data := pkt[at+8:]; len(data) > 0 {
			add(Field{Name: "rtcp.app.data", Label: "Application specific data: " + hexEllipsis(data), Start: at + 8, Len: len(data), Kind: FieldBytes, Str: string(data)})
		}
	}
	return top
}

// rtcpReportBlock is the tree of one 24-byte reception report block.
func rtcpReportBlock(r []byte, at, n int) Field {
	u32 := func(i int) uint32 { return binary.BigEndian.Uint32(r[i:]) }
	ssrc := u32(0)
	f := Field{Label: "Source " + strconv.Itoa(n), Start: at, Len: 24}
	f.Children = append(f.Children, UintField("rtcp.ssrc.identifier", "Identifier: "+hex32(ssrc)+" ("+strconv.FormatUint(uint64(ssrc), 10)+")", at, 4, uint64(ssrc)))
	lost := int32(u32(4)<<8) >> 8 // 24-bit two's complement
	contents := Field{Label: "SSRC contents", Start: at + 4, Len: 20}
	contents.Children = append(contents.Children,
		UintField("rtcp.ssrc.fraction", "Fraction lost: "+strconv.Itoa(int(r[4]))+" / 256", at+4, 1, uint64(r[4])),
		Field{Name: "rtcp.ssrc.cum_nr", Label: "Cumulative number of packets lost: " + strconv.Itoa(int(lost)), Start: at + 5, Len: 3, Kind: FieldUint, Num: uint64(u32(4) & 0xffffff)})
	f.Children = append(f.Children, contents)
	ext := u32(8)
	high := UintField("rtcp.ssrc.ext_high", "Extended highest sequence number received: "+strconv.FormatUint(uint64(ext), 10), at+8, 4, uint64(ext))
	high.Children = append(high.Children,
		UintField("rtcp.ssrc.high_cycles", "Sequence number cycles count: "+strconv.Itoa(int(ext>>16)), at+8, 2, uint64(ext>>16)),
		UintField("rtcp.ssrc.high_seq", "Highest sequence number received: "+strconv.Itoa(int(ext&0xffff)), at+10, 2, uint64(ext&0xffff)))
	lsr, dlsr := u32(16), u32(20)
	f.Children = append(f.Children, high,
		UintField("rtcp.ssrc.jitter", "Interarrival jitter: "+strconv.FormatUint(uint64(u32(12)), 10), at+12, 4, uint64(u32(12))),
		UintField("rtcp.ssrc.lsr", "Last SR timestamp: "+strconv.FormatUint(uint64(lsr), 10)+" ("+hex32(lsr)+")", at+16, 4, uint64(lsr)),
		UintField("rtcp.ssrc.dlsr", "Delay since last SR timestamp: "+strconv.FormatUint(uint64(dlsr), 10)+" ("+strconv.Itoa(int(float64(dlsr)/65536*1000))+" milliseconds)", at+20, 4, uint64(dlsr)))
	return f
}

// rtcpNTPText is an SR's NTP timestamp as Wireshark shows it; all zero
// reads as the Unix epoch.
func rtcpNTPText(sec, frac uint32) string {
	if sec == 0 && frac == 0 {
		return time.Unix(0, 0).UTC().Format("Jan _2, 2006 15:04:05.000000000 UTC")
	}
	return ntpTimeText(sec, frac)
}

// rtcpDissector carries the rtcp filter fields; RTP's conversations call
// rtcpDissectSetup.
var rtcpDissector = &Dissector{
	Name:    "rtcp",
	Dissect: func(*PDU, *Out) bool { return false },
	Fields: []FieldDef{
		{Name: "rtcp.setup", Desc: "Stream setup", Kind: FieldLabel},
		{Name: "rtcp.setup-frame", Desc: "Setup frame", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.setup-method", Desc: "Setup Method", Kind: FieldString},
		{Name: "rtcp.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "rtcp.padding", Desc: "Padding", Kind: FieldBool},
		{Name: "rtcp.rc", Desc: "Reception report count", Kind: FieldUint, Bits: 8},
		{Name: "rtcp.sc", Desc: "Source count", Kind: FieldUint, Bits: 8},
		{Name: "rtcp.app.subtype", Desc: "Subtype", Kind: FieldUint, Bits: 8},
		{Name: "rtcp.pt", Desc: "Packet type", Kind: FieldUint, Bits: 8},
		{Name: "rtcp.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "rtcp.senderssrc", Desc: "Sender SSRC", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.timestamp.ntp.msw", Desc: "Timestamp, MSW", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.timestamp.ntp.lsw", Desc: "Timestamp, LSW", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.timestamp.ntp", Desc: "MSW and LSW as NTP timestamp", Kind: FieldString},
		{Name: "rtcp.timestamp.rtp", Desc: "RTP timestamp", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.sender.packetcount", Desc: "Sender's packet count", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.sender.octetcount", Desc: "Sender's octet count", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.ssrc.identifier", Desc: "Identifier", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.ssrc.fraction", Desc: "Fraction lost", Kind: FieldUint, Bits: 8},
		{Name: "rtcp.ssrc.cum_nr", Desc: "Cumulative number of packets lost", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.ssrc.ext_high", Desc: "Extended highest sequence number received", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.ssrc.high_cycles", Desc: "Sequence number cycles count", Kind: FieldUint, Bits: 16},
		{Name: "rtcp.ssrc.high_seq", Desc: "Highest sequence number received", Kind: FieldUint, Bits: 16},
		{Name: "rtcp.ssrc.jitter", Desc: "Interarrival jitter", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.ssrc.lsr", Desc: "Last SR timestamp", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.ssrc.dlsr", Desc: "Delay since last SR timestamp", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.sdes.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "rtcp.sdes.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "rtcp.sdes.text", Desc: "Text", Kind: FieldString},
		{Name: "rtcp.app.name", Desc: "Name (ASCII)", Kind: FieldString},
		{Name: "rtcp.app.data", Desc: "Application specific data", Kind: FieldBytes},
		{Name: "rtcp.length_check", Desc: "RTCP frame length check", Kind: FieldBool},
	},
}

func init() {
	RegisterUDP(rtcpDissector)
}
