package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/ladder-dev/ladder/decode"
)

// sshProbe is a browser's HTTP request sent to an SSH server, which
// answers with its banner and resets. `tshark -n -r FILE` (4.0) lists 9
// frames in tcp.stream 0: the request in frame 4 (605 bytes from
// 136.216.42.40:44338), the banner in frame 6 (21 bytes from
// 130.74.164.231:22).
const sshProbe = "../testdata/corpus/zeek__testing__btest__Traces__http__get-to-ssh-server.pcap"

// openFollowCapture opens a capture file in an app at w×h, analysed as Run does
// once loading has finished.
func openFollowCapture(t testing.TB, path string, w, h int, color bool) (*App, tcell.SimulationScreen) {
	t.Helper()
	src, err := decode.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	idx := decode.Load(src)
	a := New(Config{Capture: idx, NoColor: !color, Clipboard: &bytes.Buffer{}})
	s := newSim(t, w, h)
	a.SetScreen(s)
	s.SetSize(w, h)
	a.setFindings(analyze(idx))
	draw(a, s)
	return a, s
}

// TestFollowShowsBothDirections: F on frame 4 shows the request, then the
// banner, as `tshark -q -z follow,tcp,ascii,0 -r FILE` prints them: node 0
// 136.216.42.40:44338 sent 605 bytes ("GET / HTTP/1.1", "Host:
// 128.3.50.246", ..., "Accept-Encoding: gzip, deflate", a blank line),
// node 1 130.74.164.231:22 sent 21 ("SSH-2.0-OpenSSH_8.7"). tshark prints
// CR LF as line breaks; ladder shows them escaped. Without colour node 1's
// text is indented, as tshark indents it with a tab.
func TestFollowShowsBothDirections(t *testing.T) {
	a, s := openFollowCapture(t, sshProbe, 80, 24, false)
	send(a, s, keySpec{":4", tcell.KeyEnter, "F"})
	if a.view != viewFollow {
		t.Fatalf("F did not open the follow view (message %q)", a.message)
	}
	rows := draw(a, s)
	want := []string{
		" Follow TCP stream 0 (ascii)  chunk 1 of 2, frame 4",
		">>> client 136.216.42.40:44338, 605 B  <<< server 130.74.164.231:22, 21 B",
		">>> frame 4, 136.216.42.40:44338 → 130.74.164.231:22, 605 bytes",
		`GET / HTTP/1.1\r\n`,
		`Host: 128.3.50.246\r\n`,
		`Connection: keep-alive\r\n`,
	}
	for k, w := range want {
		if rows[k] != w {
			t.Errorf("row %d:\n got %q\nwant %q", k, rows[k], w)
		}
	}
	send(a, s, keySpec{"G"})
	rows = draw(a, s)
	tail := []string{
		`Accept-Encoding: gzip, deflate\r\n`,
		`\r\n`,
		"<<< frame 6, 130.74.164.231:22 → 136.216.42.40:44338, 21 bytes",
		`    SSH-2.0-OpenSSH_8.7\r\n`,
	}
	for k, w := range tail {
		if got := rows[23-len(tail)+k]; got != w {
			t.Errorf("row %d from the end:\n got %q\nwant %q", len(tail)-k, got, w)
		}
	}
	if !strings.Contains(rows[0], "chunk 2 of 2, frame 6") {
		t.Errorf("title %q: G should be on the banner's chunk", rows[0])
	}
}

