package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// IEEE 802.11 frames that carry no network packet: management frames
// (beacons, probes, authentication, (re)association, deauthentication,
// disassociation, action), control frames (RTS, CTS, ACK, Block Ack and its
// request, PS-Poll, CF-End) and data frames whose body ladder cannot read
// (Null, QoS Null, protected). The Protocol column reads "802.11" and the
// Info text is packet-ieee80211.c's: the frame's name, ", SN=, FN=" for
// frames with a sequence control field, ", Flags=" with the frame-control
// flags (and C when an FCS follows), a beacon's interval and the first SSID.
//
// Hand-written: gopacket's Dot11 layer assumes every frame ends with an FCS
// (it cuts four bytes off a frame without one and refuses a 10-byte ACK),
// keeps no offsets for the details pane and names frame types in its own
// words. gopacket's Dot11InformationElement reads the tagged parameters.
// The 802.11 MAC header of a data frame that does carry a packet is read
// by the same wlanHeader for the details pane (details_tunnel.go).

// IEEE 802.11 frame types (frame control bits 2-3, IEEE 802.11-2020 §9.2.4.1.3).
const (
	wlanTypeMgmt = 0
	wlanTypeCtrl = 1
	wlanTypeData = 2
	wlanTypeExt  = 3
)

// Frame control flag bits beyond those wlan.go names.
const (
	wlanMoreFrag = 0x04
	wlanRetry    = 0x08
	wlanPwrMgt   = 0x10
	wlanMoreData = 0x20
)

// Management frame subtypes (IEEE 802.11-2020 table 9-1).
const (
	wlanAssocReq         = 0
	wlanAssocResp        = 1
	wlanReassocReq       = 2
	wlanReassocResp      = 3
	wlanProbeReq         = 4
	wlanProbeResp        = 5
	wlanMeasurementPilot = 6
	wlanMgmtReserved     = 7
	wlanBeacon           = 8
	wlanATIM             = 9
	wlanDisassoc         = 10
	wlanAuth             = 11
	wlanDeauth           = 12
	wlanAction           = 13
	wlanActionNoAck      = 14
	wlanAruba            = 15
)

// Control frame subtypes.
const (
	wlanBFReportPoll = 4
	wlanBlockAckReq  = 8
	wlanBlockAck     = 9
	wlanPSPoll       = 10
	wlanRTS          = 11
	wlanCTS          = 12
	wlanACK          = 13
	wlanCFEnd        = 14
	wlanCFEndAck     = 15
)

// Information element IDs ladder labels (IEEE 802.11-2020 table 9-92).
const (
	wlanTagSSID       = 0
	wlanTagRates      = 1
	wlanTagDS         = 3
	wlanTagTIM        = 5
	wlanTagERP        = 42
	wlanTagHTCaps     = 45
	wlanTagRSN        = 48
	wlanTagExtRates   = 50
	wlanTagHTInfo     = 61
	wlanTagVendor     = 221
	wlanCategoryBlock = 3 // action category Block Ack
)

var wlanDissector = &Dissector{
	Name:    "wlan",
	Dissect: dissectWLAN,
	Fields: []FieldDef{
		{Name: "wlan.fc.type_subtype", Desc: "Type/Subtype", Kind: FieldUint, Bits: 16},
		{Name: "wlan.fc.type", Desc: "Frame type", Kind: FieldUint, Bits: 8},
		{Name: "wlan.fc.subtype", Desc: "Frame subtype", Kind: FieldUint, Bits: 8},
		{Name: "wlan.flags", Desc: "Frame control flags", Kind: FieldUint, Bits: 8},
		{Name: "wlan.fc.retry", Desc: "Retry", Kind: FieldBool},
		{Name: "wlan.fc.protected", Desc: "Protected flag", Kind: FieldBool},
		{Name: "wlan.duration", Desc: "Duration", Kind: FieldUint, Bits: 16},
		{Name: "wlan.seq", Desc: "Sequence number", Kind: FieldUint, Bits: 16},
		{Name: "wlan.frag", Desc: "Fragment number", Kind: FieldUint, Bits: 8},
		{Name: "wlan.mgt", Desc: "IEEE 802.11 Wireless Management", Kind: FieldProto},
		{Name: "wlan.ssid", Desc: "SSID", Kind: FieldBytes},
		{Name: "wlan.tag.number", Desc: "Tag number", Kind: FieldUint, Bits: 8},
		{Name: "wlan.fixed.beacon", Desc: "Beacon interval", Kind: FieldUint, Bits: 16},
		{Name: "wlan.fixed.reason_code", Desc: "Reason code", Kind: FieldUint, Bits: 16},
		{Name: "wlan.fixed.status_code", Desc: "Status code", Kind: FieldUint, Bits: 16},
		{Name: "wlan.fixed.auth.alg", Desc: "Authentication algorithm", Kind: FieldUint, Bits: 16},
		{Name: "wlan.ds.current_channel", Desc: "Current channel", Kind: FieldUint, Bits: 8},
		{Name: "wlan.ra", Desc: "Receiver address", Kind: FieldEther},
		{Name: "wlan.ta", Desc: "Transmitter address", Kind: FieldEther},
		{Name: "wlan.da", Desc: "Destination address", Kind: FieldEther},
		{Name: "wlan.sa", Desc: "Source address", Kind: FieldEther},
		{Name: "wlan.bssid", Desc: "BSS Id", Kind: FieldEther},
		{Name: "wlan.staa", Desc: "STA address", Kind: FieldEther},
		{Name: "wlan.addr", Desc: "any of the header's addresses (WLANAddrs)", Kind: FieldEther},
		{Name: "radiotap", Desc: "Radiotap header", Kind: FieldProto},
		{Name: "radiotap.length", Desc: "Radiotap header length", Kind: FieldUint, Bits: 16},
	},
}

