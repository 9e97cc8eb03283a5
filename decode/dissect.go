package decode

import (
	"net/netip"
	"sort"
	"strings"
	"sync"
)

// Application-layer dissection, the way Wireshark's dissector tables work:
// each protocol lives in one file (proto_*.go) with one parser that gives
// the Protocol column, the Info text, the details subtree and, through the
// tree's named and valued fields, the display-filter fields. Protocols are
// found by well-known port (the lower port first, as Wireshark tries it)
// and then by heuristics on the payload. TCP payloads reach a dissector
// cut on its PDU boundaries by the AppWalker (appwalk.go), which plays the
// part of Wireshark's TCP reassembly.

// PDU is one protocol data unit handed to a dissector: a datagram's
// payload, or one message cut out of a TCP byte stream.
type PDU struct {
	// Data holds the PDU's bytes: reassembled when it spans segments, and
	// cut at maxPDUKeep bytes (Cut is then set) for long messages such as
	// an HTTP body.
	Data []byte
	// Len is the PDU's whole length, which exceeds len(Data) when Cut.
	Len int
	Cut bool
	// FCS says Data ends with the link's 4-byte frame check sequence (an
	// 802.11 frame whose radiotap header says one follows).
	FCS bool
	// Off is where Data[0] lies in the packet's captured bytes, for the
	// byte highlights of the details tree; -1 when the PDU spans segments.
	Off int
	// Frame is the 0-based index of the packet that completes the PDU.
	Frame int
	// Segments are the frames (0-based) whose payload made up the PDU, in
	// order; one entry when the PDU lies in one packet.
	Segments []int
	Time     int64 // Unix ns of Frame

	SrcPort, DstPort uint16
	// Src and Dst are the packet's addresses as address-table ids
	// (Index.Addr): a datagram's peer need not be its flow's (RTP).
	Src, Dst uint32
	// DstIP is a datagram's destination address (4 or 16 bytes, a view
	// into the packet), for protocols whose dissector looks at it (HSRP
	// tells its versions apart by the multicast group).
	DstIP []byte
	// Dir is the packet's direction in its flow: 0 from the flow's client,
	// 1 from its server (decode.Packet.Dir).
	Dir uint8
	// TCP is set for stream protocols, clear for datagrams.
	TCP bool
	// Conv is the conversation's state, shared by both directions and kept
	// across the conversation's PDUs; nil for packets outside a flow (layer
	// 2, IGMP...).
	Conv *Conv
}

// Conv is what a dissector keeps about one conversation between PDUs: TLS
// notes that a direction switched to encrypted records, HTTP remembers the
// request method a response answers, QUIC derives its Initial keys from the
// client's first connection ID.
type Conv struct {
	// State belongs to the conversation's dissector; nil until it sets it.
	State any
	// Name is what the conversation is called when the capture tells it
	// (a TLS or QUIC server name, an HTTP Host), set by the dissector
	// through Out.NameFlow.
	Name string
	// handoff is the dissector that takes the conversation over from the
	// next packet on (HandOff).
	handoff *Dissector
	// from is the dissector that handed the conversation over, nil when
	// none did: TLS names the protocol its records carry after it
	// (Wireshark's app_handle from ssl_starttls_ack).
	from *Dissector
	// segStart is set while PDULen reads bytes that begin at the first
	// new byte of the current segment, joined to no earlier segment's.
	segStart bool
	// capture is state the walk shares between conversations, nil for a
	// conversation dissected outside a walk.
	capture *CaptureState
}

// CaptureState is what dissectors keep across the conversations of one
// capture, as Wireshark's file-scoped tables do (SMB2's sessions span the
// TCP connections of a multichannel client). One walk owns it: entries
// learnt from a conversation walked ahead of the packet being dissected
// must be stamped with their frame and ignored by earlier packets, so
// that the answer does not depend on the order packets are asked for.
type CaptureState struct {
	values map[any]any
}

