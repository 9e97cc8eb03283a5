package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// CIP explicit messages (ODVA CIP Vol. 1) as Wireshark 4.0's packet-cip.c
// shows them inside EtherNet/IP (proto_enip.go): the service code and its
// request/response bit, the request path (EPATH: logical class, instance,
// attribute and connection-point segments, port segments, ANSI extended
// symbolic segments), the general and additional status of a response,
// the Message Router's Multiple_Service_Packet and the Connection
// Manager's Forward_Open, Large_Forward_Open, Forward_Close and
// Unconnected_Send. Info: "Identity - Get Attribute Single" for a request
// ("'Tag' - ..." for a symbolic path, "Class (0x6b) - Service (0x4b)" for
// unnamed ones), "Success: Identity - Get Attribute Single" for a response,
// whose class comes from the request the conversation remembers (only the
// service name when none), "Connection Manager - Unconnected Send:
// Identity - Get Attributes All", "Connection Manager - Forward Open
// (Message Router)" naming the connection path's class, "Message Router -
// Multiple Service Packet: Get Attribute Single, Get Attribute Single".
// Protocol: "CIP CM" for the Connection Manager's messages, else "CIP".

// cipServiceNames is cip_sc_vals, the common services (tshark -G values,
// cip.sc).
var cipServiceNames = map[uint8]string{
	0x01: "Get Attributes All", 0x02: "Set Attributes All", 0x03: "Get Attribute List", 0x04: "Set Attribute List",
	0x05: "Reset", 0x06: "Start", 0x07: "Stop", 0x08: "Create", 0x09: "Delete", 0x0a: "Multiple Service Packet",
	0x0d: "Apply Attributes", 0x0e: "Get Attribute Single", 0x10: "Set Attribute Single",
	0x11: "Find Next Object Instance", 0x15: "Restore", 0x16: "Save", 0x17: "Nop", 0x18: "Get Member",
	0x19: "Set Member", 0x1a: "Insert Member", 0x1b: "Remove Member", 0x1c: "Group Sync",
}

// cipCMServiceNames is cip_sc_vals_cm's own services (cip.cm.sc).
var cipCMServiceNames = map[uint8]string{
	0x4e: "Forward Close", 0x52: "Unconnected Send", 0x54: "Forward Open", 0x56: "Get Connection Data",
	0x57: "Search Connection Data", 0x5a: "Get Connection Owner", 0x5b: "Large Forward Open",
}

// cipStatusNames is cip_gs_vals (cip.genstat).
var cipStatusNames = []string{
	"Success", "Connection failure", "Resource unavailable", "Invalid parameter value", "Path segment error",
	"Path destination unknown", "Partial transfer", "Connection lost", "Service not supported",
	"Invalid attribute value", "Attribute list error", "Already in requested mode/state", "Object state conflict",
	"Object already exists", "Attribute not settable", "Privilege violation", "Device state conflict",
	"Reply data too large", "Fragmentation of a primitive value", "Not enough data", "Attribute not supported",
	"Too much data", "Object does not exist", "Service fragmentation sequence not in progress",
	"No stored attribute data", "Store operation failure", "Routing failure, request packet too large",
	"Routing failure, response packet too large", "Missing attribute list entry data",
	"Invalid attribute value list", "Embedded service error", "Vendor specific error", "Invalid parameter",
	"Write-once value or medium already written", "Invalid reply received", "Buffer overflow",
	"Invalid message format", "Key failure in path", "Path size invalid", "Unexpected attribute in list",
	"Invalid Member ID", "Member not settable", "Group 2 only server general failure", "Unknown Modbus error",
	"Attribute not gettable",
}

// cipAttributeNames are the attribute names packet-cip.c gives the
// Identity object's and the TCP/IP Interface's attributes, as tshark
// labels them.
var cipAttributeNames = map[[2]uint32]string{
	{1, 1}: "Vendor ID", {1, 2}: "Device Type", {1, 3}: "Product Code", {1, 4}: "Revision", {1, 5}: "Status",
	{1, 6}: "Serial Number", {1, 7}: "Product Name",
	{0xf5, 1}: "Status", {0xf5, 5}: "Interface Configuration",
}

