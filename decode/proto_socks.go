package decode

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"strconv"
)

// SOCKS versions 4 (with 4a's host names) and 5 (RFC 1928, with RFC 1929's
// username/password sub-negotiation) as Wireshark 4.0's packet-socks.c
// shows them on TCP 1080. The Protocol column reads "Socks" and the Info
// column "Version: 5" for every handshake message; version 4 adds
// " Connect to server request" to a client's Connect and " Connect
// Response" to the server's answer. Once the server grants a Connect the
// conversation carries the proxied protocol, which tshark names by the
// remote port the request gave (decode_tcp_ports): ladder hands the
// conversation to the dissector of that port (HTTP for 80). Details: the
// handshake's fields with tshark's names and labels. Hand-written:
// gopacket has no SOCKS layer.

const (
	socksPort = 1080 // tshark -G decodes: tcp.port 1080 socks
	// socksMaxString bounds the NUL-terminated user id and host name of a
	// version 4 request that PDULen waits for.
	socksMaxString = 512
)

// SOCKS wire values (RFC 1928 §§3-6, the SOCKS 4 and 4A protocol notes).
const (
	socksV4          = 4
	socksV5          = 5
	socksV4Granted   = 90
	socksV5Succeeded = 0
	socksAtypIPv4    = 1
	socksAtypDomain  = 3
	socksAtypIPv6    = 4
	socksMethodUser  = 2 // RFC 1929 username/password
)

// socksStage is where a conversation's handshake stands: which message the
// next PDU is.
type socksStage uint8

const (
	socksGreeting    socksStage = iota // v4 request, or v5 method offer
	socksMethodReply                   // v5 server's chosen method
	socksAuthRequest                   // v5 RFC 1929 username/password
	socksAuthReply                     // v5 RFC 1929 status
	socksRequest                       // v5 command request
	socksReply                         // v4 or v5 command reply
	socksDone                          // handshake over (or failed)
)

// socksConv is a SOCKS conversation's state.
type socksConv struct {
	version uint8
	stage   socksStage
	method  uint8  // the v5 method the server accepted
	cmd     uint8  // the v5 command the request gave
	port    uint16 // the remote port the request asked for
}

// socksCmdNames is packet-socks.c's cmd_strings.
var socksCmdNames = map[uint8]string{1: "Connect", 2: "Bind", 3: "UdpAssociate", 0x80: "Ping", 0x81: "Traceroute"}

// socksV4Results is reply_table_v4.
var socksV4Results = map[uint8]string{90: "Granted", 91: "Rejected or Failed",
	92: "Rejected because SOCKS server cannot connect to identd on the client",
	93: "Rejected because the client program and identd report different user-ids"}

// socksV5Results is reply_table_v5.
var socksV5Results = map[uint8]string{0: "Succeeded", 1: "General SOCKS server failure",
	2: "Connection not allowed by ruleset", 3: "Network unreachable", 4: "Host unreachable",
	5: "Connection refused", 6: "TTL expired", 7: "Command not supported", 8: "Address type not supported"}

// socksMethodNames is the authentication methods' names (RFC 1928 §3).
var socksMethodNames = map[uint8]string{0: "No authentication", 1: "GSSAPI", 2: "Username/Password", 3: "Chap",
	0xff: "No acceptable method"}

// socksAtypNames is address_type_table.
var socksAtypNames = map[uint8]string{1: "IPv4", 3: "Domain Name", 4: "IPv6"}

func socksName(m map[uint8]string, v uint8) string {
	if s, ok := m[v]; ok {
		return s
	}
	return "Unknown"
}

func socksState(c *Conv) *socksConv {
	if c == nil {
		return &socksConv{}
	}
	st, _ := c.State.(*socksConv)
	if st == nil {
		st = &socksConv{}
		c.State = st
	}
	return st
}

// socksPDULen delimits the handshake's messages by the stage the
// conversation is at; bytes that do not begin with version 4 or 5 are not
// SOCKS.
func socksPDULen(c *Conv, dir uint8, b []byte) int {
	st := socksState(c)
	if st.stage == socksGreeting && dir == 0 && b[0] != socksV4 && b[0] != socksV5 {
		return -1
	}
	return socksMsgLen(st, b)
}

