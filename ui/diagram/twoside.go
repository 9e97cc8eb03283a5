package diagram

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
)

// Path is what happened to a packet between the two capture points of a
// two-sided diagram.
type Path uint8

const (
	PathNone    Path = iota // one capture, or seen at both points
	PathLost                // left the sender's point, never reached the other
	PathNotSent             // reached the receiver's point, never left the claimed sender's
	PathCopy                // a second copy the path delivered
	PathOutside             // seen at one point while the other was not recording
	// PathUnseen: seen at the receiver's point only, while the capture at
	// the sender's point admits dropping packets: drawn where it was
	// seen, nothing proved.
	PathUnseen
)

func (p Path) fromMiddle() bool { return p == PathNotSent || p == PathCopy }

// BuildPair lays out connection cn of two aligned captures. Each arrow
// leaves its sender's column when the capture nearer the sender saw it
// and reaches the receiver's column when the capture nearer the receiver
// saw it, on the first capture's clock (the second's times corrected by
// the estimated offset). A packet one point saw and the other did not is
// drawn half way (from the sender to the middle when lost between the
// points, level from the middle when the middle sent it) and marked: lost between the points, not sent by its
// claimed sender, or a copy the path made. opt labels and notes the first
// capture's packets; resets carry their two-sided verdict.
func BuildPair(p *vantage.Pair, cn *vantage.Conn, opt Options) *Layout {
	own := 0
	if cn.Flow[0] < 0 {
		own = 1
	}
	idx := p.Cap[own].Idx
	f := idx.Flows()[cn.Flow[own]]
	l := &Layout{
		ClientName: endpointName(idx, f.Client),
		ServerName: endpointName(idx, f.Server),
		Name:       opt.Name,
		Delay:      p.Clock.Delay,
		idx:        p.Cap[0].Idx,
		other:      p.Cap[1].Idx,
		opt:        opt,
		app:        decode.NewAppWalker(p.Cap[0].Idx),
		otherApp:   decode.NewAppWalker(p.Cap[1].Idx),
		marks:      map[int]string{},
		Vantage:    vantageText(p),
	}
	if len(cn.Segs) == 0 {
		return l
	}
	at := func(c int, i int32) int64 {
		t := p.Cap[c].Idx.Packet(int(i)).Time
		if c == 1 {
			t = p.Clock.ToFirst(t)
		}
		return t
	}
	verdicts := map[[2]int]vantage.Reset{}
	for _, r := range p.Resets() {
		for _, s := range r.SeenIn {
			verdicts[[2]int{s.Capture, s.Frame}] = r
		}
	}
	// A segment one point saw whole and the other in pieces (offload)
	// is one Seg per piece, all naming the whole one.
	shared := map[[2]int32]int{}
	for _, s := range cn.Segs {
		for c := range 2 {
			if s.Pkt[c] >= 0 {
				shared[[2]int32{int32(c), s.Pkt[c]}]++
			}
		}
	}
	half := p.Clock.Delay / 2
	l.Arrows = make([]Arrow, 0, len(cn.Segs))
	for _, s := range cn.Segs {
		a := Arrow{From: Side(s.Dir)}
		c, whole := s.Seen(), -1
		switch s.Fate {
		case vantage.Both:
			near := max(p.Near(s.Dir), 0)
			a.Send, a.Arrive = at(near, s.Pkt[near]), max(at(1-near, s.Pkt[1-near]), at(near, s.Pkt[near]))
			a.Seen, c = a.Send, near
			for k := range 2 {
				if shared[[2]int32{int32(k), s.Pkt[k]}] > 1 {
					// Label each piece, and say where it was one segment.
					c, whole = 1-k, k
				}
			}
		case vantage.LostBetween, vantage.Uncaptured:
			a.Send = at(c, s.Pkt[c])
			a.Arrive, a.Seen, a.Path = a.Send+half, a.Send, PathLost
		case vantage.NotSent, vantage.Copy:
			// Where between the points it started is unknown: drawn
			// level from the middle, on the row it arrived.
			a.Arrive = at(c, s.Pkt[c])
			a.Send, a.Seen, a.Path = a.Arrive, a.Arrive, PathNotSent
			if s.Fate == vantage.Copy {
				a.Path = PathCopy
			}
		default:
			a.Send = at(c, s.Pkt[c])
			a.Arrive, a.Seen, a.Path = a.Send, a.Send, PathOutside
			if s.Fate == vantage.Unseen {
				a.Path = PathUnseen
			}
		}
		a.Index, a.Cap, a.Twin = int(s.Pkt[c]), uint8(c), int(s.Pkt[1-c])
		pk := p.Cap[c].Idx.Packet(a.Index)
		a.Reset = pk.Flags&decode.FlagRST != 0 && pk.IsTCP()
		a.Flagged = c == 0 && opt.Label != nil && opt.Label(a.Index) != ""
		m := pathMark(p, &s, a.Path, c)
		if whole >= 0 {
			m = fmt.Sprintf("cut by offload: one segment in %s #%d", baseName(p, whole), s.Pkt[whole]+1)
		}
		if m != "" || a.Reset {
			if r, ok := verdicts[[2]int{c, a.Index + 1}]; ok && a.Reset {
				m = fmt.Sprintf("{%s, %s, sent by the %s%s}", r.Cause, r.Confidence, r.Origin, proved(r.Proved)) + spaced(m)
			}
			l.marks[len(l.Arrows)] = m
		}
		l.Arrows = append(l.Arrows, a)
	}
	l.sortBySeen()
	l.Start = l.Arrows[0].Seen
	for _, a := range l.Arrows {
		l.Start = min(l.Start, a.Send)
	}
	l.labels = make([]string, len(l.Arrows))
	l.done = make([]bool, len(l.Arrows))
	l.layoutRows(opt.FoldGap)
	return l
}

