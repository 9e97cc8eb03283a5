package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/internal/netnstest"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// liveRun runs "ladder ARGS" on a thread inside namespace ns in the
// background; ready is closed once the capture file has its header, which
// OpenLive writes only after the socket is bound.
type liveRun struct {
	out, errb bytes.Buffer
	code      int
	done      chan struct{}
}

func startLiveRun(t *testing.T, ns, file string, args ...string) *liveRun {
	t.Helper()
	r := &liveRun{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		netnstest.In(ns, func() error {
			r.code = run(args, &r.out, &r.errb)
			return nil
		})
	}()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if st, err := os.Stat(file); err == nil && st.Size() > 0 {
			return r
		}
		select {
		case <-r.done:
			t.Fatalf("ladder %v ended before capturing: exit %d: %s", args, r.code, r.errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("ladder %v did not start capturing", args)
		}
	}
}

func (r *liveRun) wait(t *testing.T) {
	t.Helper()
	select {
	case <-r.done:
	case <-time.After(5 * time.Second):
		t.Fatal("ladder list -i did not end")
	}
}

// TestListLiveMatchesTshark captures a connection that ends in a reset with
// "ladder list -i", prints lines as they arrive, and requires them to equal
// tshark's lines for the -w file it wrote (and ladder's own reading of that
// file, byte for byte). The second case deletes the interface mid-capture:
// the capture must end with the message and keep what was captured.
func TestListLiveMatchesTshark(t *testing.T) {
	oracle.Require(t)
	want := len(netnstest.RSTSegments)
	tests := []struct {
		name     string
		args     []string
		noise    int // UDP datagrams sent beside the exchange
		remove   bool
		wantCode int
		wantErr  string
	}{
		{name: "count", args: []string{"-c", "6"}, wantCode: exitOK},
		{name: "filter and count", args: []string{"-f", "tcp port 8080", "-c", "6"}, noise: 5, wantCode: exitOK},
		{name: "interface removed", remove: true, wantCode: exitDamaged,
			wantErr: "ladder: capture on va ended: interface went down"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Contains(strings.Join(tc.args, " "), "-f") {
				netnstest.RequireTcpdump(t)
			}
			p := netnstest.NewPair(t)
			file := filepath.Join(t.TempDir(), "live.pcapng")
			r := startLiveRun(t, p.Client, file, append([]string{"list", "-i", netnstest.ClientIface, "-w", file}, tc.args...)...)
			if err := netnstest.RSTExchange(p, 8080, tc.noise); err != nil {
				t.Fatal(err)
			}
			if tc.remove {
				time.Sleep(200 * time.Millisecond)
				if out, err := netnstest.Exec(p.Client, "ip", "link", "del", netnstest.ClientIface); err != nil {
					t.Fatalf("ip link del: %v: %s", err, out)
				}
			}
			r.wait(t)
			if r.code != tc.wantCode || (tc.wantErr != "" && !strings.Contains(r.errb.String(), tc.wantErr+"\n")) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", r.code, r.errb.String(), tc.wantCode, tc.wantErr)
			}
			lines := strings.Split(strings.TrimSuffix(r.out.String(), "\n"), "\n")
			tshark := strings.Split(strings.TrimSpace(oracle.Run(t, "-n", "-r", file)), "\n")
			if len(tshark) != want || (!tc.remove && len(lines) != want) {
				t.Fatalf("ladder printed %d lines, tshark reads %d packets from the -w file; want %d\nladder:\n%s", len(lines), len(tshark), want, r.out.String())
			}
			for i, l := range tshark {
				w, _ := parseListLine(l)
				if i >= len(lines) {
					t.Errorf("frame %d: ladder printed no line; tshark: %s", i+1, l)
					continue
				}
				g, _ := parseListLine(lines[i])
				if strings.Join(g.fields, " ") != strings.Join(w.fields, " ") || normaliseInfo(g.info) != normaliseInfo(w.info) {
					t.Errorf("frame %d differs\n tshark: %s\n ladder: %s", i+1, l, lines[i])
				}
			}
			var back, errb bytes.Buffer
			run([]string{"list", file}, &back, &errb)
			if back.String() != r.out.String() {
				t.Errorf("ladder list of the -w file differs from what it printed live:\n%s\nlive:\n%s", back.String(), r.out.String())
			}
		})
	}
}

