package decode

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/internal/netnstest"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// blastUDP sends n datagrams of size bytes from the client to the server's
// port 9, where a socket absorbs them (no ICMP errors), in bursts the
// capture keeps up with.
func blastUDP(t *testing.T, p *netnstest.Pair, n, size int) {
	t.Helper()
	var sink net.PacketConn
	if err := netnstest.In(p.Server, func() (err error) {
		sink, err = net.ListenPacket("udp4", net.JoinHostPort(netnstest.ServerAddr, "9"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	if err := netnstest.In(p.Client, func() error {
		c, err := net.Dial("udp4", net.JoinHostPort(netnstest.ServerAddr, "9"))
		if err != nil {
			return err
		}
		defer c.Close()
		msg := make([]byte, size)
		for k := range n {
			copy(msg, strconv.Itoa(k))
			if _, err := c.Write(msg); err != nil {
				return err
			}
			// Paced to at most 50,000 datagrams a second: the test is of the
			// ring, not of the rate, and under -race with the other
			// packages' tests on two cores a faster burst overflowed the
			// receive ring (1,526 of 140,000 dropped once).
			if k%100 == 99 {
				time.Sleep(2 * time.Millisecond)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestLiveRing captures 140,000 UDP datagrams into a ring of 1 MB files,
// at most 3, on a veth in a namespace. The files must be named as
// dumpcap names them, hold what tshark reads as exactly the packets of the
// index's window, and the index must have forgotten everything before the
// window: frames keep their numbers, older ones read as evicted, and the
// chunks and frame lists below the window are freed.
func TestLiveRing(t *testing.T) {
	oracle.Require(t)
	p := netnstest.NewPair(t)
	dir := t.TempDir()
	const sent, size, fileSize, files = 140_000, 60, 1_000_000, 3
	x := startLive(t, p.Client, LiveOptions{Interface: netnstest.ClientIface, WriteFile: filepath.Join(dir, "ring.pcapng"),
		Ring: RingOptions{FileSize: fileSize, Files: files}})
	t0 := time.Now()
	blastUDP(t, p, sent, size)
	t.Logf("sent in %v", time.Since(t0))
	time.Sleep(200 * time.Millisecond)
	x.Stop()
	waitLive(t, x, 5*time.Second)
	if x.Err() != nil {
		t.Fatal(x.Err())
	}
	st, _ := x.LiveStats()
	if st.Dropped != 0 || x.Len() < sent {
		t.Fatalf("captured %d packets (%d dropped), want all %d sent", x.Len(), st.Dropped, sent)
	}
	names := listDir(t, dir)
	re := regexp.MustCompile(`^ring_(\d{5})_(\d{14})\.pcapng$`)
	if len(names) != files {
		t.Fatalf("files %v, want %d", names, files)
	}
	window := 0
	for k, name := range names {
		m := re.FindStringSubmatch(name)
		if m == nil {
			t.Fatalf("file %q is not named like dumpcap's ring files", name)
		}
		if _, err := time.ParseInLocation("20060102150405", m[2], time.Local); err != nil {
			t.Errorf("%s: bad time: %v", name, err)
		}
		if seq, _ := strconv.Atoi(m[1]); k > 0 && seq != mustSeq(t, re, names[k-1])+1 {
			t.Errorf("files %v are not consecutive", names)
		}
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		// An Ethernet frame of 60 bytes of UDP data is 102 bytes: its EPB
		// is 28+104+4 = 136 bytes, the most a file passes the size by.
		if k < files-1 && (fi.Size() < fileSize || fi.Size() >= fileSize+136) {
			t.Errorf("%s: %d bytes, want the first EPB past %d", name, fi.Size(), fileSize)
		}
		window += tsharkCount(t, filepath.Join(dir, name))
	}
	if first := mustSeq(t, re, names[0]); first <= 1 {
		t.Errorf("the oldest file is number %d: nothing was deleted", first)
	}
	if got := x.Len() - x.First(); got != window {
		t.Errorf("the index holds %d packets (frames %d-%d), tshark reads %d in the ring files", got, x.First()+1, x.Len(), window)
	}
	// Frames keep their numbers; those before the window are gone.
	if _, err := x.Data(0, nil); !errors.Is(err, ErrEvicted) {
		t.Errorf("frame 1: %v, want ErrEvicted", err)
	}
	if r, _ := x.Row(0, "", nil); r.Frame != 1 || !strings.Contains(r.Info, "left the capture window") {
		t.Errorf("frame 1's row %+v does not say it left the window", r)
	}
	if r, _ := x.Row(x.First(), "", nil); r.Frame != x.First()+1 || r.Protocol != "UDP" {
		t.Errorf("the window's first row %+v, want frame %d, UDP", r, x.First()+1)
	}
	// Memory: chunks below the window freed, frame lists trimmed.
	held := 0
	for _, c := range *x.chunks.Load() {
		if c != nil {
			held++
		}
	}
	if maxHeld := (window+chunkSize-1)/chunkSize + 1; held > maxHeld {
		t.Errorf("%d chunks of %d packets held for a window of %d packets, want at most %d", held, chunkSize, window, maxHeld)
	}
	for _, f := range x.Flows() {
		if len(f.Frames) > 0 && int(f.Frames[0]) < x.First() {
			t.Errorf("flow %d keeps frame %d, before the window (%d)", f.Stream, f.Frames[0]+1, x.First()+1)
		}
	}
}

// tsharkCount is the number of packets tshark reads in file.
func tsharkCount(t *testing.T, file string) int {
	t.Helper()
	out := strings.TrimSpace(oracle.Run(t, "-n", "-r", file, "-T", "fields", "-e", "frame.number"))
	if out == "" {
		return 0
	}
	return strings.Count(out, "\n") + 1
}

func mustSeq(t *testing.T, re *regexp.Regexp, name string) int {
	t.Helper()
	n, err := strconv.Atoi(re.FindStringSubmatch(name)[1])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLiveRingForgetsConversations captures 12,000 short UDP conversations
// (a fresh socket each, two datagrams) into a ring of three 200 kB files.
// The conversations whose packets all left with deleted ring files must
// leave the flow list too (their records freed, the index stands for them
// with the shared Left record), and those left must be exactly the
// conversations tshark finds in the ring files still on disk.
func TestLiveRingForgetsConversations(t *testing.T) {
	oracle.Require(t)
	p := netnstest.NewPair(t)
	dir := t.TempDir()
	const conns = 12_000
	x := startLive(t, p.Client, LiveOptions{Interface: netnstest.ClientIface, WriteFile: filepath.Join(dir, "ring.pcapng"),
		Ring: RingOptions{FileSize: 200_000, Files: 3}})
	var sink net.PacketConn
	if err := netnstest.In(p.Server, func() (err error) {
		sink, err = net.ListenPacket("udp4", net.JoinHostPort(netnstest.ServerAddr, "9"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	if err := netnstest.In(p.Client, func() error {
		for k := range conns {
			c, err := net.Dial("udp4", net.JoinHostPort(netnstest.ServerAddr, "9"))
			if err != nil {
				return err
			}
			c.Write([]byte("one"))
			c.Write([]byte("two"))
			c.Close()
			if k%100 == 99 {
				time.Sleep(2 * time.Millisecond)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	x.Stop()
	waitLive(t, x, 5*time.Second)
	if x.Err() != nil {
		t.Fatal(x.Err())
	}
	if st, _ := x.LiveStats(); st.Dropped != 0 || x.Len() < 2*conns {
		t.Fatalf("captured %d packets (%d dropped), want all %d sent", x.Len(), st.Dropped, 2*conns)
	}
	// The conversations in the files still on disk, as tshark reads them.
	onDisk := map[string]bool{}
	for _, name := range listDir(t, dir) {
		out := oracle.Run(t, "-n", "-r", filepath.Join(dir, name), "-Y", "udp", "-T", "fields", "-e", "udp.srcport", "-e", "udp.dstport")
		for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
			if line != "" {
				onDisk[line] = true
			}
		}
	}
	kept, left := 0, 0
	for _, f := range x.Flows() {
		if f.Left {
			left++
			continue
		}
		kept++
		if key := strconv.Itoa(int(f.Client.Port)) + "\t" + strconv.Itoa(int(f.Server.Port)); !onDisk[key] {
			t.Errorf("flow %d (%s) is kept, but none of its packets is in the ring files", f.Stream, key)
		}
	}
	if kept != len(onDisk) {
		t.Errorf("%d conversations kept, tshark reads %d in the ring files", kept, len(onDisk))
	}
	if _, udp := x.FlowsLeft(); udp != left || left < conns/2 {
		t.Errorf("%d conversations left the window (FlowsLeft says %d) of %d: want most of them", left, udp, conns)
	}
	if ff := x.FlowFirst(); ff == 0 || !x.Flows()[ff-1].Left {
		t.Errorf("FlowFirst %d: want past the conversations that left", ff)
	}
}