// TestFollowHex: h shows the hex dump, 16 bytes a line; the first line is
// the one `tshark -q -z follow,tcp,hex,0` prints for the request (tshark
// puts a space in the middle of the ASCII column, ladder does not).
func TestFollowHex(t *testing.T) {
	a, s := openFollowCapture(t, sshProbe, 80, 24, false)
	send(a, s, keySpec{":4", tcell.KeyEnter, "F", "h"})
	rows := draw(a, s)
	if !strings.Contains(rows[0], "(hex)") {
		t.Errorf("title %q does not say hex", rows[0])
	}
	want := "00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  GET / HTTP/1.1.."
	if rows[3] != want {
		t.Errorf("first hex line:\n got %q\nwant %q", rows[3], want)
	}
	// tshark: node 1's first hex line, offset 0 of its own direction.
	send(a, s, keySpec{"G"})
	rows = draw(a, s)
	want = "    00000000  53 53 48 2d 32 2e 30 2d  4f 70 65 6e 53 53 48 5f  SSH-2.0-OpenSSH_"
	if findRow(rows, want) < 0 {
		t.Errorf("banner hex line %q not on screen:\n%s", want, strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{tcell.KeyTab})
	if a.follow.hex {
		t.Error("Tab did not go back to ascii")
	}
}

// TestFollowColours: with colour, the client's text and the server's are
// drawn in two different colours and nothing is indented.
func TestFollowColours(t *testing.T) {
	a, s := openFollowCapture(t, sshProbe, 80, 24, true)
	send(a, s, keySpec{":4", tcell.KeyEnter, "F", "G"})
	rows := draw(a, s)
	req := findRow(rows, `Accept-Encoding: gzip, deflate\r\n`)
	banner := findRow(rows, `SSH-2.0-OpenSSH_8.7\r\n`)
	if req < 0 || banner < 0 {
		t.Fatalf("rows not found:\n%s", strings.Join(rows, "\n"))
	}
	if !strings.HasPrefix(rows[banner], "SSH") {
		t.Errorf("banner row %q is indented with colour on", rows[banner])
	}
	fg := func(y int) tcell.Color { _, _, st, _ := s.GetContent(0, y); f, _, _ := st.Decompose(); return f }
	if fg(req) == fg(banner) || fg(req) == tcell.ColorDefault || fg(banner) == tcell.ColorDefault {
		t.Errorf("client colour %v, server colour %v: want two distinct colours", fg(req), fg(banner))
	}
}

// TestFollowNavigation: where F opens from, where q and Enter return, and
// which packet they leave selected.
func TestFollowNavigation(t *testing.T) {
	cases := []struct {
		name     string
		keys     keySpec
		wantView int
		wantPkt  int // selected packet in the list afterwards (0-based)
	}{
		// Opened on frame 1 (SYN, no payload): the cursor is on the
		// first chunk after it, frame 4; q without moving keeps frame 1.
		{"q without moving keeps the selection", keySpec{"F", "q"}, viewMain, 0},
		{"Esc is q", keySpec{"F", tcell.KeyEscape}, viewMain, 0},
		{"Enter selects the chunk's packet", keySpec{"F", tcell.KeyEnter}, viewMain, 3},
		{"q after moving selects the chunk's packet", keySpec{"F", "G", "q"}, viewMain, 5},
		{"from the flow table, q goes back there", keySpec{"f", "F", "G", "q"}, viewFlows, 5},
		{"from the ladder, q goes back there", keySpec{"l", "F", "G", "q"}, viewLadder, 5},
		{"Enter from the ladder goes to the list", keySpec{"l", "F", "G", tcell.KeyEnter}, viewMain, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openFollowCapture(t, sshProbe, 80, 24, false)
			send(a, s, tc.keys)
			if a.view != tc.wantView {
				t.Errorf("view %d, want %d", a.view, tc.wantView)
			}
			if got := a.list.Selected(); got != tc.wantPkt {
				t.Errorf("selected packet %d, want %d", got, tc.wantPkt)
			}
			if tc.wantView == viewLadder && a.ladder.selected() != tc.wantPkt {
				t.Errorf("ladder arrow at packet %d, want %d", a.ladder.selected(), tc.wantPkt)
			}
		})
	}
}

