package decode

import (
	"encoding/xml"
	"sort"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

const (
	dnp3TCPCapture = "../testdata/app/lab__dnp3-crafted.pcap"
	dnp3UDPCapture = "../testdata/app/lab__dnp3-crafted-udp.pcap"
	dnp3ObjCapture = "../testdata/app/lab__dnp3-crafted-objects.pcap"
)

// dnp3ALSource is why the application layer's fields are not at tshark's
// PDML offsets: packet-dnp.c builds the fragment (transport header and
// block CRCs removed, segments joined) as a data source of its own and
// PDML gives offsets in it. TestDNP3AppLayerAgainstPDML compares their
// labels instead.
const dnp3ALSource = "tshark places the application layer in the reassembled fragment's own data source; its labels are compared by TestDNP3AppLayerAgainstPDML"

// dnp3ALField tells the fields of the application layer.
func dnp3ALField(name string) bool {
	return strings.HasPrefix(name, "dnp3.al.") || name == "dnp3.ctl.op" || name == "dnp3.ctl.clr" || name == "dnp3.ctl.trip"
}

func init() {
	for _, file := range []string{"lab__dnp3-crafted.pcap", "lab__dnp3-crafted-udp.pcap", "lab__dnp3-crafted-objects.pcap"} {
		m := map[string]string{}
		for _, f := range dnp3.Fields {
			if dnp3ALField(f.Name) {
				m[f.Name] = dnp3ALSource
			}
		}
		for _, n := range []string{"dnp3.al.ana.int", "dnp3.al.ana.float", "dnp3.al.ana.double", "dnp3.al.anaout.int",
			"dnp3.al.anaout.float", "dnp3.al.anaout.double", "dnp3.al.timestamp", "dnp3.al.unknown_data_chunk", "dnp3.al.reltimestamp"} {
			m[n] = dnp3ALSource
		}
		for _, q := range []string{"biq", "boq", "aiq", "aoq", "ctrq"} {
			for i := range 8 {
				m["dnp3.al."+q+".b"+itoa(i)] = dnp3ALSource
			}
		}
		knownDetailDifferences[file] = m
	}
}

// TestDNP3AppLayerAgainstPDML holds the application layer's tree to
// tshark's: per frame, the (field name, label) pairs ladder shows under
// the application layer must be tshark's PDML ones for those names, as a
// multiset (the offsets are in tshark's fragment data source, see
// dnp3ALSource). Expected values: tshark -T pdml on the same captures.
func TestDNP3AppLayerAgainstPDML(t *testing.T) {
	oracle.Require(t)
	for _, file := range []string{dnp3TCPCapture, dnp3UDPCapture, dnp3ObjCapture} {
		out := oracle.Run(t, "-n", "-r", file, "-T", "pdml")
		var doc pdmlDoc
		if err := xml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("PDML: %v", err)
		}
		src, err := Open(file)
		if err != nil {
			t.Fatal(err)
		}
		idx := Load(src)
		if idx.Len() != len(doc.Packets) {
			t.Fatalf("%s: ladder has %d packets, tshark %d", file, idx.Len(), len(doc.Packets))
		}
		compared := 0
		var buf []byte
		for i := range idx.Len() {
			var fields []Field
			fields, buf, err = idx.Details(i, buf)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			var walk func(fs []Field)
			walk = func(fs []Field) {
				for _, f := range fs {
					if dnp3ALField(f.Name) && f.Name != "dnp3.al.frag_data" && !strings.HasPrefix(f.Name, "dnp3.al.fragment") {
						label := f.Label
						if strings.HasPrefix(label, "[") {
							label = strings.TrimSuffix(label[1:], "]")
						}
						got = append(got, f.Name+" = "+label)
					}
					walk(f.Children)
				}
			}
			walk(fields)
			var pwalk func(fs []pdmlField)
			pwalk = func(fs []pdmlField) {
				for _, f := range fs {
					if dnp3ALField(f.Name) && f.Name != "dnp3.al.frag_data" && !strings.HasPrefix(f.Name, "dnp3.al.fragment") {
						want = append(want, f.Name+" = "+f.ShowName)
					}
					pwalk(f.Fields)
					pwalk(f.Protos)
				}
			}
			pwalk(doc.Packets[i].Protos)
			sort.Strings(got)
			sort.Strings(want)
			if onlyGot, onlyWant := dnp3Diff(got, want); len(onlyGot)+len(onlyWant) > 0 {
				t.Errorf("%s frame %d: application layer differs\nonly ladder:\n  %s\nonly tshark:\n  %s", file, i+1, strings.Join(onlyGot, "\n  "), strings.Join(onlyWant, "\n  "))
			}
			compared += len(got)
		}
		src.Close()
		if compared == 0 {
			t.Fatalf("%s: no application-layer fields compared", file)
		}
		t.Logf("%s: %d application-layer fields equal to tshark's", file, compared)
	}
}

