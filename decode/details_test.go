package decode

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// pdmlField is one <proto> or <field> element of tshark's PDML output: the
// oracle for the details tree's field names, byte ranges and labels.
type pdmlField struct {
	Name     string      `xml:"name,attr"`
	ShowName string      `xml:"showname,attr"`
	Pos      int         `xml:"pos,attr"`
	Size     int         `xml:"size,attr"`
	Hide     string      `xml:"hide,attr"`
	Fields   []pdmlField `xml:"field"`
}

type pdmlPacket struct {
	Protos []pdmlField `xml:"proto"`
}

type pdmlDoc struct {
	Packets []pdmlPacket `xml:"packet"`
}

// flattenPDML indexes a packet's PDML fields by "name@pos".
func flattenPDML(fs []pdmlField, into map[string][]pdmlField) {
	for _, f := range fs {
		into[f.Name+"@"+itoa(f.Pos)] = append(into[f.Name+"@"+itoa(f.Pos)], f)
		flattenPDML(f.Fields, into)
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// labelChecked lists fields whose label must equal tshark's showname
// exactly (after removing the brackets Wireshark puts around generated
// fields, which PDML omits). Other named fields are checked for byte range
// only: their labels summarise what tshark spreads over more lines.
var labelChecked = map[string]bool{
	"frame": true, "frame.number": true, "frame.len": true, "frame.cap_len": true, "frame.time_epoch": true,
	"eth": true, "eth.dst": true, "eth.src": true, "eth.type": true,
	"ip": true, "ip.version": true, "ip.hdr_len": true, "ip.dsfield": true, "ip.dsfield.dscp": true, "ip.dsfield.ecn": true,
	"ip.len": true, "ip.id": true, "ip.flags": true, "ip.flags.rb": true, "ip.flags.df": true, "ip.flags.mf": true,
	"ip.frag_offset": true, "ip.ttl": true, "ip.proto": true, "ip.checksum": true, "ip.src": true, "ip.dst": true,
	"ipv6": true, "ipv6.version": true, "ipv6.tclass": true, "ipv6.flow": true, "ipv6.plen": true, "ipv6.nxt": true,
	"ipv6.hlim": true, "ipv6.src": true, "ipv6.dst": true,
	"tcp": true, "tcp.srcport": true, "tcp.dstport": true, "tcp.stream": true, "tcp.len": true, "tcp.seq": true,
	"tcp.seq_raw": true, "tcp.ack": true, "tcp.ack_raw": true, "tcp.hdr_len": true, "tcp.flags": true,
	"tcp.flags.res": true, "tcp.flags.ae": true, "tcp.flags.cwr": true, "tcp.flags.ece": true, "tcp.flags.urg": true,
	"tcp.flags.ack": true, "tcp.flags.push": true, "tcp.flags.reset": true, "tcp.flags.syn": true, "tcp.flags.fin": true,
	"tcp.flags.str": true, "tcp.window_size_value": true, "tcp.window_size": true, "tcp.checksum": true,
	"tcp.urgent_pointer": true, "tcp.options": true, "tcp.options.mss": true, "tcp.options.mss_val": true,
	"tcp.options.nop": true, "tcp.options.sack_perm": true, "tcp.options.timestamp.tsval": true,
	"tcp.options.timestamp.tsecr": true, "tcp.options.wscale.shift": true, "tcp.options.wscale.multiplier": true,
	"tcp.option_kind": true, "tcp.option_len": true, "tcp.payload": true,
	"udp": true, "udp.srcport": true, "udp.dstport": true, "udp.length": true, "udp.stream": true,
	"arp.opcode": true, "arp.src.hw_mac": true, "arp.src.proto_ipv4": true, "arp.dst.hw_mac": true,
	"arp.dst.proto_ipv4": true, "arp.hw.size": true, "arp.proto.size": true,
}

// TestDetailsAgainstPDML compares the details tree of every packet in a few
// captures (raw IP, Ethernet, IPv6, ARP/UDP/ICMP) with tshark's PDML for the
// same file: every named field must exist in tshark's tree at the same
// offset with the same size, and the fields in labelChecked must read the same.
func TestDetailsAgainstPDML(t *testing.T) {
	oracle.Require(t)
	files := []string{
		"../testdata/lab/seed.pcap",
		"../testdata/lab/seed-v6.pcap",
		"../testdata/lab/abort-client-eth.pcap",
		"../testdata/lab/refused-v6.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap",
		"../testdata/corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap",
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			out := oracle.Run(t, "-n", "-r", file, "-T", "pdml", "-o", "tcp.analyze_sequence_numbers:TRUE")
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
			if idx.Len() != len(doc.Packets) {
				t.Fatalf("ladder has %d packets, tshark %d", idx.Len(), len(doc.Packets))
			}
			var buf []byte
			checked, mismatched := 0, 0
			for i := range idx.Len() {
				var fields []Field
				fields, buf, err = idx.Details(i, buf)
				if err != nil {
					t.Fatalf("frame %d: %v", i+1, err)
				}
				want := map[string][]pdmlField{}
				flattenPDML(doc.Packets[i].Protos, want)
				var walk func(fs []Field)
				walk = func(fs []Field) {
					for _, f := range fs {
						walk(f.Children)
						if f.Name == "" || strings.HasPrefix(f.Name, "_ws") || f.Name == "raw" {
							continue
						}
						checked++
						cands := want[f.Name+"@"+itoa(f.Start)]
						if len(cands) == 0 {
							mismatched++
							if mismatched <= 20 {
								t.Errorf("frame %d: %s at %d (%q) not in tshark's tree", i+1, f.Name, f.Start, f.Label)
							}
							continue
						}
						ok := false
						var got []string
						for _, c := range cands {
							label := f.Label
							if strings.HasPrefix(label, "[") {
								label = strings.TrimSuffix(label[1:], "]")
							}
							sizeOK := f.Len == 0 || c.Size == f.Len
							if sizeOK && (!labelChecked[f.Name] || c.ShowName == label) {
								ok = true
							}
							got = append(got, c.ShowName+" size "+itoa(c.Size))
						}
						if !ok {
							mismatched++
							if mismatched <= 20 {
								t.Errorf("frame %d: %s at %d: ladder %q size %d, tshark %q", i+1, f.Name, f.Start, f.Label, f.Len, got)
							}
						}
					}
				}
				walk(fields)
			}
			if checked == 0 {
				t.Fatal("no fields compared")
			}
			t.Logf("%d fields compared, %d differ", checked, mismatched)
		})
	}
}