// socksMsgLen is the length of the message at b for the stage st stands
// at, 0 when b is too short to tell, len(b) for bytes out of order.
func socksMsgLen(st *socksConv, b []byte) int {
	version := st.version
	if st.stage == socksGreeting {
		version = b[0]
	}
	switch {
	case version == socksV4 && st.stage == socksGreeting:
		if len(b) < 9 {
			return 0
		}
		end := bytes.IndexByte(b[8:], 0)
		if end < 0 {
			return socksWait(b)
		}
		n := 8 + end + 1
		if b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] != 0 { // 4a: a host name follows
			end = bytes.IndexByte(b[n:], 0)
			if end < 0 {
				return socksWait(b)
			}
			n += end + 1
		}
		return n
	case version == socksV4 && st.stage == socksReply:
		return 8
	case version == socksV5 && st.stage == socksGreeting:
		if len(b) < 2 {
			return 0
		}
		return 2 + int(b[1])
	case version == socksV5 && (st.stage == socksMethodReply || st.stage == socksAuthReply):
		return 2
	case version == socksV5 && st.stage == socksAuthRequest:
		if len(b) < 2 {
			return 0
		}
		n := 2 + int(b[1])
		if len(b) < n+1 {
			return 0
		}
		return n + 1 + int(b[n])
	case version == socksV5 && (st.stage == socksRequest || st.stage == socksReply):
		if len(b) < 5 {
			return 0
		}
		switch b[3] {
		case socksAtypIPv4:
			return 4 + 4 + 2
		case socksAtypIPv6:
			return 4 + 16 + 2
		case socksAtypDomain:
			return 4 + 1 + int(b[4]) + 2
		}
	}
	return len(b)
}

// socksWait asks for more bytes of a version 4 request whose NUL is not
// there yet, up to socksMaxString; past that the bytes are one PDU.
func socksWait(b []byte) int {
	if len(b) > socksMaxString {
		return len(b)
	}
	return 0
}

