package decode

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"strconv"
	"strings"
)

// The BitTorrent DHT (BEP 5 KRPC over UDP) as Wireshark 4.0's bt-dht
// dissector shows it. tshark registers no port: an enabled-by-default
// heuristic takes a datagram of at least 5 bytes that begins "d1:ad" (a
// query's arguments), "d1:rd" (a response), "d2:ip" (BEP 42) or "d1:el" (an
// error), and sets the conversation's dissector, which still tests each
// later datagram the same way (a uTP packet on the same socket stays UDP).
//
// The bencoded dictionary is shown as packet-bt-dht.c walks it: each entry
// "key: value" with the one-letter keys and values named ("Request type:
// ping", "Message type: Response"), IDs, tokens, targets, info hashes,
// transaction IDs and versions in hex, "nodes"/"nodes6" as compact node
// infos, "values" as compact peers, "e" as the error code and message,
// "ip" (6 bytes) as address and port. Info is "BitTorrent DHT Protocol"
// with " reply=N nodes", " reply=N peers" and "error_no=X error_msg=Y "
// appended as those keys are met. A string length that is not a decimal
// number, or is 0, ends the walk (tshark's "String must contain an
// integer" expert items); running out of bytes appends "[Malformed
// Packet]". Hand-written: gopacket has no bencode layer.

// btdhtPrefixes are test_bt_dht's accepted beginnings.
var btdhtPrefixes = [][]byte{[]byte("d1:ad"), []byte("d1:rd"), []byte("d2:ip"), []byte("d1:el")}

// btdhtText is a value as tshark 4.0 writes it into a label made by
// proto_tree_add_string_format: control bytes other than tab, line feed
// and carriage return as \x and their hex digits, the rest as they are
// (the details view escapes what remains before display).
func btdhtText(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			sb.WriteString(`\x` + strconv.FormatUint(uint64(c), 16))
		} else {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

func btdhtHeuristic(b []byte) bool {
	if len(b) < 5 {
		return false
	}
	for _, p := range btdhtPrefixes {
		if bytes.Equal(b[:5], p) {
			return true
		}
	}
	return false
}

// btdhtShort is the panic the walk raises where tshark's tvb accessors
// throw (bytes past the datagram's end); Dissect recovers it.
type btdhtShort struct{}

// btdhtMaxDepth bounds the nesting of lists and dictionaries the walk
// follows, so hostile bytes cannot exhaust the stack; deeper nesting is
// shown as malformed.
const btdhtMaxDepth = 200

// btdhtWalk builds the tree as a flat list of nodes with their parent's
// index, so that what was built before a throw survives it.
type btdhtWalk struct {
	b     []byte
	nodes []Field
	up    []int // parent of each node, -1 for the root
	info  strings.Builder
	depth int
}

func (w *btdhtWalk) at(off int) byte {
	if off < 0 || off >= len(w.b) {
		panic(btdhtShort{})
	}
	return w.b[off]
}

// span checks that n bytes from off are there, as tvb accessors do.
func (w *btdhtWalk) span(off, n int) []byte {
	if off < 0 || n < 0 || off+n > len(w.b) {
		panic(btdhtShort{})
	}
	return w.b[off : off+n]
}

func (w *btdhtWalk) add(parent int, f Field) int {
	w.nodes = append(w.nodes, f)
	w.up = append(w.up, parent)
	return len(w.nodes) - 1
}

// strLen is bencoded_string_length: the decimal length before the next ':'
// (leading white space allowed, no sign) and the offset after the ':', or
// 0 and off unchanged when it is no number.
func (w *btdhtWalk) strLen(off int) (int, int) {
	o := off
	for w.at(o) != ':' {
		o++
	}
	s := strings.TrimLeft(encASCII(w.b[off:o]), " \t\n\v\f\r")
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, off
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, off
	}
	return int(n), o + 1
}

// str is dissect_bencoded_string: 0 when the length is no number or 0.
func (w *btdhtWalk) str(parent, off int, tohex bool, label string) (int, string) {
	n, o := w.strLen(off)
	if n == 0 {
		return 0, ""
	}
	raw := w.span(o, n)
	var v, show string
	if tohex {
		v = hexEllipsis(raw)
		show = v
	} else {
		v = encASCII(raw)
		show = btdhtText(v)
	}
	w.add(parent, Field{Name: "bt-dht.bencoded.string", Label: label + ": " + show, Start: o, Len: n, Kind: FieldString, Str: v})
	return o + n, v
}

