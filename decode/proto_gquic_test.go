package decode

import (
	"bytes"
	"testing"
)

// TestGQUICHeuristic checks dissect_gquic_heur's rules.
func TestGQUICHeuristic(t *testing.T) {
	q043 := append([]byte{0x0d, 1, 2, 3, 4, 5, 6, 7, 8, 'Q', '0', '4', '3'}, make([]byte, 8)...)
	tests := []struct {
		name string
		b    []byte
		want bool
	}{
		{"Q043 with version and CID", q043, true},
		{"no version flag", append([]byte{0x0c}, q043[1:]...), false},
		{"no CID flag", append([]byte{0x05}, q043[1:]...), false},
		{"Q050 is not gQUIC's header", append(append([]byte{0x0d}, q043[1:9]...), 'Q', '0', '5', '0'), false},
		{"Q046 long header", append([]byte{0xc3, 'Q', '0', '4', '6', 0x50}, make([]byte, 16)...), true},
		{"Q047 long header", append([]byte{0xc3, 'Q', '0', '4', '7', 0x50}, make([]byte, 16)...), false},
		{"too short", q043[:12], false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := gquicHeuristic(tc.b); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestGQUICClientHello checks a real Q043 CHLO (the nokia capture's first
// packet; tshark: "Client Hello, PKN: 1, CID: 2331346375917056069", SNI
// youtubei.googleapis.com in gquic.tag.sni) and that the flow is named.
func TestGQUICClientHello(t *testing.T) {
	src, err := Open("../testdata/app/nokia__pcaptoparquet__tests__data__00_functional__05_applications__30.gquic.pcap.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	x.Wait()
	res := NewAppWalker(x).At(0, true)
	if res.Proto != "GQUIC" || res.Info != "Client Hello, PKN: 1, CID: 2331346375917056069" {
		t.Errorf("got %s | %q", res.Proto, res.Info)
	}
	for _, c := range []struct{ name, label, str string }{
		{"gquic.version", "Version: Q043", "Q043"},
		{"gquic.tag", "Tag: CHLO (Client Hello)", "CHLO"},
		{"gquic.tag.sni", "Server Name Indication: youtubei.googleapis.com", "youtubei.googleapis.com"},
	} {
		f := findField(res.Tree, c.name)
		if f == nil || f.Label != c.label || f.Str != c.str {
			t.Errorf("%s: %+v", c.name, f)
		}
	}
	if f := findField(res.Tree, "gquic.cid"); f == nil || f.Num != 2331346375917056069 || f.Start != 43 || f.Len != 8 {
		t.Errorf("gquic.cid %+v (PDML: pos 43 size 8)", f)
	}
	if res.Name != "youtubei.googleapis.com" {
		t.Errorf("flow name %q", res.Name)
	}
}

// FuzzProtoGQUIC feeds up to four datagrams of one conversation to the
// gQUIC dissector, seeded with the real packets of testdata/app.
func FuzzProtoGQUIC(f *testing.F) {
	for _, file := range []string{
		"../testdata/app/nokia__pcaptoparquet__tests__data__00_functional__05_applications__30.gquic.pcap.gz",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__gquic.pcap",
	} {
		ps := udpPayloads(f, file)
		for i := 0; i < len(ps) && i < 6; i++ {
			f.Add(ps[i], uint16(443))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte, port uint16) {
		conv := &Conv{}
		var out Out
		for i, d := range bytes.SplitN(b, []byte{0xff, 0xfe, 0xfd}, 4) {
			out.reset(true)
			p := PDU{Data: d, Len: len(d), Conv: conv, Dir: uint8(i & 1), SrcPort: port, DstPort: 443}
			if i&1 == 1 {
				p.SrcPort, p.DstPort = 443, port
			}
			dissectGQUIC(&p, &out)
			checkTree(t, out.Tree, len(d))
		}
	})
}
