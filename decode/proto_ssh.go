package decode

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SSH (RFC 4253) as Wireshark 4.0's ssh dissector shows it: the version
// banners ("Client: Protocol (SSH-2.0-OpenSSH_7.4)"), the binary packets of
// the key exchange by message code ("Server: Key Exchange Init",
// "Elliptic Curve Diffie-Hellman Key Exchange Reply, New Keys"), and after
// a side's New Keys its encrypted packets, one per segment, with an empty
// message ("Client: "). The Protocol column is "SSH" until a banner tells
// the version, then "SSHv2" or "SSHv1", as of the packet's start.
// Hand-written: golang.org/x/crypto/ssh reads messages only inside its own
// handshake, and gopacket has no SSH layer.

// sshTCPPorts are tshark -G decodes' tcp.port entries for ssh.
var sshTCPPorts = []uint16{22, 29418}

// sshMaxPacket bounds a key-exchange packet's length; a longer claim is
// not waited for (RFC 4253 §6.1 asks for 35000 bytes at least).
const sshMaxPacket = 256 * 1024

// sshVersion is the protocol version a banner announced.
type sshVersion uint8

const (
	sshVersionUnknown sshVersion = iota
	sshVersion1
	sshVersion2
)

// sshMsg is an SSH-2 message number (RFC 4250 §4.1).
type sshMsg uint8

const (
	sshMsgDisconnect     sshMsg = 1
	sshMsgIgnore         sshMsg = 2
	sshMsgUnimplemented  sshMsg = 3
	sshMsgDebug          sshMsg = 4
	sshMsgServiceRequest sshMsg = 5
	sshMsgServiceAccept  sshMsg = 6
	sshMsgExtInfo        sshMsg = 7
	sshMsgKexInit        sshMsg = 20
	sshMsgNewKeys        sshMsg = 21
	sshMsgKex30          sshMsg = 30 // meaning depends on the key exchange method
	sshMsgKex31          sshMsg = 31
	sshMsgKex32          sshMsg = 32
	sshMsgKex33          sshMsg = 33
	sshMsgKex34          sshMsg = 34
)

var sshMsgNames = map[sshMsg]string{
	sshMsgDisconnect: "Disconnect", sshMsgIgnore: "Ignore", sshMsgUnimplemented: "Unimplemented",
	sshMsgDebug: "Debug", sshMsgServiceRequest: "Service Request", sshMsgServiceAccept: "Service Accept",
	sshMsgExtInfo: "Extension Information", sshMsgKexInit: "Key Exchange Init", sshMsgNewKeys: "New Keys",
}

// sshKex is the family of the negotiated key exchange method, which names
// messages 30 to 34.
type sshKex uint8

const (
	sshKexDH sshKex = iota
	sshKexGroupExchange
	sshKexECDH
)

var sshKexNames = map[sshKex]map[sshMsg]string{
	sshKexDH: {sshMsgKex30: "Diffie-Hellman Key Exchange Init", sshMsgKex31: "Diffie-Hellman Key Exchange Reply"},
	sshKexGroupExchange: {sshMsgKex30: "Diffie-Hellman Group Exchange Request (Old)",
		sshMsgKex31: "Diffie-Hellman Group Exchange Group", sshMsgKex32: "Diffie-Hellman Group Exchange Init",
		sshMsgKex33: "Diffie-Hellman Group Exchange Reply", sshMsgKex34: "Diffie-Hellman Group Exchange Request"},
	sshKexECDH: {sshMsgKex30: "Elliptic Curve Diffie-Hellman Key Exchange Init",
		sshMsgKex31: "Elliptic Curve Diffie-Hellman Key Exchange Reply"},
}

// sshSide is the client or the server, told by the SSH port as Wireshark
// does (not by who opened the connection).
type sshSide uint8

const (
	sshClient sshSide = 0
	sshServer sshSide = 1
)

var sshSideNames = [2]string{"Client", "Server"}

// sshConv is SSH's state in one conversation. Flow directions (PDU.Dir)
// index what the delimiter needs; sides index what the banners and key
// exchange say.
type sshConv struct {
	version sshVersion
	banner  [2]bool // a flow direction sent its banner
	newKeys [2]bool // a flow direction sent New Keys: encrypted from then on
	kexInit [2][]string
	macLen  [2]int // per side, -1 unknown
	kex     sshKex
	kexName string // the negotiated method, once both KEXINITs are seen
	cipher  [2]string
	// v1Plain is, per side, 1 + the frame of its first SSH 1 packet: the
	// packets of that frame are in clear (the server's public key, the
	// client's session key), every later one is encrypted.
	v1Plain [2]int
}