// WLANAddrs appends the 802.11 header addresses of a tree, each address
// slot once (the receiver address is also the destination in a management
// frame): tshark's wlan.addr, which holds every address the header carries.
func WLANAddrs(tree []Field, dst []uint64) []uint64 {
	seen := map[int]bool{}
	var walk func(fs []Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			if f.Kind == FieldEther && strings.HasPrefix(f.Name, "wlan.") && !seen[f.Start] {
				seen[f.Start] = true
				dst = append(dst, f.Num)
			}
			walk(f.Children)
		}
	}
	walk(tree)
	return dst
}

// macNum is a MAC address as a number, as display filters compare it.
func macNum(b []byte) uint64 {
	var v uint64
	for _, c := range b[:6] {
		v = v<<8 | uint64(c)
	}
	return v
}

// LinkTree is the details tree of a packet's link, network and transport
// layers alone (no frame line, no application layers): what a display
// filter reads for layers the index does not keep, such as the 802.11
// header of a frame that carries a packet.
func LinkTree(link uint16, data []byte, origLen uint32) []Field {
	return dissect(link, data, origLen, tcpContext{stream: -1})
}

func init() { RegisterWLAN(wlanDissector) }

var wlanMgmtNames = [16]string{"Association Request", "Association Response", "Reassociation Request",
	"Reassociation Response", "Probe Request", "Probe Response", "Measurement Pilot", "", "Beacon frame", "ATIM",
	"Disassociate", "Authentication", "Deauthentication", "Action", "Action No Ack", "Aruba Management"}

var wlanCtrlNames = [16]string{2: "Trigger", 4: "Beamforming Report Poll", 5: "VHT/HE NDP Announcement",
	6: "Control Frame Extension", 7: "Control Wrapper", 8: "802.11 Block Ack Req",
	9: "802.11 Block Ack", 10: "Power-Save poll", 11: "Request-to-send", 12: "Clear-to-send", 13: "Acknowledgement",
	14: "CF-End (Control-frame)", 15: "CF-End + CF-Ack (Control-frame)"}

var wlanDataNames = [16]string{"Data", "Data + CF-Ack", "Data + CF-Poll", "Data + CF-Ack + CF-Poll",
	"Null function (No data)", "Acknowledgement (No data)", "CF-Poll (No data)", "CF-Ack/Poll (No data)", "QoS Data",
	"QoS Data + CF-Acknowledgment", "QoS Data + CF-Poll", "QoS Data + CF-Ack + CF-Poll", "QoS Null function (No data)",
	"", "QoS CF-Poll (No Data)", "QoS CF-Ack + CF-Poll (No data)"}

// wlanReserved is tshark's name for a frame type it has no name for.
const wlanReserved = "Unrecognized (Reserved frame)"

// wlanFrameName names a frame by its type and subtype as tshark's Info
// column does (wlanControlName adds what control frames' bodies tell); ok
// is false for the extension type.
func wlanFrameName(typ, sub int) (name string, ok bool) {
	switch typ {
	case wlanTypeMgmt:
		name = wlanMgmtNames[sub]
	case wlanTypeData:
		name = wlanDataNames[sub]
	case wlanTypeCtrl:
		name = wlanCtrlNames[sub]
	default:
		return "", false
	}
	if name == "" {
		name = wlanReserved
	}
	return name, true
}

// wlanHeaderLen is the length of the MAC header of a frame of this type,
// subtype and flags (IEEE 802.11-2020 §9.3): the part tshark's "IEEE
// 802.11" layer spans.
func wlanHeaderLen(typ, sub int, flags byte) int {
	switch typ {
	case wlanTypeMgmt:
		if flags&wlanOrder != 0 {
			return 28
		}
		return 24
	case wlanTypeCtrl:
		switch sub {
		case wlanCTS, wlanACK, 7:
			return 10
		}
		return 16
	}
	n := 24
	if flags&(wlanToDS|wlanFromDS) == wlanToDS|wlanFromDS {
		n = 30
	}
	if sub&8 != 0 {
		n += 2
		if flags&wlanOrder != 0 {
			n += 4
		}
	}
	return n
}

// wlanFlags is the flag summary of tshark's Info column and layer label:
// one character per frame-control flag from Order down to To DS, then C
// when the frame carries an FCS.
func wlanFlags(flags byte, fcs bool) string {
	const sym = "opmPRMFT"
	b := make([]byte, 8, 9)
	for i := range 8 {
		b[i] = '.'
		if flags>>(7-i)&1 != 0 {
			b[i] = sym[i]
		}
	}
	if fcs {
		b = append(b, 'C')
	}
	return string(b)
}

// wlanMalformed is the text tshark appends to Info when a field runs past
// the frame (malformedMark) or an element's length past its
// container (a ContainedBoundsError).
const (
	wlanMalformed        = malformedMark
	wlanMalformedContain = "[Malformed Packet: length of contained item exceeds length of containing item]"
)

