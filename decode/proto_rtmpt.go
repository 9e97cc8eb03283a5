package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// RTMP, the Real Time Messaging Protocol, on TCP 1935, as Wireshark 4.0's
// packet-rtmpt.c shows it (its filter name is "rtmpt"). The dissector does
// its own unchunking rather than asking TCP to reassemble: it walks each
// segment's bytes in stream order, keeping per direction the messages
// being rebuilt from chunks on each chunk stream, the last header seen on
// each (for the shorter header formats), the chunk size set by Set Chunk
// Size, and a chunk header or chunk body cut by the segment's end. A
// segment where no message completes keeps TCP's Protocol and Info; one
// where messages complete reads "RTMP" and their descriptions joined by
// "|": the handshake ("Handshake C0+C1" at stream byte 1 of the side that
// has received nothing, "Handshake S0+S1+S2" at byte 1 of the other,
// "Handshake C2" at byte 1538), control messages with their value ("Set
// Chunk Size 4096", "Set Peer Bandwidth 2500000,Dynamic", "Stream Begin
// 1"), AMF commands and data as "connect('live')", "play('stream')",
// "onStatus('NetStream.Play.Start')", "_result()", media as "Audio Data" /
// "Video Data". The stream byte numbers count from the first payload byte
// ladder sees in each direction (tshark's relative sequence numbers with
// the SYN seen). Hand-written: gopacket has no RTMP layer.

const (
	portRTMP           = 1935
	rtmpIDMax          = 65599
	rtmpHandshake1     = 0x100001
	rtmpHandshake2     = 0x100002
	rtmpHandshake3     = 0x100003
	rtmpDefaultChunk   = 128
	rtmpMaxPacket      = 524288
	rtmpMaxPerSegment  = 4096 // messages ladder describes in one segment
	rtmpTypeChunkSize  = 0x01
	rtmpTypeAbort      = 0x02
	rtmpTypeAck        = 0x03
	rtmpTypeUCM        = 0x04
	rtmpTypeWindow     = 0x05
	rtmpTypePeerBW     = 0x06
	rtmpTypeAudio      = 0x08
	rtmpTypeVideo      = 0x09
	rtmpTypeDataAMF3   = 0x0f
	rtmpTypeCmdAMF3    = 0x11
	rtmpTypeDataAMF0   = 0x12
	rtmpTypeCmdAMF0    = 0x14
	rtmpAMF0Number     = 0x00
	rtmpAMF0Boolean    = 0x01
	rtmpAMF0String     = 0x02
	rtmpAMF0Object     = 0x03
	rtmpAMF0Null       = 0x05
	rtmpAMF0Undefined  = 0x06
	rtmpAMF0ECMAArray  = 0x08
	rtmpAMF0EndObject  = 0x09
	rtmpAMF0Date       = 0x0b
	rtmpAMF0LongString = 0x0c
	rtmpAMF0Unsupport  = 0x0d
	rtmpAMF0XML        = 0x0f
	rtmpAMF0Int64      = 0x22
)

var rtmpHandshakeNames = map[uint32]string{rtmpHandshake1: "Handshake C0+C1", rtmpHandshake2: "Handshake S0+S1+S2", rtmpHandshake3: "Handshake C2"}

var rtmpOpcodeNames = map[uint32]string{
	0x01: "Set Chunk Size", 0x02: "Abort Message", 0x03: "Acknowledgement", 0x04: "User Control Message",
	0x05: "Window Acknowledgement Size", 0x06: "Set Peer Bandwidth", 0x08: "Audio Data", 0x09: "Video Data",
	0x0f: "AMF3 Data", 0x10: "AMF3 Shared Object", 0x11: "AMF3 Command", 0x12: "AMF0 Data",
	0x13: "AMF0 Shared Object", 0x14: "AMF0 Command", 0x16: "Aggregate",
}

var rtmpLimitNames = map[uint32]string{0: "Hard", 1: "Soft", 2: "Dynamic"}

var rtmpUCMNames = map[uint32]string{0: "Stream Begin", 1: "Stream EOF", 2: "Stream Dry", 3: "Set Buffer Length",
	4: "Stream Is Recorded", 6: "Ping Request", 7: "Ping Response"}

func rtmpOpcode(cmd uint32) string {
	if s, ok := rtmpOpcodeNames[cmd]; ok {
		return s
	}
	return "Unknown (0x" + strconv.FormatUint(uint64(cmd), 16) + ")"
}

// rtmpMsg is one message being rebuilt (packet-rtmpt.c's rtmpt_packet_t).
type rtmpMsg struct {
	data                []byte // header and body as far as rebuilt
	want, have          int
	chunkWant, chunkHas int
	bhlen, mhlen        int
	fmt                 int
	id, cmd             uint32
	ts, length          uint32
	src                 uint32
}

