package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
)

// The lab's two-sided captures (testdata/twoside; the labels are each
// scenario's NAME.wire.json, the forwarder's ledger). forged-both: a
// middlebox drops the client's second request (client file frame 8) and
// forges a RST toward each end, frame 9 of the client file (in the
// server's name) and frame 8 of the server file (in the client's).
// drops: the server's first response (server file frame 6) and the
// client's second request (client file frame 8) are dropped once between
// the points, then retransmitted.
const twosideDir = "../testdata/twoside/"

func loadIndex(t *testing.T, name string) *decode.Index {
	t.Helper()
	src, err := decode.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return decode.Load(src)
}

// openTwo opens scenario's client file with its server file as the second
// capture, analysed and paired as Run does once both have loaded.
func openTwo(t *testing.T, scenario string, w, h int) (*App, tcell.SimulationScreen) {
	t.Helper()
	a0, a1 := twosideDir+scenario+".client.pcap", twosideDir+scenario+".server.pcap"
	idx := loadIndex(t, a0)
	second := &vantage.Capture{Name: a1, Idx: loadIndex(t, a1)}
	a := New(Config{Capture: idx, Second: second, NoColor: true, Clipboard: &bytes.Buffer{}})
	s := newSim(t, w, h)
	a.SetScreen(s)
	s.SetSize(w, h)
	a.setFindings(analyze(idx))
	a.setPair(alignPair(vantage.Capture{Name: a0, Idx: idx}, *second))
	draw(a, s)
	return a, s
}

