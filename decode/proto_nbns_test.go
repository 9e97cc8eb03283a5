package decode

import (
	"strings"
	"testing"
)

// TestNBNSName checks NetBIOS name decoding against tshark 4.0's nbns.name
// on testdata/app/lab__nbns-crafted.pcap and CESNET netbios.pcap.
func TestNBNSName(t *testing.T) {
	enc := func(name string, suffix byte) string {
		raw := []byte((name + "               ")[:15])
		raw = append(raw, suffix)
		out := make([]byte, 0, 32)
		for _, c := range raw {
			out = append(out, 'A'+c>>4, 'A'+c&15)
		}
		return string(out)
	}
	cases := []struct{ name, raw, want string }{
		{"workgroup", enc("WORKGROUP", 0x1d), "WORKGROUP<1d>"},
		{"browse", enc("\x01\x02__MSBROWSE__\x02", 0x01), "<01><02>__MSBROWSE__<02><01>"},
		{"scope", enc("HOST", 0) + ".corp.example", "HOST<00>.corp.example"},
		{"control byte", enc("a\x01b", 0), "a<01>b<00>"},
		// an NBSTAT query's wildcard: "*" and fifteen NULs (tshark 4.0.17,
		// zeek smb_v2_only_non_zero_reserved1.pcap frame 129)
		{"wildcard", enc("*"+strings.Repeat("\x00", 14), 0), "*<00><00><00><00><00><00><00><00><00><00><00><00><00><00><00>"},
		{"odd length", "ABCDE", "Illegal NetBIOS name (odd number of bytes)"},
		{"short", "ABCD", "Illegal NetBIOS name (2 bytes long)"},
		// the rows below are from testdata/app/lab__nbns-names-crafted.pcap
		// read by tshark 4.0.17
		{"past P overflows", "ZZ" + enc("HOST", 0)[2:], "<99>OST<00>"},
		{"lower case first", "aA" + enc("HOST", 0)[2:], "Illegal NetBIOS name (1st character not between A and Z in first-level encoding)"},
		{"lower case second", "Aa" + enc("HOST", 0)[2:], "Illegal NetBIOS name (2nd character not between A and Z in first-level encoding)"},
		{"bad before odd", "abc", "Illegal NetBIOS name (1st character not between A and Z in first-level encoding)"},
		{"longer than 32", enc("HOST", 0) + "AB", "HOST<00>"},
		{"dot ends the name", "A.B", "Illegal NetBIOS name (odd number of bytes)"},
		{"root", "", "Illegal NetBIOS name (1st character not between A and Z in first-level encoding)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, _, _ := nbnsName(c.raw); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// FuzzProtoNBNS feeds arbitrary datagrams to the NBNS and SSDP parsers: no
// panic, tree ranges inside the datagram.
func FuzzProtoNBNS(f *testing.F) {
	// frame 2 of lab__nbns-crafted.pcap: a positive name query response
	f.Add(mustHex(f, "0001850000000001000000002045494550464445454143414341434143414341434143414341434143414341414100"+
		"0020000100000"+"12c000600000a000005"))
	f.Add([]byte("M-SEARCH * HTTP/1.1\r\nHost: [FF02::C]:1900\r\nST: upnp:rootdevice\r\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range []func(*PDU, *Out) bool{dissectNBNS, dissectSSDP} {
			var out Out
			out.reset(true)
			d(&PDU{Data: b, Len: len(b)}, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}