// rtmpChan is what a direction remembers of one chunk stream: the last
// full header's values and the message last started on it.
type rtmpChan struct {
	ts, tsd, length, src uint32
	cmd                  uint8
	last                 *rtmpMsg
}

// rtmpDir is one direction's unchunking state.
type rtmpDir struct {
	seen      int // payload bytes of this direction walked so far
	chunkSize int
	ids       map[uint32]*rtmpChan
	// hdr holds a chunk header the previous segment cut (hdrLen its
	// whole length once known); cont is the message whose chunk body
	// the previous segment cut.
	hdr    []byte
	hdrLen int
	cont   *rtmpMsg
}

type rtmpConv struct{ dir [2]rtmpDir }

func rtmpBasicHeaderLen(b byte) int {
	switch b & 0x3f {
	case 0:
		return 2
	case 1:
		return 3
	}
	return 1
}

func rtmpMessageHeaderLen(b byte) int {
	switch b >> 6 {
	case 0:
		return 11
	case 1:
		return 7
	case 2:
		return 3
	}
	return 0
}

func rtmpBE24(b []byte) uint32 { return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]) }

// rtmpDone is one message completed in the segment: its bytes and, when
// it lies whole in the segment, its offset there (-1 otherwise).
type rtmpDone struct {
	m   *rtmpMsg
	b   []byte
	off int
}

