package analysis

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// TCP flag bits as on the wire (RFC 9293 section 3.1).
const (
	wFIN = 0x01
	wSYN = 0x02
	wRST = 0x04
	wPSH = 0x08
	wACK = 0x10
)

// noWS marks a SYN without the window-scale option.
const noWS = -1

// wireSeg is one hand-written TCP segment of a synthetic capture.
type wireSeg struct {
	ms       int64 // time in milliseconds from the start
	fromSrv  bool  // sent by 10.0.0.2:80 (else by 10.0.0.1:40000)
	flags    uint8
	seq, ack uint32
	win      uint16
	wscale   int // window-scale shift a SYN offers, noWS for none; only SYNs carry options
	payload  int
}

// rawIPv4 builds the bytes of one segment as a raw IPv4 packet
// (LINKTYPE_RAW): a 20-byte IPv4 header, the TCP header (with the
// window-scale option on a SYN that offers one), and a zero payload.
func (s wireSeg) rawIPv4() []byte {
	opts := []byte{}
	if s.flags&wSYN != 0 && s.wscale != noWS {
		opts = []byte{1, 3, 3, byte(s.wscale)} // NOP, WS
	}
	tcpLen := 20 + len(opts)
	b := make([]byte, 20+tcpLen+s.payload)
	b[0], b[8], b[9] = 0x45, 64, 6
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	cli, srv := []byte{10, 0, 0, 1}, []byte{10, 0, 0, 2}
	sp, dp := uint16(40000), uint16(80)
	if s.fromSrv {
		cli, srv, sp, dp = srv, cli, dp, sp
	}
	copy(b[12:], cli)
	copy(b[16:], srv)
	t := b[20:]
	binary.BigEndian.PutUint16(t[0:], sp)
	binary.BigEndian.PutUint16(t[2:], dp)
	binary.BigEndian.PutUint32(t[4:], s.seq)
	binary.BigEndian.PutUint32(t[8:], s.ack)
	t[12] = byte(tcpLen/4) << 4
	t[13] = s.flags
	binary.BigEndian.PutUint16(t[14:], s.win)
	copy(t[20:], opts)
	return b
}

// analyzeSegments writes segs as a pcap (LINKTYPE_RAW, microseconds),
// indexes it with decode and analyses it.
func analyzeSegments(t testing.TB, segs []wireSeg) (*decode.Index, *Result) {
	t.Helper()
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr, 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 101)
	out := hdr
	for _, s := range segs {
		p := s.rawIPv4()
		var rh [16]byte
		ts := int64(1_700_000_000_000) + s.ms // ms since the epoch
		binary.LittleEndian.PutUint32(rh[0:], uint32(ts/1000))
		binary.LittleEndian.PutUint32(rh[4:], uint32(ts%1000*1000))
		binary.LittleEndian.PutUint32(rh[8:], uint32(len(p)))
		binary.LittleEndian.PutUint32(rh[12:], uint32(len(p)))
		out = append(append(out, rh[:]...), p...)
	}
	name := filepath.Join(t.TempDir(), "synthetic.pcap")
	if err := os.WriteFile(name, out, 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := decode.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	idx := decode.Load(src)
	if err := idx.Err(); err != nil {
		t.Fatal(err)
	}
	return idx, Analyze(idx)
}

// fl builds a flag set.
func fl(fs ...Flag) Flags {
	var s Flags
	for _, f := range fs {
		s = s.with(f)
	}
	return s
}