// dnp3Diff is what each sorted list holds that the other lacks.
func dnp3Diff(a, b []string) (onlyA, onlyB []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			onlyA = append(onlyA, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return onlyA, onlyB
}

// TestDNP3Columns dissects single DNP3 link frames of the lab captures (the
// TCP segment's or UDP datagram's payload); the expected Protocol and Info
// are tshark 4.0.17's on the same frames (tshark -r FILE -T fields -e
// _ws.col.Info). Among them: link-only frames, requests with their object
// names, a first transport segment left unreassembled, a data block with a
// bad CRC, a datagram cut short, a request with no objects (Malformed) and
// a header with a bad CRC (not DNP3: plain UDP); from
// lab__dnp3-crafted-objects.pcap a read whose second index tshark takes for
// the next object header (Malformed) and a write of two objects.
func TestDNP3Columns(t *testing.T) {
	cases := []struct {
		name string
		tcp  bool
		hex  string
		ok   bool
		info string
	}{
		{"tcp frame 4", true, "05640a4401000a006e25c0f08280006b7d", true, "Unsolicited Response"},
		{"tcp frame 6", true, "056408c40a000100fc42c0d0001b49", true, "Confirm"},
		{"tcp frame 8", true, "056405c90a000100feda", true, "from 1 to 10, len=5, Request Link Status"},
		{"tcp frame 10", true, "0564050b01000a006ded", true, "from 10 to 1, len=5, Status of Link"},
		{"tcp frame 11", true, "056405c00a000100b1ac", true, "from 1 to 10, len=5, Reset of Remote Link"},
		{"tcp frame 12", true, "0564050001000a002edd", true, "from 10 to 1, len=5, ACK"},
		{"tcp frame 13", true, "056411c40a0001000615c1c0153c02063c03063c0406fdb9", true, "Disable Spontaneous Messages"},
		{"tcp frame 15", true, "05640ec40a0001002529c2c102500100070700c5af", true, "Write, Internal Indications"},
		{"tcp frame 17", true, "056414c40a0001008fedc3c2013c02063c03063c04063c0106429e", true, "Read, Class 0123"},
		{"tcp frame 22", true, "056408c40a000100fc42c4c3178971", true, "Delay Measurement"},
		{"tcp frame 24", true, "056412c40a0001005686c5c4023201070169b1ed4ea2011478", true, "Write, Time and Date"},
		{"tcp frame 26", true, "05641ac40a0001008a1cc6c5050c0128010000000301640000008d960000000000ffff", true, "Direct Operate"},
		{"tcp frame 27", true, "05641c4401000a007636c6c58100000c01280100000003016400c20d00000000000000ffff", true, "Response"},
		{"tcp frame 32", true, "056412c40a0001005686c9c80529022801000000ee02001d04", true, "Direct Operate"},
		{"tcp frame 34", true, "05640bc40a000100acd1cac9011e01062049", true, "Read, Analog Input"},
		{"tcp frame 37", true, "0564ff4401000a005aeb4d2a8100001e01016400c70001e80300aa420001f203000001fc030000010604000061ee0110040000011a040000012404000001cfb62e04000001380400000142040000014c887804000001560400000160040000016a048aaa00000174040000017e04000001880400d5df000192040000019c04000001a6040000b23201b004000001ba04000001c404000001511cce04000001d804000001e204000001ec348a04000001f60400000100050000010a052f9f00000114050000011e05000001280500ee94000132050000013c050000014605000004c90150050000015a050000016405000001fecf6e05000001780500000182050000018c0a31050000019605000001a005000001aa05b94e000001b405000001be05e456", true, "from 10 to 1, len=255, Unconfirmed User Data (Application Layer Unreassembled fragment 13)"},
		{"tcp frame 46", true, "05640a4401000a006e25d3ca810000821a", true, "Response"},
		{"tcp frame 53", true, "056408c40a000100fc42d1cc0d8311", true, "Cold Restart"},
		{"tcp frame 54", true, "0564104401000a00c4e1d6cc8100003401070102000d32", true, "Response"},
		{"udp frame 1", false, "056405c90a000100feda", true, "from 1 to 10, len=5, Request Link Status"},
		{"udp frame 3", false, "05640bc40a000100acd1c0c0013c0106ff50", true, "Read, Class 0"},
		{"udp frame 4", false, "0564534401000a00e9dcc0c08100000102000003018101810a025a29000001018114010000010100000000018c19000000001e01010000020001d2040000a6510185ffffff21701101001e0500030301af340000ac41280100000001f4010000a672", true, "Response"},
		{"udp frame 7", false, "05640bc40a000100acd1c2c2013c0306a171", true, "from 1 to 10, len=11, Unconfirmed User Data"},
		{"udp frame 8", false, "056414c40a0001008fedc3c3013c01063c02063c03", true, "from 1 to 10, len=20, Unconfirmed User Data[Malformed Packet: length of contained item exceeds length of containing item]"},
		{"udp frame 9", false, "056405c90a00010001da", false, "58767 → 20000 Len=10"},
		{"udp frame 10", false, "056408c40a000100fc42c4c4053f28", true, "Direct Operate[Malformed Packet]"},
		{"udp frame 12", false, "05640a4401000a006e25c2c4810000bb72", true, "Response"},
		{"objects frame 1", false, "05640bc40a000100acd1d4c5013c0406ca56", true, "Read, Class 3"},
		{"objects frame 3", false, "056415c40a0001006858d5c6010100170203071e000100000900ce15", true, "Read, Binary Input, Unknown Object Type[Malformed Packet]"},
		{"objects frame 5", false, "056418c40a0001003d3ad6c70232010701fa20114fa201500100d159070700b634", true, "Write, Time and Date, Internal Indications"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{TCP: c.tcp, Conv: &Conv{}}, dnp3.Dissect, c.ok, "DNP 3.0", c.info)
		})
	}
}