func dissectWLAN(p *PDU, out *Out) bool {
	b := p.Data
	var fcs []byte
	if p.FCS {
		if len(b) < 4 {
			out.SetProto("802.11")
			out.SetInfo(wlanMalformed)
			return true
		}
		b, fcs = b[:len(b)-4], b[len(b)-4:]
	}
	out.SetProto("802.11")
	if len(b) < 2 {
		out.SetInfo(wlanMalformed)
		return true
	}
	typ, sub, flags := int(b[0]>>2&3), int(b[0]>>4), b[1]
	if typ == wlanTypeCtrl || typ == wlanTypeExt {
		return dissectWLANControl(b, typ, sub, fcs, p.FCS, out)
	}
	name, _ := wlanFrameName(typ, sub)
	hdr := wlanHeaderLen(typ, sub, flags)
	var info strings.Builder
	info.WriteString(name)
	if len(b) < hdr {
		info.WriteString(wlanMalformed)
		out.SetInfo(info.String())
		if out.WantTree {
			out.Add(Field{Name: "wlan", Label: "IEEE 802.11 " + name, Len: len(b), Kind: FieldProto, Children: wlanFCFields(b)})
		}
		return true
	}
	if typ != wlanTypeCtrl {
		sc := binary.LittleEndian.Uint16(b[22:])
		fmt.Fprintf(&info, ", SN=%d, FN=%d", sc>>4, sc&15)
	}
	info.WriteString(", Flags=")
	info.WriteString(wlanFlags(flags, p.FCS))
	var layer Field
	if out.WantTree {
		layer = wlanHeader(b, hdr, p.FCS)
		layer.Children = append(layer.Children, wlanFCSFields(fcs, len(b))...)
	}
	switch typ {
	case wlanTypeMgmt:
		mgt, more := wlanManagement(b[hdr:], hdr, sub, out.WantTree)
		info.WriteString(more)
		if out.WantTree {
			out.Add(layer)
			out.Add(mgt)
		}
	default:
		if out.WantTree {
			if flags&wlanProtected != 0 && hdr+4 <= len(b) {
				// the security header: a 4-byte IV, 8 with the extended IV
				// (TKIP, CCMP, GCMP), which tshark counts in the layer
				n := 4
				if b[hdr+3]&0x20 != 0 {
					n = 8
				}
				if hdr+n <= len(b) {
					layer.Len = hdr + n
					layer.Children = append(layer.Children, Field{Label: "Security parameters", Start: hdr, Len: n, Children: []Field{
						UintField("wlan.wep.key", fmt.Sprintf("Key Index: %d", b[hdr+3]>>6), hdr+3, 1, uint64(b[hdr+3]>>6)),
					}})
				}
			}
			out.Add(layer)
		}
	}
	out.SetInfo(info.String())
	return true
}

// wlanFCSFields are the frame check sequence lines of a frame whose FCS
// (nil when it has none) follows n bytes.
func wlanFCSFields(fcs []byte, n int) []Field {
	if fcs == nil {
		return nil
	}
	v := binary.LittleEndian.Uint32(fcs)
	return []Field{
		UintField("wlan.fcs", fmt.Sprintf("Frame check sequence: 0x%08x [unverified]", v), n, 4, uint64(v)),
		{Name: "wlan.fcs.status", Label: "FCS Status: Unverified", Start: n},
	}
}

// dissectWLANControl reads a control frame or one of the extension type
// (b without its FCS): the name and flags of Info, or tshark's malformed
// mark in place of the flags when the frame ends before its fields do
// (wlanControlNeed). A Control Wrapper too short for its own header reads
// only the mark; DMG and S1G beacons are not read.
func dissectWLANControl(b []byte, typ, sub int, fcs []byte, hasFCS bool, out *Out) bool {
	flags := b[1]
	name, need := wlanReserved, 10
	switch {
	case typ == wlanTypeExt && sub < 2:
		out.SetProto("")
		return false
	case typ == wlanTypeCtrl && sub == wlanCtrlWrapper && len(b) < 16:
		name, need = "", 16
	case typ == wlanTypeCtrl:
		name, need = wlanControlName(b, sub), wlanControlNeed(b, sub)
		if sub == wlanCtrlExt {
			flags &= 0xf0 // bits 8-11 are the extension subtype
		}
	}
	layerName, _ := wlanFrameName(typ, sub)
	if layerName == "" {
		layerName = wlanReserved
	}
	if len(b) < need {
		out.SetInfo(name + wlanMalformed)
		if out.WantTree {
			out.Add(Field{Name: "wlan", Label: "IEEE 802.11 " + layerName, Len: len(b), Kind: FieldProto, Children: wlanFCFields(b)})
		}
		return true
	}
	out.SetInfo(name + ", Flags=" + wlanFlags(flags, hasFCS))
	if out.WantTree {
		layer := Field{Name: "wlan", Label: "IEEE 802.11 " + layerName + ", Flags: " + wlanFlags(flags, hasFCS), Len: len(b), Kind: FieldProto, Children: wlanFCFields(b)}
		if hdr := wlanHeaderLen(typ, sub, b[1]); typ == wlanTypeCtrl && len(b) >= hdr {
			layer = wlanHeader(b, hdr, hasFCS)
			layer.Children = append(layer.Children, wlanControlBody(b, sub)...)
		}
		layer.Children = append(layer.Children, wlanFCSFields(fcs, len(b))...)
		out.Add(layer)
	}
	return true
}

