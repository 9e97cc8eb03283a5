package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// sFlow (sflow_version_5.txt; RFC 3176 for versions 2 and 4) on UDP 6343,
// shown as packet-sflow.c shows it: Protocol "sFlow", Info "V5, agent
// 10.0.0.1, sub-agent ID 0, seq 12, 3 samples" built field by field as
// the header is read (no agent part for address type 0, no sub-agent ID
// before version 5). A version other than 2, 4 or 5, or an agent address
// type other than 0, 1 or 2, is not sFlow (plain UDP). The samples are
// walked the way tshark reads them, only to know whether a read runs past
// the datagram ("[Malformed Packet]"): v5 samples and records carry their
// lengths, a record of a known layout is read from its start and the walk
// goes on where that layout ends (its length is not looked at), other
// records are skipped by their length, a sample's length must lie in the
// datagram and the next sample begins where it says; v2/v4 samples carry none and are read field by field. A
// sampled packet header is dissected by tshark with the columns locked
// and its exceptions caught, so it never shows in Protocol or Info; ladder
// does not dissect it. Hand-written: gopacket has no sFlow layer.

const portSFlow = 6343

var sflow = &Dissector{
	Name:    "sflow",
	Dissect: dissectSFlow,
	Fields: []FieldDef{
		{Name: "sflow_245.version", Desc: "Datagram version", Kind: FieldUint, Bits: 32},
		{Name: "sflow_245.agenttype", Desc: "Agent address type", Kind: FieldUint, Bits: 32},
		{Name: "sflow_245.agent", Desc: "Agent address", Kind: FieldIPv4},
		{Name: "sflow_245.agent.v6", Desc: "Agent address", Kind: FieldIPv6},
		{Name: "sflow_245.sub_agent_id", Desc: "Sub-agent ID", Kind: FieldUint, Bits: 32},
		{Name: "sflow_245.sequence_number", Desc: "Sequence number", Kind: FieldUint, Bits: 32},
		{Name: "sflow_245.sysuptime", Desc: "SysUptime", Kind: FieldUint, Bits: 32},
		{Name: "sflow_245.numsamples", Desc: "NumSamples", Kind: FieldUint, Bits: 32},
		{Name: "sflow_245.sampletype", Desc: "sFlow sample type", Kind: FieldUint, Bits: 32},
		{Name: "sflow_5.sample_length", Desc: "Sample length (byte)", Kind: FieldUint, Bits: 32},
	},
}

func init() { RegisterUDP(sflow, portSFlow) }

var sflowAgentTypes = map[uint32]string{0: "Unknown", 1: "IPv4", 2: "IPv6"}

var sflowSampleTypes = map[uint32]string{1: "Flow sample", 2: "Counters sample", 3: "Expanded flow sample", 4: "Expanded counters sample"}

// sflowFlowRecordLen is how many bytes of a v5 flow record tshark reads
// for the formats it knows and whose size is fixed (sflow_version_5.txt).
var sflowFlowRecordLen = map[uint32]int{2: 24, 3: 32, 4: 56, 1001: 16}

// sflowCounterRecordLen is the same for v5 counters records.
var sflowCounterRecordLen = map[uint32]int{1: 88, 2: 52, 3: 72, 4: 80, 5: 28, 6: 80, 1001: 28, 1002: 12}

// sflowWalk reads sFlow bytes as tshark does; bad is set once a read runs
// past the datagram, unsure once the layout is one ladder does not model.
type sflowWalk struct {
	b           []byte
	bad, unsure bool
	sampled     []sflowSampled // the raw packet headers met, in order
}

// sflowSampled is a sampled packet's header and its header protocol.
type sflowSampled struct {
	proto uint32
	data  []byte
}

func (w *sflowWalk) need(at, n int) bool {
	if n < 0 || at < 0 || at > len(w.b) || len(w.b)-at < n {
		w.bad = true
		return false
	}
	return true
}

func (w *sflowWalk) u32(at int) (uint32, bool) {
	if !w.need(at, 4) {
		return 0, false
	}
	return binary.BigEndian.Uint32(w.b[at:]), true
}

func dissectSFlow(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 {
		return false
	}
	if len(b) < 8 {
		// tshark reads the version and the address type before it claims
		// the datagram: too short, the exception lands in UDP's columns
		if len(b) >= 4 {
			if v := binary.BigEndian.Uint32(b); v != 2 && v != 4 && v != 5 {
				return false
			}
		}
		out.SetProto("UDP")
		out.SetInfo(fmt.Sprintf("%d → %d Len=%d%s", p.SrcPort, p.DstPort, len(b), malformedMark))
		return true
	}
	w, info, tree, ok := sflowRead(b)
	if !ok {
		return false
	}
	out.SetProto("sFlow")
	if w.bad {
		info += malformedMark
	}
	out.SetInfo(info)
	if out.WantTree {
		out.Add(Field{Name: "sflow", Label: "InMon sFlow", Len: len(b), Kind: FieldProto, Children: tree})
	}
	return true
}