// integer is dissect_bencoded_int; the byte at off is taken for the 'i'.
func (w *btdhtWalk) integer(parent, off int, label string) (int, string) {
	start := off + 1
	o := start
	for w.at(o) != 'e' {
		o++
	}
	w.add(parent, Field{Name: "bt-dht.bencoded.list.terminator", Label: "Terminator: e", Start: o, Len: 1, Kind: FieldString, Str: "e"})
	v := encASCII(w.b[start:o])
	w.add(parent, Field{Name: "bt-dht.bencoded.int", Label: label + ": " + btdhtText(v), Start: start, Len: o - start, Kind: FieldString, Str: v})
	return o + 1, v
}

func (w *btdhtWalk) enter() {
	if w.depth++; w.depth > btdhtMaxDepth {
		panic(btdhtShort{})
	}
}

func (w *btdhtWalk) list(parent, off int, label string) int {
	w.enter()
	defer func() { w.depth-- }()
	me := w.add(parent, Field{Name: "bt-dht.bencoded.list", Label: label + ": list...", Start: off})
	o := off + 1
	for {
		c := w.at(o)
		if c == 'e' {
			break
		}
		start := o
		switch c {
		case 'i':
			o, _ = w.integer(me, o, "Integer")
		case 'l':
			o = w.list(me, o, "Sub-list")
		case 'd':
			o = w.dict(me, o, "Sub-dict")
		default:
			o, _ = w.str(me, o, false, "String")
		}
		if o <= start {
			return 0
		}
	}
	w.add(me, Field{Name: "bt-dht.bencoded.list.terminator", Label: "Terminator: e", Start: o, Len: 1, Kind: FieldString, Str: "e"})
	return o + 1
}

func (w *btdhtWalk) errorList(parent, off int, label string) (int, string) {
	me := w.add(parent, Field{Name: "bt-dht.error", Label: "Error", Start: off})
	o, no := w.integer(me, off+1, "Error ID")
	o, msg := w.str(me, o, false, "Error Message")
	if o == 0 {
		msg = "(null)"
	}
	w.nodes[me].Label = label + ": error " + btdhtText(no) + ", " + btdhtText(msg)
	w.info.WriteString("error_no=" + no + " error_msg=" + msg + " ")
	return o, "error " + no + ", " + msg
}

func (w *btdhtWalk) ipPort(parent, off, n int, label string) string {
	var a netip.Addr
	if n == 4 {
		a = netip.AddrFrom4([4]byte(w.span(off, 4)))
		w.add(parent, Field{Name: "bt-dht.ip", Label: "IP: " + a.String(), Start: off, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(w.b[off:]))})
	} else {
		a = netip.AddrFrom16([16]byte(w.span(off, 16)))
		w.add(parent, Field{Name: "bt-dht.ip6", Label: "IP: " + a.String(), Start: off, Len: 16, Kind: FieldIPv6, Str: string(w.b[off : off+16])})
	}
	port := binary.BigEndian.Uint16(w.span(off+n, 2))
	w.add(parent, UintField("bt-dht.port", "Port: "+strconv.Itoa(int(port)), off+n, 2, uint64(port)))
	if n == 4 {
		return label + a.String() + ":" + strconv.Itoa(int(port))
	}
	return label + "[" + a.String() + "]:" + strconv.Itoa(int(port))
}