func sshState(c *Conv) *sshConv {
	if c == nil {
		return &sshConv{macLen: [2]int{-1, -1}}
	}
	if s, ok := c.State.(*sshConv); ok {
		return s
	}
	s := &sshConv{macLen: [2]int{-1, -1}}
	c.State = s
	return s
}

func sshSideOf(p *PDU) sshSide {
	for _, port := range sshTCPPorts {
		if p.DstPort == port {
			return sshClient
		}
	}
	for _, port := range sshTCPPorts {
		if p.SrcPort == port {
			return sshServer
		}
	}
	return sshSide(p.Dir & 1)
}

func sshIsBanner(b []byte) bool {
	n := min(len(b), 4)
	return bytes.EqualFold(b[:n], []byte("SSH-")[:n])
}

// sshPDULen delimits banners (through their LF), key-exchange packets (by
// their length field) and, once a direction is encrypted or the version
// is unknown, a segment's bytes as one packet, as Wireshark does.
func sshPDULen(c *Conv, dir uint8, b []byte) int {
	st := sshState(c)
	if !st.banner[dir&1] && sshIsBanner(b) {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			return i + 1
		}
		if len(b) >= maxPDUKeep {
			return len(b)
		}
		return 0
	}
	if st.version == sshVersion1 {
		// SSH 1: a 4-byte length, then 1-8 bytes of padding that bring
		// the rest to a multiple of 8 (packet-ssh.c's ssh_dissect_ssh1)
		if len(b) < 4 {
			return 0
		}
		n := binary.BigEndian.Uint32(b)
		if n > sshMaxPacket {
			return len(b)
		}
		return 4 + int(n) + ssh1Padding(n)
	}
	if st.version != sshVersion2 || st.newKeys[dir&1] {
		return len(b)
	}
	if len(b) < 4 {
		return 0
	}
	n := binary.BigEndian.Uint32(b)
	if n > sshMaxPacket {
		return len(b)
	}
	return 4 + int(n)
}

// sshPartial: Wireshark clears Info before asking TCP for the rest of a
// packet and returns before prefixing the side, so the segment reads
// "[TCP segment of a reassembled PDU]", or the messages before it.
func sshPartial(p *PDU, out *Out) {
	out.SetInfo(out.Info()[out.lead:])
}

func sshDissect(p *PDU, out *Out) bool {
	st := sshState(p.Conv)
	side := sshSideOf(p)
	dir := p.Dir & 1
	b := p.Data
	first := out.Proto == ""
	if first {
		out.SetProto(map[sshVersion]string{sshVersionUnknown: "SSH", sshVersion1: "SSHv1", sshVersion2: "SSHv2"}[st.version])
	}
	msg, malformed := "", false
	var tree []Field
	switch {
	case !st.banner[dir] && sshIsBanner(b):
		st.banner[dir] = true
		line := bytes.TrimRight(b, "\r\n")
		switch {
		case side == sshServer:
			// tshark takes the version from the client's banner only
		case bytes.HasPrefix(line, []byte("SSH-2.")), bytes.HasPrefix(line, []byte("SSH-1.99")):
			st.version = sshVersion2
		case bytes.HasPrefix(line, []byte("SSH-1.")):
			st.version = sshVersion1
		}
		msg = "Protocol (" + Printable(string(line)) + ")"
		tree = append(tree, StrField("ssh.protocol", "Protocol: "+Printable(string(line)), 0, len(line), string(line)))
	case st.version == sshVersionUnknown:
		msg = "Encrypted packet (len=" + strconv.Itoa(p.Len) + ")"
	case st.version == sshVersion2 && !st.newKeys[dir]:
		msg, tree = st.kexPacket(p, side)
	case st.version == sshVersion1 && len(b) >= 4:
		msg, tree = st.ssh1Packet(p, side)
	default:
		// encrypted: Wireshark 4.0 adds no message, only the packet; one
		// shorter than its length field and MAC is malformed
		enc := p.Len
		if m := st.macLen[side]; m > 0 {
			enc -= m
		}
		malformed = enc < 0
		label := "SSH Version 2"
		if st.version == sshVersion1 {
			label = "SSH Version 1"
		} else if st.cipher[side] != "" {
			label += " (encryption:" + Printable(st.cipher[side]) + " compression:none)"
		}
		tree = append(tree, Field{Label: label, Start: 0, Len: min(p.Len, len(b))})
		if st.kexName == "" || st.kex == sshKexGroupExchange {
			// Wireshark 4.0 prepares decryption once it knows the
			// negotiated method, for every method but group exchange (it
			// then prints nothing for the packet without keys); otherwise
			// it says the packet is encrypted (tshark on tcpdump's
			// geneve.pcap, zeek's half-duplex ssh trace).
			msg = "Encrypted packet (len=" + strconv.Itoa(p.Len) + ")"
		}
	}
	switch {
	case malformed:
		out.SetInfo(malformedMark)
	case first:
		// dissect_ssh appends the messages after the analysis labels and
		// then prepends the side before everything
		out.SetInfo("")
		if msg != "" {
			out.AppendInfo(", ", msg)
		}
		out.PrependInfo(sshSideNames[side] + ": ")
	case msg != "":
		out.AppendInfo(", ", msg)
	}
	if out.WantTree {
		sshAddTree(p, out, first, side, tree)
	}
	return true
}

