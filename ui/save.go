package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ladder-dev/ladder/decode"
)

// selected is the flow table's selected flow, or nil when it is empty.
func (v *flowsView) selected() *decode.Flow {
	if v.cur < 0 || v.cur >= len(v.order) {
		return nil
	}
	f, _ := v.flow(v.order[v.cur])
	return f
}

// startSave opens the prompt for a file name (w): f nil saves the packets
// the list displays (every packet, or those the display filter passed),
// otherwise flow f's packets.
func (a *App) startSave(f *decode.Flow) {
	if a.idx == nil {
		a.message = "only a capture read from a file or interface can be saved"
		return
	}
	if !a.loaded() {
		a.message = "packets can be saved once the capture has loaded"
		return
	}
	if f == nil && a.filter != nil && !a.filter.Complete() {
		a.message = "the display filter is still running: save when it has finished"
		return
	}
	a.saveFlow = nil
	what := fmt.Sprintf("save %d packets", a.list.rows.Len())
	if f != nil {
		a.saveFlow = a.currentFlow(f)
		what = fmt.Sprintf("save %s (%d packets)", flowName(f), len(a.saveFlow.Frames))
	}
	a.startEdit(editSave, what+" to (.pcap or pcapng): ", "")
}

// saveFormat picks the file format from the name: pcap for ".pcap", pcapng
// for anything else (it keeps interfaces, resolutions and comments).
func saveFormat(path string) decode.ExportFormat {
	if strings.EqualFold(filepath.Ext(path), ".pcap") {
		return decode.ExportPcap
	}
	return decode.ExportPcapng
}

// savePath expands a leading ~/ to the home directory, as a shell would.
func savePath(text string) string {
	if rest, ok := strings.CutPrefix(text, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return text
}

// save writes what the prompt was opened for to path with
// decode.Index.Export (a temporary file renamed into place, never over
// the capture being read) and reports the outcome in the status bar. An
// existing file is overwritten only when the user answers y. A large
// capture is written off the UI goroutine.
func (a *App) save(text string) {
	if text == "" {
		a.message = "no file name given: nothing saved"
		return
	}
	path := savePath(text)
	keep := func(int) bool { return true }
	if f := a.saveFlow; f != nil {
		frames := f.Frames
		keep = func(i int) bool { _, ok := slices.BinarySearch(frames, int32(i)); return ok }
	} else if a.filter != nil {
		rows := a.filter
		keep = func(i int) bool { k := rows.Search(i); return k < rows.Len() && rows.At(k) == i }
	}
	a.saveFlow = nil
	if err := a.idx.CheckExportTarget(path); err != nil {
		a.message = "save: " + decode.Printable(err.Error())
		return
	}
	if _, err := os.Stat(path); err == nil {
		// The question first: a long path is cut at the screen's edge.
		a.ask("overwrite the existing file? (y/n) "+decode.Printable(path), func() { a.export(path, keep) },
			"not saved: "+decode.Printable(path)+" is unchanged")
		return
	}
	a.export(path, keep)
}

// export writes the packets keep passes to path, off the UI goroutine
// while the event loop runs.
func (a *App) export(path string, keep func(int) bool) {
	idx, format := a.idx, saveFormat(path)
	report := func(n int, err error) {
		if err != nil {
			a.message = "save: " + decode.Printable(err.Error())
			return
		}
		a.message = fmt.Sprintf("saved %d packets to %s", n, decode.Printable(path))
	}
	if !a.running {
		report(idx.Export(path, format, keep))
		return
	}
	a.message = "saving to " + decode.Printable(path) + "…"
	a.background("save", func() {
		n, err := idx.Export(path, format, keep)
		a.tv.QueueUpdateDraw(func() { report(n, err) })
	})
}
