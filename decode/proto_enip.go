package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// EtherNet/IP (ODVA CIP Vol. 2) as Wireshark 4.0's packet-enip.c shows it:
// the 24-byte encapsulation header on TCP and UDP 44818 (command, length,
// session handle, status, sender context, options), the command-specific
// data and its Common Packet Format items, and the CIP message a SendRRData
// or SendUnitData carries, handed to the CIP layer (proto_cip.go). TCP
// messages are delimited by the header's length; each message of a segment
// adds its text to Info after " | ". A message is a request when sent to
// port 44818 from another port, a response when sent from it, "?" else.
// Info: "Register Session (Req), Session: 0x00000000", "List Identity (Rsp),
// NAME" (each identity item's product name), "List Services (Rsp), NAME";
// a message carrying CIP shows CIP's text instead. UDP 2222 carries class-1
// I/O: a CPF with a sequenced address item and connected data, shown as
// "CIP I/O" with "Connection: ID=0x40000005, SEQ=0000000001".
// Hand-written: gopacket has no EtherNet/IP layer.

const (
	enipPort      = 44818 // tshark -G decodes: tcp.port 44818, udp.port 44818 enip
	cipIOPort     = 2222  // udp.port 2222 enip (I/O)
	enipHeaderLen = 24
	// enipMaxRequests bounds the CIP requests a conversation keeps for
	// naming the responses that answer them.
	enipMaxRequests = 256
)

// enipCommandNames is packet-enip.c's encap_cmd_vals (tshark -G values).
var enipCommandNames = map[uint16]string{
	0x0000: "NOP", 0x0004: "List Services", 0x0063: "List Identity", 0x0064: "List Interfaces",
	0x0065: "Register Session", 0x0066: "Unregister Session", 0x006f: "Send RR Data",
	0x0070: "Send Unit Data", 0x00c8: "StartDTLS",
}

// enipStatusNames is encap_status_vals.
var enipStatusNames = map[uint32]string{
	0x0000: "Success", 0x0001: "Invalid Command", 0x0002: "No Memory Resources", 0x0003: "Incorrect Data",
	0x0064: "Invalid Session Handle", 0x0065: "Invalid Length", 0x0069: "Unsupported Protocol Revision",
	0x006a: "Encapsulated CIP service not allowed on this port",
}

// enipItemNames is cdf_type_vals, the CPF item type IDs.
var enipItemNames = map[uint16]string{
	0x0000: "Null Address Item", 0x000c: "CIP Identity", 0x0086: "CIP Security Information",
	0x0087: "EtherNet/IP Capability", 0x0088: "EtherNet/IP Usage", 0x00a1: "Connected Address Item",
	0x00b1: "Connected Data Item", 0x00b2: "Unconnected Data Item", 0x0100: "List Services Response",
	0x8000: "Socket Address Info O->T", 0x8001: "Socket Address Info T->O", 0x8002: "Sequenced Address Item",
	0x8003: "Unconnected Message over UDP",
}

// enipPDULen is tcp_dissect_pdus with get_enip_pdu_len: the header and the
// length it gives.
func enipPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	return enipHeaderLen + int(binary.LittleEndian.Uint16(b[2:]))
}

// enipState is a conversation's CIP requests, newest last, for the
// responses that answer them (packet-enip.c's request/response matching on
// session handle and sender context).
type enipState struct {
	reqs []cipRequest
}

// cipRequest is what a response needs of its request.
type cipRequest struct {
	frame   int
	off     int
	session uint32
	context [8]byte
	req     cipReqInfo
}

func (c *Conv) stateENIP() *enipState {
	if c == nil {
		return nil
	}
	if st, ok := c.State.(*enipState); ok {
		return st
	}
	st := &enipState{}
	c.State = st
	return st
}

// enipCommandField is the command's name in its field's label.
func enipCommandField(v uint16) string {
	if s, ok := enipCommandNames[v]; ok {
		return s
	}
	return "Unknown"
}