// TestFollowSearch: / finds text in the raw bytes (escapes stand for the
// bytes the view escapes), n and N step between matching chunks and wrap.
// Which chunk holds what is from the tshark output quoted above.
func TestFollowSearch(t *testing.T) {
	cases := []struct {
		name      string
		keys      keySpec
		wantPkt   int
		wantRow   string // the cursor row's text
		wantMatch string // the status message
	}{
		{"in the first chunk", keySpec{"/Host", tcell.KeyEnter}, 3, `Host: 128.3.50.246\r\n`, ""},
		{"in the reply", keySpec{"/OpenSSH", tcell.KeyEnter}, 5, `    SSH-2.0-OpenSSH_8.7\r\n`, ""},
		{"escaped CR LF", keySpec{`/8.7\r\n`, tcell.KeyEnter}, 5, `    SSH-2.0-OpenSSH_8.7\r\n`, ""},
		{"n wraps to the start", keySpec{"/Host", tcell.KeyEnter, "n"}, 3, `Host: 128.3.50.246\r\n`, "search wrapped to the start"},
		{"N wraps to the end", keySpec{"/SSH", tcell.KeyEnter, "N"}, 5, `    SSH-2.0-OpenSSH_8.7\r\n`, "search wrapped to the end"},
		{"empty search repeats the last one", keySpec{"/Host", tcell.KeyEnter, "/", tcell.KeyEnter}, 3, `Host: 128.3.50.246\r\n`, "search wrapped to the start"},
		{"n without a search", keySpec{"n"}, 3, ">>> frame 4, 136.216.42.40:44338 → 130.74.164.231:22, 605 bytes", "no search yet: / searches the stream"},
		{"no match", keySpec{"/nowhere", tcell.KeyEnter}, 3, ">>> frame 4, 136.216.42.40:44338 → 130.74.164.231:22, 605 bytes", "not found: nowhere"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openFollowCapture(t, sshProbe, 80, 24, false)
			send(a, s, keySpec{"F"})
			send(a, s, tc.keys)
			rows := draw(a, s)
			if a.edit != editNone {
				t.Fatal("the search prompt is still open")
			}
			if got := a.follow.packet(); got != tc.wantPkt {
				t.Errorf("cursor on packet %d, want %d", got, tc.wantPkt)
			}
			v := a.follow
			cur := v.chunkRows(v.cur.chunk)[v.cur.row]
			text := cur.text
			if cur.indent {
				text = "    " + text
			}
			if text != tc.wantRow {
				t.Errorf("cursor row %q, want %q", text, tc.wantRow)
			}
			if findRow(rows, tc.wantRow) < 0 {
				t.Errorf("cursor row %q is not on screen", tc.wantRow)
			}
			if a.message != tc.wantMatch {
				t.Errorf("message %q, want %q", a.message, tc.wantMatch)
			}
		})
	}
}

// tcpSeg is one packet of a synthetic TCP conversation between
// 10.1.0.1:40000 (client) and 10.1.0.2:8080.
type tcpSeg struct {
	fromClient bool
	seq, ack   uint32
	syn, psh   bool
	payload    string
}

// writeTCP writes segs as an Ethernet pcap at path.
func writeTCP(t testing.TB, path string, segs []tcpSeg) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	cli, srv := []byte{10, 1, 0, 1}, []byte{10, 1, 0, 2}
	buf := gopacket.NewSerializeBuffer()
	for i, sg := range segs {
		eth := &layers.Ethernet{SrcMAC: []byte{2, 0, 0, 0, 0, 1}, DstMAC: []byte{2, 0, 0, 0, 0, 2}, EthernetType: layers.EthernetTypeIPv4}
		ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: cli, DstIP: srv}
		tcp := &layers.TCP{SrcPort: 40000, DstPort: 8080, Seq: sg.seq, Ack: sg.ack, ACK: !sg.syn || !sg.fromClient, SYN: sg.syn, PSH: sg.psh, Window: 65535}
		if !sg.fromClient {
			eth.SrcMAC, eth.DstMAC = eth.DstMAC, eth.SrcMAC
			ip.SrcIP, ip.DstIP = srv, cli
			tcp.SrcPort, tcp.DstPort = 8080, 40000
		}
		if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
			t.Fatal(err)
		}
		opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
		if err := gopacket.SerializeLayers(buf, opts, eth, ip, tcp, gopacket.Payload(sg.payload)); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1700000000, int64(i)*1000), CaptureLength: len(data), Length: len(data)}
		if err := w.WritePacket(ci, data); err != nil {
			t.Fatal(err)
		}
	}
}

