package decode

import (
	"reflect"
	"testing"
)

// TestTLVWalk checks the walker's bounds on hand-built lists: PPP options
// (RFC 1661 6: one-byte type and length, the length counting both), PPPoE
// tags (RFC 2516 A: two-byte type and length, the value alone) and the
// item cap.
func TestTLVWalk(t *testing.T) {
	type item struct {
		typ, off int
		v        string
	}
	ppp := tlvList{typeLen: 1, lenLen: 1, lenCountsHeader: true, max: 64}
	tags := tlvList{typeLen: 2, lenLen: 2, max: 256}
	cases := []struct {
		name string
		list tlvList
		b    string
		stop int // fn returns false for this type (-1: never)
		want []item
	}{
		{"ppp options", ppp, "\x01\x04\x05\xd4\x05\x06\x01\x02\x03\x04", -1, []item{{1, 0, "\x05\xd4"}, {5, 4, "\x01\x02\x03\x04"}}},
		{"ppp empty value", ppp, "\x07\x02\x08\x02", -1, []item{{7, 0, ""}, {8, 2, ""}}},
		{"ppp length below header", ppp, "\x07\x02\x08\x01\x09\x02", -1, []item{{7, 0, ""}}},
		{"ppp cut short", ppp, "\x01\x04\x05\xd4\x05\x06\x01", -1, []item{{1, 0, "\x05\xd4"}}},
		{"ppp trailing byte", ppp, "\x01\x02\x05", -1, []item{{1, 0, ""}}},
		{"pppoe tags", tags, "\x01\x01\x00\x00\x01\x02\x00\x02ac", -1, []item{{0x101, 0, ""}, {0x102, 4, "ac"}}},
		{"pppoe cut short", tags, "\x01\x02\x00\x05ac", -1, nil},
		{"pppoe end of list", tags, "\x01\x02\x00\x01a\x00\x00\x00\x00\x01\x01\x00\x00", 0, []item{{0x102, 0, "a"}, {0, 5, ""}}},
		{"cap", tlvList{typeLen: 1, lenLen: 1, lenCountsHeader: true, max: 2}, "\x01\x02\x02\x02\x03\x02", -1, []item{{1, 0, ""}, {2, 2, ""}}},
		{"empty", tags, "", -1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []item
			c.list.walk([]byte(c.b), func(typ, off int, v []byte) bool {
				got = append(got, item{typ, off, string(v)})
				return typ != c.stop
			})
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}
