package decode

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// BGP-4 (RFC 4271) on TCP port 179: each message a 16-byte marker of
// ones, a 2-byte length and a type. Info is the message type's name
// ("OPEN Message", "KEEPALIVE Message"), the messages of one segment joined
// with ", ", as packet-bgp.c writes them. Details: the header; OPEN's
// version, AS, hold time, identifier and capabilities (RFC 5492); UPDATE's
// withdrawn routes, path attributes (ORIGIN, AS_PATH, NEXT_HOP, MED,
// LOCAL_PREF read, others named) and NLRI prefixes; NOTIFICATION's error
// codes. Hand-written: gopacket has no BGP layer.

const (
	portBGP = 179
	// bgpHeaderLen is the marker, length and type (RFC 4271 4.1).
	bgpHeaderLen = 19
	bgpMaxItems  = 256 // prefixes, attributes, capabilities read per message
)

// BGP message types (RFC 4271 4.1, RFC 2918).
const (
	bgpOpen          = 1
	bgpUpdate        = 2
	bgpNotification  = 3
	bgpKeepalive     = 4
	bgpRouteRefresh  = 5
	bgpCapabilityMsg = 6
	// bgpRouteRefreshCisco is Cisco's ROUTE-REFRESH before RFC 2918.
	bgpRouteRefreshCisco = 128
)

// bgpTypes names the message types as packet-bgp.c does in 4.0 (RFC 4271,
// RFC 2918, draft-ietf-idr-dynamic-cap's CAPABILITY and Cisco's pre-standard
// ROUTE-REFRESH).
var bgpTypes = map[byte]string{bgpOpen: "OPEN Message", bgpUpdate: "UPDATE Message",
	bgpNotification: "NOTIFICATION Message", bgpKeepalive: "KEEPALIVE Message",
	bgpRouteRefresh: "ROUTE-REFRESH Message", bgpCapabilityMsg: "CAPABILITY Message",
	bgpRouteRefreshCisco: "Cisco ROUTE-REFRESH Message"}

// bgpCapabilities names the OPEN capabilities (IANA "Capability Codes").
var bgpCapabilities = map[byte]string{
	1: "Multiprotocol extensions capability", 2: "Route refresh capability",
	3: "Cooperative route filtering capability", 4: "Multiple routes to a destination capability",
	5: "Extended Next Hop Encoding", 6: "BGP-Extended Message", 64: "Graceful Restart capability",
	65: "Support for 4-octet AS number capability", 69: "Support for Additional Paths",
	70: "Enhanced route refresh capability", 71: "Long-Lived Graceful Restart (LLGR) Capability",
}

// bgpAttrs names the path attributes (IANA "BGP Path Attributes").
var bgpAttrs = map[byte]string{
	1: "ORIGIN", 2: "AS_PATH", 3: "NEXT_HOP", 4: "MULTI_EXIT_DISC", 5: "LOCAL_PREF", 6: "ATOMIC_AGGREGATE",
	7: "AGGREGATOR", 8: "COMMUNITIES", 9: "ORIGINATOR_ID", 10: "CLUSTER_LIST", 14: "MP_REACH_NLRI",
	15: "MP_UNREACH_NLRI", 16: "EXTENDED_COMMUNITIES", 17: "AS4_PATH", 18: "AS4_AGGREGATOR",
	32: "LARGE_COMMUNITY",
}

var (
	bgpOrigins   = [3]string{"IGP", "EGP", "INCOMPLETE"}
	bgpSegments  = map[byte]string{1: "AS_SET", 2: "AS_SEQUENCE", 3: "AS_CONFED_SEQUENCE", 4: "AS_CONFED_SET"}
	bgpMajors    = [8]string{"", "Message Header Error", "OPEN Message Error", "UPDATE Message Error", "Hold Timer Expired", "Finite State Machine Error", "Cease", "ROUTE-REFRESH Message Error"}
	bgpCeaseSubs = [10]string{"", "Maximum Number of Prefixes Reached", "Administratively Shutdown", "Peer De-configured", "Administratively Reset", "Connection Rejected", "Other Configuration Change", "Connection Collision Resolution", "Out of Resources", "Hard Reset"}
)

