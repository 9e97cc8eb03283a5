package decode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// RDP's connection negotiation (MS-RDPBCGR §2.2.1.1 and §2.2.1.2): the
// X.224 Connection Request carries an optional routing token or
// "Cookie: mstshash=NAME" line ended by CR LF and an optional
// RDP_NEG_REQ (type 1, flags, length 8, the requested protocols as a
// little-endian bit set); the Connection Confirm an RDP_NEG_RSP (type 2,
// the selected protocol) or RDP_NEG_FAILURE (type 3, a failure code).
// Shown as tshark 4.0's packet-rdp.c does: Protocol RDP and Info
// "Cookie: mstshash=NAME, Negotiate Request", "Negotiate Response".

// RDP negotiation message types.
const (
	rdpNegReq     = 1
	rdpNegRsp     = 2
	rdpNegFailure = 3
	rdpNegLen     = 8
)

var rdpNegTypeNames = map[byte]string{rdpNegReq: "RDP Negotiation Request", rdpNegRsp: "RDP Negotiation Response",
	rdpNegFailure: "RDP Negotiation Failure"}

// The security protocols (MS-RDPBCGR §2.2.1.1.1): a bit each in a request,
// one value in a response.
var rdpProtocolBits = []struct {
	name, label string
	mask        uint32
}{
	{"rdp.negReq.requestedProtocols.ssl", "TLS security supported", 0x1},
	{"rdp.negReq.requestedProtocols.hybrid", "CredSSP supported", 0x2},
	{"rdp.negReq.requestedProtocols.rdstls", "RDSTLS supported", 0x4},
	{"rdp.negReq.requestedProtocols.hybrid_ex", "CredSSP with Early User Authorization Result PDU supported", 0x8},
}

var rdpSelectedNames = map[uint32]string{0: "Standard RDP Security", 1: "TLS 1.0, 1.1 or 1.2", 2: "CredSSP",
	4: "RDSTLS protocol", 8: "CredSSP with Early User Authorization Result PDU"}

var rdpFailureNames = map[uint32]string{1: "TLS required by server", 2: "TLS not allowed by server",
	3: "TLS certificate not on server", 4: "Inconsistent flags", 5: "CredSSP required by server",
	6: "CredSSP with user authentication required by server"}

// rdpFlag is one bit of a negotiation message's flags byte.
type rdpFlag struct {
	name, label string
	mask        byte
}

var (
	rdpReqFlags = []rdpFlag{{"rdp.negReq.flags.restricted_admin_mode_req", "Restricted admin mode required", 0x01},
		{"rdp.negReq.flags.correlation_info_present", "Correlation info present", 0x08}}
	rdpRspFlags = []rdpFlag{{"rdp.negRsp.flags.extended_client_data_supported", "Extended Client Data Blocks supported", 0x01},
		{"rdp.negRsp.flags.dynvc_gfx_protocol_supported", "Graphics Pipeline Extension Protocol supported", 0x02},
		{"rdp.negRsp.flags.restricted_admin_mode_supported", "Restricted admin mode supported", 0x08},
		{"rdp.negRsp.flags.restricted_authentication_mode_supported", "Restricted authentication mode supported", 0x10}}
)

// dissectRDPConnect reads RDP's part of an X.224 Connection Request or
// Confirm, p.Data[start:end]; bytes that are neither a cookie nor a
// negotiation message are left to COTP.
func dissectRDPConnect(p *PDU, out *Out, code cotpType, start, end int) {
	b := p.Data[start:end]
	f := Field{Name: "rdp", Label: "Remote Desktop Protocol", Start: start, Len: len(b), Kind: FieldProto}
	off := 0
	info := ""
	if code == cotpCR && bytes.HasPrefix(b, []byte("Cookie:")) {
		n := bytes.Index(b, []byte("\r\n"))
		if n < 0 {
			n = len(b)
		}
		cookie := string(b[:n])
		info = Printable(cookie)
		f.Children = append(f.Children, StrField("rdp.rt_cookie", "Routing Token/Cookie: "+info, start, n, cookie))
		off = min(n+2, len(b))
	}
	if len(b)-off >= rdpNegLen && (code == cotpCR && b[off] == rdpNegReq || code == cotpCC && (b[off] == rdpNegRsp || b[off] == rdpNegFailure)) {
		f.Children = append(f.Children, rdpNeg(b[off:off+rdpNegLen], start+off)...)
		switch b[off] {
		case rdpNegReq:
			info = joinInfo(info, "Negotiate Request")
		case rdpNegRsp:
			info = joinInfo(info, "Negotiate Response")
		default:
			info = joinInfo(info, "Negotiate Failure, failureCode "+rdpFailureName(binary.LittleEndian.Uint32(b[off+4:])))
		}
	}
	if info == "" {
		return // not RDP's: COTP keeps its Info
	}
	out.SetProto("RDP")
	out.SetInfo(info)
	if out.WantTree {
		out.Add(f)
	}
}

