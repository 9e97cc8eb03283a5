package decode

import (
	_ "embed"
	"sort"
)

// manufOUIs holds the 24-bit organisationally unique identifiers that
// Wireshark's manufacturer file names on a line of their own, sorted, three
// bytes each (written by tools/manuf-ouis.py from the file tshark 4.0.17
// reads; TestManufOUIsMatchTshark compares them). Only whether a prefix
// is known matters to ladder: packet-pw-eth.c decides by it whether an
// MPLS pseudowire carries a control word.
//
//go:embed manuf_ouis.bin
var manufOUIs string

// manufKnows reports whether mac starts with an OUI the manufacturer file
// names (Wireshark's get_manuf_name_if_known).
func manufKnows(mac []byte) bool {
	if len(mac) < 3 {
		return false
	}
	key := string(mac[:3])
	n := len(manufOUIs) / 3
	i := sort.Search(n, func(i int) bool { return manufOUIs[3*i:3*i+3] >= key })
	return i < n && manufOUIs[3*i:3*i+3] == key
}
