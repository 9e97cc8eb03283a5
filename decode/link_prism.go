package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// Radio headers in front of 802.11 frames from old Linux drivers: the
// Prism monitor header (LINKTYPE_IEEE802_11_PRISM, 119: a message code,
// length and device name, then ten DID items of the linux-wlan-ng
// p80211 layout, little-endian, 144 bytes in all) and the AVS capture
// header (LINKTYPE_IEEE802_11_AVS, 163: a magic word with the revision,
// the header's length, then MAC and host timestamps, PHY type, channel,
// rate, antenna, priority, signal and noise, preamble and encoding,
// big-endian). Shown as tshark 4.0's packet-ieee80211-prism.c and
// packet-ieee80211-wlancap.c show them: the 802.11 frame after the header
// names the packet; a header cut short is "Prism" / "WLAN" with the
// header's summary and [Malformed Packet]. Hand-written: gopacket has no
// layer for either.

const (
	LinkPrism uint16 = 119
	LinkAVS   uint16 = 163

	prismHeaderLen = 144 // message code, length, device name, ten DID items
	prismDIDs      = 10
	avsMagic       = 0x80211000 // the high 28 bits; the low 4 are the revision
	avsMinLen      = 8
)

var (
	prismLayer = &Dissector{Name: "prism", Fields: []FieldDef{
		{Name: "prism.msgcode", Desc: "Message Code", Kind: FieldUint, Bits: 32},
		{Name: "prism.msglen", Desc: "Message Length", Kind: FieldUint, Bits: 32},
		{Name: "prism.devname", Desc: "Device Name", Kind: FieldString},
		{Name: "prism.did.type", Desc: "DID", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.status", Desc: "Status", Kind: FieldUint, Bits: 16},
		{Name: "prism.did.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "prism.did.hosttime", Desc: "Host Time", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.mactime", Desc: "MAC timestamp (lower 32 bits)", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.channel", Desc: "Channel", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.rssi", Desc: "RSSI", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.sq", Desc: "Signal Quality", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.signal", Desc: "Signal", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.noise", Desc: "Noise", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.rate", Desc: "Data rate (Mb/s)", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.istx", Desc: "IsTX", Kind: FieldUint, Bits: 32},
		{Name: "prism.did.frmlen", Desc: "Frame Length", Kind: FieldUint, Bits: 32},
	}}
	wlancapLayer = &Dissector{Name: "wlancap", Fields: []FieldDef{
		{Name: "wlancap.version", Desc: "Header revision", Kind: FieldUint, Bits: 32},
		{Name: "wlancap.length", Desc: "Header length", Kind: FieldUint, Bits: 32},
		{Name: "wlancap.mactime", Desc: "MAC timestamp", Kind: FieldUint, Bits: 64},
		{Name: "wlancap.hosttime", Desc: "Host timestamp", Kind: FieldUint, Bits: 64},
		{Name: "wlancap.phytype", Desc: "PHY type", Kind: FieldUint, Bits: 32},
		{Name: "wlancap.channel", Desc: "Channel", Kind: FieldUint, Bits: 32},
		{Name: "wlancap.data_rate", Desc: "Data Rate", Kind: FieldUint, Bits: 64},
		{Name: "wlancap.antenna", Desc: "Antenna", Kind: FieldUint, Bits: 32},
		{Name: "wlancap.priority", Desc: "Priority", Kind: FieldUint, Bits: 32},
		{Name: "wlancap.ssi_type", Desc: "SSI Type", Kind: FieldUint, Bits: 32},
		{Name: "wlancap.preamble", Desc: "Preamble", Kind: FieldUint, Bits: 32},
		{Name: "wlancap.encoding", Desc: "Encoding Type", Kind: FieldUint, Bits: 32},
	}}
)

func init() {
	register(prismLayer)
	register(wlancapLayer)
}

// prism reads the 802.11 frame behind a Prism header; a header that is
// AVS's (the Prism link type carries either) goes to avs.
func (h *Headers) prism(b []byte) {
	if isAVS(b) {
		h.avs(b)
		return
	}
	if len(b) >= prismHeaderLen {
		h.wlan(b[prismHeaderLen:], false)
	}
}

// isAVS says b starts with the AVS header's magic word.
func isAVS(b []byte) bool {
	return len(b) >= 4 && binary.BigEndian.Uint32(b)&^0xf == avsMagic
}

// avsLen is the AVS header's length field, 0 when it does not fit.
func avsLen(b []byte) int {
	if len(b) < avsMinLen {
		return 0
	}
	n := binary.BigEndian.Uint32(b[4:])
	if n < avsMinLen || n > uint32(len(b)) {
		return 0
	}
	return int(n)
}

// avsOK says the AVS header is whole: its revision 1 fields (64 bytes)
// and the length it gives are there.
func avsOK(b []byte) bool { return len(b) >= 64 && avsLen(b) > 0 }

// avs reads the 802.11 frame behind an AVS header.
func (h *Headers) avs(b []byte) {
	if avsOK(b) {
		h.wlan(b[avsLen(b):], false)
	}
}

// prismSummary is the Prism header's text in tshark's Info column.
func prismSummary(b []byte) string {
	name, _ := cString(b, 8, 16)
	return fmt.Sprintf("Device: %s, Message 0x%x, Length %d", Printable(name), binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:]))
}