func enipDissect(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < enipHeaderLen {
		if p.TCP {
			return false
		}
		return false
	}
	cmd := binary.LittleEndian.Uint16(b)
	dlen := int(binary.LittleEndian.Uint16(b[2:]))
	session := binary.LittleEndian.Uint32(b[4:])
	status := binary.LittleEndian.Uint32(b[8:])
	var ctx [8]byte
	copy(ctx[:], b[12:20])
	kind := "?"
	switch {
	case p.SrcPort == enipPort && p.DstPort != enipPort:
		kind = "Rsp"
	case p.DstPort == enipPort && p.SrcPort != enipPort:
		kind = "Req"
	}
	cname, known := enipCommandNames[cmd]
	if !known {
		cname = fmt.Sprintf("Unknown Command (0x%04x)", cmd)
	}
	out.SetProto("ENIP")
	piece := cname + " (" + kind + ")"
	data := b[enipHeaderLen:min(len(b), enipHeaderLen+dlen)]
	e := enipMsg{b: b, data: data, tree: out.WantTree, p: p, kind: kind}

	var hdr, csd []Field
	if out.WantTree {
		hdr = []Field{
			UintField("enip.command", fmt.Sprintf("Command: %s (0x%04x)", enipCommandField(cmd), cmd), 0, 2, uint64(cmd)),
			UintField("enip.length", "Length: "+strconv.Itoa(dlen), 2, 2, uint64(dlen)),
			UintField("enip.session", fmt.Sprintf("Session Handle: 0x%08x", session), 4, 4, uint64(session)),
			UintField("enip.status", fmt.Sprintf("Status: %s (0x%08x)", enipStatusName(status), status), 8, 4, uint64(status)),
		}
		if cmd == 0x0063 && kind == "Req" {
			// a ListIdentity request's first two context bytes are the
			// response delay
			d := binary.LittleEndian.Uint16(b[12:])
			hdr = append(hdr, UintField("enip.listid_delay", fmt.Sprintf("Max Response Delay: %dms", d), 12, 2, uint64(d)),
				Field{Name: "enip.context", Label: "Sender Context: " + hex.EncodeToString(ctx[2:]), Start: 14, Len: 6, Kind: FieldBytes, Str: string(ctx[2:])})
		} else {
			hdr = append(hdr, Field{Name: "enip.context", Label: "Sender Context: " + hex.EncodeToString(ctx[:]), Start: 12, Len: 8, Kind: FieldBytes, Str: string(ctx[:])})
		}
		hdr = append(hdr,
			UintField("enip.options", fmt.Sprintf("Options: 0x%08x", binary.LittleEndian.Uint32(b[20:])), 20, 4, uint64(binary.LittleEndian.Uint32(b[20:]))),
		)
	}
	var cip *cipResult
	switch cmd {
	case 0x0065, 0x0066:
		piece += fmt.Sprintf(", Session: 0x%08X", session)
		if cmd == 0x0065 && len(data) < 4 {
			e.bad = true
		} else if cmd == 0x0065 {
			e.add(UintField("enip.rs.version", "Protocol Version: "+strconv.Itoa(int(e.u16(0))), 0, 2, uint64(e.u16(0))))
			e.add(UintField("enip.rs.flags", fmt.Sprintf("Option Flags: 0x%04x", e.u16(2)), 2, 2, uint64(e.u16(2))))
		}
	case 0x0004, 0x0063, 0x0064:
		if len(data) > 0 {
			for _, name := range e.cpf(0) {
				piece += ", " + name
			}
		}
	case 0x006f, 0x0070:
		if len(data) < 8 {
			e.bad = true
		} else {
			iface := binary.LittleEndian.Uint32(data)
			ifn := "enip.srrd.iface"
			if cmd == 0x0070 {
				ifn = "enip.sud.iface"
			}
			ifname := "CIP"
			if iface != 0 {
				ifname = "Unknown"
			}
			e.add(UintField(ifn, fmt.Sprintf("Interface Handle: %s (0x%08x)", ifname, iface), 0, 4, uint64(iface)))
			e.add(UintField("enip.timeout", "Timeout: "+strconv.Itoa(int(e.u16(4))), 4, 2, uint64(e.u16(4))))
			e.cpf(6)
			if e.cipOff > 0 {
				cip = e.dissectCIP(session, ctx)
			}
		}
	}
	if out.WantTree {
		label := fmt.Sprintf("EtherNet/IP (Industrial Protocol), Session: 0x%08X, %s", session, cname)
		if e.hasConnID {
			label += fmt.Sprintf(", Connection ID: 0x%08X", e.connID)
		}
		top := Field{Name: "enip", Label: label,
			Start: 0, Len: min(len(b), enipHeaderLen+dlen), Kind: FieldProto}
		top.Children = append(top.Children, Field{Label: "Encapsulation Header", Start: 0, Len: enipHeaderLen, Children: hdr})
		if len(e.out) > 0 || len(data) > 0 {
			csd = e.out
			for i := range csd {
				Shift(csd[i:i+1], enipHeaderLen)
			}
			top.Children = append(top.Children, Field{Label: "Command Specific Data", Start: enipHeaderLen, Len: len(data), Children: csd})
		}
		out.Add(top)
	}
	if enipHeaderLen+dlen > len(b) {
		// a datagram shorter than its header says
		e.bad = true
	}
	if cip != nil {
		out.SetProto(cip.proto)
		piece = cip.info
		if out.WantTree {
			for _, f := range cip.tree {
				Shift([]Field{f}, 0)
				out.Add(f)
			}
		}
	}
	if e.bad && cip == nil {
		piece += malformedMark
	}
	out.AppendInfo(" | ", piece)
	return true
}

