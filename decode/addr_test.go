package decode

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestInternIPv4Memo interns 5,000 IPv4 addresses (many sharing memo
// slots) in random order, repeatedly: each must keep the one index it got
// first, and different addresses must get different indexes.
func TestInternIPv4Memo(t *testing.T) {
	tab := newAddrTable()
	rng := rand.New(rand.NewPCG(3, 4))
	ips := make([]uint32, 5000)
	for i := range ips {
		ips[i] = rng.Uint32()
	}
	first := map[uint32]uint32{}
	seen := map[uint32]uint32{}
	for range 20000 {
		ip := ips[rng.IntN(len(ips))]
		id := tab.intern(AddrIPv4, binary.BigEndian.AppendUint32(nil, ip))
		if want, ok := first[ip]; ok && want != id {
			t.Fatalf("%08x: index %d, earlier %d", ip, id, want)
		}
		if other, ok := seen[id]; ok && other != ip {
			t.Fatalf("index %d given to %08x and %08x", id, other, ip)
		}
		first[ip], seen[id] = id, ip
		if got := tab.list[id]; got != makeAddr(AddrIPv4, binary.BigEndian.AppendUint32(nil, ip)) {
			t.Fatalf("index %d holds %v, want %08x", id, got, ip)
		}
	}
}
