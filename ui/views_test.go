package ui

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
)

// TestBytesViewShowsOnlyPrintableASCII: the packet holds an OSC 52
// clipboard escape, BEL, NUL, DEL and 0xff; none may reach the terminal.
func TestBytesViewShowsOnlyPrintableASCII(t *testing.T) {
	s := newSim(t, 80, 4)
	b := newBytesView(newTheme(colorNone))
	b.SetRect(0, 0, 80, 4)
	b.show(fakeBytes)
	b.mark(2, 4)
	b.Draw(s)
	s.Show()
	rows := screenText(s)
	// Hex and ASCII of line 0, worked out by hand from fakeBytes.
	want0 := "0000  41 42 1b 5d 35 32 3b 63  3b 5a 5a 07 00 7f ff 78 AB.]52;c;ZZ....x"
	if rows[0] != want0 {
		t.Errorf("line 0:\n got %q\nwant %q", rows[0], want0)
	}
	cells, w, _ := s.GetContents()
	for i, c := range cells {
		for _, r := range c.Runes {
			if r < 0x20 || r == 0x7f || r > 0x7e && r < 0xa0 {
				t.Fatalf("control character %#x on screen at %d,%d", r, i%w, i/w)
			}
		}
	}
	// Bytes 2..5 (hex at cells 12..23) are highlighted in reverse video;
	// byte 1 (cells 9-10) and byte 6 (cell 24-25) are not.
	attr := func(x int) tcell.AttrMask { _, _, st, _ := s.GetContent(x, 0); _, _, a := st.Decompose(); return a }
	for _, x := range []int{12, 13, 15, 21, 22} {
		if attr(x)&tcell.AttrReverse == 0 {
			t.Errorf("cell %d of a marked byte is not highlighted", x)
		}
	}
	for _, x := range []int{9, 10, 24, 25} {
		if attr(x)&tcell.AttrReverse != 0 {
			t.Errorf("cell %d of an unmarked byte is highlighted", x)
		}
	}
}

// TestListEscapesPacketText: Info text that came from a packet may hold
// escape sequences; the list shows them as visible escapes.
func TestListEscapesPacketText(t *testing.T) {
	c := newFake(5)
	c.info[0] = "GET /\x1b[2J\x1b]0;pwned\x07 [yellow]x"
	s := newSim(t, 120, 6)
	l := newPacketList(c, noAnnotations{}, newTheme(colorNone))
	l.SetRect(0, 0, 120, 6)
	l.Draw(s)
	s.Show()
	rows := screenText(s)
	if !strings.Contains(rows[1], `GET /\033[2J\033]0;pwned\a [yellow]x`) {
		t.Errorf("row 1 = %q", rows[1])
	}
}

// TestListIsVirtual: drawing a screen reads only the visible rows, however
// many packets there are.
func TestListIsVirtual(t *testing.T) {
	c := newFake(200_000)
	s := newSim(t, 80, 24)
	l := newPacketList(c, noAnnotations{}, newTheme(colorNone))
	l.SetRect(0, 0, 80, 24)
	l.Draw(s)
	if got := c.rowCalls.Load(); got != 23 {
		t.Errorf("first draw read %d rows, want 23 (24 lines minus the header)", got)
	}
	l.last()
	c.rowCalls.Store(0)
	l.Draw(s)
	s.Show()
	if got := c.rowCalls.Load(); got != 23 {
		t.Errorf("draw at the end read %d rows", got)
	}
	if rows := screenText(s); !strings.Contains(rows[23], "pkt 200000") {
		t.Errorf("last row = %q", rows[23])
	}
}

// TestSelectionWithoutColour: with NO_COLOR the selected row is still
// visible, in reverse video, and no cell has a colour.
func TestSelectionWithoutColour(t *testing.T) {
	a, s := newTestApp(t, newFake(50), nil)
	send(a, s, keySpec{"jj"})
	for x := range 80 {
		_, _, st, _ := s.GetContent(x, 3)
		fg, bg, attr := st.Decompose()
		if attr&tcell.AttrReverse == 0 {
			t.Fatalf("selected row cell %d not in reverse video", x)
		}
		if fg != tcell.ColorDefault || bg != tcell.ColorDefault {
			t.Fatalf("colour %v/%v used with NO_COLOR", fg, bg)
		}
	}
	_, _, st, _ := s.GetContent(0, 2)
	if _, _, attr := st.Decompose(); attr&tcell.AttrReverse != 0 {
		t.Error("an unselected row is in reverse video")
	}
}

// TestColourRulesMatchWireshark checks the rule colours against Wireshark's
// own default colorfilters file, the oracle, when Wireshark is installed
// (it always is under CI, which installs tshark).
func TestColourRulesMatchWireshark(t *testing.T) {
	const path = "/usr/share/wireshark/colorfilters"
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is needed under CI: %v", path, err)
		}
		t.Skip(err)
	}
	defer f.Close()
	// Lines look like @Name@filter@[bg r,g,b][fg r,g,b] with 16-bit components.
	want := map[string][2]int32{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "@")
		if len(parts) != 4 {
			continue
		}
		var rgb [2]int32
		for i, group := range strings.SplitN(strings.Trim(parts[3], "[]"), "][", 2) {
			var v int32
			for _, comp := range strings.Split(group, ",") {
				n, _ := strconv.Atoi(comp)
				v = v<<8 | int32(n>>8) // as Wireshark converts its 16-bit components for Qt
			}
			rgb[i] = v
		}
		want[parts[1]] = rgb
	}
	for _, r := range []*colorRule{&ruleBadTCP, &ruleICMPErrors, &ruleARP, &ruleICMP, &ruleRST, &ruleTTL,
		&ruleHTTP, &ruleRouting, &ruleSYNFIN, &ruleTCP, &ruleUDP, &ruleBroadcast} {
		w, ok := want[r.name]
		if !ok {
			t.Errorf("no rule %q in %s", r.name, path)
			continue
		}
		if r.bg != w[0] || r.fg != w[1] {
			t.Errorf("%s: ladder fg %06x bg %06x, Wireshark fg %06x bg %06x", r.name, r.fg, r.bg, w[1], w[0])
		}
	}
}

