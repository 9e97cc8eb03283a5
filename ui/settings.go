package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/config"
)

// Settings is the configuration file's content (package ui/config) as
// Config carries it to the app; the zero value is ladder's built-in look,
// layout and keys.
type Settings = config.Config

// applySettings applies cfg.Settings to a newly built app: layout, keys
// and the time column. The theme is applied by themeFor, also when the
// terminal's colour count becomes known.
func (a *App) applySettings() {
	s := &a.cfg.Settings
	*a.theme = *a.cfg.themeFor(256)
	// Config's own fields come from flags and win over the file.
	a.cfg.NoOSC52 = a.cfg.NoOSC52 || !s.Bool("ui", "osc52")
	if a.cfg.YankFile == "" {
		a.cfg.YankFile = s.String("ui", "yank_file")
	}
	a.applyLayout(s)
	a.applyColumns(s)
	if km := newKeyMap(s); !km.empty() {
		next := a.tv.GetInputCapture()
		a.tv.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
			if a.edit == editNone { // typed text is never remapped
				if ev = km.translate(ev); ev == nil {
					return nil
				}
			}
			return next(ev)
		})
	}
	if _, bg, _ := a.theme.normal.Decompose(); bg != tcell.ColorDefault {
		// tview's own widgets fill their background with tview's default
		// (black); the light palette paints its own.
		a.details.SetBackgroundColor(bg)
	}
	if f := timeFormatOf(s.String("ui", "time")); f != timeRelative {
		// Only the packet list shows packet times; the other views and
		// a.idx keep the capture itself.
		tc := timedCapture{Capture: a.cap, format: f, loc: time.Local}
		a.list.cap = tc
	}
}

// applyColumns sets the packet list's columns and widths from [columns].
func (a *App) applyColumns(s *Settings) {
	show := s.List("columns", "show")
	if len(show) == 0 {
		return
	}
	a.list.columns = a.list.columns[:0]
	for _, name := range show {
		for c, known := range config.Columns {
			if name == known {
				a.list.columns = append(a.list.columns, c)
			}
		}
	}
	for c, name := range config.Columns {
		a.list.fixed[c] = max(s.Int("columns", name), 0)
	}
}

// themeFor is the theme of the configured palette and colour depth on a
// terminal with colors colours; NoColor (NO_COLOR, --no-color) wins.
func (c *Config) themeFor(colors int) *theme {
	s := &c.Settings
	switch s.String("ui", "color") {
	case "16":
		colors = min(colors, 16)
	case "none":
		colors = 0
	}
	palette := paletteDark
	if s.String("ui", "theme") == "light" {
		palette = paletteLight
	}
	t := newPaletteTheme(palette, modeFor(colors, c.NoColor))
	if t.mode == colorNone {
		return t // [colors] only changes colours
	}
	for name, st := range map[string]*tcell.Style{"selected": &t.selected, "marked": &t.mark,
		"filter_ok": &t.good, "filter_error": &t.bad, "header": &t.header} {
		fg, bg, err := config.ParseStyle(s.String("colors", name))
		if err != nil {
			continue // "" (the theme's own); other values were checked when the file was read
		}
		*st = st.Foreground(fg)
		if bg != tcell.ColorDefault {
			*st = st.Background(bg)
		}
	}
	return t
}

// applyLayout sets which panes show at start, their relative heights, and
// whether the list starts zoomed.
func (a *App) applyLayout(s *Settings) {
	names := config.Panes
	shown := s.List("layout", "panes")
	first := -1
	for p := range numPanes {
		a.weights[p] = s.Int("layout", names[p])
		a.hidden[p] = true
		for _, n := range shown {
			if n == names[p] {
				a.hidden[p] = false
			}
		}
		if !a.hidden[p] && first < 0 {
			first = p
		}
	}
	if first < 0 { // an empty list is refused when the file is read; stay usable anyway
		a.hidden, first = [numPanes]bool{}, paneList
	}
	a.baseWeights = a.weights
	a.zoomed = s.Bool("layout", "zoom")
	a.setFocus(first)
}

// keyMap translates the keys the user rebound into the keys the app
// handles: the new key of an action sends the action's default key, and a
// default key whose action moved elsewhere does nothing (unless it is
// itself the new key of another action).
type keyMap struct {
	to      map[config.KeyID]config.KeyID
	dropped map[config.KeyID]bool
}

