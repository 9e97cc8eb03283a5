package decode

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// AMQP 0-9-1 as Wireshark 4.0's packet-amqp.c shows it on TCP 5672. The
// dissector learns the conversation's version from the first bytes of a
// segment: a protocol header "AMQP" whose octets 5-7 read 0-0-9 (0-9) or
// 0-0-10 (0-10), or 1-0-0 (1.0); RabbitMQ's clients send 0-0-9-1, which
// that test does not know, so the header reads "AMQP (unknown version)" and
// the version is guessed from the server's first segment: a 0-9 frame that
// ends with its frame-end octet (0xCE) where its length says. Only 0-9 is
// read here: a conversation guessed to be 0-10 or 1.0 shows AMQP with an
// empty Info. Every frame of a segment appends its summary to the Info
// column with no separator ("Basic.Deliver x=ex rk=key Content-Header
// Content-Body "): "Class.Method " and the method's key arguments, a
// content header's "type=", a body the media type of its channel's last
// content header names (text-lines' " (text/plain)", JSON's ", JavaScript
// Object Notation (application/json)" and Protocol "AMQP/JSON", XML's
// "AMQP/XML"). Reads past a frame's end (the frame-end octet is still
// inside it) end in "[Malformed Packet]". Hand-written: gopacket has no
// AMQP layer.

const amqpPort = 5672 // tshark -G decodes: tcp.port 5672 amqp

// amqp versions a conversation may be found to run.
const (
	amqpV09 = 2
	amqpV10 = 4 // 0-10
	amqpV1  = 5 // 1.0
)

// amqpMaxFrame is get_amqp_0_9_message_len's cap on a frame's length.
const amqpMaxFrame = 1048576

// amqpMaxChannels bounds the channels whose content type a conversation
// remembers.
const amqpMaxChannels = 256

// amqpState is what a conversation keeps: its version, each channel's
// last content type, and the frame in which a PDU completed by reassembly
// was followed by another (TCP then locks the Protocol column).
type amqpState struct {
	version   byte
	ctype     map[uint16]string
	lockFrame int
}

func amqpGetState(c *Conv) *amqpState {
	if c == nil {
		return &amqpState{lockFrame: -1}
	}
	st, _ := c.State.(*amqpState)
	if st == nil {
		st = &amqpState{lockFrame: -1}
		c.State = st
	}
	return st
}

// amqpCheckVersion is check_amqp_version on the bytes a segment begins
// with.
func amqpCheckVersion(st *amqpState, b []byte) {
	if st.version != 0 && b[0] != 'A' {
		return
	}
	if string(b[:4]) == "AMQP" {
		switch {
		case b[5] == 1 && b[6] == 0 && b[7] == 0:
			st.version = amqpV1
		case b[6] == 0 && b[7] == 9:
			st.version = amqpV09
		case b[6] == 0 && b[7] == 10:
			st.version = amqpV10
		}
		return
	}
	n := uint64(binary.BigEndian.Uint32(b[3:])) + 8
	switch {
	case n <= uint64(len(b)) && b[n-1] == 0xce:
		st.version = amqpV09
	case b[4] == 0:
		st.version = amqpV10
	default:
		st.version = amqpV1
	}
}

func amqpPDULen(c *Conv, _ uint8, b []byte) int {
	st := amqpGetState(c)
	if st.version == 0 || (b[0] == 'A' && c.AtSegmentStart()) {
		if len(b) < 8 {
			return 0
		}
		amqpCheckVersion(st, b)
	}
	if st.version != amqpV09 {
		return len(b)
	}
	if len(b) < 7 {
		return 0
	}
	if string(b[:4]) == "AMQP" {
		return 8
	}
	n := binary.BigEndian.Uint32(b[3:])
	if n > amqpMaxFrame {
		n = amqpMaxFrame
	}
	return int(n) + 8
}

// amqpFrameTypes is amqp_0_9_frame_types.
var amqpFrameTypes = map[byte]string{1: "Method", 2: "Content header", 3: "Content body", 4: "OOB Method",
	5: "OOB Content header", 6: "OOB Content body", 7: "Trace", 8: "Heartbeat"}

// amqpClass is one method class: its name, its methods' names, and the
// name its "Unknown ... method" expert uses ("" for the classes 4.0 reads
// no further than their name: File, Stream, Dtx, Tunnel).
type amqpClass struct {
	name    string
	methods map[uint16]string
	expert  string
}