// Capture returns the value a dissector keeps under key for the whole
// capture, made by create at first use. Outside a walk there is no
// capture state and it returns nil.
func (c *Conv) Capture(key any, create func() any) any {
	if c == nil || c.capture == nil {
		return nil
	}
	if c.capture.values == nil {
		c.capture.values = map[any]any{}
	}
	v, ok := c.capture.values[key]
	if !ok {
		v = create()
		c.capture.values[key] = v
	}
	return v
}

// AtSegmentStart tells PDULen that the bytes it reads begin at the first
// new byte of the segment being walked and hold no earlier segment's:
// what Wireshark hands a dissector with tcpinfo->is_reassembled false.
// NBSS takes such bytes for the continuation of a message it never saw
// when they do not start with a sane header.
func (c *Conv) AtSegmentStart() bool {
	return c != nil && c.segStart
}

// HandedFrom is the dissector that handed the conversation to the present
// one (HandOff), or nil.
func (c *Conv) HandedFrom() *Dissector {
	if c == nil {
		return nil
	}
	return c.from
}

// HandOff gives the conversation to d from the packet after the one being
// dissected, in both directions: Wireshark's ssl_starttls_ack, which an
// SMTP "220" to STARTTLS, an IMAP "OK" to STARTTLS, a POP "+OK" to STLS or
// an FTP "234" to AUTH TLS calls so that TLS reads the rest. Bytes of the
// current packet after the PDU stay with the present dissector; the
// conversation's State starts afresh for d. A PDULen that calls HandOff and
// returns -1 for bytes that begin a PDU passes those bytes to d at once
// (HTTP seeing HTTP/2's connection preface).
func (c *Conv) HandOff(d *Dissector) {
	if c != nil {
		c.handoff = d
	}
}

// Out collects what dissectors made of one packet. The Info column follows
// Wireshark's column rules: SetInfo replaces the text after the TCP
// analysis labels; AppendInfo adds a separator first when the column already
// holds text (so TLS prints "[TCP ACKed unseen segment] , Client Hello").
type Out struct {
	// Proto is the Protocol column ("TLSv1.2", "DNS"); "" leaves the
	// transport's name.
	Proto string
	info  strings.Builder
	// sep is the separator an AppendInfo on an empty column would have
	// written if the column had held the analysis labels.
	sep string
	// set tells that a dissector wrote the column, perhaps empty (SSH
	// clears it before asking TCP for more bytes).
	set bool
	// lead is how many bytes at the start of info were prepended
	// (PrependInfo): they go before the analysis labels too.
	lead int
	// keep says the transport's Info text stands, with info appended
	// (KeepTransportInfo).
	keep bool
	// Tree is the details pane's layers for this packet's PDUs.
	Tree []Field
	// WantTree says a caller will show or filter on Tree: without it
	// dissectors may skip building it.
	WantTree bool
	// name is a name for the flow this packet belongs to (SNI, Host).
	name string
	// resolved are the address-to-name answers a DNS-like response gave.
	resolved []NameAddr
}

// NameAddr is one name resolution a packet carried (a DNS A or AAAA
// answer): Wireshark's "resolve network addresses from captured DNS
// packets" and ladder's flow names come from these.
type NameAddr struct {
	Addr netip.Addr
	Name string // raw, as the packet spelled it: escape before display
}

// Resolve records that the packet resolved name to addr.
func (o *Out) Resolve(addr netip.Addr, name string) {
	if len(o.resolved) < 64 {
		o.resolved = append(o.resolved, NameAddr{addr, name})
	}
}

// SetProto sets the Protocol column.
func (o *Out) SetProto(s string) { o.Proto = s }

// SetInfo replaces the Info text, as Wireshark's col_set_str after the
// analysis labels' fence does.
func (o *Out) SetInfo(s string) {
	o.info.Reset()
	o.sep = ""
	o.set = true
	o.lead = 0
	o.keep = false
	o.info.WriteString(s)
}

// KeepTransportInfo says the dissector writes no Info of its own: the
// column keeps the transport's text (TCP's summary), and what AppendInfo
// adds goes after it, as for a Wireshark dissector that sets only the
// Protocol column (packet-proxy.c in 4.0). A later SetInfo replaces it,
// and so does the next PDU's dissector in the same segment.
func (o *Out) KeepTransportInfo() {
	o.info.Reset()
	o.sep = ""
	o.lead = 0
	o.keep = true
}

