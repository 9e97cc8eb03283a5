package ui

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/ladder-dev/ladder/decode"
)

// Filter decides whether packet i (0-based) is displayed. It is called from
// the filtering goroutine only, never from the UI goroutine.
type Filter interface {
	Match(i int) bool
}

// Compiler turns a display-filter expression into a Filter. The full
// Wireshark language (analysis/dfilter) plugs in here; BasicFilters is the
// built-in subset. Errors that know where the expression went wrong
// implement Position.
type Compiler func(expr string) (Filter, error)

// FilterError is a parse error at a byte offset of the expression.
type FilterError struct {
	Pos int
	Msg string
}

func (e *FilterError) Error() string { return fmt.Sprintf("column %d: %s", e.Pos+1, e.Msg) }

// Position is the byte offset of the error in the expression.
func (e *FilterError) Position() int { return e.Pos }

// FilterData is what the built-in filters read: the packet records, their
// flows and the address table. *decode.Index implements it.
type FilterData interface {
	Packet(i int) *decode.Packet
	Flow(p *decode.Packet) *decode.Flow
	Addr(id uint32) decode.Addr
}

// BasicFilters compiles the subset of Wireshark's display filters the UI
// supports on its own: comparisons of tcp.stream, udp.stream, tcp.port,
// udp.port, tcp.srcport, tcp.dstport, ip.addr, ip.src, ip.dst, ipv6.addr
// and the tcp.flags.* bits with == or !=, bare protocol names (tcp, udp,
// icmp, icmpv6, arp), and !, &&, ||, "and", "or", "not" and parentheses.
func BasicFilters(d FilterData) Compiler {
	return func(expr string) (Filter, error) {
		p := &filterParser{data: d, toks: lexFilter(expr), src: expr}
		if len(p.toks) == 0 {
			return nil, &FilterError{Pos: 0, Msg: "empty filter"}
		}
		m, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.pos < len(p.toks) {
			return nil, &FilterError{Pos: p.toks[p.pos].at, Msg: "unexpected " + strconv.Quote(p.toks[p.pos].s)}
		}
		return matchFunc(m), nil
	}
}

type matchFunc func(i int) bool

func (m matchFunc) Match(i int) bool { return m(i) }

type filterToken struct {
	s  string
	at int
}

// lexFilter splits an expression into words, operators and parentheses.
func lexFilter(s string) []filterToken {
	var toks []filterToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '(' || c == ')':
			toks = append(toks, filterToken{s[i : i+1], i})
			i++
		case strings.HasPrefix(s[i:], "==") || strings.HasPrefix(s[i:], "!=") ||
			strings.HasPrefix(s[i:], "&&") || strings.HasPrefix(s[i:], "||"):
			toks = append(toks, filterToken{s[i : i+2], i})
			i += 2
		case c == '!':
			toks = append(toks, filterToken{"!", i})
			i++
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t()!=&|", rune(s[j])) {
				j++
			}
			if j == i { // a lone '=', '&' or '|'
				j++
			}
			toks = append(toks, filterToken{s[i:j], i})
			i = j
		}
	}
	return toks
}

type filterParser struct {
	data FilterData
	toks []filterToken
	pos  int
	src  string
}

func (p *filterParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].s
	}
	return ""
}

func (p *filterParser) at() int {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].at
	}
	return len(p.src)
}

func (p *filterParser) or() (matchFunc, error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.peek() == "||" || p.peek() == "or" {
		p.pos++
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		a, b := l, r
		l = func(i int) bool { return a(i) || b(i) }
	}
	return l, nil
}

func (p *filterParser) and() (matchFunc, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.peek() == "&&" || p.peek() == "and" {
		p.pos++
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		a, b := l, r
		l = func(i int) bool { return a(i) && b(i) }
	}
	return l, nil
}

func (p *filterParser) unary() (matchFunc, error) {
	switch p.peek() {
	case "!", "not":
		p.pos++
		m, err := p.unary()
		if err != nil {
			return nil, err
		}
		return func(i int) bool { return !m(i) }, nil
	case "(":
		p.pos++
		m, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, &FilterError{Pos: p.at(), Msg: `expected ")"`}
		}
		p.pos++
		return m, nil
	case "":
		return nil, &FilterError{Pos: p.at(), Msg: "expected a field name"}
	}
	return p.comparison()
}

// protoTests are the bare protocol names.
var protoTests = map[string]decode.Proto{
	"tcp": decode.ProtoTCPPacket, "udp": decode.ProtoUDPPacket, "icmp": decode.ProtoICMPPacket,
	"icmpv6": decode.ProtoICMPv6Packet, "arp": decode.ProtoARPPacket,
}

// flagFields are the TCP flag bits by field name.
var flagFields = map[string]uint16{
	"tcp.flags.fin": decode.FlagFIN, "tcp.flags.syn": decode.FlagSYN, "tcp.flags.reset": decode.FlagRST,
	"tcp.flags.push": decode.FlagPSH, "tcp.flags.ack": decode.FlagACK, "tcp.flags.urg": decode.FlagURG,
	"tcp.flags.ece": decode.FlagECE, "tcp.flags.cwr": decode.FlagCWR, "tcp.flags.ae": decode.FlagAE,
}