var amqpClasses = map[uint16]amqpClass{
	10: {"Connection", map[uint16]string{10: "Start", 11: "Start-Ok", 20: "Secure", 21: "Secure-Ok", 30: "Tune", 31: "Tune-Ok",
		40: "Open", 41: "Open-Ok", 42: "Redirect", 50: "Close", 51: "Close-Ok", 60: "Blocked", 61: "Unblocked"}, "connection"},
	20: {"Channel", map[uint16]string{10: "Open", 11: "Open-Ok", 20: "Flow", 21: "Flow-Ok", 40: "Close", 41: "Close-Ok",
		50: "Resume", 60: "Ping", 70: "Pong", 80: "Ok"}, "channel"},
	30: {"Access", map[uint16]string{10: "Request", 11: "Request-Ok"}, "access"},
	40: {"Exchange", map[uint16]string{10: "Declare", 11: "Declare-Ok", 20: "Delete", 21: "Delete-Ok", 30: "Bind", 31: "Bind-Ok",
		40: "Unbind"}, "exchange"},
	50: {"Queue", map[uint16]string{10: "Declare", 11: "Declare-Ok", 20: "Bind", 21: "Bind-Ok", 30: "Purge", 31: "Purge-Ok",
		40: "Delete", 41: "Delete-Ok", 50: "Unbind", 51: "Unbind-Ok"}, "queue"},
	60: {"Basic", map[uint16]string{10: "Qos", 11: "Qos-Ok", 20: "Consume", 21: "Consume-Ok", 30: "Cancel", 31: "Cancel-Ok",
		40: "Publish", 50: "Return", 60: "Deliver", 70: "Get", 71: "Get-Ok", 72: "Get-Empty", 80: "Ack", 90: "Reject",
		100: "Recover-Async", 110: "Recover", 111: "Recover-Ok", 120: "Nack"}, "basic"},
	70: {"File", map[uint16]string{10: "Qos", 11: "Qos-Ok", 20: "Consume", 21: "Consume-Ok", 30: "Cancel", 31: "Cancel-Ok",
		40: "Open", 41: "Open-Ok", 50: "Stage", 60: "Publish", 70: "Return", 80: "Deliver", 90: "Ack", 100: "Reject"}, ""},
	80: {"Stream", map[uint16]string{10: "Qos", 11: "Qos-Ok", 20: "Consume", 21: "Consume-Ok", 30: "Cancel", 31: "Cancel-Ok",
		40: "Publish", 50: "Return", 60: "Deliver"}, ""},
	85:  {"Confirm", map[uint16]string{10: "Select", 11: "Select-Ok"}, "confirm"},
	90:  {"Tx", map[uint16]string{10: "Select", 11: "Select-Ok", 20: "Commit", 21: "Commit-Ok", 30: "Rollback", 31: "Rollback-Ok"}, "tx"},
	100: {"Dtx", map[uint16]string{10: "Select", 11: "Select-Ok", 20: "Start", 21: "Start-Ok"}, ""},
	110: {"Tunnel", map[uint16]string{10: "Request"}, ""},
}

// amqpArg kinds: how one method argument is laid out and shown.
const (
	amqpOctet     = iota // 8-bit number
	amqpShort            // 16-bit number
	amqpLong             // 32-bit number
	amqpLongLong         // 64-bit number
	amqpSStr             // short string, the field over its text
	amqpSStrLen          // short string, the field over its length octet and text (FT_UINT_STRING)
	amqpLStrBytes        // long string shown as bytes, over its text
	amqpLStrLen          // long string shown as bytes, over its length and text (FT_UINT_BYTES)
	amqpTable            // field table, over its entries
	amqpBit              // one bit of a packed octet (bit = its index)
)

// amqpArg is one argument of a method: its kind, filter field, label and,
// for the arguments the Info column shows, the key before the value.
type amqpArg struct {
	kind  byte
	name  string
	label string
	info  string
	bit   byte
}

func aOct(n, l string) amqpArg       { return amqpArg{kind: amqpOctet, name: n, label: l} }
func aShort(n, l string) amqpArg     { return amqpArg{kind: amqpShort, name: n, label: l} }
func aLong(n, l string) amqpArg      { return amqpArg{kind: amqpLong, name: n, label: l} }
func aLL(n, l string) amqpArg        { return amqpArg{kind: amqpLongLong, name: n, label: l} }
func aStr(n, l, info string) amqpArg { return amqpArg{kind: amqpSStr, name: n, label: l, info: info} }
func aStrL(n, l, info string) amqpArg {
	return amqpArg{kind: amqpSStrLen, name: n, label: l, info: info}
}
func aBytes(n, l string) amqpArg  { return amqpArg{kind: amqpLStrBytes, name: n, label: l} }
func aBytesL(n, l string) amqpArg { return amqpArg{kind: amqpLStrLen, name: n, label: l} }
func aTable(n, l string) amqpArg  { return amqpArg{kind: amqpTable, name: n, label: l} }
func aBit(n, l string, bit byte) amqpArg {
	return amqpArg{kind: amqpBit, name: n, label: l, bit: bit}
}

const amqpA = "amqp.method.arguments."

var (
	amqpTicket   = aShort(amqpA+"ticket", "Ticket")
	amqpNowait0  = aBit(amqpA+"nowait", "Nowait", 0)
	amqpReplyArg = []amqpArg{aShort(amqpA+"reply_code", "Reply-Code"), aStr(amqpA+"reply_text", "Reply-Text", "reply="),
		aShort(amqpA+"class_id", "Class-Id"), aShort(amqpA+"method_id", "Method-Id")}
)