// TestSequenceCases checks hand-worked connections packet by packet. The
// expected flags follow the rules of Wireshark's sequence analysis worked
// by hand on the numbers below (comparison modulo 2^32 as RFC 9293
// section 3.4 defines it).
func TestSequenceCases(t *testing.T) {
	const isnC, isnS = 0xffffffa0, 0x1000 // client ISN 96 bytes before 2^32
	tests := []struct {
		name string
		segs []wireSeg
		want []Flags
	}{{
		// Client data crosses 2^32: 0xffffffa1+200 = 0x69. A comparison
		// without wraparound would call the second segment a
		// retransmission; here only the real resends are flagged.
		name: "sequence wraparound near 2^32",
		segs: []wireSeg{
			{ms: 0, flags: wSYN, seq: isnC, win: 1000, wscale: noWS},
			{ms: 10, fromSrv: true, flags: wSYN | wACK, seq: isnS, ack: isnC + 1, win: 1000, wscale: noWS},
			{ms: 20, flags: wACK, seq: isnC + 1, ack: isnS + 1, win: 1000},
			{ms: 30, flags: wACK | wPSH, seq: isnC + 1, ack: isnS + 1, win: 1000, payload: 200},
			{ms: 31, flags: wACK | wPSH, seq: 0x69, ack: isnS + 1, win: 1000, payload: 100},
			{ms: 500, flags: wACK | wPSH, seq: isnC + 1, ack: isnS + 1, win: 1000, payload: 200}, // RTO resend, not yet ACKed
			{ms: 510, fromSrv: true, flags: wACK, seq: isnS + 1, ack: 0xcd, win: 1000},           // ACKs all 300 bytes across the wrap
			{ms: 900, flags: wACK | wPSH, seq: 0x69, ack: isnS + 1, win: 1000, payload: 100},     // every byte already ACKed
			{ms: 910, fromSrv: true, flags: wACK, seq: isnS + 1, ack: 0xcd, win: 1000},           // same ACK, same window
		},
		want: []Flags{0, 0, 0, 0, 0, fl(Retransmission), 0, fl(SpuriousRetransmission), fl(DuplicateAck)},
	}, {
		// The capture misses the client's SYN. The SYN-ACK offers WS=7, so
		// the server's later windows are scaled (2<<7 = 256 bytes) and the
		// client filling them is "window full"; the client's scale is
		// unknown, so the server filling the client's raw window is not.
		name: "window scaling with a missing SYN",
		segs: []wireSeg{
			{ms: 0, fromSrv: true, flags: wSYN | wACK, seq: isnS, ack: 5001, win: 512, wscale: 7},
			{ms: 10, flags: wACK, seq: 5001, ack: isnS + 1, win: 300},
			{ms: 20, fromSrv: true, flags: wACK, seq: isnS + 1, ack: 5001, win: 2},
			{ms: 30, flags: wACK | wPSH, seq: 5001, ack: isnS + 1, win: 300, payload: 256},
			{ms: 40, fromSrv: true, flags: wACK | wPSH, seq: isnS + 1, ack: 5257, win: 2, payload: 300},
		},
		want: []Flags{0, 0, fl(WindowUpdate), fl(WindowFull), 0},
	}, {
		// The capture starts inside an established connection: the first
		// packet sets the expected sequence number instead of being a
		// gap; a later jump is a lost segment and the ACK covering it an
		// ACK of an unseen segment.
		name: "capture starting mid-stream",
		segs: []wireSeg{
			{ms: 0, flags: wACK | wPSH, seq: 1000, ack: 7000, win: 500, payload: 100},
			{ms: 10, fromSrv: true, flags: wACK, seq: 7000, ack: 1100, win: 500},
			{ms: 20, flags: wACK | wPSH, seq: 1100, ack: 7000, win: 500, payload: 100},
			{ms: 30, flags: wACK | wPSH, seq: 1300, ack: 7000, win: 500, payload: 100},
			{ms: 40, fromSrv: true, flags: wACK, seq: 7000, ack: 1400, win: 500},
		},
		want: []Flags{0, 0, 0, fl(LostSegment), fl(AckLostSegment)},
	}, {
		// Three identical ACKs, then the segment they ask for within
		// 20 ms: two duplicate ACKs and a fast retransmission; an idle
		// one-byte-back probe is a keep-alive and its echo a keep-alive ACK.
		name: "duplicate ACKs, fast retransmission, keep-alive",
		segs: []wireSeg{
			{ms: 0, flags: wACK | wPSH, seq: 1000, ack: 7000, win: 500, payload: 100},
			{ms: 1, flags: wACK | wPSH, seq: 1100, ack: 7000, win: 500, payload: 100},
			{ms: 50, fromSrv: true, flags: wACK, seq: 7000, ack: 1100, win: 500},
			{ms: 51, fromSrv: true, flags: wACK, seq: 7000, ack: 1100, win: 500},
			{ms: 52, fromSrv: true, flags: wACK, seq: 7000, ack: 1100, win: 500},
			{ms: 53, flags: wACK | wPSH, seq: 1100, ack: 7000, win: 500, payload: 100},
			{ms: 60, fromSrv: true, flags: wACK, seq: 7000, ack: 1200, win: 500},
			{ms: 9000, flags: wACK, seq: 1199, ack: 7000, win: 500},
			{ms: 9010, fromSrv: true, flags: wACK, seq: 7000, ack: 1200, win: 500},
		},
		want: []Flags{0, 0, 0, fl(DuplicateAck), fl(DuplicateAck), fl(FastRetransmission), 0, fl(KeepAlive), fl(KeepAliveAck)},
	}, {
		// A receiver closes its window, the sender probes with one byte,
		// the receiver answers still closed.
		name: "zero window, probe and probe ACK",
		segs: []wireSeg{
			{ms: 0, flags: wACK | wPSH, seq: 1000, ack: 7000, win: 500, payload: 100},
			{ms: 10, fromSrv: true, flags: wACK, seq: 7000, ack: 1100, win: 0},
			{ms: 500, flags: wACK, seq: 1100, ack: 7000, win: 500, payload: 1},
			{ms: 510, fromSrv: true, flags: wACK, seq: 7000, ack: 1100, win: 0},
		},
		want: []Flags{0, fl(ZeroWindow), fl(ZeroWindowProbe), fl(ZeroWindow, ZeroWindowProbeAck)},
	}, {
		// tshark 4.0 on this capture: frame 7 is "[TCP Spurious
		// Retransmission]". Every byte was ACKed (frame 6) and it comes
		// 2 ms after the highest segment, inside the 41 ms initial RTT,
		// so it also fits out-of-order; tshark tests spurious first.
		name: "spurious retransmission is tested before out-of-order",
		segs: []wireSeg{
			{ms: 0, flags: wSYN, seq: 1000, win: 8192, wscale: noWS},
			{ms: 40, fromSrv: true, flags: wSYN | wACK, seq: 500000, ack: 1001, win: 8192, wscale: noWS},
			{ms: 41, flags: wACK, seq: 1001, ack: 500001, win: 8192},
			{ms: 50, flags: wACK | wPSH, seq: 1001, ack: 500001, win: 8192, payload: 100},
			{ms: 51, flags: wACK | wPSH, seq: 1101, ack: 500001, win: 8192, payload: 100},
			{ms: 52, fromSrv: true, flags: wACK, seq: 500001, ack: 1201, win: 8192},
			{ms: 53, flags: wACK | wPSH, seq: 1001, ack: 500001, win: 8192, payload: 100},
		},
		want: []Flags{0, 0, 0, 0, 0, 0, fl(SpuriousRetransmission)},
	}, {
		// Two captures of one connection spliced, the second earlier in
		// time (as in CESNET's tls.pcap, frames 84-88). tshark 4.0 counts
		// the time since the highest segment unsigned, so a packet from
		// the past is never out-of-order: frames 5, 6 and 8 are plain
		// "[TCP Retransmission]".
		name: "timestamps going backwards are never out-of-order",
		segs: []wireSeg{
			{ms: 1000, flags: wSYN, seq: 1000, win: 8192, wscale: noWS},
			{ms: 1040, fromSrv: true, flags: wSYN | wACK, seq: 500000, ack: 1001, win: 8192, wscale: noWS},
			{ms: 1041, flags: wACK, seq: 1001, ack: 500001, win: 8192},
			{ms: 1050, flags: wACK | wPSH, seq: 1001, ack: 500001, win: 8192, payload: 100},
			{ms: 0, flags: wSYN, seq: 1000, win: 8192, wscale: noWS},
			{ms: 40, fromSrv: true, flags: wSYN | wACK, seq: 500000, ack: 1001, win: 8192, wscale: noWS},
			{ms: 41, flags: wACK, seq: 1001, ack: 500001, win: 8192},
			{ms: 50, flags: wACK | wPSH, seq: 1001, ack: 500001, win: 8192, payload: 100},
		},
		want: []Flags{0, 0, 0, 0, fl(Retransmission), fl(Retransmission), 0, fl(Retransmission)},
	}, {
		// A stale handshake: the SYN meets an old connection's ACK, the
		// client resets it (seq = that ACK, 49 bytes ahead) and retries
		// the SYN at once. tshark 4.0 gives the client's first data no
		// flag: the RST's advance does not survive the retried SYN.
		name: "a RST right before a retried SYN does not advance the next sequence number",
		segs: []wireSeg{
			{ms: 0, flags: wSYN, seq: 1000, win: 8192, wscale: noWS},
			{ms: 40, fromSrv: true, flags: wACK, seq: 500301, ack: 1050, win: 8192},
			{ms: 41, flags: wRST, seq: 1050, win: 8192},
			{ms: 1000, flags: wSYN, seq: 1000, win: 8192, wscale: noWS},
			{ms: 1001, flags: wACK | wPSH, seq: 1001, ack: 500001, win: 8192, payload: 100},
		},
		want: []Flags{0, fl(AckLostSegment), 0, fl(Retransmission), 0},
	}, {
		// The same with the server's ACK repeated between the RST and the
		// retry: tshark 4.0 keeps the RST's advance and calls the data a
		// retransmission.
		name: "a RST followed by another packet before the SYN keeps its advance",
		segs: []wireSeg{
			{ms: 0, flags: wSYN, seq: 1000, win: 8192, wscale: noWS},
			{ms: 40, fromSrv: true, flags: wACK, seq: 500301, ack: 1050, win: 8192},
			{ms: 41, flags: wRST, seq: 1050, win: 8192},
			{ms: 500, fromSrv: true, flags: wACK, seq: 500301, ack: 1050, win: 8192},
			{ms: 1000, flags: wSYN, seq: 1000, win: 8192, wscale: noWS},
			{ms: 1001, flags: wACK | wPSH, seq: 1001, ack: 500001, win: 8192, payload: 100},
		},
		want: []Flags{0, fl(AckLostSegment), 0, fl(DuplicateAck, AckLostSegment), fl(Retransmission), fl(Retransmission)},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, res := analyzeSegments(t, tc.segs)
			if res.Len() != len(tc.want) {
				t.Fatalf("%d packets analysed, want %d", res.Len(), len(tc.want))
			}
			for i, want := range tc.want {
				if got := res.Flags(i); got != want {
					t.Errorf("packet %d: flags %q, want %q", i+1, res.labelsOf(got, i), res.labelsOf(want, i))
				}
			}
		})
	}
}