// TestDNP3FrameLen checks get_dnp3_message_len's arithmetic: the header,
// the user data and a CRC per started 16-byte block (IEEE 1815 §9.2).
func TestDNP3FrameLen(t *testing.T) {
	for _, c := range []struct {
		l    byte
		want int
	}{{5, 10}, {6, 13}, {21, 28}, {22, 31}, {255, 292}, {0, 5}} {
		if got := dnp3FrameLen(c.l); got != c.want {
			t.Errorf("length %d: frame of %d bytes, want %d", c.l, got, c.want)
		}
	}
	// CRC-16/DNP's check value (the CRC catalogue's, of "123456789")
	if got := dnp3CRC([]byte("123456789")); got != 0xea82 {
		t.Errorf("CRC-16/DNP check: %#04x, want 0xea82", got)
	}
}

// FuzzProtoDNP3 feeds arbitrary bytes to the DNP3 dissector as a TCP PDU
// and as a UDP datagram, with and without the tree: no panic, every field
// inside the bytes. Seeded with the payloads of the lab captures.
func FuzzProtoDNP3(f *testing.F) {
	for _, name := range []string{"lab__dnp3-crafted.pcap", "lab__dnp3-crafted-udp.pcap", "lab__dnp3-crafted-objects.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tcp := range []bool{false, true} {
			conv := &Conv{}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1, TCP: tcp, Conv: conv}
				if dnp3.Dissect(&p, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
	})
}