// TestColourRuleOrder: which rule colours a packet, following the order of
// Wireshark's rules (first match wins), checked by hand against the filters.
func TestColourRuleOrder(t *testing.T) {
	c := newFake(1)
	p := &c.pkts[0]
	cases := []struct {
		name   string
		set    func(p *decode.Packet)
		badTCP bool
		want   *colorRule
	}{
		{"plain TCP", func(p *decode.Packet) { p.DstPort = 443; p.TTL = 64 }, false, &ruleTCP},
		{"port 80 is HTTP", func(p *decode.Packet) { p.DstPort = 80; p.TTL = 64 }, false, &ruleHTTP},
		{"SYN on port 80 is still HTTP", func(p *decode.Packet) { p.DstPort = 80; p.TTL = 64; p.Flags = decode.FlagSYN }, false, &ruleHTTP},
		{"SYN", func(p *decode.Packet) { p.DstPort = 443; p.TTL = 64; p.Flags = decode.FlagSYN }, false, &ruleSYNFIN},
		{"RST beats HTTP", func(p *decode.Packet) { p.DstPort = 80; p.TTL = 64; p.Flags = decode.FlagRST }, false, &ruleRST},
		{"bad TCP beats RST", func(p *decode.Packet) { p.TTL = 64; p.Flags = decode.FlagRST }, true, &ruleBadTCP},
		{"TTL 3 unicast", func(p *decode.Packet) { p.DstPort = 443; p.TTL = 3 }, false, &ruleTTL},
		{"UDP", func(p *decode.Packet) { p.Proto = decode.ProtoUDPPacket; p.TTL = 64 }, false, &ruleUDP},
		{"ARP", func(p *decode.Packet) { p.Proto = decode.ProtoARPPacket }, false, &ruleARP},
	}
	th := newTheme(color256)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			*p = decode.Packet{Proto: decode.ProtoTCPPacket, Src: 1, Dst: 2, Flags: decode.FlagACK}
			tc.set(p)
			ann := fakeAnnotations{notes: map[int]bool{0: tc.badTCP}}
			got := th.rule(c, ann, 0, func() packetFacts { return packetFacts{icmpType: -1} })
			if got != tc.want {
				t.Errorf("rule %v, want %q", got, tc.want.name)
			}
		})
	}
}

func TestLoadState(t *testing.T) {
	cases := []struct {
		name string
		p    decode.Progress
		want string
	}{
		{"loading with size", decode.Progress{Packets: 250_000, Bytes: 50, Size: 200, Elapsed: 500_000_000}, "loading 250k pkts 25% 500k/s"},
		{"loading stdin", decode.Progress{Packets: 12, Elapsed: 1_000_000}, "loading 12 pkts"},
		{"done", decode.Progress{Packets: 12, Done: true, Elapsed: 1_234_000_000}, "loaded in 1.234s"},
		{"live", decode.Progress{Packets: 1_234_567, Live: true}, "capturing 1.2M pkts"},
		{"live with drops", decode.Progress{Packets: 1_234_567, Live: true, Dropped: 30}, "capturing 1.2M pkts, 30 dropped"},
		{"live ring window", decode.Progress{Packets: 1_234_567, Live: true, Dropped: 30, First: 99_999},
			"capturing 1.2M pkts, 30 dropped, window from frame 100000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := loadState(tc.p); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestColourMode(t *testing.T) {
	cases := []struct {
		name    string
		colors  int
		noColor bool
		want    colorMode
	}{
		{"256 colours", 256, false, color256},
		{"true colour", 1 << 24, false, color256},
		{"16 colours", 16, false, color16},
		{"8 colours", 8, false, color16},
		{"monochrome", 2, false, colorNone},
		{"NO_COLOR on a 256-colour terminal", 256, true, colorNone},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := modeFor(tc.colors, tc.noColor); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
	// In 16 colours the RST rule uses ANSI colours, not RGB.
	fg, bg, _ := newTheme(color16).ruleStyle(&ruleRST).Decompose()
	if fg != tcell.ColorYellow || bg != tcell.ColorMaroon {
		t.Errorf("16-colour RST style %v on %v", fg, bg)
	}
}

// TestHelpFitsIn80Columns: every help line is readable at 80 columns.
func TestHelpFitsIn80Columns(t *testing.T) {
	for _, e := range KeyHelp() {
		width := 29 + len([]rune(e.Action))
		if e.Keys == "" {
			width = 2 + len([]rune(e.Action))
		}
		if len([]rune(e.Keys)) > 26 || width > 80 {
			t.Errorf("help line %q / %q is %d cells wide", e.Keys, e.Action, width)
		}
	}
}

// TestDamagedStatusFits (issue 19 item 7): at 80 columns the status bar of
// a damaged capture shows where the damage is, byte offset and packet
// number, whole (the figures are decode's, justified in
// decode/hostile_test.go). Before, the file's path came first and the
// offset fell off the edge.
func TestDamagedStatusFits(t *testing.T) {
	a, s := openStatsCapture(t, "../testdata/damaged/hostile__pcapng-4097-interfaces.pcapng", 80, 24)
	rows := draw(a, s)
	const want = "damaged at byte offset 81948, packet 1: more than 4096 interfaces"
	if !strings.Contains(rows[23], want) {
		t.Errorf("status bar %q lacks %q", rows[23], want)
	}
}