// amqpMethods lists each method's arguments (class<<16 | method).
var amqpMethods = map[uint32][]amqpArg{
	10<<16 | 10: {aOct(amqpA+"version_major", "Version-Major"), aOct(amqpA+"version_minor", "Version-Minor"),
		aTable(amqpA+"server_properties", "Server-Properties"), aBytes(amqpA+"mechanisms", "Mechanisms"), aBytes(amqpA+"locales", "Locales")},
	10<<16 | 11: {aTable(amqpA+"client_properties", "Client-Properties"), aStrL(amqpA+"mechanism", "Mechanism", ""),
		aBytesL(amqpA+"response", "Response"), aStrL(amqpA+"locale", "Locale", "")},
	10<<16 | 20: {aBytesL(amqpA+"challenge", "Challenge")},
	10<<16 | 21: {aBytesL(amqpA+"response", "Response")},
	10<<16 | 30: {aShort(amqpA+"channel_max", "Channel-Max"), aLong(amqpA+"frame_max", "Frame-Max"), aShort(amqpA+"heartbeat", "Heartbeat")},
	10<<16 | 31: {aShort(amqpA+"channel_max", "Channel-Max"), aLong(amqpA+"frame_max", "Frame-Max"), aShort(amqpA+"heartbeat", "Heartbeat")},
	10<<16 | 40: {aStrL(amqpA+"virtual_host", "Virtual-Host", "vhost="), aStr(amqpA+"capabilities", "Capabilities", ""),
		aBit(amqpA+"insist", "Insist", 0)},
	10<<16 | 41: {aStr(amqpA+"known_hosts", "Known-Hosts", "")},
	10<<16 | 50: {aShort(amqpA+"reply_code", "Reply-Code"), aStrL(amqpA+"reply_text", "Reply-Text", "reply="),
		aShort(amqpA+"class_id", "Class-Id"), aShort(amqpA+"method_id", "Method-Id")},
	10<<16 | 51: {},
	10<<16 | 60: {aStr(amqpA+"reason", "Reason", "")},
	10<<16 | 61: {},
	20<<16 | 10: {aStr(amqpA+"out_of_band", "Out-Of-Band", "")},
	20<<16 | 11: {aBytes(amqpA+"channel_id", "Channel-Id")},
	20<<16 | 20: {aBit(amqpA+"active", "Active", 0)},
	20<<16 | 21: {aBit(amqpA+"active", "Active", 0)},
	20<<16 | 40: amqpReplyArg,
	20<<16 | 41: {},
	30<<16 | 10: {aStr(amqpA+"realm", "Realm", ""), aBit(amqpA+"exclusive", "Exclusive", 0), aBit(amqpA+"passive", "Passive", 1),
		aBit(amqpA+"active", "Active", 2), aBit(amqpA+"write", "Write", 3), aBit(amqpA+"read", "Read", 4)},
	30<<16 | 11: {amqpTicket},
	40<<16 | 10: {amqpTicket, aStr(amqpA+"exchange", "Exchange", "x="), aStr(amqpA+"type", "Type", ""),
		aBit(amqpA+"passive", "Passive", 0), aBit(amqpA+"durable", "Durable", 1), aBit(amqpA+"auto_delete", "Auto-Delete", 2),
		aBit(amqpA+"internal", "Internal", 3), aBit(amqpA+"nowait", "Nowait", 4), aTable(amqpA+"arguments", "Arguments")},
	40<<16 | 11: {},
	40<<16 | 20: {amqpTicket, aStr(amqpA+"exchange", "Exchange", "x="), aBit(amqpA+"if_unused", "If-Unused", 0),
		aBit(amqpA+"nowait", "Nowait", 1)},
	40<<16 | 21: {},
	40<<16 | 30: {amqpTicket, aStr(amqpA+"destination", "Destination", "dx="), aStr(amqpA+"source", "Destination", "sx="),
		aStr(amqpA+"routing_key", "Routing-Key", "bk="), amqpNowait0, aTable(amqpA+"arguments", "Arguments")},
	40<<16 | 31: {},
	40<<16 | 51: {}, // Unbind-Ok: read as one, though 4.0's names lack it
	40<<16 | 40: {amqpTicket, aStr(amqpA+"destination", "Destination", "dx="), aStr(amqpA+"source", "Destination", "sx="),
		aStr(amqpA+"routing_key", "Routing-Key", "bk="), amqpNowait0, aTable(amqpA+"arguments", "Arguments")},
	50<<16 | 10: {amqpTicket, aStr(amqpA+"queue", "Queue", "q="), aBit(amqpA+"passive", "Passive", 0),
		aBit(amqpA+"durable", "Durable", 1), aBit(amqpA+"exclusive", "Exclusive", 2), aBit(amqpA+"auto_delete", "Auto-Delete", 3),
		aBit(amqpA+"nowait", "Nowait", 4), aTable(amqpA+"arguments", "Arguments")},
	50<<16 | 11: {aStr(amqpA+"queue", "Queue", "q="), aLong(amqpA+"message_count", "Message-Count"),
		aLong(amqpA+"consumer_count", "Consumer-Count")},
	50<<16 | 20: {amqpTicket, aStr(amqpA+"queue", "Queue", "q="), aStr(amqpA+"exchange", "Exchange", "x="),
		aStr(amqpA+"routing_key", "Routing-Key", "bk="), amqpNowait0, aTable(amqpA+"arguments", "Arguments")},
	50<<16 | 21: {},
	50<<16 | 30: {amqpTicket, aStr(amqpA+"queue", "Queue", "q="), amqpNowait0},
	50<<16 | 31: {aLong(amqpA+"message_count", "Message-Count")},
	50<<16 | 40: {amqpTicket, aStr(amqpA+"queue", "Queue", "q="), aBit(amqpA+"if_unused", "If-Unused", 0),
		aBit(amqpA+"if_empty", "If-Empty", 1), aBit(amqpA+"nowait", "Nowait", 2)},
	50<<16 | 41: {aLong(amqpA+"message_count", "Message-Count")},
	50<<16 | 50: {amqpTicket, aStr(amqpA+"queue", "Queue", "q="), aStr(amqpA+"exchange", "Exchange", "x="),
		aStr(amqpA+"routing_key", "Routing-Key", "rk="), aTable(amqpA+"arguments", "Arguments")},
	50<<16 | 51: {},
	60<<16 | 10: {aLong(amqpA+"prefetch_size", "Prefetch-Size"), aShort(amqpA+"prefetch_count", "Prefetch-Count"),
		aBit(amqpA+"global", "Global", 0)},
	60<<16 | 11: {},
	60<<16 | 20: {amqpTicket, aStr(amqpA+"queue", "Queue", "q="), aStr(amqpA+"consumer_tag", "Consumer-Tag", ""),
		aBit(amqpA+"no_local", "No-Local", 0), aBit(amqpA+"no_ack", "No-Ack", 1), aBit(amqpA+"exclusive", "Exclusive", 2),
		aBit(amqpA+"nowait", "Nowait", 3), aTable(amqpA+"filter", "Filter")},
	60<<16 | 21: {aStr(amqpA+"consumer_tag", "Consumer-Tag", "")},
	60<<16 | 30: {aStr(amqpA+"consumer_tag", "Consumer-Tag", ""), amqpNowait0},
	60<<16 | 31: {aStr(amqpA+"consumer_tag", "Consumer-Tag", "")},
	60<<16 | 40: {amqpTicket, aStr(amqpA+"exchange", "Exchange", "x="), aStr(amqpA+"routing_key", "Routing-Key", "rk="),
		aBit(amqpA+"mandatory", "Mandatory", 0), aBit(amqpA+"immediate", "Immediate", 1)},
	60<<16 | 50: {aShort(amqpA+"reply_code", "Reply-Code"), aStr(amqpA+"reply_text", "Reply-Text", ""),
		aStr(amqpA+"exchange", "Exchange", ""), aStr(amqpA+"routing_key", "Routing-Key", "")},
	60<<16 | 60: {aStr(amqpA+"consumer_tag", "Consumer-Tag", ""), aLL(amqpA+"delivery_tag", "Delivery-Tag"),
		aBit(amqpA+"redelivered", "Redelivered", 0), aStr(amqpA+"exchange", "Exchange", "x="),
		aStr(amqpA+"routing_key", "Routing-Key", "rk=")},
	60<<16 | 70: {amqpTicket, aStr(amqpA+"queue", "Queue", "q="), aBit(amqpA+"no_ack", "No-Ack", 0)},
	60<<16 | 71: {aLL(amqpA+"delivery_tag", "Delivery-Tag"), aBit(amqpA+"redelivered", "Redelivered", 0),
		aStr(amqpA+"exchange", "Exchange", "x="), aStr(amqpA+"routing_key", "Routing-Key", "rk="),
		aLong(amqpA+"message_count", "Message-Count")},
	60<<16 | 72:  {aStr(amqpA+"cluster_id", "Cluster-Id", "")},
	60<<16 | 80:  {aLL(amqpA+"delivery_tag", "Delivery-Tag"), aBit(amqpA+"multiple", "Multiple", 0)},
	60<<16 | 90:  {aLL(amqpA+"delivery_tag", "Delivery-Tag"), aBit(amqpA+"requeue", "Requeue", 0)},
	60<<16 | 100: {aBit(amqpA+"requeue", "Requeue", 0)},
	60<<16 | 110: {aBit(amqpA+"requeue", "Requeue", 0)},
	60<<16 | 111: {},
	60<<16 | 120: {aLL(amqpA+"delivery_tag", "Delivery-Tag"), aBit(amqpA+"multiple", "Multiple", 0),
		aBit(amqpA+"requeue", "Requeue", 1)},
	85<<16 | 10: {amqpNowait0},
	85<<16 | 11: {},
	90<<16 | 10: {}, 90<<16 | 11: {}, 90<<16 | 20: {}, 90<<16 | 21: {}, 90<<16 | 30: {}, 90<<16 | 31: {},
}

