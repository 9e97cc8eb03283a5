package decode

import (
	"encoding/binary"
	"fmt"
)

// Ethernet's Configuration Testing Protocol (LOOP, EtherType 0x9000, from
// the Ethernet II "blue book"): the keepalive Cisco switch and router ports
// send to themselves every few seconds. A skip count points at the relevant
// entry of a list of functions: Reply, or Forward Data with the address to
// forward to. Wireshark's Info names the relevant function. Hand-written:
// gopacket's layers has no LOOP layer.

// EtherTypeLoop is the Configuration Testing Protocol's Ethernet type.
const EtherTypeLoop EtherType = 0x9000

// LOOP functions.
const (
	loopReply   = 1
	loopForward = 2
)

// loopMaxEntries bounds the function list read from a packet.
const loopMaxEntries = 64

var loop = &Dissector{
	Name:    "loop",
	Dissect: dissectLoop,
	Fields: []FieldDef{
		{Name: "loop.skipcount", Desc: "LOOP skip count: offset of the relevant function", Kind: FieldUint, Bits: 16},
		{Name: "loop.function", Desc: "LOOP function (1 reply, 2 forward data)", Kind: FieldUint, Bits: 16},
		{Name: "loop.relevant_function", Desc: "LOOP function the skip count points at", Kind: FieldUint, Bits: 16},
		{Name: "loop.receipt_number", Desc: "LOOP receipt number of a reply", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterEtherType(loop, EtherTypeLoop) }

func loopFunctionName(f uint16) string {
	switch f {
	case loopReply:
		return "Reply"
	case loopForward:
		return "Forward Data"
	}
	return fmt.Sprintf("Unknown function (%d)", f)
}

func dissectLoop(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("LOOP")
	if len(b) < 4 {
		out.SetInfo(malformedMark)
		return true
	}
	// The fields are little-endian, as the protocol's VAX origins left them.
	skip := binary.LittleEndian.Uint16(b)
	top := Field{Name: "loop", Label: "Configuration Test Protocol (loopback)", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("loop.skipcount", fmt.Sprintf("skipCount: %d", skip), 0, 2, uint64(skip)),
	}}
	relevant, found := uint16(0), false
	if at := 2 + int(skip); at+2 <= len(b) {
		relevant, found = binary.LittleEndian.Uint16(b[at:]), true
	}
	off := 2
	for range loopMaxEntries {
		if off+2 > len(b) {
			break
		}
		fn := binary.LittleEndian.Uint16(b[off:])
		if found && off == 2+int(skip) {
			// tshark lists the relevant function just before the
			// function entry it is (lab__loop-crafted.pcap frame 3)
			top.Children = append(top.Children, UintField("loop.relevant_function",
				fmt.Sprintf("Relevant function: %s (%d)", loopFunctionName(relevant), relevant), off, 2, uint64(relevant)))
		}
		top.Children = append(top.Children, UintField("loop.function", fmt.Sprintf("Function: %s (%d)", loopFunctionName(fn), fn), off, 2, uint64(fn)))
		off += 2
		if fn != loopForward || off+6 > len(b) {
			if fn == loopReply && off+2 <= len(b) {
				n := binary.LittleEndian.Uint16(b[off:])
				top.Children = append(top.Children, UintField("loop.receipt_number", fmt.Sprintf("Receipt number: %d", n), off, 2, uint64(n)))
				off += 2
			}
			break
		}
		top.Children = append(top.Children, Field{Name: "loop.forwarding_address",
			Label: "Forwarding address: " + macString(b[off:off+6]), Start: off, Len: 6})
		off += 6
	}
	if !found {
		out.SetInfo(malformedMark)
	} else {
		out.SetInfo(loopFunctionName(relevant))
	}
	out.Add(top)
	if rest := len(b) - off; rest > 0 {
		out.Add(Field{Label: fmt.Sprintf("Data (%d bytes)", rest), Start: off, Len: rest})
	}
	return true
}
