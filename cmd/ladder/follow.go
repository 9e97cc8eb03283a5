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
	fs := newFlags("follow", "follow FILE --stream N [--udp] [--format ascii|hex|raw] [-w OUT]", stderr)
	stream := fs.Int("stream", -1, "the tcp.stream (or udp.stream with --udp) `number` to follow")
	udp := fs.Bool("udp", false, "--stream names a udp.stream")
	format := fs.String("format", "ascii", "`ascii` (control bytes escaped), hex (a dump) or raw (the payload bytes, as tshark -z follow,tcp,raw)")
	out := fs.String("w", "", "write to `OUT` instead of standard output")
	file, code := oneCapture(fs, args, stderr, "one capture file and --stream N are needed", func() bool { return *stream >= 0 })
	if file == "" {
		return code
	}
	if *format != "ascii" && *format != "hex" && *format != "raw" {
		fmt.Fprintf(stderr, "ladder follow: unknown --format %q (ascii, hex or raw)\n", *format)
		return exitUsage
	}
	// Raw payload can hold escape sequences; never send it to a terminal.
	if *format == "raw" && *out == "" && isTerminal(stdout) {
		fmt.Fprintln(stderr, "ladder follow: refusing to write raw payload bytes to a terminal; use -w OUT or redirect standard output")
		return exitUsage
	}
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
