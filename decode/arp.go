package decode

import "fmt"

// ARP and its relatives that share its packet layout (RFC 826): RARP
// (RFC 903, also under its own EtherType 0x8035), DRARP, Inverse ARP
// (RFC 2390), MARS (RFC 2022) and MAPOS. packet-arp.c names the packet by
// its opcode, so one table gives the Protocol column, the Info text and
// the details pane's opcode line.

// etherRARP is RARP's EtherType: tshark's ARP dissector reads it the same
// way as 0x0806, by the opcode.
const etherRARP = 0x8035

// arpOp is one opcode: its name in the details (tshark -G values, field
// arp.opcode), the Protocol column, and how the Info column reads.
type arpOp struct {
	name, proto string
	info        arpInfoKind
	text        string // the Info's fixed part
}

type arpInfoKind uint8

const (
	arpInfoUnknown arpInfoKind = iota
	arpInfoRequest             // "Who has TPA? Tell SPA" and its gratuitous forms
	arpInfoReply               // "SPA is at SHA"
	arpInfoWhoIs               // "Who is THA? Tell SHA" (reverse and inverse requests)
	arpInfoIsAtTPA             // "THA is at TPA" (reverse replies)
	arpInfoIsAtSPA             // "SHA is at SPA" (inverse replies)
	arpInfoText                // text alone
	arpInfoFrom                // "text from SHA at SPA" (MARS)
	arpInfoOpcode              // "text ( opcode N )"
)

var arpOps = map[uint16]arpOp{
	0:     {"reserved", "ARP", arpInfoText, "Reserved opcode 0"},
	1:     {"request", "ARP", arpInfoRequest, ""},
	2:     {"reply", "ARP", arpInfoReply, ""},
	3:     {"reverse request", "RARP", arpInfoWhoIs, ""},
	4:     {"reverse reply", "RARP", arpInfoIsAtTPA, ""},
	5:     {"drarp request", "DRARP", arpInfoWhoIs, ""},
	6:     {"drarp reply", "DRARP", arpInfoIsAtTPA, ""},
	7:     {"drarp error", "DRARP", arpInfoText, "DRARP Error"},
	8:     {"inverse request", "Inverse ARP", arpInfoWhoIs, ""},
	9:     {"inverse reply", "Inverse ARP", arpInfoIsAtSPA, ""},
	10:    {"arp nak", "ARP", arpInfoText, "ARP NAK"},
	11:    {"mars request", "MARS", arpInfoFrom, "MARS request"},
	12:    {"mars multi", "MARS", arpInfoFrom, "MARS MULTI request"},
	13:    {"mars mserv", "MARS", arpInfoFrom, "MARS MSERV request"},
	14:    {"mars join", "MARS", arpInfoFrom, "MARS JOIN request"},
	15:    {"mars leave", "MARS", arpInfoFrom, "MARS LEAVE"},
	16:    {"mars nak", "MARS", arpInfoFrom, "MARS NAK"},
	17:    {"mars unserv", "MARS", arpInfoFrom, "MARS UNSERV request"},
	18:    {"mars sjoin", "MARS", arpInfoFrom, "MARS SJOIN request"},
	19:    {"mars sleave", "MARS", arpInfoFrom, "MARS SLEAVE"},
	20:    {"mars grouplist request", "MARS", arpInfoFrom, "MARS grouplist request"},
	21:    {"mars grouplist reply", "MARS", arpInfoFrom, "MARS grouplist reply"},
	22:    {"mars redirect map", "MARS", arpInfoFrom, "MARS redirect map"},
	23:    {"mapos unarp", "MAPOS", arpInfoFrom, "MAPOS UNARP request"},
	24:    {"experimental 1", "ARP", arpInfoOpcode, "Experimental 1"},
	25:    {"experimental 2", "ARP", arpInfoOpcode, "Experimental 2"},
	65535: {"reserved", "ARP", arpInfoText, "Reserved opcode 65535"},
}