var bgp = &Dissector{
	Name:    "bgp",
	Dissect: bgpDissect,
	PDULen:  bgpPDULen,
	// packet-bgp.c clears the Info column before it reads a segment
	ClearsInfo: true,
	Fields: []FieldDef{
		{Name: "bgp.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "bgp.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "bgp.continuation", Desc: "Continuation"},
		{Name: "bgp.open.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "bgp.open.myas", Desc: "My AS", Kind: FieldUint, Bits: 16},
		{Name: "bgp.open.holdtime", Desc: "Hold Time", Kind: FieldUint, Bits: 16},
		{Name: "bgp.open.identifier", Desc: "BGP Identifier", Kind: FieldIPv4},
		{Name: "bgp.cap.type", Desc: "Capability type", Kind: FieldUint, Bits: 8},
		{Name: "bgp.cap.4as", Desc: "AS Number", Kind: FieldUint, Bits: 32},
		{Name: "bgp.update.path_attribute.type_code", Desc: "Type Code", Kind: FieldUint, Bits: 8},
		{Name: "bgp.update.path_attribute.origin", Desc: "Origin", Kind: FieldUint, Bits: 8},
		{Name: "bgp.update.path_attribute.as_path_segment.as4", Desc: "AS4", Kind: FieldUint, Bits: 32},
		{Name: "bgp.update.path_attribute.next_hop", Desc: "Next hop", Kind: FieldIPv4},
		{Name: "bgp.update.path_attribute.multi_exit_disc", Desc: "Multiple exit discriminator", Kind: FieldUint, Bits: 32},
		{Name: "bgp.update.path_attribute.local_pref", Desc: "Local preference", Kind: FieldUint, Bits: 32},
		{Name: "bgp.prefix_length", Desc: "Prefix length", Kind: FieldUint, Bits: 8},
		{Name: "bgp.nlri_prefix", Desc: "NLRI prefix", Kind: FieldIPv4},
		{Name: "bgp.withdrawn_prefix", Desc: "Withdrawn prefix", Kind: FieldIPv4},
		{Name: "bgp.notify.major_error", Desc: "Major error Code", Kind: FieldUint, Bits: 8},
		{Name: "bgp.notify.minor_error_cease", Desc: "Minor error Code (Cease)", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterTCP(bgp, portBGP) }

// bgpState remembers, per direction, that the open PDU was left waiting for
// more bytes: packet-bgp.c then sees the reassembled bytes afresh and scans
// them for a marker again.
type bgpState struct{ resumed [2]bool }

// bgpPDULen frames one message by its header's length. Where packet-bgp.c
// starts reading (the start of a segment, or of bytes reassembled after it
// asked for more) it first scans for the 16-byte marker, so a capture that
// begins in the middle of a message finds the next one: the bytes before
// the marker become a PDU of their own that Dissect shows as BGP with an
// empty Info, and bytes with no marker at all are one such PDU. A run of
// 0xff bytes that reaches the end may be a marker's start. After a message
// inside one segment there is no scan: the next 19 bytes are a header
// whatever they hold (tcp_dissect_pdus).
func bgpPDULen(c *Conv, dir uint8, b []byte) int {
	st := &bgpState{}
	if c != nil {
		if cs, ok := c.State.(*bgpState); ok {
			st = cs
		} else {
			c.State = st
		}
	}
	dir &= 1
	if c.AtSegmentStart() || st.resumed[dir] {
		st.resumed[dir] = false
		switch k := bgpMarkerAt(b); {
		case k < 0:
			return len(b)
		case k > 0:
			return k
		}
	}
	if len(b) < bgpHeaderLen {
		st.resumed[dir] = true
		return 0
	}
	n := int(binary.BigEndian.Uint16(b[16:]))
	if n < bgpHeaderLen {
		// a length shorter than the header: tcp_dissect_pdus marks the
		// segment malformed and reads no further
		return len(b)
	}
	return n
}

// bgpMarkerAt is where the first marker of b starts (16 bytes of 0xff, or
// fewer that run to b's end), or -1.
func bgpMarkerAt(b []byte) int {
	run := 0
	for i, x := range b {
		if x != 0xff {
			run = 0
			continue
		}
		if run++; run == 16 {
			return i - 15
		}
	}
	if run > 0 {
		return len(b) - run
	}
	return -1
}

// bgpIsMarker says whether b begins with a marker, which every message
// does and the skipped bytes bgpPDULen framed do not.
func bgpIsMarker(b []byte) bool {
	if len(b) < 16 {
		return false
	}
	for _, x := range b[:16] {
		if x != 0xff {
			return false
		}
	}
	return true
}

// bgpMalformed says whether packet-bgp.c 4.0 runs off the end of message b
// (length n, type typ) while it reads the body, which tshark marks
// "[Malformed Packet]". The rules were read back from crafted messages of
// every type (testdata/app/lab__bgp-crafted.py): only reads past the
// message count; values packet-bgp.c finds wrong but can read (a prefix
// longer than 32 bits in the NLRI, a NEXT_HOP of 3 bytes) are expert notes.
func bgpMalformed(b []byte, typ byte) bool {
	body := b[bgpHeaderLen:]
	switch typ {
	case bgpOpen:
		return bgpOpenMalformed(body)
	case bgpUpdate:
		return bgpUpdateMalformed(body)
	case bgpNotification:
		return len(body) < 2 // major and minor code
	case bgpRouteRefresh, bgpRouteRefreshCisco:
		return bgpRouteRefreshMalformed(body)
	case bgpCapabilityMsg:
		// records of action, code and a 2-byte length: the header
		// must be there, the value may be cut
		for at := 0; at < len(body); at += 4 + int(binary.BigEndian.Uint16(body[at+2:])) {
			if at+4 > len(body) {
				return true
			}
		}
	}
	return false
}

// bgpOpenMalformed reads an OPEN body: version, AS, hold time, identifier,
// the parameters' length, then each parameter's type, length and value and
// a Capabilities parameter's capabilities.
func bgpOpenMalformed(b []byte) bool {
	if len(b) < 10 {
		return true
	}
	end := 10 + int(b[9])
	for at := 10; at < end; {
		if at+2 > len(b) {
			return true
		}
		ptype, pend := b[at], at+2+int(b[at+1])
		if pend > len(b) {
			return true
		}
		if ptype == 2 {
			for c := at + 2; c < pend; c += 2 + int(b[c+1]) {
				if c+2 > len(b) || c+2+int(b[c+1]) > len(b) {
					return true
				}
			}
		}
		at = pend
	}
	return false
}

// bgpUpdateMalformed reads an UPDATE body: the withdrawn routes within
// their length, every path attribute's header and value (read past the
// attributes' length as long as the message lasts), and the NLRI, which
// packet-bgp.c reads only when there are path attributes and stops at a
// prefix longer than 32 bits.
func bgpUpdateMalformed(b []byte) bool {
	if len(b) < 2 {
		return true
	}
	wend := 2 + int(binary.BigEndian.Uint16(b))
	if wend > len(b) {
		return true
	}
	for at := 2; at < wend; {
		bits := int(b[at])
		if bits > 32 {
			return true
		}
		if at += 1 + (bits+7)/8; at > wend {
			return true
		}
	}
	if wend+2 > len(b) {
		return true
	}
	alen := int(binary.BigEndian.Uint16(b[wend:]))
	start := wend + 2
	for at := start; at < start+alen; {
		hdr := 3
		if at+2 <= len(b) && b[at]&0x10 != 0 {
			hdr = 4 // Extended Length
		}
		if at+hdr > len(b) {
			return true
		}
		n := int(b[at+2])
		if hdr == 4 {
			n = int(binary.BigEndian.Uint16(b[at+2:]))
		}
		if at += hdr + n; at > len(b) {
			return true
		}
	}
	if alen == 0 {
		return false
	}
	for at := start + alen; at < len(b); {
		bits := int(b[at])
		if bits > 32 {
			return false
		}
		if at += 1 + (bits+7)/8; at > len(b) {
			return true
		}
	}
	return false
}

// bgpRouteRefreshMalformed reads a ROUTE-REFRESH body: AFI, reserved and
// SAFI, then, when more follows, the when-to-refresh byte and at least one
// ORF's type and length (RFC 5291).
func bgpRouteRefreshMalformed(b []byte) bool {
	if len(b) < 4 {
		return true
	}
	if len(b) == 4 {
		return false
	}
	for at := 5; ; {
		if at+3 > len(b) {
			return true
		}
		if at += 3 + int(binary.BigEndian.Uint16(b[at+1:])); at >= len(b) {
			return false
		}
	}
}

func bgpDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("BGP")
	if !bgpIsMarker(b) {
		// bytes before a marker, or with none: packet-bgp.c cleared
		// the Info column and found nothing to write
		if out.Info() == "" {
			out.SetInfo("")
		}
		if out.WantTree {
			out.Add(Field{Name: "bgp", Label: "Border Gateway Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
				{Name: "bgp.continuation", Label: "Continuation", Len: len(b)}}})
		}
		return true
	}
	n := 0
	if len(b) >= bgpHeaderLen {
		n = int(binary.BigEndian.Uint16(b[16:]))
	}
	if n < bgpHeaderLen {
		out.AppendInfo(", ", malformedMark)
		if out.WantTree {
			out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: BGP]"})
		}
		return true
	}
	typ := b[18]
	name, ok := bgpTypes[typ]
	if !ok {
		name = "Unknown message type (0x" + hexByte(typ) + ")"
	}
	out.AppendInfo(", ", name)
	bad := bgpMalformed(b[:min(len(b), n)], typ)
	if bad {
		out.AppendInfo("", malformedMark)
	}
	if !out.WantTree {
		return true
	}
	top := Field{Name: "bgp", Label: "Border Gateway Protocol - " + name, Len: len(b), Kind: FieldProto, Children: []Field{
		{Name: "bgp.marker", Label: "Marker: ffffffffffffffffffffffffffffffff", Start: 0, Len: 16},
		UintField("bgp.length", "Length: "+strconv.Itoa(n), 16, 2, uint64(n)),
		UintField("bgp.type", "Type: "+name+" ("+strconv.Itoa(int(typ))+")", 18, 1, uint64(typ)),
	}}
	body := b[:min(len(b), n)]
	switch typ {
	case bgpOpen:
		top.Children = append(top.Children, bgpOpenFields(body)...)
	case bgpUpdate:
		top.Children = append(top.Children, bgpUpdateFields(body)...)
	case bgpNotification:
		if len(body) >= 21 {
			major, minor := body[19], body[20]
			mname := "Unknown"
			if int(major) < len(bgpMajors) && bgpMajors[major] != "" {
				mname = bgpMajors[major]
			}
			top.Children = append(top.Children, UintField("bgp.notify.major_error", "Major error Code: "+mname+" ("+strconv.Itoa(int(major))+")", 19, 1, uint64(major)))
			if major == 6 && int(minor) < len(bgpCeaseSubs) && bgpCeaseSubs[minor] != "" {
				top.Children = append(top.Children, UintField("bgp.notify.minor_error_cease", "Minor error Code (Cease): "+bgpCeaseSubs[minor]+" ("+strconv.Itoa(int(minor))+")", 20, 1, uint64(minor)))
			}
		}
	}
	out.Add(top)
	if bad {
		out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: BGP]"})
	}
	return true
}