// PrependInfo puts s before the Info text, as col_prepend_fstr does: the
// analysis labels' fence does not hold it back, so SSH's "Client: " goes
// before them ("Client: [TCP Fast Retransmission] , Key Exchange Init").
func (o *Out) PrependInfo(s string) {
	rest := o.info.String()
	o.info.Reset()
	o.info.WriteString(s)
	o.info.WriteString(rest)
	o.lead += len(s)
	o.set = true
}

// AppendInfo appends s to the Info text, after sep when the column already
// holds text, as col_append_sep_str does.
func (o *Out) AppendInfo(sep, s string) {
	o.set = true
	if o.info.Len() == 0 {
		if o.sep == "" {
			o.sep = sep
		}
	} else {
		o.info.WriteString(sep)
	}
	o.info.WriteString(s)
}

// Info is the Info text built so far.
func (o *Out) Info() string { return o.info.String() }

// Add appends a top-level layer to the details tree.
func (o *Out) Add(f Field) { o.Tree = append(o.Tree, f) }

// NameFlow names the packet's conversation (first name wins). A port
// after the host (an HTTP Host "example.com:8080") is not part of the
// name: the flow's server port already says it.
func (o *Out) NameFlow(name string) {
	if host, port, ok := strings.Cut(name, ":"); ok && port != "" && !strings.Contains(port, ":") && strings.Trim(port, "0123456789") == "" {
		name = host
	} else if strings.HasPrefix(name, "[") {
		if end := strings.Index(name, "]"); end > 0 {
			name = name[1:end]
		}
	}
	if o.name == "" && name != "" {
		o.name = name
	}
}

func (o *Out) reset(wantTree bool) {
	o.Proto = ""
	o.info.Reset()
	o.sep = ""
	o.set = false
	o.lead = 0
	o.keep = false
	o.Tree = o.Tree[:0]
	o.WantTree = wantTree
	o.name = ""
	o.resolved = o.resolved[:0]
}

