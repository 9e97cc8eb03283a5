// Package follow rebuilds the payload of one TCP or UDP conversation the way
// Wireshark's "Follow Stream" does (tshark -z follow,tcp,raw,N): both
// directions in the order the data was exchanged, retransmitted and
// overlapping data written once, out-of-order segments held back until the
// bytes before them arrive, and a marker where the capture lacks bytes the
// receiver acknowledged.
//
// A Stream holds no payload bytes: each Chunk names the packet that carried
// its bytes and where they sit in that packet's captured payload, and a
// Reader fetches them from the capture file on demand. Memory is therefore
// about 24 bytes per data segment, whatever the segments carry, plus at most
// MaxPending held-back out-of-order references per direction.
package follow

import (
	"github.com/ladder-dev/ladder/decode"
)

// Kind says what a chunk holds.
type Kind uint8

const (
	// Data is payload bytes from one packet.
	Data Kind = iota
	// Gap marks bytes the receiver acknowledged but the capture does not
	// hold. Wireshark writes the text "[N bytes missing in capture file]"
	// and a NUL in their place, and so does the raw output here.
	Gap
)

// Chunk is one run of stream bytes, in the order Wireshark appends them.
type Chunk struct {
	Packet  int32  // packet index (frame number - 1) that carried the bytes, or whose ACK revealed the gap
	Off     uint32 // first byte within the packet's captured transport payload
	Len     uint32 // number of payload bytes (Data)
	Seq     uint32 // relative sequence number of the first byte (TCP Data)
	Missing int32  // bytes missing (Gap), as Wireshark computes it (may be negative for wrapped sequence space)
	Dir     uint8  // 0: sent by node 0, 1: sent by node 1
	Kind    Kind
}

// Stream is the followed conversation.
type Stream struct {
	Proto  decode.Proto // decode.ProtoTCPPacket or decode.ProtoUDPPacket
	Stream int          // tcp.stream or udp.stream
	// Nodes are the two endpoints as Wireshark numbers them: node 0 sent
	// the conversation's first packet (not necessarily the client).
	Nodes  [2]decode.Endpoint
	Chunks []Chunk
	// Bytes counts payload bytes written per node (gap markers excluded).
	Bytes [2]int64
	// Limited is set when more than MaxPending out-of-order segments were
	// waiting in one direction and the oldest gap was closed early with a
	// marker, where Wireshark would have kept waiting.
	Limited bool
}

// MaxPending bounds the out-of-order segments held back per direction while
// the bytes before them are missing. Each is a 16-byte reference, not a
// copy of the payload (64 KiB per direction at the bound), and the bound
// also caps the cost of scanning the held-back list, which Wireshark scans
// in arrival order for every packet.
const MaxPending = 1 << 12

// Build follows flow f of idx (TCP or UDP by the flow's protocol). The
// index must have finished loading. Packets cut short by the snapshot
// length are read once to learn how much payload they hold.
func Build(idx *decode.Index, f *decode.Flow) (*Stream, error) {
	s := &Stream{Proto: f.Proto, Stream: f.Stream}
	if len(f.Frames) == 0 {
		return s, nil
	}
	first := idx.Packet(int(f.Frames[0]))
	s.Nodes[0] = decode.Endpoint{Addr: first.Src, Port: first.SrcPort}
	s.Nodes[1] = decode.Endpoint{Addr: first.Dst, Port: first.DstPort}
	r := NewReader(idx)
	if f.Proto == decode.ProtoUDPPacket {
		return s, s.buildUDP(idx, f, first.Dir, r)
	}
	return s, s.buildTCP(idx, f, first.Dir, r)
}

// buildUDP makes one chunk per datagram, empty ones included, as
// Wireshark's UDP follow does.
func (s *Stream) buildUDP(idx *decode.Index, f *decode.Flow, firstDir uint8, r *Reader) error {
	s.Chunks = make([]Chunk, 0, len(f.Frames))
	for _, pi := range f.Frames {
		p := idx.Packet(int(pi))
		n, err := r.capturedPayload(int(pi))
		if err != nil {
			return err
		}
		d := p.Dir ^ firstDir
		s.Chunks = append(s.Chunks, Chunk{Packet: pi, Len: uint32(n), Dir: d, Kind: Data})
		s.Bytes[d] += int64(n)
	}
	return nil
}
