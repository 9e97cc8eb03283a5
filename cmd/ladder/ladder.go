package main

import (
	"strings"

	"fmt"
	"github.com/ladder-dev/ladder/analysis"
	"io"

	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
)

func init() {
	register(command{"ladder", "draw the ladder diagram of one conversation as text", runLadder})
}

func runLadder(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("ladder", "ladder FILE [FILE2] --stream N [--udp] [--width W] [--level]", stderr)
	stream := fs.Int("stream", -1, "the tcp.stream (or udp.stream with --udp) `number` to draw")
	udp := fs.Bool("udp", false, "--stream names a udp.stream")
	width := fs.Int("width", 100, "diagram width in `columns`")
	level := fs.Bool("level", false, "draw every arrow level at its capture time, like Wireshark's flow graph")
	files, code := captureArgs(fs, args, stderr, "one capture file (or two of the same traffic) and --stream N are needed", func() bool { return *stream >= 0 })
	if files == nil {
		return code
	}
	if len(files) == 2 {
		return ladderTwo(files, *stream, *udp, *width, stdout, stderr)
	}
	file := files[0]
	idx, err := openIndex(file)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	want := decode.ProtoTCPPacket
	if *udp {
		want = decode.ProtoUDPPacket
	}
	var flow *decode.Flow
	for _, f := range idx.Flows() {
		if f.Proto == want && f.Stream == *stream {
			flow = f
			break
		}
	}
	if flow == nil {
		fmt.Fprintf(stderr, "ladder ladder: %s has no stream %d\n", file, *stream)
		return exitUsage
	}
	lay := diagram.Build(idx, flow, diagramOptions(idx, flow, *level))
	io.WriteString(stdout, lay.Text(*width))
	return reportLoadError(stderr, idx.Err())
}

// nameOf is what the capture calls flow f (decode.FlowNames).
func nameOf(idx *decode.Index, f *decode.Flow) string {
	idx.FlowNames()
	return idx.FlowName(f)
}

// diagramOptions puts the analysis labels and each reset's cause on the arrows.
func diagramOptions(idx *decode.Index, flow *decode.Flow, level bool) diagram.Options {
	res := analysis.Analyze(idx)
	causes := map[int]string{}
	for _, v := range analysis.ExplainFlow(idx, flow) {
		causes[v.Frame-1] = fmt.Sprintf("{%s, %s}", v.Cause, v.Confidence)
	}
	return diagram.Options{
		Horizontal: level,
		Label:      func(i int) string { return strings.TrimSpace(res.Labels(i)) },
		Note:       func(i int) string { return causes[i] },
		Name:       nameOf(idx, flow),
	}
}
