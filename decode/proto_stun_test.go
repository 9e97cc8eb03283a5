package decode

import (
	"encoding/binary"
	"testing"
)

// stunMsg builds an RFC 5389 message of type mt with the transaction ID
// 0x11 * 12 and the given attributes (type, value).
func stunMsg(mt uint16, attrs ...any) []byte {
	b := binary.BigEndian.AppendUint16(nil, mt)
	b = append(b, 0, 0)
	b = binary.BigEndian.AppendUint32(b, stunMagicCookie)
	for range 12 {
		b = append(b, 0x11)
	}
	for i := 0; i+1 < len(attrs); i += 2 {
		v := attrs[i+1].([]byte)
		b = binary.BigEndian.AppendUint16(b, uint16(attrs[i].(int)))
		b = binary.BigEndian.AppendUint16(b, uint16(len(v)))
		b = append(b, v...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)-stunHeaderLen))
	return b
}

// TestSTUNInfo checks Info texts against tshark 4.0 on the same hand-built
// messages (and on frames of the cisco captures, whose columns
// TestAppColumnsMatchTshark compares).
func TestSTUNInfo(t *testing.T) {
	xor4 := func(a [4]byte, port uint16) []byte {
		v := []byte{0, 1}
		v = binary.BigEndian.AppendUint16(v, port^stunMagicCookie>>16)
		c := binary.BigEndian.AppendUint32(nil, stunMagicCookie)
		for i := range a {
			v = append(v, a[i]^c[i])
		}
		return v
	}
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"error response", stunMsg(0x0111, 0x0009, []byte("\x00\x00\x04\x01Unauthorized"), 0x0014, []byte("example.org"),
			0x0015, []byte("abcd"), 0x8022, []byte("sw 1.0")),
			"Binding Error Response error-code: 401 (Unauthenticated) Unauthorized realm: example.org with nonce"},
		{"allocate request", stunMsg(0x0003, 0x0019, []byte{17, 0, 0, 0}, 0x0006, []byte("alice")), "Allocate Request UDP user: alice"},
		{"allocate success", stunMsg(0x0103, 0x0016, xor4([4]byte{10, 0, 0, 1}, 6000), 0x0020, xor4([4]byte{1, 2, 3, 4}, 7000),
			0x000d, []byte{0, 0, 2, 0x58}), "Allocate Success Response XOR-RELAYED-ADDRESS: 10.0.0.1:6000 XOR-MAPPED-ADDRESS: 1.2.3.4:7000 lifetime: 600"},
		{"send indication", stunMsg(0x0016, 0x0012, xor4([4]byte{5, 6, 7, 8}, 80), 0x0013, []byte("hello")), "Send Indication XOR-PEER-ADDRESS: 5.6.7.8:80"},
		{"unknown error code", stunMsg(0x0111, 0x0009, []byte("\x00\x00\x04\x08x")), "Binding Error Response error-code: 408 (*Unknown error code*) x"},
		{"channel bind", stunMsg(0x0009), "Channel-Bind Request"},
		{"method 0", stunMsg(0x0000), "Unknown Request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out Out
			out.reset(true)
			if !dissectSTUN(&PDU{Data: c.b, Len: len(c.b)}, &out) {
				t.Fatal("not claimed")
			}
			if out.Info() != c.want {
				t.Errorf("got %q, want %q", out.Info(), c.want)
			}
		})
	}
	short := stunMsg(0x0001, 0x0006, []byte("abc"))
	if stunHeuristic(short[:len(short)-4]) || dissectSTUN(&PDU{Data: short[:len(short)-4]}, &Out{}) {
		t.Error("a message shorter than its length field is not STUN (tshark: UDP)")
	}
}

// FuzzProtoSTUN feeds arbitrary datagrams to the STUN parser: no panic,
// tree ranges inside the datagram.
func FuzzProtoSTUN(f *testing.F) {
	f.Add(stunMsg(0x0101, 0x0001, []byte{0, 1, 0xcc, 0x9c, 136, 56, 4, 69}, 0x0006, []byte("u:v")))
	f.Fuzz(func(t *testing.T, b []byte) {
		stunHeuristic(b)
		stunPDULen(nil, 0, b)
		var out Out
		out.reset(true)
		dissectSTUN(&PDU{Data: b, Len: len(b)}, &out)
		checkTree(t, out.Tree, len(b))
	})
}
