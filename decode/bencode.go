package decode

import (
	"strconv"
)

// Wireshark's generic bencode dissector (packet-bencode.c), which
// BitTorrent calls for an extension handshake (BEP 10 message ID 0) and the
// Azureus handshake and peer exchange: its fields lie directly in the
// message's subtree. Dictionaries and lists span the rest of the bytes
// (tshark 4.0 shows them so, however long they are), entries are "Entry
// Key: k" with "  Value: v" for a string or integer value; a malformed
// item ends the walk (tshark's "Decode Aborted" expert items, not shown),
// as does nesting deeper than 10.

const bencodeMaxLevel = 10

type bencodeWalk struct{ b []byte }

// str is dissect_bencoding_str at off with length bytes left: the bytes it
// took, or -1. With add, its lines go under parent, and key or value text
// to entry.
func (w bencodeWalk) str(off, length int, parent *[]Field, entry *Field, treeadd int) int {
	if length < 2 {
		return -1
	}
	n, used, izero := int32(0), 0, false
	for length >= 1 {
		if off+used >= len(w.b) {
			return -1
		}
		ch := w.b[off+used]
		length--
		used++
		if ch == ':' && used > 1 {
			if int(n) > length || n < 0 {
				return -1
			}
			if parent != nil {
				s := w.b[off+used : off+used+int(n)]
				v := encASCII(s)
				*parent = append(*parent,
					UintField("bencode.str.length", "String Length: "+strconv.Itoa(int(n)), off, used, uint64(n)),
					StrField("bencode.str", "String: "+formatText([]byte(v)), off+used, int(n), v))
				switch treeadd {
				case 1:
					entry.Label += " Key: " + formatText(s)
				case 2:
					entry.Label += "  Value: " + formatText(s)
				}
			}
			return used + int(n)
		}
		if !izero && ch >= '0' && ch <= '9' {
			if ch == '0' && used == 1 {
				izero = true
			}
			if next := n*10 + int32(ch-'0'); next >= n {
				n = next
				continue
			}
		}
		return -1
	}
	if parent != nil {
		*parent = append(*parent, Field{Name: "bencode.truncated_data", Label: "Truncated Data: ", Start: off, Kind: FieldBytes})
	}
	return -1
}

// integer is dissect_bencoding_int.
func (w bencodeWalk) integer(off, length int, parent *[]Field, entry *Field, treeadd int) int {
	if length < 3 {
		return -1
	}
	var v int32
	neg, izero := false, false
	length--
	used := 1
	for length >= 1 {
		if off+used >= len(w.b) {
			return -1
		}
		ch := w.b[off+used]
		length--
		used++
		switch {
		case ch == 'e':
			if parent != nil {
				if neg {
					v = -v
				}
				*parent = append(*parent, Field{Name: "bencode.int", Label: "Integer: " + strconv.Itoa(int(v)), Start: off, Len: used, Kind: FieldUint, Num: uint64(int64(v))})
				if treeadd == 2 {
					entry.Label += "  Value: " + strconv.Itoa(int(v))
				}
			}
			return used
		case ch == '-' && used == 2:
			neg = true
			continue
		case ch == '0' && used == 3 && neg:
		case ch == '0' && used == 2:
			izero = true
			continue
		case !izero && ch >= '0' && ch <= '9':
			v = v*10 + int32(ch-'0')
			continue
		}
		return -1
	}
	if parent != nil {
		*parent = append(*parent, Field{Name: "bencode.truncated_data", Label: "Truncated Data: ", Start: off, Kind: FieldBytes})
	}
	return -1
}

// rest is the Truncated Data line of the bytes from off to the end.
func (w bencodeWalk) rest(off int) Field {
	off = min(off, len(w.b))
	r := w.b[off:]
	shown := hexEllipsis(r)
	if len(r) == 0 {
		shown = "<MISSING>" // how tshark 4.0 labels an empty byte field
	}
	return Field{Name: "bencode.truncated_data", Label: "Truncated Data: " + shown, Start: off, Len: len(r), Kind: FieldBytes, Str: string(r)}
}

// rec is dissect_bencoding_rec: the bytes the item at off took, or -1.
func (w bencodeWalk) rec(off, length int, parent *[]Field, level int, entry *Field, treeadd int) int {
	if level > bencodeMaxLevel {
		return -1
	}
	if length < 1 || off >= len(w.b) {
		if parent != nil {
			*parent = append(*parent, w.rest(off))
		}
		return length
	}
	switch op := w.b[off]; {
	case op == 'd':
		var d *Field
		if parent != nil {
			*parent = append(*parent, Field{Name: "bencode.dict", Label: "Dictionary", Start: off, Len: length})
			d = &(*parent)[len(*parent)-1]
		}
		used := 1
		length--
		for length >= 1 {
			if off+used >= len(w.b) {
				return -1
			}
			if w.b[off+used] == 'e' {
				return used + 1
			}
			n1 := w.str(off+used, length, nil, nil, 0)
			if n1 < 0 {
				return n1
			}
			n2 := -1
			if length-n1 > 2 {
				n2 = w.rec(off+used+n1, length-n1, nil, level+1, nil, 0)
			}
			if n2 < 0 {
				return n2
			}
			if d != nil {
				e := Field{Name: "bencode.dict.entry", Label: "Entry", Start: off + used, Len: n1 + n2}
				w.str(off+used, length, &e.Children, &e, 1)
				w.rec(off+used+n1, length-n1, &e.Children, level+1, &e, 2)
				d.Children = append(d.Children, e)
			}
			used += n1 + n2
			length -= n1 + n2
		}
		if d != nil {
			d.Children = append(d.Children, w.rest(off+used))
		}
		return -1
	case op == 'l':
		var l *Field
		if parent != nil {
			*parent = append(*parent, Field{Name: "bencode.list", Label: "List", Start: off, Len: length})
			l = &(*parent)[len(*parent)-1]
		}
		used := 1
		length--
		for length >= 1 {
			if off+used >= len(w.b) {
				return -1
			}
			if w.b[off+used] == 'e' {
				return used + 1
			}
			var sub *[]Field
			if l != nil {
				sub = &l.Children
			}
			n := w.rec(off+used, length, sub, level+1, nil, 0)
			if n < 1 {
				return n
			}
			used += n
			length -= n
		}
		if l != nil {
			l.Children = append(l.Children, w.rest(off+used))
		}
		return -1
	case op == 'i':
		return w.integer(off, length, parent, entry, treeadd)
	case op >= '1' && op <= '9':
		return w.str(off, length, parent, entry, treeadd)
	}
	return -1
}

// bencodeFields dissects b (placed at off in the PDU) as tshark's bencode
// dissector does and returns its lines.
func bencodeFields(b []byte, off int) []Field {
	var out []Field
	bencodeWalk{b: b}.rec(0, len(b), &out, 0, nil, 0)
	Shift(out, off)
	return out
}

var bencodeFieldDefs = []FieldDef{
	{Name: "bencode.str.length", Desc: "String Length", Kind: FieldUint, Bits: 32},
	{Name: "bencode.str", Desc: "String", Kind: FieldString},
	{Name: "bencode.int", Desc: "Integer", Kind: FieldUint, Bits: 32},
	{Name: "bencode.dict", Desc: "Dictionary", Kind: FieldLabel},
	{Name: "bencode.dict.entry", Desc: "Entry", Kind: FieldLabel},
	{Name: "bencode.list", Desc: "List", Kind: FieldLabel},
	{Name: "bencode.truncated_data", Desc: "Truncated Data", Kind: FieldBytes},
}