// wlanHeader builds the "IEEE 802.11" layer of a frame's MAC header (hdr
// bytes of b): frame control, duration, the addresses under the names
// their position and the DS bits give them, sequence control and QoS
// control, as tshark labels them.
func wlanHeader(b []byte, hdr int, fcs bool) Field {
	typ, sub, flags := int(b[0]>>2&3), int(b[0]>>4), b[1]
	name, ok := wlanFrameName(typ, sub)
	if !ok {
		name = wlanReserved
	}
	ds := flags & (wlanToDS | wlanFromDS)
	f := Field{Name: "wlan", Label: "IEEE 802.11 " + name + ", Flags: " + wlanFlags(flags, fcs), Len: hdr, Kind: FieldProto, Children: wlanFCFields(b)}
	dur := binary.LittleEndian.Uint16(b[2:])
	if typ == wlanTypeCtrl && sub == wlanPSPoll {
		f.Children = append(f.Children, UintField("wlan.aid", fmt.Sprintf("%s = Association ID: %d", bitString(uint32(dur), 16, 0x3fff), dur&0x3fff), 2, 2, uint64(dur&0x3fff)))
	} else {
		f.Children = append(f.Children, UintField("wlan.duration", fmt.Sprintf("%s = Duration: %d microseconds", bitString(uint32(dur), 16, 0x7fff), dur&0x7fff), 2, 2, uint64(dur&0x7fff)))
	}
	addr := func(fname, label string, at int) Field {
		return Field{Name: fname, Label: label + ": " + macString(b[at:at+6]), Start: at, Len: 6, Kind: FieldEther, Num: macNum(b[at : at+6])}
	}
	switch typ {
	case wlanTypeCtrl:
		switch sub {
		case wlanCTS, wlanACK:
			f.Children = append(f.Children, addr("wlan.ra", "Receiver address", 4))
		case wlanPSPoll:
			f.Children = append(f.Children, addr("wlan.ra", "Receiver address", 4), addr("wlan.bssid", "BSS Id", 4), addr("wlan.ta", "Transmitter address", 10))
		case wlanCFEnd, wlanCFEndAck:
			f.Children = append(f.Children, addr("wlan.ra", "Receiver address", 4), addr("wlan.bssid", "BSS Id", 10))
		case 7:
			f.Children = append(f.Children, addr("wlan.ra", "Receiver address", 4))
		default:
			f.Children = append(f.Children, addr("wlan.ra", "Receiver address", 4), addr("wlan.ta", "Transmitter address", 10))
		}
		return f
	case wlanTypeMgmt:
		f.Children = append(f.Children, addr("wlan.ra", "Receiver address", 4), addr("wlan.da", "Destination address", 4),
			addr("wlan.ta", "Transmitter address", 10), addr("wlan.sa", "Source address", 10), addr("wlan.bssid", "BSS Id", 16))
	default:
		f.Children = append(f.Children, addr("wlan.ra", "Receiver address", 4), addr("wlan.ta", "Transmitter address", 10))
		switch ds {
		case wlanToDS:
			f.Children = append(f.Children, addr("wlan.da", "Destination address", 16), addr("wlan.sa", "Source address", 10),
				addr("wlan.bssid", "BSS Id", 4), addr("wlan.staa", "STA address", 10))
		case wlanFromDS:
			f.Children = append(f.Children, addr("wlan.da", "Destination address", 4), addr("wlan.sa", "Source address", 16),
				addr("wlan.bssid", "BSS Id", 10), addr("wlan.staa", "STA address", 4))
		case wlanToDS | wlanFromDS:
			f.Children = append(f.Children, addr("wlan.da", "Destination address", 16), addr("wlan.sa", "Source address", 24))
		default:
			f.Children = append(f.Children, addr("wlan.da", "Destination address", 4), addr("wlan.sa", "Source address", 10))
		}
	}
	sc := binary.LittleEndian.Uint16(b[22:])
	f.Children = append(f.Children,
		UintField("wlan.frag", fmt.Sprintf("%s = Fragment number: %d", bitString(uint32(sc), 16, 0x000f), sc&0xf), 22, 2, uint64(sc&0xf)),
		UintField("wlan.seq", fmt.Sprintf("%s = Sequence number: %d", bitString(uint32(sc), 16, 0xfff0), sc>>4), 22, 2, uint64(sc>>4)))
	if typ == wlanTypeData && sub&8 != 0 {
		at := 24
		if ds == wlanToDS|wlanFromDS {
			at = 30
		}
		q := binary.LittleEndian.Uint16(b[at:])
		f.Children = append(f.Children, Field{Name: "wlan.qos", Label: fmt.Sprintf("Qos Control: 0x%04x", q), Start: at, Len: 2, Kind: FieldUint, Num: uint64(q), Children: []Field{
			UintField("wlan.qos.tid", fmt.Sprintf("%s = TID: %d", bitString(uint32(q), 16, 0x000f), q&0xf), at, 2, uint64(q&0xf)),
		}})
	}
	return f
}