// walk feeds one segment's bytes to the direction's unchunker and hands
// each message it completes to emit, as dissect_rtmpt_common does on its
// first pass; emit returns false where tshark's dissection of the message
// throws, which ends the segment's walk there.
func (d *rtmpDir) walk(b []byte, otherSeen int, emit func(rtmpDone) bool) {
	if d.ids == nil {
		d.ids = map[uint32]*rtmpChan{}
	}
	seq := d.seen + 1
	d.seen += len(b)
	offset, remain := 0, len(b)
	n := 0
	give := func(x rtmpDone) bool {
		d.learn(x.m, x.b)
		n++
		return emit(x) && n < rtmpMaxPerSegment
	}
	for remain > 0 {
		var tp *rtmpMsg
		var ti *rtmpChan
		var hdr []byte // a header rebuilt across segments
		fromFrag := false
		if offset == 0 && d.cont != nil {
			tp = d.cont
			d.cont = nil
			if tp.chunkWant != 0 && tp.chunkHas < tp.chunkWant {
				fromFrag = true
			} else {
				tp = nil
			}
		}
		if offset == 0 && tp == nil && d.hdr != nil {
			want := min(d.hdrLen-len(d.hdr), remain)
			old := len(d.hdr)
			d.hdr = append(d.hdr, b[offset:offset+want]...)
			id0 := d.hdr[0]
			bh := rtmpBasicHeaderLen(id0)
			if id0>>6 < 3 && old < bh+3 && len(d.hdr) >= bh+3 && rtmpBE24(d.hdr[bh:]) == 0xffffff {
				d.hdrLen += 4
			}
			offset += want
			remain -= want
			if len(d.hdr) < d.hdrLen {
				return
			}
			hdr = d.hdr
			d.hdr = nil
		}
		var headerType, bhlen, mhlen int
		var id uint32
		var h []byte // the header's bytes
		if !fromFrag {
			if hdr == nil {
				b0 := b[offset]
				pos := seq + offset
				switch {
				case b0 == 3 && pos == 1:
					headerType, bhlen, mhlen = 4, 1, 0
					id = rtmpHandshake2
					if otherSeen == 0 {
						id = rtmpHandshake1
					}
				case pos == 1538:
					headerType, bhlen, mhlen = 4, 0, 0
					id = rtmpHandshake3
				default:
					headerType = int(b0 >> 6)
					bhlen = rtmpBasicHeaderLen(b0)
					mhlen = rtmpMessageHeaderLen(b0)
					if headerType < 3 && remain >= bhlen+3 && rtmpBE24(b[offset+bhlen:]) == 0xffffff {
						mhlen += 4
					}
					if remain < bhlen+mhlen {
						d.hdr = append([]byte(nil), b[offset:]...)
						d.hdrLen = bhlen + mhlen
						return
					}
					id = uint32(b0 & 0x3f)
					if id == 0 {
						id = uint32(b[offset+1]) + 64
					} else if id == 1 {
						id = uint32(binary.LittleEndian.Uint16(b[offset+1:])) + 64
					}
				}
				h = b[offset : offset+bhlen+mhlen]
			} else {
				headerType = int(hdr[0] >> 6)
				bhlen = rtmpBasicHeaderLen(hdr[0])
				mhlen = len(hdr) - bhlen
				id = uint32(hdr[0] & 0x3f)
				if id == 0 {
					id = uint32(hdr[1]) + 64
				} else if id == 1 {
					id = uint32(binary.LittleEndian.Uint16(hdr[1:])) + 64
				}
				h = hdr
			}
			if id <= rtmpIDMax {
				ti = d.ids[id]
			}
			if ti != nil {
				tp = ti.last
			}
			var src, cmd uint32
			if headerType == 0 {
				src = binary.BigEndian.Uint32(h[bhlen+7:])
			} else if ti != nil {
				src = ti.src
			}
			if headerType < 2 {
				cmd = uint32(h[bhlen+6])
			} else if ti != nil {
				cmd = uint32(ti.cmd)
			}
			var chunkSize, bodyLen int
			if id > rtmpIDMax {
				chunkSize, bodyLen = 1536, 1536
				if id == rtmpHandshake2 {
					chunkSize, bodyLen = 3072, 3072
				}
			} else {
				chunkSize = d.chunkSize
				if chunkSize == 0 {
					chunkSize = rtmpDefaultChunk
				}
				switch {
				case headerType < 2:
					bodyLen = int(rtmpBE24(h[bhlen+3:]))
				case ti != nil:
					bodyLen = int(ti.length)
				default:
					bodyLen = chunkSize
				}
				if bodyLen > rtmpMaxPacket {
					return
				}
			}
			if ti == nil || tp == nil || headerType < 3 || tp.have == tp.want || tp.chunkHas != tp.chunkWant {
				if ti == nil {
					ti = &rtmpChan{}
					d.ids[id] = ti
				}
				var ts, tsd uint32
				switch {
				case headerType == 0:
					ts = rtmpBE24(h[bhlen:])
					if ts == 0xffffff {
						ts = binary.BigEndian.Uint32(h[bhlen+11:])
					}
					tsd = ts - ti.ts
				case headerType < 3:
					tsd = rtmpBE24(h[bhlen:])
					if tsd == 0xffffff {
						ts = binary.BigEndian.Uint32(h[bhlen+mhlen-4:])
						tsd = ti.tsd
					} else {
						ts = ti.ts + tsd
					}
				default:
					ts = ti.ts + ti.tsd
					tsd = ti.tsd
				}
				tp = &rtmpMsg{want: bhlen + mhlen + bodyLen, bhlen: bhlen, mhlen: mhlen, fmt: headerType, id: id,
					ts: ts, length: uint32(bodyLen), src: src}
				if id > rtmpIDMax {
					tp.cmd = id
				} else {
					tp.cmd = cmd & 0x7f
				}
				ti.ts, ti.tsd, ti.length, ti.cmd, ti.src = ts, tsd, uint32(bodyLen), uint8(cmd), src
				ti.last = tp
				if hdr == nil && bodyLen <= chunkSize && tp.want <= remain {
					// the whole message lies in this segment
					tp.have = tp.want
					x := rtmpDone{m: tp, b: b[offset : offset+tp.want], off: offset}
					offset += tp.want
					remain -= tp.want
					if !give(x) {
						return
					}
					continue
				}
				tp.data = make([]byte, 0, min(tp.want, 64<<10))
				if hdr != nil {
					tp.data = append(tp.data, hdr...)
				} else {
					tp.data = append(tp.data, b[offset:offset+bhlen+mhlen]...)
					offset += bhlen + mhlen
					remain -= bhlen + mhlen
				}
				tp.have = bhlen + mhlen
				if tp.have == tp.want {
					if !give(rtmpDone{m: tp, b: tp.data, off: -1}) {
						return
					}
					continue
				}
				tp.chunkWant = min(chunkSize, tp.want-tp.have)
			} else {
				tp.chunkWant = min(chunkSize, tp.want-tp.have)
				offset += bhlen + mhlen
				remain -= bhlen + mhlen
				if remain < 0 {
					// packet-rtmpt.c counts a header rebuilt across
					// segments twice here; nothing sensible follows
					return
				}
			}
		}
		want := min(tp.chunkWant-tp.chunkHas, remain)
		tp.data = append(tp.data, b[offset:offset+want]...)
		tp.have += want
		tp.chunkHas += want
		offset += want
		remain -= want
		if tp.chunkHas == tp.chunkWant {
			tp.chunkHas, tp.chunkWant = 0, 0
		}
		if tp.have == tp.want {
			if !give(rtmpDone{m: tp, b: tp.data, off: -1}) {
				return
			}
		} else if tp.chunkHas < tp.chunkWant {
			d.cont = tp
		}
	}
	return
}

