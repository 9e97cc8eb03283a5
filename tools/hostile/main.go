// Command hostile writes the hand-crafted hostile captures in
// testdata/damaged/hostile__*: files whose headers lie (record and block
// lengths of 2^32-1, trailing block lengths that disagree, zero-length blocks,
// options that overrun their block, thousands of interfaces, unknown link
// types, timestamps that run backwards). Each is built from real packets of
// a testdata capture so that everything before the damage is ordinary
// traffic. The decode and cmd/ladder tests read the files and state what
// ladder must do with each; TestGeneratedFilesCommitted in this directory
// keeps the committed files equal to what this program writes.
//
// Run from the repository root: go run ./tools/hostile
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
)

// source is the real capture the hostile files take their packets from:
// four 54-byte Ethernet/IPv4/TCP packets (SYN, ACK, FIN, RST).
const source = "testdata/corpus/zeek__testing__btest__Traces__tcp__syn-then-stuff-then-rst.pcap"

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	files, err := build(filepath.Join(root, source))
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
	for _, f := range files {
		p := filepath.Join(root, "testdata", "damaged", f.name)
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "hostile:", err)
			os.Exit(1)
		}
	}
}

// file is one generated capture.
type file struct {
	name string
	data []byte
}

// packet is a real packet taken from the source capture.
type packet struct {
	sec, usec uint32
	data      []byte
}

// readPackets reads the records of a little-endian microsecond pcap file.
func readPackets(path string) ([]packet, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 24 || binary.LittleEndian.Uint32(b) != 0xa1b2c3d4 {
		return nil, fmt.Errorf("%s: not a little-endian microsecond pcap", path)
	}
	var pkts []packet
	for off := 24; off+16 <= len(b); {
		n := int(binary.LittleEndian.Uint32(b[off+8:]))
		if off+16+n > len(b) {
			return nil, fmt.Errorf("%s: truncated record at %d", path, off)
		}
		pkts = append(pkts, packet{binary.LittleEndian.Uint32(b[off:]), binary.LittleEndian.Uint32(b[off+4:]), b[off+16 : off+16+n]})
		off += 16 + n
	}
	return pkts, nil
}

func build(src string) ([]file, error) {
	pkts, err := readPackets(src)
	if err != nil {
		return nil, err
	}
	if len(pkts) < 4 {
		return nil, fmt.Errorf("%s: want 4 packets, have %d", src, len(pkts))
	}
	le := binary.LittleEndian
	var out []file
	add := func(name string, b []byte) { out = append(out, file{name, b}) }

	// pcap: snapshot length 2^32-1 in the file header; the records are fine.
	p := pcapHeader(0xffffffff, 1)
	for _, k := range pkts {
		p = pcapRecord(p, k.sec, k.usec, uint32(len(k.data)), k.data)
	}
	add("hostile__pcap-snaplen-4g.pcap", p)

	// pcap: the second record claims 2^32-1 captured bytes.
	p = pcapRecord(pcapHeader(65535, 1), pkts[0].sec, pkts[0].usec, uint32(len(pkts[0].data)), pkts[0].data)
	p = pcapRecord(p, pkts[1].sec, pkts[1].usec, 0xffffffff, pkts[1].data)
	add("hostile__pcap-caplen-4g.pcap", p)

	// pcap: the second record claims 2^32-1 bytes on the wire (captured is fine).
	p = pcapRecord(pcapHeader(65535, 1), pkts[0].sec, pkts[0].usec, uint32(len(pkts[0].data)), pkts[0].data)
	p = le.AppendUint32(le.AppendUint32(le.AppendUint32(le.AppendUint32(p, pkts[1].sec), pkts[1].usec), uint32(len(pkts[1].data))), 0xffffffff)
	p = append(p, pkts[1].data...)
	add("hostile__pcap-origlen-4g.pcap", p)

	// pcap: the second record claims exactly 1 MiB (the accepted maximum)
	// but the file ends 54 bytes into it.
	p = pcapRecord(pcapHeader(1<<20, 1), pkts[0].sec, pkts[0].usec, uint32(len(pkts[0].data)), pkts[0].data)
	p = pcapRecord(p, pkts[1].sec, pkts[1].usec, 1<<20, pkts[1].data)
	add("hostile__pcap-caplen-1mib-cut.pcap", p)

	// pcap: link type 4095, which nobody has registered.
	p = pcapHeader(65535, 4095)
	for _, k := range pkts {
		p = pcapRecord(p, k.sec, k.usec, uint32(len(k.data)), k.data)
	}
	add("hostile__pcap-unknown-linktype.pcap", p)

	// pcap: timestamps run backwards, one second per packet.
	p = pcapHeader(65535, 1)
	for i, k := range pkts {
		p = pcapRecord(p, k.sec-uint32(i), k.usec, uint32(len(k.data)), k.data)
	}
	add("hostile__pcap-time-backwards.pcap", p)

	// pcap: the file ends 7 bytes into the third record header.
	p = pcapHeader(65535, 1)
	for _, k := range pkts[:2] {
		p = pcapRecord(p, k.sec, k.usec, uint32(len(k.data)), k.data)
	}
	add("hostile__pcap-cut-record-header.pcap", append(p, make([]byte, 7)...))

	// pcapng: the second packet block's trailing length disagrees.
	n := ngSHB(nil)
	n = ngIDB(n, 1, 65535, nil)
	n = ngEPB(n, 0, pkts[0])
	bad := ngEPB(nil, 0, pkts[1])
	le.PutUint32(bad[len(bad)-4:], uint32(len(bad))+4)
	add("hostile__pcapng-trailer-mismatch.pcapng", append(n, bad...))

	// pcapng: a block whose length field is 0 after the first packet.
	n = ngEPB(ngIDB(ngSHB(nil), 1, 65535, nil), 0, pkts[0])
	n = le.AppendUint32(le.AppendUint32(n, 6), 0)
	add("hostile__pcapng-zero-length-block.pcapng", append(n, make([]byte, 16)...))

	// pcapng: a block claiming 2^32-4 bytes (a multiple of 4) after the first packet.
	n = ngEPB(ngIDB(ngSHB(nil), 1, 65535, nil), 0, pkts[0])
	n = le.AppendUint32(le.AppendUint32(n, 6), 0xfffffffc)
	add("hostile__pcapng-block-4g.pcapng", append(n, make([]byte, 32)...))

	// pcapng: 4097 interfaces (one more than ladder remembers), then a packet.
	n = ngSHB(nil)
	for range 4097 {
		n = ngIDB(n, 1, 65535, nil)
	}
	add("hostile__pcapng-4097-interfaces.pcapng", ngEPB(n, 0, pkts[0]))

	// pcapng: a packet on interface 65536 when the section describes one.
	n = ngEPB(ngIDB(ngSHB(nil), 1, 65535, nil), 0, pkts[0])
	add("hostile__pcapng-interface-65536.pcapng", ngEPB(n, 65536, pkts[1]))

	// pcapng: the second interface's if_name option claims 4096 bytes in a 32-byte block.
	n = ngEPB(ngIDB(ngSHB(nil), 1, 65535, nil), 0, pkts[0])
	add("hostile__pcapng-option-overrun.pcapng", ngIDB(n, 1, 65535, le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, 2), 4096), 0x41414141)))

	// pcapng: an enhanced packet block whose captured length (2^32-1) exceeds its block.
	n = ngEPB(ngIDB(ngSHB(nil), 1, 65535, nil), 0, pkts[0])
	bad = ngEPB(nil, 0, pkts[1])
	le.PutUint32(bad[20:], 0xffffffff)
	add("hostile__pcapng-epb-caplen-4g.pcapng", append(n, bad...))

	// pcapng: timestamps at the extremes: if_tsresol 2^-63 and 10^0, huge counts.
	n = ngSHB(nil)
	n = ngIDB(n, 1, 65535, le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, 9), 1), 0x80|63))
	n = ngIDB(n, 1, 65535, le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, 9), 1), 0))
	for i, k := range pkts {
		b := ngEPB(nil, uint32(i%2), k)
		le.PutUint32(b[12:], 0xffffffff)
		le.PutUint32(b[16:], 0xffffffff-uint32(i))
		n = append(n, b...)
	}
	add("hostile__pcapng-extreme-tsresol.pcapng", n)
	return out, nil
}

