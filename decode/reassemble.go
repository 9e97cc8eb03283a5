package decode

import (
	"fmt"
	"slices"
	"strings"
)

// IPv4 and IPv6 reassembly as Wireshark does it by default
// (ip.defragment, ipv6.reassemble): the datagram is decoded whole at the
// frame that completes it, which then carries its transport, flow and
// Info; the other fragments stay "Fragmented IP protocol" lines. Hostile
// input is bounded: at most maxPendingDatagrams incomplete datagrams are
// kept (the oldest is dropped), each of at most maxFragments fragments and
// maxDatagram bytes; a fragment beyond those limits is never reassembled.
const (
	maxPendingDatagrams = 256
	maxFragments        = 128
	maxDatagram         = 1 << 16
)

// fragKey identifies the fragments of one datagram (RFC 791: source,
// destination, protocol and identification; RFC 8200: the addresses and
// the 32-bit identification).
type fragKey struct {
	src, dst [16]byte
	id       uint32
	proto    uint8
	v6       bool
	iface    uint16
}

// fragPart is one fragment: the frame that carried it, where its data sits
// in the datagram and in the frame's captured bytes.
type fragPart struct {
	frame   int32
	off, n  int
	dataOff int
	last    bool // more-fragments clear: this fragment ends the datagram
}

type pendingDatagram struct {
	parts []fragPart
	buf   []byte
	total int // datagram payload length, -1 until the last fragment is seen
}

// reassembler is the index's reassembly state. done and in are what the
// on-demand decoders need to rebuild a datagram: they hold entries only
// for fragmented packets.
type reassembler struct {
	pending map[fragKey]*pendingDatagram
	order   []fragKey            // pending keys, oldest first
	done    map[int32][]fragPart // completing frame -> its datagram's fragments
	in      map[int32]int32      // fragment frame -> frame that completed its datagram
}

// fragKeyOf builds the reassembly key of the fragment described by h.
func fragKeyOf(h *Headers, iface uint16) fragKey {
	k := fragKey{proto: h.IPProto, v6: h.Net == NetIPv6, iface: iface, id: h.FragID}
	copy(k.src[:], h.Src)
	copy(k.dst[:], h.Dst)
	return k
}

// add records fragment frame i (h parsed from data) and, when it completes
// its datagram, decodes the datagram's transport into h.
func (r *reassembler) add(i int32, iface uint16, data []byte, h *Headers) {
	payload := h.fragPayload
	if payload == nil {
		return
	}
	off := int(h.FragOff) * 8
	n := len(payload)
	if off+n > maxDatagram || n == 0 && h.fragMore {
		return
	}
	if r.pending == nil {
		r.pending = make(map[fragKey]*pendingDatagram)
		r.done = make(map[int32][]fragPart)
		r.in = make(map[int32]int32)
	}
	k := fragKeyOf(h, iface)
	d := r.pending[k]
	if d == nil {
		if len(r.order) >= maxPendingDatagrams {
			delete(r.pending, r.order[0])
			r.order = r.order[1:]
		}
		d = &pendingDatagram{total: -1}
		r.pending[k] = d
		r.order = append(r.order, k)
	}
	if len(d.parts) >= maxFragments {
		return
	}
	if !h.fragMore {
		d.total = off + n
	}
	if len(d.buf) < off+n {
		d.buf = append(d.buf, make([]byte, off+n-len(d.buf))...)
	}
	copyUncovered(d.buf, d.parts, off, payload)
	d.parts = append(d.parts, fragPart{frame: i, off: off, n: n, dataOff: cap(data) - cap(payload), last: !h.fragMore})
	if d.total < 0 || !covered(d.parts, d.total) {
		return
	}
	delete(r.pending, k)
	if j := slices.Index(r.order, k); j >= 0 {
		r.order = slices.Delete(r.order, j, j+1)
	}
	r.done[i] = d.parts
	for _, p := range d.parts {
		if p.frame != i {
			r.in[p.frame] = i
		}
	}
	h.completeDatagram(d.buf[:d.total])
}

// copyUncovered copies a fragment's data at off into buf, parts being the
// fragments that arrived before it. Wireshark's reassembly (reassemble.c)
// keeps fragments sorted by offset, an equal offset after the ones that
// came first, and builds the datagram in that order, each byte from the
// first fragment that holds it: the new data goes wherever no earlier
// fragment at a lower or equal offset put data, over what a fragment at a
// higher offset put there (zeek's fragmented-4.pcap: a late fragment at
// offset 24 overlapping one at 48 gives the datagram its bytes).
func copyUncovered(buf []byte, parts []fragPart, off int, data []byte) {
	s := make([]fragPart, 0, len(parts))
	for _, p := range parts {
		if p.off <= off {
			s = append(s, p)
		}
	}
	slices.SortFunc(s, func(a, b fragPart) int { return a.off - b.off })
	at, end := off, off+len(data)
	for _, p := range s {
		if at >= end {
			return
		}
		if p.off+p.n <= at || p.off >= end {
			continue
		}
		if p.off > at {
			copy(buf[at:p.off], data[at-off:])
		}
		at = max(at, p.off+p.n)
	}
	if at < end {
		copy(buf[at:end], data[at-off:])
	}
}

