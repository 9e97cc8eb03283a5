package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// Cassandra's CQL native protocol (v3 and v4) on TCP 9042, as
// packet-cql.c in tshark 4.0 shows it: Protocol "CQL", Info "v4 C->S
// Type QUERY" (the version, the direction bit of the first byte and the
// opcode's name, "Unknown (0x33)" for others). Frames are a 9-byte header
// (version, flags, stream, opcode, body length) and the body; a frame of
// another version is not CQL (the segment stays TCP). When a segment holds
// several frames the Info is the last one's (packet-cql.c clears the
// column for every frame). The body is read as tshark 4.0 reads it, for
// the requests STARTUP, QUERY, PREPARE, EXECUTE, BATCH and REGISTER and
// the responses ERROR and RESULT (void, rows, set keyspace, prepared,
// schema change): a read past the body ends the Info in "[Malformed
// Packet]". Rows are walked with the column specifications as
// packet-cql.c's parse_row re-reads them for every row (a keyspace and a
// table name before every column's, even when the metadata gives them once
// globally, which makes tshark misread such rows: ladder reads them as
// tshark does). Compressed bodies are not decompressed (tshark tries LZ4
// and Snappy; neither is implemented here: their Info is the same).
// Hand-written: gopacket has no CQL layer.

const portCQL = 9042