// sortBySeen puts the arrows in the order of the rows they are captured
// on, as a single capture's are: the segments only the second capture saw
// come in the connection's order after the last one both saw, which may
// be later than when they were seen, and j/k step through the arrows.
func (l *Layout) sortBySeen() {
	order := make([]int, len(l.Arrows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, k int) bool { return l.Arrows[order[i]].Seen < l.Arrows[order[k]].Seen })
	arrows := make([]Arrow, len(l.Arrows))
	marks := make(map[int]string, len(l.marks))
	for to, from := range order {
		arrows[to] = l.Arrows[from]
		if m, ok := l.marks[from]; ok {
			marks[to] = m
		}
	}
	l.Arrows, l.marks = arrows, marks
}

// pathMark is the text that says what happened to a packet between the
// points, naming the frame and file where it was seen.
func pathMark(p *vantage.Pair, s *vantage.Seg, path Path, c int) string {
	where := fmt.Sprintf("(%s #%d)", baseName(p, c), s.Pkt[c]+1)
	switch path {
	case PathLost:
		if s.Fate == vantage.Uncaptured {
			who := "server"
			if s.Dir == 1 {
				who = "client"
			}
			return fmt.Sprintf("LOST between the points or not captured at the %s (its capture dropped %s) %s", who, vantage.Packets(p.Dropped[1-c]), where)
		}
		return "LOST between the points " + where
	case PathNotSent:
		who := "client"
		if s.Dir == 1 {
			who = "server"
		}
		return "NOT SENT by the " + who + " " + where
	case PathCopy:
		return "copy made on the path " + where
	case PathOutside:
		return "only in " + where
	case PathUnseen:
		who := "client"
		if s.Dir == 1 {
			who = "server"
		}
		return fmt.Sprintf("not seen at the %s (its capture dropped %s) %s", who, vantage.Packets(p.Dropped[1-c]), where)
	}
	return ""
}

// baseName is capture c's file name without its directory: the diagram
// has little room.
func baseName(p *vantage.Pair, c int) string {
	return decode.Printable(filepath.Base(p.Cap[c].Name))
}

func proved(b bool) string {
	if b {
		return ", proved"
	}
	return ""
}

func spaced(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// vantageText is the header line of a two-sided diagram: which file is
// where and how their clocks line up.
func vantageText(p *vantage.Pair) string {
	a, b := baseName(p, 0), baseName(p, 1)
	c := p.Clock
	if c.NearClient < 0 {
		return fmt.Sprintf("two captures, %s and %s; which is nearer which end is unknown (too few segments seen at both)", a, b)
	}
	cli, srv := a, b
	if c.NearClient == 1 {
		cli, srv = b, a
	}
	return fmt.Sprintf("client side %s, server side %s\n%s's clock %+.6f s%s ± %.1f ms; %.1f ms one-way between the points",
		cli, srv, b, float64(c.Offset)/1e9, vantage.DriftText(c), float64(c.Bound)/1e6, float64(c.Delay)/1e6)
}
