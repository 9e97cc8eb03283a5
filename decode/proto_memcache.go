package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// memcached's text and binary protocols on TCP and UDP 11211, as Wireshark
// 4.0's packet-memcache.c shows them: Protocol "MEMCACHE". Binary messages
// (magic 0x80 request, 0x81 response; a 24-byte header whose total body
// length delimits them on TCP) read "Get Request", "Get Response (Key not
// found)"; with several in a segment the last one's text stays. A text
// message's Info is its first line and a space ("set k 0 0 5 ",
// "VALUE k 0 5 ", "STORED ") when its first word is one packet-memcache.c
// knows, else "MEMCACHE Continuation" (numeric incr/decr replies, touch,
// ERROR...). A text message is everything from its start to the end of
// the segment, unless a storage command or a VALUE reply announces more
// data bytes than the segment holds: it then ends where those bytes and
// their CR LF do, and what follows is a new message whose Info is appended
// to the first's. A text command whose length word does not parse leaves
// the segment to TCP. On UDP the 8-byte frame header is not skipped, as
// packet-memcache.c does not skip it: the datagrams of a real client read
// "MEMCACHE Continuation". Details: the binary header, extras, key and
// value; the text command's or reply's words (key, flags, expiration,
// length, CAS, noreply, data, VERSION, STAT lines). Hand-written: gopacket
// has no memcached layer.

const (
	portMemcache      = 11211 // tshark -G decodes: tcp.port and udp.port 11211 memcache
	memcacheHeaderLen = 24
	memcacheFixedLen  = 12 // tcp_dissect_pdus reads the length from this many bytes
)

