package decode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
)

// T.125, the Multipoint Communication Service, in COTP data TPDUs on TCP
// 3389: what RDP's standard security sends in clear before its keys are
// set (MS-RDPBCGR §2.2.1.3-2.2.1.11). Ladder reads as far as tshark 4.0
// names things in the Info column: the BER-encoded Connect-Initial and
// Connect-Response, whose GCC user data carry RDP's client and server data
// blocks ("ClientData", "ServerData Encryption: 128-bit RC4 (High)"), the
// PER-encoded domain PDUs ("erectDomainRequest ", "channelJoinRequest
// 1007"), and the RDP security header of a Send Data Request
// ("SecurityExchange", "ClientInfo, [Encrypted]"). The GCC (T.124) and
// data blocks' inner fields are not shown. Hand-written: gopacket has no
// T.125.

// BER tags of MCS's connect PDUs (T.125 §7, application 101 and 102).
const (
	mcsConnectInitial  = 0x65
	mcsConnectResponse = 0x66
)

// DomainMCSPDU choices (T.125 §7) the heuristic accepts or ladder reads further.
const (
	mcsErectDomainRequest = 1
	mcsDisconnectProvider = 8
	mcsAttachUserRequest  = 10
	mcsAttachUserConfirm  = 11
	mcsChannelJoinRequest = 14
	mcsChannelJoinConfirm = 15
	mcsSendDataRequest    = 25
	mcsSendDataIndication = 26
)

// t125Heuristic is tshark 4.0's "T.125 over COTP" test on the first data
// TPDU bytes: a BER connect PDU (application tags 101-104), or a PER
// DomainMCSPDU whose choice is one of the eight an RDP session sends. A
// crafted matrix of every first byte (lab__cotp-heur-crafted) showed the
// other choices left as COTP data.
func t125Heuristic(b []byte) bool {
	if len(b) >= 2 && b[0] == 0x7f {
		return b[1] >= mcsConnectInitial && b[1] <= mcsConnectInitial+3
	}
	if len(b) == 0 {
		return false
	}
	switch b[0] >> 2 {
	case mcsErectDomainRequest, mcsDisconnectProvider, mcsAttachUserRequest, mcsAttachUserConfirm,
		mcsChannelJoinRequest, mcsChannelJoinConfirm, mcsSendDataRequest, mcsSendDataIndication:
		return true
	}
	return false
}

// mcsConnectNames are ConnectMCSPDU's choices, application tags 101-104.
var mcsConnectNames = [...]string{"connect-initial", "connect-response", "connect-additional", "connect-result"}

var mcsDomainNames = [...]string{"plumbDomainIndication", "erectDomainRequest", "mergeChannelsRequest",
	"mergeChannelsConfirm", "purgeChannelsIndication", "mergeTokensRequest", "mergeTokensConfirm",
	"purgeTokensIndication", "disconnectProviderUltimatum", "rejectMCSPDUUltimatum", "attachUserRequest",
	"attachUserConfirm", "detachUserRequest", "detachUserIndication", "channelJoinRequest", "channelJoinConfirm",
	"channelLeaveRequest", "channelConveneRequest", "channelConveneConfirm", "channelDisbandRequest",
	"channelDisbandIndication", "channelAdmitRequest", "channelAdmitIndication", "channelExpelRequest",
	"channelExpelIndication", "sendDataRequest", "sendDataIndication", "uniformSendDataRequest",
	"uniformSendDataIndication", "tokenGrabRequest", "tokenGrabConfirm", "tokenInhibitRequest",
	"tokenInhibitConfirm", "tokenGiveRequest", "tokenGiveIndication", "tokenGiveResponse", "tokenGiveConfirm",
	"tokenPleaseRequest", "tokenPleaseIndication", "tokenReleaseRequest", "tokenReleaseConfirm",
	"tokenTestRequest", "tokenTestConfirm"}

// RDP's basic security header flags (MS-RDPBCGR §2.2.8.1.1.2.1).
const (
	rdpSecExchangePkt = 0x0001
	rdpSecEncrypt     = 0x0008
	rdpSecInfoPkt     = 0x0040
)

