package ui

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
)

// fakeCapture is a capture held in memory: hand-made packet records, rows
// and details, so the views can be tested without a file. Rows read
// "pkt N" (plus any label) so a test can tell which packet is drawn.
type fakeCapture struct {
	pkts     []decode.Packet
	flows    []decode.Flow
	addrs    []decode.Addr
	info     map[int]string // Info text overrides
	n        atomic.Int64   // published packets (simulates loading)
	done     chan struct{}
	rowCalls atomic.Int64
}

// newFake makes n TCP packets alternating between two flows (tcp.stream 0
// and 1) on ports 80 and 443, with a RST every 10th packet.
func newFake(n int) *fakeCapture {
	c := &fakeCapture{done: make(chan struct{}), info: map[int]string{}}
	c.addrs = []decode.Addr{{}, addr4(10, 0, 0, 1), addr4(10, 0, 0, 2), addr4(10, 0, 0, 3)}
	c.flows = []decode.Flow{
		{Proto: decode.ProtoTCPPacket, Stream: 0, Client: decode.Endpoint{Addr: 1, Port: 5000}, Server: decode.Endpoint{Addr: 2, Port: 80}},
		{Proto: decode.ProtoTCPPacket, Stream: 1, Client: decode.Endpoint{Addr: 1, Port: 5001}, Server: decode.Endpoint{Addr: 3, Port: 443}},
	}
	c.pkts = make([]decode.Packet, n)
	for i := range c.pkts {
		f := int32(i % 2)
		p := decode.Packet{Proto: decode.ProtoTCPPacket, Flow: f, Src: 1, Dst: uint32(2 + f), SrcPort: 5000 + uint16(f),
			DstPort: []uint16{80, 443}[f], Flags: decode.FlagACK, CapLen: 54, OrigLen: 54, Time: int64(i) * 1e6, WScale: -1}
		if i%10 == 9 {
			p.Flags |= decode.FlagRST
		}
		c.pkts[i] = p
		c.flows[f].Frames = append(c.flows[f].Frames, int32(i))
		c.flows[f].Packets[0]++
		c.flows[f].Bytes[0] += 54
	}
	c.n.Store(int64(n))
	close(c.done)
	return c
}

func addr4(a, b, c, d byte) decode.Addr {
	x := decode.Addr{Kind: decode.AddrIPv4}
	x.B[0], x.B[1], x.B[2], x.B[3] = a, b, c, d
	return x
}

func (c *fakeCapture) Name() string                   { return "fake.pcap" }
func (c *fakeCapture) Len() int                       { return int(c.n.Load()) }
func (c *fakeCapture) Packet(i int) *decode.Packet    { return &c.pkts[i] }
func (c *fakeCapture) LinkType(*decode.Packet) uint16 { return decode.LinkRaw }
func (c *fakeCapture) Done() <-chan struct{}          { return c.done }
func (c *fakeCapture) Addr(id uint32) decode.Addr {
	if int(id) < len(c.addrs) {
		return c.addrs[id]
	}
	return decode.Addr{}
}

func (c *fakeCapture) Flow(p *decode.Packet) *decode.Flow {
	if p.Flow < 0 {
		return nil
	}
	return &c.flows[p.Flow]
}

func (c *fakeCapture) ReadyFlowNames() []string { return nil }

func (c *fakeCapture) HostName(netip.Addr) string { return "" }

func (c *fakeCapture) Flows() []*decode.Flow {
	var fs []*decode.Flow
	for i := range c.flows {
		fs = append(fs, &c.flows[i])
	}
	return fs
}

func (c *fakeCapture) FlowsSnapshot(copies []decode.Flow, flows []*decode.Flow) ([]decode.Flow, []*decode.Flow) {
	copies, flows = append(copies[:0], c.flows...), flows[:0]
	for i := range copies {
		flows = append(flows, &copies[i])
	}
	return copies, flows
}

func (c *fakeCapture) Progress() decode.Progress {
	select {
	case <-c.done:
		return decode.Progress{Packets: c.Len(), Done: true}
	default:
		return decode.Progress{Packets: c.Len()}
	}
}

func (c *fakeCapture) Row(i int, prefix string, buf []byte) (decode.Row, []byte) {
	c.rowCalls.Add(1)
	p := &c.pkts[i]
	info := fmt.Sprintf("pkt %d", i+1)
	if s, ok := c.info[i]; ok {
		info = s
	}
	if p.Flags&decode.FlagRST != 0 {
		info += " [RST]"
	}
	return decode.Row{Frame: i + 1, Time: fmt.Sprintf("%d.000", i), Src: c.addrs[p.Src].String(), Dst: c.addrs[p.Dst].String(),
		Protocol: "TCP", Length: int(p.OrigLen), Info: prefix + info, Stream: int(p.Flow)}, buf
}

// fakeBytes is every packet's data: 20 bytes with control characters,
// an escape sequence and high bytes among printable ones.
var fakeBytes = []byte("AB\x1b]52;c;ZZ\x07\x00\x7f\xffxyz0123")