const (
	cipClassMessageRouter = 0x02
	cipClassCM            = 0x06
	cipSvcMSP             = 0x0a
	cipSvcForwardClose    = 0x4e
	cipSvcUnconnectedSend = 0x52
	cipSvcForwardOpen     = 0x54
	cipSvcLargeFwdOpen    = 0x5b
	// cipMaxMSP bounds the services of a Multiple_Service_Packet read.
	cipMaxMSP = 64
	// cipMaxDepth bounds the nesting of embedded messages read.
	cipMaxDepth = 3
)

// cipPath is what a request path names.
type cipPath struct {
	class, inst, attr          uint32
	hasClass, hasInst, hasAttr bool
	symbol                     string
	hasSymbol                  bool
	ok                         bool // every segment was read
}

// cipReqInfo is what a response needs of its request (cip_req_info_t).
type cipReqInfo struct {
	service uint8
	path    cipPath
	raw     []byte // the request path's bytes (a copy)
	// connClass names the Forward Open/Close's connection path class.
	connClass    string
	hasConnClass bool
	// embedded is the request an Unconnected_Send carries, or the
	// requests of a Multiple_Service_Packet.
	embedded []cipReqInfo
}

// cipResult is what the CIP layer made of one message.
type cipResult struct {
	proto, info string
	tree        []Field
	req         cipReqInfo // a request's, for its response
	reqOK       bool
	cm          Field // the Connection Manager's layer, when it has one
}

// cipGeneratedPath is a request's path in its response, as generated
// fields without bytes.
func cipGeneratedPath(req *cipReqInfo) []Field {
	_, segs := cipParsePath(req.raw, 0, len(req.raw), true)
	for i := range segs {
		segs[i].Start, segs[i].Len = 0, 0
		Unplace(segs[i].Children)
	}
	return []Field{
		UintField("cip.request_path_size", "Request Path Size: "+cipWords(len(req.raw)/2), 0, 0, uint64(len(req.raw)/2)),
		{Label: "Request Path: " + Printable(req.path.text()), Start: 0, Len: 0, Children: segs},
	}
}

// cipWords is a path or status size as tshark words it.
func cipWords(n int) string {
	if n == 1 {
		return "1 word"
	}
	return strconv.Itoa(n) + " words"
}

// cipCMLayer is the Connection Manager's layer over the whole message:
// its service line (the CIP layer's names only the common services) and
// the command-specific fields.
func cipCMLayer(b []byte, data []Field, doff int) Field {
	svcByte := b[0]
	svc := svcByte & 0x7f
	rr := "Request"
	if svcByte&0x80 != 0 {
		rr = "Response"
	}
	name, ok := cipServiceNames[svc]
	if !ok {
		name, ok = cipCMServiceNames[svc]
	}
	sc := fmt.Sprintf("%s (0x%02x)", name, svc)
	if !ok {
		name = fmt.Sprintf("Unknown Service (0x%02x)", svc)
		sc = fmt.Sprintf("Unknown (0x%02x)", svc)
	}
	cm := Field{Name: "cipcm", Label: "CIP Connection Manager", Start: 0, Len: len(b), Kind: FieldProto, Children: []Field{
		{Label: fmt.Sprintf("Service: %s (%s)", name, rr), Start: 0, Len: 1, Children: []Field{
			UintField("cip.rr", bitString(uint32(svcByte), 8, 0x80)+fmt.Sprintf(" = Request/Response: %s (0x%d)", rr, svcByte>>7), 0, 1, uint64(svcByte>>7)),
			UintField("cip.cm.sc", bitString(uint32(svcByte), 8, 0x7f)+" = Service: "+sc, 0, 1, uint64(svc)),
		}},
	}}
	if len(data) > 0 {
		cm.Children = append(cm.Children, Field{Label: "Command Specific Data", Start: doff, Len: len(b) - doff, Children: data})
	}
	return cm
}

func cipClassName(c uint32) string {
	if n, ok := cipClassNames[c]; ok {
		return n
	}
	return fmt.Sprintf("Class (0x%02x)", c)
}

func cipStatusName(s uint8) string {
	if int(s) < len(cipStatusNames) {
		return cipStatusNames[s]
	}
	return fmt.Sprintf("Unknown (0x%02x)", s)
}

