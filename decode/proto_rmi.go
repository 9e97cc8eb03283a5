package decode

import (
	"encoding/binary"
	"strconv"
)

// Java RMI on TCP 1099 as Wireshark 4.0's packet-rmi.c shows it: each
// segment is read on its own (the dissector does not reassemble) and named
// by its first bytes, looked at only up to the first line end: a JRMI
// header ("JRMI, Version: 2, StreamProtocol"), a message the server sends
// (ProtocolAck with the endpoint, ReturnData, PingAck...) or the client
// sends (Call, Ping, DgcAck), Java serialization data (0xACED), else
// "Continuation". A segment too short for what its first bytes promise
// ends with tshark's "[Malformed Packet]". Hand-written: gopacket has no
// RMI layer. Not done: the serialization stream past its magic and
// version.

// rmiPort is tshark -G decodes' tcp.port entry for rmi.
const rmiPort = 1099

var rmiProtocols = map[byte]string{0x4b: "StreamProtocol", 0x4c: "SingleOpProtocol", 0x4d: "MultiPlexProtocol"}

var rmiOutput = map[byte]string{0x50: "Call", 0x52: "Ping", 0x54: "DgcAck"}

var rmiInput = map[byte]string{0x4e: "ProtocolAck", 0x4f: "ProtocolNotSupported", 0x51: "ReturnData", 0x53: "PingAck"}

// rmiPDULen takes the whole segment, as packet-rmi.c reads it.
func rmiPDULen(c *Conv, dir uint8, b []byte) int { return len(b) }

// rmiLineLen is tvb_find_line_end's length: up to the first CR or LF.
func rmiLineLen(b []byte) int {
	for i, c := range b {
		if c == '\r' || c == '\n' {
			return i
		}
	}
	return len(b)
}

func rmiDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("RMI")
	n := rmiLineLen(b)
	bad := false
	early := false // the exception came before packet-rmi.c built its tree
	top := Field{Name: "rmi", Label: "Java RMI", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto}
	var ser []Field
	// serial reads the serialization stream's magic and version at off.
	serial := func(off int) {
		if len(b)-off < 4 {
			bad = true
			return
		}
		ser = append(ser, Field{Name: "serialization", Label: "Java Serialization", Start: off, Len: len(b) - off, Kind: FieldProto,
			Children: []Field{
				UintField("rmi.ser.magic", "Magic: "+hex4(binary.BigEndian.Uint16(b[off:])), off, 2, uint64(binary.BigEndian.Uint16(b[off:]))),
				UintField("rmi.ser.version", "Version: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[off+2:]))), off+2, 2, uint64(binary.BigEndian.Uint16(b[off+2:]))),
			}})
	}
	bytesField := func(name, title string, off int) Field {
		return Field{Name: name, Label: title, Start: off, Len: len(b) - off, Kind: FieldBytes, Str: string(b[off:])}
	}
	switch {
	case n >= 2 && b[0] == 0xac && b[1] == 0xed:
		if len(b) < 4 {
			out.KeepTransportInfo()
			bad, early = true, true
			break
		}
		out.SetInfo("Serialization data, Version: " + strconv.Itoa(int(binary.BigEndian.Uint16(b[2:]))))
		serial(0)
	case n >= 4 && string(b[:4]) == "JRMI":
		if len(b) < 6 {
			out.KeepTransportInfo()
			bad, early = true, true
			break
		}
		v := binary.BigEndian.Uint16(b[4:])
		out.SetInfo("JRMI, Version: " + strconv.Itoa(int(v)) + ", ")
		if len(b) < 7 {
			bad, early = true, true
			break
		}
		name, ok := rmiProtocols[b[6]]
		if !ok {
			name = "Unknown protocol"
		}
		out.AppendInfo("", name)
		vname := name
		if !ok {
			vname = "Unknown"
		}
		top.Children = append(top.Children,
			UintField("rmi.magic", "Magic: 0x4a524d49", 0, 4, 0x4a524d49),
			UintField("rmi.version", "Version: "+strconv.Itoa(int(v)), 4, 2, uint64(v)),
			UintField("rmi.protocol", "Protocol: "+vname+" ("+hex2(b[6])+")", 6, 1, uint64(b[6])))
	case n >= 1 && rmiInput[b[0]] != "":
		name := rmiInput[b[0]]
		out.SetInfo("JRMI, " + name)
		top.Children = append(top.Children, UintField("rmi.inputstream.message", "Input Stream Message: "+name+" ("+hex2(b[0])+")", 0, 1, uint64(b[0])))
		switch b[0] {
		case 0x4e:
			ep := Field{Label: "EndPointIdentifier", Start: 1, Len: len(b) - 1}
			if len(b) < 3 {
				bad = true
			} else {
				l := int(binary.BigEndian.Uint16(b[1:]))
				ep.Children = append(ep.Children, UintField("rmi.endpoint_id.length", "Length: "+strconv.Itoa(l), 1, 2, uint64(l)))
				switch {
				case 3+l > len(b):
					bad = true
				default:
					host := "[Empty]"
					if l > 0 {
						host = formatText(b[3 : 3+min(l, 240)])
					}
					ep.Children = append(ep.Children, StrField("rmi.endpoint_id.hostname", "Hostname: "+host, 3, l, string(b[3:3+l])))
					if l+7 > len(b) {
						bad = true
					} else {
						port := binary.BigEndian.Uint16(b[l+5:])
						ep.Children = append(ep.Children, UintField("rmi.endpoint_id.port", "Port: "+strconv.Itoa(int(port)), l+5, 2, uint64(port)))
					}
				}
			}
			top.Children = append(top.Children, ep)
		case 0x51:
			top.Children = append(top.Children, bytesField("rmi.serialization_data", "Serialization Data", 1))
			serial(1)
		}
	case n >= 1 && rmiOutput[b[0]] != "":
		name := rmiOutput[b[0]]
		out.SetInfo("JRMI, " + name)
		top.Children = append(top.Children, UintField("rmi.outputstream.message", "Output Stream Message: "+name+" ("+hex2(b[0])+")", 0, 1, uint64(b[0])))
		switch b[0] {
		case 0x50:
			top.Children = append(top.Children, bytesField("rmi.serialization_data", "Serialization Data", 1))
			serial(1)
		case 0x54:
			top.Children = append(top.Children, bytesField("rmi.unique_identifier", "UniqueIdentifier: "+diamHex(b[1:]), 1))
		}
	default:
		out.SetInfo("Continuation")
	}
	if bad {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		if !early {
			out.Add(top)
		}
		for _, f := range ser {
			out.Add(f)
		}
		if bad {
			out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: RMI]"})
		}
	}
	return true
}

var rmiDissector = &Dissector{
	Name:    "rmi",
	Dissect: rmiDissect,
	PDULen:  rmiPDULen,
	Fields: []FieldDef{
		{Name: "rmi.magic", Desc: "Magic", Kind: FieldUint, Bits: 32},
		{Name: "rmi.version", Desc: "Version", Kind: FieldUint, Bits: 16},
		{Name: "rmi.protocol", Desc: "Protocol", Kind: FieldUint, Bits: 8},
		{Name: "rmi.inputstream.message", Desc: "Input Stream Message", Kind: FieldUint, Bits: 8},
		{Name: "rmi.outputstream.message", Desc: "Output Stream Message", Kind: FieldUint, Bits: 8},
		{Name: "rmi.endpoint_id.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "rmi.endpoint_id.hostname", Desc: "Hostname", Kind: FieldString},
		{Name: "rmi.endpoint_id.port", Desc: "Port", Kind: FieldUint, Bits: 16},
		{Name: "rmi.serialization_data", Desc: "Serialization Data", Kind: FieldBytes},
		{Name: "rmi.unique_identifier", Desc: "UniqueIdentifier", Kind: FieldBytes},
		{Name: "serialization", Desc: "Java Serialization", Kind: FieldProto},
		{Name: "rmi.ser.magic", Desc: "Magic", Kind: FieldUint, Bits: 16},
		{Name: "rmi.ser.version", Desc: "Version", Kind: FieldUint, Bits: 16},
	},
}

func init() {
	RegisterTCP(rmiDissector, rmiPort)
}