func newKeyMap(s *Settings) keyMap {
	km := keyMap{to: map[config.KeyID]config.KeyID{}, dropped: map[config.KeyID]bool{}}
	for _, act := range config.Actions() {
		k, err1 := config.ParseKey(s.String("keys", act.Name))
		d, err2 := config.ParseKey(act.Default)
		if err1 != nil || err2 != nil || k == d {
			continue
		}
		km.to[k] = d
		km.dropped[d] = true
	}
	for k := range km.to {
		delete(km.dropped, k)
	}
	return km
}

func (km keyMap) empty() bool { return len(km.to) == 0 && len(km.dropped) == 0 }

// translate returns the key the app should see, or nil for none. Keys
// with Alt or Ctrl held on a character pass unchanged: they are not the
// plain characters the table names.
func (km keyMap) translate(ev *tcell.EventKey) *tcell.EventKey {
	id := config.KeyID{Key: ev.Key()}
	if ev.Key() == tcell.KeyRune {
		if ev.Modifiers()&(tcell.ModAlt|tcell.ModCtrl|tcell.ModMeta) != 0 {
			return ev
		}
		id.Rune = ev.Rune()
	}
	if d, ok := km.to[id]; ok {
		return tcell.NewEventKey(d.Key, d.Rune, tcell.ModNone)
	}
	if km.dropped[id] {
		return nil
	}
	return ev
}

// Time formats of the packet list's Time column, as tshark's -t option.
const (
	timeRelative = iota // -t r: seconds since the first packet (decode.Row's own)
	timeAbsolute        // -t a: time of day in local time
	timeDelta           // -t d: seconds since the previous captured packet
	timeEpoch           // -t e: seconds since 1970-01-01 UTC
)

func timeFormatOf(name string) int {
	switch name {
	case "absolute":
		return timeAbsolute
	case "delta":
		return timeDelta
	case "epoch":
		return timeEpoch
	}
	return timeRelative
}

// timedCapture rewrites the Time of each row in another format. The
// precision (digits after the point) is the one decode.Row chose from the
// interface's timestamp resolution, as tshark does, so the two agree.
type timedCapture struct {
	Capture
	format int
	loc    *time.Location
}

func (c timedCapture) Row(i int, prefix string, buf []byte) (decode.Row, []byte) {
	r, buf := c.Capture.Row(i, prefix, buf)
	if r.Time == "" { // the packet has no timestamp
		return r, buf
	}
	prec := 0
	if dot := strings.IndexByte(r.Time, '.'); dot >= 0 {
		prec = len(r.Time) - dot - 1
	}
	r.Time = formatTime(c.format, c.Capture, i, prec, c.loc)
	return r, buf
}

// formatTime is the Time column of packet i in format, with prec decimals
// truncated as tshark truncates them.
func formatTime(format int, c Capture, i, prec int, loc *time.Location) string {
	ns := c.Packet(i).Time
	var b [48]byte
	out := b[:0]
	switch format {
	case timeAbsolute:
		t := time.Unix(0, ns).In(loc)
		out = t.AppendFormat(out, "15:04:05")
		out = appendFraction(out, int64(t.Nanosecond()), prec)
	case timeDelta:
		d := int64(0)
		if i > 0 {
			d = ns - prevTime(c, i)
		}
		out = appendSeconds(out, d, prec)
	default:
		out = appendSeconds(out, ns, prec)
	}
	return string(out)
}

// prevTime is the time tshark's -t d subtracts for packet i > 0: that of
// packet i-1, where a pcapng block that is not a packet (a custom block,
// shown as "PCAPNG") carries the time of the packet before it, or 0 at the
// start, and a packet without a timestamp (a simple packet block) counts
// as 0. Checked on the pcapng-test-generator captures of testdata/corpus.
func prevTime(c Capture, i int) int64 {
	for j := i - 1; j >= 0; j-- {
		if p := c.Packet(j); p.Proto != decode.ProtoBlock {
			if p.Bad&decode.BadNoTime != 0 {
				return 0
			}
			return p.Time
		}
	}
	return 0
}

// appendSeconds appends ns as seconds with prec decimals ("-0.000100").
func appendSeconds(out []byte, ns int64, prec int) []byte {
	if ns < 0 {
		out = append(out, '-')
		ns = -ns
	}
	out = strconv.AppendInt(out, ns/1e9, 10)
	return appendFraction(out, ns%1e9, prec)
}

// appendFraction appends ".ddd" with the first prec digits of frac
// nanoseconds; nothing when prec is 0.
func appendFraction(out []byte, frac int64, prec int) []byte {
	if prec <= 0 {
		return out
	}
	prec = min(prec, 9)
	var digits [9]byte
	for k := 8; k >= 0; k-- {
		digits[k] = byte('0' + frac%10)
		frac /= 10
	}
	out = append(out, '.')
	return append(out, digits[:prec]...)
}