// learn takes what a completed message changes: Set Chunk Size.
func (d *rtmpDir) learn(m *rtmpMsg, b []byte) {
	if m.id > rtmpIDMax || m.cmd != rtmpTypeChunkSize || m.length < 4 {
		return
	}
	body := b[min(len(b), m.bhlen+m.mhlen):]
	if len(body) >= 4 {
		if n := binary.BigEndian.Uint32(body); n < rtmpMaxPacket {
			d.chunkSize = int(n)
		}
	}
}

// rtmpAMFLength is how many bytes the AMF0 value at b[0:] takes, or
// len(b) when it cannot tell (packet-rtmpt.c's rtmpt_get_amf_length).
func rtmpAMFLength(b []byte) int {
	remain := len(b)
	depth, itemlen, rv := 0, 0, 0
	for rv == 0 || depth > 0 {
		if depth > 0 {
			if remain-rv < 2 {
				return remain
			}
			itemlen = int(binary.BigEndian.Uint16(b[rv:])) + 2
			if remain-rv < itemlen+1 {
				return remain
			}
			rv += itemlen
		}
		if remain-rv < 1 {
			return remain
		}
		t := b[rv]
		if depth > 0 && itemlen == 2 && t == rtmpAMF0EndObject {
			rv++
			depth--
			continue
		}
		switch t {
		case rtmpAMF0Number, rtmpAMF0Int64:
			itemlen = 9
		case rtmpAMF0Boolean:
			itemlen = 2
		case rtmpAMF0String:
			if remain-rv < 3 {
				return remain
			}
			itemlen = int(binary.BigEndian.Uint16(b[rv+1:])) + 3
		case rtmpAMF0Null, rtmpAMF0Undefined, rtmpAMF0Unsupport:
			itemlen = 1
		case rtmpAMF0Date:
			itemlen = 11
		case rtmpAMF0LongString, rtmpAMF0XML:
			if remain-rv < 5 {
				return remain
			}
			itemlen = int(binary.BigEndian.Uint32(b[rv+1:])) + 5
			if itemlen < 5 {
				return remain
			}
		case rtmpAMF0Object:
			itemlen = 1
			depth++
		case rtmpAMF0ECMAArray:
			itemlen = 5
			depth++
		default:
			return remain
		}
		if remain-rv < itemlen {
			return remain
		}
		rv += itemlen
	}
	return rv
}

// rtmpAMFParam is the string of the param'th AMF0 value from b[0:], or of
// its property prop when that value is an object (rtmpt_get_amf_param).
func rtmpAMFParam(b []byte, param int, prop string) (string, bool) {
	off := 0
	remain := len(b)
	for remain > 0 && param > 0 {
		n := rtmpAMFLength(b[off:])
		off += n
		remain -= n
		param--
	}
	if remain <= 0 || param != 0 {
		return "", false
	}
	t := b[off]
	if prop == "" && t == rtmpAMF0String && remain >= 3 {
		n := int(binary.BigEndian.Uint16(b[off+1:]))
		if remain >= n+3 {
			return rtmpASCII(b[off+3 : off+3+n]), true
		}
	}
	if prop != "" && t == rtmpAMF0Object {
		off++
		remain--
		for remain > 2 {
			pl := int(binary.BigEndian.Uint16(b[off:]))
			if remain < 2+pl+3 {
				break
			}
			if strings.HasPrefix(string(b[off+2:]), prop) {
				if b[off+2+pl] != rtmpAMF0String {
					break
				}
				sl := int(binary.BigEndian.Uint16(b[off+2+pl+1:]))
				if remain < 2+pl+3+sl {
					break
				}
				return rtmpASCII(b[off+2+pl+3 : off+2+pl+3+sl]), true
			}
			n := rtmpAMFLength(b[off+2+pl:])
			off += 2 + pl + n
			remain -= 2 + pl + n
		}
	}
	return "", false
}

// rtmpASCII is a string as tshark's ENC_ASCII reads it and "%s" prints
// it: bytes above 0x7f are U+FFFD, a NUL ends it.
func rtmpASCII(b []byte) string { return rsyncASCII(b) }

