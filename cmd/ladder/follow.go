package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ladder-dev/ladder/analysis/follow"
	"github.com/ladder-dev/ladder/decode"
	"golang.org/x/term"
)

func init() {
	register(command{"follow", "print the reassembled payload of one TCP or UDP stream", runFollow})
}

func runFollow(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("follow", "follow FILE [FILE2] --stream N [--udp] [--format ascii|hex|raw] [--point 1|2] [-w OUT]", stderr)
	stream := fs.Int("stream", -1, "the tcp.stream (or udp.stream with --udp) `number` to follow")
	udp := fs.Bool("udp", false, "--stream names a udp.stream")
	format := fs.String("format", "ascii", "`ascii` (control bytes escaped), hex (a dump) or raw (the payload bytes, as tshark -z follow,tcp,raw)")
	out := fs.String("w", "", "write to `OUT` instead of standard output")
	point := fs.Int("point", 0, "with two captures: print only the stream as capture `1` or 2 saw it (needed with --format raw)")
	files, code := captureArgs(fs, args, stderr, "one capture file (or two of the same traffic) and --stream N are needed", func() bool { return *stream >= 0 })
	if files == nil {
		return code
	}
	if *format != "ascii" && *format != "hex" && *format != "raw" {
		fmt.Fprintf(stderr, "ladder follow: unknown --format %q (ascii, hex or raw)\n", *format)
		return exitUsage
	}
	switch {
	case *point < 0 || *point > len(files) || *point > 0 && len(files) == 1:
		fmt.Fprintln(stderr, "ladder follow: --point 1 or 2 names one of two captures")
		return exitUsage
	case len(files) == 2 && *format == "raw" && *point == 0:
		fmt.Fprintln(stderr, "ladder follow: --format raw with two captures needs --point 1 or 2 (one point's bytes)")
		return exitUsage
	}
	// Raw payload can hold escape sequences; never send it to a terminal.
	if *format == "raw" && *out == "" && isTerminal(stdout) {
		fmt.Fprintln(stderr, "ladder follow: refusing to write raw payload bytes to a terminal; use -w OUT or redirect standard output")
		return exitUsage
	}
	if len(files) == 2 {
		return followTwo(files, *stream, *udp, *point, *format, *out, stdout, stderr)
	}
	file := files[0]
	idx, err := openIndex(file)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	f := findFlow(idx, *stream, *udp)
	if f == nil {
		fmt.Fprintf(stderr, "ladder follow: %s has no %s stream %d\n", file, protoWord(*udp), *stream)
		return exitUsage
	}
	s, err := follow.Build(idx, f)
	if err != nil {
		fmt.Fprintln(stderr, "ladder follow:", err)
		return exitDamaged
	}
	r := follow.NewReader(idx)
	name := func(n uint8) string { return endpointString(idx, s.Nodes[n&1]) }
	write := func(w io.Writer) error {
		switch *format {
		case "raw":
			return s.WriteRaw(w, r)
		case "hex":
			return s.WriteText(w, r, follow.FormatHex, name)
		}
		return s.WriteText(w, r, follow.FormatASCII, name)
	}
	if *out != "" {
		// Through a temporary file renamed into place: never over the input.
		err = idx.WriteFile(*out, write)
		if errors.Is(err, decode.ErrOverwriteInput) {
			fmt.Fprintln(stderr, "ladder follow: -w would overwrite the capture being read")
			return exitUsage
		}
	} else {
		err = write(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "ladder follow:", err)
		return exitDamaged
	}
	return reportLoadError(stderr, idx.Err())
}

// findFlow returns the flow with tcp.stream (or udp.stream) n, or nil.
func findFlow(idx *decode.Index, n int, udp bool) *decode.Flow {
	want := decode.ProtoTCPPacket
	if udp {
		want = decode.ProtoUDPPacket
	}
	for _, f := range idx.Flows() {
		if f.Proto == want && f.Stream == n {
			return f
		}
	}
	return nil
}

func protoWord(udp bool) string {
	if udp {
		return "UDP"
	}
	return "TCP"
}

// isTerminal reports whether w is a terminal (not merely a character
// device: /dev/null is a fine place for raw bytes).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