// TestTwoCapturesFlowTable: the Seen column says the connection was seen
// in both files, with the ledger's one segment lost between the points
// and two resets not sent by their claimed senders; the status bar says
// how many connections were paired.
func TestTwoCapturesFlowTable(t *testing.T) {
	a, s := openTwo(t, "forged-both", 120, 24)
	rows := draw(a, s)
	if findRow(rows, "+ forged-both.server.pcap paired 1/1 TCP") < 0 {
		t.Errorf("status bar does not say the pairing:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"f"})
	rows = draw(a, s)
	if findRow(rows, "Seen") < 0 || findRow(rows, "both 1 lost 2 not sent") < 0 {
		t.Errorf("flow table:\n%s", strings.Join(rows, "\n"))
	}
}

// TestTwoCapturesFlowTableOnlyFirst: paired with another scenario's
// server file, the client file's connection is "1st only" and the other
// file's two connections (tshark -z conv,tcp on nat.server.pcap:
// 10.77.0.9:50000 and :50001 to 10.77.0.2:8080, 10 and 8 frames) are rows
// after it, labelled with that file's stream numbers. l on the second
// opens its ladder from nat.server.pcap's packets: 8 arrows (the ledger's
// frames 11-18 of the server file), each only in that file, the last the
// client's RST/ACK; Enter on the first does the same.
func TestTwoCapturesFlowTableOnlyFirst(t *testing.T) {
	a0, a1 := twosideDir+"forged-both.client.pcap", twosideDir+"nat.server.pcap"
	idx := loadIndex(t, a0)
	second := &vantage.Capture{Name: a1, Idx: loadIndex(t, a1)}
	a := New(Config{Capture: idx, Second: second, NoColor: true})
	s := newSim(t, 160, 30)
	a.SetScreen(s)
	s.SetSize(160, 30)
	a.setFindings(analyze(idx))
	a.setPair(alignPair(vantage.Capture{Name: a0, Idx: idx}, *second))
	send(a, s, keySpec{"f"})
	rows := draw(a, s)
	r0, r1 := findRow(rows, "2nd:tcp 0"), findRow(rows, "2nd:tcp 1")
	if findRow(rows, "1st only") < 0 || findRow(rows, "2 connection(s) only in nat.server.pcap, listed last") < 0 ||
		r0 < 0 || r1 != r0+1 || !strings.Contains(rows[r0], "10.77.0.9:50000") || !strings.Contains(rows[r1], "10.77.0.9:50001") ||
		!strings.Contains(rows[r1], "2nd only") || !strings.Contains(rows[r1], "5/3") {
		t.Fatalf("flow table:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{tcell.KeyDown, tcell.KeyDown, "l"})
	if a.view != viewLadder || a.ladder.lay == nil {
		t.Fatalf("l on 2nd:tcp 1 did not open a ladder:\n%s", strings.Join(draw(a, s), "\n"))
	}
	arrows := a.ladder.lay.Arrows
	if len(arrows) != 8 {
		t.Fatalf("%d arrows, want 8", len(arrows))
	}
	for k, ar := range arrows {
		if ar.Cap != 1 || ar.Index+1 != 11+k {
			t.Errorf("arrow %d: capture %d frame %d, want nat.server.pcap frame %d", k, ar.Cap, ar.Index+1, 11+k)
		}
	}
	rows = draw(a, s)
	if findRow(rows, "10.77.0.9:50001") < 0 || findRow(rows, "only in (nat.server.pcap #11)") < 0 || findRow(rows, "{abort, high, sent by the client}") < 0 {
		t.Errorf("ladder:\n%s", strings.Join(rows, "\n"))
	}
	// The selected arrow's details are nat.server.pcap's frame.
	send(a, s, keySpec{"j"})
	if a.otherShown != 11 {
		t.Errorf("details show frame %d of the second capture, want 12", a.otherShown+1)
	}
	// Follow, save and graphs read the first capture: refused, said why.
	send(a, s, keySpec{"q", "F"})
	if a.view != viewFlows || !strings.Contains(a.message, "only the second capture saw this conversation") {
		t.Errorf("F on a 2nd: row: view %v, message %q", a.view, a.message)
	}
	send(a, s, keySpec{tcell.KeyUp, tcell.KeyEnter})
	if a.view != viewLadder || len(a.ladder.lay.Arrows) != 10 || a.ladder.lay.Arrows[0].Index != 0 || a.ladder.lay.Arrows[0].Cap != 1 {
		t.Errorf("Enter on 2nd:tcp 0: view %v, want its 10-arrow ladder", a.view)
	}
}

// TestTwoCapturesResetPane: r in the two-sided ladder selects each forged
// reset in turn, the second capture's too, and the pane under the ladder
// shows the two-sided verdict (where it was seen, who sent it, proved),
// not the single capture's.
func TestTwoCapturesResetPane(t *testing.T) {
	a, s := openTwo(t, "forged-both", 120, 40)
	send(a, s, keySpec{"l", "r"})
	if a.ladder.lay.Vantage == "" {
		t.Fatal("the ladder is not two-sided")
	}
	rows := draw(a, s)
	for _, want := range []string{
		"forged-both.client.pcap RST frame 9: injected (high confidence)",
		"seen: forged-both.client.pcap #9 · forged-both.server.pcap not seen · sent by the middlebox (proved by both captures)",
	} {
		if findRow(rows, want) < 0 {
			t.Errorf("no %q:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	send(a, s, keySpec{"r"})
	ar := a.ladder.selectedArrow()
	if ar == nil || ar.Cap != 1 || ar.Index+1 != 8 {
		t.Fatalf("second r selected %+v, want frame 8 of the server file", ar)
	}
	rows = draw(a, s)
	for _, want := range []string{
		"forged-both.server.pcap RST frame 8: injected (high confidence)",
		"seen: forged-both.client.pcap not seen · forged-both.server.pcap #8 · sent by the middlebox",
	} {
		if findRow(rows, want) < 0 {
			t.Errorf("no %q:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	if v, r := a.ladderVerdict(); v == nil || r == nil || !r.Proved {
		t.Errorf("verdict %v, two-sided %v", v, r)
	}
}

// TestTwoCapturesSecondFileArrow: the server's first response, which only
// the server file saw (frame 6, lost between the points), can be selected
// in the ladder and its details are that file's frame; the arrow after it
// in the client file brings the list and details back to the first file.
func TestTwoCapturesSecondFileArrow(t *testing.T) {
	a, s := openTwo(t, "drops", 120, 40)
	send(a, s, keySpec{"l"})
	var at int = -1
	for k, ar := range a.ladder.lay.Arrows {
		if ar.Cap == 1 && ar.Path == diagram.PathLost {
			at = k
		}
	}
	if at < 0 {
		t.Fatal("no arrow lost between the points from the server file")
	}
	for a.ladder.cur < at {
		send(a, s, keySpec{"j"})
	}
	ar := a.ladder.selectedArrow()
	if ar.Index+1 != 6 || a.otherShown != 5 || a.ladder.selected() != -1 {
		t.Fatalf("arrow frame %d of capture %d, details of the second's %d", ar.Index+1, ar.Cap, a.otherShown+1)
	}
	rows := draw(a, s)
	if findRow(rows, "Frame 6 of drops.server.pcap") < 0 || findRow(rows, "Frame 6:") < 0 {
		t.Errorf("details of the second file's frame 6 not shown:\n%s", strings.Join(rows, "\n"))
	}
	// The c key reads each arrow from its own capture (the first FIN).
	send(a, s, keySpec{"c"})
	if p := a.arrowPacket(a.ladder.selectedArrow()); p.Flags&decode.FlagFIN == 0 {
		t.Errorf("c selected a packet without FIN: %+v", p)
	}
	send(a, s, keySpec{"q"})
	if a.otherShown != -1 || a.shown != a.list.Selected() {
		t.Errorf("back in the list the details show the second file's %d / first's %d, list at %d", a.otherShown, a.shown, a.list.Selected())
	}
}

// TestTwoCapturesOpenWhileLoading: the view opens and its keys work while
// the second capture is still arriving (a pipe holding back all but its
// header): the status bar shows its loading, the ladder is the first
// file's alone, and once both are in and paired the open ladder is
// redrawn two-sided.
func TestTwoCapturesOpenWhileLoading(t *testing.T) {
	a0, a1 := twosideDir+"forged-both.client.pcap", twosideDir+"forged-both.server.pcap"
	body, err := os.ReadFile(a1)
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "server.pcap")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	release, wrote := make(chan struct{}), make(chan error, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			wrote <- err
			return
		}
		defer w.Close()
		if _, err := w.Write(body[:24]); err != nil { // the pcap file header
			wrote <- err
			return
		}
		<-release
		_, err = w.Write(body[24:])
		wrote <- err
	}()
	src, err := decode.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	second := &vantage.Capture{Name: fifo, Idx: decode.Start(src)}
	idx := loadIndex(t, a0)
	a := New(Config{Capture: idx, Second: second, NoColor: true})
	s := newSim(t, 120, 30)
	a.SetScreen(s)
	s.SetSize(120, 30)
	a.setFindings(analyze(idx))
	rows := draw(a, s)
	if findRow(rows, "+ server.pcap loading") < 0 || !a.busy() {
		t.Errorf("status bar does not show the second capture loading:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"f"})
	if a.view != viewFlows || findRow(draw(a, s), "Seen") >= 0 {
		t.Errorf("flow table while the second loads: view %d\n%s", a.view, strings.Join(draw(a, s), "\n"))
	}
	send(a, s, keySpec{"q", "r", "l"})
	if a.view != viewLadder || a.ladder.lay.Vantage != "" || a.ladder.selected() != 8 {
		t.Fatalf("ladder while the second loads: view %d, two-sided %q, frame %d", a.view, a.ladder.lay.Vantage, a.ladder.selected()+1)
	}
	close(release)
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	select {
	case <-second.Idx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the second capture did not finish loading")
	}
	a.setPair(alignPair(vantage.Capture{Name: a0, Idx: idx}, *second))
	rows = draw(a, s)
	if a.ladder.lay.Vantage == "" || a.ladder.selected() != 8 || findRow(rows, "proved by both captures") < 0 {
		t.Errorf("after pairing: two-sided %q, frame %d\n%s", a.ladder.lay.Vantage, a.ladder.selected()+1, strings.Join(rows, "\n"))
	}
}
