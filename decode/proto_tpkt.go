package decode

import (
	"encoding/binary"
	"strconv"
)

// TPKT, ISO transport service on top of TCP (RFC 1006 §6): a 4-byte header
// (version 3, a reserved byte, the 16-bit length of the whole packet)
// before each X.224 (COTP) TPDU. Ladder reads it on TCP 3389, where
// packet-rdp.c has tshark 4.0 read RDP's X.224 connection sequence, and on
// ISO-TSAP's 102. As packet-tpkt.c does, a segment whose first byte is not
// version 3 is "Continuation" data of the whole segment: so tshark shows the
// TLS that follows RDP's negotiation on 3389, since it hands the
// conversation to no TLS dissector. COTP data TPDUs carry MCS (T.125,
// proto_t125.go). Hand-written: gopacket has no TPKT.

// TPKT's ports and header.
const (
	portTPKTISO  = 102
	portRDP      = 3389
	tpktVersion  = 3
	tpktHdrLen   = 4
	tpktProtoCol = "TPKT"
)

var tpkt = &Dissector{
	Name:    "tpkt",
	Dissect: dissectTPKT,
	PDULen:  tpktPDULen,
	Fields: []FieldDef{
		{Name: "tpkt.version", Desc: "TPKT version (3)", Kind: FieldUint, Bits: 8},
		{Name: "tpkt.reserved", Desc: "Reserved byte", Kind: FieldUint, Bits: 8},
		{Name: "tpkt.length", Desc: "Length of the TPKT and its TPDU", Kind: FieldUint, Bits: 16},
		{Name: "tpkt.continuation_data", Desc: "Bytes of a segment that begins no TPKT", Kind: FieldBytes},
		{Name: "cotp", Desc: "ISO 8073/X.224 COTP", Kind: FieldProto},
		{Name: "cotp.li", Desc: "Length indicator", Kind: FieldUint, Bits: 8},
		{Name: "cotp.type", Desc: "PDU type", Kind: FieldUint, Bits: 8},
		{Name: "cotp.destref", Desc: "Destination reference", Kind: FieldUint, Bits: 16},
		{Name: "cotp.srcref", Desc: "Source reference", Kind: FieldUint, Bits: 16},
		{Name: "cotp.class", Desc: "Protocol class", Kind: FieldUint, Bits: 8},
		{Name: "cotp.opts.extended_formats", Desc: "Extended formats", Kind: FieldBool},
		{Name: "cotp.opts.no_explicit_flow_control", Desc: "No explicit flow control", Kind: FieldBool},
		{Name: "cotp.tpdu-number", Desc: "TPDU number", Kind: FieldUint, Bits: 8},
		{Name: "cotp.eot", Desc: "Last data unit", Kind: FieldBool},
		{Name: "rdp", Desc: "Remote Desktop Protocol", Kind: FieldProto},
		{Name: "rdp.rt_cookie", Desc: "Routing token or cookie", Kind: FieldString},
		{Name: "rdp.neg_type", Desc: "Negotiation message type", Kind: FieldUint, Bits: 8},
		{Name: "rdp.neg_length", Desc: "Negotiation message length", Kind: FieldUint, Bits: 16},
		{Name: "rdp.negReq.flags", Desc: "Negotiation request flags", Kind: FieldUint, Bits: 8},
		{Name: "rdp.negReq.flags.restricted_admin_mode_req", Desc: "Restricted admin mode required", Kind: FieldBool},
		{Name: "rdp.negReq.flags.correlation_info_present", Desc: "Correlation info present", Kind: FieldBool},
		{Name: "rdp.negReq.requestedProtocols", Desc: "Requested security protocols", Kind: FieldUint, Bits: 32},
		{Name: "rdp.negReq.requestedProtocols.ssl", Desc: "TLS security supported", Kind: FieldBool},
		{Name: "rdp.negReq.requestedProtocols.hybrid", Desc: "CredSSP supported", Kind: FieldBool},
		{Name: "rdp.negReq.requestedProtocols.rdstls", Desc: "RDSTLS supported", Kind: FieldBool},
		{Name: "rdp.negReq.requestedProtocols.hybrid_ex", Desc: "CredSSP with Early User Authorization Result PDU supported", Kind: FieldBool},
		{Name: "rdp.negRsp.flags", Desc: "Negotiation response flags", Kind: FieldUint, Bits: 8},
		{Name: "rdp.negRsp.flags.extended_client_data_supported", Desc: "Extended Client Data Blocks supported", Kind: FieldBool},
		{Name: "rdp.negRsp.flags.dynvc_gfx_protocol_supported", Desc: "Graphics Pipeline Extension Protocol supported", Kind: FieldBool},
		{Name: "rdp.negRsp.flags.restricted_admin_mode_supported", Desc: "Restricted admin mode supported", Kind: FieldBool},
		{Name: "rdp.negRsp.flags.restricted_authentication_mode_supported", Desc: "Restricted authentication mode supported", Kind: FieldBool},
		{Name: "rdp.negReq.selectedProtocol", Desc: "Security protocol the server selected", Kind: FieldUint, Bits: 32},
		{Name: "rdp.negFailure.failureCode", Desc: "Negotiation failure code", Kind: FieldUint, Bits: 32},
		{Name: "t125", Desc: "MULTIPOINT-COMMUNICATION-SERVICE T.125", Kind: FieldProto},
		{Name: "t125.ConnectMCSPDU", Desc: "MCS connect PDU (101 initial, 102 response)", Kind: FieldUint, Bits: 32},
		{Name: "t124.DomainMCSPDU", Desc: "MCS domain PDU choice", Kind: FieldUint, Bits: 32},
		{Name: "rdp.clientData", Desc: "RDP client data blocks", Kind: FieldLabel},
		{Name: "rdp.serverData", Desc: "RDP server data blocks", Kind: FieldLabel},
		{Name: "rdp.client.coreData", Desc: "Client core data", Kind: FieldLabel},
		{Name: "rdp.client.securityData", Desc: "Client security data", Kind: FieldLabel},
		{Name: "rdp.client.networkData", Desc: "Client network data", Kind: FieldLabel},
		{Name: "rdp.client.clusterData", Desc: "Client cluster data", Kind: FieldLabel},
		{Name: "rdp.server.coreData", Desc: "Server core data", Kind: FieldLabel},
		{Name: "rdp.server.securityData", Desc: "Server security data", Kind: FieldLabel},
		{Name: "rdp.server.networkData", Desc: "Server network data", Kind: FieldLabel},
		{Name: "rdp.header.type", Desc: "Data block type", Kind: FieldUint, Bits: 16},
		{Name: "rdp.header.length", Desc: "Data block length", Kind: FieldUint, Bits: 16},
		{Name: "rdp.encryptionMethod", Desc: "Server's encryption method", Kind: FieldUint, Bits: 32},
		{Name: "rdp.encryptionLevel", Desc: "Server's encryption level", Kind: FieldUint, Bits: 32},
		{Name: "rdp.securityExchangePDU", Desc: "Security Exchange PDU", Kind: FieldLabel},
		{Name: "rdp.clientInfoPDU", Desc: "Client Info PDU", Kind: FieldLabel},
		{Name: "rdp.flags", Desc: "Security header flags", Kind: FieldUint, Bits: 16},
		{Name: "rdp.flagsHi", Desc: "Security header flagsHi", Kind: FieldUint, Bits: 16},
	},
}