func (c *fakeCapture) Data(i int, buf []byte) ([]byte, error) {
	return append(buf[:0], fakeBytes...), nil
}

// Details is a two-level tree; the child covers bytes 2..5.
func (c *fakeCapture) Details(i int, buf []byte) ([]decode.Field, []byte, error) {
	data, _ := c.Data(i, buf)
	return []decode.Field{
		{Name: "frame", Label: fmt.Sprintf("Frame %d: fake", i+1), Len: len(data), Children: []decode.Field{
			{Name: "frame.child", Label: "Child [red]tag[-] field", Start: 2, Len: 4},
		}},
		{Name: "tcp", Label: "Transmission Control Protocol", Start: 6, Len: 4},
	}, data, nil
}

// fakeAnnotations marks notes and bad TCP on chosen packets.
type fakeAnnotations struct{ notes map[int]bool }

func (f fakeAnnotations) Label(i int) string {
	if f.notes[i] {
		return "[TCP Dup ACK] "
	}
	return ""
}
func (f fakeAnnotations) HasNote(i int) bool { return f.notes[i] }
func (f fakeAnnotations) BadTCP(i int) bool  { return f.notes[i] }

// screenText returns the simulation screen's rows as strings.
func screenText(s tcell.SimulationScreen) []string {
	cells, w, h := s.GetContents()
	rows := make([]string, h)
	for y := range h {
		var b strings.Builder
		for x := range w {
			c := cells[y*w+x]
			if len(c.Runes) == 0 {
				b.WriteByte(' ')
			} else {
				b.WriteString(string(c.Runes))
			}
		}
		rows[y] = strings.TrimRight(b.String(), " ")
	}
	return rows
}

// newSim makes a simulation screen of the given size.
func newSim(t testing.TB, w, h int) tcell.SimulationScreen {
	s := tcell.NewSimulationScreen("UTF-8")
	if err := s.Init(); err != nil {
		t.Fatal(err)
	}
	s.SetSize(w, h)
	return s
}

func key(k tcell.Key) *tcell.EventKey { return tcell.NewEventKey(k, 0, tcell.ModNone) }
func runeKey(r rune) *tcell.EventKey  { return tcell.NewEventKey(tcell.KeyRune, r, tcell.ModNone) }

// typeKeys sends a string as rune keys.
func typeKeys(a *App, s string) {
	for _, r := range s {
		a.handleKey(runeKey(r))
	}
}

// draw lays the app out on s and returns the screen text.
func draw(a *App, s tcell.SimulationScreen) []string {
	w, h := s.Size()
	a.root.SetRect(0, 0, w, h)
	s.Clear()
	a.root.Draw(s)
	s.Show()
	return screenText(s)
}

// findRow returns the first screen row containing text, or -1.
func findRow(rows []string, text string) int {
	for i, r := range rows {
		if strings.Contains(r, text) {
			return i
		}
	}
	return -1
}

// fakeFilters stands in for the display-filter language on a fake
// capture, which is no decode.Index for analysis/dfilter to read: "tcp"
// and "FIELD == N" or "FIELD != N" for tcp.stream, tcp.port and
// tcp.flags.reset, enough for the tests of the filter bar's plumbing (the
// history, the error caret, the flow table's Enter). The language itself
// is tested on real captures (filter_test.go, analysis/dfilter).
func (c *fakeCapture) filters(expr string) (Filter, error) {
	if strings.TrimSpace(expr) == "tcp" {
		return fakeMatch(func(i int) bool { return c.Packet(i).Proto == decode.ProtoTCPPacket }), nil
	}
	op := strings.Index(expr, "==")
	neg := false
	if op < 0 {
		op, neg = strings.Index(expr, "!="), true
	}
	if op < 0 {
		return nil, fakeFilterError{0, "not a comparison"}
	}
	field := strings.TrimSpace(expr[:op])
	value := strings.TrimLeft(expr[op+2:], " ")
	valueAt := len(expr) - len(value)
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil {
		return nil, fakeFilterError{valueAt, strconv.Quote(value) + " is not a valid number"}
	}
	var is func(p *decode.Packet) bool
	switch field {
	case "tcp.stream":
		is = func(p *decode.Packet) bool { return int(p.Flow) == n } // the fake's flow ids are its stream numbers
	case "tcp.port":
		is = func(p *decode.Packet) bool { return int(p.SrcPort) == n || int(p.DstPort) == n }
	case "tcp.flags.reset":
		is = func(p *decode.Packet) bool { return (p.Flags&decode.FlagRST != 0) == (n == 1) }
	default:
		return nil, fakeFilterError{0, strconv.Quote(field) + " is not a field of the fake"}
	}
	return fakeMatch(func(i int) bool { p := c.Packet(i); return is(p) != neg && p.Proto == decode.ProtoTCPPacket }), nil
}

type fakeFilterError struct {
	pos int
	msg string
}

func (e fakeFilterError) Error() string { return e.msg }
func (e fakeFilterError) Position() int { return e.pos }

type fakeMatch func(i int) bool

func (m fakeMatch) Match(i int) bool { return m(i) }