var memcache = &Dissector{
	Name:    "memcache",
	Dissect: dissectMemcache,
	PDULen:  memcachePDULen,
	Fields: []FieldDef{
		{Name: "memcache.magic", Desc: "Magic", Kind: FieldUint, Bits: 8},
		{Name: "memcache.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 8},
		{Name: "memcache.extras.length", Desc: "Extras length", Kind: FieldUint, Bits: 8},
		{Name: "memcache.key.length", Desc: "Key Length", Kind: FieldUint, Bits: 16},
		{Name: "memcache.value.length", Desc: "Value length", Kind: FieldUint, Bits: 32},
		{Name: "memcache.data_type", Desc: "Data type", Kind: FieldUint, Bits: 8},
		{Name: "memcache.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 16},
		{Name: "memcache.status", Desc: "Status", Kind: FieldUint, Bits: 16},
		{Name: "memcache.total_body_length", Desc: "Total body length", Kind: FieldUint, Bits: 32},
		{Name: "memcache.opaque", Desc: "Opaque", Kind: FieldUint, Bits: 32},
		{Name: "memcache.cas", Desc: "CAS", Kind: FieldUint, Bits: 64},
		{Name: "memcache.extras", Desc: "Extras", Kind: FieldLabel},
		{Name: "memcache.extras.flags", Desc: "Flags", Kind: FieldUint, Bits: 32},
		{Name: "memcache.extras.expiration", Desc: "Expiration", Kind: FieldUint, Bits: 32},
		{Name: "memcache.extras.delta", Desc: "Amount to add", Kind: FieldUint, Bits: 64},
		{Name: "memcache.extras.initial", Desc: "Initial value", Kind: FieldUint, Bits: 64},
		{Name: "memcache.extras.unknown", Desc: "Unknown", Kind: FieldBytes},
		{Name: "memcache.key", Desc: "Key", Kind: FieldString},
		{Name: "memcache.value", Desc: "Value", Kind: FieldString},
		{Name: "memcache.extras.response", Desc: "Response", Kind: FieldUint, Bits: 64},
		{Name: "memcache.command", Desc: "Command", Kind: FieldString},
		{Name: "memcache.subcommand", Desc: "Sub command", Kind: FieldString},
		{Name: "memcache.flags", Desc: "Flags", Kind: FieldUint, Bits: 16},
		{Name: "memcache.expiration", Desc: "Expiration", Kind: FieldUint, Bits: 32},
		{Name: "memcache.noreply", Desc: "Noreply", Kind: FieldString},
		{Name: "memcache.response", Desc: "Response", Kind: FieldString},
		{Name: "memcache.version", Desc: "Version", Kind: FieldString},
		{Name: "memcache.slabclass", Desc: "Slab class", Kind: FieldUint, Bits: 32},
		{Name: "memcache.name", Desc: "Stat name", Kind: FieldString},
		{Name: "memcache.name_value", Desc: "Stat value", Kind: FieldString},
	},
}

func init() {
	RegisterTCP(memcache, portMemcache)
	RegisterUDP(memcache, portMemcache)
}

// memcacheOps is packet-memcache.c's opcode_vals.
var memcacheOps = [...]string{"Get", "Set", "Add", "Replace", "Delete", "Increment", "Decrement", "Quit", "Flush",
	"Get Quietly", "No-op", "Version", "Get Key", "Get Key Quietly", "Append", "Prepend", "Statistics",
	"Set Quietly", "Add Quietly", "Replace Quietly", "Delete Quietly", "Increment Quietly", "Decrement Quietly",
	"Quit Quietly", "Flush Quietly", "Append Quietly", "Prepend Quietly"}

// memcacheStatus is status_vals.
var memcacheStatus = map[uint16]string{0: "No error", 1: "Key not found", 2: "Key exists", 3: "Value too big",
	4: "Invalid arguments", 5: "Item not stored", 0x81: "Unknown command", 0x82: "Out of memory"}

// Binary opcodes the extras, key and value checks name.
const (
	mcGet, mcSet, mcAdd, mcReplace, mcDelete, mcIncr, mcDecr, mcQuit, mcFlush, mcGetQ = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9
	mcNoop, mcVersion, mcGetK, mcGetKQ, mcAppend, mcPrepend, mcStat, mcSetQ, mcAddQ   = 10, 11, 12, 13, 14, 15, 16, 17, 18
	mcReplaceQ, mcDeleteQ, mcIncrQ, mcDecrQ, mcQuitQ, mcFlushQ, mcAppendQ, mcPrependQ = 19, 20, 21, 22, 23, 24, 25, 26
	// packet-memcache.c's own numbers for text commands
	mcGets, mcCas, mcVerbose = 0xf0, 0xf1, 0xf2
	mcNone                   = 0xff
)

func memcacheOpName(op byte) string {
	if int(op) < len(memcacheOps) {
		return memcacheOps[op]
	}
	return fmt.Sprintf("Unknown opcode (%d)", op)
}

func memcacheMagic(m byte) string {
	switch m {
	case 0x80:
		return "Request"
	case 0x81:
		return "Response"
	}
	return fmt.Sprintf("Unknown magic (%d)", m)
}

func memcacheIsMagic(b byte) bool { return b == 0x80 || b == 0x81 }

// memcacheLine finds the first line as tvb_find_line_end does: it ends at
// CR, LF or CR LF; next is where the following line starts, -1 when no end
// of line is in b (the line is then all of b).
func memcacheLine(b []byte) (line []byte, next int) {
	for i, c := range b {
		switch c {
		case '\n':
			return b[:i], i + 1
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				return b[:i], i + 2
			}
			if i+1 == len(b) {
				// a CR at the end may begin CR LF: tshark asks for more
				return b, -1
			}
			return b[:i], i + 1
		}
	}
	return b, -1
}

// memcacheTextKind is is_memcache_request_or_reply: what the first word of
// a line says. lenToken is the word that holds the data length (5 for
// storage commands, 4 for VALUE), 0 when no data follows the line.
type memcacheTextKind struct {
	ok       bool
	request  bool
	op       byte
	lenToken int
}

func memcacheClassify(line []byte) memcacheTextKind {
	w := line
	for i, c := range line {
		if c == ' ' {
			w = line[:i]
			break
		}
	}
	switch string(w) {
	case "OK", "END", "EXISTS", "STORED", "NOT_FOUND", "NOT_STORED":
		return memcacheTextKind{ok: true, op: mcNone}
	case "STAT":
		return memcacheTextKind{ok: true, op: mcStat}
	case "VALUE":
		return memcacheTextKind{ok: true, op: mcGet, lenToken: 4}
	case "VERSION":
		return memcacheTextKind{ok: true, op: mcVersion}
	case "DELETED":
		return memcacheTextKind{ok: true, op: mcDelete}
	case "get":
		return memcacheTextKind{ok: true, request: true, op: mcGet}
	case "set":
		return memcacheTextKind{ok: true, request: true, op: mcSet, lenToken: 5}
	case "add":
		return memcacheTextKind{ok: true, request: true, op: mcAdd, lenToken: 5}
	case "cas":
		return memcacheTextKind{ok: true, request: true, op: mcCas, lenToken: 5}
	case "gets":
		return memcacheTextKind{ok: true, request: true, op: mcGets}
	case "incr":
		return memcacheTextKind{ok: true, request: true, op: mcIncr}
	case "decr":
		return memcacheTextKind{ok: true, request: true, op: mcDecr}
	case "quit":
		return memcacheTextKind{ok: true, request: true, op: mcQuit}
	case "stats":
		return memcacheTextKind{ok: true, request: true, op: mcStat}
	case "append":
		return memcacheTextKind{ok: true, request: true, op: mcAppend, lenToken: 5}
	case "delete":
		return memcacheTextKind{ok: true, request: true, op: mcDelete}
	case "replace":
		return memcacheTextKind{ok: true, request: true, op: mcReplace, lenToken: 5}
	case "prepend":
		return memcacheTextKind{ok: true, request: true, op: mcPrepend, lenToken: 5}
	case "version":
		return memcacheTextKind{ok: true, request: true, op: mcVersion}
	case "flush_all":
		return memcacheTextKind{ok: true, request: true, op: mcFlush}
	}
	return memcacheTextKind{}
}

// memcacheToken is get_token_len: the word at the start of line (up to a
// space or the end) and where the next word starts after the spaces.
func memcacheToken(line []byte, at int) (word []byte, next int) {
	end := at
	for end < len(line) && line[end] != ' ' {
		end++
	}
	next = end
	for next < len(line) && line[next] == ' ' {
		next++
	}
	return line[at:end], next
}

// memcacheScanUint reads a word as sscanf's "%u" does: an optional sign,
// then at least one digit; a negative number wraps.
func memcacheScanUint(w []byte) (uint32, bool) {
	neg := false
	i := 0
	if i < len(w) && (w[i] == '+' || w[i] == '-') {
		neg = w[i] == '-'
		i++
	}
	var v uint64
	digits := 0
	for ; i < len(w) && w[i] >= '0' && w[i] <= '9'; i++ {
		if v < 1<<40 {
			v = v*10 + uint64(w[i]-'0')
		}
		digits++
	}
	if digits == 0 {
		return 0, false
	}
	r := uint32(v)
	if v > 0xffffffff {
		r = 0xffffffff // strtoul saturates
	}
	if neg {
		r = -r
	}
	return r, true
}

// memcacheStrtoul is strtoul(s, NULL, 10) on a word: leading digits, 0 for
// none.
func memcacheStrtoul(w []byte) uint64 {
	var v uint64
	for _, c := range w {
		if c < '0' || c > '9' {
			break
		}
		if v < 1<<60 {
			v = v*10 + uint64(c-'0')
		}
	}
	return v
}

// memcacheDataLen is get_payload_length: the data length a text header
// announces in its word number n (1-based).
func memcacheDataLen(line []byte, n int) (uint32, bool) {
	at := 0
	for i := 1; i < n; i++ {
		w, next := memcacheToken(line, at)
		if len(w) == 0 {
			return 0, false
		}
		at = next
	}
	w, _ := memcacheToken(line, at)
	if len(w) == 0 {
		return 0, false
	}
	return memcacheScanUint(w)
}

// memcachePDULen delimits memcached's messages in a TCP stream: a binary
// one by its header's total body length, a text one as
// dissect_memcache_message and its reassembly do (see the file comment).
func memcachePDULen(c *Conv, dir uint8, b []byte) int {
	if memcacheIsMagic(b[0]) {
		if len(b) < memcacheFixedLen {
			return 0
		}
		return memcacheHeaderLen + int(binary.BigEndian.Uint32(b[8:12]))
	}
	line, next := memcacheLine(b)
	k := memcacheClassify(line)
	if !k.ok {
		return len(b)
	}
	if next < 0 {
		return 0 // the first line is not whole: wait for its end
	}
	if k.lenToken > 0 {
		n, ok := memcacheDataLen(line, k.lenToken)
		if !ok {
			return PDUReject
		}
		if int64(next)+int64(n) > int64(len(b)) {
			// the data is not all here: the message ends after it and
			// its CR LF
			return next + int(n) + 2
		}
	}
	return len(b)
}

func dissectMemcache(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("MEMCACHE")
	if len(b) > 0 && memcacheIsMagic(b[0]) {
		return memcacheBinary(p, out)
	}
	line, _ := memcacheLine(b)
	k := memcacheClassify(line)
	info := "MEMCACHE Continuation"
	if k.ok {
		info = formatText(line) + " "
	}
	if !out.set {
		out.SetInfo(info)
	} else {
		// packet-memcache.c fences the column after each text message
		out.AppendInfo("", info)
	}
	if out.WantTree {
		f := Field{Name: "memcache", Label: "Memcache Protocol", Len: len(b), Kind: FieldProto}
		if k.ok && len(b) > 0 {
			t := memcacheText{b: b}
			if k.request {
				t.request(line, k.op)
			} else {
				t.response(line, k.op)
			}
			f.Children = t.tree
		}
		out.Add(f)
	}
	return true
}

// memcacheBinary is dissect_memcache: one binary message.
func memcacheBinary(p *PDU, out *Out) bool {
	b := p.Data
	cut := len(b) < memcacheHeaderLen // a datagram cut inside the header
	if len(b) < 2 {
		out.SetInfo(malformedMark)
		if out.WantTree {
			out.Add(Field{Name: "memcache", Label: "Memcache Protocol", Len: len(b), Kind: FieldProto})
		}
		return true
	}
	if cut {
		// read the header as if whole; the lines past the bytes go
		h := make([]byte, memcacheHeaderLen)
		copy(h, b)
		b = h
	}
	magic, op := b[0], b[1]
	keyLen := int(binary.BigEndian.Uint16(b[2:]))
	extLen := int(b[4])
	status := binary.BigEndian.Uint16(b[6:])
	bodyLen := binary.BigEndian.Uint32(b[8:])
	info := memcacheOpName(op) + " " + memcacheMagic(magic)
	request := magic&1 == 0
	if !request && status != 0 && bodyLen != 0 {
		st, ok := memcacheStatus[status]
		if !ok {
			st = fmt.Sprintf("Unknown status: %d", status)
		}
		info += " (" + st + ")"
	}
	// a body longer than the bytes (a datagram, or a PDU the walker cut)
	// throws where tshark reads past them
	short := int64(memcacheHeaderLen)+int64(bodyLen) > int64(len(b)) && !p.Cut
	if cut {
		info = memcacheOpName(op) + " " + memcacheMagic(magic)
	}
	if short || cut {
		info += malformedMark
	}
	out.SetInfo(info)
	if !out.WantTree {
		return true
	}
	valueLen := bodyLen - uint32(extLen) - uint32(keyLen)
	kids := []Field{
		UintField("memcache.magic", fmt.Sprintf("Magic: %s (%d)", memcacheMagicLabel(magic), magic), 0, 1, uint64(magic)),
		UintField("memcache.opcode", fmt.Sprintf("Opcode: %s (%d)", memcacheOpLabel(op), op), 1, 1, uint64(op)),
		UintField("memcache.key.length", "Key Length: "+strconv.Itoa(keyLen), 2, 2, uint64(keyLen)),
		UintField("memcache.extras.length", "Extras length: "+strconv.Itoa(extLen), 4, 1, uint64(extLen)),
		UintField("memcache.data_type", fmt.Sprintf("Data type: %s (%d)", memcacheDataType(b[5]), b[5]), 5, 1, uint64(b[5])),
	}
	if request {
		kids = append(kids, UintField("memcache.reserved", "Reserved: "+strconv.Itoa(int(status)), 6, 2, uint64(status)))
	} else {
		st, ok := memcacheStatus[status]
		if !ok {
			st = "Unknown"
		}
		kids = append(kids, UintField("memcache.status", fmt.Sprintf("Status: %s (%d)", st, status), 6, 2, uint64(status)))
	}
	kids = append(kids,
		UintField("memcache.value.length", "Value length: "+strconv.FormatUint(uint64(valueLen), 10), 8, 0, uint64(valueLen)),
		UintField("memcache.total_body_length", "Total body length: "+strconv.FormatUint(uint64(bodyLen), 10), 8, 4, uint64(bodyLen)),
		UintField("memcache.opaque", "Opaque: "+strconv.FormatUint(uint64(binary.BigEndian.Uint32(b[12:])), 10), 12, 4, uint64(binary.BigEndian.Uint32(b[12:]))),
		UintField("memcache.cas", "CAS: "+strconv.FormatUint(binary.BigEndian.Uint64(b[16:]), 10), 16, 8, binary.BigEndian.Uint64(b[16:])),
	)
	off := memcacheHeaderLen
	have := func(n int) bool { return n >= 0 && off+n <= len(b) }
	if status == 0 {
		if extLen > 0 && have(extLen) {
			kids = append(kids, memcacheExtras(b[off:off+extLen], off, op, request))
		}
		off += extLen
		if keyLen > 0 && have(keyLen) {
			s := coapASCII(b[off : off+keyLen])
			kids = append(kids, StrField("memcache.key", "Key: "+formatText([]byte(s)), off, keyLen, s))
		}
		off += keyLen
		if valueLen > 0 && valueLen < 1<<31 && have(int(valueLen)) {
			v := b[off : off+int(valueLen)]
			if !request && (op == mcIncr || op == mcDecr) {
				if len(v) >= 8 {
					x := binary.BigEndian.Uint64(v)
					kids = append(kids, UintField("memcache.extras.response", "Response: "+strconv.FormatUint(x, 10), off, 8, x))
				}
			} else {
				s := coapASCII(v)
				kids = append(kids, StrField("memcache.value", "Value: "+formatText([]byte(s)), off, len(v), s))
			}
		}
	} else if bodyLen > 0 && bodyLen < 1<<31 && have(int(bodyLen)) {
		s := coapASCII(b[off : off+int(bodyLen)])
		kids = append(kids, StrField("memcache.value", "Value: "+formatText([]byte(s)), off, int(bodyLen), s))
	}
	if cut {
		n := len(p.Data)
		kept := kids[:0]
		for _, k := range kids {
			if k.Start+k.Len <= n && (k.Name != "memcache.value.length" || n >= 12) {
				kept = append(kept, k)
			}
		}
		kids = kept
	}
	out.Add(Field{Name: "memcache", Label: "Memcache Protocol, " + memcacheOpName(op) + " " + memcacheMagic(magic), Len: len(p.Data), Kind: FieldProto, Children: kids})
	return true
}

func memcacheMagicLabel(m byte) string {
	switch m {
	case 0x80:
		return "Request"
	case 0x81:
		return "Response"
	}
	return "Unknown"
}

func memcacheOpLabel(op byte) string {
	if int(op) < len(memcacheOps) {
		return memcacheOps[op]
	}
	return "Unknown"
}

func memcacheDataType(t byte) string {
	if t == 0 {
		return "Raw bytes"
	}
	return "Unknown"
}

// memcacheExtras is dissect_extras: the extras' subtree for the opcode.
func memcacheExtras(e []byte, off int, op byte, request bool) Field {
	f := Field{Name: "memcache.extras", Label: "Extras", Start: off, Len: len(e), Kind: FieldLabel}
	u32 := func(name, title string, at int, hexa bool) {
		if at+4 <= len(e) {
			v := binary.BigEndian.Uint32(e[at:])
			s := strconv.FormatUint(uint64(v), 10)
			if hexa {
				s = fmt.Sprintf("0x%08x", v)
			}
			f.Children = append(f.Children, UintField(name, title+": "+s, off+at, 4, uint64(v)))
		}
	}
	u64 := func(name, title string, at int) {
		if at+8 <= len(e) {
			v := binary.BigEndian.Uint64(e[at:])
			f.Children = append(f.Children, UintField(name, title+": "+strconv.FormatUint(v, 10), off+at, 8, v))
		}
	}
	switch op {
	case mcGet, mcGetQ, mcGetK, mcGetKQ:
		if !request {
			u32("memcache.extras.flags", "Flags", 0, true)
		}
	case mcSet, mcSetQ, mcAdd, mcAddQ, mcReplace, mcReplaceQ:
		if request {
			u32("memcache.extras.flags", "Flags", 0, true)
			u32("memcache.extras.expiration", "Expiration", 4, false)
		}
	case mcIncr, mcIncrQ, mcDecr, mcDecrQ:
		if request {
			u64("memcache.extras.delta", "Amount to add", 0)
			u64("memcache.extras.initial", "Initial value", 8)
			u32("memcache.extras.expiration", "Expiration", 16, false)
		}
	case mcFlush, mcFlushQ:
		u32("memcache.extras.expiration", "Expiration", 0, false)
	}
	return f
}

// memcacheText builds a text message's details the way
// memcache_request_dissector and memcache_response_dissector do, stopping
// where they give up.
type memcacheText struct {
	b    []byte
	tree []Field
}

func (t *memcacheText) str(name, title string, at int, w []byte) {
	s := coapASCII(w)
	t.tree = append(t.tree, StrField(name, title+": "+formatText([]byte(s)), at, len(w), s))
}

func (t *memcacheText) uint(name, title string, at int, w []byte, v uint64) {
	t.tree = append(t.tree, UintField(name, title+": "+strconv.FormatUint(v, 10), at, len(w), v))
}

// data is content_data_dissector: up to n bytes of data at off.
func (t *memcacheText) data(off int, n uint32) int {
	if off >= len(t.b) {
		return off
	}
	avail := len(t.b) - off
	short := int64(avail) < int64(n)+2
	take := avail
	if !short {
		take = int(n)
	}
	if take > 0 {
		t.str("memcache.value", "Value", off, t.b[off:off+take])
		if short {
			return off + take
		}
		return off + take + 2
	}
	return off
}

func (t *memcacheText) request(line []byte, op byte) {
	w, at := memcacheToken(line, 0)
	if len(w) == 0 {
		return
	}
	t.str("memcache.command", "Command", 0, w)
	word := func() (int, []byte) {
		start := at
		var w []byte
		w, at = memcacheToken(line, at)
		return start, w
	}
	switch op {
	case mcSet, mcAdd, mcReplace, mcAppend, mcPrepend, mcCas:
		s, k := word()
		if len(k) == 0 {
			return
		}
		t.str("memcache.key", "Key", s, k)
		s, fl := word()
		if len(fl) == 0 || len(fl) > 5 {
			return
		}
		t.uint("memcache.flags", "Flags", s, fl, uint64(uint16(memcacheStrtoul(fl))))
		s, ex := word()
		if len(ex) == 0 || len(ex) > 10 {
			return
		}
		t.uint("memcache.expiration", "Expiration", s, ex, uint64(uint32(memcacheStrtoul(ex))))
		s, by := word()
		if len(by) == 0 || len(by) > 10 {
			return
		}
		n := uint32(memcacheStrtoul(by))
		t.uint("memcache.value.length", "Value length", s, by, uint64(n))
		if op == mcCas {
			s, c := word()
			if len(c) == 0 || len(c) > 20 {
				return
			}
			t.uint("memcache.cas", "CAS", s, c, memcacheStrtoul(c))
		}
		if s, nr := word(); len(nr) > 0 && string(nr) == "noreply" {
			t.str("memcache.noreply", "Noreply", s, nr)
		}
		// packet-memcache.c steps over a CR LF after the last word it read
		t.data(len(line)+2, n)
	case mcIncr, mcDecr:
		s, k := word()
		if len(k) == 0 {
			return
		}
		t.str("memcache.key", "Key", s, k)
		s, v := word()
		if len(v) == 0 {
			return
		}
		t.str("memcache.value", "Value", s, v)
		if s, nr := word(); string(nr) == "noreply" {
			t.str("memcache.noreply", "Noreply", s, nr)
		}
	case mcDelete, mcFlush:
		if op == mcDelete {
			s, k := word()
			if len(k) == 0 {
				return
			}
			t.str("memcache.key", "Key", s, k)
		}
		s, x := word()
		if len(x) == 0 || len(x) > 10 {
			return
		}
		if string(x) == "noreply" {
			t.str("memcache.noreply", "Noreply", s, x)
		} else {
			t.uint("memcache.expiration", "Expiration", s, x, uint64(uint32(memcacheStrtoul(x))))
		}
		if op == mcFlush {
			if s, nr := word(); string(nr) == "noreply" {
				t.str("memcache.noreply", "Noreply", s, nr)
			}
		}
	case mcGet, mcGets:
		for len(t.tree) < 1024 {
			s, k := word()
			if len(k) == 0 {
				return
			}
			t.str("memcache.key", "Key", s, k)
		}
	case mcStat:
		if s, sub := word(); len(sub) > 0 {
			t.str("memcache.subcommand", "Sub command", s, sub)
		}
	}
}

func (t *memcacheText) response(line []byte, op byte) {
	switch op {
	case mcGet:
		t.values()
		return
	case mcVersion:
		w, at := memcacheToken(line, 0)
		if string(w) != "VERSION" {
			return
		}
		if v, _ := memcacheToken(line, at); len(v) > 0 {
			t.str("memcache.version", "Version", at, v)
		}
		return
	case mcStat:
		t.stats()
		return
	}
	w, _ := memcacheToken(line, 0)
	switch string(w) {
	case "STORED", "NOT_STORED", "EXISTS", "NOT_FOUND", "DELETED", "OK", "END":
		t.str("memcache.response", "Response", 0, w)
	}
}

// values is get_response_dissector: VALUE lines, each with its data, to END.
func (t *memcacheText) values() {
	off := 0
	for off < len(t.b) && len(t.tree) < 4096 {
		line, next := memcacheLine(t.b[off:])
		w, at := memcacheToken(line, 0)
		if string(w) != "VALUE" {
			return
		}
		word := func() (int, []byte) {
			start := at
			var w []byte
			w, at = memcacheToken(line, at)
			return off + start, w
		}
		s, k := word()
		if len(k) == 0 {
			return
		}
		t.str("memcache.key", "Key", s, k)
		s, fl := word()
		if len(fl) == 0 || len(fl) > 5 {
			return
		}
		t.uint("memcache.flags", "Flags", s, fl, uint64(uint16(memcacheStrtoul(fl))))
		s, by := word()
		if len(by) == 0 || len(by) > 10 {
			return
		}
		n := uint32(memcacheStrtoul(by))
		t.uint("memcache.value.length", "Value length", s, by, uint64(n))
		s, c := word()
		if len(c) > 20 {
			return
		}
		if len(c) > 0 {
			// tshark 4.0 goes no further after a CAS (lab__memcached.pcap
			// frame 24: no value line)
			t.uint("memcache.cas", "CAS", s, c, memcacheStrtoul(c))
			return
		}
		if next < 0 {
			return
		}
		off = t.data(off+next, n)
	}
}

// stats is stat_dissector: STAT lines to END.
func (t *memcacheText) stats() {
	off := 0
	for off < len(t.b) && len(t.tree) < 4096 {
		line, next := memcacheLine(t.b[off:])
		w, at := memcacheToken(line, 0)
		if string(w) != "STAT" {
			return
		}
		t.str("memcache.command", "Command", off, w)
		rest := line[at:]
		colons := 0
		first, last := -1, -1
		for i, c := range rest {
			if c == ':' {
				colons++
				if colons == 1 {
					first = i
				} else if colons == 2 {
					last = i
				} else {
					return
				}
			}
		}
		switch colons {
		case 2:
			t.str("memcache.subcommand", "Sub command", off+at, rest[:first])
			sl := rest[first+1 : last]
			if len(sl) == 0 || len(sl) > 10 {
				return
			}
			t.uint("memcache.slabclass", "Slab class", off+at+first+1, sl, uint64(uint32(memcacheStrtoul(sl))))
			at += last + 1
		case 1:
			sl := rest[:first]
			if len(sl) == 0 || len(sl) > 10 {
				return
			}
			t.uint("memcache.slabclass", "Slab class", off+at, sl, uint64(uint32(memcacheStrtoul(sl))))
			at += first + 1
		}
		s := at
		name, at2 := memcacheToken(line, at)
		if len(name) == 0 {
			return
		}
		t.str("memcache.name", "Stat name", off+s, name)
		v, _ := memcacheToken(line, at2)
		if len(v) == 0 {
			return
		}
		t.str("memcache.name_value", "Stat value", off+at2, v)
		if next < 0 {
			return
		}
		off += next
	}
}