// bgpIPv4 is an IPv4 address field from 4 bytes at at.
func bgpIPv4(name, label string, b []byte, at int) Field {
	return Field{Name: name, Label: label + ": " + ipv4String(b[at:at+4]), Start: at, Len: 4, Kind: FieldIPv4,
		Num: uint64(binary.BigEndian.Uint32(b[at:]))}
}

// bgpOpenFields reads an OPEN message (RFC 4271 4.2) and its capability
// parameters (RFC 5492).
func bgpOpenFields(b []byte) []Field {
	if len(b) < 29 {
		return nil
	}
	as, hold, optLen := binary.BigEndian.Uint16(b[20:]), binary.BigEndian.Uint16(b[22:]), int(b[28])
	fs := []Field{
		UintField("bgp.open.version", "Version: "+strconv.Itoa(int(b[19])), 19, 1, uint64(b[19])),
		UintField("bgp.open.myas", "My AS: "+strconv.Itoa(int(as)), 20, 2, uint64(as)),
		UintField("bgp.open.holdtime", "Hold Time: "+strconv.Itoa(int(hold)), 22, 2, uint64(hold)),
		bgpIPv4("bgp.open.identifier", "BGP Identifier", b, 24),
		UintField("bgp.open.opt.len", "Optional Parameters Length: "+strconv.Itoa(optLen), 28, 1, uint64(optLen)),
	}
	end := min(len(b), 29+optLen)
	if optLen == 0 {
		return fs
	}
	opts := Field{Name: "bgp.open.opt", Label: "Optional Parameters", Start: 29, Len: end - 29}
	for at, k := 29, 0; at+2 <= end && k < bgpMaxItems; k++ {
		ptype, plen := b[at], int(b[at+1])
		pend := at + 2 + plen
		if pend > end {
			break
		}
		param := Field{Name: "bgp.open.opt.param", Label: "Optional Parameter: Unknown", Start: at, Len: pend - at, Children: []Field{
			UintField("bgp.open.opt.param.type", "Parameter Type: Unknown ("+strconv.Itoa(int(ptype))+")", at, 1, uint64(ptype)),
			UintField("bgp.open.opt.param.len", "Parameter Length: "+strconv.Itoa(plen), at+1, 1, uint64(plen)),
		}}
		if ptype == 2 { // Capabilities (RFC 5492 4)
			param.Label = "Optional Parameter: Capability"
			param.Children[0].Label = "Parameter Type: Capability (2)"
			for c, j := at+2, 0; c+2 <= pend && j < bgpMaxItems; j++ {
				ce := c + 2 + int(b[c+1])
				if ce > pend {
					break
				}
				param.Children = append(param.Children, bgpCapability(b, c, ce))
				c = ce
			}
		}
		opts.Children = append(opts.Children, param)
		at = pend
	}
	return append(fs, opts)
}