func enipStatusName(s uint32) string {
	if n, ok := enipStatusNames[s]; ok {
		return n
	}
	return "Unknown"
}

// enipMsg builds the command-specific data's fields, offsets relative to
// the data (after the header).
type enipMsg struct {
	b, data []byte
	tree    bool
	out     []Field
	p       *PDU
	kind    string
	// the CIP message's item: offset in data and length
	cipOff, cipLen int
	connected      bool
	// the connected address item's connection ID
	connID    uint32
	hasConnID bool
	// bad says a field ran past the bytes: tshark's malformedMark
	bad bool
}

func (e *enipMsg) u16(off int) uint16 { return binary.LittleEndian.Uint16(e.data[off:]) }

func (e *enipMsg) add(f Field) {
	if e.tree {
		e.out = append(e.out, f)
	}
}

// cpf reads the Common Packet Format at off in the data, adding its items
// to the tree, and returns the names ListIdentity and ListServices
// responses put in Info.
func (e *enipMsg) cpf(off int) []string {
	d := e.data
	if off+2 > len(d) {
		e.bad = true
		return nil
	}
	n := int(binary.LittleEndian.Uint16(d[off:]))
	count := UintField("enip.cpf.itemcount", "Item Count: "+strconv.Itoa(n), off, 2, uint64(n))
	var names []string
	pos := off + 2
	for i := 0; i < n; i++ {
		if pos+4 > len(d) {
			e.bad = true
			break
		}
		t := binary.LittleEndian.Uint16(d[pos:])
		l := int(binary.LittleEndian.Uint16(d[pos+2:]))
		body := pos + 4
		end := min(body+l, len(d))
		if body+l > len(d) {
			e.bad = true
		}
		tn, ok := enipItemNames[t]
		if !ok {
			tn = "Unknown"
		}
		item := UintField("enip.cpf.typeid", fmt.Sprintf("Type ID: %s (0x%04x)", tn, t), pos, 2, uint64(t))
		item.Children = append(item.Children, UintField("enip.cpf.length", "Length: "+strconv.Itoa(l), pos+2, 2, uint64(l)))
		it := d[body:end]
		switch t {
		case 0x000c:
			name, fs := enipIdentity(it, body)
			if fs == nil {
				e.bad = true
			} else {
				item.Children = append(item.Children, fs...)
				names = append(names, name)
			}
		case 0x0100:
			if len(it) >= 20 {
				v, fl := binary.LittleEndian.Uint16(it), binary.LittleEndian.Uint16(it[2:])
				name := enipCString(it[4:20])
				item.Children = append(item.Children,
					UintField("enip.encapver", "Encapsulation Protocol Version: "+strconv.Itoa(int(v)), body, 2, uint64(v)),
					UintField("enip.lsr.capaflags", fmt.Sprintf("Capability Flags: 0x%04x", fl)+enipCapaText(fl), body+2, 2, uint64(fl)),
					StrField("enip.lsr.servicename", "Name of Service: "+Printable(name), body+4, 16, name))
				names = append(names, name)
			} else {
				e.bad = true
			}
		case 0x00a1:
			if len(it) < 4 {
				e.bad = true
			} else {
				id := binary.LittleEndian.Uint32(it)
				if !e.hasConnID {
					e.connID, e.hasConnID = id, true
				}
				item.Children = append(item.Children, UintField("enip.cpf.cai.connid", fmt.Sprintf("Connection ID: 0x%08x", id), body, 4, uint64(id)))
			}
		case 0x8002:
			if len(it) < 8 {
				e.bad = true
			} else {
				id, seq := binary.LittleEndian.Uint32(it), binary.LittleEndian.Uint32(it[4:])
				item.Children = append(item.Children,
					UintField("enip.cpf.sai.connid", fmt.Sprintf("Connection ID: 0x%08x", id), body, 4, uint64(id)),
					UintField("enip.cpf.sai.seq", "Encapsulation Sequence Number: "+strconv.Itoa(int(seq)), body+4, 4, uint64(seq)))
			}
		case 0x00b2, 0x00b1:
			if l > 0 && e.cipOff == 0 {
				e.cipOff, e.cipLen, e.connected = body, end-body, t == 0x00b1
			}
		}
		count.Children = append(count.Children, item)
		pos = body + l
	}
	e.add(count)
	return names
}