var cql = &Dissector{
	Name:    "cql",
	Dissect: dissectCQL,
	PDULen:  cqlPDULen,
	Fields: []FieldDef{
		{Name: "cql", Desc: "Cassandra CQL Protocol", Kind: FieldProto},
		{Name: "cql.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "cql.protocol_version", Desc: "Protocol version", Kind: FieldUint, Bits: 8},
		{Name: "cql.direction", Desc: "Direction", Kind: FieldUint, Bits: 8},
		{Name: "cql.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "cql.flags.compression", Desc: "Compression", Kind: FieldBool},
		{Name: "cql.flags.tracing", Desc: "Tracing", Kind: FieldBool},
		{Name: "cql.flags.custom_payload", Desc: "Custom Payload", Kind: FieldBool},
		{Name: "cql.flags.warning", Desc: "Warning", Kind: FieldBool},
		{Name: "cql.flags.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "cql.stream", Desc: "Stream Identifier", Kind: FieldUint, Bits: 16},
		{Name: "cql.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 8},
		{Name: "cql.message_length", Desc: "Message Length", Kind: FieldUint, Bits: 32},
		{Name: "cql.string_map_size", Desc: "String Map Size", Kind: FieldUint, Bits: 16},
		{Name: "cql.string_list_size", Desc: "String List Size", Kind: FieldUint, Bits: 16},
		{Name: "cql.string_length", Desc: "String Length", Kind: FieldUint, Bits: 32},
		{Name: "cql.string", Desc: "String", Kind: FieldString},
		{Name: "cql.consistency", Desc: "Consistency", Kind: FieldUint, Bits: 16},
		{Name: "cql.query.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "cql.bytes_length.short", Desc: "Bytes length", Kind: FieldUint, Bits: 16},
		{Name: "cql.query_id", Desc: "Query ID", Kind: FieldBytes},
		{Name: "cql.batch_type", Desc: "Batch type", Kind: FieldUint, Bits: 8},
		{Name: "cql.batch_query_size", Desc: "Batch Query Size", Kind: FieldUint, Bits: 16},
		{Name: "cql.error_code", Desc: "Error Code", Kind: FieldUint, Bits: 32},
		{Name: "cql.result.kind", Desc: "Result Kind", Kind: FieldUint, Bits: 32},
		{Name: "cql.result.rows.flags", Desc: "Rows Result Flags", Kind: FieldUint, Bits: 32},
		{Name: "cql.result.rows.column_count", Desc: "Column Count", Kind: FieldUint, Bits: 32},
		{Name: "cql.result.rows.row_count", Desc: "CQL Result Rows Count", Kind: FieldUint, Bits: 32},
	},
}

func init() { RegisterTCP(cql, portCQL) }

var cqlOpcodes = map[byte]string{
	0x00: "ERROR", 0x01: "STARTUP", 0x02: "READY", 0x03: "AUTHENTICATE", 0x05: "OPTIONS", 0x06: "SUPPORTED",
	0x07: "QUERY", 0x08: "RESULT", 0x09: "PREPARE", 0x0a: "EXECUTE", 0x0b: "REGISTER", 0x0c: "EVENT",
	0x0d: "BATCH", 0x0e: "AUTH_CHALLENGE", 0x0f: "AUTH_RESPONSE", 0x10: "AUTH_SUCCESS",
}

var cqlConsistencies = map[uint16]string{
	0: "ANY", 1: "ONE", 2: "TWO", 3: "THREE", 4: "QUORUM", 5: "ALL", 6: "LOCAL_QUORUM", 7: "EACH_QUORUM",
	8: "SERIAL", 9: "LOCAL_SERIAL", 10: "LOCAL_ONE",
}

var cqlResultKinds = map[int32]string{1: "VOID", 2: "Rows", 3: "Set Keyspace", 4: "Prepared", 5: "Schema Change"}

// cqlPDULen: the 9-byte header's length field plus the header, for
// versions 3 and 4 only (packet-cql.c refuses others).
func cqlPDULen(_ *Conv, _ uint8, b []byte) int {
	if v := b[0] & 0x7f; v != 3 && v != 4 {
		return -1
	}
	if len(b) < 9 {
		return 0
	}
	n := int64(binary.BigEndian.Uint32(b[5:])) + 9
	if n > 1<<31-1 {
		return PDUUntilFIN
	}
	return int(n)
}

// cqlR reads a CQL body as tshark's tvb reads do: a read past the body
// marks it bad and every later read fails (the exception ends the
// dissection).
type cqlR struct {
	b    []byte
	base int // the body's offset in the PDU, for tree offsets
	bad  bool
}

// item is proto_tree_add_item's length test: n == -1 takes the rest.
func (r *cqlR) item(off, n int) bool {
	if r.bad {
		return false
	}
	if off < 0 || off > len(r.b) || n < -1 || n >= 0 && off+n > len(r.b) {
		r.bad = true
		return false
	}
	return true
}

func (r *cqlR) u8(off int) (uint32, bool) {
	if !r.item(off, 1) {
		return 0, false
	}
	return uint32(r.b[off]), true
}

func (r *cqlR) u16(off int) (uint32, bool) {
	if !r.item(off, 2) {
		return 0, false
	}
	return uint32(binary.BigEndian.Uint16(r.b[off:])), true
}

func (r *cqlR) u32(off int) (uint32, bool) {
	if !r.item(off, 4) {
		return 0, false
	}
	return binary.BigEndian.Uint32(r.b[off:]), true
}

// span is the bytes of an item of length n at off (n == -1: the rest).
func (r *cqlR) span(off, n int) []byte {
	if n == -1 {
		return r.b[off:]
	}
	return r.b[off : off+n]
}

type cqlBody struct {
	r    cqlR
	tree bool
	kids []Field
}

// cqlFlagNames is what proto_tree_add_bitmask appends to a flags byte's
// line: the name of every set flag (bit 0 up), then the reserved bits'
// value when not zero (shifted, in hex of their width).
func cqlFlagNames(v byte, names []string, reserved byte, shift uint, digits int) string {
	var s string
	for i, n := range names {
		if v&(1<<i) != 0 {
			s += ", " + n
		}
	}
	if r := v & reserved; r != 0 {
		s += fmt.Sprintf(", Reserved: 0x%0*x", digits, r>>shift)
	}
	return s
}

func (c *cqlBody) add(f Field) {
	if c.tree {
		c.kids = append(c.kids, f)
	}
}

// str reads a [string]/[long string]: its length (lenSize bytes) then the
// UTF-8 bytes; name is the string's field.
func (c *cqlBody) str(off, lenSize int, name, desc string) (int, bool) {
	var n uint32
	var ok bool
	if lenSize == 2 {
		n, ok = c.r.u16(off)
	} else {
		n, ok = c.r.u32(off)
	}
	if !ok {
		return off, false
	}
	c.add(UintField("cql.string_length", "String Length: "+strconv.FormatUint(uint64(n), 10), c.r.base+off, lenSize, uint64(n)))
	off += lenSize
	ln := int(int32(n))
	if !c.r.item(off, ln) {
		return off, false
	}
	s := string(c.r.span(off, ln))
	c.add(StrField(name, desc+": "+Printable(s), c.r.base+off, len(c.r.span(off, ln)), s))
	return off + ln, true
}

func dissectCQL(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("CQL")
	if len(b) < 9 {
		out.SetInfo(malformedMark)
		return true
	}
	ver, resp, op := b[0]&0x7f, b[0]&0x80 != 0, b[4]
	dir := "C->S"
	if resp {
		dir = "S->C"
	}
	out.SetInfo(fmt.Sprintf("v%d %s Type %s", ver, dir, valName(cqlOpcodes, op, fmt.Sprintf("Unknown (0x%02x)", op))))
	c := &cqlBody{r: cqlR{b: b[9:], base: 9}, tree: out.WantTree}
	var title string
	flags := b[1]
	if flags&0x01 == 0 {
		title = c.body(resp, op)
	}
	if c.r.bad {
		out.AppendInfo("", malformedMark)
	}
	if !out.WantTree {
		return true
	}
	top := Field{Name: "cql", Label: "Cassandra CQL Protocol", Len: len(b), Kind: FieldProto}
	add := func(f Field) { top.Children = append(top.Children, f) }
	add(Field{Name: "cql.version", Label: fmt.Sprintf("Version: 0x%02x", b[0]), Start: 0, Len: 1, Kind: FieldUint, Num: uint64(b[0]), Children: []Field{
		UintField("cql.protocol_version", bitsLabel8(b[0], 0x0f, "Protocol version: "+strconv.Itoa(int(b[0]&0x0f))), 0, 1, uint64(b[0]&0x0f)),
		UintField("cql.direction", bitsLabel8(b[0], 0xf0, fmt.Sprintf("Direction: %s (0x%x)", valName(map[byte]string{0: "Request", 8: "Response"}, b[0]>>4, "Unknown"), b[0]>>4)), 0, 1, uint64(b[0]>>4)),
	}})
	fl := UintField("cql.flags", fmt.Sprintf("Flags: 0x%02x", flags), 1, 1, uint64(flags))
	if ver == 4 {
		fl.Label += cqlFlagNames(flags, []string{"Compression", "Tracing", "Custom Payload", "Warning"}, 0xf0, 4, 1)
	} else {
		fl.Label += cqlFlagNames(flags, []string{"Compression", "Tracing"}, 0xfc, 2, 2)
	}
	if ver == 3 || ver == 4 {
		bit := func(name, text string, m byte) Field {
			return Field{Name: name, Label: bitsLabel8(flags, m, text+": "+rtpBool(flags&m)), Start: 1, Len: 1, Kind: FieldBool, Num: uint64(b2u(flags&m != 0))}
		}
		fl.Children = []Field{bit("cql.flags.compression", "Compression", 0x01), bit("cql.flags.tracing", "Tracing", 0x02)}
		if ver == 4 {
			fl.Children = append(fl.Children, bit("cql.flags.custom_payload", "Custom Payload", 0x04), bit("cql.flags.warning", "Warning", 0x08),
				UintField("cql.flags.reserved", bitsLabel8(flags, 0xf0, fmt.Sprintf("Reserved: 0x%x", flags>>4)), 1, 1, uint64(flags>>4)))
		} else {
			fl.Children = append(fl.Children, UintField("cql.flags.reserved", bitsLabel8(flags, 0xfc, fmt.Sprintf("Reserved: 0x%02x", flags>>2)), 1, 1, uint64(flags>>2)))
		}
	}
	add(fl)
	stream := int16(binary.BigEndian.Uint16(b[2:]))
	add(UintField("cql.stream", "Stream Identifier: "+strconv.Itoa(int(stream)), 2, 2, uint64(uint16(stream))))
	add(UintField("cql.opcode", bitsLabel8(op, 0x7f, fmt.Sprintf("Opcode: %s (%d)", valName(cqlOpcodes, op&0x7f, "Unknown"), op&0x7f)), 4, 1, uint64(op&0x7f)))
	mlen := binary.BigEndian.Uint32(b[5:])
	add(UintField("cql.message_length", "Message Length: "+strconv.FormatUint(uint64(mlen), 10), 5, 4, uint64(mlen)))
	if title != "" {
		add(Field{Label: title, Start: 9, Len: len(b) - 9, Children: c.kids})
	}
	out.Add(top)
	return true
}

// body reads the message as packet-cql.c 4.0 does and returns the title
// of its tree line ("" for messages tshark does not take apart).
func (c *cqlBody) body(resp bool, op byte) string {
	r := &c.r
	off := 0
	if !resp {
		switch op {
		case 0x01: // STARTUP
			n, ok := r.u16(0)
			if !ok {
				return "Message STARTUP"
			}
			c.add(UintField("cql.string_map_size", "String Map Size: "+strconv.Itoa(int(n)), r.base, 2, uint64(n)))
			off = 2
			for i := uint32(0); i < n && !r.bad; i++ {
				off, _ = c.str(off, 2, "cql.string", "String")
				off, _ = c.str(off, 2, "cql.string", "String")
			}
			return "Message STARTUP"
		case 0x07: // QUERY
			off, _ = c.str(0, 4, "cql.string", "String")
			c.params(off, false)
			return "Query"
		case 0x09: // PREPARE
			c.str(0, 4, "cql.string", "String")
			return "Message PREPARE"
		case 0x0a: // EXECUTE
			off = c.queryID(0)
			c.params(off, true)
			return "Message EXECUTE"
		case 0x0d: // BATCH
			c.batch()
			return "Message BATCH"
		case 0x0b: // REGISTER
			n, ok := r.u16(0)
			if !ok {
				return "Message REGISTER"
			}
			c.add(UintField("cql.string_list_size", "String List Size: "+strconv.Itoa(int(n)), r.base, 2, uint64(n)))
			off = 2
			for i := uint32(0); i < n && !r.bad; i++ {
				off, _ = c.str(off, 2, "cql.string", "String")
			}
			return "Message REGISTER"
		}
		return ""
	}
	switch op {
	case 0x00: // ERROR
		code, ok := r.u32(0)
		if !ok {
			return "Message ERROR"
		}
		c.add(UintField("cql.error_code", "Error Code: "+strconv.Itoa(int(int32(code))), r.base, 4, uint64(code)))
		c.str(4, 2, "cql.string", "String")
		return "Message ERROR"
	case 0x08: // RESULT
		c.result()
		return "Message RESULT"
	}
	return ""
}

// queryID reads a [short bytes] query ID.
func (c *cqlBody) queryID(off int) int {
	n, ok := c.r.u16(off)
	if !ok {
		return off
	}
	c.add(UintField("cql.bytes_length.short", "Bytes length: "+strconv.Itoa(int(n)), c.r.base+off, 2, uint64(n)))
	off += 2
	if !c.r.item(off, int(n)) {
		return off
	}
	id := c.r.b[off : off+int(n)]
	c.add(Field{Name: "cql.query_id", Label: "Query ID: " + hexEllipsis(id), Start: c.r.base + off, Len: len(id), Kind: FieldBytes, Str: string(id)})
	return off + int(n)
}

// bytes reads an [int]-length value: its bytes follow when positive.
func (c *cqlBody) bytes(off int) int {
	n, ok := c.r.u32(off)
	if !ok {
		return off
	}
	off += 4
	if l := int(int32(n)); l > 0 {
		if !c.r.item(off, l) {
			return off
		}
		off += l
	}
	return off
}

// params reads a QUERY's or EXECUTE's query parameters.
func (c *cqlBody) params(off int, execute bool) {
	r := &c.r
	cons, ok := r.u16(off)
	if !ok {
		return
	}
	c.add(UintField("cql.consistency", fmt.Sprintf("Consistency: %s (0x%04x)", valName(cqlConsistencies, uint16(cons), "Unknown"), cons), r.base+off, 2, uint64(cons)))
	off += 2
	flags, ok := r.u8(off)
	if !ok {
		return
	}
	c.add(UintField("cql.query.flags", fmt.Sprintf("Flags: 0x%02x", flags)+cqlFlagNames(byte(flags), []string{"Values", "Skip Metadata", "Page Size", "Paging State", "Serial Consistency", "Default Timestamp", "Names for Values"}, 0x80, 7, 1), r.base+off, 1, uint64(flags)))
	off++
	if flags&0x01 != 0 {
		n, ok := r.u16(off)
		if !ok {
			return
		}
		off += 2
		for i := uint32(0); i < n && !r.bad; i++ {
			if !execute && flags&0x40 != 0 {
				l, ok := r.u16(off)
				if !ok || !r.item(off+2, int(l)) {
					return
				}
				off += 2 + int(l)
			}
			off = c.bytes(off)
		}
	}
	if flags&0x04 != 0 {
		if !r.item(off, 4) {
			return
		}
		off += 4
	}
	if flags&0x08 != 0 {
		off = c.bytes(off)
	}
	if flags&0x10 != 0 {
		if !r.item(off, 2) {
			return
		}
		off += 2
	}
	if flags&0x20 != 0 {
		r.item(off, 8)
	}
}

func (c *cqlBody) batch() {
	r := &c.r
	typ, ok := r.u8(0)
	if !ok {
		return
	}
	c.add(UintField("cql.batch_type", fmt.Sprintf("Batch type: %s (%d)", valName(map[uint32]string{0: "LOGGED", 1: "UNLOGGED", 2: "COUNTER"}, typ, "Unknown"), typ), r.base, 1, uint64(typ)))
	n, ok := r.u16(1)
	if !ok {
		return
	}
	c.add(UintField("cql.batch_query_size", "Batch Query Size: "+strconv.Itoa(int(n)), r.base+1, 2, uint64(n)))
	off := 3
	for i := uint32(0); i < n && !r.bad; i++ {
		qt, ok := r.u8(off)
		if !ok {
			return
		}
		off++
		switch qt {
		case 0:
			if off, ok = c.str(off, 4, "cql.string", "String"); !ok {
				return
			}
		case 1:
			if off = c.queryID(off); r.bad {
				return
			}
		}
		vc, ok := r.u16(off)
		if !ok {
			return
		}
		off += 2
		for k := uint32(0); k < vc && !r.bad; k++ {
			off = c.bytes(off)
		}
	}
	r.item(off, 2)
	r.item(off+2, 1)
}

// result reads a RESULT message.
func (c *cqlBody) result() {
	r := &c.r
	k, ok := r.u32(0)
	if !ok {
		return
	}
	kind := int32(k)
	c.add(UintField("cql.result.kind", fmt.Sprintf("Result Kind: %s (%d)", valName(cqlResultKinds, kind, "Unknown"), kind), r.base, 4, uint64(k)))
	switch kind {
	case 2:
		c.rows(4)
	case 3:
		c.str(4, 2, "cql.string", "String")
	case 4:
		c.queryID(4)
	}
}

// rows reads a Rows result: the metadata, then every row, each value
// typed by the column specification parse_row re-reads for it.
func (c *cqlBody) rows(off int) {
	r := &c.r
	flags, ok := r.u32(off)
	if !ok {
		return
	}
	c.add(UintField("cql.result.rows.flags", "Rows Result Flags: "+strconv.FormatUint(uint64(flags), 10), r.base+off, 4, uint64(flags)))
	off += 4
	cc, ok := r.u32(off)
	if !ok {
		return
	}
	cols := int32(cc)
	c.add(UintField("cql.result.rows.column_count", "Column Count: "+strconv.Itoa(int(cols)), r.base+off, 4, uint64(cc)))
	if cols < 0 {
		return
	}
	off += 4
	if flags&0x5 == 0x1 {
		for range 2 {
			n, ok := r.u16(off)
			if !ok || !r.item(off+2, int(n)) {
				return
			}
			off += 2 + int(n)
		}
	}
	if flags&0x2 != 0 {
		off = c.bytes(off)
	}
	meta := 0
	if flags&0x4 == 0 {
		meta = off
		for j := int32(0); j < cols && !r.bad; j++ {
			if flags&0x1 == 0 {
				off = c.skipStr(off)
				off = c.skipStr(off)
			}
			off = c.skipStr(off)
			off = c.option(off, 0)
		}
	}
	rc, ok := r.u32(off)
	if !ok {
		return
	}
	rowsN := int32(rc)
	c.add(UintField("cql.result.rows.row_count", "CQL Result Rows Count: "+strconv.Itoa(int(rowsN)), r.base+off, 4, uint64(rc)))
	if rowsN < 0 {
		return
	}
	off += 4
	if cols == 0 {
		return
	}
	for j := int32(0); j < rowsN && !r.bad; j++ {
		if meta != 0 {
			shadow := meta
			for k := int32(0); k < cols && !r.bad; k++ {
				shadow = c.skipStr(shadow)
				shadow = c.skipStr(shadow)
				shadow = c.skipStr(shadow)
				off = c.value(&shadow, off, 0)
			}
		} else {
			for k := int32(0); k < cols && !r.bad; k++ {
				off = c.bytes(off)
			}
		}
	}
}

// skipStr reads a [string] without showing it.
func (c *cqlBody) skipStr(off int) int {
	n, ok := c.r.u16(off)
	if !ok || !c.r.item(off+2, int(n)) {
		return off
	}
	return off + 2 + int(n)
}

// cqlMaxDepth bounds the recursion of nested type options and values
// (tshark's is bounded by its stack; a hostile capture must not be).
const cqlMaxDepth = 64

// option reads a column type option ([short] type, then what the type
// needs: an element type, key and value types, a UDT's fields, a tuple's
// types).
func (c *cqlBody) option(off, depth int) int {
	r := &c.r
	t, ok := r.u16(off)
	if !ok {
		return off
	}
	off += 2
	if depth > cqlMaxDepth {
		r.bad = true
		return off
	}
	switch t {
	case 0x20, 0x22:
		off = c.option(off, depth+1)
	case 0x21:
		off = c.option(off, depth+1)
		off = c.option(off, depth+1)
	case 0x30:
		off = c.skipStr(off)
		off = c.skipStr(off)
		n, ok := r.u16(off)
		if !ok {
			return off
		}
		off += 2
		for i := uint32(0); i < n && !r.bad; i++ {
			off = c.skipStr(off)
			off = c.option(off, depth+1)
		}
	case 0x31:
		n, ok := r.u16(off)
		if !ok {
			return off
		}
		off += 2
		for i := uint32(0); i < n && !r.bad; i++ {
			off = c.option(off, depth+1)
		}
	}
	return off
}

// value reads one row value as parse_value does: its [int] length from
// the row, its type from the metadata at *meta.
func (c *cqlBody) value(meta *int, off, depth int) int {
	r := &c.r
	n, ok := r.u32(off)
	if !ok {
		return off
	}
	bl := int(int32(n))
	off += 4
	t, ok := r.u16(*meta)
	if !ok {
		return off
	}
	*meta += 2
	if depth > cqlMaxDepth {
		r.bad = true
		return off
	}
	if bl == -1 {
		// a null value: tshark 4.0 skips no element types of a
		// collection's metadata, so the next column reads them
		r.item(off, 0)
		return off
	}
	fixed := func(n int) int {
		if r.item(off, n) {
			return off + n
		}
		return off
	}
	switch t {
	case 0x00, 0x01, 0x03, 0x0d: // custom, ascii, blob, varchar
		if r.item(off, bl) {
			off += bl
		}
	case 0x02, 0x07, 0x0b: // bigint, double, timestamp
		off = fixed(8)
	case 0x04: // boolean: added with a value, its bytes not read
		off++
	case 0x06: // decimal: scale, then an unscaled varint
		if !r.item(off, 4) {
			return off
		}
		off += 4
		if l := bl - 4; l >= 1 && l <= 8 && !r.item(off, l) {
			return off
		}
		off += bl - 4
	case 0x08, 0x09: // float, int
		off = fixed(4)
	case 0x0c, 0x0f: // uuid, timeuuid
		off = fixed(16)
	case 0x0e: // varint
		if bl >= 1 && bl <= 8 && !r.item(off, bl) {
			return off
		}
		off += bl
	case 0x10: // inet
		switch bl {
		case 4, 8:
			off = fixed(4)
		case 16, 20:
			off = fixed(16)
		}
		if bl == 16 || bl == 20 {
			off = fixed(4)
		}
	case 0x20, 0x21, 0x22: // list, map, set
		sz, ok := r.u32(off)
		if !ok {
			return off
		}
		size := int32(sz)
		if t != 0x20 {
			off += 4
		}
		if size < 0 {
			return len(r.b)
		}
		if t == 0x20 {
			off += 4
		}
		if size == 0 {
			return off // nor of an empty one
		}
		backup := *meta
		for j := int32(0); j < size && !r.bad; j++ {
			*meta = backup
			off = c.value(meta, off, depth+1)
			if t == 0x21 {
				off = c.value(meta, off, depth+1)
			}
		}
	case 0x30: // UDT: its names and fields from the metadata
		*meta = c.skipStr(*meta)
		*meta = c.skipStr(*meta)
		n, ok := r.u16(*meta)
		if !ok {
			return off
		}
		*meta += 2
		for i := uint32(0); i < n && !r.bad; i++ {
			*meta = c.skipStr(*meta)
			off = c.value(meta, off, depth+1)
		}
	case 0x31: // tuple
		n, ok := r.u16(*meta)
		if !ok {
			return off
		}
		*meta += 2
		for i := uint32(0); i < n && !r.bad; i++ {
			off = c.value(meta, off, depth+1)
		}
	}
	return off
}