// Dissector is one application protocol.
type Dissector struct {
	// Name is the protocol's display-filter name ("tls", "dns").
	Name string
	// Dissect reads one PDU into out. For a datagram protocol it returns
	// false when the payload is not this protocol after all (the packet
	// then stays plain UDP); stream protocols see only PDUs their PDULen
	// delimited and return true.
	Dissect func(p *PDU, out *Out) bool
	// PDULen delimits a stream protocol's PDUs: given the bytes of the
	// open PDU so far (at least one), it returns the PDU's whole length,
	// 0 when more bytes are needed to tell, or -1 when the bytes are not
	// this protocol (the conversation is then offered to the other
	// heuristic dissectors, else left to TCP), or PDUReject when these
	// bytes are not the protocol's but the conversation stays its (the
	// rest of the segment shows as TCP, as when a Wireshark dissector
	// returns 0 for one call). A stream protocol that cannot delimit some
	// bytes returns len(b): they become one PDU its Dissect labels (HTTP's
	// "Continuation").
	PDULen func(c *Conv, dir uint8, b []byte) int
	// Scan, when set, goes on finding where a PDU ends once its first
	// maxPDUKeep bytes did not tell and PDULen still answers 0 (a
	// chunked HTTP body longer than that: only a walk over every chunk
	// finds its end, and Wireshark reassembles the whole body). The walker
	// first hands it the kept bytes, from the PDU's start, then every
	// later byte of the stream in order; it returns how many of the bytes
	// of that call belong to the PDU once it knows (the rest begin the
	// next), or -1 while the PDU goes on. State is the dissector's, kept
	// per direction in Conv.State.
	Scan func(c *Conv, dir uint8, b []byte) int
	// ClearsInfo says the dissector empties the Info column before it
	// reads a PDU (packet-tls.c does), so a segment that begins a PDU it
	// does not complete reads only "[TCP segment of a reassembled PDU]";
	// other protocols leave TCP's summary before that mark.
	ClearsInfo bool
	// SegmentInfo, when set, gives the Info text of the segment where a
	// PDU begins that a later segment completes, for protocols that name
	// a message from its header before reassembly (NBSS); the segment
	// then reads that text and "[TCP segment of a reassembled PDU]"
	// instead of its TCP summary.
	SegmentInfo func(b []byte) string
	// Heuristic claims a conversation on a port that is not the
	// protocol's from the first payload seen (TLS on 8443, HTTP on 8000);
	// nil for port-only protocols.
	Heuristic func(b []byte) bool
	// HeuristicDstPorts, when set, limits the Heuristic to packets sent to
	// one of these ports: packet-openflow.c's heuristic claims any bytes,
	// but only of a segment whose destination is an OpenFlow port, so the
	// switch's first messages from port 6633 stay TCP.
	HeuristicDstPorts []uint16
	// HeuristicPerDatagram says a UDP Heuristic claims only the datagram
	// it passed, not the conversation: packet-dns.c's heuristic sets no
	// conversation dissector, so tshark tests every datagram afresh.
	HeuristicPerDatagram bool
	// Partial, when set, sees the open PDU's bytes on a segment that
	// leaves it incomplete while its length was still being worked out
	// (PDULen was asked in this segment): the moment Wireshark's
	// dissector runs on the bytes so far and asks TCP for more. HTTP
	// writes the first line to Info there, as tshark prints
	// "GET /x HTTP/1.1  [TCP segment of a reassembled PDU]". Data is the
	// PDU's first bytes, Len how many it has so far.
	Partial func(p *PDU, out *Out)
	// Truncated, when set, dissects a TCP segment the capture cut short
	// (its snap length): Wireshark cannot reassemble it and hands the
	// dissector the bytes it has. PDU.Data holds them, PDU.Len is the
	// segment's whole length.
	Truncated func(p *PDU, out *Out) bool
	// Related, when set, claims a TCP or UDP conversation that another
	// conversation of the capture announced, as Wireshark's conversation
	// table does (an FTP data connection on the port a 227 or 229 reply
	// gave, the TFTP transfer a read request started). It is asked once
	// for a flow no port (nor, for TCP, heuristic) claims, at the flow's
	// first payload packet (frame), and returns whether the flow is its
	// and the conversation state to start with.
	Related func(x *Index, f *Flow, frame int) (state any, ok bool)
	// Sequential marks an IP protocol's dissector (RegisterIPProto) whose
	// Info depends on the capture's earlier packets of the protocol, as
	// SCTP's TSNs are shown relative to the first one seen: the walker
	// dissects those packets first, in order, sharing one Conv among them
	// all. Dissecting the same packet twice in a row must give the same
	// answer (a row, then its details).
	Sequential bool
	// Fields are the display-filter fields the tree carries, for the
	// filter compiler's type checks and Tab completion.
	Fields []FieldDef
}

// PDUUntilFIN is what PDULen returns for a PDU that runs to the end of its
// direction's stream, such as an HTTP/1.0 response body without
// Content-Length: the segment carrying that direction's FIN (with or
// without data) completes it, as Wireshark's DESEGMENT_UNTIL_FIN does.
const PDUUntilFIN = 1<<31 - 1

// FieldKind is the type of a display-filter field a dissector gives.
type FieldKind uint8

const (
	FieldLabel  FieldKind = iota // a tree line without a value
	FieldProto                   // a protocol layer: present or absent
	FieldUint                    // an unsigned integer (Field.Num)
	FieldString                  // text (Field.Str)
	FieldBool                    // a flag (Field.Num 0 or 1)
	FieldBytes                   // raw bytes (Field.Str holds them)
	FieldIPv4                    // an IPv4 address (Field.Num)
	FieldIPv6                    // an IPv6 address (Field.Str, 16 bytes)
	FieldEther                   // a MAC address (Field.Num, 48 bits)
)

// FieldDef declares one display-filter field.
type FieldDef struct {
	Name string
	Desc string
	Kind FieldKind
	Bits int // width of a FieldUint (8, 16, 32, 64)
}