// enipCapaText is the capability flags' summary in their label.
func enipCapaText(fl uint16) string {
	s := ""
	if fl&0x20 != 0 {
		s += ", Supports CIP Encapsulation via TCP"
	}
	if fl&0x100 != 0 {
		s += ", Supports CIP Class 0 or 1 via UDP"
	}
	return s
}

// enipCString is b up to its first NUL.
func enipCString(b []byte) string {
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// enipIdentity reads a CIP Identity item (ListIdentity response) at base:
// the product name and the fields.
func enipIdentity(it []byte, base int) (string, []Field) {
	if len(it) < 33 {
		return "", nil
	}
	nl := int(it[32])
	if 33+nl >= len(it) {
		// the state byte after the name is read too
		return "", nil
	}
	name := string(it[33 : 33+nl])
	u16 := func(o int) uint64 { return uint64(binary.LittleEndian.Uint16(it[o:])) }
	port := binary.BigEndian.Uint16(it[4:])
	fs := []Field{
		UintField("enip.encapver", "Encapsulation Protocol Version: "+strconv.Itoa(int(u16(0))), base, 2, u16(0)),
		{Label: "Socket Address", Start: base + 2, Len: 16, Children: []Field{
			UintField("enip.sinfamily", "sin_family: "+strconv.Itoa(int(binary.BigEndian.Uint16(it[2:]))), base+2, 2, uint64(binary.BigEndian.Uint16(it[2:]))),
			UintField("enip.sinport", "sin_port: "+strconv.Itoa(int(port)), base+4, 2, uint64(port)),
			{Name: "enip.sinaddr", Label: fmt.Sprintf("sin_addr: %d.%d.%d.%d", it[6], it[7], it[8], it[9]), Start: base + 6, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(it[6:]))},
			{Name: "enip.sinzero", Label: "sin_zero: " + hex.EncodeToString(it[10:18]), Start: base + 10, Len: 8, Kind: FieldBytes, Str: string(it[10:18])},
		}},
		UintField("enip.lir.prodcode", "Product Code: "+strconv.Itoa(int(u16(22))), base+22, 2, u16(22)),
		UintField("enip.lir.revision", fmt.Sprintf("Revision: %d.%02d", it[24], it[25]), base+24, 2, uint64(it[24])<<8|uint64(it[25])),
		UintField("enip.lir.status", fmt.Sprintf("Status: 0x%04x", u16(26)), base+26, 2, u16(26)),
		UintField("enip.lir.serial", fmt.Sprintf("Serial Number: 0x%08x", binary.LittleEndian.Uint32(it[28:])), base+28, 4, uint64(binary.LittleEndian.Uint32(it[28:]))),
		UintField("enip.lir.namelen", "Product Name Length: "+strconv.Itoa(nl), base+32, 1, uint64(nl)),
		StrField("enip.lir.name", "Product Name: "+Printable(name), base+33, nl, name),
	}
	fs = append(fs, UintField("enip.lir.state", fmt.Sprintf("State: 0x%02x", it[33+nl]), base+33+nl, 1, uint64(it[33+nl])))
	return name, fs
}

