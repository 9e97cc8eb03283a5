package decode

import (
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"strings"
	"testing"
)

// dnsUDPResponse is frame 2 of testdata/app/the-tcpdump-group__tcpdump__tests__dns_udp.pcap
// (the UDP payload): tshark 4.0 shows it as "Standard query response 0x5934 A www.tcpdump.org
// A 192.139.46.66 A 198.199.88.104 NS sns.cooperix.net NS nic.sandelman.ca A 209.87.249.18
// AAAA 2607:f0b0:f::babe:f00d A 97.107.133.15 AAAA 2600:3c03::f03c:91ff:fe96:e8ef OPT".
const dnsUDPResponse = "593485000001000200020005037777770774637064756d70036f72670000010001c00c000100010000003c0004c08b2e42" +
	"c00c000100010000003c0004c6c75868c0100002000100015180001203736e7308636f6f7065726978036e657400c01000020001" +
	"000151800012036e69630973616e64656c6d616e02636100c06b000100010000012c0004d157f912c06b001c00010000012c0010" +
	"2607f0b0000f000000000000babef00dc04d0001000100001c200004616b850fc04d001c000100001c20001026003c0300000000" +
	"f03c91fffe96e8ef0000291000000000000000"

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func dnsInfo(msg []byte, v dnsVariant, tcp bool) (string, []Field) {
	var out Out
	out.reset(true)
	data := msg
	if tcp {
		data = binary.BigEndian.AppendUint16(nil, uint16(len(msg)))
		data = append(data, msg...)
	}
	dissectDNS(&PDU{Data: data, Len: len(data), TCP: tcp}, &out, v)
	return out.Info(), out.Tree
}