// wlanFCFields are the Type/Subtype line and the frame control field's
// subtree of the frame at b (at least 2 bytes).
func wlanFCFields(b []byte) []Field {
	typ, sub, flags := int(b[0]>>2&3), int(b[0]>>4), b[1]
	name, ok := wlanFrameName(typ, sub)
	if !ok {
		name = wlanReserved
	}
	ts := typ<<4 | sub
	fc := uint32(b[0])<<8 | uint32(b[1])
	bit := func(fname string, mask byte, label, set, clear string) Field {
		v := clear
		if flags&mask != 0 {
			v = set
		}
		return Field{Name: fname, Label: bitString(uint32(flags), 8, uint32(mask)) + " = " + label + ": " + v, Start: 1, Len: 1,
			Kind: FieldBool, Num: uint64(flags&mask) / uint64(mask)}
	}
	ds := flags & (wlanToDS | wlanFromDS)
	return []Field{
		UintField("wlan.fc.type_subtype", fmt.Sprintf("Type/Subtype: %s (0x%04x)", wlanSubtypeLabel(name), ts), 0, 1, uint64(ts)),
		{Name: "wlan.fc", Label: fmt.Sprintf("Frame Control Field: 0x%04x", fc), Len: 2, Children: []Field{
			UintField("wlan.fc.version", fmt.Sprintf("%s = Version: %d", bitString(uint32(b[0]), 8, 3), b[0]&3), 0, 1, uint64(b[0]&3)),
			UintField("wlan.fc.type", fmt.Sprintf("%s = Type: %s (%d)", bitString(uint32(b[0]), 8, 0x0c), wlanTypeNames[typ], typ), 0, 1, uint64(typ)),
			UintField("wlan.fc.subtype", fmt.Sprintf("%s = Subtype: %d", bitString(uint32(b[0]), 8, 0xf0), sub), 0, 1, uint64(sub)),
			{Name: "wlan.flags", Label: fmt.Sprintf("Flags: 0x%02x", flags), Start: 1, Len: 1, Kind: FieldUint, Num: uint64(flags), Children: []Field{
				UintField("wlan.fc.ds", fmt.Sprintf("%s = DS status: %s (0x%x)", bitString(uint32(flags), 8, 3), wlanDSNames[ds], ds), 1, 1, uint64(ds)),
				bit("wlan.fc.frag", wlanMoreFrag, "More Fragments", "More fragments follow", "This is the last fragment"),
				bit("wlan.fc.retry", wlanRetry, "Retry", "Frame is being retransmitted", "Frame is not being retransmitted"),
				bit("wlan.fc.pwrmgt", wlanPwrMgt, "PWR MGT", "STA will go to sleep", "STA will stay up"),
				bit("wlan.fc.moredata", wlanMoreData, "More Data", "Data is buffered for STA at AP", "No data buffered"),
				bit("wlan.fc.protected", wlanProtected, "Protected flag", "Data is protected", "Data is not protected"),
				bit("wlan.fc.order", wlanOrder, "+HTC/Order flag", "Strictly ordered", "Not strictly ordered"),
			}},
		}},
	}
}

// wlanSubtypeLabel is the frame's name in the Type/Subtype line, where
// tshark calls the types it has no name for "Unknown".
func wlanSubtypeLabel(name string) string {
	if name == wlanReserved {
		return "Unknown"
	}
	return name
}

var wlanTypeNames = [4]string{"Management frame", "Control frame", "Data frame", "Extension"}

var wlanDSNames = [4]string{
	"Not leaving DS or network is operating in AD-HOC mode (To DS: 0 From DS: 0)",
	"Frame from STA to DS via an AP (To DS: 1 From DS: 0)",
	"Frame from DS to a STA via AP(To DS: 0 From DS: 1)",
	"WDS (AP to AP) or Mesh (MP to MP) Frame (To DS: 1 From DS: 1)",
}

// wlanControlBody is the body of a Block Ack Request or Block Ack frame
// (IEEE 802.11-2020 §9.3.1.7-8): its control field and starting sequence
// number, and the bitmap of a compressed Block Ack.
func wlanControlBody(b []byte, sub int) []Field {
	if (sub != wlanBlockAckReq && sub != wlanBlockAck) || len(b) < 20 {
		return nil
	}
	ctl := binary.LittleEndian.Uint16(b[16:])
	if ctl>>1&0xf != 2 { // compressed Block Ack, the kind HT stations use
		return nil
	}
	ssc := binary.LittleEndian.Uint16(b[18:])
	title, n := "Compressed BlockAck Request", 4
	if sub == wlanBlockAck {
		title, n = "Compressed BlockAck Response", 12
	}
	if len(b) < 16+n {
		return nil
	}
	f := Field{Label: title, Start: 16, Len: n, Children: []Field{
		UintField("wlan.ba.control", fmt.Sprintf("Block Ack Control: 0x%04x", ctl), 16, 2, uint64(ctl)),
		{Name: "wlan.fixed.ssc", Label: fmt.Sprintf("Block Ack Starting Sequence Control (SSC): 0x%04x", ssc), Start: 18, Len: 2, Kind: FieldUint, Num: uint64(ssc), Children: []Field{
			UintField("wlan.fixed.ssc.fragment", fmt.Sprintf("%s = Fragment: %d", bitString(uint32(ssc), 16, 0x000f), ssc&0xf), 18, 2, uint64(ssc&0xf)),
			UintField("wlan.fixed.ssc.sequence", fmt.Sprintf("%s = Starting Sequence Number: %d", bitString(uint32(ssc), 16, 0xfff0), ssc>>4), 18, 2, uint64(ssc>>4)),
		}},
	}}
	if sub == wlanBlockAck {
		f.Children = append(f.Children, Field{Name: "wlan.ba.bm", Label: "Block Ack Bitmap: " + hex.EncodeToString(b[20:28]), Start: 20, Len: 8, Kind: FieldBytes, Str: string(b[20:28])})
	}
	return []Field{f}
}

