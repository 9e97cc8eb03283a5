package decode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"sync"
)

// TFTP (RFC 1350, options RFC 2347-2349) on UDP port 69. The server
// answers a read or write request from a new port, so the transfer is its
// own UDP conversation: TFTP claims it through Related, from the request
// that the client's endpoint sent to port 69 before, as Wireshark's
// conversation table does. Info follows packet-tftp.c: "Read Request, File:
// x, Transfer type: octet", "Data Packet, Block: 2 (last)". Hand-written:
// gopacket has no TFTP layer.

const portTFTP = 69

// TFTP opcodes (RFC 1350 §5, RFC 2347).
const (
	tftpRRQ   = 1
	tftpWRQ   = 2
	tftpDATA  = 3
	tftpACK   = 4
	tftpERROR = 5
	tftpOACK  = 6

	tftpDefaultBlock = 512
	tftpMaxScan      = 64 // packets of a request conversation read to find its request
)

var tftp = &Dissector{
	Name:    "tftp",
	Dissect: dissectTFTP,
	Related: tftpRelated,
	Fields: []FieldDef{
		{Name: "tftp.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 16},
		{Name: "tftp.source_file", Desc: "Source file", Kind: FieldString},
		{Name: "tftp.destination_file", Desc: "Destination file", Kind: FieldString},
		{Name: "tftp.type", Desc: "Transfer type", Kind: FieldString},
		{Name: "tftp.block", Desc: "Block", Kind: FieldUint, Bits: 16},
		{Name: "tftp.error.code", Desc: "Error code", Kind: FieldUint, Bits: 16},
		{Name: "tftp.error.message", Desc: "Error message", Kind: FieldString},
	},
}

func init() { RegisterUDP(tftp, portTFTP) }

// tftpState is what a transfer knows of the request that started it.
type tftpState struct {
	file    string // raw, escaped before display
	block   int    // negotiated block size
	request int    // frame (1-based) of the request
	write   bool   // the request was a write request
}

var tftpOpcodes = [7]string{"", "Read Request", "Write Request", "Data Packet", "Acknowledgement", "Error Code", "Option Acknowledgement"}

var tftpErrors = [9]string{"Not defined", "File not found", "Access violation", "Disk full or allocation exceeded",
	"Illegal TFTP Operation", "Unknown transfer ID", "File already exists", "No such user", "Option negotiation failed"}

// tftpString reads a NUL-terminated string at b[at:]: the string and the
// offset after its NUL (len(b) when it runs to the end unterminated).
func tftpString(b []byte, at int) (string, int) {
	if at >= len(b) {
		return "", len(b)
	}
	if i := bytes.IndexByte(b[at:], 0); i >= 0 {
		return string(b[at : at+i]), at + i + 1
	}
	return string(b[at:]), len(b)
}

func dissectTFTP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 2 {
		return false
	}
	op := int(binary.BigEndian.Uint16(b))
	if op == 0 || op >= len(tftpOpcodes) {
		return false
	}
	st, _ := p.Conv.stateTFTP()
	sub := len(out.Tree)
	out.SetProto("TFTP")
	f := Field{Name: "tftp", Label: "Trivial File Transfer Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("tftp.opcode", fmt.Sprintf("Opcode: %s (%d)", tftpOpcodes[op], op), 0, 2, uint64(op)),
	}}
	if st != nil && op != tftpRRQ && op != tftpWRQ {
		f.Children = append(f.Children, StrField("tftp.destination_file", "Destination File: "+Printable(st.file), 0, 0, st.file),
			Field{Label: fmt.Sprintf("%s in frame %d", tftpOpcodes[map[bool]int{false: tftpRRQ, true: tftpWRQ}[st.write]], st.request)})
	}
	var info string
	switch op {
	case tftpRRQ, tftpWRQ:
		file, at := tftpString(b, 2)
		mode, at2 := tftpString(b, at)
		name, fname := "Source File: ", "tftp.source_file"
		if op == tftpWRQ {
			name, fname = "Destination File: ", "tftp.destination_file"
		}
		info = fmt.Sprintf("%s, File: %s, Transfer type: %s", tftpOpcodes[op], Printable(file), Printable(mode))
		f.Children = append(f.Children, StrField(fname, name+Printable(file), 2, at-2, file),
			StrField("tftp.type", "Type: "+Printable(mode), at, at2-at, mode))
		for at = at2; at < len(b); {
			k, next := tftpString(b, at)
			v, next2 := tftpString(b, next)
			info += ", " + Printable(k) + "=" + Printable(v)
			at = next2
		}
	case tftpDATA, tftpACK:
		if len(b) < 4 {
			out.SetInfo(tftpOpcodes[op] + malformedMark)
			return true
		}
		blk := binary.BigEndian.Uint16(b[2:])
		info = fmt.Sprintf("%s, Block: %d", tftpOpcodes[op], blk)
		size := tftpDefaultBlock
		if st != nil {
			size = st.block
		}
		if op == tftpDATA && len(b)-4 < size {
			info += " (last)"
		}
		f.Children = append(f.Children, UintField("tftp.block", fmt.Sprintf("Block: %d", blk), 2, 2, uint64(blk)))
		if op == tftpDATA {
			f.Len = 4 // the file's bytes follow as data, outside the layer
			if len(b) > 4 && out.WantTree {
				out.Add(Field{Label: fmt.Sprintf("Data (%d bytes)", len(b)-4), Start: 4, Len: len(b) - 4})
			}
		}
	case tftpERROR:
		if len(b) < 4 {
			out.SetInfo(tftpOpcodes[op] + malformedMark)
			return true
		}
		code := binary.BigEndian.Uint16(b[2:])
		cname := "Unknown"
		if int(code) < len(tftpErrors) {
			cname = tftpErrors[code]
		}
		msg, end := tftpString(b, 4)
		info = fmt.Sprintf("Error Code, Code: %s, Message: %s", cname, Printable(msg))
		f.Children = append(f.Children, UintField("tftp.error.code", fmt.Sprintf("Error code: %s (%d)", cname, code), 2, 2, uint64(code)),
			StrField("tftp.error.message", "Error message: "+Printable(msg), 4, end-4, msg))
	case tftpOACK:
		info = tftpOpcodes[op]
		for at := 2; at < len(b); {
			k, next := tftpString(b, at)
			v, next2 := tftpString(b, next)
			info += ", " + Printable(k) + "=" + Printable(v)
			if n, err := strconv.Atoi(v); err == nil && k == "blksize" && n >= 8 && n <= 65464 && st != nil {
				st.block = n
			}
			at = next2
		}
	}
	out.SetInfo(info)
	if out.WantTree {
		out.Tree = append(out.Tree[:sub], append([]Field{f}, out.Tree[sub:]...)...)
	}
	return true
}