// describeRadioHeader names a Prism or AVS packet whose header is cut
// short: the header's summary, malformed.
func describeRadioHeader(h *Headers) (string, string, bool) {
	b := h.raw
	switch {
	case h.Link == LinkPrism && !isAVS(b):
		if len(b) >= prismHeaderLen {
			return "", "", false
		}
		if len(b) < 24 {
			return "Prism", malformedMark, true
		}
		return "Prism", prismSummary(b) + malformedMark, true
	case h.Link == LinkAVS || h.Link == LinkPrism:
		if avsOK(b) {
			return "", "", false
		}
		if len(b) < avsMinLen {
			return "WLAN", malformedMark, true
		}
		return "WLAN", fmt.Sprintf("AVS WLAN Capture v%d, Length %d[Malformed Packet]", binary.BigEndian.Uint32(b)&0xf, binary.BigEndian.Uint32(b[4:])), true
	}
	return "", "", false
}

// prismDIDNames are the DID items' names, by DID.
var prismDIDNames = map[uint32]string{
	0x1041: "Host Time", 0x2041: "Mac Time", 0x3041: "Channel", 0x4041: "RSSI", 0x5041: "SQ",
	0x6041: "Signal", 0x7041: "Noise", 0x8041: "Rate", 0x9041: "Is Tx", 0xa041: "Frame Length",
}

// prismRate is a Prism rate item (units of 500 kb/s) in Mb/s.
func prismRate(v uint32) string {
	return strconv.FormatUint(uint64(v/2), 10) + "." + strconv.FormatUint(uint64(v%2*5), 10)
}