// hostileReq is a request whose bytes would clear the screen, set the
// clipboard (OSC 52) and reverse the text direction if they reached the
// terminal.
const hostileReq = "GET /\x1b[2J\x1b]52;c;ZZ\x07 \u202eevil\r\n"

// hostileStream: the handshake, the hostile request (frame 4), ten bytes
// the capture missed, "after gap" (frame 5), and the server's ACK of all
// of it (frame 6), which tells follow the ten bytes were sent.
func hostileStream() []tcpSeg {
	n := uint32(len(hostileReq))
	return []tcpSeg{
		{fromClient: true, seq: 1000, syn: true},
		{seq: 5000, ack: 1001, syn: true},
		{fromClient: true, seq: 1001, ack: 5001},
		{fromClient: true, seq: 1001, ack: 5001, psh: true, payload: hostileReq},
		{fromClient: true, seq: 1001 + n + 10, ack: 5001, psh: true, payload: "after gap"},
		{seq: 5001, ack: 1001 + n + 10 + 9},
	}
}

// TestFollowEscapesPayload: escape sequences in the payload are shown as
// visible escapes, and no control character reaches the screen. The gap
// is marked as Wireshark marks it: `tshark -q -z follow,tcp,ascii,0` on
// this capture prints "[10 bytes missing in capture file]." between the
// request and "after gap".
func TestFollowEscapesPayload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hostile.pcap")
	writeTCP(t, path, hostileStream())
	for _, color := range []bool{false, true} {
		a, s := openFollowCapture(t, path, 80, 24, color)
		send(a, s, keySpec{"F"})
		rows := draw(a, s)
		if a.view != viewFollow {
			t.Fatalf("F did not open the follow view (message %q)", a.message)
		}
		for _, want := range []string{
			`GET /\x1b[2J\x1b]52;c;ZZ\x07 \u202eevil\r\n`,
			"!!! [10 bytes missing in capture file]",
			"after gap",
		} {
			if findRow(rows, want) < 0 {
				t.Errorf("color %v: %q not on screen:\n%s", color, want, strings.Join(rows, "\n"))
			}
		}
		noControls(t, s)
		send(a, s, keySpec{"h"})
		noControls(t, s)
	}
}

// noControls fails when a control character, C1 control or bidi override
// is on the screen.
func noControls(t *testing.T, s tcell.SimulationScreen) {
	t.Helper()
	cells, w, _ := s.GetContents()
	for i, c := range cells {
		for _, r := range c.Runes {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
				t.Fatalf("control character %#x on screen at %d,%d", r, i%w, i/w)
			}
		}
	}
}