// covered reports whether the fragments cover [0, total) without a hole.
func covered(parts []fragPart, total int) bool {
	s := slices.Clone(parts)
	slices.SortFunc(s, func(a, b fragPart) int { return a.off - b.off })
	end := 0
	for _, p := range s {
		if p.off > end {
			return false
		}
		end = max(end, p.off+p.n)
	}
	return end >= total
}

// completeDatagram replaces the fragment h describes by the reassembled
// datagram whose payload is b.
func (h *Headers) completeDatagram(b []byte) {
	h.Fragment, h.fragPayload = false, nil
	h.reasm, h.inReasm = b, true
	h.Reassembled = true
	h.IPLen += len(b) - h.ipPayloadLen
	h.transport(b, len(b))
}

// fragments returns the fragments of the datagram packet i completed, nil
// when it completed none. x.mu must be held.
func (x *Index) fragments(i int) []fragPart {
	return x.reasm.done[int32(i)]
}

// ReassembledIn is the 0-based index of the packet that completed the
// datagram packet i is a fragment of, or -1.
func (x *Index) ReassembledIn(i int) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if j, ok := x.reasm.in[int32(i)]; ok {
		return int(j)
	}
	return -1
}

// ParseHeaders parses packet i's captured bytes data into h as the index
// pass did: for the packet that completed a fragmented datagram, the
// transport is read from the datagram, rebuilt from its fragments.
func (x *Index) ParseHeaders(i int, data []byte, h *Headers) {
	p := x.Packet(i)
	h.Parse(x.LinkType(p), data, p.OrigLen)
	if !h.Fragment {
		return
	}
	x.mu.RLock()
	parts := x.fragments(i)
	x.mu.RUnlock()
	if buf, ok := x.rebuild(parts); ok {
		h.completeDatagram(buf)
	}
}

// rebuild reads the fragments of a datagram again and puts them together.
func (x *Index) rebuild(parts []fragPart) ([]byte, bool) {
	if len(parts) == 0 {
		return nil, false
	}
	total := datagramLen(parts)
	buf := make([]byte, total)
	var scratch []byte
	for k, p := range parts {
		if p.off >= total {
			continue
		}
		var err error
		if scratch, err = x.Data(int(p.frame), scratch); err != nil || p.dataOff+p.n > len(scratch) {
			return nil, false
		}
		copyUncovered(buf, parts[:k], p.off, scratch[p.dataOff:p.dataOff+min(p.n, total-p.off)])
	}
	return buf, true
}

// datagramLen is the length the last fragment (the latest one seen, as
// the index pass kept it) gives the datagram.
func datagramLen(parts []fragPart) int {
	total := 0
	for _, p := range parts {
		if p.last {
			total = p.off + p.n
		}
	}
	return total
}

// fragmentsLabel is the line tshark shows above a reassembled datagram's
// transport: "[3 IPv6 Fragments (3238 bytes): #6(1432), #7(1432), #8(374)]".
func fragmentsLabel(v6 bool, parts []fragPart) string {
	s := slices.Clone(parts)
	slices.SortStableFunc(s, func(a, b fragPart) int { return a.off - b.off })
	total := datagramLen(parts)
	var b strings.Builder
	for k, p := range s {
		if k > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "#%d(%d)", p.frame+1, p.n)
	}
	name := "IPv4"
	if v6 {
		name = "IPv6"
	}
	return fmt.Sprintf("[%d %s Fragments (%d bytes): %s]", len(s), name, total, b.String())
}

// ipv6FragInfo is the Info column of an IPv6 fragment not reassembled.
func ipv6FragInfo(h *Headers) string {
	more := "n"
	if h.fragMore {
		more = "y"
	}
	return fmt.Sprintf("IPv6 fragment (off=%d more=%s ident=0x%08x nxt=%d)", int(h.FragOff)*8, more, h.FragID, h.IPProto)
}

// withReassembly finishes the details tree of packet i when it completed a
// fragmented datagram: the fragment's data line gives way to the list of
// fragments and the transport dissected from the whole datagram. Those
// fields' offsets are in the datagram, as tshark's PDML gives them.
func (x *Index) withReassembly(i int, tree []Field, ctx tcpContext) []Field {
	x.mu.RLock()
	parts := x.fragments(i)
	x.mu.RUnlock()
	buf, ok := x.rebuild(parts)
	if !ok {
		return tree
	}
	var h Headers
	data, err := x.Data(i, nil)
	if err != nil {
		return tree
	}
	h.Parse(x.LinkType(x.Packet(i)), data, x.Packet(i).OrigLen)
	if n := len(tree); n > 0 && tree[n-1].Name == "" && (strings.HasPrefix(tree[n-1].Label, "Fragment payload") || strings.HasPrefix(tree[n-1].Label, "Data (")) {
		tree = tree[:n-1]
	}
	tree = append(tree, Field{Label: fragmentsLabel(h.Net == NetIPv6, parts)})
	d := dissector{data: buf, ctx: ctx, ip6: -1, v6: h.Net == NetIPv6, whole: true}
	if d.v6 {
		d.v6Addrs = append(append(make([]byte, 0, 32), h.Src...), h.Dst...)
	}
	d.transport(int(h.IPProto), 0, len(buf))
	clipLabels(d.out)
	return append(tree, d.out...)
}