// TestDissectHostile feeds truncated and garbage packets to the details
// decoder: it must never read outside the bytes nor panic, and every byte
// range it reports must lie inside the captured bytes.
func TestDissectHostile(t *testing.T) {
	full := []byte{
		0x45, 0x00, 0x00, 0x3c, 0xa5, 0x1f, 0x40, 0x00, 0x40, 0x06, 0x81, 0x00, 10, 77, 0, 1, 10, 77, 0, 2,
		0xc3, 0x9e, 0x01, 0xbb, 0xbc, 0x77, 0x8d, 0x36, 0, 0, 0, 0, 0xa0, 0x02, 0xfa, 0xf0, 0xe7, 0x0f, 0, 0,
		2, 4, 5, 0xb4, 4, 2, 8, 10, 0x1b, 0x16, 0x4a, 0x42, 0, 0, 0, 0, 1, 3, 3, 10,
	}
	links := []uint16{LinkRaw, LinkEthernet, LinkNull, LinkLinuxSLL, LinkSLL2, LinkNFLog, 9999}
	for _, link := range links {
		for n := 0; n <= len(full); n++ {
			for _, mut := range []func([]byte){func([]byte) {}, func(b []byte) {
				for i := range b {
					b[i] ^= 0xff
				}
			}} {
				b := append([]byte(nil), full[:n]...)
				mut(b)
				var check func(fs []Field)
				check = func(fs []Field) {
					for _, f := range fs {
						if f.Start < 0 || f.Len < 0 || f.Start+f.Len > len(b) {
							t.Fatalf("link %d, %d bytes: %s range %d+%d outside the packet", link, n, f.Name, f.Start, f.Len)
						}
						check(f.Children)
					}
				}
				check(dissect(link, b, uint32(len(full)), tcpContext{stream: -1}))
			}
		}
	}
}