func init() {
	RegisterTCP(tpkt, portTPKTISO, portRDP)
}

// tpktPDULen delimits TPKTs by their length; a segment that does not begin
// with version 3 is one Continuation PDU.
func tpktPDULen(_ *Conv, _ uint8, b []byte) int {
	if b[0] != tpktVersion {
		return len(b)
	}
	if len(b) < tpktHdrLen {
		return 0
	}
	n := int(binary.BigEndian.Uint16(b[2:]))
	if n < tpktHdrLen {
		return len(b) // packet-tpkt.c cannot delimit it: the segment's bytes
	}
	return n
}

func dissectTPKT(p *PDU, out *Out) bool {
	b := p.Data
	if b[0] != tpktVersion || len(b) < tpktHdrLen {
		out.SetProto(tpktProtoCol)
		out.SetInfo("Continuation")
		if out.WantTree {
			out.Add(Field{Name: "tpkt", Label: "TPKT - ISO on TCP - RFC1006", Len: len(b), Kind: FieldProto, Children: []Field{
				{Name: "tpkt.continuation_data", Label: "Continuation data: " + hexTrunc(b), Len: len(b), Kind: FieldBytes, Str: string(b)},
			}})
		}
		return true
	}
	n := int(binary.BigEndian.Uint16(b[2:]))
	out.SetProto(tpktProtoCol)
	if out.WantTree {
		out.Add(Field{Name: "tpkt", Label: "TPKT, Version: 3, Length: " + strconv.Itoa(n), Len: tpktHdrLen, Kind: FieldProto, Children: []Field{
			UintField("tpkt.version", "Version: 3", 0, 1, tpktVersion),
			UintField("tpkt.reserved", "Reserved: "+strconv.Itoa(int(b[1])), 1, 1, uint64(b[1])),
			UintField("tpkt.length", "Length: "+strconv.Itoa(n), 2, 2, uint64(n)),
		}})
	}
	dissectCOTP(p, out, tpktHdrLen)
	return true
}
