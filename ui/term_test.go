package ui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// mockApp is termApp without a terminal, as dundee/gdu's MockedApp: its
// Run is an event loop that runs what QueueUpdate hands it, on the
// goroutine that called Run, so the App's background goroutines (filter,
// layouts, saves, the key waiter) run for real in tests, under the race
// detector, and report back through the loop as they do under tview.
type mockApp struct {
	*tview.Application // focus and input capture, which need no terminal
	updates            chan func()
	stopped            chan struct{}
	stopOnce           sync.Once
}

func newMockApp() *mockApp {
	return &mockApp{Application: tview.NewApplication(), updates: make(chan func()), stopped: make(chan struct{})}
}

func (m *mockApp) Run() error {
	for {
		select {
		case f := <-m.updates:
			f()
		case <-m.stopped:
			return nil
		}
	}
}

func (m *mockApp) Stop() { m.stopOnce.Do(func() { close(m.stopped) }) }

// QueueUpdate waits until the loop has run f, as tview's does; once the
// loop has stopped it returns without running f.
func (m *mockApp) QueueUpdate(f func()) *tview.Application {
	done := make(chan struct{})
	select {
	case m.updates <- func() { f(); close(done) }:
		<-done
	case <-m.stopped:
	}
	return nil
}

func (m *mockApp) QueueUpdateDraw(f func()) *tview.Application { return m.QueueUpdate(f) }
func (m *mockApp) ForceDraw() *tview.Application               { return nil }
func (m *mockApp) SetScreen(tcell.Screen) *tview.Application   { return nil }

// runMocked starts app a's event loop on the mock and returns a function
// that acts on the loop (as a key or a draw would) and the channel Run's
// result arrives on.
func runMocked(t *testing.T, a *App) (m *mockApp, on func(func()), result chan error) {
	t.Helper()
	m = newMockApp()
	a.tv = m
	result = make(chan error, 1)
	go func() { result <- a.run() }()
	t.Cleanup(func() {
		m.Stop()
		select {
		case <-result:
		case <-time.After(5 * time.Second):
			t.Error("the event loop did not stop")
		}
	})
	return m, func(f func()) { m.QueueUpdate(f) }, result
}

// panicFilter is a filter that panics on packet 5: a decoder bug hit by a
// hostile packet while filtering in the background.
type panicFilter struct{}

func (panicFilter) Match(i int) bool {
	if i == 5 {
		panic("index out of range [7] with length 7")
	}
	return true
}

// TestBackgroundPanicStopsApp: a panic in a background goroutine (here the
// filter's) stops the event loop — under tview that restores the terminal
// — and Run returns it with what was running. Before, the goroutine's
// panic ended the process with the terminal left in raw mode.
func TestBackgroundPanicStopsApp(t *testing.T) {
	c := newFake(100)
	a := New(Config{Capture: c, NoColor: true, Compile: func(string) (Filter, error) { return panicFilter{}, nil }})
	m, on, result := runMocked(t, a)
	on(func() {
		a.handleKey(runeKey('/'))
		typeKeys(a, "tcp")
		a.handleKey(key(tcell.KeyEnter))
	})
	select {
	case err := <-result:
		if err == nil || !strings.Contains(err.Error(), "filter tcp: panic: index out of range") {
			t.Fatalf("Run returned %v, want the filter's panic", err)
		}
		result <- err // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("the app kept running after its filter panicked")
	}
	select {
	case <-m.stopped:
	default:
		t.Fatal("Stop was not called: the terminal would stay in raw mode")
	}
}

// gatedFilter matches every even packet, and blocks on packet gate until
// released: a filter still scanning when the next keys arrive.
type gatedFilter struct {
	gate    int
	release chan struct{}
}

func (f *gatedFilter) Match(i int) bool {
	if i == f.gate {
		<-f.release
	}
	return i%2 == 0
}

// TestKeysWaitForFilterInLoop drives the real event loop (mocked) with the
// filter goroutine held mid-scan: keys typed after Enter wait, in order,
// until the filter has decided the selection, then act on it. Frame 21
// (index 20, even) is selected before the filter and passes it, so it
// stays selected; j j then move two matches on, to index 24.
func TestKeysWaitForFilterInLoop(t *testing.T) {
	c := newFake(1000)
	f := &gatedFilter{gate: 10, release: make(chan struct{})}
	a := New(Config{Capture: c, NoColor: true, Compile: func(string) (Filter, error) { return f, nil }})
	_, on, _ := runMocked(t, a)
	on(func() {
		a.gotoFrame(21)
		a.handleKey(runeKey('/'))
		typeKeys(a, "even")
		a.handleKey(key(tcell.KeyEnter))
		typeKeys(a, "jj")
	})
	var queued, sel int
	on(func() { queued, sel = len(a.keyQueue), a.list.Selected() })
	if queued != 2 || sel != -1 {
		t.Fatalf("while the filter scans: %d keys waiting, packet %d selected; want 2 and none", queued, sel)
	}
	close(f.release)
	deadline := time.Now().Add(5 * time.Second)
	for {
		on(func() { queued, sel = len(a.keyQueue), a.list.Selected() })
		if queued == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d keys still waiting after the filter went on", queued)
		}
		time.Sleep(time.Millisecond)
	}
	if want := 24; sel != want { // index 20 kept, then 22, 24
		t.Errorf("packet index %d selected, want %d", sel, want)
	}
	var details string
	on(func() {
		s := newSim(t, 80, 24)
		details = strings.Join(draw(a, s), "\n")
	})
	if !strings.Contains(details, fmt.Sprintf("Frame %d: fake", sel+1)) {
		t.Errorf("the details do not show the selected packet:\n%s", details)
	}
}

// TestBackgroundPathsInLoop runs the save and the statistics as they run
// under Run, off the UI goroutine with their results brought back through
// the (mocked) event loop, under the race detector when tests run with
// -race: the paths every earlier test took synchronously because the app
// was not running. Figures from tshark on seed.pcap: 15 frames, 3638 bytes.
func TestBackgroundPathsInLoop(t *testing.T) {
	a, s := openSeed(t, 100, 30, false, &bytes.Buffer{})
	_, on, _ := runMocked(t, a)
	path := filepath.Join(t.TempDir(), "out.pcap")
	on(func() { send(a, s, keySpec{"w", path, tcell.KeyEnter}) })
	waitFor(t, on, func() bool { return strings.HasPrefix(a.message, "saved 15 packets") }, func() string { return a.message })
	on(func() { send(a, s, keySpec{"S"}) })
	waitFor(t, on, func() bool { return a.stats.tables != nil }, func() string { return "statistics not computed" })
	var rows []string
	on(func() { rows = draw(a, s) })
	if f := rowFields(rows, "tcp"); len(f) < 3 || f[1] != "15" || f[2] != "3638" {
		t.Errorf("tcp row %v, want tshark's 15 frames and 3638 bytes", f)
	}
}

// waitFor polls cond on the event loop until it holds, or fails with what.
func waitFor(t *testing.T, on func(func()), cond func() bool, what func() string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var ok bool
		var msg string
		on(func() { ok, msg = cond(), what() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("not reached: %s", msg)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