// bgpCapability reads one capability at b[at:end].
func bgpCapability(b []byte, at, end int) Field {
	code, n := b[at], int(b[at+1])
	name, ok := bgpCapabilities[code]
	if !ok {
		name = "Unknown"
	}
	f := Field{Name: "bgp.cap", Label: "Capability: " + name, Start: at, Len: end - at, Children: []Field{
		UintField("bgp.cap.type", "Type: "+name+" ("+strconv.Itoa(int(code))+")", at, 1, uint64(code)),
		UintField("bgp.cap.length", "Length: "+strconv.Itoa(n), at+1, 1, uint64(n)),
	}}
	v := at + 2
	switch {
	case code == 1 && n == 4: // Multiprotocol (RFC 4760 8)
		afi, safi := binary.BigEndian.Uint16(b[v:]), b[v+3]
		f.Children = append(f.Children,
			UintField("bgp.cap.mp.afi", "AFI: "+bgpAFI(afi)+" ("+strconv.Itoa(int(afi))+")", v, 2, uint64(afi)),
			Field{Name: "bgp.cap.reserved", Label: "Reserved: " + hexByte(b[v+2]), Start: v + 2, Len: 1},
			UintField("bgp.cap.mp.safi", "SAFI: "+bgpSAFI(safi)+" ("+strconv.Itoa(int(safi))+")", v+3, 1, uint64(safi)))
	case code == 65 && n == 4: // 4-octet AS (RFC 6793)
		as := binary.BigEndian.Uint32(b[v:])
		f.Children = append(f.Children, UintField("bgp.cap.4as", "AS Number: "+strconv.FormatUint(uint64(as), 10), v, 4, uint64(as)))
	case code == 64 && n >= 2: // Graceful Restart (RFC 4724 3)
		t := uint32(binary.BigEndian.Uint16(b[v:]))
		yes := func(bit uint32) string {
			if t&bit != 0 {
				return "Yes"
			}
			return "No"
		}
		f.Children = append(f.Children, Field{Name: "bgp.cap.gr.timers", Label: "Restart Timers: 0x" + hexByte(byte(t>>8)) + hexByte(byte(t)), Start: v, Len: 2, Children: []Field{
			{Name: "bgp.cap.gr.timers.restart_flag", Label: bitString(t, 16, 0x8000) + " = Restart state: " + yes(0x8000), Start: v, Len: 2},
			{Name: "bgp.cap.gr.timers.notification_flag", Label: bitString(t, 16, 0x4000) + " = Graceful notification: " + yes(0x4000), Start: v, Len: 2},
			{Name: "bgp.cap.gr.timers.restart_time", Label: bitString(t, 16, 0x0fff) + " = Time: " + strconv.Itoa(int(t&0x0fff)), Start: v, Len: 2},
		}})
	}
	return f
}