// TestLiveSurvivesKill kills ladder with SIGKILL after a capture went
// quiet: the -w file must already hold every packet (ladder writes out its
// buffer whenever the socket runs dry), checked with tshark.
func TestLiveSurvivesKill(t *testing.T) {
	oracle.Require(t)
	p := netnstest.NewPair(t)
	bin := ladderBinary(t)
	file := filepath.Join(t.TempDir(), "killed.pcapng")
	cmd := exec.Command("ip", "netns", "exec", p.Client, bin, "list", "-i", netnstest.ClientIface, "-w", file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if st, err := os.Stat(file); err == nil && st.Size() > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("ladder did not start capturing")
		}
	}
	if err := netnstest.RSTExchange(p, 8080, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	out := strings.Fields(oracle.Run(t, "-n", "-r", file, "-T", "fields", "-e", "tcp.flags"))
	var want []string
	for _, s := range netnstest.RSTSegments {
		bits := map[string]int{"FIN": 1, "SYN": 2, "RST": 4, "PSH": 8, "ACK": 16}
		f := 0
		for _, n := range strings.Split(s.Flags, ", ") {
			f |= bits[n]
		}
		want = append(want, fmt.Sprintf("0x%04x", f))
	}
	if strings.Join(out, " ") != strings.Join(want, " ") {
		t.Errorf("after SIGKILL tshark reads flags %v from the -w file, want %v", out, want)
	}
}

// TestLiveNeedsCapability runs the binary without privileges: it must say
// in one line which capability is missing and the setcap command.
func TestLiveNeedsCapability(t *testing.T) {
	netnstest.Require(t)
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Skip("setpriv (util-linux) is needed to drop privileges")
	}
	bin := ladderBinary(t)
	cmd := exec.Command("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
		"--inh-caps=-all", "--bounding-set=-all", bin, "list", "-i", "lo")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	want := "ladder: capturing on lo needs the CAP_NET_RAW capability: run as root or grant it with: " +
		`sudo setcap cap_net_raw,cap_net_admin=eip "$(command -v ladder)"` + "\n"
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitDamaged || errb.String() != want {
		t.Errorf("got %v, stderr %q; want exit %d and %q", err, errb.String(), exitDamaged, want)
	}
}

// TestListInterfaces checks ladder -D inside the client namespace, whose
// interfaces the test set up itself (loopback down-then-up, the veth end
// with its address).
func TestListInterfaces(t *testing.T) {
	p := netnstest.NewPair(t)
	var out, errb bytes.Buffer
	code := -1
	netnstest.In(p.Client, func() error {
		code = run([]string{"-D"}, &out, &errb)
		return nil
	})
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"1. lo [up, loopback, running] 127.0.0.1/8\n",
		". va [up, broadcast, multicast, running] 192.0.2.1/24\n",
		"any (every interface",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("ladder -D lacks %q:\n%s", want, out.String())
		}
	}
}

// TestLiveBadCaptureFilter checks that a capture filter tcpdump rejects is a
// usage error (exit 2) naming the filter and tcpdump's reason, for the
// capture and for ladder list -i.
func TestLiveBadCaptureFilter(t *testing.T) {
	netnstest.Require(t)
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("tcpdump compiles capture filters")
	}
	p := netnstest.NewPair(t)
	for _, args := range [][]string{{"list", "-i", "lo", "-f", "tcp port ((("}, {"-i", "lo", "-f", "tcp port (((", "-c", "1"}} {
		var out, errb bytes.Buffer
		code := -1
		netnstest.In(p.Client, func() error {
			code = run(args, &out, &errb)
			return nil
		})
		if code != exitUsage || !strings.HasPrefix(errb.String(), `ladder: capture filter "tcp port (((": `) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and tcpdump's reason", args, code, errb.String(), exitUsage)
		}
	}
}

