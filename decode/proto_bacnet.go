package decode

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// BACnet/IP (ASHRAE 135) on UDP 47808, in three layers as Wireshark shows
// them: BVLC (Annex J, packet-bvlc.c), the NPDU (clause 6, packet-bacnet.c,
// Protocol "BACnet-NPDU") and the APDU (clause 20, packet-bacapp.c,
// Protocol "BACnet-APDU"). The Info column is tshark 4.0's: the APDU type
// padded to 16 characters, the service and invoke id ("Confirmed-REQ
// readProperty[  1] "), then what the service's dissection writes there:
// every object identifier ("analog-input,0 ") and property identifier
// ("present-value ") it reads, who-Is' limits, a private transfer's vendor
// and service number. ReadPropertyMultiple writes nothing (packet-bacapp.c
// makes the column read-only for it). Segmented confirmed requests and
// Complex-ACKs read " (Message fragment N)" until the last segment, which
// reassembles them, reads "(Message Reassembled)" and the service's text.
// The details tree holds the BVLC and NPDU fields and the APDU's header,
// object identifiers, property identifiers and error fields (the tags' own
// lines are left out). Names are tshark's (bacnet_names.go, from
// `tshark -G values`). Services whose bodies are parsed for the Info column:
// who-Is, who-Has, i-Am, i-Have, COV and event notifications, subscribeCOV
// and subscribeCOVProperty, readProperty (and its ACK), writeProperty,
// readRange, atomicRead/WriteFile, create/deleteObject and the private
// transfers; others show only their name. BVLC for IPv6 (0x82) and BACnet/SC are not dissected.

const (
	portBACnet       = 47808
	bvlcTypeIPv4     = 0x81
	bvlcTypeIPv6     = 0x82
	bacappMaxSegKept = 64 // segments kept per conversation for reassembly
)

