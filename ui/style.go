package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
)

// colorMode is how much colour the terminal gets.
type colorMode int

const (
	colorNone colorMode = iota // NO_COLOR, --no-color, or a monochrome terminal
	color16
	color256
)

// modeFor picks the colour mode from the terminal's colour count.
func modeFor(colors int, noColor bool) colorMode {
	switch {
	case noColor || colors < 8:
		return colorNone
	case colors < 256:
		return color16
	}
	return color256
}

// colorRule is one of Wireshark's default colouring rules. The RGB values
// are those of Wireshark's default colorfilters file (16-bit components
// shifted right by 8, as Wireshark does); fg16/bg16 are the nearest of the
// 16 ANSI colours that keep the text readable.
type colorRule struct {
	name       string
	fg, bg     int32 // 0xRRGGBB
	fg16, bg16 tcell.Color
}

// Wireshark's default rules in their order (first match wins), as in
// /usr/share/wireshark/colorfilters of Wireshark 4.0. Rules for protocols
// ladder does not dissect (HSRP, STP, OSPF state, SCTP, SMB, DCERPC,
// System Event) and Checksum Errors (checksums are not verified, as in
// Wireshark's default) never fire and are left out.
var (
	ruleBadTCP     = colorRule{"Bad TCP", 0xf78787, 0x12272e, tcell.ColorRed, tcell.ColorBlack}
	ruleICMPErrors = colorRule{"ICMP errors", 0xb7f774, 0x12272e, tcell.ColorLime, tcell.ColorBlack}
	ruleARP        = colorRule{"ARP", 0x12272e, 0xfaf0d7, tcell.ColorBlack, tcell.ColorOlive}
	ruleICMP       = colorRule{"ICMP", 0x12272e, 0xfce0ff, tcell.ColorBlack, tcell.ColorFuchsia}
	ruleRST        = colorRule{"TCP RST", 0xfffc9c, 0xa40000, tcell.ColorYellow, tcell.ColorMaroon}
	ruleTTL        = colorRule{"TTL low or unexpected", 0xecf0eb, 0xa40000, tcell.ColorWhite, tcell.ColorMaroon}
	ruleHTTP       = colorRule{"HTTP", 0x12272e, 0xe4ffc7, tcell.ColorBlack, tcell.ColorGreen}
	ruleRouting    = colorRule{"Routing", 0x12272e, 0xfff3d6, tcell.ColorBlack, tcell.ColorOlive}
	ruleSYNFIN     = colorRule{"TCP SYN/FIN", 0x12272e, 0xa0a0a0, tcell.ColorBlack, tcell.ColorSilver}
	ruleTCP        = colorRule{"TCP", 0x12272e, 0xe7e6ff, tcell.ColorBlack, tcell.ColorTeal}
	ruleUDP        = colorRule{"UDP", 0x12272e, 0xdaeeff, tcell.ColorBlack, tcell.ColorNavy}
	ruleBroadcast  = colorRule{"Broadcast", 0xbabdb6, 0xffffff, tcell.ColorGray, tcell.ColorWhite}
)

// theme holds the styles of every view for one colour mode.
type theme struct {
	mode     colorMode
	normal   tcell.Style
	header   tcell.Style // column headers and pane titles
	focused  tcell.Style // the title of the focused pane
	selected tcell.Style // the selected row: reverse video, visible without colour
	mark     tcell.Style // highlighted bytes
	good     tcell.Style // filter parses
	bad      tcell.Style // filter error
	dim      tcell.Style
}

// Built-in palettes. Dark keeps the terminal's own foreground and
// background (most terminals are dark) and only colours what stands out;
// light paints black on white itself, so it reads the same whatever the
// terminal's background is. Wireshark's row colours are light pastels with
// dark text and suit both.
const (
	paletteDark = iota
	paletteLight
)

// newTheme is the dark theme in a colour mode.
func newTheme(mode colorMode) *theme { return newPaletteTheme(paletteDark, mode) }

// newPaletteTheme builds the styles of a palette in a colour mode. Without
// colour both palettes are the same: attributes only.
func newPaletteTheme(palette int, mode colorMode) *theme {
	t := &theme{mode: mode, normal: tcell.StyleDefault}
	switch {
	case mode == color256 && palette == paletteLight:
		t.normal = tcell.StyleDefault.Foreground(tcell.NewHexColor(0x000000)).Background(tcell.NewHexColor(0xffffff))
	case mode == color16 && palette == paletteLight:
		t.normal = tcell.StyleDefault.Foreground(tcell.ColorBlack).Background(tcell.ColorWhite)
	}
	n := t.normal
	t.header = n.Bold(true).Underline(true)
	t.focused = n.Bold(true).Reverse(true)
	t.selected = n.Reverse(true).Bold(true)
	t.mark = n.Reverse(true)
	t.good = n.Bold(true)
	t.bad = n.Bold(true).Underline(true)
	t.dim = n.Dim(true)
	switch mode {
	case color256:
		t.selected = tcell.StyleDefault.Foreground(tcell.NewHexColor(0xffffff)).Background(tcell.NewHexColor(0x3465a4)).Bold(true)
		t.good = tcell.StyleDefault.Foreground(tcell.NewHexColor(0x000000)).Background(tcell.NewHexColor(0xafffaf))
		t.bad = tcell.StyleDefault.Foreground(tcell.NewHexColor(0x000000)).Background(tcell.NewHexColor(0xff8787))
		t.mark = tcell.StyleDefault.Foreground(tcell.NewHexColor(0xffffff)).Background(tcell.NewHexColor(0x3465a4))
		if palette == paletteLight {
			// Dim text is grey rather than faint: some terminals draw
			// faint black on white as black.
			t.dim = n.Foreground(tcell.NewHexColor(0x6c6c6c))
			t.mark = tcell.StyleDefault.Foreground(tcell.NewHexColor(0x000000)).Background(tcell.NewHexColor(0xfce94f))
		}
	case color16:
		t.selected = tcell.StyleDefault.Foreground(tcell.ColorWhite).Background(tcell.ColorBlue).Bold(true)
		t.good = tcell.StyleDefault.Foreground(tcell.ColorBlack).Background(tcell.ColorGreen)
		t.bad = tcell.StyleDefault.Foreground(tcell.ColorWhite).Background(tcell.ColorRed)
		t.mark = tcell.StyleDefault.Foreground(tcell.ColorWhite).Background(tcell.ColorBlue)
		if palette == paletteLight {
			t.dim = n.Foreground(tcell.ColorGray)
			t.mark = tcell.StyleDefault.Foreground(tcell.ColorBlack).Background(tcell.ColorYellow)
		}
	}
	return t
}