// TestListLiveAnalysisFilter (issue 19 item 8): "ladder list -i -Y" with a
// filter on analysis fields prints what the same filter finds when the -w
// file is read afterwards: the client's abortive RST, or every packet but
// it. Before, the matcher was built once, with the analysis of the packets
// present at the start (none): the first printed nothing, the second the
// RST as well.
func TestListLiveAnalysisFilter(t *testing.T) {
	oracle.Require(t)
	for _, filter := range []string{"ladder.rst.cause", "tcp && !ladder.rst.cause"} {
		t.Run(filter, func(t *testing.T) {
			p := netnstest.NewPair(t)
			file := filepath.Join(t.TempDir(), "live.pcapng")
			r := startLiveRun(t, p.Client, file, "list", "-i", netnstest.ClientIface, "-w", file, "-c", "6", "-Y", filter)
			if err := netnstest.RSTExchange(p, 8080, 0); err != nil {
				t.Fatal(err)
			}
			r.wait(t)
			var back, errb bytes.Buffer
			if code := run([]string{"list", file, "-Y", filter}, &back, &errb); code != exitOK {
				t.Fatalf("ladder list of the -w file: exit %d: %s", code, errb.String())
			}
			if back.Len() == 0 {
				t.Fatalf("no packet of the -w file matches %s", filter)
			}
			if r.out.String() != back.String() {
				t.Errorf("live -Y %s printed:\n%s\nthe -w file read back gives:\n%s", filter, r.out.String(), back.String())
			}
		})
	}
}

// TestListLiveKeepAliveFilter (issue 19 item 8) is TestListLiveAnalysisFilter
// for tcp.analysis.* flags: a connection goes idle after its data, the
// client's kernel probes it with keep-alives (TCP_KEEPIDLE 1 s) and the
// server acknowledges them; "ladder list -i -Y" on the two flags prints the
// frames tshark flags in the -w file (a probe and its ACK, frames 6 and 7
// after the handshake, the data and its ACK), though none existed when the
// capture started.
func TestListLiveKeepAliveFilter(t *testing.T) {
	oracle.Require(t)
	const filter = "tcp.analysis.keep_alive || tcp.analysis.keep_alive_ack"
	p := netnstest.NewPair(t)
	file := filepath.Join(t.TempDir(), "live.pcapng")
	r := startLiveRun(t, p.Client, file, "list", "-i", netnstest.ClientIface, "-w", file, "-c", "7", "-Y", filter)
	var ln net.Listener
	if err := netnstest.In(p.Server, func() (err error) {
		ln, err = net.Listen("tcp4", net.JoinHostPort(netnstest.ServerAddr, "8081"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			defer c.Close()
			io.Copy(io.Discard, c)
		}
	}()
	var conn net.Conn
	if err := netnstest.In(p.Client, func() (err error) {
		d := net.Dialer{Timeout: 5 * time.Second, KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: time.Second, Interval: time.Second, Count: 5}}
		conn, err = d.Dial("tcp4", net.JoinHostPort(netnstest.ServerAddr, "8081"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(netnstest.Payload)); err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		t.Fatal("ladder list -i did not end: no keep-alive in 10 s")
	}
	want := oracle.Run(t, "-r", file, "-Y", filter, "-T", "fields", "-e", "frame.number")
	if strings.Fields(want) == nil {
		t.Fatalf("tshark flags no keep-alive in the -w file: the test proves nothing")
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(r.out.String()), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			got = append(got, f[0])
		}
	}
	if strings.Join(got, " ") != strings.Join(strings.Fields(want), " ") {
		t.Errorf("live -Y %s printed frames %v, tshark flags %v in the -w file:\n%s", filter, got, strings.Fields(want), r.out.String())
	}
	t.Logf("printed live:\n%s", r.out.String())
}