// rtmpDesc is rtmpt_get_packet_desc: the message's description, whether
// it names the opcode itself, and whether reading it ran past the bytes.
func rtmpDesc(m *rtmpMsg, body []byte) (desc string, hasOp, ok, short bool) {
	remain := len(body)
	l := int(m.length)
	switch m.cmd {
	case rtmpTypeChunkSize, rtmpTypeAbort, rtmpTypeAck, rtmpTypeWindow:
		if l >= 4 && remain >= 4 {
			return rtmpOpcode(m.cmd) + " " + strconv.Itoa(int(int32(binary.BigEndian.Uint32(body)))), true, true, false
		}
	case rtmpTypePeerBW:
		if l >= 5 && remain >= 5 {
			lim, ok := rtmpLimitNames[uint32(body[4])]
			if !ok {
				lim = "Unknown (" + strconv.Itoa(int(body[4])) + ")"
			}
			return rtmpOpcode(m.cmd) + " " + strconv.Itoa(int(int32(binary.BigEndian.Uint32(body)))) + "," + lim, true, true, false
		}
	case rtmpTypeUCM:
		if l < 2 || remain < 2 {
			return "", false, false, false
		}
		ucm := uint32(binary.BigEndian.Uint16(body))
		fn, known := rtmpUCMNames[ucm]
		if !known {
			hasOp = true
			fn = "User Control Message 0x" + strconv.FormatUint(uint64(ucm), 16)
		}
		param := ""
		switch ucm {
		case 0, 1, 2, 4:
			if l >= 6 && remain >= 6 {
				param = " " + strconv.Itoa(int(int32(binary.BigEndian.Uint32(body[2:]))))
			}
		case 3:
			if l >= 10 && remain >= 10 {
				param = " " + strconv.Itoa(int(int32(binary.BigEndian.Uint32(body[2:])))) + "," +
					strconv.Itoa(int(int32(binary.BigEndian.Uint32(body[6:])))) + "ms"
			}
		}
		return fn + param, hasOp, true, false
	case rtmpTypeCmdAMF0, rtmpTypeCmdAMF3, rtmpTypeDataAMF0, rtmpTypeDataAMF3:
		soff := 0
		if m.cmd == rtmpTypeCmdAMF3 || m.cmd == rtmpTypeDataAMF3 {
			soff = 1
		}
		slen := 0
		if l >= 3+soff && remain >= 3+soff {
			slen = int(binary.BigEndian.Uint16(body[1+soff:]))
		}
		if slen == 0 {
			return "", false, false, false
		}
		if 3+soff+slen > remain {
			return "", false, false, true
		}
		fn := rtmpASCII(body[3+soff : 3+soff+slen])
		amf := body[soff:]
		var param string
		var have bool
		switch fn {
		case "connect":
			param, have = rtmpAMFParam(amf, 2, "app")
		case "play", "releaseStream", "FCPublish", "publish":
			param, have = rtmpAMFParam(amf, 3, "")
		case "play2":
			param, have = rtmpAMFParam(amf, 3, "streamName")
		case "onStatus":
			if m.cmd == rtmpTypeCmdAMF0 || m.cmd == rtmpTypeCmdAMF3 {
				param, have = rtmpAMFParam(amf, 3, "code")
			} else {
				param, have = rtmpAMFParam(amf, 1, "code")
			}
		case "onPlayStatus":
			param, have = rtmpAMFParam(amf, 1, "code")
		case "_result", "_error":
			param, have = rtmpAMFParam(amf, 3, "code")
		}
		if have {
			return fn + "('" + param + "')", false, true, false
		}
		return fn + "()", false, true, false
	}
	return "", false, false, false
}

func rtmptDissect(p *PDU, out *Out) bool {
	st, _ := p.Conv.State.(*rtmpConv)
	if st == nil {
		st = &rtmpConv{}
		if p.Conv != nil {
			p.Conv.State = st
		}
	}
	dir := 0
	if p.SrcPort == portRTMP && p.DstPort != portRTMP {
		dir = 1
	} else if p.SrcPort == p.DstPort {
		dir = int(p.Dir & 1)
	}
	i := 0
	st.dir[dir].walk(p.Data, st.dir[dir^1].seen, func(dm rtmpDone) bool {
		if i == 0 {
			out.SetProto("RTMP")
			out.SetInfo("")
		}
		i++
		m := dm.m
		body := dm.b[min(len(dm.b), m.bhlen+m.mhlen):]
		var text, label string
		if m.id > rtmpIDMax {
			text = rtmpHandshakeNames[m.id]
			label = text
		} else {
			desc, hasOp, ok, cut := rtmpDesc(m, body)
			if cut {
				// the function name runs past the message: tshark's
				// exception ends the segment's dissection
				rtmpMalformed(out)
				return false
			}
			switch {
			case ok && hasOp:
				text, label = desc, desc
			case ok:
				text, label = desc, rtmpOpcode(m.cmd)+" "+desc
			default:
				text, label = rtmpOpcode(m.cmd), rtmpOpcode(m.cmd)
			}
		}
		out.AppendInfo("|", text)
		if out.WantTree {
			fs := []Field{rtmpTree(m, dm.b, label)}
			if dm.off >= 0 {
				Shift(fs, dm.off)
			} else {
				Unplace(fs)
			}
			out.Add(fs[0])
		}
		if m.id <= rtmpIDMax && m.length > 0 && rtmpBodyThrows(m, body) {
			rtmpMalformed(out)
			return false
		}
		return true
	})
	if i == 0 {
		// no message completes here: TCP's columns stand
		out.KeepTransportInfo()
	}
	return true
}