// amqpProps are the content header's properties, in flag order (bit 15
// first).
var amqpProps = []amqpArg{
	aStr("amqp.method.properties.content_type", "Content-Type", "type="),
	aStr("amqp.method.properties.content_encoding", "Content-Encoding", ""),
	aTable("amqp.method.properties.headers", "Headers"),
	aOct("amqp.method.properties.delivery_mode", "Delivery-Mode"),
	aOct("amqp.method.properties.priority", "Priority"),
	aStr("amqp.method.properties.correlation_id", "Correlation-Id", ""),
	aStr("amqp.method.properties.reply_to", "Reply-To", ""),
	aStr("amqp.method.properties.expiration", "Expiration", ""),
	aStr("amqp.method.properties.message_id", "Message-Id", ""),
	{kind: amqpLongLong, name: "amqp.method.properties.timestamp", label: "Timestamp"},
	aStr("amqp.method.properties.type", "Type", ""),
	aStr("amqp.method.properties.user_id", "User-Id", ""),
	aStr("amqp.method.properties.app_id", "App-Id", ""),
	aStr("amqp.method.properties.cluster_id", "Cluster-Id", ""),
}

// amqpFrame reads one frame; bad is set when a read runs past its end.
type amqpFrame struct {
	b    []byte
	out  *Out
	tree bool
	bad  bool
}

// has reports whether n bytes lie at off, else marks the frame malformed.
func (r *amqpFrame) has(off, n int) bool {
	if n < 0 || off < 0 || off+n > len(r.b) {
		r.bad = true
		return false
	}
	return true
}

func amqpDissect(p *PDU, out *Out) bool {
	out.SetProto("AMQP")
	st := amqpGetState(p.Conv)
	if st.version == 0 {
		out.AppendInfo("", "AMQP (unknown version)")
		return true
	}
	if st.version != amqpV09 {
		return true
	}
	b := p.Data
	if len(p.Segments) > 1 {
		st.lockFrame = p.Frame
	} else if st.lockFrame != p.Frame {
		st.lockFrame = -1
	}
	top := Field{Name: "amqp", Label: "Advanced Message Queuing Protocol", Start: 0, Len: len(b), Kind: FieldProto}
	if len(b) >= 8 && string(b[:4]) == "AMQP" {
		out.AppendInfo("", fmt.Sprintf("Protocol-Header %d-%d-%d", b[5], b[6], b[7]))
		if out.WantTree {
			top.Children = []Field{
				StrField("amqp.init.protocol", "Protocol: AMQP", 0, 4, "AMQP"),
				UintField("amqp.init.id_major", "Protocol ID Major: "+strconv.Itoa(int(b[4])), 4, 1, uint64(b[4])),
				UintField("amqp.init.id_minor", "Protocol ID Minor: "+strconv.Itoa(int(b[5])), 5, 1, uint64(b[5])),
				UintField("amqp.init.version_major", "Version Major: "+strconv.Itoa(int(b[6])), 6, 1, uint64(b[6])),
				UintField("amqp.init.version_minor", "Version Minor: "+strconv.Itoa(int(b[7])), 7, 1, uint64(b[7])),
			}
			out.Add(top)
		}
		return true
	}
	r := &amqpFrame{b: b, out: out, tree: out.WantTree}
	kids := r.frame(p, st)
	if out.WantTree {
		top.Children = kids
		out.Add(top)
	}
	if r.bad {
		out.AppendInfo("", "[Malformed Packet]")
		if out.WantTree {
			out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: AMQP]"})
		}
	}
	return true
}