// dissectCIP hands the CIP message item to the CIP layer, with the
// request the conversation remembers for a response.
func (e *enipMsg) dissectCIP(session uint32, ctx [8]byte) *cipResult {
	start := e.cipOff
	n := e.cipLen
	if e.connected {
		// the connected data item starts with a 16-bit sequence count
		if n < 2 {
			return nil
		}
		start += 2
		n -= 2
	}
	if n <= 0 {
		return nil
	}
	msg := e.data[start : start+n]
	st := e.p.Conv.stateENIP()
	var req *cipReqInfo
	isResp := len(msg) > 0 && msg[0]&0x80 != 0
	if isResp && st != nil {
		for i := len(st.reqs) - 1; i >= 0; i-- {
			r := &st.reqs[i]
			if r.frame < e.p.Frame && r.session == session && r.context == ctx {
				req = &r.req
				break
			}
		}
	}
	res := dissectCIPMessage(msg, req)
	if !isResp && st != nil && res.reqOK {
		off := e.p.Off
		for i := len(st.reqs) - 1; i >= 0; i-- {
			r := &st.reqs[i]
			if r.frame == e.p.Frame && r.off == off {
				return res
			}
		}
		if len(st.reqs) == enipMaxRequests {
			st.reqs = append(st.reqs[:0], st.reqs[1:]...)
		}
		st.reqs = append(st.reqs, cipRequest{frame: e.p.Frame, off: off, session: session, context: ctx, req: res.req})
	}
	if e.tree {
		Shift(res.tree, enipHeaderLen+start)
	}
	return res
}

// cipIODissect is class-1 I/O on UDP 2222 (dissect_enip_udp's CPF, then
// the connected data as "CIP I/O").
func cipIODissect(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 {
		return false
	}
	e := enipMsg{data: b, tree: out.WantTree, p: p}
	e.cpf(0)
	out.SetProto("CIP I/O")
	// the column keeps UDP's summary unless a sequenced address names
	// the connection
	info := fmt.Sprintf("%d → %d Len=%d", p.SrcPort, p.DstPort, p.Len)
	var id, seq uint32
	found := false
	if len(b) >= 14 && binary.LittleEndian.Uint16(b) > 0 && binary.LittleEndian.Uint16(b[2:]) == 0x8002 && binary.LittleEndian.Uint16(b[4:]) >= 8 {
		id, seq, found = binary.LittleEndian.Uint32(b[6:]), binary.LittleEndian.Uint32(b[10:]), true
	}
	if out.WantTree {
		out.Add(Field{Name: "enip", Label: "EtherNet/IP (Industrial Protocol)", Start: 0, Len: len(b), Kind: FieldProto, Children: e.out})
	}
	if found {
		info = fmt.Sprintf("Connection: ID=0x%08X, SEQ=%010d", id, seq)
	}
	if e.cipOff > 0 && out.WantTree {
		// the connected data item, with or without a sequenced address
		d := b[e.cipOff : e.cipOff+e.cipLen]
		out.Add(Field{Name: "cipio", Label: "Common Industrial Protocol, I/O", Start: e.cipOff, Len: len(d), Kind: FieldProto, Children: []Field{
			{Name: "cipio.data", Label: "Data: " + hex.EncodeToString(d), Start: e.cipOff, Len: len(d), Kind: FieldBytes, Str: string(d)},
		}})
	}
	if e.bad {
		info += malformedMark
	}
	out.SetInfo(info)
	return true
}

