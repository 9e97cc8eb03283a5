package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/stats"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/internal/netnstest"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestLiveRingWindowAnalysis fills a ring of three 300 kB files with UDP
// datagrams, then runs a TCP connection that ends in a reset: the live
// index keeps only the ring's window, and its analysis of the window must
// be the analysis of the files still on disk read back (joined with
// mergecap, and each checked by tshark to hold the packets the window
// counts): the same rows, TCP analysis labels and reset verdict, at frame
// numbers shifted by the window's start.
func TestLiveRingWindowAnalysis(t *testing.T) {
	oracle.Require(t)
	if _, err := exec.LookPath("mergecap"); err != nil {
		t.Skip("mergecap (wireshark-common) joins the ring files")
	}
	p := netnstest.NewPair(t)
	dir := t.TempDir()
	var src *decode.Source
	if err := netnstest.In(p.Client, func() (err error) {
		src, err = decode.OpenLive(decode.LiveOptions{Interface: netnstest.ClientIface, WriteFile: filepath.Join(dir, "w.pcapng"),
			Ring: decode.RingOptions{FileSize: 300_000, Files: 3}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := decode.Start(src)
	sendUDP(t, p, 30_000)
	if err := netnstest.RSTExchange(p, 8080, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	x.Stop()
	x.Wait()
	if st, _ := x.LiveStats(); x.Err() != nil || st.Dropped != 0 {
		t.Fatalf("capture: %v, %d dropped", x.Err(), st.Dropped)
	}
	first := x.First()
	if first == 0 {
		t.Fatal("the ring deleted no file: the window is the whole capture")
	}
	ents, _ := os.ReadDir(dir)
	var files []string
	held := 0
	for _, e := range ents {
		f := filepath.Join(dir, e.Name())
		files = append(files, f)
		held += len(strings.Fields(oracle.Run(t, "-n", "-r", f, "-T", "fields", "-e", "frame.number")))
	}
	if len(files) != 3 || held != x.Len()-first {
		t.Fatalf("%d ring files hold %d packets (tshark); the window holds %d", len(files), held, x.Len()-first)
	}
	joined := filepath.Join(t.TempDir(), "window.pcapng")
	if out, err := exec.Command("mergecap", append([]string{"-a", "-w", joined}, files...)...).CombinedOutput(); err != nil {
		t.Fatalf("mergecap: %v: %s", err, out)
	}
	back, err := decode.Open(joined)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	y := decode.Load(back)
	if y.Len() != x.Len()-first {
		t.Fatalf("the joined files hold %d packets, the window %d", y.Len(), x.Len()-first)
	}
	rx, ry := analysis.Analyze(x), analysis.Analyze(y)
	tcp := 0
	for i := first; i < x.Len(); i++ {
		a, _ := x.Row(i, rx.Labels(i), nil)
		b, _ := y.Row(i-first, ry.Labels(i-first), nil)
		if a.Frame != i+1 || a.Protocol != b.Protocol || a.Info != b.Info || a.Src != b.Src || a.Dst != b.Dst || a.Length != b.Length {
			t.Fatalf("frame %d: live window %+v, files read back (frame %d) %+v", i+1, a, i-first+1, b)
		}
		if x.Packet(i).IsTCP() {
			tcp++
		}
	}
	if tcp != len(netnstest.RSTSegments) {
		t.Errorf("%d TCP packets in the window, want the exchange's %d", tcp, len(netnstest.RSTSegments))
	}
	vx, vy := analysis.ExplainResets(x), analysis.ExplainResets(y)
	if len(vx) != 1 || len(vy) != 1 || vx[0].Frame != vy[0].Frame+first || vx[0].Cause != vy[0].Cause {
		t.Errorf("reset verdicts: live %+v, files %+v (window starts at frame %d)", vx, vy, first+1)
	}
	// The statistics and a save of the live capture cover the window, as
	// they cover the files read back.
	hx, hy := stats.Hierarchy(x), stats.Hierarchy(y)
	if hx.Frames != hy.Frames || hx.Bytes != hy.Bytes {
		t.Errorf("protocol hierarchy: live window %d frames %d bytes, files %d frames %d bytes", hx.Frames, hx.Bytes, hy.Frames, hy.Bytes)
	}
	ix, iy := stats.IO(x, int64(time.Second), nil), stats.IO(y, int64(time.Second), nil)
	if ix.Start != iy.Start || len(ix.Buckets) != len(iy.Buckets) {
		t.Errorf("I/O graph: live window starts %d with %d buckets, files %d with %d", ix.Start, len(ix.Buckets), iy.Start, len(iy.Buckets))
	}
	saved := filepath.Join(t.TempDir(), "saved.pcapng")
	if n, err := x.Export(saved, decode.ExportPcapng, func(int) bool { return true }); err != nil || n != y.Len() {
		t.Errorf("saving the live capture wrote %d packets (%v), want the window's %d", n, err, y.Len())
	}
	// A ring file's own frame numbers start at 1; the live list keeps
	// capture-wide numbers, and lines before the window say they are gone.
	var out, errb bytes.Buffer
	if code := run([]string{"list", files[0]}, &out, &errb); code != exitOK || !strings.HasPrefix(out.String(), "    1 ") {
		t.Errorf("ladder list of the oldest ring file: exit %d: %.200s", code, out.String())
	}
}

// sendUDP sends n 60-byte datagrams from the client to a socket on the
// server, in bursts the capture keeps up with.
func sendUDP(t *testing.T, p *netnstest.Pair, n int) {
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
		msg := make([]byte, 60)
		for k := range n {
			copy(msg, strconv.Itoa(k))
			c.Write(msg)
			if k%100 == 99 { // at most 50,000 a second: drops under load would fail the test
				time.Sleep(2 * time.Millisecond)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestRingFlagErrors: -b is checked before any capture starts; each bad use
// is a usage error (exit 2) saying what is wrong, as dumpcap refuses them.
func TestRingFlagErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no interface", []string{"list", "-b", "filesize:10", "-w", "x.pcapng"}, "ladder list: -b needs a live capture (-i IFACE)"},
		{"no file", []string{"list", "-i", "lo", "-b", "filesize:10"}, "ladder list: -b needs a file name for the ring (-w FILE)"},
		{"files alone", []string{"-i", "lo", "-w", "x.pcapng", "-b", "files:3"}, "-b files:N needs -b filesize:KB or -b duration:SECONDS to say when to start the next file"},
		{"unknown key", []string{"list", "-i", "lo", "-b", "packets:10"}, `unknown ring option "packets" (want filesize, files or duration)`},
		{"not a number", []string{"list", "-i", "lo", "-b", "filesize:ten"}, `want filesize:KB, files:N or duration:SECONDS with a positive number, not "filesize:ten"`},
		{"zero", []string{"list", "-i", "lo", "-b", "duration:0"}, `not "duration:0"`},
		{"too many files", []string{"list", "-i", "lo", "-b", "files:100001"}, "files:100001 is above the 100000 files limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(tc.args, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, errb.String(), exitUsage, tc.want)
			}
		})
	}
}

// TestListLiveRing runs "ladder list -i -w -b" end to end: 6,000 datagrams
// into a ring of two 100 kB files. The files left must be the last two,
// named like dumpcap's, holding (by tshark) the frames the closing message
// says the ring holds.
func TestListLiveRing(t *testing.T) {
	oracle.Require(t)
	p := netnstest.NewPair(t)
	dir := t.TempDir()
	const n = 6000
	first := filepath.Join(dir, "r_00001_")
	r := &liveRun{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		netnstest.In(p.Client, func() error {
			r.code = run([]string{"list", "-i", netnstest.ClientIface, "-w", filepath.Join(dir, "r.pcapng"),
				"-b", "filesize:100", "-b", "files:2", "-c", strconv.Itoa(n), "-Y", "udp.port == 1"}, &r.out, &r.errb)
			return nil
		})
	}()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if m, _ := filepath.Glob(first + "*"); len(m) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("ladder did not start capturing: %s", r.errb.String())
		}
	}
	sendUDP(t, p, n)
	r.wait(t)
	if r.code != exitOK || r.out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %s", r.code, r.out.String(), r.errb.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "r_*.pcapng"))
	if len(files) != 2 {
		t.Fatalf("ring files %v, want 2", files)
	}
	held := 0
	for _, f := range files {
		held += len(strings.Fields(oracle.Run(t, "-n", "-r", f, "-T", "fields", "-e", "frame.number")))
	}
	want := fmt.Sprintf("%d packets captured, 0 dropped by the kernel\nthe ring's files hold frames %d-%d; frames 1-%d left with the files it deleted\n",
		n, n-held+1, n, n-held)
	if r.errb.String() != want {
		t.Errorf("stderr %q, want %q", r.errb.String(), want)
	}
}
