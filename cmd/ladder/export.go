package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
)

func init() {
	register(command{"export", "write selected packets to a new pcap or pcapng file", runExport})
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "export FILE [FILE2] -w OUT [-Y FILTER] [--stream N [--udp]] [--path MARK,...] [--format pcap|pcapng]", stderr)
	out := fs.String("w", "", "write the packets to `OUT` (replaced atomically; never the input)")
	format := fs.String("format", "pcapng", "`pcapng` (keeps every interface and its timestamp resolution) or pcap")
	stream := fs.Int("stream", -1, "export only tcp.stream (or udp.stream with --udp) `number`")
	udp := fs.Bool("udp", false, "--stream names a udp.stream")
	path := fs.String("path", "", "with a second capture FILE2: export only FILE's packets whose mark (as `list FILE FILE2` shows it) is one of `MARKS`: both, lost-between, lost-or-uncaptured, not-sent, copy, missed, unseen, outside, unpaired")
	filter := addFilterFlag(fs)
	files, code := captureArgs(fs, args, stderr, "one capture file (or two of the same traffic) and -w OUT are needed", func() bool { return *out != "" })
	if files == nil {
		return code
	}
	file := files[0]
	marks, ok := parseMarks(*path)
	switch {
	case !ok:
		fmt.Fprintf(stderr, "ladder export: --path %q: a comma-separated list of both, lost-between, lost-or-uncaptured, not-sent, copy, missed, unseen, outside, unpaired\n", *path)
		return exitUsage
	case len(marks) > 0 && len(files) == 1:
		fmt.Fprintln(stderr, "ladder export: --path needs a second capture of the same traffic to compare with")
		return exitUsage
	}
	var ef decode.ExportFormat
	switch *format {
	case "pcapng":
		ef = decode.ExportPcapng
	case "pcap":
		ef = decode.ExportPcap
	default:
		fmt.Fprintf(stderr, "ladder export: unknown --format %q (pcap or pcapng)\n", *format)
		return exitUsage
	}
	if !filter.compile("export", stderr) {
		return exitUsage
	}
	idx, err := openIndex(file)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	loadErr := idx.Err()
	match := filter.matcher(idx)
	if len(files) == 2 {
		other, err := openIndex(files[1])
		if err != nil {
			return reportLoadError(stderr, err)
		}
		if other.CheckExportTarget(*out) != nil {
			fmt.Fprintln(stderr, "ladder export:", decode.ErrOverwriteInput)
			return exitUsage
		}
		p := vantage.Align(vantage.Capture{Name: files[0], Idx: idx}, vantage.Capture{Name: files[1], Idx: other})
		loadErr = pairErr(p)
		if len(marks) > 0 {
			pm, inner := newPacketMarks(p), match
			match = func(i int) bool { return marks[pm.path(i)] && inner(i) }
		}
	}
	keep := match
	if *stream >= 0 {
		f := findFlow(idx, *stream, *udp)
		if f == nil {
			fmt.Fprintf(stderr, "ladder export: %s has no %s stream %d\n", file, protoWord(*udp), *stream)
			return exitUsage
		}
		inFlow := make(map[int32]bool, len(f.Frames))
		for _, i := range f.Frames {
			inFlow[i] = true
		}
		keep = func(i int) bool { return inFlow[int32(i)] && match(i) }
	}
	n, err := idx.Export(*out, ef, keep)
	if err != nil {
		fmt.Fprintln(stderr, "ladder export:", err)
		if errors.Is(err, decode.ErrOverwriteInput) {
			return exitUsage
		}
		return exitDamaged
	}
	fmt.Fprintf(stdout, "%d packets written to %s\n", n, *out)
	return reportLoadError(stderr, loadErr)
}

// parseMarks reads --path: the marks `list A B` gives packets, comma
// separated. ok is false for a name that is no mark.
func parseMarks(s string) (map[string]bool, bool) {
	if s == "" {
		return nil, true
	}
	valid := map[string]bool{"unpaired": true}
	for f := vantage.Both; f <= vantage.Uncaptured; f++ {
		if f != vantage.LostBefore { // names bytes, never a packet
			valid[f.String()] = true
		}
	}
	out := map[string]bool{}
	for _, m := range strings.Split(s, ",") {
		m = strings.TrimSpace(m)
		if !valid[m] {
			return nil, false
		}
		out[m] = true
	}
	return out, true
}