// cipServiceName names service svc of the class a path gives.
func cipServiceName(svc uint8, p *cipPath) string {
	if n, ok := cipServiceNames[svc]; ok {
		return n
	}
	if p != nil && p.hasClass && p.class == cipClassCM {
		if n, ok := cipCMServiceNames[svc]; ok {
			return n
		}
	}
	return fmt.Sprintf("Service (0x%02x)", svc)
}

// prefix is the path's part of Info: the class name, or the symbol.
func (p *cipPath) prefix() string {
	switch {
	case p.hasClass:
		return cipClassName(p.class) + " - "
	case p.hasSymbol:
		return "'" + p.symbol + "' - "
	}
	return ""
}

// cipParsePath reads an EPATH of n bytes at b[off:], adding its segments
// to the fields when tree is set (offsets relative to b).
func cipParsePath(b []byte, off, n int, tree bool) (cipPath, []Field) {
	var p cipPath
	var fs []Field
	end := off + n
	if end > len(b) {
		return p, nil
	}
	pos := off
	for pos < end {
		seg := b[pos]
		switch {
		case seg&0xe0 == 0x20: // logical segment
			ltype := (seg >> 2) & 7
			var v uint32
			size := 0
			switch seg & 3 {
			case 0:
				if pos+2 > end {
					return p, fs
				}
				v, size = uint32(b[pos+1]), 2
			case 1:
				if pos+4 > end {
					return p, fs
				}
				v, size = uint32(binary.LittleEndian.Uint16(b[pos+2:])), 4
			case 2:
				if pos+6 > end {
					return p, fs
				}
				v, size = binary.LittleEndian.Uint32(b[pos+2:]), 6
			default:
				return p, fs
			}
			bits := []string{"8", "16", "32"}[seg&3]
			vOff, vLen := pos+1, 1
			if seg&3 != 0 {
				vOff, vLen = pos+2, size-2
			}
			var kindName, lname string
			var vf Field
			switch ltype {
			case 0:
				kindName, lname = "Class", "Class ID"
				if !p.hasClass {
					p.class, p.hasClass = v, true
				}
				cn, ok := cipClassNames[v]
				if !ok {
					cn = "Unknown"
				}
				vf = UintField("cip.class", fmt.Sprintf("Class: %s (0x%0*x)", cn, 2*vLen, v), vOff, vLen, uint64(v))
			case 1:
				kindName, lname = "Instance", "Instance ID"
				if !p.hasInst {
					p.inst, p.hasInst = v, true
				}
				vf = UintField("cip.instance", fmt.Sprintf("Instance: 0x%0*x", 2*vLen, v), vOff, vLen, uint64(v))
			case 3:
				kindName, lname = "Connection Point", "Connection Point"
				vf = UintField("cip.connpoint", fmt.Sprintf("Connection Point: 0x%0*x", 2*vLen, v), vOff, vLen, uint64(v))
			case 4:
				kindName, lname = "Attribute", "Attribute ID"
				if !p.hasAttr {
					p.attr, p.hasAttr = v, true
				}
				label := "Attribute: " + strconv.Itoa(int(v))
				if n, ok := cipAttributeNames[[2]uint32{p.class, v}]; ok && p.hasClass {
					label += " (" + n + ")"
				}
				vf = UintField("cip.attribute", label, vOff, vLen, uint64(v))
			default:
				return p, fs
			}
			if tree {
				sf := UintField("cip.path_segment", fmt.Sprintf("Path Segment: 0x%02x (%s-Bit %s Segment)", seg, bits, kindName), pos, size, uint64(seg))
				sf.Children = []Field{
					UintField("cip.path_segment.type", bitString(uint32(seg), 8, 0xe0)+" = Path Segment Type: Logical Segment (1)", pos, 1, 1),
					UintField("cip.logical_segment.type", bitString(uint32(seg), 8, 0x1c)+fmt.Sprintf(" = Logical Segment Type: %s (%d)", lname, ltype), pos, 1, uint64(ltype)),
					UintField("cip.logical_segment.format", bitString(uint32(seg), 8, 3)+fmt.Sprintf(" = Logical Segment Format: %s-bit Logical Segment (%d)", bits, seg&3), pos, 1, uint64(seg&3)),
					vf,
				}
				fs = append(fs, sf)
			}
			pos += size
		case seg&0xe0 == 0: // port segment
			port := uint32(seg & 0x0f)
			size := 2
			if seg&0x10 != 0 {
				if pos+2 > end {
					return p, fs
				}
				size = 2 + int(b[pos+1])
				if size%2 != 0 {
					size++
				}
			}
			if port == 0x0f {
				size += 2
			}
			if pos+size > end {
				return p, fs
			}
			if tree {
				sf := UintField("cip.path_segment", fmt.Sprintf("Path Segment: 0x%02x (Port Segment)", seg), pos, size, uint64(seg))
				fs = append(fs, sf)
			}
			pos += size
		case seg == 0x91: // ANSI extended symbolic
			if pos+2 > end {
				return p, fs
			}
			l := int(b[pos+1])
			size := 2 + l
			if size%2 != 0 {
				size++
			}
			if pos+2+l > end {
				return p, fs
			}
			sym := string(b[pos+2 : pos+2+l])
			if !p.hasSymbol {
				p.symbol, p.hasSymbol = sym, true
			} else {
				p.symbol += "." + sym
			}
			if tree {
				fs = append(fs, UintField("cip.path_segment", fmt.Sprintf("Path Segment: 0x%02x (ANSI Extended Symbol Segment)", seg), pos, min(size, end-pos), uint64(seg)))
			}
			pos += size
		default:
			return p, fs
		}
	}
	p.ok = true
	return p, fs
}