var bvlc = &Dissector{
	Name:    "bvlc",
	Dissect: dissectBVLC,
	Fields: []FieldDef{
		{Name: "bvlc", Desc: "BACnet Virtual Link Control", Kind: FieldProto},
		{Name: "bvlc.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "bvlc.function", Desc: "Function", Kind: FieldUint, Bits: 8},
		{Name: "bvlc.length", Desc: "BVLC-Length", Kind: FieldUint, Bits: 16},
		{Name: "bvlc.result", Desc: "Result", Kind: FieldUint, Bits: 16},
		{Name: "bvlc.bdt_ip", Desc: "IP", Kind: FieldIPv4},
		{Name: "bvlc.bdt_port", Desc: "Port", Kind: FieldUint, Bits: 16},
		{Name: "bvlc.bdt_mask", Desc: "Mask", Kind: FieldBytes},
		{Name: "bvlc.reg_ttl", Desc: "TTL", Kind: FieldUint, Bits: 16},
		{Name: "bvlc.fdt_ip", Desc: "IP", Kind: FieldIPv4},
		{Name: "bvlc.fdt_port", Desc: "Port", Kind: FieldUint, Bits: 16},
		{Name: "bvlc.fdt_ttl", Desc: "TTL", Kind: FieldUint, Bits: 16},
		{Name: "bvlc.fdt_timeout", Desc: "Timeout", Kind: FieldUint, Bits: 16},
		{Name: "bvlc.fwd_ip", Desc: "IP", Kind: FieldIPv4},
		{Name: "bvlc.fwd_port", Desc: "Port", Kind: FieldUint, Bits: 16},
		{Name: "bacnet", Desc: "Building Automation and Control Network NPDU", Kind: FieldProto},
		{Name: "bacnet.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "bacnet.control", Desc: "Control", Kind: FieldUint, Bits: 8},
		{Name: "bacnet.control_net", Desc: "NSDU contains", Kind: FieldBool},
		{Name: "bacnet.control_res1", Desc: "Reserved", Kind: FieldBool},
		{Name: "bacnet.control_dest", Desc: "Destination Specifier", Kind: FieldBool},
		{Name: "bacnet.control_res2", Desc: "Reserved", Kind: FieldBool},
		{Name: "bacnet.control_src", Desc: "Source specifier", Kind: FieldBool},
		{Name: "bacnet.control_expect", Desc: "Expecting Reply", Kind: FieldBool},
		{Name: "bacnet.control_prio_high", Desc: "Priority", Kind: FieldBool},
		{Name: "bacnet.control_prio_low", Desc: "Priority", Kind: FieldBool},
		{Name: "bacnet.dnet", Desc: "Destination Network Address", Kind: FieldUint, Bits: 16},
		{Name: "bacnet.dlen", Desc: "Destination MAC Layer Address Length", Kind: FieldUint, Bits: 8},
		{Name: "bacnet.dadr_eth", Desc: "Destination ISO 8802-3 MAC Address", Kind: FieldEther},
		{Name: "bacnet.dadr_mstp", Desc: "DADR", Kind: FieldUint, Bits: 8},
		{Name: "bacnet.dadr_tmp", Desc: "Unknown Destination MAC", Kind: FieldBytes},
		{Name: "bacnet.snet", Desc: "Source Network Address", Kind: FieldUint, Bits: 16},
		{Name: "bacnet.slen", Desc: "Source MAC Layer Address Length", Kind: FieldUint, Bits: 8},
		{Name: "bacnet.sadr_eth", Desc: "SADR", Kind: FieldEther},
		{Name: "bacnet.sadr_mstp", Desc: "SADR", Kind: FieldUint, Bits: 8},
		{Name: "bacnet.sadr_tmp", Desc: "Unknown Source MAC", Kind: FieldBytes},
		{Name: "bacnet.hopc", Desc: "Hop Count", Kind: FieldUint, Bits: 8},
		{Name: "bacnet.mesgtyp", Desc: "Network Layer Message Type", Kind: FieldUint, Bits: 8},
		{Name: "bacnet.vendor", Desc: "Vendor ID", Kind: FieldUint, Bits: 16},
		{Name: "bacnet.rejectreason", Desc: "Reject Reason", Kind: FieldUint, Bits: 8},
		{Name: "bacapp", Desc: "Building Automation and Control Network APDU", Kind: FieldProto},
		{Name: "bacapp.type", Desc: "APDU Type", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.pduflags", Desc: "PDU Flags", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.segmented_request", Desc: "Segmented Request", Kind: FieldBool},
		{Name: "bacapp.more_segments", Desc: "More Segments", Kind: FieldBool},
		{Name: "bacapp.SA", Desc: "SA", Kind: FieldBool},
		{Name: "bacapp.NAK", Desc: "NAK", Kind: FieldBool},
		{Name: "bacapp.SRV", Desc: "SRV", Kind: FieldBool},
		{Name: "bacapp.response_segments", Desc: "Max Response Segments accepted", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.max_adpu_size", Desc: "Size of Maximum ADPU accepted", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.invoke_id", Desc: "Invoke ID", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.sequence_number", Desc: "Sequence Number", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.window_size", Desc: "Proposed Window Size", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.confirmed_service", Desc: "Service Choice", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.unconfirmed_service", Desc: "Unconfirmed Service Choice", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.reject_reason", Desc: "Reject Reason", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.abort_reason", Desc: "Abort Reason", Kind: FieldUint, Bits: 8},
		{Name: "bacapp.error_class", Desc: "Error Class", Kind: FieldUint, Bits: 32},
		{Name: "bacapp.error_code", Desc: "Error Code", Kind: FieldUint, Bits: 32},
		{Name: "bacapp.objectType", Desc: "Object Type", Kind: FieldUint, Bits: 32},
		{Name: "bacapp.instance_number", Desc: "Instance Number", Kind: FieldUint, Bits: 32},
		{Name: "bacapp.property_identifier", Desc: "Property Identifier", Kind: FieldUint, Bits: 32},
		{Name: "bacapp.who_is.low_limit", Desc: "Device Instance Range Low Limit", Kind: FieldUint, Bits: 32},
		{Name: "bacapp.who_is.high_limit", Desc: "Device Instance Range High Limit", Kind: FieldUint, Bits: 32},
	},
}

func init() { RegisterUDP(bvlc, portBACnet) }

func bacName(m map[uint32]string, v uint32, unknown string) string {
	if s, ok := m[v]; ok {
		return s
	}
	return unknown
}

// bacLabel is a value_string tree line: "Name: text (v)".
func bacLabel(what string, m map[uint32]string, v uint32) string {
	return fmt.Sprintf("%s: %s (%d)", what, bacName(m, v, "Unknown"), v)
}

func dissectBVLC(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 || b[0] != bvlcTypeIPv4 && b[0] != bvlcTypeIPv6 {
		return false // packet-bvlc.c declines: plain UDP
	}
	out.SetProto("BVLC")
	out.SetInfo("BACnet Virtual Link Control")
	if b[0] == bvlcTypeIPv6 {
		return true // Annex U: not dissected here
	}
	if len(b) < 4 {
		out.AppendInfo("", malformedMark)
		return true
	}
	fn := b[1]
	bl := int(binary.BigEndian.Uint16(b[2:]))
	hdr := 4
	npdu := false
	switch fn {
	case 0x04:
		hdr, npdu = 10, true
	case 0x09, 0x0a, 0x0b:
		npdu = true
	case 0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x07, 0x08:
		hdr = bl
	}
	var f Field
	if out.WantTree {
		lenLabel := fmt.Sprintf("BVLC-Length: %d of %d bytes BACnet packet length", hdr, bl)
		if bl != len(b) {
			lenLabel = fmt.Sprintf("BVLC-Length: %d of %d bytes (invalid length - expected %d bytes)", hdr, bl, len(b))
		}
		f = Field{Name: "bvlc", Label: "BACnet Virtual Link Control", Len: min(max(hdr, 4), len(b)), Kind: FieldProto, Children: []Field{
			UintField("bvlc.type", "Type: BACnet/IP (Annex J) (0x81)", 0, 1, bvlcTypeIPv4),
			UintField("bvlc.function", fmt.Sprintf("Function: %s (0x%02x)", bacName(bvlcFunctions, uint32(fn), "Unknown"), fn), 1, 1, uint64(fn)),
			UintField("bvlc.length", lenLabel, 2, 2, uint64(hdr)),
		}}
	}
	if !npdu {
		out.AppendInfo("", fmt.Sprintf(" BVLC Function %s ", bacName(bvlcFunctions, uint32(fn), "unknown")))
		if out.WantTree {
			bvlcBody(&f, fn, b)
			out.Add(f)
		}
		return true
	}
	if len(b) < hdr {
		out.AppendInfo("", malformedMark)
		if out.WantTree {
			out.Add(f)
		}
		return true
	}
	if fn == 0x04 && out.WantTree {
		f.Children = append(f.Children,
			Field{Name: "bvlc.fwd_ip", Label: "IP: " + bacIPv4(b[4:8]), Start: 4, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[4:]))},
			UintField("bvlc.fwd_port", fmt.Sprintf("Port: %d", binary.BigEndian.Uint16(b[8:])), 8, 2, uint64(binary.BigEndian.Uint16(b[8:]))))
	}
	if out.WantTree {
		out.Add(f)
	}
	n := &bacNPDU{p: p, out: out, base: hdr, long: bl > len(b)}
	n.dissect(b[hdr:])
	return true
}