// wlanFixedLen is the length of a management frame's fixed parameters
// before its elements (IEEE 802.11-2020 §9.3.3); -1 for action frames,
// whose fixed part depends on the category.
func wlanFixedLen(sub int) int {
	switch sub {
	case wlanBeacon, wlanProbeResp:
		return 12
	case wlanAssocReq:
		return 4
	case wlanAssocResp, wlanReassocResp, wlanAuth:
		return 6
	case wlanReassocReq:
		return 10
	case wlanDeauth, wlanDisassoc:
		return 2
	case wlanAction, wlanActionNoAck:
		return -1
	case wlanMeasurementPilot:
		return 21
	}
	return 0
}

// wlanManagement reads a management frame's body (at off in the frame):
// the "IEEE 802.11 Wireless Management" layer and the text tshark appends
// to Info (", BI=100, SSID=...", malformation marks).
func wlanManagement(body []byte, off, sub int, tree bool) (Field, string) {
	mgt := Field{Name: "wlan.mgt", Label: "IEEE 802.11 Wireless Management", Start: off, Len: len(body), Kind: FieldProto}
	var info strings.Builder
	switch sub {
	case wlanMgmtReserved:
		// tshark reads nothing of a reserved subtype's body
		return mgt, ""
	case wlanAruba:
		// two bytes of Aruba type, then data tshark does not read
		if len(body) < 2 {
			return mgt, wlanMalformed
		}
		return mgt, ""
	case wlanMeasurementPilot:
		// 21 bytes of fixed fields, the beacon interval at 9, then at
		// least one element
		if len(body) < 11 {
			return mgt, wlanMalformed
		}
		fmt.Fprintf(&info, ", BI=%d", binary.LittleEndian.Uint16(body[9:]))
		if len(body) <= 21 {
			return mgt, info.String() + wlanMalformed
		}
	}
	n := wlanFixedLen(sub)
	if n < 0 {
		n = wlanActionFixed(body, off, &mgt, &info, tree)
		if n < 0 {
			return mgt, info.String()
		}
	} else if n > 0 {
		fixed := Field{Name: "wlan.fixed.all", Label: fmt.Sprintf("Fixed parameters (%d bytes)", n), Start: off, Len: min(n, len(body))}
		if len(body) < n {
			mgt.Children = append(mgt.Children, fixed)
			info.WriteString(wlanMalformed)
			return mgt, info.String()
		}
		if tree {
			fixed.Children = wlanFixedFields(body, off, sub)
		}
		mgt.Children = append(mgt.Children, fixed)
		if sub == wlanBeacon || sub == wlanProbeResp {
			fmt.Fprintf(&info, ", BI=%d", binary.LittleEndian.Uint16(body[8:]))
		}
	}
	tags := body[n:]
	if len(tags) == 0 {
		return mgt, info.String()
	}
	all := Field{Name: "wlan.tagged.all", Label: fmt.Sprintf("Tagged parameters (%d bytes)", len(tags)), Start: off + n, Len: len(tags)}
	ssidSeen := false
	var ie layers.Dot11InformationElement
	for at := 0; at < len(tags); {
		if len(tags)-at < 2 {
			info.WriteString(wlanMalformed)
			break
		}
		id, l := int(tags[at]), int(tags[at+1])
		start := off + n + at
		if ie.DecodeFromBytes(tags[at:], gopacket.NilDecodeFeedback) != nil {
			// the element's length runs past the frame
			all.Children = append(all.Children, Field{Label: "Tag: " + wlanTagName(id), Start: start, Len: len(tags) - at, Children: []Field{
				UintField("wlan.tag.number", fmt.Sprintf("Tag Number: %s (%d)", wlanTagName(id), id), start, 1, uint64(id)),
				UintField("wlan.tag.length", fmt.Sprintf("Tag length: %d", l), start+1, 1, uint64(l)),
			}})
			info.WriteString(wlanMalformedContain)
			break
		}
		v := ie.Contents[2:]
		first := id == wlanTagSSID && !ssidSeen
		if first {
			ssidSeen = true
			info.WriteString(", SSID=")
			info.WriteString(wlanSSIDText(v, "Wildcard (Broadcast)"))
		}
		if tree {
			all.Children = append(all.Children, wlanTag(id, v, start, first))
		}
		at += 2 + l
	}
	mgt.Children = append(mgt.Children, all)
	return mgt, info.String()
}