func (p *filterParser) comparison() (matchFunc, error) {
	field, fieldAt := p.peek(), p.at()
	p.pos++
	op := p.peek()
	if op != "==" && op != "!=" && op != "eq" && op != "ne" {
		proto, ok := protoTests[field]
		if !ok {
			if isKnownField(field) {
				return nil, &FilterError{Pos: p.at(), Msg: `expected "==" or "!=" after ` + field}
			}
			return nil, &FilterError{Pos: fieldAt, Msg: strconv.Quote(field) + " is not a supported field"}
		}
		return func(i int) bool { return p.data.Packet(i).Proto == proto }, nil
	}
	p.pos++
	value, valueAt := p.peek(), p.at()
	if value == "" || value == ")" || value == "&&" || value == "||" {
		return nil, &FilterError{Pos: valueAt, Msg: "expected a value"}
	}
	p.pos++
	m, err := p.fieldTest(field, fieldAt, value, valueAt)
	if err != nil {
		return nil, err
	}
	if op == "!=" || op == "ne" {
		eq := m
		m = func(i int) bool { return !eq(i) }
	}
	return m, nil
}

func isKnownField(f string) bool {
	switch f {
	case "tcp.stream", "udp.stream", "tcp.port", "udp.port", "tcp.srcport", "tcp.dstport",
		"udp.srcport", "udp.dstport", "ip.addr", "ip.src", "ip.dst", "ipv6.addr", "ipv6.src", "ipv6.dst":
		return true
	}
	_, ok := flagFields[f]
	return ok
}

// fieldTest builds the equality test of one field against a value.
func (p *filterParser) fieldTest(field string, fieldAt int, value string, valueAt int) (matchFunc, error) {
	d := p.data
	number := func(bits int) (uint64, error) {
		n, err := strconv.ParseUint(value, 0, bits)
		if err != nil {
			return 0, &FilterError{Pos: valueAt, Msg: strconv.Quote(value) + " is not a valid number for " + field}
		}
		return n, nil
	}
	switch field {
	case "tcp.stream", "udp.stream":
		n, err := number(31)
		if err != nil {
			return nil, err
		}
		proto := decode.ProtoTCPPacket
		if field == "udp.stream" {
			proto = decode.ProtoUDPPacket
		}
		// Stream numbers by flow id, looked up once per flow: a flow's
		// number never changes, and this spares a lock per packet.
		var streams []int32
		return func(i int) bool {
			pk := d.Packet(i)
			if pk.Proto != proto || pk.Flow < 0 {
				return false
			}
			for int(pk.Flow) >= len(streams) {
				streams = append(streams, -1)
			}
			if streams[pk.Flow] < 0 {
				f := d.Flow(pk)
				if f == nil {
					return false
				}
				streams[pk.Flow] = int32(f.Stream)
			}
			return streams[pk.Flow] == int32(n)
		}, nil
	case "tcp.port", "udp.port", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport":
		n, err := number(16)
		if err != nil {
			return nil, err
		}
		port := uint16(n)
		proto := decode.ProtoTCPPacket
		if strings.HasPrefix(field, "udp") {
			proto = decode.ProtoUDPPacket
		}
		src := !strings.HasSuffix(field, ".dstport")
		dst := !strings.HasSuffix(field, ".srcport")
		return func(i int) bool {
			pk := d.Packet(i)
			return pk.Proto == proto && ((src && pk.SrcPort == port) || (dst && pk.DstPort == port))
		}, nil
	case "ip.addr", "ip.src", "ip.dst", "ipv6.addr", "ipv6.src", "ipv6.dst":
		a, err := netip.ParseAddr(value)
		v6 := strings.HasPrefix(field, "ipv6")
		if err != nil || a.Is4() == v6 || a.Is4In6() {
			return nil, &FilterError{Pos: valueAt, Msg: strconv.Quote(value) + " is not a valid address for " + field}
		}
		want := addrOf(a)
		src := !strings.HasSuffix(field, ".dst")
		dst := !strings.HasSuffix(field, ".src")
		cache := map[uint32]bool{} // address ids are interned: compare each once
		is := func(id uint32) bool {
			m, ok := cache[id]
			if !ok {
				m = d.Addr(id) == want
				cache[id] = m
			}
			return m
		}
		return func(i int) bool {
			pk := d.Packet(i)
			return (src && is(pk.Src)) || (dst && is(pk.Dst))
		}, nil
	}
	if bit, ok := flagFields[field]; ok {
		n, err := number(1)
		if err != nil {
			return nil, err
		}
		return func(i int) bool {
			pk := d.Packet(i)
			return pk.Proto == decode.ProtoTCPPacket && (pk.Flags&bit != 0) == (n == 1)
		}, nil
	}
	return nil, &FilterError{Pos: fieldAt, Msg: strconv.Quote(field) + " is not a supported field"}
}

// addrOf converts an IP address to the index's address form.
func addrOf(a netip.Addr) decode.Addr {
	if a.Is4() {
		b := a.As4()
		out := decode.Addr{Kind: decode.AddrIPv4}
		copy(out.B[:], b[:])
		return out
	}
	return decode.Addr{Kind: decode.AddrIPv6, B: a.As16()}
}