// frame reads the frame header and what its type holds.
func (r *amqpFrame) frame(p *PDU, st *amqpState) []Field {
	var f []Field
	if !r.has(0, 7) {
		return f
	}
	typ := r.b[0]
	ch := binary.BigEndian.Uint16(r.b[1:])
	size := binary.BigEndian.Uint32(r.b[3:])
	tname, ok := amqpFrameTypes[typ]
	if !ok {
		tname = "Unknown"
	}
	if r.tree {
		f = append(f, UintField("amqp.type", "Type: "+tname+" ("+strconv.Itoa(int(typ))+")", 0, 1, uint64(typ)),
			UintField("amqp.channel", "Channel: "+strconv.Itoa(int(ch)), 1, 2, uint64(ch)),
			UintField("amqp.length", "Length: "+strconv.FormatUint(uint64(size), 10), 3, 4, uint64(size)))
	}
	switch typ {
	case 1:
		f = r.method(f, size)
	case 2:
		f = r.header(f, st, ch)
	case 3:
		f = r.body(f, p, st, ch, int(size))
	case 8:
		r.out.AppendInfo("", "Heartbeat ")
	default:
		if r.tree {
			f = append(f, Field{Name: "amqp.unknown.frame_type", Label: "Unknown frame type " + strconv.Itoa(int(typ))})
		}
	}
	return f
}

func (r *amqpFrame) method(f []Field, size uint32) []Field {
	if !r.has(7, 2) {
		return f
	}
	cls := binary.BigEndian.Uint16(r.b[7:])
	c, known := amqpClasses[cls]
	cname := c.name
	if !known {
		cname = "Unknown"
	}
	if r.tree {
		f = append(f, UintField("amqp.method.class", "Class: "+cname+" ("+strconv.Itoa(int(cls))+")", 7, 2, uint64(cls)))
	}
	if !known {
		if r.tree {
			f = append(f, Field{Name: "amqp.unknown.method.class", Label: "Unknown method class " + strconv.Itoa(int(cls))})
		}
		return f
	}
	if !r.has(9, 2) {
		return f
	}
	m := binary.BigEndian.Uint16(r.b[9:])
	mname, ok := c.methods[m]
	if !ok {
		mname = "Unknown (" + strconv.Itoa(int(m)) + ")"
	}
	if r.tree {
		label := "Method: " + mname
		if ok {
			label += " (" + strconv.Itoa(int(m)) + ")"
		}
		f = append(f, UintField("amqp.method.method", label, 9, 2, uint64(m)))
	}
	r.out.AppendInfo("", cname+"."+mname+" ")
	alen := int(size) - 4
	if alen < 0 {
		alen = 0
	}
	args := Field{Name: "amqp.method.arguments", Label: "Arguments", Start: 11, Len: min(alen, max(len(r.b)-11, 0))}
	list, ok := amqpMethods[uint32(cls)<<16|uint32(m)]
	switch {
	case c.expert == "":
		// 4.0 names these classes' methods and reads no argument
		r.bad = true
	case !ok:
		if r.tree {
			f = append(f, args)
			f = append(f, Field{Name: "amqp.unknown.method." + c.expert, Label: "Unknown " + c.expert + " method " + strconv.Itoa(int(m))})
		}
		return f
	default:
		args.Children = r.args(list, 11, cls, m)
	}
	if r.tree {
		f = append(f, args)
	}
	return f
}