// bvlcBody adds the fields of a BVLC function that carries no NPDU.
func bvlcBody(f *Field, fn byte, b []byte) {
	u16 := func(at int) uint64 { return uint64(binary.BigEndian.Uint16(b[at:])) }
	switch fn {
	case 0x00:
		if len(b) >= 6 {
			r := uint32(u16(4))
			f.Children = append(f.Children, UintField("bvlc.result", fmt.Sprintf("Result: %s (0x%04x)", bacName(bvlcResults, r, "Unknown"), r), 4, 2, uint64(r)))
		}
	case 0x05:
		if len(b) >= 6 {
			f.Children = append(f.Children, UintField("bvlc.reg_ttl", fmt.Sprintf("TTL: %d", u16(4)), 4, 2, u16(4)))
		}
	case 0x08:
		if len(b) >= 10 {
			f.Children = append(f.Children,
				Field{Name: "bvlc.fdt_ip", Label: "IP: " + bacIPv4(b[4:8]), Start: 4, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[4:]))},
				UintField("bvlc.fdt_port", fmt.Sprintf("Port: %d", u16(8)), 8, 2, u16(8)))
		}
	case 0x01, 0x03:
		if len(b) > 4 {
			t := Field{Name: "bvlc", Label: "BACnet Virtual Link Control", Start: 4, Len: len(b) - 4, Kind: FieldProto}
			for at := 4; at+10 <= len(b); at += 10 {
				t.Children = append(t.Children,
					Field{Name: "bvlc.bdt_ip", Label: "IP: " + bacIPv4(b[at:at+4]), Start: at, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[at:]))},
					UintField("bvlc.bdt_port", fmt.Sprintf("Port: %d", u16(at+4)), at+4, 2, u16(at+4)),
					Field{Name: "bvlc.bdt_mask", Label: fmt.Sprintf("Mask: %x", b[at+6:at+10]), Start: at + 6, Len: 4, Kind: FieldBytes, Str: string(b[at+6 : at+10])})
			}
			f.Children = append(f.Children, t)
		}
	case 0x07:
		if len(b) > 4 {
			t := Field{Name: "bvlc", Label: "BACnet Virtual Link Control", Start: 4, Len: len(b) - 4, Kind: FieldProto}
			for at := 4; at+10 <= len(b); at += 10 {
				t.Children = append(t.Children,
					Field{Name: "bvlc.fdt_ip", Label: "IP: " + bacIPv4(b[at:at+4]), Start: at, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[at:]))},
					UintField("bvlc.fdt_port", fmt.Sprintf("Port: %d", u16(at+4)), at+4, 2, u16(at+4)),
					UintField("bvlc.fdt_ttl", fmt.Sprintf("TTL: %d", u16(at+6)), at+6, 2, u16(at+6)),
					UintField("bvlc.fdt_timeout", fmt.Sprintf("Timeout: %d", u16(at+8)), at+8, 2, u16(at+8)))
			}
			f.Children = append(f.Children, t)
		}
	}
}

// bacNPDU dissects an NPDU and the APDU it carries; base is the NPDU's
// offset in the PDU, long says the BVLC length claims more bytes than the
// datagram has (tshark then reads past the end of a tvb whose reported
// length exceeds its parent's).
type bacNPDU struct {
	p    *PDU
	out  *Out
	base int
	long bool
}

var bacnetControlBits = []struct {
	name, what, set, clear string
	mask                   byte
}{
	{"bacnet.control_net", "NSDU contains", "network layer message, message type field present.", "BACnet APDU, message type field absent.", 0x80},
	{"bacnet.control_res1", "Reserved", "Shall be zero, but is one.", "Shall be zero and is zero.", 0x40},
	{"bacnet.control_dest", "Destination Specifier", "DNET, DLEN and Hop Count present. If DLEN=0: broadcast, dest. address field absent.", "DNET, DLEN, DADR and Hop Count absent.", 0x20},
	{"bacnet.control_res2", "Reserved", "Shall be zero, but is one.", "Shall be zero and is zero.", 0x10},
	{"bacnet.control_src", "Source specifier", "SNET, SLEN and SADR present, SLEN=0 invalid, SLEN specifies length of SADR", "SNET, SLEN and SADR absent", 0x08},
	{"bacnet.control_expect", "Expecting Reply", "BACnet-Confirmed-Request-PDU, a segment of BACnet-ComplexACK-PDU or Network Message expecting a reply present.", "Other than a BACnet-Confirmed-Request-PDU, segment of BACnet-ComplexACK-PDU or network layer message expecting a reply present.", 0x04},
	{"bacnet.control_prio_high", "Priority", "Life Safety or Critical Equipment message.", "Not a Life Safety or Critical Equipment message.", 0x02},
	{"bacnet.control_prio_low", "Priority", "Urgent message", "Normal message", 0x01},
}