// prism is the details tree of a Prism header, then of the 802.11 frame.
func (d *dissector) prism() {
	b := d.data
	if isAVS(b) {
		d.avs()
		return
	}
	f := Field{Name: "prism", Label: "Prism capture header", Len: min(prismHeaderLen, len(b)), Kind: FieldProto}
	le := func(at int) uint32 { return binary.LittleEndian.Uint32(b[at:]) }
	// a header cut short keeps the fields that fit
	if len(b) >= 4 {
		f.Children = append(f.Children, UintField("prism.msgcode", fmt.Sprintf("Message Code: 0x%08x", le(0)), 0, 4, uint64(le(0))))
	}
	if len(b) >= 8 {
		f.Children = append(f.Children, UintField("prism.msglen", fmt.Sprintf("Message Length: %d", le(4)), 4, 4, uint64(le(4))))
	}
	if len(b) >= 24 {
		name, _ := cString(b, 8, 16)
		f.Children = append(f.Children, StrField("prism.devname", "Device Name: "+Printable(name), 8, 16, name))
	}
	for i := range prismDIDs {
		at := 24 + 12*i
		if !d.has(at, 12) {
			break
		}
		did, st, n, v := le(at), binary.LittleEndian.Uint16(b[at+4:]), binary.LittleEndian.Uint16(b[at+6:]), le(at+8)
		name, ok := prismDIDNames[did]
		if !ok {
			name = "Unknown"
		}
		status := "Supplied"
		if st == 1 {
			status = "Not Supplied"
		}
		var val Field
		var text string
		num := func(field, title string, s string) Field {
			return UintField(field, title+": "+s, at+8, 4, uint64(v))
		}
		switch did {
		case 0x1041:
			text, val = strconv.FormatUint(uint64(v), 10), num("prism.did.hosttime", "Host Time", strconv.FormatUint(uint64(v), 10))
		case 0x2041:
			text, val = strconv.FormatUint(uint64(v), 10), num("prism.did.mactime", "MAC timestamp (lower 32 bits)", strconv.FormatUint(uint64(v), 10))
		case 0x3041:
			text, val = strconv.FormatUint(uint64(v), 10), num("prism.did.channel", "Channel", strconv.FormatUint(uint64(v), 10))
		case 0x4041:
			text, val = strconv.Itoa(int(int32(v))), num("prism.did.rssi", "RSSI", strconv.Itoa(int(int32(v))))
		case 0x5041:
			text, val = fmt.Sprintf("0x%x", v), num("prism.did.sq", "Signal Quality", strconv.FormatUint(uint64(v), 10))
		case 0x6041:
			text, val = fmt.Sprintf("0x%x", v), num("prism.did.signal", "Signal", strconv.Itoa(int(int32(v))))
		case 0x7041:
			text, val = fmt.Sprintf("0x%x", v), num("prism.did.noise", "Noise", strconv.Itoa(int(int32(v))))
		case 0x8041:
			text, val = prismRate(v)+" Mb/s", num("prism.did.rate", "Data rate (Mb/s)", prismRate(v))
		case 0x9041:
			kind := "Rx Packet"
			if v != 0 {
				kind = "Tx Packet"
			}
			text, val = fmt.Sprintf("0x%x", v), num("prism.did.istx", "IsTX", fmt.Sprintf("%s (0x%08x)", kind, v))
		case 0xa041:
			text, val = strconv.FormatUint(uint64(v), 10), num("prism.did.frmlen", "Frame Length", strconv.FormatUint(uint64(v), 10))
		default:
			text, val = "", num("prism.did.unknown", "Unknown DID Field", fmt.Sprintf("%d (0x%08x)", v, v))
		}
		label := "DID " + name
		kids := []Field{
			UintField("prism.did.type", fmt.Sprintf("DID: %s (0x%08x)", name, did), at, 4, uint64(did)),
			UintField("prism.did.status", fmt.Sprintf("Status: %s (%d)", status, st), at+4, 2, uint64(st)),
			UintField("prism.did.length", fmt.Sprintf("Length: %d", n), at+6, 2, uint64(n)),
		}
		if st != 1 {
			// an item the driver did not supply has no value
			kids = append(kids, val)
			if text != "" {
				label += " " + text
			}
		}
		f.Children = append(f.Children, Field{Name: "prism.did", Label: label, Start: at, Len: 12, Children: kids})
	}
	d.out = append(d.out, f)
	if len(b) < prismHeaderLen {
		d.malformed(len(b))
		return
	}
	d.wlan(prismHeaderLen, len(b), false)
}

// AVS header values as packet-ieee80211-wlancap.c names them.
var (
	avsPHYs = map[uint32]string{1: "FHSS 802.11 '97", 2: "DSSS 802.11 '97", 3: "IR Baseband", 4: "DSSS 802.11b",
		5: "PBCC 802.11b", 6: "OFDM 802.11g", 7: "PBCC 802.11g", 8: "OFDM 802.11a"}
	avsSSITypes  = map[uint32]string{0: "None", 1: "Normalized RSSI", 2: "dBm", 3: "Raw RSSI"}
	avsPreambles = map[uint32]string{0: "Unknown", 1: "Short", 2: "Long"}
	avsEncodings = map[uint32]string{0: "Unknown", 1: "CCK", 2: "PBCC", 3: "OFDM", 4: "DSSS-OFDM", 5: "BPSK", 6: "QPSK", 7: "16QAM", 8: "64QAM"}
)

// avsNamed is "Title: Name (v)", or Unknown for a value with no name.
func avsNamed(title string, names map[uint32]string, v uint32) string {
	n, ok := names[v]
	if !ok {
		n = "Unknown"
	}
	return fmt.Sprintf("%s: %s (%d)", title, n, v)
}

