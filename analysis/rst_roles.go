package analysis

import (
	"strconv"

	"github.com/ladder-dev/ladder/decode"
)

// Who is the client and who the server, for the explanation's prose. The
// flow table calls the sender of the first packet in view the client
// unless it is a SYN/ACK, which is wrong whenever the capture starts
// mid-connection with a server's packet (a retransmitted FIN, a response).
// The explanation must never invert the roles, so it decides them from
// the packets: the handshake when it is in view, otherwise the ports, and
// says when that is a guess; with no clue at all it names the hosts by
// address instead of by role.

// roleBasis is how the roles were told.
type roleBasis uint8

const (
	roleUnknown   roleBasis = iota // no clue: hosts are named by address
	roleHandshake                  // a SYN or SYN/ACK in view
	roleWellKnown                  // one port is below 1024, the other not
	roleEphemeral                  // one port is in an ephemeral range, the other below it
)

// ephemeralLow is the start of the lowest common ephemeral port range
// (Linux's ip_local_port_range starts at 32768; Windows, macOS and
// FreeBSD use IANA's 49152–65535).
const ephemeralLow = 32768

// flowRoles is the role of each direction's sender.
type flowRoles struct {
	server uint8 // the direction (p.Dir & 1) whose sender is the server
	basis  roleBasis
	port   uint16 // the server port a port-based guess rests on
}

// rolesOf decides the roles in flow f.
func rolesOf(idx *decode.Index, f *decode.Flow) flowRoles {
	n := idx.Len()
	for _, j := range f.Frames {
		if int(j) >= n {
			break
		}
		p := idx.Packet(int(j))
		switch {
		case p.Flags&(decode.FlagSYN|decode.FlagACK|decode.FlagRST) == decode.FlagSYN:
			return flowRoles{server: p.Dir&1 ^ 1, basis: roleHandshake}
		case p.Flags&(decode.FlagSYN|decode.FlagACK|decode.FlagRST) == decode.FlagSYN|decode.FlagACK:
			return flowRoles{server: p.Dir & 1, basis: roleHandshake}
		}
	}
	// Direction 0 is sent from f.Client, so a server at f.Client's port
	// means direction 0 is the server's.
	c, s := f.Client.Port, f.Server.Port
	guess := func(serverPort uint16, basis roleBasis) flowRoles {
		r := flowRoles{server: 1, basis: basis, port: serverPort}
		if serverPort == c {
			r.server = 0
		}
		return r
	}
	switch {
	case (c < 1024) != (s < 1024):
		return guess(min(c, s), roleWellKnown)
	case (c >= ephemeralLow) != (s >= ephemeralLow):
		return guess(min(c, s), roleEphemeral)
	}
	// No clue: the flow table's roles (the first sender is the client)
	// stand, and the prose names hosts by address.
	return flowRoles{server: 1, basis: roleUnknown}
}

// of is "client" or "server" for the sender of direction dir.
func (r flowRoles) of(dir uint8) string {
	if dir&1 == r.server {
		return "server"
	}
	return "client"
}

// roleName is "client", "server", or, when the roles are unknown, the
// host by address ("host 10.0.0.1:5000").
func (f *resetFacts) roleName(dir uint8) string {
	if f.roles.basis == roleUnknown {
		return "host " + endpointText(f.idx, f.endpoint(dir))
	}
	if dir&1 == f.roles.server {
		return "server"
	}
	return "client"
}

// endpoint is the sender of direction dir.
func (f *resetFacts) endpoint(dir uint8) decode.Endpoint {
	if dir&1 == 1 {
		return f.flow.Server
	}
	return f.flow.Client
}

// rolesNote is the sentence saying the roles are a guess, or "".
func (f *resetFacts) rolesNote() string { return f.roles.note() }

// note is the sentence saying how the roles are a guess, or "" when the
// handshake showed them.
func (r flowRoles) note() string {
	p := strconv.Itoa(int(r.port))
	switch r.basis {
	case roleWellKnown:
		return " The handshake is not in view, so the roles are a guess from the ports: " + p +
			" is a well-known service port and the other is not."
	case roleEphemeral:
		return " The handshake is not in view, so the roles are a guess from the ports: the other port is in an " +
			"ephemeral range, which clients draw from, and " + p + " is not."
	case roleUnknown:
		return " The handshake is not in view and neither port tells which host is the server, so the hosts are " +
			"named by address."
	}
	return ""
}