// args reads a method's (or the content header's) arguments from off.
func (r *amqpFrame) args(list []amqpArg, off int, cls, m uint16) []Field {
	var f []Field
	bitOff := -1 // the packed octet the current run of bits reads
	for _, a := range list {
		if a.kind != amqpBit && bitOff >= 0 {
			off = bitOff + 1
			bitOff = -1
		}
		switch a.kind {
		case amqpBit:
			if bitOff < 0 {
				bitOff = off
			}
			if !r.has(bitOff, 1) {
				return f
			}
			v := r.b[bitOff] >> a.bit & 1
			if r.tree {
				tf := "False"
				if v != 0 {
					tf = "True"
				}
				f = append(f, Field{Name: a.name, Label: bitString(uint32(r.b[bitOff]), 8, 1<<a.bit) + " = " + a.label + ": " + tf,
					Start: bitOff, Len: 1, Kind: FieldBool, Num: uint64(v)})
			}
		case amqpOctet:
			if !r.has(off, 1) {
				return f
			}
			v := uint64(r.b[off])
			f = r.num(f, a, off, 1, v)
			off++
		case amqpShort:
			if !r.has(off, 2) {
				return f
			}
			v := uint64(binary.BigEndian.Uint16(r.b[off:]))
			f = r.num(f, a, off, 2, v)
			if r.tree && a.name == amqpA+"reply_code" {
				f = r.replyNote(f, cls, m, v)
			}
			off += 2
		case amqpLong:
			if !r.has(off, 4) {
				return f
			}
			f = r.num(f, a, off, 4, uint64(binary.BigEndian.Uint32(r.b[off:])))
			off += 4
		case amqpLongLong:
			if !r.has(off, 8) {
				return f
			}
			v := binary.BigEndian.Uint64(r.b[off:])
			if a.name == "amqp.method.properties.timestamp" {
				if r.tree {
					f = append(f, Field{Name: a.name, Label: a.label + ": " + amqpTime(v), Start: off, Len: 8, Kind: FieldUint, Num: v})
				}
			} else {
				f = r.num(f, a, off, 8, v)
			}
			off += 8
		case amqpSStr, amqpSStrLen:
			if !r.has(off, 1) {
				return f
			}
			n := int(r.b[off])
			if !r.has(off+1, n) {
				return f
			}
			raw := r.b[off+1 : off+1+n]
			text := formatText(raw)
			if r.tree {
				start, size := off+1, n
				if a.kind == amqpSStrLen {
					start, size = off, n+1
				}
				f = append(f, StrField(a.name, a.label+": "+text, start, size, string(raw)))
			}
			if a.info != "" {
				r.out.AppendInfo("", a.info+text+" ")
			}
			off += 1 + n
		case amqpLStrBytes, amqpLStrLen:
			if !r.has(off, 4) {
				return f
			}
			n := binary.BigEndian.Uint32(r.b[off:])
			if !r.has(off+4, int(min(n, uint32(len(r.b))+1))) {
				return f
			}
			raw := r.b[off+4 : off+4+int(n)]
			if r.tree {
				text := hexEllipsis(raw)
				if n == 0 {
					text = "<MISSING>"
				}
				start, size := off+4, int(n)
				if a.kind == amqpLStrLen {
					start, size = off, int(n)+4
				}
				f = append(f, Field{Name: a.name, Label: a.label + ": " + text, Start: start, Len: size, Kind: FieldBytes, Str: string(raw)})
			}
			off += 4 + int(n)
		case amqpTable:
			if !r.has(off, 4) {
				return f
			}
			n := binary.BigEndian.Uint32(r.b[off:])
			if !r.has(off+4, int(min(n, uint32(len(r.b))+1))) {
				return f
			}
			t := Field{Name: a.name, Label: a.label, Start: off + 4, Len: int(n)}
			if r.tree {
				t.Children = r.table(off+4, int(n), 0)
				f = append(f, t)
			}
			off += 4 + int(n)
		}
	}
	return f
}

// num adds a numeric argument.
func (r *amqpFrame) num(f []Field, a amqpArg, off, n int, v uint64) []Field {
	if r.tree {
		f = append(f, UintField(a.name, a.label+": "+strconv.FormatUint(v, 10), off, n, v))
	}
	return f
}

// replyNote adds the note packet-amqp.c hangs under a reply code: a
// channel or connection error for a Close, an undelivered message for a
// Return.
func (r *amqpFrame) replyNote(f []Field, cls, m uint16, code uint64) []Field {
	last := &f[len(f)-1]
	switch {
	case cls == 60 && m == 50:
		last.Children = append(last.Children, Field{Name: "amqp.message.undeliverable", Label: "Message was not delivered"})
	case code >= 300 && cls == 20 && m == 40:
		last.Children = append(last.Children, Field{Name: "amqp.channel.error", Label: "Channel error"})
	case code >= 300 && cls == 10 && m == 50:
		last.Children = append(last.Children, Field{Name: "amqp.connection.error", Label: "Connection error"})
	}
	return f
}

// amqpTime shows a 64-bit count of seconds as an absolute UTC time.
func amqpTime(v uint64) string {
	if v > 1<<40 {
		v = 1 << 40
	}
	return cflowAbsTime(int64(v), 0)
}

// amqpMaxDepth bounds nested field tables and arrays.
const amqpMaxDepth = 16

// table reads the field table entries of n bytes at off.
func (r *amqpFrame) table(off, n, depth int) []Field {
	var f []Field
	end := off + n
	for off < end && len(f) < 1024 {
		ln := int(r.b[off])
		if off+1+ln >= end {
			f = append(f, Field{Name: "amqp.field_short", Label: "Field is cut off by the end of the field table"})
			return f
		}
		name := formatText(r.b[off+1 : off+1+ln])
		off += 1 + ln
		fd, next := r.value(name+" ", off, end, depth)
		f = append(f, fd)
		if next < 0 {
			return f
		}
		off = next
	}
	return f
}

// array reads the field array values of n bytes at off.
func (r *amqpFrame) array(off, n, depth int) []Field {
	var f []Field
	end := off + n
	for i := 0; off < end && len(f) < 1024; i++ {
		fd, next := r.value("["+strconv.Itoa(i)+"] ", off, end, depth)
		f = append(f, fd)
		if next < 0 {
			return f
		}
		off = next
	}
	return f
}