// wlanActionFixed reads an action frame's category and, for the Block Ack
// category's ADDBA request and response, the dialog token that tshark
// appends to Info. It returns the fixed part's length, -1 when the frame
// ends inside it.
func wlanActionFixed(body []byte, off int, mgt *Field, info *strings.Builder, tree bool) int {
	if len(body) < 1 {
		info.WriteString(wlanMalformed)
		return -1
	}
	fixed := Field{Label: "Fixed parameters", Start: off, Len: len(body)}
	fixed.Children = append(fixed.Children, wlanCategoryField(body[0], off))
	n := len(body) // other categories' fields are not read: all of it is fixed parameters
	if body[0] == wlanCategoryBlock && len(body) >= 2 && body[1] <= 1 {
		if len(body) < 9 {
			info.WriteString(wlanMalformed)
			mgt.Children = append(mgt.Children, fixed)
			return -1
		}
		fmt.Fprintf(info, ", Dialog Token=%d", body[2])
		n = 9
		fixed.Len = 9
		if tree {
			name := "Add Block Ack Request"
			if body[1] == 1 {
				name = "Add Block Ack Response"
			}
			fixed.Children = append(fixed.Children,
				UintField("wlan.fixed.action_code", fmt.Sprintf("Action code: %s (0x%02x)", name, body[1]), off+1, 1, uint64(body[1])),
				UintField("wlan.fixed.dialog_token", fmt.Sprintf("Dialog token: 0x%02x", body[2]), off+2, 1, uint64(body[2])))
		}
	}
	mgt.Children = append(mgt.Children, fixed)
	return n
}

func wlanCategoryField(c byte, off int) Field {
	names := map[byte]string{0: "Spectrum Management", 1: "QoS", 3: "Block Ack", 4: "Public Action", 5: "Radio Measurement",
		7: "HT", 8: "SA Query", 10: "WNM", 126: "Vendor-specific Protected", 127: "Vendor Specific"}
	if name, ok := names[c]; ok && c == wlanCategoryBlock {
		return UintField("wlan.fixed.category_code", fmt.Sprintf("Category code: %s (%d)", name, c), off, 1, uint64(c))
	}
	// only the Block Ack category's label is checked against tshark
	return Field{Label: fmt.Sprintf("Category code: %d", c), Start: off, Len: 1}
}

var wlanStatusNames = map[uint16]string{0: "Successful", 1: "Unspecified failure"}

var wlanReasonNames = map[uint16]string{
	1: "Unspecified reason", 2: "Previous authentication no longer valid",
	3: "Deauthenticated because sending STA is leaving (or has left) the BSS", 4: "Disassociated due to inactivity",
	5: "Disassociated because AP is unable to handle all currently associated STAs",
	6: "Class 2 frame received from nonauthenticated STA", 7: "Class 3 frame received from nonassociated STA",
	8: "Disassociated because sending STA is leaving (or has left) BSS",
	9: "STA requesting (re)association is not authenticated with responding STA", 15: "4-way handshake timeout",
}

var wlanAuthAlgNames = map[uint16]string{0: "Open System", 1: "Shared key"}

// wlanFixedFields are the fixed parameters of a management frame other
// than an action frame; body holds at least wlanFixedLen(sub) bytes.
func wlanFixedFields(body []byte, off, sub int) []Field {
	u16 := func(at int) uint16 { return binary.LittleEndian.Uint16(body[at:]) }
	named := func(fname, label string, table map[uint16]string, at int) Field {
		v := u16(at)
		if name, ok := table[v]; ok {
			return UintField(fname, fmt.Sprintf("%s: %s (0x%04x)", label, name, v), off+at, 2, uint64(v))
		}
		// a value whose name ladder does not know: no filter name, so no
		// claim to tshark's label
		return Field{Label: fmt.Sprintf("%s: 0x%04x", label, v), Start: off + at, Len: 2}
	}
	capab := func(at int) Field {
		return UintField("wlan.fixed.capabilities", fmt.Sprintf("Capabilities Information: 0x%04x", u16(at)), off+at, 2, uint64(u16(at)))
	}
	aid := func(at int) Field {
		v := u16(at)
		return UintField("wlan.fixed.aid", fmt.Sprintf("%s = Association ID: 0x%04x", bitString(uint32(v), 16, 0x3fff), v&0x3fff), off+at, 2, uint64(v&0x3fff))
	}
	listen := func(at int) Field {
		return UintField("wlan.fixed.listen_ival", fmt.Sprintf("Listen Interval: 0x%04x", u16(at)), off+at, 2, uint64(u16(at)))
	}
	switch sub {
	case wlanBeacon, wlanProbeResp:
		ts := binary.LittleEndian.Uint64(body)
		bi := u16(8)
		return []Field{
			UintField("wlan.fixed.timestamp", fmt.Sprintf("Timestamp: %d", ts), off, 8, ts),
			UintField("wlan.fixed.beacon", fmt.Sprintf("Beacon Interval: %f [Seconds]", float64(bi)*1024/1e6), off+8, 2, uint64(bi)),
			capab(10),
		}
	case wlanAssocReq:
		return []Field{capab(0), listen(2)}
	case wlanReassocReq:
		return []Field{capab(0), listen(2), {Name: "wlan.fixed.current_ap", Label: "Current AP: " + macString(body[4:10]), Start: off + 4, Len: 6, Kind: FieldBytes, Str: string(body[4:10])}}
	case wlanAssocResp, wlanReassocResp:
		return []Field{capab(0), named("wlan.fixed.status_code", "Status code", wlanStatusNames, 2), aid(4)}
	case wlanAuth:
		alg := u16(0)
		f := Field{Label: fmt.Sprintf("Authentication Algorithm: %d", alg), Start: off, Len: 2}
		if name, ok := wlanAuthAlgNames[alg]; ok {
			f = UintField("wlan.fixed.auth.alg", fmt.Sprintf("Authentication Algorithm: %s (%d)", name, alg), off, 2, uint64(alg))
		}
		return []Field{f, UintField("wlan.fixed.auth_seq", fmt.Sprintf("Authentication SEQ: 0x%04x", u16(2)), off+2, 2, uint64(u16(2))),
			named("wlan.fixed.status_code", "Status code", wlanStatusNames, 4)}
	case wlanDeauth, wlanDisassoc:
		return []Field{named("wlan.fixed.reason_code", "Reason code", wlanReasonNames, 0)}
	}
	return nil
}

