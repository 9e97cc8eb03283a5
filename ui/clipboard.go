package ui

import (
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rivo/tview"
)

// osc52 is the escape sequence that asks the terminal to put text on the
// system clipboard: ESC ] 52 ; c ; base64(text) BEL. It is the one escape
// sequence ladder writes on purpose, and it works over ssh with no X
// forwarding: the terminal on the user's laptop does the copying. BEL
// rather than ESC \ ends it because more terminals (and tmux) accept it.
func osc52(text string) []byte {
	b := make([]byte, 0, 8+base64.StdEncoding.EncodedLen(len(text)))
	b = append(b, "\x1b]52;c;"...)
	b = base64.StdEncoding.AppendEncode(b, []byte(text))
	return append(b, '\a')
}

// yankFile is where text goes when OSC 52 is off: a file the status bar
// names, to be fetched with scp or cat.
func (a *App) yankFile() string {
	if a.cfg.YankFile != "" {
		return a.cfg.YankFile
	}
	return filepath.Join(os.TempDir(), "ladder-yank.txt")
}

// tmuxClipboard is tmux's set-clipboard option when ladder runs inside
// tmux, else "". With "on" tmux keeps what an application sends by OSC 52
// in a paste buffer and passes it to the terminal; with "external" (its
// default) or "off" it drops it, and nothing reaches any clipboard.
func tmuxClipboard() string {
	if os.Getenv("TMUX") == "" {
		return ""
	}
	out, err := exec.Command("tmux", "show-options", "-gv", "set-clipboard").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// yank copies text to the clipboard (OSC 52 to the terminal) or, when
// OSC 52 is off, dropped by tmux, or the terminal cannot be written, to the
// yank file. The status bar says which, and no more than ladder can know:
// a terminal that ignores OSC 52 does not say so.
func (a *App) yank(what, text string) {
	if text == "" {
		a.message = "nothing to copy here"
		return
	}
	lines := strings.Count(strings.TrimRight(text, "\n"), "\n") + 1
	blocked := ""
	if !a.cfg.NoOSC52 {
		w := a.cfg.Clipboard
		via := "the terminal"
		if w == nil {
			switch s := tmuxClipboard(); s {
			case "on":
				via = "tmux"
			case "":
			default:
				blocked = "tmux drops OSC 52 (set -g set-clipboard on to copy): "
			}
		}
		if w == nil && blocked == "" {
			// tcell owns the terminal but has no way to pass an escape
			// through; the controlling terminal is the same device, and this
			// runs in the event loop, between two screen updates.
			tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
			if err == nil {
				defer tty.Close()
				w = tty
			}
		}
		if w != nil {
			if _, err := w.Write(osc52(text)); err == nil {
				a.message = fmt.Sprintf("sent %s (%d lines) to %s by OSC 52: it reaches the clipboard if the terminal allows it", what, lines, via)
				return
			}
		}
	}
	path := a.yankFile()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		a.message = blocked + "copy failed: " + err.Error()
		return
	}
	a.message = fmt.Sprintf("%scopied %s (%d lines) to %s", blocked, what, lines, path)
}

// summaryLine is a packet's row of the list as one line of text.
func summaryLine(c Capture, pkt int, label string) string {
	r, _ := c.Row(pkt, label, nil)
	return fmt.Sprintf("%d %s %s → %s %s %d %s\n", r.Frame, r.Time, r.Src, r.Dst, r.Protocol, r.Length, r.Info)
}

// subtreeText is the selected details node and everything under it, one
// field a line, indented like the tree.
func subtreeText(n *tview.TreeNode) string {
	var b strings.Builder
	var walk func(n *tview.TreeNode, depth int)
	walk = func(n *tview.TreeNode, depth int) {
		if ref, ok := n.GetReference().(nodeRef); ok {
			b.WriteString(strings.Repeat("    ", depth))
			b.WriteString(ref.field.Label)
			b.WriteByte('\n')
		}
		for _, c := range n.GetChildren() {
			walk(c, depth+1)
		}
	}
	if n != nil {
		walk(n, 0)
	}
	return b.String()
}