func rtmpMalformed(out *Out) {
	out.AppendInfo("", malformedMark)
	if out.WantTree {
		out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: RTMPT]"})
	}
}

// rtmpBodyThrows says whether tshark's tree of the message body reads past
// its end: a control message shorter than its field, an AMF0 command or
// data whose values run past the body.
func rtmpBodyThrows(m *rtmpMsg, body []byte) bool {
	switch m.cmd {
	case rtmpTypeChunkSize, rtmpTypeAbort, rtmpTypeAck, rtmpTypeWindow:
		return len(body) < 4
	case rtmpTypePeerBW:
		return len(body) < 5
	case rtmpTypeUCM:
		return len(body) < 2
	case rtmpTypeCmdAMF0, rtmpTypeDataAMF0:
		off := 0
		for off < len(body) {
			next, ok, amf3 := rtmpAMF0Skip(body, off, 0)
			if !ok {
				return true
			}
			if amf3 {
				return false // ladder does not follow AMF3 values
			}
			off = next
		}
	}
	return false
}

// rtmpAMF0Skip walks one AMF0 value at off as dissect_amf0_value_type
// reads it: the offset after it, false when a read runs past b, true for
// the AMF3 switch marker (ladder stops there).
func rtmpAMF0Skip(b []byte, off, depth int) (int, bool, bool) {
	if depth > 64 || off >= len(b) {
		return off, false, false
	}
	t := b[off]
	off++
	need := func(n int) bool { return off+n <= len(b) }
	switch t {
	case rtmpAMF0Number, rtmpAMF0Int64:
		if !need(8) {
			return off, false, false
		}
		return off + 8, true, false
	case rtmpAMF0Boolean:
		if !need(1) {
			return off, false, false
		}
		return off + 1, true, false
	case rtmpAMF0String, 0x10: // string, typed object's class name
		if !need(2) {
			return off, false, false
		}
		n := int(binary.BigEndian.Uint16(b[off:]))
		off += 2
		if !need(n) {
			return off, false, false
		}
		off += n
		if t == 0x10 {
			return rtmpAMF0Props(b, off, depth)
		}
		return off, true, false
	case rtmpAMF0Object:
		return rtmpAMF0Props(b, off, depth)
	case rtmpAMF0Null, rtmpAMF0Undefined, rtmpAMF0Unsupport:
		return off, true, false
	case 0x07: // reference
		if !need(2) {
			return off, false, false
		}
		return off + 2, true, false
	case rtmpAMF0ECMAArray:
		if !need(4) {
			return off, false, false
		}
		return rtmpAMF0Props(b, off+4, depth)
	case rtmpAMF0EndObject:
		return off + 3, true, false
	case 0x0a: // strict array
		if !need(4) {
			return off, false, false
		}
		n := binary.BigEndian.Uint32(b[off:])
		off += 4
		for i := uint32(0); i < n; i++ {
			next, ok, amf3 := rtmpAMF0Skip(b, off, depth+1)
			if !ok || amf3 {
				return next, ok, amf3
			}
			off = next
		}
		return off, true, false
	case rtmpAMF0Date:
		if !need(8) {
			return off, false, false
		}
		return off + 10, true, false
	case rtmpAMF0LongString, rtmpAMF0XML:
		if !need(4) {
			return off, false, false
		}
		n := int(binary.BigEndian.Uint32(b[off:]))
		off += 4
		if n < 0 || !need(n) {
			return off, false, false
		}
		return off + n, true, false
	case 0x11:
		return off, true, true
	}
	return len(b), true, false
}

// rtmpAMF0Props walks a property list up to its end marker
// (dissect_amf0_property_list).
func rtmpAMF0Props(b []byte, off, depth int) (int, bool, bool) {
	for {
		if off+2 > len(b) {
			return off, false, false
		}
		n := int(binary.BigEndian.Uint16(b[off:]))
		if n == 0 {
			if off+3 > len(b) {
				return off, false, false
			}
			if b[off+2] == rtmpAMF0EndObject {
				return off + 3, true, false
			}
		}
		off += 2
		if off+n > len(b) {
			return off, false, false
		}
		off += n
		next, ok, amf3 := rtmpAMF0Skip(b, off, depth+1)
		if !ok || amf3 {
			return next, ok, amf3
		}
		off = next
	}
}