// avs is the details tree of an AVS header (revisions 1 and 2), then of
// the 802.11 frame after the header's length.
func (d *dissector) avs() {
	b := d.data
	n := avsLen(b)
	f := Field{Name: "wlancap", Label: "AVS WLAN Capture header", Len: len(b), Kind: FieldProto}
	if n > 0 {
		f.Len = n
	}
	be := func(at int) uint32 { return binary.BigEndian.Uint32(b[at:]) }
	add := func(at, size int, mk func() Field) {
		if d.has(at, size) {
			f.Children = append(f.Children, mk())
		}
	}
	add(0, 4, func() Field {
		m := be(0)
		return Field{Name: "wlancap.magic", Label: bitString(m, 32, 0xfffffff0) + fmt.Sprintf(" = Header magic: 0x%x", m>>4), Start: 0, Len: 4, Kind: FieldUint, Num: uint64(m >> 4)}
	})
	add(0, 4, func() Field {
		return UintField("wlancap.version", bitString(be(0), 32, 0xf)+fmt.Sprintf(" = Header revision: %d", be(0)&0xf), 0, 4, uint64(be(0)&0xf))
	})
	add(4, 4, func() Field {
		return UintField("wlancap.length", fmt.Sprintf("Header length: %d", be(4)), 4, 4, uint64(be(4)))
	})
	add(8, 8, func() Field {
		v := binary.BigEndian.Uint64(b[8:])
		return UintField("wlancap.mactime", fmt.Sprintf("MAC timestamp: %d", v), 8, 8, v)
	})
	add(16, 8, func() Field {
		v := binary.BigEndian.Uint64(b[16:])
		return UintField("wlancap.hosttime", fmt.Sprintf("Host timestamp: %d", v), 16, 8, v)
	})
	var phy uint32
	add(24, 4, func() Field {
		phy = be(24)
		return UintField("wlancap.phytype", avsNamed("PHY type", avsPHYs, phy), 24, 4, uint64(phy))
	})
	if phy == 1 {
		for i, name := range []string{"fhss.hop_set", "fhss.hop_pattern", "fhss.hop_index"} {
			title := map[int]string{0: "Hop set", 1: "Hop pattern", 2: "Hop index"}[i]
			add(28+i, 1, func() Field {
				return UintField("wlancap."+name, fmt.Sprintf("%s: 0x%02x", title, b[28+i]), 28+i, 1, uint64(b[28+i]))
			})
		}
	} else {
		add(28, 4, func() Field {
			return UintField("wlancap.channel", fmt.Sprintf("Channel: %d", be(28)), 28, 4, uint64(be(28)))
		})
	}
	add(32, 4, func() Field {
		r := be(32)
		return UintField("wlancap.data_rate", fmt.Sprintf("Data Rate: %d.%d Mb/s", r/10, r%10), 32, 4, uint64(r)*100000)
	})
	add(36, 4, func() Field {
		return UintField("wlancap.antenna", fmt.Sprintf("Antenna: %d", be(36)), 36, 4, uint64(be(36)))
	})
	add(40, 4, func() Field {
		return UintField("wlancap.priority", fmt.Sprintf("Priority: %d", be(40)), 40, 4, uint64(be(40)))
	})
	var ssi uint32
	add(44, 4, func() Field {
		ssi = be(44)
		return UintField("wlancap.ssi_type", avsNamed("SSI Type", avsSSITypes, ssi), 44, 4, uint64(ssi))
	})
	if d.has(52, 4) {
		switch ssi {
		case 1:
			f.Children = append(f.Children,
				UintField("wlancap.normrssi_antsignal", fmt.Sprintf("Normalized RSSI Signal: %d", be(48)), 48, 4, uint64(be(48))),
				UintField("wlancap.normrssi_antnoise", fmt.Sprintf("Normalized RSSI Noise: %d", be(52)), 52, 4, uint64(be(52))))
		case 2:
			f.Children = append(f.Children,
				UintField("wlancap.dbm_antsignal", fmt.Sprintf("SSI Signal (dBm): %d", int32(be(48))), 48, 4, uint64(be(48))),
				UintField("wlancap.dbm_antnoise", fmt.Sprintf("SSI Noise (dBm): %d", int32(be(52))), 52, 4, uint64(be(52))))
		case 3:
			f.Children = append(f.Children,
				UintField("wlancap.rawrssi_antsignal", fmt.Sprintf("Raw RSSI Signal: %d", be(48)), 48, 4, uint64(be(48))),
				UintField("wlancap.rawrssi_antnoise", fmt.Sprintf("Raw RSSI Noise: %d", be(52)), 52, 4, uint64(be(52))))
		}
	}
	add(56, 4, func() Field {
		return UintField("wlancap.preamble", avsNamed("Preamble", avsPreambles, be(56)), 56, 4, uint64(be(56)))
	})
	add(60, 4, func() Field {
		return UintField("wlancap.encoding", avsNamed("Encoding Type", avsEncodings, be(60)), 60, 4, uint64(be(60)))
	})
	d.out = append(d.out, f)
	if !avsOK(b) {
		d.malformed(len(b))
		return
	}
	d.wlan(n, len(b), false)
}
