package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/rivo/uniseg"
)

// statusLine is what the status bar shows, gathered by the app.
type statusLine struct {
	name      string
	progress  decode.Progress
	shown     int
	filter    string // applied filter, "" for none
	filtering bool   // the filter is still scanning
	scanned   int    // packets the filter has looked at
	waiting   bool   // the filter needs the analysis, which has not reached every packet
	message   string // a transient message (replaces the key hints)
	// second is the second capture's state (name, loading, pairing), ""
	// with one capture.
	second string
	hints  string
}

// loadState describes loading for the status bar: packets read, % of the
// file and rate while loading; the time it took once done.
func loadState(p decode.Progress) string {
	secs := p.Elapsed.Seconds()
	switch {
	case p.Done && p.Err != nil:
		var fe *decode.FormatError
		if errors.As(p.Err, &fe) { // the name is on the status bar already
			return fmt.Sprintf("damaged at byte offset %d, packet %d: %s", fe.Offset, fe.Packet, fe.Reason)
		}
		return "damaged: " + p.Err.Error()
	case p.Done:
		return fmt.Sprintf("loaded in %s", max(p.Elapsed.Round(time.Millisecond), time.Millisecond))
	}
	if p.Live {
		s := "capturing " + humanCount(int64(p.Packets)) + " pkts"
		if p.Dropped > 0 {
			s += ", " + humanCount(int64(p.Dropped)) + " dropped"
		}
		if p.First > 0 {
			// The ring deleted files: older frames left the index.
			s += fmt.Sprintf(", window from frame %d", p.First+1)
		}
		return s
	}
	s := "loading " + humanCount(int64(p.Packets)) + " pkts"
	if p.Size > 0 {
		s += fmt.Sprintf(" %d%%", min(p.Bytes*100/p.Size, 99))
	}
	if secs > 0.05 {
		s += " " + humanCount(int64(float64(p.Packets)/secs)) + "/s"
	}
	return s
}

// humanCount shortens large counts: 1234567 → "1.2M".
func humanCount(n int64) string {
	switch {
	case n >= 10_000_000:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// drawStatus draws the status bar in one line: file, displayed/total,
// filter, load state on the left; key hints or a message on the right,
// dropped first when the line is too narrow.
func drawStatus(screen tcell.Screen, x, y, width int, st statusLine, th *theme) {
	style := th.header.Underline(false).Reverse(true)
	if th.mode != colorNone {
		style = tcell.StyleDefault.Foreground(tcell.ColorBlack).Background(tcell.ColorSilver)
	}
	fill(screen, x, y, width, style)
	count := fmt.Sprintf("%d packets", st.progress.Packets)
	if st.filter != "" {
		count = fmt.Sprintf("%d/%d shown", st.shown, st.progress.Packets)
		switch {
		case st.filtering && st.waiting:
			count += " (waiting for the analysis)"
		case st.filtering && st.progress.Packets > 0:
			count += fmt.Sprintf(" (filtering %d%%)", st.scanned*100/st.progress.Packets)
		}
	}
	name := filepath.Base(st.name)
	if st.name == "-" {
		name = "stdin"
	}
	left := decode.Printable(name) + " │ " + count
	if st.filter != "" {
		left += " │ " + decode.Printable(st.filter)
	}
	state := decode.Printable(loadState(st.progress)) // errors quote file names
	left += " │ " + state
	if st.second != "" {
		left += " │ " + st.second
	}
	if st.progress.Done && st.progress.Err != nil {
		// Where the damage is (byte offset, packet number) must not be cut
		// at the screen's edge: it goes first, and the file name, known
		// from the command line, goes when the line is too short for both.
		rest := state + " │ " + count
		if st.filter != "" {
			rest += " │ " + decode.Printable(st.filter)
		}
		left = rest
		if full := decode.Printable(name) + " │ " + rest; uniseg.StringWidth(full) <= width {
			left = full
		}
	}
	right := st.hints
	if st.message != "" {
		right = decode.Printable(st.message)
	}
	rw := uniseg.StringWidth(right)
	lw := uniseg.StringWidth(left)
	if lw+2+rw > width && st.message == "" {
		right, rw = "", 0
	}
	used := drawText(screen, x, y, width-min(rw+1, width), 0, left, style)
	if rw > 0 && used+1 < width {
		drawText(screen, x+max(width-rw, used+1), y, width-max(width-rw, used+1), 0, right, style)
	}
}