func (w *btdhtWalk) values(parent, off int, label string) (int, string) {
	me := w.add(parent, Field{Name: "bt-dht.peers", Label: "Peers", Start: off})
	peers := 0
	o := off + 1
	for w.at(o) != 'e' {
		n, no := w.strLen(o)
		if n == 0 {
			return 0, ""
		}
		o = no
		switch n {
		case 6, 18:
			peers++
			p := w.add(me, Field{Name: "bt-dht.peer", Start: o, Len: w.clip(o, n)})
			kind := " (IP/Port: "
			if n == 18 {
				kind = " (IPv6/Port: "
			}
			w.nodes[p].Label = "Peer " + strconv.Itoa(peers) + w.ipPort(p, o, n-2, kind) + ")"
		default:
			w.add(parent, Field{Name: "bt-dht.truncated_data", Label: "Truncated data: " + hexEllipsis(w.span(o, n)), Start: o, Len: n, Kind: FieldBytes, Str: string(w.b[o : o+n])})
		}
		o += n
	}
	w.add(me, Field{Name: "bt-dht.bencoded.list.terminator", Label: "Terminator: e", Start: o, Len: 1, Kind: FieldString, Str: "e"})
	n := strconv.Itoa(peers)
	w.nodes[me].Label = label + ": " + n + " peers"
	w.info.WriteString(" reply=" + n + " peers")
	return o + 1, n + " peers"
}

// clip is how many of n bytes from off the datagram holds: an item whose
// bytes run past the end throws, after the walk has added it.
func (w *btdhtWalk) clip(off, n int) int {
	if off+n > len(w.b) {
		panic(btdhtShort{})
	}
	return n
}

func (w *btdhtWalk) nodeList(parent, off int, label string, v6 bool) (int, string) {
	n, o := w.strLen(off)
	w.span(o, n)
	me := w.add(parent, Field{Name: "bt-dht.nodes", Start: o, Len: n})
	size := 26
	if v6 {
		size = 38
	}
	count := 0
	for ; n >= size; n, o = n-size, o+size {
		count++
		id := w.b[o : o+20]
		nd := w.add(me, Field{Name: "bt-dht.node", Start: o, Len: size})
		w.add(nd, Field{Name: "bt-dht.id", Label: "ID: " + hex.EncodeToString(id), Start: o, Len: 20, Kind: FieldBytes, Str: string(id)})
		kind := ", IPv4/Port: "
		if v6 {
			kind = ", IPv6/Port: "
		}
		w.nodes[nd].Label = "Node " + strconv.Itoa(count) + " (id: " + hex.EncodeToString(id) + w.ipPort(nd, o+20, size-22, kind) + ")"
	}
	if n > 0 {
		w.add(parent, Field{Name: "bt-dht.truncated_data", Label: "Truncated data: " + hexEllipsis(w.b[o:o+n]), Start: o, Len: n, Kind: FieldBytes, Str: string(w.b[o : o+n])})
		o += n
	}
	c := strconv.Itoa(count)
	w.nodes[me].Label = label + ": " + c + " nodes"
	w.info.WriteString(" reply=" + c + " nodes")
	return o, c
}

var btdhtShortKeys = map[string]string{"a": "Request arguments", "e": "Error", "q": "Request type",
	"r": "Response values", "t": "Transaction ID", "v": "Version", "y": "Message type"}

var btdhtShortValues = map[string]string{"e": "Error", "q": "Request", "r": "Response"}

func (w *btdhtWalk) entry(parent, off int) int {
	me := w.add(parent, Field{Name: "bt-dht.bencoded.dict_entry", Label: "Dictionary Entry", Start: off})
	o, key := w.str(me, off, false, "Key")
	if o == 0 {
		return 0
	}
	var val string
	switch w.at(o) {
	case 'd':
		o = w.dict(me, o, "Value")
		val = "Dictionary..."
	case 'l':
		switch key {
		case "e":
			o, val = w.errorList(me, o, "Value")
		case "values":
			o, val = w.values(me, o, "Value")
		default:
			o = w.list(me, o, "Value")
			val = "List..."
		}
	case 'i':
		o, val = w.integer(me, o, "Value")
	default:
		switch key {
		case "nodes":
			o, val = w.nodeList(me, o, "Value", false)
		case "nodes6":
			o, val = w.nodeList(me, o, "Value", true)
		case "ip":
			if n, no := w.strLen(o); n == 6 {
				w.ipPort(me, no, 4, "")
				val = netip.AddrFrom4([4]byte(w.b[no : no+4])).String()
				o = no + 6
			} else {
				o, val = w.str(me, o, true, "Value")
			}
		default:
			tohex := key == "id" || key == "target" || key == "info_hash" || key == "t" || key == "v" || key == "token"
			o, val = w.str(me, o, tohex, "Value")
		}
	}
	if o == 0 {
		return 0
	}
	if len(key) == 1 && btdhtShortKeys[key] != "" {
		key = btdhtShortKeys[key]
	}
	if len(val) == 1 && btdhtShortValues[val] != "" {
		val = btdhtShortValues[val]
	}
	w.nodes[me].Label = btdhtText(key) + ": " + btdhtText(val)
	w.nodes[me].Len = o - off
	if key == "message_type" || key == "request_type" {
		w.info.WriteString(key + "=" + val + " ")
	}
	return o
}

