package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/ladder-dev/ladder/decode"
)

func init() {
	register(command{"export", "write selected packets to a new pcap or pcapng file", runExport})
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "export FILE -w OUT [-Y FILTER] [--stream N [--udp]] [--format pcap|pcapng]", stderr)
	out := fs.String("w", "", "write the packets to `OUT` (replaced atomically; never the input)")
	format := fs.String("format", "pcapng", "`pcapng` (keeps every interface and its timestamp resolution) or pcap")
	stream := fs.Int("stream", -1, "export only tcp.stream (or udp.stream with --udp) `number`")
	udp := fs.Bool("udp", false, "--stream names a udp.stream")
	filter := addFilterFlag(fs)
	file, code := oneCapture(fs, args, stderr, "one capture file and -w OUT are needed", func() bool { return *out != "" })
	if file == "" {
		return code
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
	match := filter.matcher(idx)
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
	return reportLoadError(stderr, idx.Err())
}