// sshAddTree adds a PDU's lines to the packet's SSH layer: Wireshark
// dissects all of a segment's SSH messages under one "SSH Protocol"
// item with one Direction line, so a packet's later PDUs join the layer
// its first one made. The walker shifts only the layers a PDU adds, so
// lines joining an earlier layer are placed in the packet here.
func sshAddTree(p *PDU, out *Out, first bool, side sshSide, tree []Field) {
	n := len(out.Tree)
	if first || n == 0 || out.Tree[n-1].Name != "ssh" {
		dirLabel := map[sshSide]string{sshClient: "client-to-server", sshServer: "server-to-client"}[side]
		top := Field{Name: "ssh", Label: "SSH Protocol", Start: 0, Len: min(p.Len, len(p.Data)), Kind: FieldProto, Children: tree}
		top.Children = append(top.Children, UintField("ssh.direction", "Direction: "+dirLabel, 0, 0, uint64(side)))
		out.Add(top)
		return
	}
	layer := &out.Tree[n-1]
	Shift(tree, p.Off)
	dir := layer.Children[len(layer.Children)-1] // Direction stays last
	layer.Children = append(append(layer.Children[:len(layer.Children)-1], tree...), dir)
	if p.Off >= 0 && layer.Len > 0 {
		layer.Len = p.Off + min(p.Len, len(p.Data)) - layer.Start
	}
}

// sshKexNameLists are the name-lists of KEXINIT in order (RFC 4253 §7.1).
var sshKexNameLists = []string{"kex_algorithms", "server_host_key_algorithms",
	"encryption_algorithms_client_to_server", "encryption_algorithms_server_to_client",
	"mac_algorithms_client_to_server", "mac_algorithms_server_to_client",
	"compression_algorithms_client_to_server", "compression_algorithms_server_to_client",
	"languages_client_to_server", "languages_server_to_client"}

// kexPacket reads one binary packet of the key exchange.
func (st *sshConv) kexPacket(p *PDU, side sshSide) (string, []Field) {
	b := p.Data
	if len(b) < 6 {
		return "", nil
	}
	plen := binary.BigEndian.Uint32(b)
	pad := int(b[4])
	code := sshMsg(b[5])
	name, ok := sshMsgNames[code]
	if !ok {
		name, ok = sshKexNames[st.kex][code]
	}
	codeLabel := "Message Code: " + name + " (" + strconv.Itoa(int(code)) + ")"
	if !ok {
		name = "Unknown (" + strconv.Itoa(int(code)) + ")"
		codeLabel = "Message Code: " + name // val_to_str's fallback already holds the number
	}
	v2 := Field{Label: "SSH Version 2", Start: 0, Len: min(p.Len, len(b))}
	v2.Children = append(v2.Children,
		UintField("ssh.packet_length", "Packet Length: "+strconv.FormatUint(uint64(plen), 10), 0, 4, uint64(plen)),
		UintField("ssh.padding_length", "Padding Length: "+strconv.Itoa(pad), 4, 1, uint64(pad)))
	kx := Field{Label: "Key Exchange", Start: 5, Len: max(0, min(int(plen)-1, len(b)-5))}
	if st.kexName != "" {
		kx.Label += " (method:" + Printable(st.kexName) + ")"
	}
	kx.Children = append(kx.Children,
		UintField("ssh.message_code", codeLabel, 5, 1, uint64(code)))
	switch code {
	case sshMsgKexInit:
		lists, fields := sshKexInitLists(b)
		st.kexInit[side] = lists
		kx.Children = append(kx.Children, fields...)
		st.negotiate()
	case sshMsgNewKeys:
		st.newKeys[p.Dir&1] = true
	}
	v2.Children = append(v2.Children, kx)
	return name, []Field{v2}
}

