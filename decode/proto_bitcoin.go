package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// The Bitcoin P2P protocol as Wireshark 4.0's packet-bitcoin.c shows it:
// found by its enabled-by-default TCP heuristic (a segment that begins
// with the main, testnet or testnet3 network magic claims the
// conversation; no port is registered), messages delimited by the 24-byte
// header's payload length. Protocol "Bitcoin"; Info the command of each
// message of the segment joined by ", " ("addr, pong"), "[unknown
// command]" for the commands packet-bitcoin.c has no handler for
// (sendheaders, feefilter, sendcmpct...), and "[Malformed Packet]" after a
// message whose body runs short of what its command's handler reads (each
// message is read on its own: the next one is still named). The details
// show the header (magic, command, length, checksum) and the counts the
// handlers read first. Hand-written: gopacket has no Bitcoin layer;
// lab__bitcoin.pcap holds python-bitcoinlib's messages.

const (
	bitcoinHeaderLen    = 24
	bitcoinMagicMain    = 0xd9b4bef9 // little-endian, as packet-bitcoin.c reads it
	bitcoinMagicTestnet = 0xdab5bffa
	bitcoinMagicTest3   = 0x0709110b
)

var bitcoinDissector = &Dissector{
	Name:       "bitcoin",
	Dissect:    bitcoinDissect,
	PDULen:     bitcoinPDULen,
	Heuristic:  bitcoinHeuristic,
	ClearsInfo: true,
	Fields: []FieldDef{
		{Name: "bitcoin", Desc: "Bitcoin protocol", Kind: FieldProto},
		{Name: "bitcoin.magic", Desc: "Packet magic", Kind: FieldUint, Bits: 32},
		{Name: "bitcoin.command", Desc: "Command name", Kind: FieldString},
		{Name: "bitcoin.length", Desc: "Payload Length", Kind: FieldUint, Bits: 32},
		{Name: "bitcoin.checksum", Desc: "Payload checksum", Kind: FieldUint, Bits: 32},
	},
}

func init() { RegisterTCP(bitcoinDissector) }

// bitcoinHeuristic is dissect_bitcoin_heur: a network magic first.
func bitcoinHeuristic(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	switch binary.LittleEndian.Uint32(b) {
	case bitcoinMagicMain, bitcoinMagicTestnet, bitcoinMagicTest3:
		return true
	}
	return false
}

func bitcoinPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < bitcoinHeaderLen {
		return 0
	}
	n := uint64(binary.LittleEndian.Uint32(b[16:])) + bitcoinHeaderLen
	if n > 1<<31-1 {
		return -1
	}
	return int(n)
}

// bitcoinCommands are the commands packet-bitcoin.c has a handler for.
var bitcoinCommands = map[string]func([]byte) bool{
	"version": bitcoinVersion, "addr": bitcoinAddr, "inv": bitcoinInvList, "getdata": bitcoinInvList,
	"notfound": bitcoinInvList, "getblocks": bitcoinLocator, "getheaders": bitcoinLocator, "tx": bitcoinTxMsg,
	"block": bitcoinBlock, "ping": bitcoinNonce, "pong": bitcoinNonce, "reject": bitcoinReject,
	"headers": bitcoinHeaders, "filterload": bitcoinFilterLoad, "filteradd": bitcoinFilterAdd,
	"merkleblock": bitcoinMerkleBlock,
	"verack":      bitcoinEmpty, "getaddr": bitcoinEmpty, "mempool": bitcoinEmpty, "filterclear": bitcoinEmpty,
	"checkorder": bitcoinEmpty, "submitorder": bitcoinEmpty, "reply": bitcoinEmpty, "alert": bitcoinEmpty,
}

func bitcoinDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("Bitcoin")
	if len(b) < bitcoinHeaderLen {
		out.AppendInfo(", ", malformedMark)
		return true
	}
	cmd := b[4:16]
	for i, c := range cmd {
		if c == 0 {
			cmd = cmd[:i]
			break
		}
	}
	handler, known := bitcoinCommands[string(cmd)]
	bad := false
	if known {
		out.AppendInfo(", ", string(cmd))
		bad = !handler(b[bitcoinHeaderLen:])
	} else {
		out.AppendInfo(", ", "[unknown command]")
	}
	if bad {
		out.AppendInfo("", malformedMark)
	}
	if !out.WantTree {
		return true
	}
	magic := binary.BigEndian.Uint32(b)
	length := binary.LittleEndian.Uint32(b[16:])
	sum := binary.BigEndian.Uint32(b[20:])
	out.Add(Field{Name: "bitcoin", Label: "Bitcoin protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("bitcoin.magic", fmt.Sprintf("Packet magic: 0x%08x", magic), 0, 4, uint64(magic)),
		{Name: "bitcoin.command", Label: "Command name: " + Printable(string(b[4:4+bitcoinStrLen(b[4:16])])), Start: 4, Len: 12, Kind: FieldString, Str: string(b[4 : 4+bitcoinStrLen(b[4:16])])},
		UintField("bitcoin.length", "Payload Length: "+strconv.FormatUint(uint64(length), 10), 16, 4, uint64(length)),
		UintField("bitcoin.checksum", fmt.Sprintf("Payload checksum: 0x%08x", sum), 20, 4, uint64(sum)),
	}})
	return true
}

// bitcoinStrLen is the length of a fixed-size string field up to its
// first NUL.
func bitcoinStrLen(b []byte) int {
	for i, c := range b {
		if c == 0 {
			return i
		}
	}
	return len(b)
}