// The dissector tables. Protocol files register in init, as gopacket's
// layers register their types; lookups happen after init, so reads need no
// lock, but registration is guarded for tests that register their own.
var registry = struct {
	sync.Mutex
	tcp, udp      map[uint16]*Dissector
	tcpHeur       []*Dissector
	tcpRelated    []*Dissector
	udpHeur       []*Dissector
	udpRelated    []*Dissector
	etherType     map[EtherType]*Dissector
	ipProto       map[IPProtocol]*Dissector
	wlan          *Dissector
	all           []*Dissector
	fieldsSortedN int
}{tcp: map[uint16]*Dissector{}, udp: map[uint16]*Dissector{},
	etherType: map[EtherType]*Dissector{}, ipProto: map[IPProtocol]*Dissector{}}

// EtherType is an Ethernet type field value.
type EtherType uint16

// Ethernet types ladder names.
const (
	EtherTypeIPv4 EtherType = 0x0800
	EtherTypeARP  EtherType = 0x0806
	EtherTypeIPv6 EtherType = 0x86dd
	EtherTypeLLDP EtherType = 0x88cc
)

// IPProtocol is an IPv4 protocol or IPv6 next-header number.
type IPProtocol uint8

// IP protocol numbers ladder names.
const (
	IPProtocolICMP   IPProtocol = ProtoICMP
	IPProtocolIGMP   IPProtocol = 2
	IPProtocolTCP    IPProtocol = ProtoTCP
	IPProtocolUDP    IPProtocol = ProtoUDP
	IPProtocolGRE    IPProtocol = 47
	IPProtocolICMPv6 IPProtocol = ProtoICMPv6
	IPProtocolPIM    IPProtocol = 103
)

func register(d *Dissector) {
	for _, e := range registry.all {
		if e == d {
			return
		}
	}
	registry.all = append(registry.all, d)
}

// RegisterTCP makes d the dissector of TCP conversations on ports; with a
// Heuristic it also tries d on conversations no port claims.
func RegisterTCP(d *Dissector, ports ...uint16) {
	registry.Lock()
	defer registry.Unlock()
	register(d)
	for _, p := range ports {
		registry.tcp[p] = d
	}
	if d.Heuristic != nil {
		registry.tcpHeur = append(registry.tcpHeur, d)
	}
	if d.Related != nil {
		registry.tcpRelated = append(registry.tcpRelated, d)
	}
}

// RegisterUDP makes d the dissector of UDP datagrams on ports; with a
// Heuristic it also tries d on datagrams no port claims.
func RegisterUDP(d *Dissector, ports ...uint16) {
	registry.Lock()
	defer registry.Unlock()
	register(d)
	for _, p := range ports {
		registry.udp[p] = d
	}
	if d.Heuristic != nil {
		registry.udpHeur = append(registry.udpHeur, d)
	}
	if d.Related != nil {
		registry.udpRelated = append(registry.udpRelated, d)
	}
}

// RegisterEtherType makes d the dissector of frames of Ethernet type et
// that carry no IP (LLDP, EAPOL...).
func RegisterEtherType(d *Dissector, et EtherType) {
	registry.Lock()
	defer registry.Unlock()
	register(d)
	registry.etherType[et] = d
}

// RegisterIPProto makes d the dissector of IP payloads of protocol p that
// are neither TCP, UDP nor ICMP (IGMP, PIM...).
func RegisterIPProto(d *Dissector, p IPProtocol) {
	registry.Lock()
	defer registry.Unlock()
	register(d)
	registry.ipProto[p] = d
}

// RegisterWLAN makes d the dissector of IEEE 802.11 frames that carry no
// network packet (Headers.WLAN): management, control, Null and protected
// data frames.
func RegisterWLAN(d *Dissector) {
	registry.Lock()
	defer registry.Unlock()
	register(d)
	registry.wlan = d
}