// sshKexInitLists reads KEXINIT's name-lists (bounded by the packet).
func sshKexInitLists(b []byte) ([]string, []Field) {
	off := 6 + 16 // header, message code and cookie
	var lists []string
	var fields []Field
	if len(b) >= off {
		fields = append(fields, Field{Name: "ssh.cookie", Label: "Cookie: " + hexString(b[6:off]), Start: 6, Len: 16,
			Kind: FieldBytes, Str: string(b[6:off])})
	}
	for _, name := range sshKexNameLists {
		if off+4 > len(b) {
			break
		}
		n := int(binary.BigEndian.Uint32(b[off:]))
		if n > len(b)-off-4 {
			break
		}
		s := string(b[off+4 : off+4+n])
		lists = append(lists, s)
		fields = append(fields,
			UintField("ssh."+name+"_length", name+" length: "+strconv.Itoa(n), off, 4, uint64(n)),
			StrField("ssh."+name, truncLabel(name+" string", Printable(s)), off+4, n, s))
		off += 4 + n
	}
	return lists, fields
}

// truncLabel is "name: value" cut as Wireshark cuts a label longer than
// its 240-byte buffer: " [truncated]" after the name and 238 bytes in all
// (tshark's PDML for the KEXINIT name-lists of tcpdump's ssh.pcap).
func truncLabel(name, value string) string {
	full := name + ": " + value
	if len(full) < 240 {
		return full
	}
	out := name + " [truncated]" + full[len(name):]
	out = out[:238]
	for len(out) > 0 && !utf8.ValidString(out) {
		out = out[:len(out)-1]
	}
	return out
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// negotiate applies RFC 4253 §7.1 once both KEXINITs are known: the first
// of the client's algorithms that the server also offers.
func (st *sshConv) negotiate() {
	c, s := st.kexInit[sshClient], st.kexInit[sshServer]
	if len(c) < 6 || len(s) < 6 {
		return
	}
	pick := func(i int) string {
		have := map[string]bool{}
		for _, a := range strings.Split(s[i], ",") {
			have[a] = true
		}
		for _, a := range strings.Split(c[i], ",") {
			if have[a] {
				return a
			}
		}
		return ""
	}
	k := pick(0)
	st.kexName = k
	switch {
	case strings.HasPrefix(k, "diffie-hellman-group-exchange"):
		st.kex = sshKexGroupExchange
	case strings.HasPrefix(k, "ecdh-"), strings.HasPrefix(k, "curve25519"), strings.HasPrefix(k, "curve448"):
		// Wireshark 4.0 names the messages of methods it does not know
		// (sntrup761x25519) as Diffie-Hellman
		st.kex = sshKexECDH
	default:
		st.kex = sshKexDH
	}
	st.cipher[sshClient], st.cipher[sshServer] = pick(2), pick(3)
	st.macLen[sshClient], st.macLen[sshServer] = sshMacLen(st.cipher[sshClient], pick(4)), sshMacLen(st.cipher[sshServer], pick(5))
}

// sshMacLen is the MAC length Wireshark's ssh_set_mac_length derives from
// the algorithm's name; -1 when it cannot tell.
func sshMacLen(cipher, name string) int {
	if strings.HasPrefix(cipher, "chacha20-poly1305") || strings.Contains(cipher, "-gcm") {
		return 16 // AEAD: the tag replaces the negotiated MAC
	}
	if i := strings.Index(name, "-etm@openssh.com"); i >= 0 {
		name = name[:i]
	} else if i := strings.Index(name, "@openssh.com"); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, '-'); i >= 0 {
		if n, err := strconv.ParseUint(name[i+1:], 10, 32); err == nil && n > 0 && n%8 == 0 {
			return int(n / 8)
		}
	}
	switch name {
	case "hmac-sha1", "hmac-ripemd160":
		return 20
	case "hmac-md5":
		return 16
	case "none":
		return 0
	}
	return -1
}