func (n *bacNPDU) dissect(b []byte) {
	out := n.out
	out.SetProto("BACnet-NPDU")
	out.SetInfo("Building Automation and Control Network NPDU")
	f := Field{Name: "bacnet", Label: "Building Automation and Control Network NPDU", Start: n.base, Kind: FieldProto}
	add := func(c Field) {
		c.Start += n.base
		Shift(c.Children, n.base)
		f.Children = append(f.Children, c)
	}
	done := func(at int) {
		f.Len = min(at, len(b))
		if out.WantTree {
			out.Add(f)
		}
	}
	if len(b) < 2 {
		out.AppendInfo("", malformedMark) // tshark's exception leaves no NPDU tree
		return
	}
	add(n.version(b[0]))
	ctl := b[1]
	if out.WantTree {
		var names []string
		ctlf := UintField("bacnet.control", "", 1, 1, uint64(ctl))
		for _, c := range bacnetControlBits {
			v, text := uint64(0), c.clear
			if ctl&c.mask != 0 {
				v, text = 1, c.set
				names = append(names, c.what)
			}
			ctlf.Children = append(ctlf.Children, Field{Name: c.name, Label: bitString(uint32(ctl), 8, uint32(c.mask)) + " = " + c.what + ": " + text, Start: 1, Len: 1, Kind: FieldBool, Num: v})
		}
		ctlf.Label = fmt.Sprintf("Control: 0x%02x", ctl)
		if len(names) > 0 {
			ctlf.Label += ", " + strings.Join(names, ", ")
		}
		add(ctlf)
	}
	at := 2
	bad := false
	addr := func(netName, lenName, adrPrefix, netLabel, lenLabel, adrLabel string) {
		if at+3 > len(b) {
			bad = true
			return
		}
		nw := binary.BigEndian.Uint16(b[at:])
		add(UintField(netName, fmt.Sprintf("%s: %d", netLabel, nw), at, 2, uint64(nw)))
		l := int(b[at+2])
		ll := fmt.Sprintf("%s: %d", lenLabel, l)
		if l == 0 && netName == "bacnet.dnet" {
			ll += " indicates Broadcast on Destination Network"
		}
		add(UintField(lenName, ll, at+2, 1, uint64(l)))
		at += 3
		if at+l > len(b) {
			bad = true
			return
		}
		switch {
		case l == 1:
			add(UintField(adrPrefix+"mstp", fmt.Sprintf("%s: %d", adrLabel, b[at]), at, 1, uint64(b[at])))
		case l == 6:
			mac := fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[at], b[at+1], b[at+2], b[at+3], b[at+4], b[at+5])
			add(Field{Name: adrPrefix + "eth", Label: fmt.Sprintf("%s: %s", adrLabel, mac), Start: at, Len: 6, Kind: FieldEther, Num: mac48(b[at : at+6])})
		case l > 0:
			add(Field{Name: adrPrefix + "tmp", Label: fmt.Sprintf("%s: %x", adrLabel, b[at:at+l]), Start: at, Len: l, Kind: FieldBytes, Str: string(b[at : at+l])})
		}
		at += l
	}
	if ctl&0x20 != 0 {
		addr("bacnet.dnet", "bacnet.dlen", "bacnet.dadr_", "Destination Network Address", "Destination MAC Layer Address Length", "DADR")
	}
	if !bad && ctl&0x08 != 0 {
		addr("bacnet.snet", "bacnet.slen", "bacnet.sadr_", "Source Network Address", "Source MAC Layer Address Length", "SADR")
	}
	if !bad && ctl&0x20 != 0 {
		if at < len(b) {
			add(UintField("bacnet.hopc", fmt.Sprintf("Hop Count: %d", b[at]), at, 1, uint64(b[at])))
			at++
		} else {
			bad = true
		}
	}
	if bad {
		out.AppendInfo("", malformedMark)
		done(len(b))
		return
	}
	if ctl&0x80 != 0 {
		done(n.netMessage(b, at, add))
		return
	}
	done(at)
	a := &bacAPDU{p: n.p, out: out, base: n.base + at, long: n.long}
	a.dissect(b[at:])
}

func (n *bacNPDU) version(v byte) Field {
	s := "unknown"
	if v == 1 {
		s = "ASHRAE 135-1995"
	}
	return UintField("bacnet.version", fmt.Sprintf("Version: 0x%02x (%s)", v, s), 0, 1, uint64(v))
}

func bacnetMsgTypeName(t byte) string {
	if s, ok := bacnetMsgTypes[uint32(t)]; ok {
		return s
	}
	if t >= 0x80 {
		return "Vendor Proprietary Message"
	}
	return "Reserved for Use by ASHRAE"
}

// netMessage is a network layer message (clause 6.4): its type names the
// Info column, as packet-bacnet.c writes it.
func (n *bacNPDU) netMessage(b []byte, at int, add func(Field)) int {
	out := n.out
	if at >= len(b) {
		out.AppendInfo("", malformedMark)
		return len(b)
	}
	t := b[at]
	out.SetInfo(bacnetMsgTypeName(t))
	add(UintField("bacnet.mesgtyp", fmt.Sprintf("Network Layer Message Type: %s (0x%02x)", bacnetMsgTypeName(t), t), at, 1, uint64(t)))
	at++
	if t >= 0x80 {
		if at+2 > len(b) {
			out.AppendInfo("", malformedMark)
			return len(b)
		}
		v := binary.BigEndian.Uint16(b[at:])
		add(UintField("bacnet.vendor", fmt.Sprintf("Vendor ID: %d", v), at, 2, uint64(v)))
		return at + 2
	}
	dnet := func() {
		v := binary.BigEndian.Uint16(b[at:])
		add(UintField("bacnet.dnet", fmt.Sprintf("Destination Network Address: %d", v), at, 2, uint64(v)))
		at += 2
	}
	switch t {
	case 0x00, 0x04, 0x05: // an optional DNET, or a list of them
		for at+2 <= len(b) {
			dnet()
		}
	case 0x01:
		for at+2 <= len(b) {
			dnet()
		}
	case 0x03:
		if at < len(b) {
			r := b[at]
			name := "Invalid Rejection Reason."
			if s, ok := bacnetRejectReasons[uint32(r)]; ok {
				name = s
			}
			add(UintField("bacnet.rejectreason", fmt.Sprintf("Reject Reason: %s (%d)", name, r), at, 1, uint64(r)))
			at++
		}
		if at+2 <= len(b) {
			dnet()
		}
	}
	return len(b)
}

// bacAPDU dissects one APDU.
type bacAPDU struct {
	p    *PDU
	out  *Out
	base int
	long bool
	tree []Field
	// writable is false while a service's text must not reach Info
	// (packet-bacapp.c's col_set_writable(FALSE) for ReadPropertyMultiple).
	writable bool
	// info collects what the service dissection writes to Info.
	info strings.Builder
	// noTree says the header was cut short: no APDU layer in the tree.
	noTree bool
}

var bacappTypeNames = []string{"Confirmed-REQ", "Unconfirmed-REQ", "Simple-ACK", "Complex-ACK", "Segment-ACK", "Error", "Reject", "Abort"}

func (a *bacAPDU) add(f Field) {
	f.Start += a.base
	Shift(f.Children, a.base)
	a.tree = append(a.tree, f)
}

func boolBit(name, what string, v byte, mask byte, set, clear string) Field {
	s, n := clear, uint64(0)
	if v&mask != 0 {
		s, n = set, 1
	}
	return Field{Name: name, Label: bitString(uint32(v), 8, uint32(mask)) + " = " + what + ": " + s, Start: 0, Len: 1, Kind: FieldBool, Num: n}
}