func (w *btdhtWalk) dict(parent, off int, label string) int {
	w.enter()
	defer func() { w.depth-- }()
	var me int
	if off == 0 {
		me = w.add(parent, Field{Name: "bt-dht", Label: "BitTorrent DHT Protocol", Len: len(w.b), Kind: FieldProto})
	} else {
		me = w.add(parent, Field{Name: "bt-dht.bencoded.dict", Label: label + ": Dictionary...", Start: off, Len: len(w.b) - off})
	}
	o := off + 1
	for w.at(o) != 'e' {
		if o = w.entry(me, o); o == 0 {
			return 0
		}
	}
	w.add(me, Field{Name: "bt-dht.bencoded.list.terminator", Label: "Terminator: e", Start: o, Len: 1, Kind: FieldString, Str: "e"})
	o++
	w.nodes[me].Len = o - off
	return o
}

// tree assembles the flat node list under root index i.
func (w *btdhtWalk) tree(i int) Field {
	f := w.nodes[i]
	for j := i + 1; j < len(w.nodes); j++ {
		if w.up[j] == i {
			f.Children = append(f.Children, w.tree(j))
		}
	}
	return f
}

func btdhtDissect(p *PDU, out *Out) bool {
	if !btdhtHeuristic(p.Data) {
		return false
	}
	out.SetProto("BT-DHT")
	w := &btdhtWalk{b: p.Data}
	malformed := func() (bad bool) {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(btdhtShort); !ok {
					panic(r)
				}
				bad = true
			}
		}()
		w.dict(-1, 0, "BitTorrent DHT Protocol")
		return false
	}()
	info := "BitTorrent DHT Protocol" + w.info.String()
	if malformed {
		info += malformedMark
	}
	out.SetInfo(ircInfoText(info))
	if out.WantTree && len(w.nodes) > 0 {
		out.Add(w.tree(0))
	}
	return true
}

var btdhtDissector = &Dissector{
	Name:      "bt-dht",
	Dissect:   btdhtDissect,
	Heuristic: btdhtHeuristic,
	Fields: []FieldDef{
		{Name: "bt-dht", Desc: "BitTorrent DHT Protocol", Kind: FieldProto},
		{Name: "bt-dht.bencoded.string", Desc: "String", Kind: FieldString},
		{Name: "bt-dht.bencoded.list", Desc: "List", Kind: FieldLabel},
		{Name: "bt-dht.bencoded.int", Desc: "Int", Kind: FieldString},
		{Name: "bt-dht.bencoded.dict", Desc: "Dictionary", Kind: FieldLabel},
		{Name: "bt-dht.bencoded.dict_entry", Desc: "Dictionary Entry", Kind: FieldLabel},
		{Name: "bt-dht.bencoded.list.terminator", Desc: "Terminator", Kind: FieldString},
		{Name: "bt-dht.error", Desc: "Error", Kind: FieldLabel},
		{Name: "bt-dht.peer", Desc: "Peer", Kind: FieldLabel},
		{Name: "bt-dht.peers", Desc: "Peers", Kind: FieldLabel},
		{Name: "bt-dht.node", Desc: "Node", Kind: FieldLabel},
		{Name: "bt-dht.nodes", Desc: "Nodes", Kind: FieldLabel},
		{Name: "bt-dht.id", Desc: "ID", Kind: FieldBytes},
		{Name: "bt-dht.ip", Desc: "IP", Kind: FieldIPv4},
		{Name: "bt-dht.ip6", Desc: "IP", Kind: FieldIPv6},
		{Name: "bt-dht.port", Desc: "Port", Kind: FieldUint, Bits: 16},
		{Name: "bt-dht.truncated_data", Desc: "Truncated data", Kind: FieldBytes},
	},
}

func init() { RegisterUDP(btdhtDissector) }
