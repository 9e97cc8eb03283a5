package decode

import (
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/internal/netnstest"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// flagBits turns Wireshark's flag names ("RST, ACK") into TCP header bits
// (RFC 9293 section 3.1).
func flagBits(t *testing.T, names string) uint16 {
	bits := map[string]uint16{"FIN": 0x01, "SYN": 0x02, "RST": 0x04, "PSH": 0x08, "ACK": 0x10, "URG": 0x20}
	var f uint16
	for _, n := range strings.Split(names, ", ") {
		b, ok := bits[n]
		if !ok {
			t.Fatalf("unknown flag %q", n)
		}
		f |= b
	}
	return f
}

// startLive opens a live capture inside namespace ns and starts indexing it.
func startLive(t *testing.T, ns string, opt LiveOptions) *Index {
	t.Helper()
	var src *Source
	if err := netnstest.In(ns, func() (err error) {
		src, err = OpenLive(opt)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return Start(src)
}

// waitLive waits for a live index to finish, failing after d.
func waitLive(t *testing.T, x *Index, d time.Duration) {
	t.Helper()
	select {
	case <-x.Done():
	case <-time.After(d):
		x.Stop()
		t.Fatalf("capture did not end within %v (%d packets)", d, x.Len())
	}
}

// checkSegments compares the indexed TCP packets with the segments the
// exchange must produce (netnstest.RSTSegments, hand-checked).
func checkSegments(t *testing.T, x *Index, want []netnstest.Segment) {
	t.Helper()
	if x.Len() != len(want) {
		t.Fatalf("captured %d packets, want %d", x.Len(), len(want))
	}
	client := ""
	for i, w := range want {
		p := x.Packet(i)
		if !p.IsTCP() {
			t.Errorf("packet %d: not TCP (proto %d)", i+1, p.Proto)
			continue
		}
		src := x.Addr(p.Src).String()
		if i == 0 {
			client = src
		}
		if from := src == client; from != w.FromClient || src != map[bool]string{true: netnstest.ClientAddr, false: netnstest.ServerAddr}[w.FromClient] {
			t.Errorf("packet %d: from %s, want from client=%v", i+1, src, w.FromClient)
		}
		if p.Flags&0x3f != flagBits(t, w.Flags) || int(p.PayloadLen) != w.Len {
			t.Errorf("packet %d: flags %#x len %d, want [%s] len %d", i+1, p.Flags, p.PayloadLen, w.Flags, w.Len)
		}
	}
	if fl := x.Flows(); len(fl) != 1 || len(fl[0].Frames) != len(want) || x.Addr(fl[0].Client.Addr).String() != netnstest.ClientAddr {
		t.Errorf("flows: %d, want one TCP flow of %d packets from the client", len(fl), len(want))
	}
}

// tsharkSegments reads a capture with tshark and returns "flags len" per
// packet, tshark's own view of the saved file.
func tsharkSegments(t *testing.T, file string, extra ...string) []string {
	t.Helper()
	args := append([]string{"-n", "-r", file, "-T", "fields", "-E", "separator=,", "-e", "tcp.flags", "-e", "tcp.len"}, extra...)
	out := strings.TrimSpace(oracle.Run(t, args...))
	if out == "" {
		return nil
	}
	return strings.Split(out, "\n")
}

func wantTshark(t *testing.T, want []netnstest.Segment, suffix ...string) []string {
	var s []string
	for i, w := range want {
		line := fmt.Sprintf("0x%04x,%d", flagBits(t, w.Flags), w.Len)
		if len(suffix) > 0 {
			line += "," + suffix[i]
		}
		s = append(s, line)
	}
	return s
}

// TestLiveCaptureRST captures a TCP connection that ends in a reset on a
// veth in a namespace, checks every segment against the hand-checked
// exchange, and checks that tshark reads the -w file the same way.
func TestLiveCaptureRST(t *testing.T) {
	oracle.Require(t)
	p := netnstest.NewPair(t)
	file := filepath.Join(t.TempDir(), "live.pcapng")
	want := netnstest.RSTSegments
	x := startLive(t, p.Client, LiveOptions{Interface: netnstest.ClientIface, WriteFile: file, Count: len(want)})
	if err := netnstest.RSTExchange(p, 8080, 0); err != nil {
		t.Fatal(err)
	}
	waitLive(t, x, 5*time.Second)
	if x.Err() != nil {
		t.Fatalf("capture error: %v", x.Err())
	}
	checkSegments(t, x, want)
	if lt := x.LinkType(x.Packet(0)); lt != LinkEthernet {
		t.Errorf("link type %d, want Ethernet (1) on a veth", lt)
	}
	st, ok := x.LiveStats()
	if !ok || st.Captured != uint64(len(want)) || st.Dropped != 0 {
		t.Errorf("stats %+v ok=%v, want %d captured, none dropped", st, ok, len(want))
	}
	if got, w := tsharkSegments(t, file), wantTshark(t, want); strings.Join(got, " ") != strings.Join(w, " ") {
		t.Errorf("tshark reads the -w file as\n %v\nwant\n %v", got, w)
	}
	// The live rows must equal the rows of the saved file read back.
	src, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	back := Load(src)
	for i := range x.Len() {
		a, _ := x.Row(i, "", nil)
		b, _ := back.Row(i, "", nil)
		if a != b {
			t.Errorf("row %d: live %+v, from file %+v", i+1, a, b)
		}
	}
}

// TestLiveFilterInKernel runs the exchange with UDP noise beside it and a
// second, unfiltered capture as a witness: with -f 'tcp port 8080' the
// socket must hand ladder exactly the 6 TCP segments, so the noise was
// dropped in the kernel and never reached user space.
func TestLiveFilterInKernel(t *testing.T) {
	netnstest.RequireTcpdump(t)
	p := netnstest.NewPair(t)
	const noise = 50
	filtered := startLive(t, p.Client, LiveOptions{Interface: netnstest.ClientIface, Filter: "tcp port 8080"})
	witness := startLive(t, p.Client, LiveOptions{Interface: netnstest.ClientIface})
	if err := netnstest.RSTExchange(p, 8080, noise); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	filtered.Stop()
	witness.Stop()
	waitLive(t, filtered, 2*time.Second)
	waitLive(t, witness, 2*time.Second)
	checkSegments(t, filtered, netnstest.RSTSegments)
	st, _ := filtered.LiveStats()
	if st.Delivered != uint64(len(netnstest.RSTSegments)) || st.Received != st.Delivered {
		t.Errorf("filtered socket delivered %d packets (kernel counted %d), want %d: the filter did not run in the kernel",
			st.Delivered, st.Received, len(netnstest.RSTSegments))
	}
	ws, _ := witness.LiveStats()
	if ws.Delivered < uint64(len(netnstest.RSTSegments)+2*noise) {
		t.Errorf("unfiltered witness saw %d packets, want at least %d: the noise was not sent", ws.Delivered, len(netnstest.RSTSegments)+2*noise)
	}
	t.Logf("filtered socket delivered %d, unfiltered witness %d", st.Delivered, ws.Delivered)
}

// TestLiveAnyCooked captures on "any", where packets carry a Linux cooked
// header ladder writes from the socket address and the filter runs in user
// space; tshark must read the packet types from those headers (outgoing 4
// for the client's segments, host 0 for the server's, per packet(7)).
func TestLiveAnyCooked(t *testing.T) {
	oracle.Require(t)
	netnstest.RequireTcpdump(t)
	p := netnstest.NewPair(t)
	file := filepath.Join(t.TempDir(), "any.pcapng")
	want := netnstest.RSTSegments
	x := startLive(t, p.Client, LiveOptions{Interface: "any", Filter: "tcp port 8080", WriteFile: file, Count: len(want)})
	if err := netnstest.RSTExchange(p, 8080, 10); err != nil {
		t.Fatal(err)
	}
	waitLive(t, x, 5*time.Second)
	checkSegments(t, x, want)
	if lt := x.LinkType(x.Packet(0)); lt != LinkLinuxSLL {
		t.Errorf("link type %d, want Linux cooked (113)", lt)
	}
	var types []string
	for _, w := range want {
		types = append(types, map[bool]string{true: "4", false: "0"}[w.FromClient])
	}
	if got, w := tsharkSegments(t, file, "-e", "sll.pkttype"), wantTshark(t, want, types...); strings.Join(got, " ") != strings.Join(w, " ") {
		t.Errorf("tshark reads the -w file as\n %v\nwant\n %v", got, w)
	}
}

// TestLiveInterfaceRemoved deletes the veth in the middle of a capture: the
// capture must end with a message naming the interface, and everything
// captured before must stay in the index and in the -w file.
func TestLiveInterfaceRemoved(t *testing.T) {
	oracle.Require(t)
	p := netnstest.NewPair(t)
	file := filepath.Join(t.TempDir(), "removed.pcapng")
	x := startLive(t, p.Client, LiveOptions{Interface: netnstest.ClientIface, WriteFile: file})
	if err := netnstest.RSTExchange(p, 8080, 0); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(2 * time.Second); x.Len() < len(netnstest.RSTSegments) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if out, err := netnstest.Exec(p.Client, "ip", "link", "del", netnstest.ClientIface); err != nil {
		t.Fatalf("ip link del: %v: %s", err, out)
	}
	waitLive(t, x, 2*time.Second)
	want := "capture on va ended: interface went down"
	if x.Err() == nil || x.Err().Error() != want {
		t.Errorf("capture ended with %v, want %q", x.Err(), want)
	}
	checkSegments(t, x, netnstest.RSTSegments)
	if n := len(tsharkSegments(t, file)); n != len(netnstest.RSTSegments) {
		t.Errorf("tshark reads %d packets from the -w file, want %d", n, len(netnstest.RSTSegments))
	}
}

// TestLiveErrors checks the one-line errors for a missing interface and a
// filter tcpdump cannot parse; these need the packet socket, so root.
func TestLiveErrors(t *testing.T) {
	p := netnstest.NewPair(t)
	tests := []struct {
		name string
		opt  LiveOptions
		want string
	}{
		{"no such interface", LiveOptions{Interface: "nosuch0"}, `live capture: no interface "nosuch0" (ladder -D lists them)`},
		{"bad filter", LiveOptions{Interface: netnstest.ClientIface, Filter: "tcp port"}, `capture filter "tcp port": tcpdump: can't parse filter expression: syntax error`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.opt.Filter != "" {
				netnstest.RequireTcpdump(t)
			}
			err := netnstest.In(p.Client, func() error {
				src, err := OpenLive(tc.opt)
				if err == nil {
					src.Close()
				}
				return err
			})
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestCompileFilterNeedsTcpdump: without tcpdump on PATH, -f stops with the
// install hint.
func TestCompileFilterNeedsTcpdump(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := CompileFilter("tcp", LinkEthernet, defaultSnapLen)
	want := "capture filter -f needs tcpdump to compile it: install tcpdump (apt-get install tcpdump) or drop -f"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestParseBPF reads tcpdump -ddd output; the good case is tcpdump 4.99's
// output for "tcp" on LINKTYPE_RAW, checked against the opcodes in
// linux/filter.h (0x30 ldb [0], 0x54 and #0xf0, 0x15 jeq, 0x6 ret).
func TestParseBPF(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ops  []uint16
		bad  bool
	}{
		{name: "raw tcp prefix", in: "3\n48 0 0 0\n84 0 0 240\n6 0 0 262144\n", ops: []uint16{0x30, 0x54, 0x06}},
		{name: "count mismatch", in: "2\n6 0 0 0\n", bad: true},
		{name: "no count", in: "x\n6 0 0 0\n", bad: true},
		{name: "too many", in: strconv.Itoa(maxFilterInsns+1) + "\n", bad: true},
		{name: "short line", in: "1\n6 0 0\n", bad: true},
		{name: "jump out of range", in: "1\n21 256 0 0\n", bad: true},
		{name: "empty", in: "", bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prog, err := parseBPF(tc.in)
			if tc.bad {
				if err == nil {
					t.Errorf("accepted %q", tc.in)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ops []uint16
			for _, in := range prog {
				ops = append(ops, in.Op)
			}
			if fmt.Sprint(ops) != fmt.Sprint(tc.ops) {
				t.Errorf("ops %v, want %v", ops, tc.ops)
			}
		})
	}
}

// TestLiveNextDoesNotAllocate reads queued packets from a live socket and
// requires the per-packet path (receive, timestamp, spool write) to make no
// allocation.
func TestLiveNextDoesNotAllocate(t *testing.T) {
	p := netnstest.NewPair(t)
	var src *Source
	if err := netnstest.In(p.Client, func() (err error) {
		src, err = OpenLive(LiveOptions{Interface: netnstest.ClientIface})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	const queued = 300
	if err := netnstest.In(p.Client, func() error {
		c, err := net.Dial("udp4", net.JoinHostPort(netnstest.ServerAddr, "9"))
		if err != nil {
			return err
		}
		defer c.Close()
		for range queued {
			c.Write([]byte("queued"))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	var rec Record
	allocs := testing.AllocsPerRun(200, func() {
		if err := src.Next(&rec); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per packet, want 0", allocs)
	}
}