func (a *bacAPDU) dissect(b []byte) {
	out := a.out
	out.SetProto("BACnet-APDU")
	a.writable = true
	defer func() {
		if out.WantTree && !a.noTree {
			out.Add(Field{Name: "bacapp", Label: "Building Automation and Control Network APDU", Start: a.base, Len: len(b), Kind: FieldProto, Children: a.tree})
		}
	}()
	if len(b) == 0 {
		out.SetInfo(malformedMark)
		a.noTree = true
		return
	}
	flag := b[0]
	t := flag >> 4
	if int(t) >= len(bacappTypeNames) {
		out.SetInfo("# unknown APDU #")
		return
	}
	out.SetInfo(fmt.Sprintf("%-16s", bacappTypeNames[t]))
	typeField := UintField("bacapp.type", fmt.Sprintf("%s = APDU Type: %s (%d)", bitString(uint32(flag), 8, 0xf0), bacappTypeNames[t], t), 0, 1, uint64(t))
	need := func(n int) bool {
		if len(b) < n {
			out.AppendInfo("", malformedMark)
			a.noTree = true // tshark's exception leaves no APDU tree
			return false
		}
		return true
	}
	u8 := func(name, label string, at int) Field {
		return UintField(name, fmt.Sprintf("%s: %d", label, b[at]), at, 1, uint64(b[at]))
	}
	svcField := func(at int) Field {
		return UintField("bacapp.confirmed_service", bacLabel("Service Choice", bacappConfirmedServices, uint32(b[at])), at, 1, uint64(b[at]))
	}
	pduFlags := func(withSA bool) Field {
		f := UintField("bacapp.pduflags", fmt.Sprintf("%s = PDU Flags: 0x%x", bitString(uint32(flag), 8, 0x0f), flag&0x0f), 0, 1, uint64(flag&0x0f))
		f.Children = []Field{
			boolBit("bacapp.segmented_request", "Segmented Request", flag, 0x08, "Segmented Request", "Unsegmented Request"),
			boolBit("bacapp.more_segments", "More Segments", flag, 0x04, "More Segments Follow", "No More Segments Follow"),
		}
		if withSA {
			f.Children = append(f.Children, boolBit("bacapp.SA", "SA", flag, 0x02, "Segmented Response accepted", "Segmented Response not accepted"))
		}
		return f
	}
	confName := func(s byte) string { return bacName(bacappConfirmedServices, uint32(s), "unknown service") }
	// segmentedHead reads the head shared by Confirmed-Request and
	// Complex-ACK, whose invoke ID sits at invoke: with the segmented flag
	// a sequence number and window size follow it, then the service choice
	// that ends the head (hl bytes long).
	segmentedHead := func(invoke int) (hl int, svc byte, ok bool) {
		hl = invoke + 2
		if flag&0x08 != 0 {
			hl += 2
		}
		if !need(hl) {
			return hl, 0, false
		}
		svc = b[hl-1]
		out.AppendInfo("", fmt.Sprintf("%s[%3d] ", confName(svc), b[invoke]))
		return hl, svc, true
	}
	segmentedTail := func(invoke, hl int) {
		a.add(u8("bacapp.invoke_id", "Invoke ID", invoke))
		if hl > invoke+2 {
			a.add(u8("bacapp.sequence_number", "Sequence Number", invoke+1))
			a.add(u8("bacapp.window_size", "Proposed Window Size", invoke+2))
		}
		a.add(svcField(hl - 1))
	}
	switch t {
	case 0: // Confirmed-Request
		hl, svc, ok := segmentedHead(2)
		if !ok {
			return
		}
		a.add(typeField)
		a.add(pduFlags(true))
		a.add(UintField("bacapp.response_segments", fmt.Sprintf("%s = Max Response Segments accepted: %s (%d)", bitString(uint32(b[1]), 8, 0x70), bacName(bacappRespSegments, uint32(b[1]>>4&7), "Unknown"), b[1]>>4&7), 1, 1, uint64(b[1]>>4&7)))
		a.add(UintField("bacapp.max_adpu_size", fmt.Sprintf("%s = Size of Maximum ADPU accepted: %s (%d)", bitString(uint32(b[1]), 8, 0x0f), bacName(bacappMaxAPDU, uint32(b[1]&15), "Unknown"), b[1]&15), 1, 1, uint64(b[1]&15)))
		segmentedTail(2, hl)
		a.service(b, hl, svc, false, hl > 4, flag&0x04 != 0)
	case 1: // Unconfirmed-Request
		if !need(2) {
			return
		}
		svc := b[1]
		out.AppendInfo("", bacName(bacappUnconfirmedServices, uint32(svc), "unknown service")+" ")
		a.add(typeField)
		a.add(UintField("bacapp.unconfirmed_service", bacLabel("Unconfirmed Service Choice", bacappUnconfirmedServices, uint32(svc)), 1, 1, uint64(svc)))
		a.body(b, 2, func(r *bacReader) { r.unconfirmed(svc) })
	case 2: // Simple-ACK
		if !need(3) {
			return
		}
		out.AppendInfo("", fmt.Sprintf("%s[%3d] ", confName(b[2]), b[1]))
		a.add(typeField)
		a.add(u8("bacapp.invoke_id", "Invoke ID", 1))
		a.add(svcField(2))
	case 3: // Complex-ACK
		hl, svc, ok := segmentedHead(1)
		if !ok {
			return
		}
		a.add(typeField)
		a.add(pduFlags(false))
		segmentedTail(1, hl)
		a.service(b, hl, svc, true, hl > 3, flag&0x04 != 0)
	case 4: // Segment-ACK
		if !need(4) {
			return
		}
		typeField.Children = []Field{
			boolBit("bacapp.NAK", "NAK", flag, 0x02, "True", "False"),
			boolBit("bacapp.SRV", "SRV", flag, 0x01, "True", "False"),
			u8("bacapp.invoke_id", "Invoke ID", 1),
			u8("bacapp.sequence_number", "Sequence Number", 2),
			u8("bacapp.window_size", "Proposed Window Size", 3),
		}
		a.add(typeField)
	case 5: // Error
		if !need(3) {
			return
		}
		out.AppendInfo("", fmt.Sprintf("%s[%3d] ", confName(b[2]), b[1]))
		typeField.Children = []Field{u8("bacapp.invoke_id", "Invoke ID", 1), svcField(2)}
		a.add(typeField)
		a.body(b, 3, func(r *bacReader) { r.errorPDU() })
	case 6: // Reject
		if !need(3) {
			return
		}
		out.AppendInfo("", fmt.Sprintf("%s[%3d] ", bacName(bacappRejectReasons, uint32(b[2]), bacappReserved(uint32(b[2]), 64)), b[1]))
		typeField.Children = []Field{u8("bacapp.invoke_id", "Invoke ID", 1),
			UintField("bacapp.reject_reason", bacLabel("Reject Reason", bacappRejectReasons, uint32(b[2])), 2, 1, uint64(b[2]))}
		a.add(typeField)
	case 7: // Abort
		if !need(3) {
			return
		}
		out.AppendInfo("", fmt.Sprintf("%s[%3d] ", bacName(bacappAbortReasons, uint32(b[2]), bacappReserved(uint32(b[2]), 64)), b[1]))
		typeField.Children = []Field{boolBit("bacapp.SRV", "SRV", flag, 0x01, "True", "False"), u8("bacapp.invoke_id", "Invoke ID", 1),
			UintField("bacapp.abort_reason", bacLabel("Abort Reason", bacappAbortReasons, uint32(b[2])), 2, 1, uint64(b[2]))}
		a.add(typeField)
	}
}