// TestDNSInfo checks Info texts against tshark 4.0 on the same bytes (the
// messages are frames of testdata/app captures or hand-built; each case says
// which).
func TestDNSInfo(t *testing.T) {
	hdr := func(id, flags, qd, an int) string {
		b := binary.BigEndian.AppendUint16(nil, uint16(id))
		b = binary.BigEndian.AppendUint16(b, uint16(flags))
		b = binary.BigEndian.AppendUint16(b, uint16(qd))
		b = binary.BigEndian.AppendUint16(b, uint16(an))
		return hex.EncodeToString(append(b, 0, 0, 0, 0))
	}
	const exA = "02657803636f6d0000010001" // ex.com, type A, class IN
	cases := []struct {
		name string
		msg  string
		v    dnsVariant
		tcp  bool
		want string
	}{
		{"dns_udp frame 2", dnsUDPResponse, dnsUnicast, false, "Standard query response 0x5934 A www.tcpdump.org A 192.139.46.66 A 198.199.88.104 NS sns.cooperix.net NS nic.sandelman.ca A 209.87.249.18 AAAA 2607:f0b0:f::babe:f00d A 97.107.133.15 AAAA 2600:3c03::f03c:91ff:fe96:e8ef OPT"},
		{"same over TCP", dnsUDPResponse, dnsUnicast, true, "Standard query response 0x5934 A www.tcpdump.org A 192.139.46.66 A 198.199.88.104 NS sns.cooperix.net NS nic.sandelman.ca A 209.87.249.18 AAAA 2607:f0b0:f::babe:f00d A 97.107.133.15 AAAA 2600:3c03::f03c:91ff:fe96:e8ef OPT"},
		{"cut inside the first answer's address (crafted frame 133)", dnsUDPResponse[:2*(33+12)], dnsUnicast, false, "Standard query response 0x5934 A www.tcpdump.org A[Malformed Packet]"},
		{"counts only", dnsUDPResponse[:10], dnsUnicast, false, "Standard query response 0x5934[Malformed Packet]"},
		{"one byte (crafted t3 frame 5)", "00", dnsUnicast, false, "[Malformed Packet]"},
		{"No such name (crafted frame 88)", hdr(0x203, 0x8183, 1, 0) + exA, dnsUnicast, false, "Standard query response 0x0203 No such name A ex.com"},
		{"unknown rcode", hdr(0x20c, 0x818c, 1, 0) + exA, dnsUnicast, false, "Standard query response 0x020c Unknown error (12) A ex.com"},
		{"unknown opcode", hdr(0x303, 0x0100|3<<11, 1, 0) + exA, dnsUnicast, false, "Unknown operation (3) 0x0303 A ex.com"},
		{"pointer to itself (crafted frame 136)", hdr(0x401, 0x100, 1, 0) + "c00c00010001", dnsUnicast, false, "Standard query 0x0401 A <Name contains a pointer that loops>"},
		{"pointer past the end (crafted frame 145)", hdr(0x40a, 0x100, 1, 0) + "c04000010001", dnsUnicast, false, "Standard query 0x040a[Malformed Packet]"},
		{"question count beyond the data (crafted frame 138)", hdr(0x403, 0x100, 3, 0) + exA, dnsUnicast, false, "Standard query 0x0403 A ex.com[Malformed Packet]"},
		{"control byte in a label (crafted frame 139)", hdr(0x404, 0x100, 1, 0) + "0361016200" + "00010001", dnsUnicast, false, `Standard query 0x0404 A a\001b`},
		{"mDNS QU question (crafted t3 frame 9)", hdr(0, 0, 1, 0) + "0168056c6f63616c0000018001", dnsMulticast, false, `Standard query 0x0000 A h.local, "QU" question`},
		{"mDNS cache flush (crafted t3 frame 8)", hdr(0, 0x8400, 0, 1) + "0168056c6f63616c00000180010000003c00040a000007", dnsMulticast, false, "Standard query response 0x0000 A, cache flush 10.0.0.7"},
		{"LLMNR (crafted t3 frame 11)", hdr(0x55, 0x8000, 1, 1) + "0477706164000001000104777061640000010001" + "0000003c00040a000007", dnsLinkLocal, false, "Standard query response 0x0055 A wpad A 10.0.0.7"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := dnsInfo(mustHex(t, c.msg), c.v, c.tcp)
			if got != c.want {
				t.Errorf("Info\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestDNSNames checks name reading against tshark 4.0's dns.qry.name and
// dns.qry.name.len on the crafted capture's questions.
func TestDNSNames(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	label := func(s string) string { return hex.EncodeToString(append([]byte{byte(len(s))}, s...)) }
	cases := []struct {
		name, wire, text string
		used             int
		ok               bool
	}{
		{"root", "00", "<Root>", 1, true},
		{"plain", "037777770774637064756d70036f726700", "www.tcpdump.org", 17, true},
		{"253 characters", label(long(63)) + label(long(63)) + label(long(63)) + label(long(61)) + "00", long(63) + "." + long(63) + "." + long(63) + "." + long(61), 255, true},
		{"254 characters", label(long(63)) + label(long(63)) + label(long(63)) + label(long(62)) + "00", "<Name too long>", 256, true},
		{"escapes", "0361096203" + hex.EncodeToString([]byte("\x1b[m")) + "017f02c28500", `a\tb.\033[m.\177.\u0085`, 14, true},
		{"invalid UTF-8", "02fffe00", "\ufffd\ufffd", 4, true},
		{"dot and backslash kept", "03612e62" + "03785c79" + "00", `a.b.x\y`, 9, true},
		{"label past the end", "0561", "", 0, false},
		{"extended label type", "416100", "", 0, false},
		{"pointer loop", "c000", "<Name contains a pointer that loops>", 2, true},
		{"label then loop", "026162c000", "<Name contains a pointer that loops>", 5, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			nm, used, ok := readDNSName(mustHex(t, c.wire), 0)
			if ok != c.ok || (ok && (nm.text != c.text || used != c.used)) {
				t.Errorf("got %q used %d ok %v; want %q used %d ok %v", nm.text, used, ok, c.text, c.used, c.ok)
			}
		})
	}
}

// TestDNSResolves checks the name resolutions of the dns_udp response:
// tshark 4.0 -N d -q -z hosts (resolve from captured DNS) names 192.139.46.66 and
// 198.199.88.104 www.tcpdump.org, 209.87.249.18 and 2607:f0b0:f::babe:f00d
// nic.sandelman.ca, 97.107.133.15 and 2600:3c03::f03c:91ff:fe96:e8ef
// sns.cooperix.net (answer and additional records alike).
func TestDNSResolves(t *testing.T) {
	msg := mustHex(t, dnsUDPResponse)
	var out Out
	out.reset(false)
	dissectDNS(&PDU{Data: msg, Len: len(msg)}, &out, dnsUnicast)
	want := []NameAddr{
		{netip.MustParseAddr("192.139.46.66"), "www.tcpdump.org"},
		{netip.MustParseAddr("198.199.88.104"), "www.tcpdump.org"},
		{netip.MustParseAddr("209.87.249.18"), "nic.sandelman.ca"},
		{netip.MustParseAddr("2607:f0b0:f::babe:f00d"), "nic.sandelman.ca"},
		{netip.MustParseAddr("97.107.133.15"), "sns.cooperix.net"},
		{netip.MustParseAddr("2600:3c03::f03c:91ff:fe96:e8ef"), "sns.cooperix.net"},
	}
	if len(out.resolved) != len(want) {
		t.Fatalf("got %v, want %v", out.resolved, want)
	}
	for i := range want {
		if out.resolved[i] != want[i] {
			t.Errorf("%d: got %v, want %v", i, out.resolved[i], want[i])
		}
	}
	out.reset(false)
	dissectDNS(&PDU{Data: msg[:47], Len: 47}, &out, dnsUnicast)
	if len(out.resolved) != 0 {
		t.Errorf("cut before the first address: got %v", out.resolved)
	}
}

func TestSecondsText(t *testing.T) {
	for _, c := range []struct {
		s    uint32
		want string
	}{{0, "0 seconds"}, {1, "1 second"}, {60, "1 minute"}, {300, "5 minutes"}, {7200, "2 hours"}, {86400, "1 day"},
		{90061, "1 day, 1 hour, 1 minute, 1 second"}} {
		if got := secondsText(c.s); got != c.want {
			t.Errorf("%d: got %q, want %q", c.s, got, c.want)
		}
	}
}

// FuzzProtoDNS feeds arbitrary messages to the DNS parser over UDP and
// TCP, for all three variants, and to DNSAnswers: no panic, and every tree
// line stays inside the PDU.
func FuzzProtoDNS(f *testing.F) {
	f.Add(mustHex(f, dnsUDPResponse))
	f.Add(mustHex(f, "000101000001000000000000c00c00010001"))
	f.Add(mustHex(f, "0000840000000001000000000168056c6f63616c0000018001"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tcp := range []bool{false, true} {
			for _, v := range []dnsVariant{dnsUnicast, dnsMulticast, dnsLinkLocal} {
				var out Out
				out.reset(true)
				data := b
				if tcp {
					data = append(binary.BigEndian.AppendUint16(nil, uint16(len(b))), b...)
				}
				dissectDNS(&PDU{Data: data, Len: len(data), TCP: tcp}, &out, v)
				checkTree(t, out.Tree, len(data))
			}
		}
	})
}
