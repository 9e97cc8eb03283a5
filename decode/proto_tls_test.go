package decode

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// tlsRun feeds records to the TLS dissector as the AppWalker would: one
// packet per element, each packet's records in order, and returns each
// packet's Protocol and Info columns.
func tlsRun(t *testing.T, packets [][][]byte, dirs []uint8) [][2]string {
	t.Helper()
	conv := &Conv{}
	var cols [][2]string
	for i, recs := range packets {
		var out Out
		out.reset(true)
		for _, r := range recs {
			if n := tlsPDULen(conv, dirs[i], r); n != len(r) {
				t.Fatalf("packet %d: PDULen %d for a record of %d bytes", i, n, len(r))
			}
			p := &PDU{Data: r, Len: len(r), Off: 0, Frame: i, Segments: []int{i}, Dir: dirs[i],
				SrcPort: 50000, DstPort: 443, TCP: true, Conv: conv}
			if dirs[i] == 1 {
				p.SrcPort, p.DstPort = 443, 50000
			}
			dissectTLS(p, &out)
		}
		cols = append(cols, [2]string{out.Proto, out.Info()})
	}
	return cols
}

// hs builds a TLS record of content type ct, record version v.
func tlsRec(ct byte, v uint16, body ...byte) []byte {
	return append([]byte{ct, byte(v >> 8), byte(v), byte(len(body) >> 8), byte(len(body))}, body...)
}