// bacappReserved is val_to_split_str's text for a value with no name:
// reserved below split, proprietary from it.
func bacappReserved(v, split uint32) string {
	if v < split {
		return fmt.Sprintf("(%d) Reserved for Use by ASHRAE", v)
	}
	return fmt.Sprintf("(%d) Vendor Proprietary Value", v)
}

// bacappSegState keeps a conversation's segments for reassembly, and
// what each frame made of them (frames are first dissected in order).
type bacappSegState struct {
	last  int
	segs  map[bacappSegKey][]byte
	memo  map[int][]byte // frame -> reassembled service data
	count int
}

type bacappSegKey struct {
	dir    uint8
	invoke byte
	seq    byte
}

// service handles a confirmed service's data: as it is, or as a segment.
func (a *bacAPDU) service(b []byte, at int, svc byte, ack, seg, more bool) {
	if !seg {
		a.body(b, at, func(r *bacReader) { r.confirmed(svc, ack) })
		return
	}
	invoke, seq := b[2], b[3]
	if ack {
		invoke, seq = b[1], b[2]
	}
	data := a.reassemble(invoke, seq, more, b[at:])
	if data == nil {
		a.out.AppendInfo("", fmt.Sprintf(" (Message fragment %d)", seq))
		return
	}
	a.out.AppendInfo("", " (Message Reassembled)")
	r := &bacReader{a: a, b: data, base: -1}
	r.confirmed(svc, ack)
	a.flush(r)
}

// reassemble adds a segment and returns the whole service data when seq
// completes it (no more segments, and 0..seq all seen), else nil.
func (a *bacAPDU) reassemble(invoke, seq byte, more bool, data []byte) []byte {
	c := a.p.Conv
	if c == nil {
		return nil
	}
	st, _ := c.State.(*bacappSegState)
	if st == nil {
		st = &bacappSegState{last: -1, segs: map[bacappSegKey][]byte{}, memo: map[int][]byte{}}
		c.State = st
	}
	if a.p.Frame <= st.last {
		return st.memo[a.p.Frame]
	}
	st.last = a.p.Frame
	k := bacappSegKey{a.p.Dir, invoke, seq}
	if _, ok := st.segs[k]; !ok && st.count < bacappMaxSegKept {
		st.segs[k] = append([]byte(nil), data...)
		st.count++
	}
	if more {
		return nil
	}
	var whole []byte
	for i := 0; i <= int(seq); i++ {
		s, ok := st.segs[bacappSegKey{a.p.Dir, invoke, byte(i)}]
		if !ok {
			return nil
		}
		whole = append(whole, s...)
	}
	for i := 0; i <= int(seq); i++ {
		delete(st.segs, bacappSegKey{a.p.Dir, invoke, byte(i)})
		st.count--
	}
	if whole == nil {
		whole = []byte{}
	}
	st.memo[a.p.Frame] = whole
	return whole
}

// body runs a service reader over b[at:] and writes what it found.
func (a *bacAPDU) body(b []byte, at int, run func(r *bacReader)) {
	r := &bacReader{a: a, b: b[at:], base: at}
	run(r)
	a.flush(r)
}

func (a *bacAPDU) flush(r *bacReader) {
	a.out.AppendInfo("", a.info.String())
	switch {
	case r.bad:
		a.out.AppendInfo("", malformedMark)
	case r.reachedEnd && a.long:
		a.out.AppendInfo("", "[Malformed Packet: length of contained item exceeds length of containing item]")
	}
}

// bacReader walks the tags (clause 20.2) of a service's data.
type bacReader struct {
	a    *bacAPDU
	b    []byte
	base int // offset of b in the APDU; -1 for reassembled bytes
	at   int
	bad  bool
	// reachedEnd says the reader asked for a tag past the last byte, as
	// packet-bacapp.c's loops over the remaining length do.
	reachedEnd bool
}

type bacTag struct {
	num         uint32
	ctx         bool
	open, close bool
	hdr         int    // header length
	lvt         uint32 // length, or the value of a boolean application tag
	start       int
}