func bgpAFI(v uint16) string {
	switch v {
	case 1:
		return "IPv4"
	case 2:
		return "IPv6"
	}
	return "Unknown"
}

func bgpSAFI(v byte) string {
	switch v {
	case 1:
		return "Unicast"
	case 2:
		return "Multicast"
	case 4:
		return "Labeled Unicast"
	case 128:
		return "Labeled VPN Unicast"
	}
	return "Unknown"
}

// bgpPrefixes reads IPv4 prefixes (length in bits, then the bytes the
// length needs) at b[at:end], named as withdrawn routes or NLRI.
func bgpPrefixes(b []byte, at, end int, lengthLabel, name, label string) []Field {
	var fs []Field
	for k := 0; at < end && k < bgpMaxItems; k++ {
		bits := int(b[at])
		nb := (bits + 7) / 8
		if bits > 32 || at+1+nb > end {
			break
		}
		var a [4]byte
		copy(a[:], b[at+1:at+1+nb])
		addr := ipv4String(a[:])
		fs = append(fs, Field{Label: addr + "/" + strconv.Itoa(bits), Start: at, Len: 1 + nb, Children: []Field{
			UintField("bgp.prefix_length", lengthLabel+": "+strconv.Itoa(bits), at, 1, uint64(bits)),
			{Name: name, Label: label + ": " + addr, Start: at + 1, Len: nb, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(a[:]))},
		}})
		at += 1 + nb
	}
	return fs
}