// sflowRead reads a datagram of at least 8 bytes as tshark does: its Info
// (without the malformed mark), tree lines, and the walk (whether a read
// ran past the end, the sampled headers met); ok is false when tshark
// would not take it for sFlow.
func sflowRead(b []byte) (w *sflowWalk, infoText string, tree []Field, ok bool) {
	version := binary.BigEndian.Uint32(b)
	atype := binary.BigEndian.Uint32(b[4:])
	if version != 2 && version != 4 && version != 5 || atype > 2 {
		return nil, "", nil, false
	}
	w = &sflowWalk{b: b}
	var info strings.Builder
	fmt.Fprintf(&info, "V%d", version)
	tree = append(tree,
		UintField("sflow_245.version", fmt.Sprintf("Datagram version: %d", version), 0, 4, uint64(version)),
		UintField("sflow_245.agenttype", fmt.Sprintf("Agent address type: %s (%d)", sflowAgentTypes[atype], atype), 4, 4, uint64(atype)))
	at := 8
	switch atype {
	case 1:
		if w.need(at, 4) {
			a := netip.AddrFrom4([4]byte(b[at : at+4]))
			info.WriteString(", agent " + a.String())
			tree = append(tree, Field{Name: "sflow_245.agent", Label: "Agent address: " + a.String(), Start: at, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[at:]))})
		}
		at += 4
	case 2:
		if w.need(at, 16) {
			a := netip.AddrFrom16([16]byte(b[at : at+16]))
			info.WriteString(", agent " + a.String())
			tree = append(tree, Field{Name: "sflow_245.agent.v6", Label: "Agent address: " + a.String(), Start: at, Len: 16, Kind: FieldIPv6, Str: string(b[at : at+16])})
		}
		at += 16
	}
	if !w.bad && version == 5 {
		if v, ok := w.u32(at); ok {
			fmt.Fprintf(&info, ", sub-agent ID %d", v)
			tree = append(tree, UintField("sflow_245.sub_agent_id", fmt.Sprintf("Sub-agent ID: %d", v), at, 4, uint64(v)))
		}
		at += 4
	}
	var nsamples uint32
	if !w.bad {
		if v, ok := w.u32(at); ok {
			fmt.Fprintf(&info, ", seq %d", v)
			tree = append(tree, UintField("sflow_245.sequence_number", fmt.Sprintf("Sequence number: %d", v), at, 4, uint64(v)))
		}
		at += 4
	}
	if !w.bad {
		if v, ok := w.u32(at); ok {
			tree = append(tree, UintField("sflow_245.sysuptime", fmt.Sprintf("SysUptime: %s (%dms)", sflowSecs(v/1000), v), at, 4, uint64(v)))
		}
		at += 4
	}
	if !w.bad {
		if v, ok := w.u32(at); ok {
			nsamples = v
			fmt.Fprintf(&info, ", %d samples", v)
			tree = append(tree, UintField("sflow_245.numsamples", fmt.Sprintf("NumSamples: %d", v), at, 4, uint64(v)))
		}
		at += 4
	}
	// tshark reads at most the low byte of the count: 256 samples are none
	for i := uint32(0); !w.bad && !w.unsure && i < nsamples&0xff; i++ {
		var f []Field
		if version == 5 {
			at, f = w.sample5(at)
		} else {
			at, f = w.sample24(at)
		}
		tree = append(tree, f...)
	}
	return w, info.String(), tree, true
}

// sample5 reads one v5 sample at at and returns where the next begins and
// the sample's tree lines (its type and length).
func (w *sflowWalk) sample5(at int) (int, []Field) {
	t, ok := w.u32(at)
	if !ok {
		return at, nil
	}
	enterprise, format := t>>12, t&0xfff
	if enterprise != 0 {
		// tshark names it and takes the rest of the datagram for it: a
		// sample after it is read past the end
		return len(w.b), nil
	}
	name, known := sflowSampleTypes[format]
	if !known {
		name = "Unknown"
	}
	n, ok := w.u32(at + 4)
	if !ok {
		return at, nil
	}
	fs := []Field{
		UintField("sflow_245.sampletype", bitsLabel32(t, 0xfff, fmt.Sprintf("sFlow sample type: %s (%d)", name, format)), at, 4, uint64(format)),
		UintField("sflow_5.sample_length", fmt.Sprintf("Sample length (byte): %d", n), at+4, 4, uint64(n)),
	}
	body := at + 8
	switch format {
	case 1:
		w.records(body+28, body+32, sflowFlowRecordLen, true)
	case 3:
		w.records(body+40, body+44, sflowFlowRecordLen, true)
	case 2:
		w.records(body+8, body+12, sflowCounterRecordLen, false)
	case 4:
		w.records(body+12, body+16, sflowCounterRecordLen, false)
	}
	if w.bad || w.unsure {
		return at, fs
	}
	if uint64(n) > uint64(len(w.b)-body) {
		w.bad = true
		return at, fs
	}
	return body + int(n), fs
}