// tag reads the tag header at r.at without moving; ok false at the end
// of the data or for a header cut short (r.bad set then).
func (r *bacReader) tag() (t bacTag, ok bool) {
	b, at := r.b, r.at
	if at >= len(b) {
		r.reachedEnd = true
		return t, false
	}
	t.start = at
	x := b[at]
	t.num = uint32(x >> 4)
	t.ctx = x&0x08 != 0
	t.lvt = uint32(x & 7)
	n := 1
	if t.num == 15 {
		if at+n >= len(b) {
			r.bad = true
			return t, false
		}
		t.num = uint32(b[at+n])
		n++
	}
	if t.ctx && t.lvt == 6 {
		t.open = true
	} else if t.ctx && t.lvt == 7 {
		t.close = true
	} else if t.lvt == 5 {
		if at+n >= len(b) {
			r.bad = true
			return t, false
		}
		l := uint32(b[at+n])
		n++
		switch l {
		case 254:
			if at+n+2 > len(b) {
				r.bad = true
				return t, false
			}
			l = uint32(binary.BigEndian.Uint16(b[at+n:]))
			n += 2
		case 255:
			if at+n+4 > len(b) {
				r.bad = true
				return t, false
			}
			l = binary.BigEndian.Uint32(b[at+n:])
			n += 4
		}
		t.lvt = l
	}
	t.hdr = n
	return t, true
}

// dataLen is how many data bytes follow the tag's header.
func (t bacTag) dataLen() int {
	if t.open || t.close || !t.ctx && t.num == 1 {
		return 0
	}
	return int(t.lvt)
}

// value returns the tag's data and moves past the tag; nil and r.bad
// when the data runs past the end.
func (r *bacReader) value(t bacTag) []byte {
	n := t.dataLen()
	if n < 0 || r.at+t.hdr+n > len(r.b) || r.at+t.hdr+n < r.at {
		r.bad = true
		r.at = len(r.b)
		return nil
	}
	v := r.b[r.at+t.hdr : r.at+t.hdr+n]
	r.at += t.hdr + n
	return v
}

func bacUint(v []byte) uint64 {
	var n uint64
	for _, c := range v {
		n = n<<8 | uint64(c)
	}
	return n
}

func (r *bacReader) text(s string) {
	if r.a.writable {
		r.a.info.WriteString(s)
	}
}

func (r *bacReader) addField(f Field) {
	if r.base < 0 || !r.a.out.WantTree {
		return
	}
	f.Start += r.base
	Shift(f.Children, r.base)
	r.a.add(f)
}

func bacObjTypeText(t uint32) string {
	if s, ok := bacappObjectTypes[t]; ok && t < 128 {
		return s
	}
	return bacappReserved(t, 128)
}

func bacPropText(p uint32) string {
	if s, ok := bacappPropertyIDs[p]; ok && p < 512 {
		return s
	}
	return bacappReserved(p, 512)
}

// objectID reads a tag holding a BACnetObjectIdentifier, writes
// "type,instance " to Info and adds its fields.
func (r *bacReader) objectID(t bacTag) {
	start := r.at + t.hdr
	v := r.value(t)
	if v == nil {
		return
	}
	if len(v) != 4 {
		if len(v) > 4 {
			v = v[:4]
		} else {
			r.bad = true
			return
		}
	}
	id := binary.BigEndian.Uint32(v)
	ot, inst := id>>22, id&0x3fffff
	r.text(fmt.Sprintf("%s,%d ", bacObjTypeText(ot), inst))
	r.addField(UintField("bacapp.objectType", fmt.Sprintf("%s = Object Type: %s (%d)", bitString(id, 32, 0xffc00000), bacName(bacappObjectTypes, ot, "Unknown"), ot), start, 4, uint64(ot)))
	r.addField(UintField("bacapp.instance_number", fmt.Sprintf("%s = Instance Number: %d", bitString(id, 32, 0x3fffff), inst), start, 4, uint64(inst)))
}

// propertyID reads a tag holding a BACnetPropertyIdentifier.
func (r *bacReader) propertyID(t bacTag) {
	start := r.at + t.hdr
	v := r.value(t)
	if v == nil {
		return
	}
	p := uint32(bacUint(v))
	r.text(bacPropText(p) + " ")
	r.addField(UintField("bacapp.property_identifier", bacLabel("Property Identifier", bacappPropertyIDs, p), start, len(v), uint64(p)))
}

// skip moves past one tag, or past a whole constructed value from its
// opening tag to the matching closing tag, writing the object
// identifiers of the application tags inside (fApplicationTypes does).
func (r *bacReader) skip(t bacTag) {
	if !t.open {
		if !t.ctx && t.num == 12 {
			r.objectID(t)
			return
		}
		r.value(t)
		return
	}
	r.at += t.hdr
	depth := 1
	for depth > 0 && !r.bad {
		u, ok := r.tag()
		if !ok {
			r.bad = true
			return
		}
		switch {
		case u.open:
			depth++
			r.at += u.hdr
		case u.close:
			depth--
			r.at += u.hdr
		case !u.ctx && u.num == 12:
			r.objectID(u)
		default:
			r.value(u)
		}
	}
}

// walk reads the data's tags in turn, calling ctx for each context tag
// at the top level (open tags included); it stops at a closing tag.
func (r *bacReader) walk(each func(t bacTag)) {
	for !r.bad {
		t, ok := r.tag()
		if !ok || t.close {
			return
		}
		each(t)
	}
}

