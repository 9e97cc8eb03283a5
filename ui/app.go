package ui

import (
	"errors"
	"io"
	"sync/atomic"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
	"github.com/rivo/tview"
)

// Config is what the app is built from.
type Config struct {
	Capture     Capture
	Annotations Annotations // nil: no analysis labels or notes yet
	Compile     Compiler    // nil: Wireshark display filters (displayFilters) when Capture is a *decode.Index
	NoColor     bool        // NO_COLOR or --no-color
	Settings    Settings    // the configuration file (ui/settings.go); zero: built-in defaults

	// NoOSC52 turns off copying to the terminal's clipboard: `y` writes
	// to YankFile instead (default $TMPDIR/ladder-yank.txt).
	NoOSC52  bool
	YankFile string
	// Clipboard receives the OSC 52 sequences; nil writes them to /dev/tty.
	Clipboard io.Writer
	// Second, when not nil, is a second capture of the same traffic
	// taken at another point of its path, loading (decode.Start) beside
	// Capture, which must then be a *decode.Index. The view opens at once;
	// when both have loaded they are lined up (vantage.Align) in the
	// background, and from then on the flow table says which connections
	// the second capture saw, the ladder of a connection both saw is drawn
	// two-sided (diagram.BuildPair), and resets carry their two-sided
	// verdicts.
	Second *vantage.Capture
}

// The panes of the main view, in Tab order.
const (
	paneList = iota
	paneDetails
	paneBytes
	numPanes
)

var defaultWeights = [numPanes]int{5, 3, 2}

// Views the app can show over the main view.
const (
	viewMain = iota
	viewHelp
	viewFlows
	viewLadder
	viewExpert
	viewFollow
	viewStats // statistics tables (S)
	viewGraph // I/O or time-sequence graph (i, t)
)

// Kinds of input the command line at the bottom can be editing.
const (
	editNone = iota
	editFilter
	editGoto
	editFlowSearch
	editFollowSearch
	editSave
)

// App is ladder's terminal interface. All of its state lives here and is
// touched only from the UI goroutine (tview's event loop), except what the
// loader and filter goroutines publish through the index and rowSets.
type App struct {
	tv    termApp
	cfg   Config
	cap   Capture
	ann   Annotations
	theme *theme

	list    *packetList
	details *detailsView
	bytes   *bytesView
	help    *helpView
	flows   *flowsView
	ladder  *ladderView
	expert  *expertView
	follow  *followView
	stats   *statsView
	graph   *graphView
	input   *tview.InputField
	root    *rootView

	view     int
	back     int // the view q returns to from the ladder
	helpBack int // the view the help returns to
	edit     int
	focus    int
	zoomed   bool
	hidden   [numPanes]bool
	weights  [numPanes]int
	// baseWeights are the configured pane heights that = restores.
	baseWeights [numPanes]int

	count    int  // pending count prefix ("12" of "12gg")
	pendingG bool // a 'g' after a count, waiting for the second one

	filter     *filteredRows // nil: every packet shown
	filterExpr string
	history    []string
	histPos    int
	parseErr   error // of the text in the filter bar
	// completions are Tab's candidates, shown under the filter bar until
	// the text changes.
	completions string
	message     string

	// idx is the capture as a *decode.Index when it is one: the ladder,
	// the analysis and the full display filters need it.
	idx   *decode.Index
	found *findings // nil until loading has finished and the analysis has run
	// shared is found for the filter goroutine: a filter on analysis
	// fields reads the latest findings (displayFilters).
	shared    atomic.Pointer[findings]
	ownAnn    bool
	running   bool // the event loop runs: long work can report back through it
	ladderGen int  // counts ladder layouts, so a stale one is dropped
	followGen int  // counts follow builds, so a stale one is dropped
	statsBusy bool // the statistics are being computed
	// saveFlow is the flow the save prompt (w in the flow table) writes;
	// nil: the packets the list displays.
	saveFlow *decode.Flow
	// ladderDetails: in the ladder view, the details pane has the keys.
	ladderDetails bool

	// pair is the first capture lined up with cfg.Second, nil until both
	// have loaded and been paired (or without a second capture); resets
	// are its verdicts by capture and frame (pairing.go).
	pair   *vantage.Pair
	resets map[sighting]*vantage.Reset
	// otherShown is the second capture's packet the details pane shows
	// (a ladder arrow only that capture saw), -1 for none.
	otherShown int

	// keyQueue holds keys typed while the selection was being decided
	// (handleKey); awaiting: a goroutine waits to act on them.
	keyQueue []*tcell.EventKey
	awaiting bool
	// ladderPending, followPending: a ladder layout or a follow build
	// runs in the background; keys wait for it (handleKey).
	ladderPending, followPending bool
	// question waits for a y or n in the status bar (nil: none).
	question *question
	// shown is the packet the details and bytes panes show (-1: none).
	shown int

	failed failure // a background goroutine's panic (term.go)

	buf     []byte
	settled bool // the last state after loading and filtering finished is drawn
	quit    bool
}

