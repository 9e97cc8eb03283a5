package decode

import (
	"bytes"
	"strings"
)

// POP3 (RFC 1939) as Wireshark 4.0's pop dissector shows it: a client
// segment reads "C: " and its first line, a server status "S: +OK ..." or
// "S: -ERR ...", and server bytes that start with neither (a message
// being retrieved, a SASL challenge "+ ") are mail data: "POP/IMF" with
// the IMF summary of the segment (proto_imf.go). A "+OK " reply to STLS
// (RFC 2595) hands the conversation to TLS, as packet-pop.c does.
// Hand-written: lines of text; gopacket has no POP layer.

// popConv is POP's state in one conversation.
type popConv struct {
	stls bool // the client sent STLS; the next reply decides
}

// popTCPPorts are tshark -G decodes' tcp.port entries for pop.
var popTCPPorts = []uint16{110}

func popDissect(p *PDU, out *Out) bool {
	b := p.Data
	server := false
	for _, port := range popTCPPorts {
		server = server || p.SrcPort == port
	}
	n, _, _ := httpLineEnd(b, 0)
	st := &popConv{}
	if p.Conv != nil {
		if s, ok := p.Conv.State.(*popConv); ok {
			st = s
		} else {
			p.Conv.State = st
		}
	}
	switch {
	case !server && len(b) >= 4 && strings.EqualFold(string(b[:4]), "STLS"):
		st.stls = true
	case server && st.stls:
		if len(b) >= 4 && strings.EqualFold(string(b[:4]), "+OK ") {
			p.Conv.HandOff(tlsDissector)
		}
		st.stls = false
	}
	out.SetProto("POP")
	switch {
	case !server:
		out.SetInfo("C: " + Printable(string(b[:n])))
	case bytes.HasPrefix(b, []byte("+OK")) || bytes.HasPrefix(b, []byte("-ERR")):
		out.SetInfo("S: " + Printable(string(b[:n])))
	default:
		out.SetProto("POP/IMF")
		out.SetInfo(imfInfo(b))
	}
	if out.WantTree {
		out.Add(Field{Name: "pop", Label: "Post Office Protocol", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto})
		if out.Proto == "POP/IMF" {
			out.Add(imfTree(b, 0))
		}
	}
	return true
}

var popDissector = &Dissector{
	Name:    "pop",
	Dissect: popDissect,
	PDULen:  ftpLinePDULen,
}

func init() {
	RegisterTCP(popDissector, popTCPPorts...)
}