func (r *bacReader) unconfirmed(svc byte) {
	switch svc {
	case 8: // who-Is
		r.walk(func(t bacTag) {
			start := r.at + t.hdr
			v := r.value(t)
			if v == nil {
				return
			}
			n := bacUint(v)
			r.text(fmt.Sprintf("%d ", n))
			switch {
			case t.ctx && t.num == 0:
				r.addField(UintField("bacapp.who_is.low_limit", fmt.Sprintf("Device Instance Range Low Limit: %d", n), start, len(v), n))
			case t.ctx && t.num == 1:
				r.addField(UintField("bacapp.who_is.high_limit", fmt.Sprintf("Device Instance Range High Limit: %d", n), start, len(v), n))
			}
		})
	case 0, 1: // i-Am, i-Have: application tags
		r.walk(r.skip)
	case 2: // unconfirmedCOVNotification
		r.covNotification()
	case 3: // unconfirmedEventNotification
		r.tagged([]uint32{1, 2}, nil)
	case 7: // who-Has: the object identifier, not the limits
		r.tagged([]uint32{2}, nil)
	case 4: // unconfirmedPrivateTransfer
		r.privateTransfer()
	default:
		r.walk(func(t bacTag) { r.skip(t) })
		r.a.info.Reset()
	}
}

func (r *bacReader) covNotification() {
	r.walk(func(t bacTag) {
		switch {
		case t.ctx && (t.num == 1 || t.num == 2) && !t.open:
			r.objectID(t)
		case t.ctx && t.num == 4 && t.open:
			r.at += t.hdr
			r.propertyValues()
			r.closeTag()
		default:
			r.skip(t)
		}
	})
}

// propertyValues reads a list of BACnetPropertyValue up to a closing tag.
func (r *bacReader) propertyValues() {
	r.walk(func(t bacTag) {
		if t.ctx && t.num == 0 && !t.open {
			r.propertyID(t)
			return
		}
		r.skip(t)
	})
}

// closeTag moves past the closing tag that ends a constructed value.
func (r *bacReader) closeTag() {
	t, ok := r.tag()
	if !ok {
		r.bad = r.bad || r.at >= len(r.b)
		return
	}
	if t.close {
		r.at += t.hdr
	}
}

func (r *bacReader) privateTransfer() {
	var vendor, number uint64
	r.walk(func(t bacTag) {
		switch {
		case t.ctx && t.num == 0 && !t.open:
			vendor = bacUint(r.value(t))
		case t.ctx && t.num == 1 && !t.open:
			number = bacUint(r.value(t))
			r.text(fmt.Sprintf("V=%d SN=%d ", vendor, number))
		default:
			r.skip(t)
		}
	})
}

func (r *bacReader) confirmed(svc byte, ack bool) {
	switch {
	case svc == 12 || svc == 15 && !ack: // readProperty, writeProperty
		r.walk(func(t bacTag) {
			switch {
			case t.ctx && t.num == 0 && !t.open:
				r.objectID(t)
			case t.ctx && t.num == 1 && !t.open:
				r.propertyID(t)
			default:
				r.skip(t)
			}
		})
	case svc == 5 && !ack: // subscribeCOV
		r.walk(func(t bacTag) {
			if t.ctx && t.num == 1 && !t.open {
				r.objectID(t)
				return
			}
			r.skip(t)
		})
	case svc == 1 && !ack: // confirmedCOVNotification
		r.covNotification()
	case svc == 18: // confirmedPrivateTransfer
		r.privateTransfer()
	case svc == 14 || svc == 16: // read/writePropertyMultiple: Info read-only
		r.a.writable = false
		r.accessSpecs()
	case svc == 26: // readRange and its ACK
		r.tagged([]uint32{0}, []uint32{1})
	case svc == 28 && !ack: // subscribeCOVProperty
		r.tagged([]uint32{1}, nil)
	case svc == 2 && !ack: // confirmedEventNotification
		r.tagged([]uint32{1, 2}, nil)
	case svc == 6 && !ack, svc == 7 && !ack, svc == 11 && !ack, svc == 10 && ack:
		// atomicReadFile, atomicWriteFile, deleteObject, createObject's
		// ACK: an application-tagged object identifier
		r.walk(r.skip)
	default:
		r.a.writable = false
		r.walk(r.skip)
	}
}

// tagged reads a service whose top-level context tags objs hold object
// identifiers and props property identifiers, both written to Info.
func (r *bacReader) tagged(objs, props []uint32) {
	has := func(l []uint32, n uint32) bool {
		for _, x := range l {
			if x == n {
				return true
			}
		}
		return false
	}
	r.walk(func(t bacTag) {
		switch {
		case t.ctx && !t.open && has(objs, t.num):
			r.objectID(t)
		case t.ctx && !t.open && has(props, t.num):
			r.propertyID(t)
		default:
			r.skip(t)
		}
	})
}

// accessSpecs reads ReadAccessSpecifications, ReadAccessResults or
// WriteAccessSpecifications: an object identifier (context tag 0), then a
// list (context tag 1) whose property identifiers are context tag 0 (a
// request) or 2 (a result).
func (r *bacReader) accessSpecs() {
	r.walk(func(t bacTag) {
		switch {
		case t.ctx && t.num == 0 && !t.open:
			r.objectID(t)
		case t.ctx && t.num == 1 && t.open:
			r.at += t.hdr
			r.walk(func(u bacTag) {
				if u.ctx && (u.num == 0 || u.num == 2) && !u.open {
					r.propertyID(u)
					return
				}
				r.skip(u)
			})
			r.closeTag()
		default:
			r.skip(t)
		}
	})
}

// errorPDU reads an Error PDU's error class and code (two enumerations).
func (r *bacReader) errorPDU() {
	r.a.writable = false
	i := 0
	r.walk(func(t bacTag) {
		if t.open || t.ctx || t.num != 9 || i >= 2 {
			r.skip(t)
			return
		}
		start := t.start
		v := r.value(t)
		if v == nil {
			return
		}
		n := uint32(bacUint(v))
		if i == 0 {
			r.addField(UintField("bacapp.error_class", bacLabel("Error Class", bacappErrorClasses, n), start, t.hdr+len(v), uint64(n)))
		} else {
			r.addField(UintField("bacapp.error_code", bacLabel("Error Code", bacappErrorCodes, n), start, t.hdr+len(v), uint64(n)))
		}
		i++
	})
}

func bacIPv4(b []byte) string { return fmt.Sprintf("%d.%d.%d.%d", b[0], b[1], b[2], b[3]) }
