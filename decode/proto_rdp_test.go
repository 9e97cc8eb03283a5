package decode

import (
	"encoding/hex"
	"testing"
)

// TestRDPConnectColumns dissects X.224 connection TPDUs built from
// MS-RDPBCGR §4.1.1-4.1.2 and §2.2.1.1-2.2.1.2 (TPKT per RFC 1006 §6,
// the CR/CC fixed part per ITU-T X.224 §13.3-13.4). The expected columns
// are tshark 4.0.17's on the same bytes (lab__rdp-neg-crafted.pcap,
// lab__rdp.pcap and lab__rdp-mcs.pcap, which agree on every frame).
func TestRDPConnectColumns(t *testing.T) {
	cases := []struct {
		name, hex   string
		proto, info string
	}{
		{"request with cookie (§4.1.1)", "0300002c27e00000000000436f6f6b69653a206d737473686173683d656c746f6e730d0a0100080000000000",
			"RDP", "Cookie: mstshash=eltons, Negotiate Request"},
		{"request without cookie", "030000130ee000000000000100080003000000", "RDP", "Negotiate Request"},
		{"cookie without negotiation (FreeRDP /sec:rdp)", "030000211ce00000000000436f6f6b69653a206d737473686173683d6c61620d0a",
			"RDP", "Cookie: mstshash=lab"},
		{"response (§4.1.2)", "030000130ed000001234000200080000000000", "RDP", "Negotiate Response"},
		{"failure: TLS not allowed", "030000130ed000001234000300080002000000", "RDP", "Negotiate Failure, failureCode TLS not allowed by server"},
		{"confirm without negotiation", "0300000b06d00000123400", "COTP", "CC TPDU src-ref: 0x1234 dst-ref: 0x0000"},
		{"TLS after the negotiation", "1603010136010001320303", "TPKT", "Continuation"},
		// MCS (T.125) in data TPDUs, from lab__rdp-mcs.pcap (T.125 §7 PER)
		{"MCS erect domain request", "0300000c02f0800401000100", "T.125", "erectDomainRequest "},
		{"MCS attach user confirm", "0300000b02f0802e000006", "T.125", "attachUserConfirm "},
		{"MCS channel join request", "0300000c02f08038000603ef", "T.125", "channelJoinRequest 1007"},
		{"MCS channel join confirm", "0300000f02f0803e00000603ef03ef", "T.125", "channelJoinConfirm 1007"},
		{"MCS disconnect provider ultimatum", "0300000902f0802180", "T.125", "disconnectProviderUltimatum "},
		// Send Data Requests carrying RDP's basic security header
		// (MS-RDPBCGR §2.2.8.1.1.2.1): SEC_INFO_PKT | SEC_ENCRYPT, and
		// SEC_EXCHANGE_PKT
		{"MCS send data: client info", "0300001302f08064000603eb7004" + "48080000", "RDP", "ClientInfo, [Encrypted]"},
		{"MCS send data: security exchange", "0300001302f08064000603eb7004" + "01020000", "RDP", "SecurityExchange"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{TCP: true, SrcPort: 40000, DstPort: portRDP}, tpkt.Dissect, true, c.proto, c.info)
		})
	}
}

// TestRDPNegFields checks the negotiation request's fields against
// MS-RDPBCGR §2.2.1.1.1: requestedProtocols 3 is PROTOCOL_SSL |
// PROTOCOL_HYBRID; labels as tshark's PDML shows them.
func TestRDPNegFields(t *testing.T) {
	b, _ := hex.DecodeString("030000130ee000000000000100080003000000")
	var out Out
	out.reset(true)
	p := PDU{Data: b, Len: len(b), Off: -1, TCP: true}
	tpkt.Dissect(&p, &out)
	checkPDMLFields(t, 0, out.Tree, []pdmlWant{
		{"tpkt.length", "Length: 19", 2, 2},
		{"cotp.type", "PDU Type: CR Connect Request (0x0e)", 5, 1},
		{"rdp.neg_type", "Type: RDP Negotiation Request (0x01)", 11, 1},
		{"rdp.negReq.requestedProtocols", "requestedProtocols: 0x00000003, TLS security supported, CredSSP supported", 15, 4},
		{"rdp.negReq.requestedProtocols.hybrid", ".... .... .... .... .... .... .... ..1. = CredSSP supported: True", 15, 4},
	})
}

// TestTPKTPDULen checks RFC 1006's framing: the PDU is the 16-bit length
// at bytes 2-3, header included; bytes not starting with version 3 are
// one Continuation PDU.
func TestTPKTPDULen(t *testing.T) {
	cases := []struct {
		name, hex string
		want      int
	}{
		{"whole header", "0300002c27e0", 44},
		{"header cut", "0300", 0},
		{"continuation", "160301", 3},
		{"length below the header", "03000002", 4},
	}
	for _, c := range cases {
		b, _ := hex.DecodeString(c.hex)
		if got := tpktPDULen(nil, 0, b); got != c.want {
			t.Errorf("%s: tpktPDULen = %d, want %d", c.name, got, c.want)
		}
	}
}

// FuzzProtoTPKT feeds arbitrary bytes to the TPKT framing and the
// TPKT/COTP/T.125 dissector, with and without the tree: no panic, every
// field inside the bytes. Seeded with the payloads of lab__rdp.pcap and
// lab__rdp-mcs.pcap.
func FuzzProtoTPKT(f *testing.F) {
	for _, name := range []string{"lab__rdp.pcap", "lab__rdp-mcs.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 {
			return
		}
		if n := tpktPDULen(nil, 0, b); n < 0 || n > 0 && n < min(len(b), tpktHdrLen) {
			t.Fatalf("PDU length %d for %d bytes", n, len(b))
		}
		fuzzTPKT(t, b)
	})
}

// FuzzProtoRDP feeds arbitrary bytes as the variable part of an X.224
// Connection Request and Confirm (where RDP's cookie and negotiation
// messages lie). Seeded with the RDP parts of the lab captures.
func FuzzProtoRDP(f *testing.F) {
	for _, name := range []string{"lab__rdp.pcap", "lab__rdp-neg-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if p := h.Payload; h.HasTransport && len(p) > 11 && p[0] == tpktVersion {
				seed(f, p[11:])
			}
		})
	}
	f.Fuzz(func(t *testing.T, rdp []byte) {
		if len(rdp) > 240 {
			return
		}
		for _, code := range []byte{0xe0, 0xd0} {
			b := append([]byte{3, 0, 0, byte(11 + len(rdp)), byte(6 + len(rdp)), code, 0, 0, 0x12, 0x34, 0}, rdp...)
			fuzzTPKT(t, b)
		}
	})
}

func fuzzTPKT(t *testing.T, b []byte) {
	for _, tree := range []bool{false, true} {
		var out Out
		out.reset(tree)
		p := PDU{Data: b, Len: len(b), Off: -1, TCP: true}
		if tpkt.Dissect(&p, &out) {
			checkTree(t, out.Tree, len(b))
		}
	}
}