// rtmpTree is one message's subtree, its offsets from the message's start.
func rtmpTree(m *rtmpMsg, b []byte, label string) Field {
	top := Field{Name: "rtmpt", Label: "Real Time Messaging Protocol (" + label + ")", Len: len(b), Kind: FieldProto}
	if m.id > rtmpIDMax {
		hs := Field{Label: rtmpHandshakeNames[m.id], Len: len(b)}
		switch m.id {
		case rtmpHandshake1:
			if len(b) >= 1537 {
				hs.Children = []Field{
					{Name: "rtmpt.handshake.c0", Label: "Protocol version: " + hexEllipsis(b[:1]), Len: 1, Kind: FieldBytes, Str: string(b[:1])},
					{Name: "rtmpt.handshake.c1", Label: "Handshake data: " + hexEllipsis(b[1:1537]), Start: 1, Len: 1536, Kind: FieldBytes, Str: string(b[1:1537])},
				}
			}
		case rtmpHandshake2:
			if len(b) >= 3073 {
				hs.Children = []Field{
					{Name: "rtmpt.handshake.s0", Label: "Protocol version: " + hexEllipsis(b[:1]), Len: 1, Kind: FieldBytes, Str: string(b[:1])},
					{Name: "rtmpt.handshake.s1", Label: "Handshake data: " + hexEllipsis(b[1:1537]), Start: 1, Len: 1536, Kind: FieldBytes, Str: string(b[1:1537])},
					{Name: "rtmpt.handshake.s2", Label: "Handshake data: " + hexEllipsis(b[1537:3073]), Start: 1537, Len: 1536, Kind: FieldBytes, Str: string(b[1537:3073])},
				}
			}
		case rtmpHandshake3:
			if len(b) >= 1536 {
				hs.Children = []Field{
					{Name: "rtmpt.handshake.c2", Label: "Handshake data: " + hexEllipsis(b[:1536]), Len: 1536, Kind: FieldBytes, Str: string(b[:1536])},
				}
			}
		}
		top.Children = []Field{hs}
		return top
	}
	hl := m.bhlen + m.mhlen
	if len(b) < hl {
		return top
	}
	hdr := Field{Label: "RTMP Header", Len: hl}
	b0 := uint32(b[0])
	hdr.Children = append(hdr.Children,
		UintField("rtmpt.header.format", bitString(b0, 8, 0xc0)+" = Format: "+strconv.Itoa(int(b0>>6)), 0, 1, uint64(b0>>6)))
	if m.bhlen == 1 {
		hdr.Children = append(hdr.Children,
			UintField("rtmpt.header.csid", bitString(b0, 8, 0x3f)+" = Chunk Stream ID: "+strconv.Itoa(int(b0&0x3f)), 0, 1, uint64(b0&0x3f)))
	}
	bh := m.bhlen
	haveETS := m.fmt < 3 && len(b) >= bh+3 && rtmpBE24(b[bh:]) == 0xffffff
	if m.fmt <= 2 {
		v := rtmpBE24(b[bh:])
		if m.fmt > 0 {
			hdr.Children = append(hdr.Children, UintField("rtmpt.header.timestampdelta", "Timestamp delta: "+strconv.Itoa(int(v)), bh, 3, uint64(v)))
		} else {
			hdr.Children = append(hdr.Children, UintField("rtmpt.header.timestamp", "Timestamp: "+strconv.Itoa(int(v)), bh, 3, uint64(v)))
		}
		if haveETS && hl >= bh+4 {
			e := binary.BigEndian.Uint32(b[hl-4:])
			hdr.Children = append(hdr.Children, UintField("rtmpt.header.ets", "Extended timestamp: "+strconv.FormatUint(uint64(e), 10), hl-4, 4, uint64(e)))
		}
	}
	if (m.fmt > 0 && !haveETS) || m.fmt == 3 {
		hdr.Children = append(hdr.Children, UintField("rtmpt.header.timestamp", "Timestamp: "+strconv.FormatUint(uint64(m.ts), 10)+" (calculated)", bh, 0, uint64(m.ts)))
	}
	if m.fmt <= 1 {
		v := rtmpBE24(b[bh+3:])
		hdr.Children = append(hdr.Children, UintField("rtmpt.header.bodysize", "Body size: "+strconv.Itoa(int(v)), bh+3, 3, uint64(v)))
		t := uint32(b[bh+6])
		name, ok := rtmpOpcodeNames[t]
		if !ok {
			name = "Unknown"
		}
		hdr.Children = append(hdr.Children, UintField("rtmpt.header.typeid", fmt.Sprintf("Type ID: %s (0x%02x)", name, t), bh+6, 1, uint64(t)))
	}
	if m.fmt == 0 {
		v := binary.LittleEndian.Uint32(b[bh+7:])
		hdr.Children = append(hdr.Children, UintField("rtmpt.header.streamid", "Stream ID: "+strconv.FormatUint(uint64(v), 10), bh+7, 4, uint64(v)))
	}
	top.Children = append(top.Children, hdr)
	if m.length == 0 || len(b) == hl {
		return top
	}
	body := b[hl:]
	bf := Field{Label: "RTMP Body", Start: hl, Len: len(body)}
	u32 := func(name, what string, at int) {
		if at+4 <= len(body) {
			v := binary.BigEndian.Uint32(body[at:])
			bf.Children = append(bf.Children, UintField(name, what+": "+strconv.FormatUint(uint64(v), 10), hl+at, 4, uint64(v)))
		}
	}
	switch m.cmd {
	case rtmpTypeChunkSize:
		u32("rtmpt.scm.chunksize", "Chunk size", 0)
	case rtmpTypeAbort:
		u32("rtmpt.scm.csid", "Chunk stream ID", 0)
	case rtmpTypeAck:
		u32("rtmpt.scm.seq", "Sequence number", 0)
	case rtmpTypeWindow:
		u32("rtmpt.scm.was", "Window acknowledgement size", 0)
	case rtmpTypePeerBW:
		u32("rtmpt.scm.was", "Window acknowledgement size", 0)
		if len(body) >= 5 {
			lim, ok := rtmpLimitNames[uint32(body[4])]
			if !ok {
				lim = "Unknown"
			}
			bf.Children = append(bf.Children, UintField("rtmpt.scm.limittype", "Limit type: "+lim+" ("+strconv.Itoa(int(body[4]))+")", hl+4, 1, uint64(body[4])))
		}
	case rtmpTypeUCM:
		if len(body) >= 2 {
			v := uint32(binary.BigEndian.Uint16(body))
			name, ok := rtmpUCMNames[v]
			if !ok {
				name = "Unknown"
			}
			bf.Children = append(bf.Children, UintField("rtmpt.ucm.eventtype", "Event type: "+name+" ("+strconv.Itoa(int(v))+")", hl, 2, uint64(v)))
		}
	}
	top.Children = append(top.Children, bf)
	return top
}