// bgpUpdateFields reads an UPDATE message (RFC 4271 4.3).
func bgpUpdateFields(b []byte) []Field {
	if len(b) < 21 {
		return nil
	}
	wl := int(binary.BigEndian.Uint16(b[19:]))
	fs := []Field{UintField("bgp.update.withdrawn_routes.length", "Withdrawn Routes Length: "+strconv.Itoa(wl), 19, 2, uint64(wl))}
	at := 21
	if wl > 0 {
		we := min(len(b), at+wl)
		fs = append(fs, Field{Name: "bgp.update.withdrawn_routes", Label: "Withdrawn Routes", Start: at, Len: we - at,
			Children: bgpPrefixes(b, at, we, "Withdrawn route prefix length", "bgp.withdrawn_prefix", "Withdrawn prefix")})
	}
	at += wl
	if at+2 > len(b) {
		return fs
	}
	al := int(binary.BigEndian.Uint16(b[at:]))
	fs = append(fs, UintField("bgp.update.path_attributes.length", "Total Path Attribute Length: "+strconv.Itoa(al), at, 2, uint64(al)))
	at += 2
	ae := min(len(b), at+al)
	if al > 0 {
		attrs := Field{Name: "bgp.update.path_attributes", Label: "Path attributes", Start: at, Len: ae - at}
		for k := 0; at+3 <= ae && k < bgpMaxItems; k++ {
			f, next := bgpAttribute(b, at, ae)
			if next <= at {
				break
			}
			attrs.Children = append(attrs.Children, f)
			at = next
		}
		fs = append(fs, attrs)
	}
	at = ae
	if at < len(b) {
		fs = append(fs, Field{Name: "bgp.update.nlri", Label: "Network Layer Reachability Information (NLRI)", Start: at, Len: len(b) - at,
			Children: bgpPrefixes(b, at, len(b), "NLRI prefix length", "bgp.nlri_prefix", "NLRI prefix")})
	}
	return fs
}

