package decode

import (
	"encoding/binary"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// cflowLab is the softflowd capture made by lab__cflow.sh: NetFlow v5,
// v9 and IPFIX export datagrams.
const cflowLab = "lab__cflow.pcap"

// TestCflowInfo checks the Info text of hand-built datagrams, each expected
// value as tshark 4.0.17 prints it for lab__cflow.pcap's datagrams of the
// same shape (frames 1, 3, 4, 6) or as packet-netflow.c's format strings
// build it (the singular forms, a partial IPFIX message, versions tshark
// does not take).
func TestCflowInfo(t *testing.T) {
	v5 := func(n int) []byte {
		b := make([]byte, cflowV5HeaderLen+n*cflowV5RecordLen)
		binary.BigEndian.PutUint16(b, 5)
		binary.BigEndian.PutUint16(b[2:], uint16(n))
		return b
	}
	v9 := func(n int, sets ...[]byte) []byte {
		b := make([]byte, cflowV9HeaderLen)
		binary.BigEndian.PutUint16(b, 9)
		binary.BigEndian.PutUint16(b[2:], uint16(n))
		binary.BigEndian.PutUint32(b[16:], 7)
		for _, s := range sets {
			b = append(b, s...)
		}
		return b
	}
	ipfix := func(sets ...[]byte) []byte {
		b := make([]byte, cflowIPFIXHeaderLen)
		binary.BigEndian.PutUint16(b, 10)
		binary.BigEndian.PutUint32(b[12:], 70000)
		for _, s := range sets {
			b = append(b, s...)
		}
		binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
		return b
	}
	set := func(id uint16, body ...byte) []byte {
		b := []byte{byte(id >> 8), byte(id), 0, 0}
		b = append(b, body...)
		binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
		return b
	}
	// template 300: IP_SRC_ADDR (8) 4 bytes, L4_SRC_PORT (7) 2 bytes
	tmpl := set(0, 0x01, 0x2c, 0, 2, 0, 8, 0, 4, 0, 7, 0, 2)
	data := set(300, 10, 0, 0, 1, 0, 80, 10, 0, 0, 2, 0, 81)
	// an IPFIX message whose length field says more than the datagram holds
	partial := ipfix(set(300, 1, 2, 3, 4))
	binary.BigEndian.PutUint16(partial[2:], 100)
	cases := []struct {
		name string
		b    []byte
		n    int // the datagram's length when the capture cut it; 0: len(b)
		info string
	}{
		{"v5, 29 flows", v5(29), 0, "total: 29 (v5) flows"},
		{"v5, one flow", v5(1), 0, "total: 1 (v5) flow"},
		{"v9 template and data", v9(2, tmpl, data), 0, "total: 2 (v9) records Obs-Domain-ID=    7 [Data-Template:300] [Data:300]"},
		{"v9 one record", v9(1, data), 0, "total: 1 (v9) record Obs-Domain-ID=    7 [Data:300]"},
		{"v9 counts sets", v9(1, data, data), 0, "total: 1 (v9) record Obs-Domain-ID=    7 [Data:300]"},
		{"ipfix", ipfix(set(2, 0x01, 0x2c, 0, 1, 0, 8, 0, 4), set(300, 1, 2, 3, 4)), 0, "IPFIX flow (  36 bytes) Obs-Domain-ID=70000 [Data-Template:300] [Data:300]"},
		{"ipfix partial", partial, 0, "IPFIX partial flow (24/100 bytes) Obs-Domain-ID=70000 [Data:300]"},
		{"version 3", []byte{0, 3, 0, 1}, 0, ""},
		{"one byte", []byte{0}, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, tree := range []bool{false, true} {
				n := c.n
				if n == 0 {
					n = len(c.b)
				}
				var out Out
				out.reset(tree)
				ok := cflowDissect(&PDU{Data: c.b, Len: n, Conv: &Conv{}, DstPort: 2055}, &out)
				if ok != (c.info != "") || ok && (out.Proto != "CFLOW" || out.Info() != c.info) {
					t.Errorf("tree %v: got %v %q %q, want CFLOW %q", tree, ok, out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(c.b))
			}
		})
	}
}

// cflowPDML is a PDML field with its show attribute, which is the label
// of a text line without a field name.
type cflowPDML struct {
	Name     string      `xml:"name,attr"`
	ShowName string      `xml:"showname,attr"`
	Show     string      `xml:"show,attr"`
	Pos      int         `xml:"pos,attr"`
	Size     int         `xml:"size,attr"`
	Fields   []cflowPDML `xml:"field"`
	Protos   []cflowPDML `xml:"proto"`
}

// TestCflowDetailsPDML compares every line of the CFLOW layer of each
// frame of lab__cflow.pcap (v5 records, v9 and IPFIX templates, options
// templates, data sets decoded with the templates of the same or an
// earlier datagram) with tshark 4.0.17's PDML, both ways: every line
// ladder shows is one PDML has at that offset with that label and size,
// and every PDML line with bytes is one ladder shows. Left out: tshark's
// flow sequence analysis (its expert item and generated lines), which
// compares sequence numbers across the exporters of the whole capture.
func TestCflowDetailsPDML(t *testing.T) {
	oracle.Require(t)
	file := "../testdata/app/" + cflowLab
	out := oracle.Run(t, "-n", "-r", file, "-T", "pdml")
	var doc struct {
		Packets []struct {
			Protos []cflowPDML `xml:"proto"`
		} `xml:"packet"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("PDML: %v", err)
	}
	x := loadAppCapture(t, cflowLab)
	w := NewAppWalker(x)
	if len(doc.Packets) != x.Len() {
		t.Fatalf("%d PDML packets, %d frames", len(doc.Packets), x.Len())
	}
	label := func(f cflowPDML) string {
		if f.ShowName != "" {
			// the sequence analysis's note, left out
			l, _, _ := strings.Cut(f.ShowName, " (expected ")
			return l
		}
		return f.Show
	}
	key := func(name, label string, pos, size int) string {
		return name + "|" + label + "|" + itoa(pos) + "|" + itoa(size)
	}
	for i, pk := range doc.Packets {
		want := map[string]int{}
		var walkP func(fs []cflowPDML)
		walkP = func(fs []cflowPDML) {
			for _, f := range fs {
				if f.Size > 0 && !strings.HasPrefix(f.Name, "_ws.") {
					want[key(f.Name, label(f), f.Pos, f.Size)]++
				}
				walkP(f.Fields)
			}
		}
		for _, p := range pk.Protos {
			if p.Name == "cflow" {
				want[key(p.Name, label(p), p.Pos, p.Size)]++
				walkP(p.Fields)
			}
		}
		res := w.At(i, true)
		got := map[string]int{}
		var walkL func(fs []Field)
		walkL = func(fs []Field) {
			for _, f := range fs {
				if f.Len > 0 && !strings.HasPrefix(f.Name, "_ws.") {
					got[key(f.Name, f.Label, f.Start, f.Len)]++
				}
				walkL(f.Children)
			}
		}
		walkL(res.Tree)
		for k, n := range got {
			if want[k] != n {
				t.Errorf("frame %d: ladder shows %d× %s, PDML %d×", i+1, n, k, want[k])
			}
		}
		for k, n := range want {
			if got[k] == 0 {
				t.Errorf("frame %d: PDML shows %d× %s, ladder none", i+1, n, k)
			}
		}
	}
}

// FuzzProtoCflow feeds arbitrary bytes to the dissector, twice in one
// conversation (so templates the first defines serve the second): no
// panic, every field inside the bytes. Seeded with lab__cflow.pcap's
// first v5, v9 and IPFIX datagrams' beginnings.
func FuzzProtoCflow(f *testing.F) {
	src, err := Open("../testdata/app/" + cflowLab)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { src.Close() })
	x := Load(src)
	var buf []byte
	for _, i := range []int{0, 2, 3, 5, 6} {
		data, err := x.Data(i, buf)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]byte(nil), data[42:]...))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		for i := range 2 {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				cflowDissect(&PDU{Data: b, Len: len(b), Frame: i, Conv: conv}, &out)
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