// value reads one typed value (its type octet at off, inside the table or
// array ending at end) and returns its line and where the next entry
// begins, -1 when the walk cannot go on.
func (r *amqpFrame) value(prefix string, off, end, depth int) (Field, int) {
	typ := r.b[off]
	v := off + 1
	fixed := func(kind string, n int, text func(b []byte) string) (Field, int) {
		if v+n > end {
			return Field{Name: "amqp.field_short", Label: "Field is cut off by the end of the field table"}, -1
		}
		return Field{Name: "amqp.field", Label: prefix + "(" + kind + "): " + text(r.b[v:v+n]), Start: off, Len: 1 + n}, v + n
	}
	u := func(b []byte) uint64 {
		var x uint64
		for _, c := range b {
			x = x<<8 | uint64(c)
		}
		return x
	}
	sint := func(b []byte) string {
		x := u(b)
		shift := 64 - 8*len(b)
		return strconv.FormatInt(int64(x<<shift)>>shift, 10)
	}
	uint := func(b []byte) string { return strconv.FormatUint(u(b), 10) }
	switch typ {
	case 't':
		return fixed("boolean", 1, func(b []byte) string {
			if b[0] != 0 {
				return "true"
			}
			return "false"
		})
	case 'b':
		return fixed("byte", 1, sint)
	case 'B':
		return fixed("unsigned byte", 1, uint)
	case 's':
		return fixed("short int", 2, sint)
	case 'u':
		return fixed("short uint", 2, uint)
	case 'I':
		return fixed("integer", 4, sint)
	case 'i':
		return fixed("unsigned integer", 4, uint)
	case 'l':
		return fixed("long int", 8, sint)
	case 'f':
		return fixed("float", 4, func(b []byte) string {
			return strconv.FormatFloat(float64(math.Float32frombits(uint32(u(b)))), 'f', 6, 64)
		})
	case 'd':
		return fixed("double", 8, func(b []byte) string {
			return strconv.FormatFloat(math.Float64frombits(u(b)), 'f', 6, 64)
		})
	case 'D':
		return fixed("decimal", 5, func(b []byte) string {
			return strconv.FormatFloat(float64(u(b[1:]))/math.Pow10(int(b[0])), 'f', 6, 64)
		})
	case 'V':
		return Field{Name: "amqp.field", Label: prefix + "(void): ", Start: off, Len: 1}, v
	case 'T':
		if v+8 > end {
			return Field{Name: "amqp.field_short", Label: "Field is cut off by the end of the field table"}, -1
		}
		t := binary.BigEndian.Uint64(r.b[v:])
		return Field{Name: "amqp.field.timestamp", Label: prefix + "(timestamp): " + amqpTime(t), Start: off, Len: 9, Kind: FieldUint, Num: t}, v + 8
	case 'S', 'x', 'F', 'A':
		if v+4 > end {
			return Field{Name: "amqp.field_short", Label: "Field is cut off by the end of the field table"}, -1
		}
		n := int(binary.BigEndian.Uint32(r.b[v:]))
		if n < 0 || n > end-v-4 {
			return Field{Name: "amqp.field_short", Label: "Field is cut off by the end of the field table"}, -1
		}
		body := r.b[v+4 : v+4+n]
		next := v + 4 + n
		switch typ {
		case 'S':
			return Field{Name: "amqp.field", Label: prefix + "(string): " + formatText(body), Start: off, Len: 5 + n}, next
		case 'x':
			return Field{Name: "amqp.field.byte_array", Label: prefix + "(byte array): " + hexEllipsis(body), Start: v + 4, Len: n,
				Kind: FieldBytes, Str: string(body)}, next
		case 'F':
			fd := Field{Name: "amqp.field", Label: prefix + "(field table)", Start: off, Len: 5 + n}
			if depth < amqpMaxDepth {
				fd.Children = r.table(v+4, n, depth+1)
			}
			return fd, next
		default:
			fd := Field{Name: "amqp.field", Label: prefix + "(array)", Start: off, Len: 5 + n}
			if depth < amqpMaxDepth {
				fd.Children = r.array(v+4, n, depth+1)
			}
			return fd, next
		}
	}
	c := string(rune(typ))
	if typ < 0x20 || typ >= 0x7f {
		c = formatText([]byte{typ})
	}
	return Field{Name: "amqp.field", Label: strings.TrimSuffix(prefix, " ") + ": unknown type " + strconv.FormatUint(uint64(typ), 16) + " (" + c + ")",
		Start: off, Len: 1}, v
}

// header reads a content header frame.
func (r *amqpFrame) header(f []Field, st *amqpState, ch uint16) []Field {
	r.out.AppendInfo("", "Content-Header ")
	if !r.has(7, 14) {
		return f
	}
	cls := binary.BigEndian.Uint16(r.b[7:])
	weight := binary.BigEndian.Uint16(r.b[9:])
	bsize := binary.BigEndian.Uint64(r.b[11:])
	flags := binary.BigEndian.Uint16(r.b[19:])
	if r.tree {
		cname := "Unknown"
		if c, ok := amqpClasses[cls]; ok {
			cname = c.name
		}
		f = append(f, UintField("amqp.header.class", "Class ID: "+cname+" ("+strconv.Itoa(int(cls))+")", 7, 2, uint64(cls)),
			UintField("amqp.header.weight", "Weight: "+strconv.Itoa(int(weight)), 9, 2, uint64(weight)),
			UintField("amqp.header.body-size", "Body size: "+strconv.FormatUint(bsize, 10), 11, 8, bsize),
			UintField("amqp.header.property-flags", fmt.Sprintf("Property flags: 0x%04x", flags), 19, 2, uint64(flags)))
	}
	if cls != 60 {
		if r.tree {
			f = append(f, Field{Name: "amqp.unknown.header_class", Label: "Unknown header class " + strconv.Itoa(int(cls))})
		}
		return f
	}
	var list []amqpArg
	for i, a := range amqpProps {
		if flags&(0x8000>>i) != 0 {
			list = append(list, a)
		}
	}
	props := Field{Name: "amqp.header.properties", Label: "Properties", Start: 21, Len: max(len(r.b)-22, 0)}
	props.Children = r.args(list, 21, 0, 0)
	ctype := ""
	if flags&0x8000 != 0 && r.has(21, 1) && 22+int(r.b[21]) <= len(r.b) {
		ctype = string(r.b[22 : 22+int(r.b[21])])
	}
	if len(st.ctype) < amqpMaxChannels || st.ctype[ch] != "" {
		if st.ctype == nil {
			st.ctype = map[uint16]string{}
		}
		st.ctype[ch] = ctype
	}
	if r.tree {
		f = append(f, props)
	}
	return f
}