// New builds the app around a capture. It does not touch the terminal
// until Run, so tests can draw it on a simulation screen.
func New(cfg Config) *App {
	ownAnn := cfg.Annotations == nil
	if cfg.Annotations == nil {
		cfg.Annotations = noAnnotations{}
	}
	a := &App{tv: tview.NewApplication(), cfg: cfg, cap: cfg.Capture, ann: cfg.Annotations,
		theme: newTheme(modeFor(256, cfg.NoColor)), shown: -1, otherShown: -1, weights: defaultWeights, baseWeights: defaultWeights, ownAnn: ownAnn}
	a.idx, _ = cfg.Capture.(*decode.Index)
	switch {
	case a.cfg.Compile != nil:
	case a.idx != nil:
		a.cfg.Compile = displayFilters(a.idx, &a.shared)
	default:
		a.cfg.Compile = noFilters
	}
	a.list = newPacketList(a.cap, a.ann, a.theme)
	a.details = newDetailsView(a.theme)
	a.bytes = newBytesView(a.theme)
	a.help = newHelpView(a.theme)
	a.flows = newFlowsView(a.cap, a.theme)
	a.flows.shown = func() (string, rowSet) { return a.filterExpr, a.list.rows }
	a.ladder = newLadderView(a.theme)
	a.expert = newExpertView(a.cap, a.theme)
	a.follow = newFollowView(a.theme)
	a.stats = newStatsView(a.theme)
	a.graph = &graphView{step: -1}
	a.input = tview.NewInputField()
	a.root = &rootView{Box: tview.NewBox(), app: a}

	a.list.onSelect = a.showPacket
	a.details.onField = a.bytes.mark
	a.flows.onFlow = func(expr string) {
		a.view = viewMain
		a.applyFilter(expr)
	}
	a.flows.onLadder = func(f *decode.Flow) { a.openLadder(f, -1, viewFlows) }
	a.input.SetChangedFunc(a.inputChanged)
	a.input.SetDoneFunc(a.inputDone)
	a.input.SetInputCapture(a.inputHistory)
	a.tv.SetRoot(a.root, true)
	a.tv.SetInputCapture(a.handleKey)
	a.tv.SetFocus(a.list)
	a.applySettings()
	return a
}

// SetScreen makes the app draw on screen (tests use a simulation screen).
func (a *App) SetScreen(s tcell.Screen) {
	a.tv.SetScreen(s)
	a.setColors(s.Colors())
}

func (a *App) setColors(colors int) {
	*a.theme = *a.cfg.themeFor(colors)
}

// Run shows the app on the terminal until the user quits. Progress and
// filter results are picked up by a ticker: the loader and filter
// goroutines never touch the UI themselves.
func (a *App) Run() error {
	s, err := tcell.NewScreen()
	if err != nil {
		return err
	}
	// tview's SetScreen initialises the screen itself. Initialising it here
	// too sized tcell's cell buffer to the terminfo default (80x24) while
	// its idea of the screen size stayed at the real one, and tcell's draw
	// loop then spun forever on the missing cells at any other size.
	a.SetScreen(s)
	a.tv.EnableMouse(true)
	return a.run()
}

// run starts the background work and the event loop. A panic in the
// background stops the loop and is returned (see background).
func (a *App) run() error {
	a.running = true
	stop := make(chan struct{})
	defer close(stop)
	a.background("redraw ticker", func() { a.tick(stop) })
	a.background("analysis", func() { a.analyzeWhenLoaded(stop) })
	if a.cfg.Second != nil {
		a.background("pairing", func() { a.pairWhenLoaded(stop) })
	}
	err := a.tv.Run()
	if f := a.failure(); f != nil {
		return f
	}
	return err
}

// tick redraws while the capture loads or a filter scans, and once more
// when both have finished; then it stays quiet until there is work again.
func (a *App) tick(stop chan struct{}) {
	// Quick ticks at first, so the first packets show as soon as they are
	// read; then five a second, which is plenty for a progress display and
	// cheap over ssh (only changed cells are sent).
	started := time.Now()
	for {
		wait := 200 * time.Millisecond
		if time.Since(started) < time.Second {
			wait = 20 * time.Millisecond
		}
		select {
		case <-stop:
			return
		case <-time.After(wait):
			a.tv.QueueUpdate(func() {
				busy := a.busy()
				if busy || !a.settled {
					a.refresh()
					a.tv.ForceDraw() // safe here: we are in the event loop
					a.settled = !busy
				}
			})
		}
	}
}

