package decode

import (
	"encoding/hex"
	"strings"
	"testing"
)

// TestOpenVPNColumns dissects OpenVPN packets one at a time (a fresh
// conversation each); the expected columns are tshark 4.0.17's on the same
// frames: lab__openvpn-udp.pcap frames 1, 3 and 16, lab__openvpn-tlsauth.pcap
// frames 1 and 6, lab__openvpn-tcp.pcap frames 4 and 13 (with the 2-byte
// length), lab__openvpn-tlscryptv2.pcap frame 5, and lab__openvpn-crafted.pcap
// frames 1-4 and 8-10.
func TestOpenVPNColumns(t *testing.T) {
	const clientHello = "20bc9c1219d19ada5201000000006398a60ca64bc0db0000000116030101100100010c0303b60386b7491aacf9706941e4013f73dad4b026b801912839fbbddec222e3221020d753a6977c0cc1f419865f6a8a845220488634749987ab5feb8db07a0d6b82120032130213031301c02cc030009fcca9cca8ccaac02bc02f009ec024c028006bc023c0270067c00ac0140039c009c013003300ff01000091000b000403000102000a00160014001d0017001e00190018010001010102010301040016000000170000000d002a0028040305030603080708080809080a080b080408050806040105010601030303010302040205020602002b00050403040303002d00020101003300260024001d0020f28fcb63e7aa55bc6a32ddbd57ace1d95b7302bc42a7f44435f4dbed07e7ec67"
	cases := []struct {
		name, hex   string
		tcp         bool
		proto, info string
	}{
		{"hard reset client, no tls-auth", "38bc9c1219d19ada520000000000", false, "OpenVPN", "MessageType: P_CONTROL_HARD_RESET_CLIENT_V2"},
		{"control with a Client Hello", clientHello, false, "TLSv1", "Client Hello"},
		{"data v2", "48000000000000010ab5079c7a499a7eba89927ef960f8451b328daba971d925ef9b5aa618571465ac9079b37f1d4ca29069db736ff93f4062eca4c9479bd5b3f5771fe4057fdaf4", false, "OpenVPN", "MessageType: P_DATA_V2"},
		{"hard reset client, tls-auth", "38e06d8af47b42ddd9ab7896614e5d2056e6acc8d01dbc9759ea8af742000000016b166e380000000000", false, "OpenVPN", "MessageType: P_CONTROL_HARD_RESET_CLIENT_V2"},
		{"ack, tls-auth", "28e06d8af47b42ddd9a7a5d7c5e62cd672a51fb58cab45621217ba81a0000000036b166e3802000000010000000001eb59b93ff62f8e", false, "OpenVPN", "MessageType: P_ACK_V1"},
		{"tcp hard reset", "000e38f47decf8679e6ec20000000000", true, "OpenVPN", "MessageType: P_CONTROL_HARD_RESET_CLIENT_V2"},
		{"tcp ack of two", "001a28f47decf8679e6ec202000000010000000031e8514e3c12a960", true, "OpenVPN", "MessageType: P_ACK_V1"},
		{"tls-crypt ack read as tls-auth, array past the end", "284df31ec2a6b8c74f0f0000036b166e3d97c0c826ae03d48dca0706d22da24a39dc6b27fc711ff1b72bfdc6b1d3952a045eef5d26dd86a18f77c82a4bdb2e59e308", false, "OpenVPN", "MessageType: P_ACK_V1[Malformed Packet]"},
		{"data v1, key id 1", "3100000007000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627", false, "OpenVPN", "MessageType: P_DATA_V1"},
		{"data v1 alone", "30", false, "OpenVPN", "MessageType: P_DATA_V1"},
		{"soft reset", "1a11223344556677880000000005", false, "OpenVPN", "MessageType: P_CONTROL_SOFT_RESET_V1"},
		{"unknown opcode", "6011223344556677880000000001aaaaaaaaaaaaaaaa", false, "OpenVPN", "MessageType: Unknown Messagetype"},
		{"data v2 cut in its peer id", "4800", false, "OpenVPN", "MessageType: P_DATA_V2[Malformed Packet]"},
		{"cut in the session id", "201122334455", false, "OpenVPN", "MessageType: P_CONTROL_V1[Malformed Packet]"},
		{"ack array past the end", "2811223344556677880300000001", false, "OpenVPN", "MessageType: P_ACK_V1[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{TCP: c.tcp, Conv: &Conv{}}, openvpn.Dissect, true, c.proto, c.info)
		})
	}
}

