package decode

import (
	"net/netip"
	"testing"
)

// TestBTDHTColumns dissects datagrams of lab__bt-dht-lsd.pcap (real
// transmission-daemon 3.00 and aria2 1.36 DHT nodes) and
// lab__bt-dht-lsd-crafted.pcap; the expected Info is tshark 4.0.17's on
// those frames, and false marks a datagram tshark leaves to UDP.
func TestBTDHTColumns(t *testing.T) {
	base := PDU{SrcPort: 6882, DstPort: 51413}
	cases := []struct {
		name, payload string
		ok            bool
		info          string
	}{
		{"ping (crafted frame 2)", "d1:ad2:id20:0123456789:;<=>?@ABCe1:q4:ping1:t2:aa1:y1:qe", true, "BitTorrent DHT Protocol"},
		{"values (crafted frame 7)", "d1:rd2:ip4:\x0a\x00\x00\x011:t2:aa6:valuesl6:\x0a\x00\x00\x01\x1a\xe16:\x0a\x00\x00\x02\x1a\xe1ee1:y1:re", true, "BitTorrent DHT Protocol reply=2 peers"},
		{"nodes and a cut node (crafted frame 10)", "d1:rd5:nodes30:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "e1:y1:re", true, "BitTorrent DHT Protocol reply=1 nodes"},
		{"error", "d1:eli201e8:A Errore1:t2:aa1:y1:ee", true, "BitTorrent DHT Protocolerror_no=201 error_msg=A Errore "},
		{"cut short", "d1:ad2:id3:ab", true, "BitTorrent DHT Protocol[Malformed Packet]"},
		{"a key message_type", "d1:rd12:message_type4:pinge1:y1:re", true, "BitTorrent DHT Protocolmessage_type=ping "},
		{"no arguments first", "d1:t2:aae", false, ""},
		{"not bencoded", "hello world", false, ""},
		// lab__bt-dht-lsd.pcap frame 14: transmission's get_peers reply
		{"get_peers reply", "d1:rd2:id20:\x47\x2e\x20\x8f\x0f\xb6\xdd\xbf\x1c\x12\x36\x66\xcc\xa8\x2e\xb9\x69\x18\x0a\x065:nodes26:\x4e\xab\xb4\xd0\x4a\x29\xed\xdb\x71\xa9\xa4\x91\x39\x69\xe6\x81\x00\xee\x97\x55\x0a\x4d\x00\x02\x1a\xe25:token8:\xd1\x4c\x98\xe7\x1f\x6e\x5c\xf66:valuesl6:\x0a\x4d\x00\x02\x1a\xe1ee1:t4:\x72\x22\x75\x5a1:y1:re", true, "BitTorrent DHT Protocol reply=1 nodes reply=1 peers"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, hexOf(c.payload), base, btdhtDissect, c.ok, "BT-DHT", c.info)
		})
	}
}

// TestBTDHTTree checks the get_peers reply's lines against tshark 4.0.17's
// PDML of lab__bt-dht-lsd.pcap frame 14 (offsets from the UDP payload).
func TestBTDHTTree(t *testing.T) {
	b := []byte("d1:rd2:id20:\x47\x2e\x20\x8f\x0f\xb6\xdd\xbf\x1c\x12\x36\x66\xcc\xa8\x2e\xb9\x69\x18\x0a\x065:nodes26:\x4e\xab\xb4\xd0\x4a\x29\xed\xdb\x71\xa9\xa4\x91\x39\x69\xe6\x81\x00\xee\x97\x55\x0a\x4d\x00\x02\x1a\xe25:token8:\xd1\x4c\x98\xe7\x1f\x6e\x5c\xf66:valuesl6:\x0a\x4d\x00\x02\x1a\xe1ee1:t4:\x72\x22\x75\x5a1:y1:re")
	var out Out
	out.reset(true)
	if !btdhtDissect(&PDU{Data: b, Len: len(b)}, &out) {
		t.Fatal("refused")
	}
	checkPDMLFields(t, 13, out.Tree, []pdmlWant{
		{"bt-dht", "BitTorrent DHT Protocol", 0, 120},
		{"bt-dht.bencoded.dict_entry", "Response values: Dictionary...", 1, 103},
		{"bt-dht.bencoded.dict", "Value: Dictionary...", 4, 100},
		{"bt-dht.bencoded.dict_entry", "id: 472e208f0fb6ddbf1c123666cca82eb969180a06", 5, 27},
		{"bt-dht.bencoded.dict_entry", "nodes: 1", 32, 36},
		{"bt-dht.nodes", "Value: 1 nodes", 42, 26},
		{"bt-dht.node", "Node 1 (id: 4eabb4d04a29eddb71a9a4913969e68100ee9755, IPv4/Port: 10.77.0.2:6882)", 42, 26},
		{"bt-dht.ip", "IP: 10.77.0.2", 62, 4},
		{"bt-dht.port", "Port: 6882", 66, 2},
		{"bt-dht.bencoded.dict_entry", "token: d14c98e71f6e5cf6", 68, 17},
		{"bt-dht.bencoded.dict_entry", "values: 1 peers", 85, 18},
		{"bt-dht.peers", "Value: 1 peers", 93, 0},
		{"bt-dht.peer", "Peer 1 (IP/Port: 10.77.0.2:6881)", 96, 6},
		{"bt-dht.bencoded.list.terminator", "Terminator: e", 102, 1},
		{"bt-dht.bencoded.dict_entry", "Transaction ID: 7222755a", 104, 9},
		{"bt-dht.bencoded.dict_entry", "Message type: Response", 113, 6},
		{"bt-dht.bencoded.string", "Value: r", 118, 1},
	})
}

