// Package ui is ladder's terminal interface: the packet list, the details
// tree, the bytes pane, the filter bar, the flow table and the help screen,
// built on tview. Views read the capture through the small interfaces in
// this file, so tests drive them with fixtures instead of files, and the
// analysis can be plugged in when it lands without the views knowing it.
package ui

import (
	"net/netip"

	"github.com/ladder-dev/ladder/decode"
)

// Capture is the loaded capture as the views read it; *decode.Index
// implements it. Every method must be safe to call while the capture is
// still loading (the index publishes a growing, immutable prefix).
type Capture interface {
	Name() string
	Len() int
	Packet(i int) *decode.Packet
	Row(i int, prefix string, buf []byte) (decode.Row, []byte)
	Data(i int, buf []byte) ([]byte, error)
	LinkType(p *decode.Packet) uint16
	Details(i int, buf []byte) ([]decode.Field, []byte, error)
	Progress() decode.Progress
	Done() <-chan struct{}
	Addr(id uint32) decode.Addr
	// Flow, Flows and FlowsSnapshot hand out flows no one writes any more
	// (decode/snapshot.go): after Done the flows themselves, before it
	// snapshots. FlowsSnapshot copies into the caller's slice, for a view
	// redrawn while loading goes on.
	Flow(p *decode.Packet) *decode.Flow
	FlowsSnapshot(copies []decode.Flow, flows []*decode.Flow) ([]decode.Flow, []*decode.Flow)
	Flows() []*decode.Flow
	// ReadyFlowNames are the flows' names by flow index (as FlowsSnapshot
	// orders them), nil until they are computed after loading.
	ReadyFlowNames() []string
	// HostName is the name captured DNS answers gave an address, "" when
	// none did or the names are not computed yet.
	HostName(addr netip.Addr) string
}

// Annotations are what the TCP analysis adds to packets: the Info prefix
// ("[TCP Dup ACK 5#1] "), whether a packet carries an expert note (n/N
// jump between those), and whether Wireshark's "Bad TCP" colouring rule
// applies (tcp.analysis.flags other than window updates and keep-alives).
type Annotations interface {
	Label(i int) string
	HasNote(i int) bool
	BadTCP(i int) bool
}

// noAnnotations is used until the analysis has run: it needs the whole
// capture, so it starts when loading ends (see analyzeWhenLoaded).
type noAnnotations struct{}

func (noAnnotations) Label(int) string { return "" }
func (noAnnotations) HasNote(int) bool { return false }
func (noAnnotations) BadTCP(int) bool  { return false }