// pathText is the Request Path line's summary.
func (p *cipPath) text() string {
	var parts []string
	if p.hasSymbol {
		parts = append(parts, "'"+p.symbol+"'")
	}
	if p.hasClass {
		parts = append(parts, cipClassName(p.class))
	}
	if p.hasInst {
		parts = append(parts, fmt.Sprintf("Instance: 0x%02x", p.inst))
	}
	if p.hasAttr {
		s := "Attribute: " + strconv.Itoa(int(p.attr))
		if n, ok := cipAttributeNames[[2]uint32{p.class, p.attr}]; ok && p.hasClass {
			s += " (" + n + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// dissectCIPMessage reads one CIP message; req is the request a response
// answers, nil when unknown.
func dissectCIPMessage(b []byte, req *cipReqInfo) *cipResult {
	return cipMessage(b, req, 0)
}

// cipMessage is dissectCIPMessage at a depth of embedded messages
// (Unconnected_Send, Multiple_Service_Packet): past cipMaxDepth the
// embedded messages are not read, so that nested packets whose services
// overlap cannot make the work grow without bound.
func cipMessage(b []byte, req *cipReqInfo, depth int) *cipResult {
	r := &cipResult{proto: "CIP"}
	if len(b) == 0 {
		r.info = malformedMark
		return r
	}
	svcByte := b[0]
	svc := svcByte & 0x7f
	top := Field{Name: "cip", Label: "Common Industrial Protocol", Start: 0, Len: len(b), Kind: FieldProto}
	rrName := "Request"
	if svcByte&0x80 != 0 {
		rrName = "Response"
	}
	svcField := func() Field {
		// the CIP layer names the common services only; the
		// Connection Manager's layer names its own
		name, common := cipServiceNames[svc]
		scName := fmt.Sprintf("%s (0x%02x)", name, svc)
		if !common {
			name = fmt.Sprintf("Unknown Service (0x%02x)", svc)
			scName = fmt.Sprintf("Unknown (0x%02x)", svc)
		}
		f := UintField("cip.service", fmt.Sprintf("Service: %s (%s)", name, rrName), 0, 1, uint64(svcByte))
		f.Children = []Field{
			UintField("cip.rr", bitString(uint32(svcByte), 8, 0x80)+fmt.Sprintf(" = Request/Response: %s (0x%d)", rrName, svcByte>>7), 0, 1, uint64(svcByte>>7)),
			UintField("cip.sc", bitString(uint32(svcByte), 8, 0x7f)+" = Service: "+scName, 0, 1, uint64(svc)),
		}
		return f
	}
	// malformed is a message that ends inside its header: the fields
	// read before the end, and the Info tshark gives it
	malformed := func(fs ...Field) *cipResult {
		r.info = malformedMark
		top.Children = append([]Field{svcField()}, fs...)
		r.tree = []Field{top}
		return r
	}
	if len(b) < 2 {
		return malformed()
	}

	if svcByte&0x80 == 0 {
		// request
		words := int(b[1])
		sizeField := UintField("cip.request_path_size", "Request Path Size: "+cipWords(words), 1, 1, uint64(words))
		if 2+2*words > len(b) {
			return malformed(sizeField)
		}
		p, segs := cipParsePath(b, 2, 2*words, true)
		if !p.ok {
			return malformed(sizeField)
		}
		r.req = cipReqInfo{service: svc, path: p, raw: append([]byte(nil), b[2:2+2*words]...)}
		r.reqOK = true
		top.Children = append(top.Children, svcField(), sizeField,
			Field{Label: "Request Path: " + Printable(p.text()), Start: 2, Len: 2 * words, Children: append([]Field{
				{Name: "cip.epath", Label: "EPath: " + hex.EncodeToString(b[2:2+2*words]), Start: 2, Len: 2 * words, Kind: FieldBytes, Str: string(b[2 : 2+2*words])},
			}, segs...)})
		data := b[2+2*words:]
		doff := 2 + 2*words
		info := p.prefix() + cipServiceName(svc, &p)
		isCM := p.hasClass && p.class == cipClassCM
		switch {
		case isCM && svc == cipSvcUnconnectedSend:
			r.proto = "CIP CM"
			var emb []Field
			if len(data) >= 4 {
				n := int(binary.LittleEndian.Uint16(data[2:]))
				if 4+n <= len(data) && n > 0 && depth < cipMaxDepth {
					inner := cipMessage(data[4:4+n], nil, depth+1)
					info += ": " + inner.info
					if inner.reqOK {
						r.req.embedded = []cipReqInfo{inner.req}
					}
					Shift(inner.tree, doff+4)
					emb = inner.tree
				}
			}
			r.cm = cipCMLayer(b, emb, doff)
		case isCM && (svc == cipSvcForwardOpen || svc == cipSvcLargeFwdOpen || svc == cipSvcForwardClose):
			r.proto = "CIP CM"
			cm, connClass, ok := cipForwardFields(data, doff, svc)
			if ok {
				r.req.connClass, r.req.hasConnClass = connClass, true
				info += " (" + connClass + ")"
			}
			r.cm = cipCMLayer(b, cm, doff)
		case isCM:
			r.proto = "CIP CM"
			r.cm = cipCMLayer(b, nil, doff)
		case svc == cipSvcMSP && len(data) >= 2 && depth < cipMaxDepth:
			names, embedded, fs := cipMSP(data, doff, nil, depth)
			info += ": " + strings.Join(names, ", ")
			r.req.embedded = embedded
			top.Children = append(top.Children, fs...)
		}
		r.info = info
		r.tree = []Field{top}
		if r.cm.Name != "" {
			r.tree = append(r.tree, r.cm)
		}
		return r
	}

	// response
	if len(b) < 4 {
		return malformed()
	}
	gs := b[2]
	addl := int(b[3])
	if 4+2*addl > len(b) {
		return malformed()
	}
	if req != nil && req.service == cipSvcUnconnectedSend && len(req.embedded) == 1 && req.path.hasClass && req.path.class == cipClassCM {
		// the answer to an Unconnected_Send is the embedded request's:
		// Info and Protocol are its, the CIP layer shows the
		// Unconnected_Send's path and the Connection Manager's the
		// embedded request's
		emb := req.embedded[0]
		inner := cipMessage(b, &emb, depth+1)
		outer := cipMessage(b, &cipReqInfo{service: svc, path: req.path, raw: req.raw}, cipMaxDepth)
		inner.tree = outer.tree[:1]
		cm := Field{Name: "cipcm", Label: "CIP Connection Manager", Start: 0, Len: len(b), Kind: FieldProto, Children: []Field{
			UintField("cip.cm.sc", "Service: Unconnected Send (Response)", 0, 0, cipSvcUnconnectedSend),
		}}
		cm.Children = append(cm.Children, cipGeneratedPath(&emb)...)
		inner.tree = append(inner.tree, cm)
		return inner
	}
	var rp *cipPath
	if req != nil && req.service == svc {
		rp = &req.path
	} else {
		req = nil
	}
	top.Children = append(top.Children, svcField(),
		Field{Label: "Status: " + cipStatusName(gs) + ": ", Start: 2, Len: 2 + 2*addl, Children: []Field{
			UintField("cip.genstat", fmt.Sprintf("General Status: %s (0x%02x)", cipStatusName(gs), gs), 2, 1, uint64(gs)),
			UintField("cip.addstat_size", "Additional Status Size: "+cipWords(addl), 3, 1, uint64(addl)),
		}})
	statusAt := len(top.Children) - 1
	if req != nil {
		top.Children = append(top.Children, cipGeneratedPath(req)...)
	}
	if addl > 0 {
		as := Field{Label: "Additional Status", Start: 4, Len: 2 * addl}
		for i := 0; i < addl; i++ {
			v := binary.LittleEndian.Uint16(b[4+2*i:])
			as.Children = append(as.Children, UintField("cip.addstat", fmt.Sprintf("Additional Status: 0x%04x", v), 4+2*i, 2, uint64(v)))
		}
		top.Children[statusAt].Children = append(top.Children[statusAt].Children, as)
	}
	info := cipStatusName(gs) + ": "
	name := cipServiceName(svc, rp)
	switch {
	case svc == cipSvcMSP && req != nil && depth < cipMaxDepth:
		data := b[4+2*addl:]
		names, _, fs := cipMSP(data, 4+2*addl, req.embedded, depth)
		info += name + ": " + strings.Join(names, ", ")
		top.Children = append(top.Children, fs...)
	case rp != nil:
		info += rp.prefix() + name
		if req.hasConnClass {
			info += " (" + req.connClass + ")"
		}
		if rp.hasClass && rp.class == cipClassCM {
			r.proto = "CIP CM"
			r.cm = cipCMLayer(b, cipForwardReply(b[4+2*addl:], 4+2*addl, svc, gs), 4+2*addl)
		}
	default:
		info += name
	}
	r.info = info
	r.tree = []Field{top}
	if r.cm.Name != "" {
		r.tree = append(r.tree, r.cm)
	}
	return r
}

// cipForwardReply is a Forward_Open, Large_Forward_Open or Forward_Close
// response's fields (data at doff in the message): a successful open
// starts with the connection IDs, the others with the serial numbers.
func cipForwardReply(d []byte, doff int, svc, gs uint8) []Field {
	var fs []Field
	o := 0
	if gs == 0 && (svc == cipSvcForwardOpen || svc == cipSvcLargeFwdOpen) {
		if len(d) < 8 {
			return nil
		}
		ot, to := binary.LittleEndian.Uint32(d), binary.LittleEndian.Uint32(d[4:])
		fs = append(fs,
			UintField("cip.cm.ot_connid", fmt.Sprintf("O->T Network Connection ID: 0x%08x", ot), doff, 4, uint64(ot)),
			UintField("cip.cm.to_connid", fmt.Sprintf("T->O Network Connection ID: 0x%08x", to), doff+4, 4, uint64(to)))
		o = 8
	} else if svc != cipSvcForwardOpen && svc != cipSvcLargeFwdOpen && svc != cipSvcForwardClose {
		return nil
	}
	if len(d) < o+8 {
		return fs
	}
	return append(fs,
		UintField("cip.cm.conn_serial_num", fmt.Sprintf("Connection Serial Number: 0x%04x", binary.LittleEndian.Uint16(d[o:])), doff+o, 2, uint64(binary.LittleEndian.Uint16(d[o:]))),
		UintField("cip.cm.orig_serial_num", fmt.Sprintf("Originator Serial Number: 0x%08x", binary.LittleEndian.Uint32(d[o+4:])), doff+o+4, 4, uint64(binary.LittleEndian.Uint32(d[o+4:]))))
}

// cipMSP reads a Multiple_Service_Packet's services from data (at doff in
// the message): their Info names, the requests (for a request) and the
// fields. reqs are the requests a response's services answer.
func cipMSP(data []byte, doff int, reqs []cipReqInfo, depth int) ([]string, []cipReqInfo, []Field) {
	if len(data) < 2 {
		return nil, nil, nil
	}
	n := int(binary.LittleEndian.Uint16(data))
	msp := Field{Label: "Multiple Service Packet", Start: doff, Len: len(data)}
	msp.Children = append(msp.Children, UintField("cip.msp.num_services", "Number of Services: "+strconv.Itoa(n), doff, 2, uint64(n)))
	var names []string
	var embedded []cipReqInfo
	for i := 0; i < n && i < cipMaxMSP && 2+2*i+2 <= len(data); i++ {
		o := int(binary.LittleEndian.Uint16(data[2+2*i:]))
		msp.Children = append(msp.Children, UintField("cip.msp.offset", "Offset: "+strconv.Itoa(o), doff+2+2*i, 2, uint64(o)))
		end := len(data)
		if 2+2*(i+1)+2 <= len(data) && i+1 < n {
			end = int(binary.LittleEndian.Uint16(data[2+2*(i+1):]))
		}
		if o >= len(data) || end > len(data) || end <= o {
			break
		}
		var rq *cipReqInfo
		if i < len(reqs) {
			rq = &reqs[i]
		}
		inner := cipMessage(data[o:end], rq, depth+1)
		svc := data[o] & 0x7f
		var p *cipPath
		if inner.reqOK {
			p = &inner.req.path
			// what a service of the packet embeds is not kept: a
			// remembered request holds at most cipMaxMSP+1 requests
			inner.req.embedded = nil
			embedded = append(embedded, inner.req)
		} else if rq != nil {
			p = &rq.path
		}
		names = append(names, cipServiceName(svc, p))
		Shift(inner.tree, doff+o)
		msp.Children = append(msp.Children, inner.tree...)
	}
	return names, embedded, []Field{msp}
}

// cipForwardFields reads a Forward_Open, Large_Forward_Open or
// Forward_Close request's data (at doff in the message): the Connection
// Manager's fields and the connection path's class name.
func cipForwardFields(d []byte, doff int, svc uint8) ([]Field, string, bool) {
	var fs []Field
	var pathOff int
	switch svc {
	case cipSvcForwardOpen:
		pathOff = 36
	case cipSvcLargeFwdOpen:
		pathOff = 40
	default:
		pathOff = 12
	}
	if len(d) < pathOff {
		return nil, "", false
	}
	cm := Field{}
	var words int
	if svc == cipSvcForwardClose {
		cm.Children = append(cm.Children,
			UintField("cip.cm.conn_serial_num", fmt.Sprintf("Connection Serial Number: 0x%04x", binary.LittleEndian.Uint16(d[2:])), doff+2, 2, uint64(binary.LittleEndian.Uint16(d[2:]))),
			UintField("cip.cm.orig_serial_num", fmt.Sprintf("Originator Serial Number: 0x%08x", binary.LittleEndian.Uint32(d[6:])), doff+6, 4, uint64(binary.LittleEndian.Uint32(d[6:]))),
		)
		words = int(d[10])
		cm.Children = append(cm.Children, UintField("cip.cm.connpath_size", "Connection Path Size: "+cipWords(words), doff+10, 1, uint64(words)))
	} else {
		ot, to := binary.LittleEndian.Uint32(d[2:]), binary.LittleEndian.Uint32(d[6:])
		cm.Children = append(cm.Children,
			UintField("cip.cm.ot_connid", fmt.Sprintf("O->T Network Connection ID: 0x%08x", ot), doff+2, 4, uint64(ot)),
			UintField("cip.cm.to_connid", fmt.Sprintf("T->O Network Connection ID: 0x%08x", to), doff+6, 4, uint64(to)),
			UintField("cip.cm.conn_serial_num", fmt.Sprintf("Connection Serial Number: 0x%04x", binary.LittleEndian.Uint16(d[10:])), doff+10, 2, uint64(binary.LittleEndian.Uint16(d[10:]))),
			UintField("cip.cm.orig_serial_num", fmt.Sprintf("Originator Serial Number: 0x%08x", binary.LittleEndian.Uint32(d[14:])), doff+14, 4, uint64(binary.LittleEndian.Uint32(d[14:]))),
		)
		words = int(d[pathOff-1])
		cm.Children = append(cm.Children, UintField("cip.cm.connpath_size", "Connection Path Size: "+cipWords(words), doff+pathOff-1, 1, uint64(words)))
	}
	p, segs := cipParsePath(d, pathOff, 2*words, true)
	Shift(segs, doff)
	if p.ok {
		cm.Children = append(cm.Children, Field{Label: "Connection Path: " + Printable(p.text()), Start: doff + pathOff, Len: 2 * words, Children: segs})
	}
	fs = append(fs, cm.Children...)
	if !p.hasClass {
		return fs, "", false
	}
	return fs, cipClassName(p.class), true
}