// busy reports whether loading or filtering is still under way.
func (a *App) busy() bool {
	select {
	case <-a.cap.Done():
	default:
		return true
	}
	if a.cfg.Second != nil && a.pair == nil {
		return true // the second capture's progress is on the status bar
	}
	return a.filter != nil && !a.filter.Complete()
}

// refresh updates the views from what loading and filtering published.
func (a *App) refresh() {
	a.list.sync()
	a.drainKeys()
	if a.view == viewFlows {
		a.flows.refresh()
	}
	if a.view == viewGraph {
		a.refreshGraph()
	}
}

// showPacket decodes the selected packet for the details and bytes panes.
func (a *App) showPacket(pkt int) {
	a.shown, a.otherShown = pkt, -1
	if pkt < 0 {
		a.bytes.show(nil)
		a.details.show(nil, nil)
		return
	}
	fields, data, err := a.cap.Details(pkt, a.buf)
	a.buf = data
	a.bytes.show(data)
	if a.found != nil {
		if tree, ok := a.found.res.SeqAckTree(pkt); ok {
			fields = withSeqAck(fields, tree)
		}
	}
	a.details.show(fields, err)
}

// syncPanes makes the details and bytes panes show the packet the list
// has selected. Other views (the ladder) show their own packet in the
// details, and the list cannot always follow them (a filter may hide
// it): back in the main view the three panes must agree again, so that
// what is highlighted, detailed and copied is one packet.
func (a *App) syncPanes() {
	a.list.sync()
	if sel := a.list.Selected(); sel != a.shown {
		a.showPacket(sel)
	}
}

// withSeqAck puts the TCP analysis subtree into the TCP header's fields
// where Wireshark shows it: after the options, before the payload.
func withSeqAck(fields []decode.Field, tree decode.Field) []decode.Field {
	for k := range fields {
		if fields[k].Name != "tcp" {
			continue
		}
		ch := fields[k].Children
		at := len(ch)
		for j, c := range ch {
			if c.Name == "tcp.payload" {
				at = j
				break
			}
		}
		out := make([]decode.Field, 0, len(ch)+1)
		out = append(append(append(out, ch[:at]...), tree), ch[at:]...)
		fields[k].Children = out
		return fields
	}
	return fields
}

// applyFilter compiles and starts a filter; an empty expression shows every
// packet again.
func (a *App) applyFilter(expr string) bool {
	if a.filter != nil {
		a.filter.Stop()
	}
	if expr == "" {
		a.filter, a.filterExpr = nil, ""
		a.list.setRows(allRows{a.cap})
		return true
	}
	f, err := a.cfg.Compile(expr)
	if err != nil {
		a.message = "filter: " + err.Error()
		a.filter = nil
		a.list.setRows(allRows{a.cap})
		return false
	}
	a.filter, a.filterExpr = startFilter(a.cap, f, expr, a.background), expr
	a.settled = false
	a.list.setRows(a.filter)
	a.message = ""
	return true
}

// errorPos is the byte offset of a filter error, or -1.
func errorPos(err error) int {
	var p interface{ Position() int }
	if errors.As(err, &p) {
		return p.Position()
	}
	return -1
}

// status gathers the status bar's content.
func (a *App) status() statusLine {
	st := statusLine{name: a.cap.Name(), progress: a.cap.Progress(), shown: a.list.rows.Len(),
		filter: a.filterExpr, message: a.message}
	if a.question != nil {
		st.message = a.question.text
	}
	if a.cfg.Second != nil {
		st.second = a.secondState()
	}
	if a.filter != nil && !a.filter.Complete() {
		st.filtering, st.scanned, st.waiting = true, a.filter.Scanned(), a.filter.Waiting()
	}
	switch a.view {
	case viewHelp:
		st.hints = "q:close"
	case viewFlows:
		st.hints = "Enter:filter l:ladder s:sort q:back"
	case viewLadder:
		st.hints = "r:RST c:close h:level y:copy"
	case viewExpert:
		st.hints = "Enter:open/go l:ladder y:copy q:back"
	case viewFollow:
		st.hints = "h:hex /:search Enter:packet q:back"
	case viewStats:
		st.hints = "Tab 1-5:tab s:sort Enter:filter q:back"
	case viewGraph:
		st.hints = a.graph.hints()
	default:
		st.hints = "?:help /:filter l:ladder q:quit"
	}
	return st
}

// packetOK reports whether packet pkt exists (loaded so far).
func (a *App) packetOK(pkt int) bool { return pkt >= 0 && pkt < a.cap.Len() }

// isRST tells r/R which packets are resets, from the index record alone.
func (a *App) isRST(pkt int) bool {
	p := a.cap.Packet(pkt)
	return p.Proto == decode.ProtoTCPPacket && p.Flags&decode.FlagRST != 0
}