// socksDissect reads one handshake message and moves the conversation on.
func socksDissect(p *PDU, out *Out) bool {
	st := socksState(p.Conv)
	b := p.Data
	if len(b) == 0 {
		return true
	}
	if st.stage == socksGreeting && p.Dir == 0 {
		st.version = b[0]
	}
	out.SetProto("Socks")
	out.SetInfo("Version: " + strconv.Itoa(int(st.version)))
	var fs []Field
	verField := func(at, n int) {
		fs = append(fs, UintField("socks.version", "Version: "+strconv.Itoa(int(st.version)), at, n, uint64(st.version)))
	}
	switch {
	case st.version == socksV4 && st.stage == socksGreeting && p.Dir == 0 && len(b) >= 9:
		cmd := b[1]
		st.port = binary.BigEndian.Uint16(b[2:4])
		verField(0, 1)
		fs = append(fs, socksCmdField(cmd, 1),
			UintField("socks.dstport", "Remote Port: "+strconv.Itoa(int(st.port)), 2, 2, uint64(st.port)),
			socksIPv4Field(b[4:8], 4))
		user, n := socksCString(b[8:])
		fs = append(fs, StrField("socks.username", "User name: "+Printable(user), 8, n, user))
		if b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] != 0 && 8+n < len(b) {
			host, m := socksCString(b[8+n:])
			fs = append(fs, StrField("socks.v4a_dns_name", "SOCKS v4a Remote Domain Name: "+Printable(host), 8+n, m, host))
		}
		out.AppendInfo("", " Connect to server request")
		st.stage = socksReply
	case st.version == socksV4 && st.stage == socksReply && p.Dir == 1 && len(b) >= 8:
		port := binary.BigEndian.Uint16(b[2:4])
		fs = append(fs, UintField("socks.version", "Version: "+strconv.Itoa(int(b[0])), 0, 1, uint64(b[0])),
			UintField("socks.results", "Results(V4): "+socksName(socksV4Results, b[1])+" ("+strconv.Itoa(int(b[1]))+")", 1, 1, uint64(b[1])),
			UintField("socks.dstport", "Remote Port: "+strconv.Itoa(int(port)), 2, 2, uint64(port)),
			socksIPv4Field(b[4:8], 4))
		out.AppendInfo("", " Connect Response")
		st.stage = socksDone
		if b[1] == socksV4Granted {
			socksHandOff(p.Conv, st.port)
		}
	case st.version == socksV5 && st.stage == socksGreeting && p.Dir == 0 && len(b) >= 2:
		verField(0, 1)
		methods := Field{Label: "Client Authentication Methods", Start: 1, Len: len(b) - 1}
		methods.Children = append(methods.Children,
			UintField("socks.auth_method_count", "Authentication Method Count: "+strconv.Itoa(int(b[1])), 1, 1, uint64(b[1])))
		for i, m := range b[2:] {
			methods.Children = append(methods.Children, UintField("socks.auth_method",
				"Method["+strconv.Itoa(i)+"]: "+strconv.Itoa(int(m))+" ("+socksName(socksMethodNames, m)+")", 2+i, 1, uint64(m)))
		}
		fs = append(fs, methods)
		out.AppendInfo("", " Connect to server request")
		st.stage = socksMethodReply
	case st.version == socksV5 && st.stage == socksMethodReply && p.Dir == 1 && len(b) >= 2:
		st.method = b[1]
		verField(0, 1)
		fs = append(fs, UintField("socks.auth_accepted_method",
			"Accepted Auth Method: 0x"+strconv.FormatUint(uint64(b[1]), 16)+" ("+socksName(socksMethodNames, b[1])+")", 1, 1, uint64(b[1])))
		out.AppendInfo("", " Connect to server response")
		st.stage = socksRequest
		if st.method == socksMethodUser {
			st.stage = socksAuthRequest
		} else if st.method == 0xff {
			st.stage = socksDone
		}
	case st.version == socksV5 && st.stage == socksAuthRequest && p.Dir == 0 && len(b) >= 2:
		verField(0, 0)
		fs = append(fs, UintField("socks.subnegotiation_version", "Subnegotiation Version: "+strconv.Itoa(int(b[0])), 0, 1, uint64(b[0])))
		user, n := socksPString(b[1:])
		fs = append(fs, StrField("socks.username", "User name: "+Printable(user), 1, n, user))
		if 1+n < len(b) {
			pass, m := socksPString(b[1+n:])
			fs = append(fs, StrField("socks.password", "Password: "+Printable(pass), 1+n, m, pass))
		}
		out.AppendInfo("", " User authentication request")
		st.stage = socksAuthReply
	case st.version == socksV5 && st.stage == socksAuthReply && p.Dir == 1 && len(b) >= 2:
		verField(0, 0)
		status := "success"
		if b[1] != 0 {
			status = "failure"
		}
		fs = append(fs, UintField("socks.subnegotiation_version", "Subnegotiation Version: "+strconv.Itoa(int(b[0])), 0, 1, uint64(b[0])),
			UintField("socks.auth_status", "Status: "+strconv.Itoa(int(b[1]))+" ("+status+")", 1, 1, uint64(b[1])))
		out.AppendInfo("", " User authentication reply")
		st.stage = socksRequest
		if b[1] != 0 {
			st.stage = socksDone
		}
	case st.version == socksV5 && (st.stage == socksRequest && p.Dir == 0 || st.stage == socksReply && p.Dir == 1) && len(b) >= 4:
		verField(0, 1)
		if st.stage == socksRequest {
			st.cmd = b[1]
			fs = append(fs, socksCmdField(b[1], 1))
			out.AppendInfo("", " Command Request - "+socksName(socksCmdNames, st.cmd))
		} else {
			out.AppendInfo("", " Command Response - "+socksName(socksCmdNames, st.cmd))
			fs = append(fs, UintField("socks.results", "Results(V5): "+socksName(socksV5Results, b[1])+" ("+strconv.Itoa(int(b[1]))+")", 1, 1, uint64(b[1])))
		}
		fs = append(fs, UintField("socks.reserved", "Reserved: "+strconv.Itoa(int(b[2])), 2, 1, uint64(b[2])),
			UintField("socks.address_type", "Address Type: "+socksName(socksAtypNames, b[3])+" ("+strconv.Itoa(int(b[3]))+")", 3, 1, uint64(b[3])))
		at := 4
		switch b[3] {
		case socksAtypIPv4:
			if len(b) >= at+4 {
				fs = append(fs, socksIPv4Field(b[at:at+4], at))
				at += 4
			}
		case socksAtypIPv6:
			if len(b) >= at+16 {
				a := netip.AddrFrom16([16]byte(b[at : at+16]))
				fs = append(fs, Field{Name: "socks.dst_v6", Label: "Remote Address(ipv6): " + a.String(), Start: at, Len: 16, Kind: FieldIPv6, Str: string(b[at : at+16])})
				at += 16
			}
		case socksAtypDomain:
			if len(b) > at {
				name, n := socksPString(b[at:])
				fs = append(fs, StrField("socks.remote_name", "Remote name: "+Printable(name), at, n, name))
				at += n
			}
		}
		if len(b) >= at+2 {
			port := binary.BigEndian.Uint16(b[at : at+2])
			fs = append(fs, UintField("socks.port", "Port: "+strconv.Itoa(int(port)), at, 2, uint64(port)))
			if st.stage == socksRequest {
				st.port = port
			}
		}
		if st.stage == socksRequest {
			st.stage = socksReply
		} else {
			st.stage = socksDone
			if b[1] == socksV5Succeeded {
				socksHandOff(p.Conv, st.port)
			}
		}
	}
	if out.WantTree {
		out.Add(Field{Name: "socks", Label: "Socks Protocol", Start: 0, Len: len(b), Kind: FieldProto, Children: fs})
	}
	return true
}

