package dfilter

import (
	"github.com/ladder-dev/ladder/decode"
)

// maxValues bounds the occurrences of one field collected per packet
// (several VLAN tags, several DNS questions, the 13 to 15 ParameterStatus
// messages a PostgreSQL server sends in one segment after a login); more
// are ignored.
const maxValues = 64

// Matcher evaluates a compiled filter against the packets of one index. It
// keeps scratch space and caches between packets, so it is not safe for
// concurrent use: make one per goroutine (they are cheap). It may follow
// an index that is still loading (packets below Len): fields read from
// flows (tcp.stream, relative sequence numbers, scaled windows, the
// HTTP/TLS reassembly) read the index's snapshots of them
// (decode.Index.FlowInto), never the records the loader is writing.
type Matcher struct {
	f *Filter
	c cursor
}

// Matcher binds the filter to an index and, for the analysis fields, to the
// analysis of that index (nil when there is none: analysis fields are then
// absent from every packet).
func (f *Filter) Matcher(x *decode.Index, an Analysis) *Matcher {
	m := &Matcher{f: f}
	m.c.x = x
	m.c.an = an
	for k := range m.c.vals {
		m.c.vals[k] = make([]value, 0, maxValues)
	}
	return m
}

// Match reports whether packet i (0-based; frame i+1) passes the filter.
// i must be below x.Len().
func (m *Matcher) Match(i int) bool {
	m.c.reset(i)
	return m.f.pred(&m.c)
}

// cursor is the packet under evaluation plus what has been derived from it
// so far. Fields read from the index need only p; fields that need the
// packet's bytes call headers() or app(), which decode once per packet.
type cursor struct {
	x  *decode.Index
	an Analysis
	i  int
	p  *decode.Packet

	addrs  []decode.Addr         // address table prefix, copied on first use
	flows  []*decode.Flow        // by flow id, once the index has loaded
	copies *[flowCopies]flowCopy // while it loads (flow)
	links  []uint16              // link type per interface, 0xffff-terminated on miss

	decoded bool
	dataOK  bool
	data    []byte
	h       decode.Headers

	appDone bool
	app     appInfo

	walker   *decode.AppWalker // the application dissectors' replay of each flow
	treeDone bool
	tree     []decode.Field
	linkDone bool
	linkT    []decode.Field // linkTree
	macs     []uint64       // scratch for wlan.addr

	walks map[int32]*flowWalk // TCP reassembly bookkeeping per flow
	wdata []byte              // bytes of an earlier packet the walk reads
	wh    decode.Headers

	vals [2][]value // scratch for the two sides of a comparison
	text []byte     // scratch for a text value the analysis returns as a string
}

func (c *cursor) reset(i int) {
	c.i = i
	c.p = c.x.Packet(i)
	c.decoded = false
	c.appDone = false
	c.treeDone = false
	c.linkDone = false
}

// addr returns an interned address, caching the table so the per-packet
// path takes no lock.
func (c *cursor) addr(id uint32) *decode.Addr {
	for int(id) >= len(c.addrs) {
		next := len(c.addrs)
		a := c.x.Addr(uint32(next))
		if a.Kind == decode.AddrNone && next > 0 {
			return &c.addrs[0] // not interned (yet): the zero address
		}
		c.addrs = append(c.addrs, a)
	}
	return &c.addrs[id]
}

// addrKind is the kind of the packet's source address: AddrIPv4 or
// AddrIPv6 for IP packets, AddrMAC for link-only packets such as ARP.
func (c *cursor) addrKind() decode.AddrKind { return c.addr(c.p.Src).Kind }

// flowCopy is the cursor's copy of one flow while the index loads: it
// holds all a field needs about the packets below asOf.
type flowCopy struct {
	id   int32 // -1: empty
	asOf int
	f    decode.Flow
}

// flowCopies is how many flows' copies a cursor keeps while the index
// loads (direct-mapped by flow id): the conversations interleaved at any
// moment are few, and a miss costs one copy under the index's read lock.
const flowCopies = 64

// flow returns the packet's flow, or nil. Once the index has loaded it is
// the index's own record, which no longer changes (one pointer per flow
// kept). While it loads, a copy (decode.Index.FlowInto) refreshed only for
// a packet published after it was taken, into the cursor's own records:
// no allocation per packet.
func (c *cursor) flow() *decode.Flow {
	id := int(c.p.Flow)
	if id < 0 {
		return nil
	}
	if id < len(c.flows) {
		return c.flows[id]
	}
	select {
	case <-c.x.Done():
		c.flows = c.x.Flows()
		if id < len(c.flows) {
			return c.flows[id]
		}
		return nil
	default:
	}
	if c.copies == nil {
		c.copies = new([flowCopies]flowCopy)
		for k := range c.copies {
			c.copies[k].id = -1
		}
	}
	fc := &c.copies[id%flowCopies]
	if int(fc.id) != id || c.i >= fc.asOf {
		asOf, ok := c.x.FlowInto(id, &fc.f)
		if !ok {
			fc.id = -1
			return nil
		}
		fc.id, fc.asOf = int32(id), asOf
	}
	return &fc.f
}

// link is the link type of the packet's interface.
func (c *cursor) link() uint16 {
	k := int(c.p.Iface)
	if c.p.Proto == decode.ProtoBlock {
		return 0xffff
	}
	for k >= len(c.links) {
		c.links = append(c.links, c.x.Interface(uint16(len(c.links))).LinkType)
	}
	return c.links[k]
}

// headers reads the packet's bytes and walks its headers, once per packet.
// It reports false when the bytes cannot be read.
func (c *cursor) headers() bool {
	if !c.decoded {
		c.decoded = true
		var err error
		c.data, err = c.x.Data(c.i, c.data[:0])
		c.dataOK = err == nil
		if c.dataOK {
			c.x.ParseHeaders(c.i, c.data, &c.h)
		} else {
			c.h = decode.Headers{}
		}
	}
	return c.dataOK
}

// at returns the bytes from back bytes before sub (a slice of the parsed
// headers) to the end of the buffer sub lies in: the packet's bytes, or the
// IP datagram its fragments were reassembled into.
func (c *cursor) at(sub []byte, back int) []byte {
	buf, off := c.h.Within(sub)
	if off-back < 0 || off > len(buf) {
		return nil
	}
	return buf[off-back:]
}

// span returns the bytes from back bytes before from to the end of to,
// both slices of the same buffer.
func (c *cursor) span(from []byte, back int, to []byte) []byte {
	buf, start := c.h.Within(from)
	end := start + len(from)
	if b2, o := c.h.Within(to); len(b2) == len(buf) && (len(buf) == 0 || &b2[0] == &buf[0]) {
		end = o + len(to)
	}
	if start-back < 0 || end > len(buf) || end < start-back {
		return nil
	}
	return buf[start-back : end]
}