// stateTFTP returns the conversation's transfer state, if it has one.
func (c *Conv) stateTFTP() (*tftpState, bool) {
	if c == nil {
		return nil, false
	}
	st, ok := c.State.(*tftpState)
	return st, ok
}

// tftpRelated claims a UDP flow that shares an endpoint with the client of
// an earlier conversation to port 69 (the server's reply comes from a new
// port to the client's), starting it with that conversation's latest
// request before frame.
func tftpRelated(x *Index, f *Flow, frame int) (any, bool) {
	if f == nil || f.Proto != ProtoUDPPacket {
		return nil, false
	}
	var found *tftpState
	var h Headers
	var buf []byte
	for _, c := range tftpRequestFlows(x) {
		if c == f || (c.Client != f.Client && c.Client != f.Server) {
			continue
		}
		x.mu.RLock()
		frames := c.Frames
		x.mu.RUnlock()
		for k, fr := range frames {
			if int(fr) >= frame || k >= tftpMaxScan {
				break
			}
			p := x.Packet(int(fr))
			var err error
			if buf, err = x.Data(int(fr), buf[:0]); err != nil {
				continue
			}
			h.Parse(x.LinkType(p), buf, p.OrigLen)
			b := h.Payload[:min(len(h.Payload), max(h.PayloadLen, 0))]
			if len(b) < 4 || h.DstPort != portTFTP || (b[1] != tftpRRQ && b[1] != tftpWRQ) || b[0] != 0 {
				continue
			}
			file, _ := tftpString(b, 2)
			found = &tftpState{file: file, block: tftpDefaultBlock, request: int(fr) + 1, write: b[1] == tftpWRQ}
		}
	}
	if found == nil {
		return nil, false
	}
	return found, true
}

// tftpRequests lists the UDP flows to port 69 of the last index asked
// about, found incrementally as ftpControlFlows does.
var tftpRequests struct {
	sync.Mutex
	x     *Index
	seen  int
	flows []*Flow
}

func tftpRequestFlows(x *Index) []*Flow {
	tftpRequests.Lock()
	defer tftpRequests.Unlock()
	if tftpRequests.x != x {
		tftpRequests.x, tftpRequests.seen, tftpRequests.flows = x, 0, nil
	}
	// The index's own records, not snapshots, as ftpControlFlows reads
	// them: their Frames are read under x.mu, their endpoints never change.
	x.mu.RLock()
	all := x.flows.flows[:len(x.flows.flows):len(x.flows.flows)]
	x.mu.RUnlock()
	for _, c := range all[min(tftpRequests.seen, len(all)):] {
		if c.Proto == ProtoUDPPacket && c.Server.Port == portTFTP {
			tftpRequests.flows = append(tftpRequests.flows, c)
		}
	}
	tftpRequests.seen = len(all)
	return tftpRequests.flows[:len(tftpRequests.flows):len(tftpRequests.flows)]
}