var sshDissector = &Dissector{
	Name:    "ssh",
	Dissect: sshDissect,
	PDULen:  sshPDULen,
	Partial: sshPartial,
	Fields: []FieldDef{
		{Name: "ssh.protocol", Desc: "Protocol", Kind: FieldString},
		{Name: "ssh.direction", Desc: "Direction", Kind: FieldUint, Bits: 8},
		{Name: "ssh.packet_length", Desc: "Packet Length", Kind: FieldUint, Bits: 32},
		{Name: "ssh.padding_length", Desc: "Padding Length", Kind: FieldUint, Bits: 8},
		{Name: "ssh.message_code", Desc: "Message Code", Kind: FieldUint, Bits: 8},
		{Name: "ssh.cookie", Desc: "Cookie", Kind: FieldBytes},
		{Name: "ssh.kex_algorithms", Desc: "kex_algorithms string", Kind: FieldString},
		{Name: "ssh.server_host_key_algorithms", Desc: "server_host_key_algorithms string", Kind: FieldString},
		{Name: "ssh.encryption_algorithms_client_to_server", Desc: "encryption_algorithms_client_to_server string", Kind: FieldString},
		{Name: "ssh.encryption_algorithms_server_to_client", Desc: "encryption_algorithms_server_to_client string", Kind: FieldString},
		{Name: "ssh.mac_algorithms_client_to_server", Desc: "mac_algorithms_client_to_server string", Kind: FieldString},
		{Name: "ssh.mac_algorithms_server_to_client", Desc: "mac_algorithms_server_to_client string", Kind: FieldString},
	},
}

func init() {
	RegisterTCP(sshDissector, sshTCPPorts...)
}

// ssh1MessageNames are tshark's names of the SSH 1 messages sent in clear.
var ssh1MessageNames = map[byte]string{0: "No Message", 1: "Disconnect", 2: "Public Key", 3: "Session Key", 4: "User"}

// ssh1Padding is an SSH 1 packet's padding: 8 - length mod 8, 1 to 8.
func ssh1Padding(n uint32) int { return 8 - int(n%8) }

// ssh1Packet dissects an SSH 1 packet as packet-ssh.c does: the length,
// the padding, then for a side's first packets (its frame) the message
// code, for the rest an encrypted payload.
func (st *sshConv) ssh1Packet(p *PDU, side sshSide) (string, []Field) {
	b := p.Data
	n := binary.BigEndian.Uint32(b)
	pad := ssh1Padding(n)
	at := 4 + pad
	ver := Field{Label: "SSH Version 1", Start: 0, Len: min(p.Len, len(b)), Children: []Field{
		UintField("ssh.packet_length", "Packet Length: "+strconv.FormatUint(uint64(n), 10), 0, 4, uint64(n)),
		UintField("ssh.padding_length", "Padding Length: "+strconv.Itoa(pad), 4, pad, uint64(pad))}}
	if st.v1Plain[side] == 0 {
		st.v1Plain[side] = p.Frame + 1
	}
	var msg string
	payload := int(n)
	if st.v1Plain[side] == p.Frame+1 && at < len(b) {
		code := b[at]
		name, ok := ssh1MessageNames[code]
		if !ok {
			name = "Unknown (" + strconv.Itoa(int(code)) + ")"
		}
		msg = name
		label := "Message Code: " + name
		if ok {
			label += " (" + strconv.Itoa(int(code)) + ")"
		}
		ver.Children = append(ver.Children, UintField("ssh.message_code", label, at, 1, uint64(code)))
		at++
		payload--
	} else {
		msg = "Encrypted packet (len=" + strconv.FormatUint(uint64(n), 10) + ")"
	}
	if payload > 0 && at < len(b) {
		pl := b[at:min(len(b), at+payload)]
		ver.Children = append(ver.Children, Field{Name: "ssh.payload", Label: "Payload: " + hexEllipsis(pl), Start: at, Len: payload,
			Kind: FieldBytes, Str: string(pl)})
	}
	return msg, []Field{ver}
}