// arpColumns are the Protocol and Info columns of an ARP-layout packet.
func arpColumns(h *Headers) (proto, info string) {
	op, ok := arpOps[h.ARPOp]
	if !ok {
		return "ARP", fmt.Sprintf("Unknown ARP opcode 0x%04x", h.ARPOp)
	}
	spa, tpa := arpProtoAddr(h, h.ARPSPA), arpProtoAddr(h, h.ARPTPA)
	sha, tha := arpHWAddr(h.ARPSHA), arpHWAddr(h.ARPTHA)
	switch op.info {
	case arpInfoRequest:
		switch {
		case len(h.ARPSPA) > 0 && spa == tpa && isZero(h.ARPTHA): // RFC 5227 announcement
			info = "ARP Announcement for " + spa
		case len(h.ARPSPA) > 0 && spa == tpa:
			info = "Gratuitous ARP for " + spa + " (Request)"
		case len(h.ARPSPA) > 0 && isZero(h.ARPSPA):
			info = "Who has " + tpa + "? (ARP Probe)"
		default:
			info = "Who has " + tpa + "? Tell " + spa
		}
	case arpInfoReply:
		if len(h.ARPSPA) > 0 && spa == tpa {
			info = "Gratuitous ARP for " + spa + " (Reply)"
		} else {
			info = spa + " is at " + sha
		}
	case arpInfoWhoIs:
		info = "Who is " + tha + "? Tell " + sha
	case arpInfoIsAtTPA:
		info = tha + " is at " + tpa
	case arpInfoIsAtSPA:
		info = sha + " is at " + spa
	case arpInfoText:
		info = op.text
	case arpInfoFrom:
		info = op.text + " from " + sha + " at " + spa
	case arpInfoOpcode:
		info = fmt.Sprintf("%s ( opcode %d )", op.text, h.ARPOp)
	}
	return op.proto, info
}

// arpProtoAddr shows a protocol address as packet-arp.c does: IPv4 when
// the type and size say so, "<No address>" when empty, else hex.
func arpProtoAddr(h *Headers, b []byte) string {
	switch {
	case len(b) == 0:
		return "<No address>"
	case h.ARPProtType == 0x0800 && len(b) == 4:
		return ipString(b)
	}
	return fmt.Sprintf("%x", b)
}

// arpHWAddr shows a hardware address: a MAC when it has six bytes.
func arpHWAddr(b []byte) string {
	if len(b) == 0 {
		return "<No address>"
	}
	return macString(b)
}

// arpOpName is the opcode's name in the details pane.
func arpOpName(op uint16) string {
	if o, ok := arpOps[op]; ok {
		return o.name
	}
	return "Unknown"
}

// matchARP keeps, as packet-arp.c does by default, the first MAC address
// each IPv4 address was seen with in an ARP request or reply, and marks
// the packet when the pair it claims disagrees: Ack 1 for its sender's
// address, 2 for its target's. A request and a reply without a target MAC
// (zero or broadcast) claim their sender's pair, any other reply its
// target's. Sender pairs are kept from both, target pairs from replies;
// never 0.0.0.0 or a zero, broadcast or multicast MAC. Read back from
// tshark 4.0 with the last frames of lab__arp-crafted.py.
func (x *Index) matchARP(p *Packet, h *Headers) {
	if (h.ARPOp != 1 && h.ARPOp != 2) || h.ARPProtType != 0x0800 || len(h.ARPSPA) != 4 || len(h.ARPSHA) != 6 {
		return
	}
	type pair struct {
		ip  [4]byte
		mac [6]byte
	}
	valid := func(q pair) bool { return q.ip != [4]byte{} && q.mac[0]&1 == 0 && q.mac != [6]byte{} }
	sender := pair{[4]byte(h.ARPSPA), [6]byte(h.ARPSHA)}
	target := pair{[4]byte(h.ARPTPA), [6]byte(h.ARPTHA)}
	claim, mark := sender, uint32(1)
	if h.ARPOp == 2 && target.mac != [6]byte{} && target.mac != [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff} {
		claim, mark = target, 2
	}
	if first, seen := x.arpMAC[claim.ip]; seen && first != claim.mac && valid(claim) {
		p.Ack = mark
	}
	if x.arpMAC == nil {
		x.arpMAC = make(map[[4]byte][6]byte)
	}
	for _, q := range []pair{sender, target} {
		if _, seen := x.arpMAC[q.ip]; !seen && valid(q) && (q == sender || h.ARPOp == 2) {
			x.arpMAC[q.ip] = q.mac
		}
	}
}
