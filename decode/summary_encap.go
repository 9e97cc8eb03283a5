package decode

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// describeEncap gives the Protocol and Info columns of a packet whose
// innermost decoded layer is a tunnel header with nothing ladder decodes
// after it, as Wireshark names them.
func describeEncap(h *Headers) (string, string, bool) {
	if h.Term == EncapNone || h.NumEncap == 0 {
		return "", "", false
	}
	b := h.EncapHeader(int(h.NumEncap) - 1)
	switch h.Term {
	case EncapGRE:
		if len(b) < 4 {
			return "", "", false
		}
		return "GRE", "Encapsulated " + greProtoInfo(binary.BigEndian.Uint16(b[2:])), true
	case EncapGTPU, EncapGTPv2:
		return gtpColumns(h.Payload)
	}
	return "", "", false
}

// encapProtocol is the Protocol column of a packet that travelled in outer
// layers: Wireshark marks what GTP carries as "GTP <inner>".
func encapProtocol(h *Headers, proto string) string {
	if h.NumEncap > 0 && h.Term != EncapGTPU && h.Has(EncapGTPU) {
		return "GTP <" + proto + ">"
	}
	return proto
}

// greProtoInfo is a GRE protocol type as packet-gre.c writes it in the
// Info column: its name, or its number in upper-case hex and "(unknown)".
func greProtoInfo(pt uint16) string {
	n := greProtoName(pt)
	if strings.HasPrefix(n, "0x") {
		n = fmt.Sprintf("0x%04X (unknown)", pt)
	}
	return n
}

// greProtoName names a GRE protocol type as Wireshark's gre.proto does.
func greProtoName(pt uint16) string {
	switch pt {
	case 0x0000:
		return "Possible GRE keepalive packet"
	case 0x0800:
		return "IP"
	case 0x86dd:
		return "IPv6"
	case etherTEB:
		return "Transparent Ethernet bridging"
	case etherERSPAN:
		return "ERSPAN"
	case etherERSPAN3:
		return "ERSPAN III"
	case etherPPP:
		return "PPP"
	case etherCMD:
		return "CiscoMetaData"
	case 0x2000:
		return "CDP (Cisco)"
	case 0x8847:
		return "MPLS label switched packet"
	case 0x0806:
		return "ARP"
	}
	return fmt.Sprintf("0x%04x", pt)
}