// wlanTagName names an element as tshark's Tag Number line does, for the
// elements ladder labels; "" for the others.
func wlanTagName(id int) string {
	switch id {
	case wlanTagSSID:
		return "SSID parameter set"
	case wlanTagRates:
		return "Supported Rates"
	case wlanTagDS:
		return "DS Parameter set"
	case wlanTagTIM:
		return "Traffic Indication Map (TIM)"
	case wlanTagERP:
		return "ERP Information"
	case wlanTagHTCaps:
		return "HT Capabilities (802.11n D1.10)"
	case wlanTagRSN:
		return "RSN Information"
	case wlanTagExtRates:
		return "Extended Supported Rates"
	case wlanTagHTInfo:
		return "HT Information (802.11n D1.10)"
	case wlanTagVendor:
		return "Vendor Specific"
	}
	return ""
}

// wlanTag is one element's subtree. first says it is the frame's first
// SSID element (tshark reads only that one).
func wlanTag(id int, v []byte, start int, first bool) Field {
	name := wlanTagName(id)
	if name == "" {
		return Field{Label: fmt.Sprintf("Tag: %d (%d bytes)", id, len(v)), Start: start, Len: 2 + len(v)}
	}
	f := Field{Name: "wlan.tag", Label: "Tag: " + name, Start: start, Len: 2 + len(v), Children: []Field{
		UintField("wlan.tag.number", fmt.Sprintf("Tag Number: %s (%d)", name, id), start, 1, uint64(id)),
		UintField("wlan.tag.length", fmt.Sprintf("Tag length: %d", len(v)), start+1, 1, uint64(len(v))),
	}}
	switch id {
	case wlanTagSSID:
		if !first {
			f.Name = ""
			break
		}
		s := wlanSSIDText(v, "Wildcard SSID")
		f.Label += ": " + s
		label := "SSID: " + s
		if len(v) == 0 {
			label = "SSID: <MISSING>"
		}
		f.Children = append(f.Children, Field{Name: "wlan.ssid", Label: label, Start: start + 2, Len: len(v), Kind: FieldBytes, Str: string(v)})
	case wlanTagRates, wlanTagExtRates:
		fname, title := "wlan.supported_rates", "Supported Rates"
		if id == wlanTagExtRates {
			fname, title = "wlan.extended_supported_rates", "Extended Supported Rates"
		}
		var sum strings.Builder
		for i, r := range v {
			rate, ok := wlanRate(r)
			if !ok {
				// a BSS membership selector: labelled by tshark in words ladder does not copy
				f.Name = ""
				return f
			}
			sum.WriteString(rate + ", ")
			f.Children = append(f.Children, UintField(fname, fmt.Sprintf("%s: %s (0x%02x)", title, rate, r), start+2+i, 1, uint64(r)))
		}
		f.Label += " " + sum.String() + "[Mbit/sec]"
	case wlanTagDS:
		if len(v) != 1 {
			f.Name = ""
			break
		}
		f.Label += fmt.Sprintf(": Current Channel: %d", v[0])
		f.Children = append(f.Children, UintField("wlan.ds.current_channel", fmt.Sprintf("Current Channel: %d", v[0]), start+2, 1, uint64(v[0])))
	case wlanTagTIM:
		if len(v) < 4 {
			f.Name = ""
			break
		}
		f.Label += fmt.Sprintf(": DTIM %d of %d bitmap", v[0], v[1])
		f.Children = append(f.Children,
			UintField("wlan.tim.dtim_count", fmt.Sprintf("DTIM count: %d", v[0]), start+2, 1, uint64(v[0])),
			UintField("wlan.tim.dtim_period", fmt.Sprintf("DTIM period: %d", v[1]), start+3, 1, uint64(v[1])))
	case wlanTagVendor:
		// tshark names the vendor and the element's type: not copied
		f.Name = ""
	}
	return f
}

// wlanRate renders a supported-rate byte in Mbit/s, "(B)" marking a basic
// rate; ok is false for a BSS membership selector (IEEE 802.11-2020
// §9.4.2.3), which tshark names instead.
func wlanRate(r byte) (string, bool) {
	v := int(r & 0x7f)
	if v >= 0x79 {
		return "", false
	}
	s := strconv.Itoa(v / 2)
	if v%2 != 0 {
		s += ".5"
	}
	if r&0x80 != 0 {
		s += "(B)"
	}
	return s, true
}

// wlanSSIDText shows an SSID as tshark does: quoted when it is printable
// UTF-8, else in hex; empty is the wildcard SSID (named by empty). The
// quoted text is also escaped for the terminal (a no-op for what tshark
// quotes, except characters a terminal must not see).
func wlanSSIDText(v []byte, empty string) string {
	if len(v) == 0 {
		return empty
	}
	if !utf8.Valid(v) {
		return hex.EncodeToString(v)
	}
	for _, r := range string(v) {
		if !unicode.IsPrint(r) && r != ' ' {
			return hex.EncodeToString(v)
		}
	}
	return `"` + Printable(string(v)) + `"`
}