var enipDissector = &Dissector{
	Name:    "enip",
	Dissect: enipDissect,
	PDULen:  enipPDULen,
	Fields: []FieldDef{
		{Name: "enip", Desc: "EtherNet/IP (Industrial Protocol)", Kind: FieldProto},
		{Name: "enip.command", Desc: "Command", Kind: FieldUint, Bits: 16},
		{Name: "enip.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "enip.session", Desc: "Session Handle", Kind: FieldUint, Bits: 32},
		{Name: "enip.status", Desc: "Status", Kind: FieldUint, Bits: 32},
		{Name: "enip.context", Desc: "Sender Context", Kind: FieldBytes},
		{Name: "enip.listid_delay", Desc: "Max Response Delay", Kind: FieldUint, Bits: 16},
		{Name: "enip.options", Desc: "Options", Kind: FieldUint, Bits: 32},
		{Name: "enip.rs.version", Desc: "Protocol Version", Kind: FieldUint, Bits: 16},
		{Name: "enip.rs.flags", Desc: "Option Flags", Kind: FieldUint, Bits: 16},
		{Name: "enip.srrd.iface", Desc: "Interface Handle", Kind: FieldUint, Bits: 32},
		{Name: "enip.sud.iface", Desc: "Interface Handle", Kind: FieldUint, Bits: 32},
		{Name: "enip.timeout", Desc: "Timeout", Kind: FieldUint, Bits: 16},
		{Name: "enip.cpf.itemcount", Desc: "Item Count", Kind: FieldUint, Bits: 16},
		{Name: "enip.cpf.typeid", Desc: "Type ID", Kind: FieldUint, Bits: 16},
		{Name: "enip.cpf.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "enip.cpf.cai.connid", Desc: "Connection ID", Kind: FieldUint, Bits: 32},
		{Name: "enip.cpf.sai.connid", Desc: "Connection ID", Kind: FieldUint, Bits: 32},
		{Name: "enip.cpf.sai.seq", Desc: "Encapsulation Sequence Number", Kind: FieldUint, Bits: 32},
		{Name: "enip.encapver", Desc: "Encapsulation Protocol Version", Kind: FieldUint, Bits: 16},
		{Name: "enip.sinfamily", Desc: "sin_family", Kind: FieldUint, Bits: 16},
		{Name: "enip.sinport", Desc: "sin_port", Kind: FieldUint, Bits: 16},
		{Name: "enip.sinaddr", Desc: "sin_addr", Kind: FieldIPv4},
		{Name: "enip.sinzero", Desc: "sin_zero", Kind: FieldBytes},
		{Name: "enip.lir.prodcode", Desc: "Product Code", Kind: FieldUint, Bits: 16},
		{Name: "enip.lir.revision", Desc: "Revision", Kind: FieldUint, Bits: 16},
		{Name: "enip.lir.status", Desc: "Status", Kind: FieldUint, Bits: 16},
		{Name: "enip.lir.serial", Desc: "Serial Number", Kind: FieldUint, Bits: 32},
		{Name: "enip.lir.namelen", Desc: "Product Name Length", Kind: FieldUint, Bits: 8},
		{Name: "enip.lir.name", Desc: "Product Name", Kind: FieldString},
		{Name: "enip.lir.state", Desc: "State", Kind: FieldUint, Bits: 8},
		{Name: "enip.lsr.capaflags", Desc: "Capability Flags", Kind: FieldUint, Bits: 16},
		{Name: "enip.lsr.servicename", Desc: "Name of Service", Kind: FieldString},
		// the CIP layer (proto_cip.go) and the Connection Manager's
		{Name: "cip", Desc: "Common Industrial Protocol", Kind: FieldProto},
		{Name: "cip.service", Desc: "Service", Kind: FieldUint, Bits: 8},
		{Name: "cip.rr", Desc: "Request/Response", Kind: FieldUint, Bits: 8},
		{Name: "cip.sc", Desc: "Service", Kind: FieldUint, Bits: 8},
		{Name: "cip.request_path_size", Desc: "Request Path Size", Kind: FieldUint, Bits: 8},
		{Name: "cip.epath", Desc: "EPath", Kind: FieldBytes},
		{Name: "cip.path_segment", Desc: "Path Segment", Kind: FieldUint, Bits: 8},
		{Name: "cip.path_segment.type", Desc: "Path Segment Type", Kind: FieldUint, Bits: 8},
		{Name: "cip.logical_segment.type", Desc: "Logical Segment Type", Kind: FieldUint, Bits: 8},
		{Name: "cip.logical_segment.format", Desc: "Logical Segment Format", Kind: FieldUint, Bits: 8},
		// tshark registers 8-, 16- and 32-bit fields under these names
		{Name: "cip.class", Desc: "Class", Kind: FieldUint, Bits: 32},
		{Name: "cip.instance", Desc: "Instance", Kind: FieldUint, Bits: 32},
		{Name: "cip.attribute", Desc: "Attribute", Kind: FieldUint, Bits: 32},
		{Name: "cip.connpoint", Desc: "Connection Point", Kind: FieldUint, Bits: 32},
		{Name: "cip.genstat", Desc: "General Status", Kind: FieldUint, Bits: 8},
		{Name: "cip.addstat_size", Desc: "Additional Status Size", Kind: FieldUint, Bits: 8},
		{Name: "cip.addstat", Desc: "Additional Status", Kind: FieldUint, Bits: 16},
		{Name: "cip.msp.num_services", Desc: "Number of Services", Kind: FieldUint, Bits: 16},
		{Name: "cip.msp.offset", Desc: "Offset", Kind: FieldUint, Bits: 16},
		{Name: "cipcm", Desc: "CIP Connection Manager", Kind: FieldProto},
		{Name: "cip.cm.sc", Desc: "Service", Kind: FieldUint, Bits: 8},
		{Name: "cip.cm.ot_connid", Desc: "O->T Network Connection ID", Kind: FieldUint, Bits: 32},
		{Name: "cip.cm.to_connid", Desc: "T->O Network Connection ID", Kind: FieldUint, Bits: 32},
		{Name: "cip.cm.conn_serial_num", Desc: "Connection Serial Number", Kind: FieldUint, Bits: 16},
		{Name: "cip.cm.orig_serial_num", Desc: "Originator Serial Number", Kind: FieldUint, Bits: 32},
		{Name: "cip.cm.connpath_size", Desc: "Connection Path Size", Kind: FieldUint, Bits: 8},
	},
}

var cipIODissector = &Dissector{
	Name:    "cipio",
	Dissect: cipIODissect,
	Fields: []FieldDef{
		{Name: "cipio", Desc: "Common Industrial Protocol, I/O", Kind: FieldProto},
		{Name: "cipio.data", Desc: "Data", Kind: FieldBytes},
	},
}

func init() {
	RegisterTCP(enipDissector, enipPort)
	RegisterUDP(enipDissector, enipPort)
	RegisterUDP(cipIODissector, cipIOPort)
}
