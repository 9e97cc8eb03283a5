package stats

import (
	"sort"

	"github.com/ladder-dev/ladder/decode"
)

// EndpointStat is one row of tshark -z endpoints,ip (or ipv6): what one
// address sent and received.
type EndpointStat struct {
	Addr     uint32 // address table index
	TxFrames int
	TxBytes  int64
	RxFrames int
	RxBytes  int64
}

// Frames and Bytes are the totals; a packet an address sends to itself
// counts twice, as in Wireshark.
func (e *EndpointStat) Frames() int  { return e.TxFrames + e.RxFrames }
func (e *EndpointStat) Bytes() int64 { return e.TxBytes + e.RxBytes }

// Endpoints lists the addresses of the given kind (decode.AddrIPv4 for
// endpoints,ip, decode.AddrIPv6 for endpoints,ipv6) with the frames and
// frame bytes each sent and received, most frames first as tshark sorts
// them. Only the outermost IP header of a packet counts.
func Endpoints(idx *decode.Index, kind decode.AddrKind) []EndpointStat {
	pos := map[uint32]int{}
	var rows []EndpointStat
	row := func(id uint32) *EndpointStat {
		k, ok := pos[id]
		if !ok {
			k = len(rows)
			pos[id] = k
			rows = append(rows, EndpointStat{Addr: id})
		}
		return &rows[k]
	}
	var lastKind decode.AddrKind
	lastID := ^uint32(0)
	for i := idx.First(); i < idx.Len(); i++ { // a live ring's window
		p := idx.Packet(i)
		if p.Proto == decode.ProtoARPPacket || p.Proto == decode.ProtoBlock || p.Proto == decode.ProtoOther {
			continue
		}
		if p.Src != lastID {
			lastID, lastKind = p.Src, idx.Addr(p.Src).Kind
		}
		if lastKind != kind {
			continue
		}
		s := row(p.Src)
		s.TxFrames++
		s.TxBytes += int64(p.OrigLen)
		d := row(p.Dst)
		d.RxFrames++
		d.RxBytes += int64(p.OrigLen)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Frames() > rows[j].Frames() })
	return rows
}