// socksHandOff gives a granted conversation to the dissector of the remote
// port, as packet-socks.c's decode_tcp_ports does with the port the
// request named; with none registered the proxied bytes stay SOCKS.
func socksHandOff(c *Conv, port uint16) {
	if d := registry.tcp[port]; d != nil && d.Name != "socks" {
		c.HandOff(d)
	}
}

func socksCmdField(cmd uint8, at int) Field {
	return UintField("socks.command", "Command: "+socksName(socksCmdNames, cmd)+" ("+strconv.Itoa(int(cmd))+")", at, 1, uint64(cmd))
}

func socksIPv4Field(b []byte, at int) Field {
	a := netip.AddrFrom4([4]byte(b[:4]))
	return Field{Name: "socks.dst", Label: "Remote Address: " + a.String(), Start: at, Len: 4, Kind: FieldIPv4,
		Num: uint64(binary.BigEndian.Uint32(b[:4]))}
}

// socksCString reads a NUL-terminated string; n counts the NUL, as tshark's
// field does (or runs to the end when there is none).
func socksCString(b []byte) (s string, n int) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return string(b[:i]), i + 1
	}
	return string(b), len(b)
}

// socksPString reads a string after its length byte; n counts that byte,
// as tshark's field does, and is cut at the end of b.
func socksPString(b []byte) (s string, n int) {
	if len(b) == 0 {
		return "", 0
	}
	end := min(1+int(b[0]), len(b))
	return string(b[1:end]), end
}

var socksDissector = &Dissector{
	Name:    "socks",
	Dissect: socksDissect,
	PDULen:  socksPDULen,
	Fields: []FieldDef{
		{Name: "socks", Desc: "Socks Protocol", Kind: FieldProto},
		{Name: "socks.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "socks.command", Desc: "Command", Kind: FieldUint, Bits: 8},
		{Name: "socks.dstport", Desc: "Remote Port", Kind: FieldUint, Bits: 16},
		{Name: "socks.dst", Desc: "Remote Address", Kind: FieldIPv4},
		{Name: "socks.dst_v6", Desc: "Remote Address(ipv6)", Kind: FieldIPv6},
		{Name: "socks.username", Desc: "User name", Kind: FieldString},
		{Name: "socks.password", Desc: "Password", Kind: FieldString},
		{Name: "socks.v4a_dns_name", Desc: "SOCKS v4a Remote Domain Name", Kind: FieldString},
		{Name: "socks.results", Desc: "Results", Kind: FieldUint, Bits: 8},
		{Name: "socks.auth_method_count", Desc: "Authentication Method Count", Kind: FieldUint, Bits: 8},
		{Name: "socks.auth_method", Desc: "Method", Kind: FieldUint, Bits: 8},
		{Name: "socks.auth_accepted_method", Desc: "Accepted Auth Method", Kind: FieldUint, Bits: 8},
		{Name: "socks.subnegotiation_version", Desc: "Subnegotiation Version", Kind: FieldUint, Bits: 8},
		{Name: "socks.auth_status", Desc: "Status", Kind: FieldUint, Bits: 8},
		{Name: "socks.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "socks.address_type", Desc: "Address Type", Kind: FieldUint, Bits: 8},
		{Name: "socks.remote_name", Desc: "Remote name", Kind: FieldString},
		{Name: "socks.port", Desc: "Port", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterTCP(socksDissector, socksPort) }