// records reads the record count at countAt and the records from at.
func (w *sflowWalk) records(countAt, at int, fixed map[uint32]int, flow bool) {
	count, ok := w.u32(countAt)
	if !ok {
		return
	}
	for i := uint32(0); i < count&0xff; i++ {
		t, ok := w.u32(at)
		if !ok {
			return
		}
		n, ok := w.u32(at + 4)
		if !ok {
			return
		}
		body := at + 8
		if t>>12 != 0 {
			// a record of another enterprise: its data, by its length
			if !w.need(body, int(min(n, uint32(len(w.b))+1))) {
				return
			}
			at = body + int(n)
			continue
		}
		format := t & 0xfff
		// a layout tshark knows is read from the record's start and the
		// walk goes on where it ends, whatever the record's length says
		if flow && format == 1 {
			// raw packet header: protocol, frame length, bytes stripped,
			// header length, then the header itself (padded to 4 bytes)
			hl, ok := w.u32(body + 12)
			if !ok {
				return
			}
			hl = min(hl, uint32(len(w.b))+1)
			if !w.need(body+16, int(hl)) {
				return
			}
			w.sampled = append(w.sampled, sflowSampled{proto: binary.BigEndian.Uint32(w.b[body:]), data: w.b[body+16 : body+16+int(hl)]})
			hl = min((hl+3)&^3, uint32(len(w.b)-body-16))
			at = body + 16 + int(hl)
			continue
		}
		if k, known := fixed[format]; known {
			if !w.need(body, k) {
				return
			}
			at = body + k
			continue
		}
		if uint64(n) > uint64(len(w.b)-body) {
			// the length is not checked: a record after it is read past
			// the end
			at = len(w.b) + 1
			continue
		}
		at = body + int(n)
	}
}

// sample24 reads one v2/v4 sample (no length: every field is read).
func (w *sflowWalk) sample24(at int) (int, []Field) {
	t, ok := w.u32(at)
	if !ok {
		return at, nil
	}
	name, known := sflowSampleTypes[t]
	if !known {
		name = "Unknown"
	}
	fs := []Field{UintField("sflow_245.sampletype", fmt.Sprintf("sFlow sample type: %s (%d)", name, t), at, 4, uint64(t))}
	at += 4
	switch t {
	case 1: // seq, source id, rate, pool, drops, input, output, information type
		it, ok := w.u32(at + 28)
		if !ok {
			return at, fs
		}
		at += 32
		switch it {
		case 1: // header protocol, frame length, header length, header
			hl, ok := w.u32(at + 8)
			if !ok {
				return at, fs
			}
			hl = min(hl, uint32(len(w.b))+1)
			if !w.need(at+12, int(hl)) {
				return at, fs
			}
			w.sampled = append(w.sampled, sflowSampled{proto: binary.BigEndian.Uint32(w.b[at:]), data: w.b[at+12 : at+12+int(hl)]})
			hl = (hl + 3) &^ 3
			if !w.need(at+12, int(hl)) {
				return at, fs
			}
			at += 12 + int(hl)
		case 2:
			if !w.need(at, 32) {
				return at, fs
			}
			at += 32
		case 3:
			if !w.need(at, 56) {
				return at, fs
			}
			at += 56
		default:
			w.unsure = true
			return at, fs
		}
		n, ok := w.u32(at)
		if !ok {
			return at, fs
		}
		at += 4
		for i := uint32(0); i < n; i++ {
			et, ok := w.u32(at)
			if !ok {
				return at, fs
			}
			at += 4
			switch et {
			case 1: // switch: VLANs and priorities in and out
				if !w.need(at, 16) {
					return at, fs
				}
				at += 16
			default:
				w.unsure = true
				return at, fs
			}
		}
	case 2: // seq, source id, interval, counters type, then the counters
		ct, ok := w.u32(at + 12)
		if !ok {
			return at, fs
		}
		at += 16
		n := 0
		switch ct {
		case 1, 4, 6:
			n = 88
		case 2:
			n = 88 + 52
		case 3:
			n = 88 + 72
		case 5:
			n = 88 + 80
		case 7:
			n = 28
		default:
			w.unsure = true
			return at, fs
		}
		if !w.need(at, n) {
			return at, fs
		}
		at += n
	}
	return at, fs
}

// sflowSecs is Wireshark's unsigned_time_secs_to_str: "2 minutes, 3
// seconds", "0 seconds".
func sflowSecs(s uint32) string {
	if s == 0 {
		return "0 seconds"
	}
	var parts []string
	for _, u := range []struct {
		n    uint32
		name string
	}{{86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}} {
		if v := s / u.n; v > 0 {
			p := strconv.Itoa(int(v)) + " " + u.name
			if v != 1 {
				p += "s"
			}
			parts = append(parts, p)
			s %= u.n
		}
	}
	return strings.Join(parts, ", ")
}