// TestLSD checks the heuristic's address and port test and the tree of
// lab__bt-dht-lsd.pcap frame 4 (transmission's announce) against tshark
// 4.0.17's PDML, and a malformed announce of the crafted capture.
func TestLSD(t *testing.T) {
	group, other := netip.MustParseAddr("239.192.152.143").AsSlice(), netip.MustParseAddr("10.0.0.2").AsSlice()
	v6 := netip.MustParseAddr("fd00::2").AsSlice()
	ann := "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 51413\r\nInfohash: BD9A8BC5A4673B5227F04A69F47FBA5A4032F394\r\n\r\n\r\n"
	for _, c := range []struct {
		name string
		dst  []byte
		port uint16
		ok   bool
	}{{"group", group, 6771, true}, {"unicast", other, 6771, false}, {"other port", group, 6772, false}, {"any IPv6", v6, 6771, true}} {
		checkDissect(t, hexOf(ann), PDU{DstIP: c.dst, DstPort: c.port}, lsdDissect, c.ok, "LSD", "")
	}
	var out Out
	out.reset(true)
	lsdDissect(&PDU{Data: []byte(ann), Len: len(ann), DstIP: group, DstPort: 6771}, &out)
	checkPDMLFields(t, 3, out.Tree, []pdmlWant{
		{"lsd", "Local Service Discovery", 0, 119},
		{"lsd.header", "Header: BT-SEARCH * HTTP/1.1", 0, 20},
		{"lsd.host", "Host: 239.192.152.143:6771", 22, 26},
		{"lsd.port", "Port: 51413", 50, 11},
		{"lsd.infohash", "Infohash: BD9A8BC5A4673B5227F04A69F47FBA5A4032F394", 63, 50},
	})
	bad := "BT-SEARCH * HTTP/1.1\r\nhost 239.192.152.143\r\nPort:abc\r\nInfoHash:x\r\nCOOKIE:\r\n"
	out.reset(true)
	lsdDissect(&PDU{Data: []byte(bad), Len: len(bad), DstIP: group, DstPort: 6771}, &out)
	checkPDMLFields(t, 28, out.Tree, []pdmlWant{
		{"lsd.host", "host 239.192.152.143", 22, 20},
		{"lsd.port", "Port: 0", 44, 8},
		{"lsd.infohash", "Infohash: x", 54, 10},
		{"lsd.cookie", "cookie: ", 66, 7},
	})
}

func hexOf(s string) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, digits[s[i]>>4], digits[s[i]&15])
	}
	return string(b)
}

// FuzzProtoBTDHT feeds arbitrary datagrams to the DHT and LSD dissectors:
// no panic, the tree inside the datagram.
func FuzzProtoBTDHT(f *testing.F) {
	for _, name := range []string{"lab__bt-dht-lsd.pcap", "lab__bt-dht-lsd-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) { seed(f, h.Payload) })
	}
	group := []byte{239, 192, 152, 143}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			btdhtDissect(&PDU{Data: b, Len: len(b)}, &out)
			checkTree(t, out.Tree, len(b))
			out.reset(tree)
			lsdDissect(&PDU{Data: b, Len: len(b), DstIP: group, DstPort: 6771}, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}
