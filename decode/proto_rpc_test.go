package decode

import (
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"testing"
)

// rpcTestCall builds an ONC RPC call (RFC 5531 §9) with AUTH_UNIX
// credentials for machine "lab" and a null verifier, as
// testdata/app/lab__onc-rpc-client.py sends them.
func rpcTestCall(xid, prog, vers, proc uint32, args ...uint32) []byte {
	b := binary.BigEndian.AppendUint32(nil, xid)
	for _, v := range []uint32{0, 2, prog, vers, proc, 1, 24, 0, 3} {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	b = append(b, "lab\x00"...)
	for _, v := range append([]uint32{0, 0, 0, 0, 0}, args...) {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// rpcTestReply builds an accepted, successful reply with results.
func rpcTestReply(xid uint32, results ...uint32) []byte {
	b := binary.BigEndian.AppendUint32(nil, xid)
	for _, v := range append([]uint32{1, 0, 0, 0, 0}, results...) {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// rpcRecord puts a message behind a last-fragment record mark.
func rpcRecord(m []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, rpcLastFrag|uint32(len(m))), m...)
}

func TestRPCPDULen(t *testing.T) {
	call := rpcTestCall(1, rpcProgPortmap, 2, 0)
	first := binary.BigEndian.AppendUint32(nil, 8)
	first = append(first, call[:8]...)
	twoFrags := append(first, rpcRecord(call[8:])...)
	cases := []struct {
		name string
		in   []byte
		want int
	}{
		{"one record", rpcRecord(call), 4 + len(call)},
		{"record then more", append(rpcRecord(call), 0x80, 0, 0), 4 + len(call)},
		{"two fragments", twoFrags, len(twoFrags)},
		{"second fragment's mark missing", first, 0},
		{"mark cut", []byte{0x80, 0}, 0},
		{"record too short", []byte{0x80, 0, 0, 4, 1, 2, 3, 4}, -1},
		{"record too long", []byte{0x81, 0, 0, 0}, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := rpcPDULen(nil, 0, c.in); got != c.want {
				t.Errorf("PDULen %d, want %d", got, c.want)
			}
		})
	}
}

// TestNFSHashes checks the handle and stateid hashes against tshark 4.0's
// PDML: ip4_fragments.pcap frame 6 (nfs.fh.hash 0x89686ab3) and
// lab__onc-rpc.pcap's v4 CLOSE (nfs.stateid.hash 0xc323).
func TestNFSHashes(t *testing.T) {
	fh, _ := hex.DecodeString("01000002000800080200000028c00800958486d926c00800")
	if h := crc32.ChecksumIEEE(fh); h != 0x89686ab3 {
		t.Errorf("file handle hash %08x, want 89686ab3", h)
	}
	sid, _ := hex.DecodeString("00000002020000005475156b01000000")
	if h := crc16X25(sid); h != 0xc323 {
		t.Errorf("stateid hash %04x, want c323", h)
	}
}

// TestRPCInfo replays hand-built exchanges; the expected columns are
// tshark 4.0's on the same exchanges in testdata/app/lab__onc-rpc.pcap
// (frames 24-40: two records in one segment, GETPORT, a retransmitted
// call and its duplicate reply, a call to an unknown program on port 111)
// and on ip4_fragments.pcap frame 6 (an NFSv3 WRITE over UDP).
func TestRPCInfo(t *testing.T) {
	getport := rpcTestCall(0x2b000001, rpcProgPortmap, 2, portmapGetPort, rpcProgNFS, 3, 6, 0)
	fh := []uint32{8, 0x01020304, 0x05060708}
	write := rpcTestCall(7, rpcProgNFS, 3, nfs3Write, append(fh, 0, 73728, 8192, 0, 0)...)
	lookupErr := rpcTestReply(8, 2, 0)
	lookup := rpcTestCall(8, rpcProgNFS, 3, nfs3Lookup, append(fh, 5, 0x68656c6c, 0x6f000000)...)
	type step struct {
		tcp, reply bool
		frame      int
		msgs       [][]byte
		proto      string
		info       string // "" when the datagram is not RPC's
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"two records in one segment", []step{
			{true, false, 23, [][]byte{rpcTestCall(1, rpcProgPortmap, 2, 0), getport}, "Portmap", "V2 NULL Call  ; V2 GETPORT Call NFS(100003) V:3 TCP"},
			{true, true, 25, [][]byte{rpcTestReply(1)}, "Portmap", "V2 NULL Reply (Call In 24)"},
			{true, true, 27, [][]byte{rpcTestReply(0x2b000001, 2049)}, "Portmap", "V2 GETPORT Reply (Call In 24) Port:2049"},
		}},
		{"retransmission", []step{
			{false, false, 36, [][]byte{getport}, "Portmap", "V2 GETPORT Call NFS(100003) V:3 TCP"},
			{false, true, 37, [][]byte{rpcTestReply(0x2b000001, 2049)}, "Portmap", "V2 GETPORT Reply (Call In 37) Port:2049"},
			{false, false, 38, [][]byte{getport}, "Portmap", "[RPC retransmission of #37]V2 GETPORT Call (Reply In 38) NFS(100003) V:3 TCP"},
			{false, true, 39, [][]byte{rpcTestReply(0x2b000001, 2049)}, "Portmap", "[RPC duplicate of #38]V2 GETPORT Reply (Call In 37) Port:2049"},
		}},
		{"unknown program on the portmapper's port", []step{
			{false, false, 40, [][]byte{rpcTestCall(2, 100099, 1, 0)}, "RPC", "Continuation"},
		}},
		{"reply without its call", []step{
			{false, true, 1, [][]byte{rpcTestReply(99)}, "", ""},
		}},
		{"NFSv3", []step{
			{false, false, 5, [][]byte{write}, "NFS", "V3 WRITE Call, FH: 0x3fca88c5 Offset: 73728 Len: 8192 UNSTABLE"},
			{false, false, 6, [][]byte{lookup}, "NFS", "V3 LOOKUP Call, DH: 0x3fca88c5/hello"},
			{false, true, 7, [][]byte{lookupErr}, "NFS", "V3 LOOKUP Reply (Call In 7) Error: NFS3ERR_NOENT"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			for i, s := range c.steps {
				var out Out
				out.reset(true)
				ok := true
				for _, m := range s.msgs {
					p := &PDU{Data: m, Len: len(m), Conv: conv, TCP: s.tcp, Frame: s.frame, Segments: []int{s.frame},
						SrcPort: 40000, DstPort: 2049}
					if s.tcp {
						p.Data = rpcRecord(m)
						p.Len = len(p.Data)
					}
					if s.frame == 40 {
						p.DstPort = rpcPortmapPort
					}
					if s.reply {
						p.SrcPort, p.DstPort, p.Dir = p.DstPort, p.SrcPort, 1
					}
					ok = rpcDissect(p, &out) && ok
				}
				if s.info == "" {
					if ok {
						t.Errorf("step %d: claimed as %s %q", i, out.Proto, out.Info())
					}
					continue
				}
				if !ok || out.Proto != s.proto || out.Info() != s.info {
					t.Errorf("step %d: %v %s %q, want %s %q", i, ok, out.Proto, out.Info(), s.proto, s.info)
				}
			}
		})
	}
}

// TestNFS4Info checks COMPOUND summaries against tshark 4.0 on
// hand-built calls (operation tiers, " |" between operations of one
// tier) and lab__onc-rpc.pcap's OPEN.
func TestNFS4Info(t *testing.T) {
	str := func(s string) []uint32 {
		b := []byte(s)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		out := []uint32{uint32(len(s))}
		for i := 0; i < len(b); i += 4 {
			out = append(out, binary.BigEndian.Uint32(b[i:]))
		}
		return out
	}
	compound := func(ops ...[]uint32) []uint32 {
		args := []uint32{0, 0, uint32(len(ops))}
		for _, op := range ops {
			args = append(args, op...)
		}
		return args
	}
	putfh := []uint32{nfs4PutFH, 8, 0x01020304, 0x05060708}
	cases := []struct {
		name string
		args []uint32
		want string
	}{
		{"two ops of tier 1", compound([]uint32{24}, append([]uint32{nfs4Lookup}, str("a")...), []uint32{nfs4Renew, 0, 7}),
			"V4 Call LOOKUP a | RENEW CID: 0x0000000000000007"},
		{"access over getattr", compound(putfh, []uint32{nfs4Access, 0x1f}, []uint32{nfs4GetAttr, 1, 0x10}),
			"V4 Call ACCESS FH: 0x3fca88c5, [Check: RD LU MD XT DL]"},
		{"getattr alone", compound(putfh, []uint32{nfs4GetAttr, 1, 0x10}, []uint32{nfs4GetFH}),
			"V4 Call GETATTR FH: 0x3fca88c5"},
		{"rename", compound(putfh, []uint32{32}, putfh, append(append([]uint32{nfs4Rename}, str("x")...), str("y")...)),
			"V4 Call RENAME From: x To: y"},
		{"open", compound(putfh, []uint32{nfs4Open, 0, 1, 0, 0, 2}, str("owner"), []uint32{0, 0}, str("hello.txt"), []uint32{nfs4GetFH}),
			"V4 Call OPEN DH: 0x3fca88c5/hello.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := rpcTestCall(1, rpcProgNFS, 4, 1, c.args...)
			var out Out
			out.reset(true)
			if !rpcDissect(&PDU{Data: m, Len: len(m), Conv: &Conv{}, Segments: []int{0}, DstPort: 2049}, &out) || out.Info() != c.want {
				t.Errorf("%q, want %q", out.Info(), c.want)
			}
		})
	}
}

// FuzzProtoRPC feeds arbitrary bytes to the framing and the dissector,
// over TCP and UDP, calls before replies: no panic, every field inside
// the PDU.
func FuzzProtoRPC(f *testing.F) {
	f.Add(rpcTestCall(1, rpcProgPortmap, 2, portmapGetPort, rpcProgNFS, 3, 6, 0), rpcTestReply(1, 2049), false)
	f.Add(rpcTestCall(2, rpcProgNFS, 3, nfs3Read, 8, 1, 2, 0, 0, 100), rpcTestReply(2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 22), true)
	f.Add(rpcTestCall(3, rpcProgNFS, 4, 1, 0, 0, 2, nfs4PutFH, 4, 1, nfs4Read, 1, 2, 3, 4, 0, 0, 9), rpcTestReply(3, 0, 0, 2, nfs4PutFH, 0, nfs4Read, 0, 1, 3, 0x61626300), true)
	f.Add(rpcTestCall(4, rpcProgMount, 3, mountMnt, 7, 0x2f657870, 0x6f727400), rpcTestReply(4, 0, 4, 1, 1, 1), false)
	f.Fuzz(func(t *testing.T, call, reply []byte, tcp bool) {
		conv := &Conv{}
		for i, m := range [][]byte{call, reply, call} {
			b := m
			if tcp {
				b = rpcRecord(m)
				if n := rpcPDULen(conv, 0, b); n > len(b) || n < -1 {
					t.Fatalf("PDULen %d of %d bytes", n, len(b))
				}
			}
			var out Out
			out.reset(true)
			p := &PDU{Data: b, Len: len(b), Conv: conv, TCP: tcp, Frame: i, Segments: []int{i}, SrcPort: 111, DstPort: 700}
			rpcDissect(p, &out)
			rpcTCPHeuristic(b)
			rpcLooksLikeCall(b)
			checkTree(t, out.Tree, len(b))
		}
	})
}

// TestRPCHeuristics: a TCP conversation needs the record mark (packet-rpc.c's
// dissect_rpc_tcp_heur), a datagram is the bare message; both need a call
// to a program Wireshark knows.
func TestRPCHeuristics(t *testing.T) {
	call := rpcTestCall(1, rpcProgNFS, 3, 0)
	cases := []struct {
		name     string
		in       []byte
		tcp, udp bool
	}{
		{"record", rpcRecord(call), true, false},
		{"record's first segment", rpcRecord(call)[:40], true, false},
		{"bare call", call, false, true},
		{"unknown program", rpcTestCall(1, 100099, 1, 0), false, false},
		{"reply", rpcRecord(rpcTestReply(1)), false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := rpcTCPHeuristic(c.in); got != c.tcp {
				t.Errorf("TCP heuristic %v, want %v", got, c.tcp)
			}
			if got := rpcLooksLikeCall(c.in); got != c.udp {
				t.Errorf("UDP heuristic %v, want %v", got, c.udp)
			}
		})
	}
}