// body reads a content body frame and names its media type as the
// dissector the channel's content type picks does.
func (r *amqpFrame) body(f []Field, p *PDU, st *amqpState, ch uint16, size int) []Field {
	r.out.AppendInfo("", "Content-Body ")
	n := max(min(size, len(r.b)-7), 0)
	data := r.b[7 : 7+n]
	if r.tree {
		f = append(f, Field{Name: "amqp.payload", Label: "Payload: " + hexEllipsis(data), Start: 7, Len: n, Kind: FieldBytes, Str: string(data)})
	}
	ctype := strings.ToLower(st.ctype[ch])
	if size == 0 || !amqpMediaKnown(ctype) {
		return f
	}
	saved := r.out.Proto
	httpMediaInfo("AMQP", &httpHead{ctype: ctype}, data, r.out)
	if st.lockFrame == p.Frame && len(p.Segments) <= 1 {
		// a PDU completed by reassembly came first in this segment: TCP
		// locked the Protocol column after it
		r.out.Proto = saved
	}
	return f
}

// amqpMediaKnown says whether Wireshark's media_type table has a dissector
// for the type (AMQP does not fall back to the "media" dissector, so an
// unregistered type adds nothing): JSON, XML and the text-lines types.
func amqpMediaKnown(t string) bool {
	switch {
	case t == "application/json" || strings.HasSuffix(t, "+json"),
		t == "text/xml" || t == "application/xml" || strings.HasSuffix(t, "+xml"),
		t == "text/plain" || t == "text/html" || t == "text/css":
		return true
	}
	return false
}

var amqpDissector = &Dissector{
	Name:       "amqp",
	Dissect:    amqpDissect,
	PDULen:     amqpPDULen,
	ClearsInfo: true,
	Fields:     amqpFields(),
}

// amqpFields lists the filter fields the tree carries.
func amqpFields() []FieldDef {
	fs := []FieldDef{
		{Name: "amqp.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "amqp.channel", Desc: "Channel", Kind: FieldUint, Bits: 16},
		{Name: "amqp.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "amqp.method.class", Desc: "Class", Kind: FieldUint, Bits: 16},
		{Name: "amqp.method.method", Desc: "Method", Kind: FieldUint, Bits: 16},
		{Name: "amqp.method.arguments", Desc: "Arguments", Kind: FieldLabel},
		{Name: "amqp.init.protocol", Desc: "Protocol", Kind: FieldString},
		{Name: "amqp.init.id_major", Desc: "Protocol ID Major", Kind: FieldUint, Bits: 8},
		{Name: "amqp.init.id_minor", Desc: "Protocol ID Minor", Kind: FieldUint, Bits: 8},
		{Name: "amqp.init.version_major", Desc: "Version Major", Kind: FieldUint, Bits: 8},
		{Name: "amqp.init.version_minor", Desc: "Version Minor", Kind: FieldUint, Bits: 8},
		{Name: "amqp.header.class", Desc: "Class ID", Kind: FieldUint, Bits: 16},
		{Name: "amqp.header.weight", Desc: "Weight", Kind: FieldUint, Bits: 16},
		{Name: "amqp.header.body-size", Desc: "Body size", Kind: FieldUint, Bits: 64},
		{Name: "amqp.header.property-flags", Desc: "Property flags", Kind: FieldUint, Bits: 16},
		{Name: "amqp.header.properties", Desc: "Properties", Kind: FieldLabel},
		{Name: "amqp.payload", Desc: "Payload", Kind: FieldBytes},
		{Name: "amqp.field", Desc: "AMQP", Kind: FieldLabel},
		{Name: "amqp.field.byte_array", Desc: "(byte array)", Kind: FieldBytes},
		{Name: "amqp.field_short", Desc: "Field is cut off by the end of the field table", Kind: FieldLabel},
		{Name: "amqp.unknown.frame_type", Desc: "Unknown frame type", Kind: FieldLabel},
		{Name: "amqp.unknown.method.class", Desc: "Unknown method class", Kind: FieldLabel},
		{Name: "amqp.unknown.header_class", Desc: "Unknown header class", Kind: FieldLabel},
		{Name: "amqp.connection.error", Desc: "Connection error", Kind: FieldLabel},
		{Name: "amqp.channel.error", Desc: "Channel error", Kind: FieldLabel},
		{Name: "amqp.message.undeliverable", Desc: "Message was not delivered", Kind: FieldLabel},
	}
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.Name] = true
	}
	add := func(a amqpArg) {
		if seen[a.name] || strings.Contains(a.name, "timestamp") {
			return
		}
		seen[a.name] = true
		d := FieldDef{Name: a.name, Desc: a.label}
		switch a.kind {
		case amqpOctet:
			d.Kind, d.Bits = FieldUint, 8
		case amqpShort:
			d.Kind, d.Bits = FieldUint, 16
		case amqpLong:
			d.Kind, d.Bits = FieldUint, 32
		case amqpLongLong:
			d.Kind, d.Bits = FieldUint, 64
		case amqpSStr, amqpSStrLen:
			d.Kind = FieldString
		case amqpLStrBytes, amqpLStrLen:
			d.Kind = FieldBytes
		case amqpTable:
			d.Kind = FieldLabel
		case amqpBit:
			d.Kind = FieldBool
		}
		fs = append(fs, d)
	}
	for _, list := range amqpMethods {
		for _, a := range list {
			add(a)
		}
	}
	for _, a := range amqpProps {
		add(a)
	}
	for _, c := range amqpClasses {
		if c.expert != "" {
			add(amqpArg{kind: amqpTable, name: "amqp.unknown.method." + c.expert, label: "Unknown " + c.expert + " method"})
		}
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
	return fs
}

func init() { RegisterTCP(amqpDissector, amqpPort) }