// bgpAttribute reads one path attribute at at (RFC 4271 4.3: flags, type
// code, a 1- or 2-byte length); its field and where the next starts (at
// when it does not fit).
func bgpAttribute(b []byte, at, end int) (Field, int) {
	flags, code := b[at], b[at+1]
	hl := 3
	if flags&0x10 != 0 {
		hl = 4
	}
	if at+hl > end {
		return Field{}, at
	}
	n := int(b[at+2])
	if hl == 4 {
		n = int(binary.BigEndian.Uint16(b[at+2:]))
	}
	v, ve := at+hl, at+hl+n
	if ve > end {
		return Field{}, at
	}
	name, ok := bgpAttrs[code]
	if !ok {
		name = "Unknown (" + strconv.Itoa(int(code)) + ")"
	}
	f := Field{Name: "bgp.update.path_attribute", Label: "Path Attribute - " + name, Start: at, Len: ve - at, Children: []Field{
		bgpAttrFlags(flags, at),
		UintField("bgp.update.path_attribute.type_code", "Type Code: "+name+" ("+strconv.Itoa(int(code))+")", at+1, 1, uint64(code)),
		UintField("bgp.update.path_attribute.length", "Length: "+strconv.Itoa(n), at+2, hl-2, uint64(n)),
	}}
	switch {
	case code == 1 && n == 1 && b[v] < 3:
		f.Label += ": " + bgpOrigins[b[v]]
		f.Children = append(f.Children, UintField("bgp.update.path_attribute.origin", "Origin: "+bgpOrigins[b[v]]+" ("+strconv.Itoa(int(b[v]))+")", v, 1, uint64(b[v])))
	case code == 2:
		text, segs := bgpASPath(b, v, ve)
		f.Label += ": " + text
		f.Children = append(f.Children, segs...)
	case code == 3 && n == 4:
		f.Label += ": " + ipv4String(b[v:v+4]) + " "
		f.Children = append(f.Children, bgpIPv4("bgp.update.path_attribute.next_hop", "Next hop", b, v))
	case code == 4 && n == 4:
		med := binary.BigEndian.Uint32(b[v:])
		f.Label += ": " + strconv.FormatUint(uint64(med), 10)
		f.Children = append(f.Children, UintField("bgp.update.path_attribute.multi_exit_disc", "Multiple exit discriminator: "+strconv.FormatUint(uint64(med), 10), v, 4, uint64(med)))
	case code == 5 && n == 4:
		lp := binary.BigEndian.Uint32(b[v:])
		f.Label += ": " + strconv.FormatUint(uint64(lp), 10)
		f.Children = append(f.Children, UintField("bgp.update.path_attribute.local_pref", "Local preference: "+strconv.FormatUint(uint64(lp), 10), v, 4, uint64(lp)))
	}
	return f, ve
}