// RDP's GCC data block types (MS-RDPBCGR §2.2.1.3.1, §2.2.1.4).
var rdpBlockNames = map[uint16][2]string{
	0xc001: {"rdp.client.coreData", "clientCoreData"}, 0xc002: {"rdp.client.securityData", "clientSecurityData"},
	0xc003: {"rdp.client.networkData", "clientNetworkData"}, 0xc004: {"rdp.client.clusterData", "clientClusterData"},
	0x0c01: {"rdp.server.coreData", "serverCoreData"}, 0x0c02: {"rdp.server.securityData", "serverSecurityData"},
	0x0c03: {"rdp.server.networkData", "serverNetworkData"},
}

var rdpEncryptionMethods = map[uint32]string{0: "None", 1: "40-bit RC4", 2: "128-bit RC4", 8: "56-bit RC4", 0x10: "FIPS"}

var rdpEncryptionLevels = map[uint32]string{0: "None", 1: "Low", 2: "Client Compatible", 3: "High", 4: "FIPS"}

// dissectT125 reads the MCS PDU at p.Data[start:].
func dissectT125(p *PDU, out *Out, start int) {
	b := p.Data[start:]
	if len(b) == 0 {
		return
	}
	top := Field{Name: "t125", Label: "MULTIPOINT-COMMUNICATION-SERVICE T.125", Start: start, Len: len(b), Kind: FieldProto}
	if len(b) >= 2 && b[0] == 0x7f && b[1] >= mcsConnectInitial && b[1] <= mcsConnectInitial+3 {
		code := int(b[1]) - mcsConnectInitial + 101
		name := mcsConnectNames[code-101]
		top.Children = append(top.Children, UintField("t125.ConnectMCSPDU", fmt.Sprintf("ConnectMCSPDU: %s (%d)", name, code), start, len(b), uint64(code)))
		// the Info stays empty unless the GCC user data name a block
		// (tshark 4.0 on lab__cotp-heur-crafted)
		out.SetProto("T.125")
		out.SetInfo("")
		if out.WantTree {
			out.Add(top)
		}
		if b[1] == mcsConnectInitial || b[1] == mcsConnectResponse {
			rdpGCCData(p, out, start, b[1] == mcsConnectInitial)
		}
		return
	}
	choice := int(b[0] >> 2)
	name := "Unknown"
	if choice < len(mcsDomainNames) {
		name = mcsDomainNames[choice]
	}
	size := len(b)
	if choice == mcsDisconnectProvider {
		// its 6-bit choice and 3-bit reason: packet-per.c sizes the item
		// by the whole octets its 9 bits take
		size = 1
	}
	top.Children = append(top.Children, UintField("t124.DomainMCSPDU", fmt.Sprintf("DomainMCSPDU: %s (%d)", name, choice), start, size, uint64(choice)))
	out.SetProto("T.125")
	info := name + " "
	switch choice {
	case mcsChannelJoinRequest:
		if len(b) >= 5 {
			info += strconv.Itoa(int(binary.BigEndian.Uint16(b[3:])))
		}
	case mcsChannelJoinConfirm:
		// the channel ID only when present (the optional bit)
		if len(b) >= 8 && b[0]&0x02 != 0 {
			info += strconv.Itoa(int(binary.BigEndian.Uint16(b[6:])))
		}
	}
	out.SetInfo(info)
	if out.WantTree {
		out.Add(top)
	}
	if choice == mcsSendDataRequest || choice == mcsSendDataIndication {
		// initiator, channel, priority and segmentation, PER length
		off := 6
		if off >= len(b) {
			return
		}
		n, l := perLength(b[off:])
		if l == 0 {
			return
		}
		off += l
		rdpSecurityPDU(p, out, start+off, min(n, len(b)-off))
	}
}

// perLength reads an ALIGNED PER length determinant: one byte below 0x80,
// else two (14 bits); 0 bytes when cut short or fragmented.
func perLength(b []byte) (n, size int) {
	switch {
	case len(b) >= 1 && b[0]&0x80 == 0:
		return int(b[0]), 1
	case len(b) >= 2 && b[0]&0xc0 == 0x80:
		return int(b[0]&0x3f)<<8 | int(b[1]), 2
	}
	return 0, 0
}