func joinInfo(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}

// rdpNeg reads an 8-byte RDP_NEG_REQ, RDP_NEG_RSP or RDP_NEG_FAILURE whose
// first byte lies at pos in the packet.
func rdpNeg(b []byte, pos int) []Field {
	t := b[0]
	fs := []Field{UintField("rdp.neg_type", fmt.Sprintf("Type: %s (0x%02x)", rdpNegTypeNames[t], t), pos, 1, uint64(t))}
	if t == rdpNegFailure {
		// packet-rdp.c shows a failure's flags under the request's name
		fs = append(fs, UintField("rdp.negReq.flags", fmt.Sprintf("Flags: 0x%02x", b[1]), pos+1, 1, uint64(b[1])))
	} else {
		name, list := "rdp.negReq.flags", rdpReqFlags
		if t == rdpNegRsp {
			name, list = "rdp.negRsp.flags", rdpRspFlags
		}
		fl := b[1]
		label := fmt.Sprintf("Flags: 0x%02x", fl)
		var kids []Field
		for _, x := range list {
			on := fl&x.mask != 0
			if on {
				label += ", " + x.label
			}
			kids = append(kids, Field{Name: x.name, Label: bitString(uint32(fl), 8, uint32(x.mask)) + " = " + x.label + ": " + trueFalse(on),
				Start: pos + 1, Len: 1, Kind: FieldBool, Num: uint64(fl&x.mask) / uint64(x.mask)})
		}
		fs = append(fs, Field{Name: name, Label: label, Start: pos + 1, Len: 1, Kind: FieldUint, Num: uint64(fl), Children: kids})
	}
	// packet-rdp.c shows the 16-bit length as its first byte
	fs = append(fs, UintField("rdp.neg_length", "Length: "+strconv.Itoa(int(b[2])), pos+2, 1, uint64(b[2])))
	v := binary.LittleEndian.Uint32(b[4:])
	switch t {
	case rdpNegReq:
		var names []string
		var kids []Field
		for _, x := range rdpProtocolBits {
			on := v&x.mask != 0
			if on {
				names = append(names, x.label)
			}
			kids = append(kids, Field{Name: x.name, Label: bitString(v, 32, x.mask) + " = " + x.label + ": " + trueFalse(on),
				Start: pos + 4, Len: 4, Kind: FieldBool, Num: uint64(v&x.mask) / uint64(x.mask)})
		}
		label := fmt.Sprintf("requestedProtocols: 0x%08x", v)
		if len(names) > 0 {
			label += ", " + strings.Join(names, ", ")
		}
		fs = append(fs, Field{Name: "rdp.negReq.requestedProtocols", Label: label, Start: pos + 4, Len: 4, Kind: FieldUint, Num: uint64(v), Children: kids})
	case rdpNegRsp:
		name, ok := rdpSelectedNames[v]
		if !ok {
			name = "Unknown"
		}
		fs = append(fs, UintField("rdp.negReq.selectedProtocol", fmt.Sprintf("selectedProtocol: %s (0x%08x)", name, v), pos+4, 4, uint64(v)))
	default:
		fs = append(fs, UintField("rdp.negFailure.failureCode", fmt.Sprintf("failureCode: %s (0x%08x)", rdpFailureName(v), v), pos+4, 4, uint64(v)))
	}
	return fs
}

func rdpFailureName(v uint32) string {
	if name, ok := rdpFailureNames[v]; ok {
		return name
	}
	return "Unknown"
}