// bitcoinReader follows a handler's reads over a message body: every
// field tshark adds must lie in the body, else the message is malformed.
type bitcoinReader struct {
	b   []byte
	off uint64
	bad bool
}

func (r *bitcoinReader) need(n uint64) bool {
	if r.bad || n > uint64(len(r.b)) || r.off > uint64(len(r.b))-n {
		r.bad = true
		return false
	}
	return true
}

func (r *bitcoinReader) skip(n uint64) bool {
	if !r.need(n) {
		return false
	}
	r.off += n
	return true
}

// varint reads a CompactSize at off+at without moving (get_varint).
func (r *bitcoinReader) varintAt(at uint64) (v uint64, n uint64, ok bool) {
	save := r.off
	r.off += at
	defer func() { r.off = save }()
	if !r.need(1) {
		return 0, 0, false
	}
	switch c := r.b[r.off]; c {
	case 0xfd:
		if !r.need(3) {
			return 0, 0, false
		}
		return uint64(binary.LittleEndian.Uint16(r.b[r.off+1:])), 3, true
	case 0xfe:
		if !r.need(5) {
			return 0, 0, false
		}
		return uint64(binary.LittleEndian.Uint32(r.b[r.off+1:])), 5, true
	case 0xff:
		if !r.need(9) {
			return 0, 0, false
		}
		return binary.LittleEndian.Uint64(r.b[r.off+1:]), 9, true
	default:
		return uint64(c), 1, true
	}
}

func (r *bitcoinReader) varint() (uint64, bool) {
	v, n, ok := r.varintAt(0)
	if ok {
		r.off += n
	}
	return v, ok
}

// count reads a list's count and calls item until it fails or the list
// ends; a count larger than the body stops at the first item that does
// not fit.
func (r *bitcoinReader) list(item func() bool) bool {
	n, ok := r.varint()
	if !ok {
		return false
	}
	for ; n > 0; n-- {
		if !item() {
			return false
		}
	}
	return true
}

// str reads a var_str or var_bytes (create_string_tree).
func (r *bitcoinReader) str() bool {
	n, ok := r.varint()
	return ok && r.skip(n)
}

func bitcoinEmpty([]byte) bool { return true }

func bitcoinNonce(b []byte) bool { return len(b) >= 8 }

func bitcoinVersion(b []byte) bool {
	r := bitcoinReader{b: b}
	if !r.need(4) {
		return false
	}
	v := binary.LittleEndian.Uint32(b)
	r.skip(4 + 8 + 8 + 26)
	if v >= 106 {
		r.skip(26 + 8)
		if !r.bad {
			r.str()
		}
	}
	if v >= 209 {
		r.skip(4)
	}
	if v >= 70002 {
		r.skip(1)
	}
	return !r.bad
}

func bitcoinAddr(b []byte) bool {
	r := bitcoinReader{b: b}
	return r.list(func() bool { return r.skip(30) })
}

func bitcoinInvList(b []byte) bool {
	r := bitcoinReader{b: b}
	return r.list(func() bool { return r.skip(36) })
}

// bitcoinLocator is getblocks' and getheaders': a version, hashes, the
// stop hash.
func bitcoinLocator(b []byte) bool {
	r := bitcoinReader{b: b}
	return r.skip(4) && r.list(func() bool { return r.skip(32) }) && r.skip(32)
}

// bitcoinTx reads one transaction; stop says a script length ran past
// G_MAXINT, where packet-bitcoin.c stops without an error.
func (r *bitcoinReader) tx() (ok, stop bool) {
	if !r.skip(4) {
		return false, false
	}
	in, ok := r.varint()
	if !ok {
		return false, false
	}
	for ; in > 0; in-- {
		sl, n, ok := r.varintAt(36)
		if !ok || !r.skip(36+n) {
			return false, false
		}
		if r.off+sl > 1<<31-1 {
			return true, true
		}
		if !r.skip(sl) || !r.skip(4) {
			return false, false
		}
	}
	outs, ok := r.varint()
	if !ok {
		return false, false
	}
	for ; outs > 0; outs-- {
		sl, n, ok := r.varintAt(8)
		if !ok || !r.skip(8+n) {
			return false, false
		}
		if r.off+sl > 1<<31-1 {
			return true, true
		}
		if !r.skip(sl) {
			return false, false
		}
	}
	return r.skip(4), false
}

func bitcoinTxMsg(b []byte) bool {
	r := bitcoinReader{b: b}
	ok, _ := r.tx()
	return ok
}

func bitcoinBlock(b []byte) bool {
	r := bitcoinReader{b: b}
	if !r.skip(80) {
		return false
	}
	n, ok := r.varint()
	if !ok {
		return false
	}
	for ; n > 0; n-- {
		ok, stop := r.tx()
		if !ok {
			return false
		}
		if stop {
			return true
		}
	}
	return true
}

func bitcoinHeaders(b []byte) bool {
	r := bitcoinReader{b: b}
	return r.list(func() bool {
		if !r.skip(80) {
			return false
		}
		_, ok := r.varint()
		return ok
	})
}

func bitcoinReject(b []byte) bool {
	r := bitcoinReader{b: b}
	return r.str() && r.skip(1) && r.str()
}

func bitcoinFilterLoad(b []byte) bool {
	r := bitcoinReader{b: b}
	return r.str() && r.skip(9)
}

func bitcoinFilterAdd(b []byte) bool {
	r := bitcoinReader{b: b}
	return r.str()
}

func bitcoinMerkleBlock(b []byte) bool {
	r := bitcoinReader{b: b}
	return r.skip(84) && r.list(func() bool { return r.skip(32) }) && r.str()
}