// rdpSecurityPDU reads the basic security header of the RDP PDU a Send
// Data Request carries at p.Data[start:start+n]: the Security Exchange
// and Client Info PDUs tshark names.
func rdpSecurityPDU(p *PDU, out *Out, start, n int) {
	if n < 4 {
		return
	}
	b := p.Data[start : start+n]
	flags := binary.LittleEndian.Uint16(b)
	var name, field string
	switch {
	case flags&rdpSecExchangePkt != 0:
		name, field = "SecurityExchange", "rdp.securityExchangePDU"
	case flags&rdpSecInfoPkt != 0:
		name, field = "ClientInfo", "rdp.clientInfoPDU"
	default:
		return
	}
	out.SetProto("RDP")
	out.SetInfo(name)
	if flags&rdpSecEncrypt != 0 {
		out.AppendInfo(", ", "[Encrypted]")
	}
	if out.WantTree {
		out.Add(Field{Name: "rdp", Label: "Remote Desktop Protocol", Start: start, Len: n, Kind: FieldProto, Children: []Field{
			{Name: field, Label: field[4:], Start: start, Len: n, Children: []Field{
				UintField("rdp.flags", fmt.Sprintf("flags: 0x%04x", flags), start, 2, uint64(flags)),
				UintField("rdp.flagsHi", fmt.Sprintf("flagsHi: 0x%04x", binary.LittleEndian.Uint16(b[2:])), start+2, 2, uint64(binary.LittleEndian.Uint16(b[2:]))),
			}},
		}})
	}
}

// rdpGCCData finds the RDP data blocks in a connect PDU's GCC user data,
// after the H.221 key "Duca" (client) or "McDn" (server) and its PER
// length, and reads them as tshark's RDP layer shows them.
func rdpGCCData(p *PDU, out *Out, start int, client bool) {
	b := p.Data[start:]
	key := []byte("McDn")
	if client {
		key = []byte("Duca")
	}
	i := bytes.Index(b, key)
	if i < 0 {
		return
	}
	off := i + len(key)
	n, l := perLength(b[off:])
	if l == 0 {
		return
	}
	off += l
	n = min(n, len(b)-off)
	blocks := b[off : off+n]
	pos := start + off
	name, field := "ServerData", "rdp.serverData"
	if client {
		name, field = "ClientData", "rdp.clientData"
	}
	data := Field{Name: field, Label: name, Start: pos, Len: n}
	info := name
	for o := 0; o+4 <= len(blocks); {
		t := binary.LittleEndian.Uint16(blocks[o:])
		bl := int(binary.LittleEndian.Uint16(blocks[o+2:]))
		if bl < 4 || o+bl > len(blocks) {
			break
		}
		names, ok := rdpBlockNames[t]
		if !ok {
			o += bl
			continue
		}
		blk := Field{Name: names[0], Label: names[1], Start: pos + o, Len: bl, Children: []Field{
			UintField("rdp.header.type", fmt.Sprintf("headerType: %s (0x%04x)", names[1], t), pos+o, 2, uint64(t)),
			UintField("rdp.header.length", "headerLength: "+strconv.Itoa(bl), pos+o+2, 2, uint64(bl)),
		}}
		if t == 0x0c02 && bl >= 12 {
			m := binary.LittleEndian.Uint32(blocks[o+4:])
			lv := binary.LittleEndian.Uint32(blocks[o+8:])
			mn, ln := rdpEncryptionMethods[m], rdpEncryptionLevels[lv]
			if mn == "" {
				mn = "Unknown"
			}
			if ln == "" {
				ln = "Unknown"
			}
			info = fmt.Sprintf("%s Encryption: %s (%s)", name, mn, ln)
			blk.Children = append(blk.Children,
				UintField("rdp.encryptionMethod", fmt.Sprintf("encryptionMethod: %s (0x%08x)", mn, m), pos+o+4, 4, uint64(m)),
				UintField("rdp.encryptionLevel", fmt.Sprintf("encryptionLevel: %s (0x%08x)", ln, lv), pos+o+8, 4, uint64(lv)))
		}
		data.Children = append(data.Children, blk)
		o += bl
	}
	out.SetProto("RDP")
	out.SetInfo(info)
	if out.WantTree {
		out.Add(Field{Name: "rdp", Label: "Remote Desktop Protocol", Start: pos, Len: n, Kind: FieldProto, Children: []Field{data}})
	}
}