// AppFields lists the display-filter fields of every registered dissector,
// sorted by name.
func AppFields() []FieldDef {
	registry.Lock()
	defer registry.Unlock()
	var out []FieldDef
	seen := map[string]bool{}
	for _, d := range registry.all {
		if !seen[d.Name] {
			seen[d.Name] = true
			out = append(out, FieldDef{Name: d.Name, Kind: FieldProto})
		}
		for _, f := range d.Fields {
			if !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, f)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// portDissector finds the dissector of a port pair, trying the lower port
// first as Wireshark does.
func portDissector(table map[uint16]*Dissector, a, b uint16) *Dissector {
	if a > b {
		a, b = b, a
	}
	if d := table[a]; d != nil {
		return d
	}
	return table[b]
}

// tcpOwnedElsewhere are TCP ports Wireshark 4.0 gives to dissectors
// ladder does not have and that take any bytes (HTTP's 80 until an HTTP
// dissector registers it): tshark never runs the heuristics on them.
var tcpOwnedElsewhere = map[uint16]bool{80: true}

// heuristicsAllowed says whether a conversation between ports a and b that
// no registered dissector claims may be offered to the heuristics.
func heuristicsAllowed(a, b uint16) bool {
	return !tcpOwnedElsewhere[a] && !tcpOwnedElsewhere[b]
}

// PDUReject is what PDULen returns for bytes that are not its protocol's
// in a conversation that stays its own.
const PDUReject = -2

// heuristicDissector finds the first heuristic dissector that claims b,
// sent to port dst, other than not (one that just refused b).
func heuristicDissector(list []*Dissector, b []byte, dst uint16, not *Dissector) *Dissector {
	for _, d := range list {
		if d != not && heuristicPortOK(d, dst) && d.Heuristic(b) {
			return d
		}
	}
	return nil
}

// heuristicPortOK says whether d's heuristic may look at a packet sent to
// port dst (Dissector.HeuristicDstPorts).
func heuristicPortOK(d *Dissector, dst uint16) bool {
	if d.HeuristicDstPorts == nil {
		return true
	}
	for _, p := range d.HeuristicDstPorts {
		if p == dst {
			return true
		}
	}
	return false
}

// UintField builds a tree line carrying an unsigned value for filters.
func UintField(name, label string, start, n int, v uint64) Field {
	return Field{Name: name, Label: label, Start: start, Len: n, Kind: FieldUint, Num: v}
}

// StrField builds a tree line carrying a text value for filters. The label
// must already be escaped for display; s is kept raw for matching.
func StrField(name, label string, start, n int, s string) Field {
	return Field{Name: name, Label: label, Start: start, Len: n, Kind: FieldString, Str: s}
}

// Shift moves the byte offsets of a subtree built relative to a PDU to the
// packet, or clears them (Len 0) when the PDU did not lie in the packet.
// A field whose Start is negative (Unplace) is cleared too: it lies in
// bytes a dissector rebuilt inside a PDU that is in the packet (an SCTP
// message from several DATA chunks).
func Shift(fs []Field, off int) {
	for i := range fs {
		if off < 0 || fs[i].Start < 0 {
			fs[i].Start, fs[i].Len = 0, 0
		} else {
			fs[i].Start += off
		}
		Shift(fs[i].Children, off)
	}
}

// Unplace marks a subtree as having no place in the packet for the Shift
// that moves its PDU's fields there.
func Unplace(fs []Field) {
	for i := range fs {
		fs[i].Start, fs[i].Len = -1, 0
		Unplace(fs[i].Children)
	}
}

// viewAt is the offset in whole of part, a slice a decoder cut from it
// without copying (gopacket with NoCopy), or -1 when part is empty or not
// inside whole (a nil or copied value): such a field gets no bytes.
func viewAt(whole, part []byte) int {
	off := cap(whole) - cap(part)
	if len(part) == 0 || off < 0 || off+len(part) > len(whole) {
		return -1
	}
	return off
}

// viewStrField is StrField for a value a decoder cut from whole.
func viewStrField(name, label string, whole, part []byte) Field {
	if off := viewAt(whole, part); off >= 0 {
		return StrField(name, label, off, len(part), string(part))
	}
	return StrField(name, label, 0, 0, string(part))
}