// bgpAttrFlags is an attribute's flags line: the bits set by name, then
// Well-known, Non-transitive and Complete for the bits clear, as
// packet-bgp.c labels it.
func bgpAttrFlags(flags byte, at int) Field {
	label := "Flags: 0x" + hexByte(flags)
	for i, name := range [4]string{"Optional", "Transitive", "Partial", "Extended-Length"} {
		if flags&(0x80>>i) != 0 {
			label += ", " + name
		}
	}
	if flags&0x80 == 0 {
		label += ", Well-known"
	}
	if flags&0x40 == 0 {
		label += ", Non-transitive"
	}
	if flags&0x20 == 0 {
		label += ", Complete"
	}
	set := func(bit byte) string {
		if flags&bit != 0 {
			return "Set"
		}
		return "Not set"
	}
	f8 := uint32(flags)
	return Field{Name: "bgp.update.path_attribute.flags", Label: label, Start: at, Len: 1, Children: []Field{
		{Name: "bgp.update.path_attribute.flags.optional", Label: bitString(f8, 8, 0x80) + " = Optional: " + set(0x80), Start: at, Len: 1},
		{Name: "bgp.update.path_attribute.flags.transitive", Label: bitString(f8, 8, 0x40) + " = Transitive: " + set(0x40), Start: at, Len: 1},
		{Name: "bgp.update.path_attribute.flags.partial", Label: bitString(f8, 8, 0x20) + " = Partial: " + set(0x20), Start: at, Len: 1},
		{Name: "bgp.update.path_attribute.flags.extended_length", Label: bitString(f8, 8, 0x10) + " = Extended-Length: " + set(0x10), Start: at, Len: 1},
		{Name: "bgp.update.path_attribute.flags.unused", Label: bitString(f8, 8, 0x0f) + " = Unused: 0x" + strconv.FormatUint(uint64(flags&0x0f), 16), Start: at, Len: 1},
	}}
}

// bgpASPath reads an AS_PATH's segments (RFC 4271 4.3, RFC 6793: 4-byte
// AS numbers when the segments' lengths fit them, else 2-byte); the
// attribute's text ("65002 65001 ") and the segment fields.
func bgpASPath(b []byte, at, end int) (string, []Field) {
	size := 4
	for s, k := at, 0; s < end; k++ {
		if s+2 > end || k > bgpMaxItems {
			size = 2
			break
		}
		s += 2 + 4*int(b[s+1])
		if s > end {
			size = 2
			break
		}
	}
	var text strings.Builder
	var fs []Field
	for s, k := at, 0; s+2 <= end && k < bgpMaxItems; k++ {
		typ, count := b[s], int(b[s+1])
		se := s + 2 + size*count
		if se > end {
			break
		}
		tname, ok := bgpSegments[typ]
		if !ok {
			tname = "Unknown"
		}
		var nums []string
		seg := Field{Name: "bgp.update.path_attribute.as_path_segment", Start: s, Len: se - s, Children: []Field{
			UintField("bgp.update.path_attribute.as_path_segment.type", "Segment type: "+tname+" ("+strconv.Itoa(int(typ))+")", s, 1, uint64(typ)),
			UintField("bgp.update.path_attribute.as_path_segment.length", "Segment length (number of ASN): "+strconv.Itoa(count), s+1, 1, uint64(count)),
		}}
		for i := 0; i < count; i++ {
			a := s + 2 + size*i
			var as uint64
			name, label := "bgp.update.path_attribute.as_path_segment.as2", "AS2: "
			if size == 4 {
				as = uint64(binary.BigEndian.Uint32(b[a:]))
				name, label = "bgp.update.path_attribute.as_path_segment.as4", "AS4: "
			} else {
				as = uint64(binary.BigEndian.Uint16(b[a:]))
			}
			nums = append(nums, strconv.FormatUint(as, 10))
			seg.Children = append(seg.Children, UintField(name, label+strconv.FormatUint(as, 10), a, size, as))
		}
		joined := strings.Join(nums, " ")
		if typ == 1 || typ == 4 {
			joined = "{" + joined + "}"
		}
		seg.Label = "AS Path segment: " + joined
		text.WriteString(joined + " ")
		fs = append(fs, seg)
		s = se
	}
	return text.String(), fs
}
