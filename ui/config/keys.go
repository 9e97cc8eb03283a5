package config

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gdamore/tcell/v2"
)

// Action is one thing a key does in the main view that [keys] can move to
// another key. Default is the key ladder binds it to, written as in the file.
type Action struct {
	Name    string
	Default string
	Doc     string
}

// Actions returns the rebindable actions with their default keys (those of
// ui/keys.go and ui/list.go). Digits are not rebindable: they type counts.
func Actions() []Action {
	return []Action{
		{"quit", "q", "quit (in help and flows: go back)"},
		{"help", "?", "show the help screen"},
		{"flows", "f", "show the flow table"},
		{"filter", "/", "edit the display filter"},
		{"goto", ":", "go to a packet number"},
		{"down", "j", "next packet"},
		{"up", "k", "previous packet"},
		{"first", "g", "first packet (Ngg: packet N)"},
		{"last", "G", "last packet (NG: packet N)"},
		{"next_rst", "r", "next TCP reset"},
		{"prev_rst", "R", "previous TCP reset"},
		{"next_note", "n", "next expert note"},
		{"prev_note", "N", "previous expert note"},
		{"zoom", "z", "zoom the focused pane"},
		{"hide_pane", "x", "hide the focused pane"},
		{"reset_layout", "=", "show every pane at default heights"},
		{"grow_pane", "+", "make the focused pane taller"},
		{"shrink_pane", "-", "make the focused pane shorter"},
		{"next_pane", "Tab", "focus the next pane"},
		{"prev_pane", "Backtab", "focus the previous pane"},
	}
}

// KeyID is one key as tcell reports it: a special key, or KeyRune with the
// character.
type KeyID struct {
	Key  tcell.Key
	Rune rune
}

func (k KeyID) String() string {
	if k.Key == tcell.KeyRune {
		return string(k.Rune)
	}
	return tcell.KeyNames[k.Key]
}

// ParseKey reads a key as written in the file: one printable character
// ("q", "?"), or a tcell key name ("Tab", "F5", "Ctrl-N", "PgDn"), case
// ignored for names. Digits and space are refused: they type counts and
// are never commands.
func ParseKey(s string) (KeyID, error) {
	if r, n := utf8.DecodeRuneInString(s); n == len(s) && n > 0 && r != utf8.RuneError {
		switch {
		case r >= '0' && r <= '9':
			return KeyID{}, fmt.Errorf("digits type counts (12j) and cannot be bound")
		case !unicode.IsGraphic(r) || unicode.IsSpace(r):
			return KeyID{}, fmt.Errorf("%s is not a printable character; write a key name such as \"Tab\"", quote(s))
		}
		return KeyID{tcell.KeyRune, r}, nil
	}
	for k, name := range tcell.KeyNames {
		if strings.EqualFold(name, s) && k != tcell.KeyCtrlC && k != tcell.KeyRune {
			return KeyID{Key: k}, nil
		}
	}
	if strings.EqualFold(s, "Ctrl-C") {
		return KeyID{}, fmt.Errorf("Ctrl-C always quits and cannot be bound")
	}
	return KeyID{}, fmt.Errorf("unknown key %s: write one character (\"q\") or a key name (\"Tab\", \"F5\", \"Ctrl-N\")", quote(s))
}

// reservedKeys are keys of the interactive view that [keys] cannot move
// or take: the arrows and paging keys, and the keys of the views not in
// Actions (ladder, expert information, copy, sorting, follow, save,
// statistics and graphs), as ui/help.go lists
// them. Binding an action to one of them would hide what it does.
func reservedKeys() map[KeyID]string {
	r := map[KeyID]string{
		{Key: tcell.KeyUp}: "moving", {Key: tcell.KeyDown}: "moving", {Key: tcell.KeyLeft}: "scrolling",
		{Key: tcell.KeyRight}: "scrolling", {Key: tcell.KeyPgUp}: "paging", {Key: tcell.KeyPgDn}: "paging",
		{Key: tcell.KeyHome}: "the first packet", {Key: tcell.KeyEnd}: "the last packet",
		{Key: tcell.KeyCtrlB}: "paging", {Key: tcell.KeyCtrlF}: "paging",
		{Key: tcell.KeyEnter}: "opening", {Key: tcell.KeyEsc}: "cancelling",
	}
	for ch, what := range map[rune]string{'l': "the ladder", 'e': "expert information", 'y': "copying",
		'c': "the ladder's close", 'h': "the ladder's arrow style", 's': "sorting flows", 'S': "statistics and sorting flows",
		'*': "expanding details", 'F': "following a stream", 'w': "saving packets", 'i': "the I/O graph",
		't': "the time-sequence graph", 'd': "the time-sequence graph's direction", 'm': "the I/O graph's metric",
		'a': "the I/O graph's ASCII mode"} {
		r[KeyID{Key: tcell.KeyRune, Rune: ch}] = what
	}
	return r
}

func checkKey(v Value) string {
	k, err := ParseKey(v.Str)
	if err != nil {
		return err.Error()
	}
	if what, ok := reservedKeys()[k]; ok {
		return fmt.Sprintf("key %s is used for %s and cannot be bound", quote(k.String()), what)
	}
	return ""
}

// checkStyle accepts "", "FG" or "FG on BG" with colour names or #rrggbb.
func checkStyle(v Value) string {
	if v.Str == "" {
		return ""
	}
	if _, _, err := ParseStyle(v.Str); err != nil {
		return err.Error()
	}
	return ""
}

// ParseStyle reads "FG on BG" or "FG" into colours (ColorDefault for BG
// when it is left out).
func ParseStyle(s string) (fg, bg tcell.Color, err error) {
	fgName, bgName, hasBG := strings.Cut(s, " on ")
	if fg, err = parseColor(strings.TrimSpace(fgName)); err != nil {
		return
	}
	bg = tcell.ColorDefault
	if hasBG {
		bg, err = parseColor(strings.TrimSpace(bgName))
	}
	return
}

func parseColor(s string) (tcell.Color, error) {
	hex := len(s) == 7 && s[0] == '#' && strings.Trim(s[1:], "0123456789abcdefABCDEF") == ""
	if c := tcell.GetColor(strings.ToLower(s)); c != tcell.ColorDefault && (hex || s[0] != '#') {
		return c, nil
	}
	return tcell.ColorDefault, fmt.Errorf("unknown colour %s: write a name (\"white\", \"navy\") or #rrggbb, as \"FG on BG\"", quote(s))
}