// labelsOf names a flag set for test messages.
func (r *Result) labelsOf(s Flags, i int) string {
	var names string
	s.Each(func(f Flag) { names += f.Name() + " " })
	return names
}

// TestHostileCaptures runs the analysis and every per-packet query on
// every capture in testdata, damaged ones included: none may panic, and
// every flagged packet must have a label and a note.
func TestHostileCaptures(t *testing.T) {
	var files []string
	for _, pat := range []string{"../testdata/damaged/*", "../testdata/corpus/*", "../testdata/lab/*.pcap"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d captures found", len(files))
	}
	opened := 0
	defer func() {
		if opened < 20 {
			t.Errorf("only %d of %d captures opened", opened, len(files))
		}
	}()
	for _, file := range files {
		src, err := decode.Open(file)
		if err != nil {
			// Only the damaged set may hold files that are not captures at
			// all (decode's tests cover the error); anything else must open.
			if filepath.Base(filepath.Dir(file)) != "damaged" {
				t.Errorf("%s: %v", file, err)
			}
			continue
		}
		opened++
		idx := decode.Load(src)
		res := Analyze(idx)
		var notes []Note
		for i := range res.Len() {
			notes = res.Notes(i, notes[:0])
			if res.Flags(i) != 0 && (res.Labels(i) == "" || len(notes) == 0) {
				t.Errorf("%s frame %d: flags %b without a label or note", filepath.Base(file), i+1, res.Flags(i))
			}
			res.DupAck(i)
			res.AckRTT(i)
			res.BytesInFlight(i)
			res.BeforeRST(i)
		}
		for fi := range idx.Flows() {
			if c := res.Conn(fi); c != nil {
				c.ClosedBy()
				c.CompletenessString()
			}
		}
		res.Flags(-1)
		res.Notes(res.Len(), nil)
		res.Conn(-1)
		src.Close()
	}
}

// TestLabelOrder checks the order of two Info labels on one packet
// against tshark 4.0's Info column for the same segments: a SYN/ACK whose
// sequence number differs from the server's earlier ACK is both a
// retransmission (below that side's next sequence number) and a reuse of
// the ports, and tshark prints "[TCP Retransmission] [TCP Port numbers
// reused] 80 → 40000 [SYN, ACK] ...".
func TestLabelOrder(t *testing.T) {
	_, res := analyzeSegments(t, []wireSeg{
		{ms: 0, flags: wSYN, seq: 1000, win: 8192, wscale: noWS},
		{ms: 40, fromSrv: true, flags: wACK, seq: 500301, ack: 6000, win: 8192},
		{ms: 41, flags: wRST, seq: 6000, win: 8192},
		{ms: 1040, fromSrv: true, flags: wSYN | wACK, seq: 500000, ack: 1001, win: 8192, wscale: noWS},
	})
	if got, want := res.Labels(3), "[TCP Retransmission] [TCP Port numbers reused] "; got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
}