// tlsMsg builds a handshake message.
func tlsMsg(typ byte, body ...byte) []byte {
	return append([]byte{typ, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
}

// tlsServerHelloBody is a Server Hello with legacy version 1.2, a zero
// random (or the HRR one), no session id, TLS_AES_128_GCM_SHA256 and a
// supported_versions extension choosing v (RFC 8446, section 4.1.3).
func tlsServerHelloBody(v uint16, hrr bool) []byte {
	b := []byte{0x03, 0x03}
	rnd := make([]byte, 32)
	if hrr {
		copy(rnd, tlsHRRRandom[:])
	}
	b = append(b, rnd...)
	b = append(b, 0, 0x13, 0x01, 0, 0, 6, 0, 43, 0, 2, byte(v>>8), byte(v))
	return b
}

func TestTLSColumns(t *testing.T) {
	ch := tlsRec(22, 0x0301, tlsMsg(1, make([]byte, 40)...)...)
	sh13 := tlsRec(22, 0x0303, tlsMsg(2, tlsServerHelloBody(0x0304, false)...)...)
	hrr := tlsRec(22, 0x0303, tlsMsg(2, tlsServerHelloBody(0x0304, true)...)...)
	ccs := tlsRec(20, 0x0303, 1)
	app := tlsRec(23, 0x0303, make([]byte, 30)...)
	alert := tlsRec(21, 0x0303, 2, 40)
	encAlert := tlsRec(21, 0x0303, make([]byte, 26)...)
	encHS := tlsRec(22, 0x0303, append([]byte{0, 0, 0, 0, 0, 0, 0, 0}, make([]byte, 32)...)...)
	garbage := []byte{0x42, 0x03, 0x03, 0x00, 0x10, 1, 2, 3}
	cert := tlsMsg(11, make([]byte, 100)...)
	for _, tc := range []struct {
		name    string
		packets [][][]byte
		dirs    []uint8
		want    [][2]string
	}{
		{"client hello names its record version", [][][]byte{{ch}}, []uint8{0}, [][2]string{{"TLSv1", "Client Hello"}}},
		{"server hello's supported_versions sets TLS 1.3",
			[][][]byte{{ch}, {sh13, ccs, app}, {app}}, []uint8{0, 1, 0},
			[][2]string{{"TLSv1", "Client Hello"}, {"TLSv1.3", "Server Hello, Change Cipher Spec, Application Data"}, {"TLSv1.3", "Application Data"}}},
		{"hello retry request", [][][]byte{{ch}, {hrr, ccs}}, []uint8{0, 1},
			[][2]string{{"TLSv1", "Client Hello"}, {"TLSv1.3", "Hello Retry Request, Change Cipher Spec"}}},
		{"alert in clear fixes the version", [][][]byte{{ch}, {alert}}, []uint8{0, 1},
			[][2]string{{"TLSv1", "Client Hello"}, {"TLSv1.2", "Alert (Level: Fatal, Description: Handshake Failure)"}}},
		{"encrypted alert", [][][]byte{{encAlert}}, []uint8{0}, [][2]string{{"TLSv1.2", "Encrypted Alert"}}},
		{"handshake after an explicit zero nonce is encrypted", [][][]byte{{ccs, encHS}}, []uint8{0},
			[][2]string{{"TLSv1.2", "Change Cipher Spec, Encrypted Handshake Message"}}},
		{"unknown record in a TLS 1.2 session is ignored", [][][]byte{{app}, {garbage}}, []uint8{0, 0},
			[][2]string{{"TLSv1.2", "Application Data"}, {"TLSv1.2", "Ignored Unknown Record"}}},
		{"unknown bytes in a TLS 1.3 session are continuation data", [][][]byte{{ch}, {sh13}, {garbage}}, []uint8{0, 1, 1},
			[][2]string{{"TLSv1", "Client Hello"}, {"TLSv1.3", "Server Hello"}, {"TLSv1.3", "Continuation Data"}}},
		{"handshake message over two records",
			[][][]byte{{tlsRec(22, 0x0303, cert[:50]...)}, {tlsRec(22, 0x0303, cert[50:]...)}}, []uint8{1, 1},
			[][2]string{{"TLSv1.2", "[Certificate Fragment]"}, {"TLSv1.2", "Certificate"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tlsRun(t, tc.packets, tc.dirs)
			for i := range tc.want {
				if got[i] != tc.want[i] {
					t.Errorf("packet %d: got %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestTLSPDULen(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    []byte
		want int
	}{
		{"header incomplete", []byte{22, 3, 1, 0}, 0},
		{"record", []byte{22, 3, 1, 0x02, 0x00, 1}, 5 + 512},
		{"sslv2 client hello, 2-byte header", []byte{0x80, 0x2e, 0x01, 0x03, 0x01}, 2 + 0x2e},
		{"not a record: the rest is continuation data", []byte{1, 2, 3, 4, 5, 6, 7}, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tlsPDULen(&Conv{}, 0, tc.b); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}

// TestTLSNamesFlowAndFields checks the SNI names the flow and the filter
// fields carry the values tshark shows for the Client Hello of
// client-certificate.pcap (tshark -T pdml, frame 4).
func TestTLSNamesFlowAndFields(t *testing.T) {
	src, err := Open("../testdata/app/zeek__zeek__testing__btest__Traces__tls__client-certificate.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	idx := Load(src)
	w := NewAppWalker(idx)
	r := w.At(3, true)
	if r.Proto != "TLSv1" || r.Info != "Client Hello" || r.Name != "certauth.idrix.fr" {
		t.Fatalf("frame 4: %q %q name %q", r.Proto, r.Info, r.Name)
	}
	want := map[string]string{
		"tls.handshake.extensions_server_name": "certauth.idrix.fr",
		"tls.handshake.extensions_alpn_str":    "h2",
	}
	found := map[string]bool{}
	var walk func(fs []Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			if v, ok := want[f.Name]; ok && f.Str == v && !found[f.Name] {
				found[f.Name] = true
			}
			if f.Name == "tls.handshake.type" && f.Num != 1 {
				t.Errorf("tls.handshake.type = %d", f.Num)
			}
			if f.Name == "tls.handshake.extensions_server_name" && f.Start != 191 {
				t.Errorf("server name at %d, tshark 191", f.Start)
			}
			walk(f.Children)
		}
	}
	walk(r.Tree)
	for k := range want {
		if !found[k] {
			t.Errorf("%s = %q not in the tree", k, want[k])
		}
	}
}

// TestTLSDetailsAgainstPDML compares every TLS and X.509 field ladder puts
// in the tree of a few captures with tshark's PDML: same name at the same
// offset with the same size and label. Fields of PDUs reassembled from
// several segments have no bytes in the packet (Len 0) and are skipped.
func TestTLSDetailsAgainstPDML(t *testing.T) {
	oracle.Require(t)
	for _, file := range []string{
		"../testdata/app/zeek__zeek__testing__btest__Traces__tls__client-certificate.pcap",
		"../testdata/app/zeek__zeek__testing__btest__Traces__tls__hrr.pcap",
		"../testdata/app/zeek__zeek__testing__btest__Traces__tls__tls1_1.pcap",
		"../testdata/app/seladb__PcapPlusPlus__Tests__Packet++Test__PacketExamples__SSL-MultipleRecords3.pcap",
	} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			out := oracle.Run(t, "-n", "-r", file, "-T", "pdml")
			var doc pdmlDoc
			if err := xml.Unmarshal([]byte(strings.ReplaceAll(out, "\x00", "")), &doc); err != nil {
				t.Fatalf("PDML: %v", err)
			}
			src, err := Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			idx := Load(src)
			var buf []byte
			checked := 0
			for i := range idx.Len() {
				var fields []Field
				fields, buf, err = idx.Details(i, buf)
				if err != nil {
					t.Fatal(err)
				}
				want := map[string][]pdmlField{}
				flattenPDML(doc.Packets[i].Protos, want)
				var walk func(fs []Field)
				walk = func(fs []Field) {
					for _, f := range fs {
						walk(f.Children)
						if f.Len == 0 || !(strings.HasPrefix(f.Name, "tls.") || strings.HasPrefix(f.Name, "x509")) {
							continue
						}
						checked++
						ok := false
						var got []string
						for _, c := range want[f.Name+"@"+itoa(f.Start)] {
							if c.Size == f.Len && c.ShowName == f.Label {
								ok = true
							}
							got = append(got, c.ShowName+" size "+itoa(c.Size))
						}
						if !ok {
							t.Errorf("frame %d: %s at %d: ladder %q size %d, tshark %q", i+1, f.Name, f.Start, f.Label, f.Len, got)
						}
					}
				}
				walk(fields)
			}
			if checked == 0 {
				t.Fatal("no TLS field compared")
			}
			t.Logf("%d fields compared", checked)
		})
	}
}

// FuzzProtoTLS feeds random bytes to the TLS dissector as one stream of
// records: no panic, every PDU length within the bytes or asking for more.
func FuzzProtoTLS(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/app/*tls*")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil && len(b) > 100 {
			f.Add(b[100:min(len(b), 2000)])
		}
	}
	f.Add(tlsRec(22, 0x0303, tlsMsg(2, tlsServerHelloBody(0x0304, true)...)...))
	f.Add([]byte{0x80, 0x2e, 0x01, 0x03, 0x01, 0, 3, 0, 0, 0, 32})
	f.Fuzz(func(t *testing.T, b []byte) {
		whole := b
		conv := &Conv{}
		var out Out
		for frame := 0; len(b) > 0 && frame < 1000; frame++ {
			out.reset(true)
			n := tlsPDULen(conv, uint8(frame&1), b)
			if n <= 0 || n > len(b) {
				n = len(b)
			}
			p := &PDU{Data: b[:n], Len: n, Off: 0, Frame: frame, Segments: []int{frame}, Dir: uint8(frame & 1),
				SrcPort: 443, DstPort: 1234, TCP: true, Conv: conv}
			dissectTLS(p, &out)
			_ = Printable(out.Info())
			b = b[n:]
		}
		// the same bytes as a segment the capture cut short: whatever
		// length the segment claims, nothing is read past what is there
		for _, claimed := range []int{len(whole), len(whole) + 1, len(whole) + 1460} {
			out.reset(true)
			tlsTruncated(&PDU{Data: whole, Len: claimed, Off: 0, Frame: 1, Segments: []int{1}, TCP: true, Conv: conv}, &out)
		}
	})
}