// TestFollowIsLazy: a stream of 20,000 data segments opens at its end and
// draws reading only the chunks on screen, in a few milliseconds.
func TestFollowIsLazy(t *testing.T) {
	const n = 20_000
	segs := []tcpSeg{{fromClient: true, seq: 1000, syn: true}, {seq: 5000, ack: 1001, syn: true}}
	seq := uint32(1001)
	for i := range n {
		p := strings.Repeat(string(rune('a'+i%26)), 99) + "\n"
		segs = append(segs, tcpSeg{fromClient: true, seq: seq, ack: 5001, psh: true, payload: p})
		seq += uint32(len(p))
	}
	path := filepath.Join(t.TempDir(), "long.pcap")
	writeTCP(t, path, segs)
	a, s := openFollowCapture(t, path, 80, 24, false)
	start := time.Now()
	send(a, s, keySpec{"G", "F", "g", "G", "k"})
	took := time.Since(start)
	if a.view != viewFollow || a.follow.cur.chunk != n-1 {
		t.Fatalf("view %d, cursor chunk %d; want the follow view at chunk %d", a.view, a.follow.cur.chunk, n-1)
	}
	// Each chunk is a header and two rows of 99 letters wrapped at 80
	// columns: a screen of 21 rows shows 7 or 8 chunks.
	if got := len(a.follow.cache); got > 24 {
		t.Errorf("%d chunks rendered; the screen shows about 8", got)
	}
	// Laziness is judged by what was rendered (above), not by the clock:
	// under -race on a loaded machine the wall time says nothing.
	t.Logf("follow of %d segments: open and 5 keys in %v", n, took)
}

// TestFollowUDP: frame 1 of wikipedia.pcap is an mDNS query, udp.stream 0
// from 141.142.220.202:5353 to 224.0.0.251:5353; its hex lines are those
// `tshark -q -z follow,udp,hex,0` prints (without tshark's space in the
// middle of the ASCII column), and in ascii its NUL bytes are escaped.
func TestFollowUDP(t *testing.T) {
	a, s := openFollowCapture(t, "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap", 80, 24, false)
	send(a, s, keySpec{"F"})
	rows := draw(a, s)
	if a.view != viewFollow || !strings.HasPrefix(rows[0], " Follow UDP stream 0 (ascii)") {
		t.Fatalf("F on frame 1: view %d, title %q, message %q", a.view, rows[0], a.message)
	}
	// 0x09 is a tab (\t); the line wraps at 80 columns, not inside \x05.
	ascii := []string{
		`\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x06gemini\t_sftp-ssh\x04_tcp`,
		`\x05local\x00\x00!\x00\x01`,
	}
	for k, w := range ascii {
		if rows[3+k] != w {
			t.Errorf("ascii row %d:\n got %q\nwant %q", k, rows[3+k], w)
		}
	}
	send(a, s, keySpec{"h"})
	rows = draw(a, s)
	want := []string{
		"00000000  00 00 00 00 00 01 00 00  00 00 00 00 06 67 65 6d  .............gem",
		"00000010  69 6e 69 09 5f 73 66 74  70 2d 73 73 68 04 5f 74  ini._sftp-ssh._t",
		"00000020  63 70 05 6c 6f 63 61 6c  00 00 21 00 01           cp.local..!..",
	}
	for k, w := range want {
		if rows[3+k] != w {
			t.Errorf("hex row %d:\n got %q\nwant %q", k, rows[3+k], w)
		}
	}
}

// TestWrapCells: long lines wrap at the width in cells, never inside one
// of follow's escapes, and wide characters count two cells.
func TestWrapCells(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		width   int
		escapes bool
		want    []string
	}{
		{"fits", "abc", 8, true, []string{"abc"}},
		{"empty line keeps its row", "", 8, true, []string{""}},
		{"plain cut", "abcdefghij", 8, false, []string{"abcdefgh", "ij"}},
		{"not inside \\x1b", `abcde\x1b`, 8, true, []string{"abcde", `\x1b`}},
		{"not inside \\r", `abcdefg\r\n`, 8, true, []string{"abcdefg", `\r\n`}},
		{"not inside \\u202e", `abc\u202e`, 8, true, []string{"abc", `\u202e`}},
		{"an escaped backslash is two bytes", `abcdef\\x`, 8, true, []string{`abcdef\\`, "x"}},
		{"hex is cut anywhere", `abcde\x1b`, 8, false, []string{`abcde\x1`, "b"}},
		{"wide characters", "日本語の文字", 8, true, []string{"日本語の", "文字"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapCells(tc.text, tc.width, tc.escapes)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Errorf("wrapCells(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
			}
		})
	}
}