var rtmpt = &Dissector{
	Name:    "rtmpt",
	Dissect: rtmptDissect,
	PDULen:  echoPDULen,
	Fields: []FieldDef{
		{Name: "rtmpt.handshake.c0", Desc: "Protocol version", Kind: FieldBytes},
		{Name: "rtmpt.handshake.s0", Desc: "Protocol version", Kind: FieldBytes},
		{Name: "rtmpt.handshake.c1", Desc: "Handshake data", Kind: FieldBytes},
		{Name: "rtmpt.handshake.s1", Desc: "Handshake data", Kind: FieldBytes},
		{Name: "rtmpt.handshake.c2", Desc: "Handshake data", Kind: FieldBytes},
		{Name: "rtmpt.handshake.s2", Desc: "Handshake data", Kind: FieldBytes},
		{Name: "rtmpt.header.format", Desc: "Format", Kind: FieldUint, Bits: 8},
		{Name: "rtmpt.header.csid", Desc: "Chunk Stream ID", Kind: FieldUint, Bits: 8},
		{Name: "rtmpt.header.timestamp", Desc: "Timestamp", Kind: FieldUint, Bits: 24},
		{Name: "rtmpt.header.timestampdelta", Desc: "Timestamp delta", Kind: FieldUint, Bits: 24},
		{Name: "rtmpt.header.bodysize", Desc: "Body size", Kind: FieldUint, Bits: 24},
		{Name: "rtmpt.header.typeid", Desc: "Type ID", Kind: FieldUint, Bits: 8},
		{Name: "rtmpt.header.streamid", Desc: "Stream ID", Kind: FieldUint, Bits: 32},
		{Name: "rtmpt.header.ets", Desc: "Extended timestamp", Kind: FieldUint, Bits: 24},
		{Name: "rtmpt.scm.chunksize", Desc: "Chunk size", Kind: FieldUint, Bits: 32},
		{Name: "rtmpt.scm.csid", Desc: "Chunk stream ID", Kind: FieldUint, Bits: 32},
		{Name: "rtmpt.scm.seq", Desc: "Sequence number", Kind: FieldUint, Bits: 32},
		{Name: "rtmpt.scm.was", Desc: "Window acknowledgement size", Kind: FieldUint, Bits: 32},
		{Name: "rtmpt.scm.limittype", Desc: "Limit type", Kind: FieldUint, Bits: 8},
		{Name: "rtmpt.ucm.eventtype", Desc: "Event type", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterTCP(rtmpt, portRTMP) }