// ruleStyle is the style of a row that a colouring rule matched.
func (t *theme) ruleStyle(r *colorRule) tcell.Style {
	switch t.mode {
	case color256:
		return tcell.StyleDefault.Foreground(tcell.NewHexColor(r.fg)).Background(tcell.NewHexColor(r.bg))
	case color16:
		return tcell.StyleDefault.Foreground(r.fg16).Background(r.bg16)
	}
	if r == &ruleRST || r == &ruleBadTCP {
		return tcell.StyleDefault.Bold(true) // still stands out without colour
	}
	return tcell.StyleDefault
}

// packetFacts is what the colouring rules look at beyond the index record:
// read from the packet bytes only for the rare packets that need it.
type packetFacts struct {
	icmpType  int // -1 when not ICMP
	ipProto   int
	multicast bool // Ethernet destination has the group bit (eth[0] & 1)
}

// rule returns the first of Wireshark's default colouring rules that
// matches packet i, or nil.
func (t *theme) rule(c Capture, ann Annotations, i int, facts func() packetFacts) *colorRule {
	p := c.Packet(i)
	if p.Proto == decode.ProtoTCPPacket && ann.BadTCP(i) {
		return &ruleBadTCP
	}
	var f packetFacts
	needFacts := p.Proto != decode.ProtoTCPPacket && p.Proto != decode.ProtoUDPPacket && p.Proto != decode.ProtoARPPacket
	if needFacts {
		f = facts()
	}
	switch p.Proto {
	case decode.ProtoICMPPacket:
		if f.icmpType == 3 || f.icmpType == 4 || f.icmpType == 5 || f.icmpType == 11 {
			return &ruleICMPErrors
		}
	case decode.ProtoICMPv6Packet:
		if f.icmpType >= 1 && f.icmpType <= 4 {
			return &ruleICMPErrors
		}
	}
	switch p.Proto {
	case decode.ProtoARPPacket:
		return &ruleARP
	case decode.ProtoICMPPacket, decode.ProtoICMPv6Packet:
		return &ruleICMP
	}
	if p.Proto == decode.ProtoTCPPacket && p.Flags&decode.FlagRST != 0 {
		return &ruleRST
	}
	if ttlUnexpected(c, p, f) {
		return &ruleTTL
	}
	if p.Proto == decode.ProtoTCPPacket && (p.SrcPort == 80 || p.DstPort == 80) {
		return &ruleHTTP
	}
	if p.Proto == decode.ProtoIPOnly {
		switch f.ipProto {
		case 2, 88, 89, 112: // igmp, eigrp, ospf, vrrp/carp
			return &ruleRouting
		}
	}
	switch p.Proto {
	case decode.ProtoTCPPacket:
		if p.Flags&(decode.FlagSYN|decode.FlagFIN) != 0 {
			return &ruleSYNFIN
		}
		return &ruleTCP
	case decode.ProtoUDPPacket:
		return &ruleUDP
	}
	if f.multicast {
		return &ruleBroadcast
	}
	return nil
}

// ttlUnexpected is Wireshark's "TTL low or unexpected" rule:
// (ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) ||
// (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp)).
func ttlUnexpected(c Capture, p *decode.Packet, f packetFacts) bool {
	if p.Proto == decode.ProtoARPPacket || p.Proto == decode.ProtoBlock || p.Proto == decode.ProtoICMPv6Packet {
		return false
	}
	dst := c.Addr(p.Dst)
	if dst.Kind != decode.AddrIPv4 {
		return false
	}
	b := dst.B
	if b[0]&0xf0 != 224 {
		return p.TTL < 5 && f.ipProto != 103 && f.ipProto != 89
	}
	return b[0] == 224 && b[1] == 0 && b[2] == 0 && b[3] != 251 && p.TTL != 1 && f.ipProto != 112
}

// factsOf parses the headers of packet i for the colouring rules.
func factsOf(c Capture, i int, buf []byte) (packetFacts, []byte) {
	f := packetFacts{icmpType: -1}
	p := c.Packet(i)
	data, err := c.Data(i, buf)
	if err != nil {
		return f, data
	}
	var h decode.Headers
	h.Parse(c.LinkType(p), data, p.OrigLen)
	if h.HasTransport && (h.IPProto == decode.ProtoICMP || h.IPProto == decode.ProtoICMPv6) {
		f.icmpType = int(h.ICMPType)
	}
	f.ipProto = int(h.IPProto)
	f.multicast = len(h.EthDst) == 6 && h.EthDst[0]&1 != 0
	return f, data
}