// TestOpenVPNTLSAuthFields checks the tls-auth guess and the lines after it
// against tshark's PDML of lab__openvpn-tlsauth.pcap frame 6 (an ACK: HMAC,
// replay packet-id, net time, two array elements, remote session id) and
// lab__openvpn-udp.pcap frame 1, where the array length 0 says no tls-auth.
func TestOpenVPNTLSAuthFields(t *testing.T) {
	for _, c := range []struct {
		hex  string
		want []string
	}{
		{"28e06d8af47b42ddd9a7a5d7c5e62cd672a51fb58cab45621217ba81a0000000036b166e3802000000010000000001eb59b93ff62f8e", []string{
			"openvpn.type", "openvpn.sessionid", "openvpn.hmac", "openvpn.pid", "openvpn.net_time", "openvpn.mpidarraylength", "", "openvpn.rsessionid"}},
		{"38bc9c1219d19ada520000000000", []string{"openvpn.type", "openvpn.sessionid", "openvpn.mpidarraylength", "openvpn.mpid"}},
	} {
		b, _ := hex.DecodeString(c.hex)
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: -1}
		openvpn.Dissect(&p, &out)
		kids := out.Tree[0].Children
		if len(kids) != len(c.want) {
			t.Fatalf("%d lines, want %d: %+v", len(kids), len(c.want), kids)
		}
		for i, w := range c.want {
			if kids[i].Name != w {
				t.Errorf("line %d is %q, want %q", i, kids[i].Name, w)
			}
		}
	}
	b, _ := hex.DecodeString("28e06d8af47b42ddd9a7a5d7c5e62cd672a51fb58cab45621217ba81a0000000036b166e3802000000010000000001eb59b93ff62f8e")
	var out Out
	out.reset(true)
	openvpn.Dissect(&PDU{Data: b, Len: len(b), Off: -1}, &out)
	want := map[string]string{
		"openvpn.hmac":      "HMAC: a7a5d7c5e62cd672a51fb58cab45621217ba81a0",
		"openvpn.pid":       "Replay-Packet-ID: 3",
		"openvpn.net_time":  "Net Time: Dec  7, 2026 08:28:40.000000000 UTC",
		"openvpn.sessionid": "Session ID: 16171734619601952217",
	}
	for _, f := range out.Tree[0].Children {
		if w, ok := want[f.Name]; ok && f.Label != w {
			t.Errorf("%s: %q, want %q", f.Name, f.Label, w)
		}
	}
}

// TestOpenVPNFragments follows lab__openvpn-crafted.pcap frames 5-7: a
// Client Hello in three control packets, the first two of exactly 100
// bytes; tshark shows the first two as OpenVPN and the third as TLSv1
// "Client Hello", with a 3-fragment summary.
func TestOpenVPNFragments(t *testing.T) {
	var payloads [][]byte
	eachParsed(t, "lab__openvpn-crafted.pcap", func(h *Headers) {
		payloads = append(payloads, append([]byte(nil), h.Payload...))
	})
	conv := &Conv{}
	for i, w := range []struct{ proto, info string }{
		{"OpenVPN", "MessageType: P_CONTROL_V1"},
		{"OpenVPN", "MessageType: P_CONTROL_V1"},
		{"TLSv1", "Client Hello"},
	} {
		var out Out
		out.reset(true)
		b := payloads[4+i]
		p := PDU{Data: b, Len: len(b), Off: 42, Frame: 4 + i, Conv: conv}
		openvpn.Dissect(&p, &out)
		if out.Proto != w.proto || out.Info() != w.info {
			t.Errorf("frame %d: %q %q, want %q %q", 5+i, out.Proto, out.Info(), w.proto, w.info)
		}
		if i == 2 {
			found := false
			for _, f := range out.Tree[0].Children {
				if f.Name == "openvpn.fragments" {
					found = f.Label == "3 Message fragments (230 bytes): #5(100), #6(100), #7(30)"
				}
			}
			if !found {
				t.Errorf("no fragment summary in %+v", out.Tree[0].Children)
			}
		}
	}
}

