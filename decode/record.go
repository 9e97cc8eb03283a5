// Package decode reads capture files (pcap, pcapng, gzip-compressed, stdin) and
// builds the compact packet index and the flow model the rest of ladder uses.
//
// Reading is split in two: a single pass records, per packet, only what the
// packet list and the TCP analysis need (a Packet of a few dozen bytes, with
// its file offset), and everything else is decoded again on demand from that
// offset. That keeps a million-packet file well under a hundred megabytes.
package decode

import (
	"errors"
	"fmt"
)

// MaxCaptureLength bounds the bytes ladder will buffer for one record,
// whatever a hostile header claims. libpcap itself caps snapshots at 256 KiB
// for the link types we decode; pcapng allows more, so leave generous room.
const MaxCaptureLength = 1 << 20

// maxBlockLength bounds a pcapng block (headers and options included).
const maxBlockLength = MaxCaptureLength + 1<<16

// Link types (LINKTYPE_* values from the tcpdump.org registry).
const (
	LinkNull     uint16 = 0   // BSD loopback, host-order address family
	LinkEthernet uint16 = 1   // Ethernet II / 802.3
	LinkRawBSD   uint16 = 12  // DLT_RAW as written by some BSDs
	LinkRawBSD14 uint16 = 14  // DLT_RAW on OpenBSD
	LinkRaw      uint16 = 101 // raw IPv4/IPv6 (tun devices)
	LinkLoop     uint16 = 108 // OpenBSD loopback, network-order address family
	LinkLinuxSLL uint16 = 113 // Linux cooked capture v1
	LinkIPv4     uint16 = 228 // raw IPv4 only
	LinkIPv6     uint16 = 229 // raw IPv6 only
	LinkNFLog    uint16 = 239 // Linux netfilter NFLOG
	LinkSLL2     uint16 = 276 // Linux cooked capture v2
)

// Record is one packet record as framed by the capture file.
type Record struct {
	Offset     int64  // file offset of the record (pcap record header or pcapng block)
	DataOffset int64  // file offset of the first captured byte
	Time       int64  // Unix time in nanoseconds
	CapLen     uint32 // bytes captured
	OrigLen    uint32 // bytes on the wire
	Iface      uint16 // pcapng interface (0 for pcap), NoInterface for non-packet records
	NoTime     bool   // the record has no timestamp (pcapng simple packet, custom block)
	// PEN and Copyable describe a pcapng custom block: its Private
	// Enterprise Number and whether its type (0x00000BAD, not
	// 0x40000BAD) lets a tool copy it to a new file.
	PEN      uint32
	Copyable bool
	Data     []byte // captured bytes; valid until the next call to Next
}

// NoInterface marks a record that is not a packet (a pcapng custom block).
const NoInterface = 0xffff

// Interface describes one capture interface (pcap has exactly one).
type Interface struct {
	LinkType  uint16
	SnapLen   uint32
	Name      string
	Precision int // decimal digits of timestamp resolution (6 or 9 usually)
	// IfDrop and OSDrop are what the file's interface statistics (pcapng
	// ISB, the interface's last one: the counters run from the start of
	// the capture) say was dropped: by the interface (isb_ifdrop) and by
	// the operating system or capturing program (isb_osdrop). DropsKnown
	// is set when a statistics block gave either; pcap has no such record,
	// so a pcap file's drops are unknown, not zero.
	IfDrop, OSDrop uint64
	DropsKnown     bool
}

// Dropped is the packets the interface's statistics admit were dropped.
// A hostile file's counters saturate rather than wrap to a small number.
func (i *Interface) Dropped() uint64 { return satAdd(i.IfDrop, i.OSDrop) }

func satAdd(a, b uint64) uint64 {
	if s := a + b; s >= a {
		return s
	}
	return ^uint64(0)
}

// FormatError reports damage in a capture file: where it is and what is wrong.
// Every packet read before it is still valid.
type FormatError struct {
	File   string
	Offset int64 // byte offset in the (decompressed) stream
	Packet int   // 1-based number of the packet that could not be read
	Reason string
}

func (e *FormatError) Error() string {
	name := e.File
	if name == "" {
		name = "capture"
	}
	return fmt.Sprintf("%s: damaged at byte offset %d, packet %d: %s", name, e.Offset, e.Packet, e.Reason)
}

// ErrNotCapture means the input starts with neither a pcap nor a pcapng magic number.
var ErrNotCapture = errors.New("not a pcap or pcapng capture")