// pcapHeader is a little-endian microsecond pcap file header (version 2.4).
func pcapHeader(snaplen, link uint32) []byte {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, 0xa1b2c3d4)
	b = le.AppendUint16(le.AppendUint16(b, 2), 4)
	b = le.AppendUint32(le.AppendUint32(b, 0), 0)
	return le.AppendUint32(le.AppendUint32(b, snaplen), link)
}

// pcapRecord appends a record header claiming capLen bytes and the bytes given.
func pcapRecord(b []byte, sec, usec, capLen uint32, data []byte) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(le.AppendUint32(b, sec), usec)
	b = le.AppendUint32(le.AppendUint32(b, capLen), uint32(len(data)))
	return append(b, data...)
}

// ngBlock appends a little-endian pcapng block of type typ around body (padded to 4).
func ngBlock(b []byte, typ uint32, body []byte) []byte {
	le := binary.LittleEndian
	pad := (4 - len(body)%4) % 4
	n := uint32(12 + len(body) + pad)
	b = le.AppendUint32(le.AppendUint32(b, typ), n)
	b = append(append(b, body...), make([]byte, pad)...)
	return le.AppendUint32(b, n)
}

func ngSHB(b []byte) []byte {
	le := binary.LittleEndian
	body := le.AppendUint32(nil, 0x1a2b3c4d)
	body = le.AppendUint16(le.AppendUint16(body, 1), 0)
	body = le.AppendUint64(body, 0xffffffffffffffff)
	return ngBlock(b, 0x0a0d0d0a, body)
}

// ngIDB appends an interface description block; opts are raw options
// (an end-of-options marker is added when opts is not empty).
func ngIDB(b []byte, link uint16, snaplen uint32, opts []byte) []byte {
	le := binary.LittleEndian
	body := le.AppendUint32(le.AppendUint16(le.AppendUint16(nil, link), 0), snaplen)
	if len(opts) > 0 {
		body = append(body, opts...)
		body = append(body, 0, 0, 0, 0)
	}
	return ngBlock(b, 1, body)
}

// ngEPB appends an enhanced packet block with microsecond time from k.
func ngEPB(b []byte, iface uint32, k packet) []byte {
	le := binary.LittleEndian
	ts := uint64(k.sec)*1e6 + uint64(k.usec)
	body := le.AppendUint32(nil, iface)
	body = le.AppendUint32(le.AppendUint32(body, uint32(ts>>32)), uint32(ts))
	body = le.AppendUint32(le.AppendUint32(body, uint32(len(k.data))), uint32(len(k.data)))
	return ngBlock(b, 6, append(body, k.data...))
}
