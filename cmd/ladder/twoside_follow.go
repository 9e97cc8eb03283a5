package main

// follow with two captures of the same traffic: the stream as each point
// saw it, and where the two copies part.

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/ladder-dev/ladder/analysis/follow"
	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
)

// followSide is one capture point's copy of a followed conversation.
type followSide struct {
	idx  *decode.Index
	name string
	flow *decode.Flow
	s    *follow.Stream
	// flip: this capture calls the other end the client (the pair's
	// directions are the first capture's).
	flip uint8
}

// sent is how many payload bytes this point saw the pair's direction d
// carry (0: client to server).
func (fs *followSide) sent(d uint8) int64 {
	return fs.s.Bytes[fs.node(d)]
}

// node is the follow node that sends the pair's direction d here: node 0
// sent the flow's first packet.
func (fs *followSide) node(d uint8) uint8 {
	first := fs.idx.Packet(int(fs.flow.Frames[0])).Dir & 1
	return (d ^ fs.flip) ^ first
}

// followTwo is `ladder follow A B --stream N`: the stream of the first
// capture as each point saw it (point 1 or 2 alone with --point), then,
// per direction, whether both points saw the same bytes, and the
// segments of that connection one point saw and the other did not.
func followTwo(files []string, stream int, udp bool, point int, format, out string, stdout, stderr io.Writer) int {
	p, err := openPair(files)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	sides, cn, code := followSides(p, stream, udp, stderr)
	if sides[0] == nil {
		return code
	}
	if point == 2 && sides[1] == nil {
		fmt.Fprintf(stderr, "ladder follow: %s did not see %s stream %d of %s\n", decode.Printable(files[1]), protoWord(udp), stream, decode.Printable(files[0]))
		return exitUsage
	}
	write := func(w io.Writer) error {
		if point > 0 {
			fs := sides[point-1]
			return writeFollow(w, fs, format)
		}
		bw := bufio.NewWriter(w)
		for c, fs := range sides {
			if fs == nil {
				fmt.Fprintf(bw, "=== %s did not see this conversation ===\n", decode.Printable(p.Cap[c].Name))
				continue
			}
			fmt.Fprintf(bw, "=== as %s saw it%s ===\n", decode.Printable(fs.name), nearWords(p, c, fs, stream))
			if err := bw.Flush(); err != nil {
				return err
			}
			if err := writeFollow(bw, fs, format); err != nil {
				return err
			}
		}
		if sides[1] != nil {
			fmt.Fprintln(bw, "=== between the points ===")
			if err := writeFollowDiff(bw, p, sides, cn); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	if out != "" {
		if err := p.Cap[1].Idx.CheckExportTarget(out); err != nil {
			fmt.Fprintln(stderr, "ladder follow: -w would overwrite a capture being read")
			return exitUsage
		}
		err = p.Cap[0].Idx.WriteFile(out, write)
		if errors.Is(err, decode.ErrOverwriteInput) {
			fmt.Fprintln(stderr, "ladder follow: -w would overwrite a capture being read")
			return exitUsage
		}
	} else {
		err = write(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "ladder follow:", err)
		return exitDamaged
	}
	return reportLoadError(stderr, pairErr(p))
}

// followSides finds stream N of the first capture and its pair in the
// second, and follows both. sides[1] is nil when the second capture did
// not see the conversation; sides[0] nil means the stream does not exist
// (the exit code says so).
func followSides(p *vantage.Pair, stream int, udp bool, stderr io.Writer) ([2]*followSide, *vantage.Conn, int) {
	var sides [2]*followSide
	idx := p.Cap[0].Idx
	want := decode.ProtoTCPPacket
	if udp {
		want = decode.ProtoUDPPacket
	}
	fi := -1
	for k, f := range idx.Flows() {
		if f.Proto == want && f.Stream == stream {
			fi = k
			break
		}
	}
	if fi < 0 || len(idx.Flows()[fi].Frames) == 0 {
		fmt.Fprintf(stderr, "ladder follow: %s has no %s stream %d\n", decode.Printable(p.Cap[0].Name), protoWord(udp), stream)
		return sides, nil, exitUsage
	}
	cn := p.ConnOf(0, fi)
	for c := range 2 {
		k := fi
		if c == 1 {
			if cn == nil || !cn.Paired() {
				break
			}
			k = cn.Flow[1]
		}
		f := p.Cap[c].Idx.Flows()[k]
		s, err := follow.Build(p.Cap[c].Idx, f)
		if err != nil {
			fmt.Fprintln(stderr, "ladder follow:", err)
			return [2]*followSide{}, nil, exitDamaged
		}
		fs := &followSide{idx: p.Cap[c].Idx, name: p.Cap[c].Name, flow: f, s: s}
		if c == 1 && cn.Flip {
			fs.flip = 1
		}
		sides[c] = fs
	}
	return sides, cn, exitOK
}

// nearWords is " (nearer the client)" and, for the second capture, its
// own stream number when it differs.
func nearWords(p *vantage.Pair, c int, fs *followSide, stream int) string {
	s := ""
	if c == 1 && fs.flow.Stream != stream {
		s = fmt.Sprintf("its %s stream %d", protoWord(fs.flow.Proto == decode.ProtoUDPPacket), fs.flow.Stream)
	}
	if nc := p.Clock.NearClient; nc >= 0 {
		if s != "" {
			s += ", "
		}
		if nc == c {
			s += "nearer the client"
		} else {
			s += "nearer the server"
		}
	}
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// writeFollow writes one point's copy as `ladder follow` does.
func writeFollow(w io.Writer, fs *followSide, format string) error {
	r := follow.NewReader(fs.idx)
	name := func(n uint8) string { return endpointString(fs.idx, fs.s.Nodes[n&1]) }
	switch format {
	case "raw":
		return fs.s.WriteRaw(w, r)
	case "hex":
		return fs.s.WriteText(w, r, follow.FormatHex, name)
	}
	return fs.s.WriteText(w, r, follow.FormatASCII, name)
}

// writeFollowDiff says, per direction, whether both points saw the same
// bytes (and where the copies part when not), then names the segments
// of the connection one point saw and the other did not.
func writeFollowDiff(w io.Writer, p *vantage.Pair, sides [2]*followSide, cn *vantage.Conn) error {
	a, b := decode.Printable(sides[0].name), decode.Printable(sides[1].name)
	for d := range uint8(2) {
		from, to := "client", "server"
		if d == 1 {
			from, to = to, from
		}
		n0, n1 := sides[0].sent(d), sides[1].sent(d)
		same, err := commonPrefix(sides, d)
		if err != nil {
			return err
		}
		switch {
		case n0 == n1 && same == n0:
			fmt.Fprintf(w, "%s→%s: both saw the same %d bytes.\n", from, to, n0)
		case same == min(n0, n1):
			more := a
			if n1 > n0 {
				more = b
			}
			fmt.Fprintf(w, "%s→%s: %s saw %d bytes, %s %d: bytes %d–%d are only in %s.\n",
				from, to, a, n0, b, n1, same, max(n0, n1), more)
		default:
			fmt.Fprintf(w, "%s→%s: %s saw %d bytes, %s %d; the copies agree on the first %d bytes and differ from there.\n",
				from, to, a, n0, b, n1, same)
		}
	}
	if cn == nil {
		return nil
	}
	k := -1
	for j := range p.Conns {
		if &p.Conns[j] == cn {
			k = j
		}
	}
	n := 0
	for _, l := range p.Losses() {
		if l.Conn == k {
			fmt.Fprintf(w, "%s\n", lossText(p, l))
			n++
		}
	}
	if n == 0 {
		fmt.Fprintln(w, "Every segment one point saw, the other saw too (or nothing can be concluded from its absence).")
	}
	return nil
}

// commonPrefix is how many of the first payload bytes of direction d
// (the pair's) the two points saw alike, read chunk by chunk from both
// files.
func commonPrefix(sides [2]*followSide, d uint8) (int64, error) {
	var rd [2]*chunkBytes
	for c := range 2 {
		rd[c] = &chunkBytes{fs: sides[c], node: sides[c].node(d), r: follow.NewReader(sides[c].idx)}
	}
	var n int64
	for {
		x, err := rd[0].next()
		if err != nil {
			return n, err
		}
		y, err := rd[1].next()
		if err != nil {
			return n, err
		}
		k := 0
		for k < len(x) && k < len(y) && x[k] == y[k] {
			k++
		}
		n += int64(k)
		if k < len(x) && k < len(y) || len(x) == 0 || len(y) == 0 {
			return n, nil
		}
		rd[0].consume(k)
		rd[1].consume(k)
	}
}

// chunkBytes reads one direction of a followed stream's payload in
// order, chunk by chunk.
type chunkBytes struct {
	fs   *followSide
	node uint8
	r    *follow.Reader
	k    int    // next chunk
	cur  []byte // what is left of the current chunk
}

// next returns the unread bytes of the current chunk (reading the next
// chunk of the direction when it is used up), empty at the end.
func (c *chunkBytes) next() ([]byte, error) {
	for len(c.cur) == 0 {
		if c.k >= len(c.fs.s.Chunks) {
			return nil, nil
		}
		ch := c.fs.s.Chunks[c.k]
		c.k++
		if ch.Dir&1 != c.node || ch.Kind != follow.Data {
			continue
		}
		b, err := c.r.Bytes(ch)
		if err != nil {
			return nil, err
		}
		c.cur = b
	}
	return c.cur, nil
}

func (c *chunkBytes) consume(n int) { c.cur = c.cur[n:] }
