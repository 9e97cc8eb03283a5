package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

// AddrKind tells what an Addr holds.
type AddrKind uint8

const (
	AddrNone AddrKind = iota
	AddrIPv4
	AddrIPv6
	AddrMAC
)

// Addr is a network or link address, stored by value so the address table
// needs no per-address heap object.
type Addr struct {
	Kind AddrKind
	B    [16]byte
}

func makeAddr(kind AddrKind, b []byte) Addr {
	a := Addr{Kind: kind}
	copy(a.B[:], b)
	return a
}

// IP returns the address as a netip.Addr (invalid for MAC addresses).
func (a Addr) IP() netip.Addr {
	switch a.Kind {
	case AddrIPv4:
		return netip.AddrFrom4([4]byte(a.B[:4]))
	case AddrIPv6:
		return netip.AddrFrom16(a.B)
	}
	return netip.Addr{}
}

func (a Addr) String() string {
	switch a.Kind {
	case AddrIPv4, AddrIPv6:
		return a.IP().String()
	case AddrMAC:
		b := a.B
		return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5])
	}
	return ""
}

// addrTable interns addresses: packets refer to them by a 32-bit index.
type addrTable struct {
	list []Addr
	ids  map[Addr]uint32
	// recent remembers the last addresses seen: consecutive packets mostly
	// share their two endpoints, which saves most map lookups.
	recent [4]struct {
		a  Addr
		id uint32
	}
	next int
	// v4 maps recently seen IPv4 addresses to their index, direct-mapped
	// by a hash of the address: two lookups per packet, so the common case
	// must not build and compare 17-byte keys.
	v4 [256]struct{ ip, id uint32 }
}

func newAddrTable() *addrTable {
	return &addrTable{list: []Addr{{}}, ids: map[Addr]uint32{{}: 0}}
}

// intern returns the table index of address b of the given kind, adding it
// when new.
func (t *addrTable) intern(kind AddrKind, b []byte) uint32 {
	if kind == AddrIPv4 && len(b) == 4 {
		ip := binary.BigEndian.Uint32(b)
		m := &t.v4[(ip*0x9e3779b1)>>24]
		if m.id != 0 && m.ip == ip {
			return m.id
		}
		id := t.internSlow(kind, b)
		m.ip, m.id = ip, id
		return id
	}
	return t.internSlow(kind, b)
}

// internSlow is intern for any kind, through the recent list and the map.
func (t *addrTable) internSlow(kind AddrKind, b []byte) uint32 {
	a := makeAddr(kind, b)
	for i := range t.recent {
		if t.recent[i].a == a && t.recent[i].id != 0 {
			return t.recent[i].id
		}
	}
	id, ok := t.ids[a]
	if !ok {
		id = uint32(len(t.list))
		t.list = append(t.list, a)
		t.ids[a] = id
	}
	t.recent[t.next] = struct {
		a  Addr
		id uint32
	}{a, id}
	t.next = (t.next + 1) % len(t.recent)
	return id
}