// TestOpenVPNFenceAcrossPDUs dissects two control packets in one TCP
// segment, as lab__openvpn-tcp.pcap frame 27 holds them: tshark's TLS
// dissector fences Info after the first packet's records, so the second
// packet's records follow them: "Application Data, Application Data,
// Application Data". Two data packets in one segment (frame 36 of the
// same capture) read "MessageType: P_DATA_V2" once: no TLS, no fence.
func TestOpenVPNFenceAcrossPDUs(t *testing.T) {
	appData := func(n int) string {
		rec := "1703030000"
		return rec[:6] + hex.EncodeToString([]byte{byte(n >> 8), byte(n)}) + hex.EncodeToString(make([]byte, n))
	}
	ctl := func(mpid byte, recs string) string {
		body := "20" + "1122334455667788" + "00" + "000000" + hex.EncodeToString([]byte{mpid}) + recs
		n := len(body) / 2
		return hex.EncodeToString([]byte{byte(n >> 8), byte(n)}) + body
	}
	run := func(pdus []string) *Out {
		conv := &Conv{}
		// the session's version: a Server Hello seen before is not
		// needed for Application Data records
		var out Out
		out.reset(false)
		off := 66 // each PDU at its place in the segment
		for _, h := range pdus {
			b, _ := hex.DecodeString(h)
			openvpn.Dissect(&PDU{Data: b, Len: len(b), Off: off, Frame: 26, TCP: true, Conv: conv}, &out)
			off += len(b)
		}
		return &out
	}
	out := run([]string{ctl(3, appData(74)+appData(74)), ctl(4, appData(202))})
	if got := out.Info(); got != "Application Data, Application Data, Application Data" {
		t.Errorf("two control packets: %q", got)
	}
	out = run([]string{"0004" + "48000000", "0004" + "48000000"})
	if got := out.Info(); got != "MessageType: P_DATA_V2" {
		t.Errorf("two data packets: %q", got)
	}
}

// FuzzProtoOpenVPN feeds arbitrary bytes to the OpenVPN dissector as UDP
// and as TCP, with and without the tree, twice in one conversation (the
// fragment table and TLS session): no panic, every field inside the bytes.
// Seeded with the payloads of the lab__openvpn captures.
func FuzzProtoOpenVPN(f *testing.F) {
	for _, name := range []string{"lab__openvpn-udp.pcap", "lab__openvpn-tcp.pcap", "lab__openvpn-tlsauth.pcap",
		"lab__openvpn-tlscryptv2.pcap", "lab__openvpn-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload, false)
			}
		})
	}
	f.Add([]byte{0x20, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 1}, true)
	f.Fuzz(func(t *testing.T, b []byte, tcp bool) {
		conv := &Conv{}
		for i, tree := range []bool{false, true, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1, Frame: i, TCP: tcp, Conv: conv}
			openvpn.Dissect(&p, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}

// TestOpenVPNNamesFlow hands a control packet whose TLS Client Hello
// (built per RFC 8446 §4.1.2 with a server_name extension, RFC 6066 §3)
// names vpn.example: the OpenVPN flow takes that name, as a TLS flow would.
func TestOpenVPNNamesFlow(t *testing.T) {
	name := "vpn.example"
	sni := "0000" + u16hex(len(name)+5) + u16hex(len(name)+3) + "00" + u16hex(len(name)) + hex.EncodeToString([]byte(name))
	body := "0303" + strings.Repeat("11", 32) + "00" + "0002002f" + "0100" + u16hex(len(sni)/2) + sni
	hs := "01" + "00" + u16hex(len(body)/2) + body
	rec := "160301" + u16hex(len(hs)/2) + hs
	pkt := "20" + "1122334455667788" + "00" + "00000000" + rec
	b, _ := hex.DecodeString(pkt)
	var out Out
	out.reset(false)
	openvpn.Dissect(&PDU{Data: b, Len: len(b), Off: -1, Conv: &Conv{}}, &out)
	if out.Info() != "Client Hello" || out.name != name {
		t.Errorf("info %q, flow name %q; want Client Hello, %q", out.Info(), out.name, name)
	}
}

func u16hex(n int) string { return hex.EncodeToString([]byte{byte(n >> 8), byte(n)}) }
