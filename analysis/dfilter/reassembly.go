package dfilter

import (
	"bytes"
	"encoding/binary"
	"strconv"

	"github.com/ladder-dev/ladder/decode"
)

// Wireshark reassembles TCP before HTTP and TLS see it: a message that
// spans segments belongs to the segment that completes it, the segments
// before it carry no HTTP or TLS field, and data already seen (a
// retransmission) is not dissected again. The walker below reproduces that
// bookkeeping per flow and direction, reading the flow's packets in order
// once, so "http" or "tls" selects the frames tshark selects. It tracks
// message lengths only: TLS record lengths, HTTP header ends,
// Content-Length and the end of a chunked body.

// pduState is one direction of a flow.
type pduState struct {
	seen   bool
	maxEnd uint32 // sequence number after the highest byte seen
	acked  uint32 // highest acknowledgement the peer sent for this direction
	ackSet bool

	// need is how many more bytes the open message takes; needHeaders and
	// needChunks say the open HTTP message ends at a blank line or at the
	// last chunk instead of after a byte count.
	need        int
	needHeaders bool
	needChunks  bool
	bodyLen     int // Content-Length once the headers are complete
	bodyless    bool
	stuck       bool // a message lost bytes to a capture gap

	rec  []byte  // the open TLS record, when it is a ClientHello (at most 64 KiB)
	info appInfo // fields of the open message, owned copies
	done appInfo // fields of the message that ended last
	own  []byte  // backing store for info's byte fields
}

// flowWalk is the walker's position in one flow.
type flowWalk struct {
	next int // position in Flow.Frames of the next packet to walk
	dir  [2]pduState
	// spoken is set once a message of the protocol was recognised in the
	// conversation: only then does Wireshark call bytes it cannot parse
	// an HTTP "Continuation" or an unknown TLS record.
	spoken bool
}

// appResult is what the walk decided for one packet.
type appResult struct {
	present    bool
	recognised bool     // a whole message of the protocol ended here
	info       *appInfo // fields to show at this packet, nil for none
}

// tcpApp walks packet i's flow up to i and reports whether i carries the
// application protocol kind (appTLS or appHTTP) and with which fields.
func (c *cursor) tcpApp(kind appKind) appResult {
	f := c.flow()
	if f == nil {
		return appResult{}
	}
	if c.walks == nil {
		c.walks = make(map[int32]*flowWalk)
	}
	w := c.walks[c.p.Flow]
	if w == nil || (w.next > 0 && int(f.Frames[w.next-1]) >= c.i) {
		w = &flowWalk{}
		c.walks[c.p.Flow] = w
	}
	var res appResult
	for w.next < len(f.Frames) && int(f.Frames[w.next]) <= c.i {
		j := int(f.Frames[w.next])
		w.next++
		res = c.walkOne(j, kind, w)
	}
	return res
}

// walkOne advances the state of packet j's direction over it.
func (c *cursor) walkOne(j int, kind appKind, w *flowWalk) appResult {
	p := c.x.Packet(j)
	st, rev := &w.dir[p.Dir&1], &w.dir[(p.Dir^1)&1]
	if p.Flags&decode.FlagACK != 0 && (!rev.ackSet || int32(p.Ack-rev.acked) > 0) {
		rev.acked, rev.ackSet = p.Ack, true
	}
	// Wireshark hands no SYN or RST payload to HTTP or TLS.
	if p.PayloadLen == 0 || p.Flags&(decode.FlagSYN|decode.FlagRST) != 0 {
		return appResult{}
	}
	end := p.Seq + uint32(p.PayloadLen)
	// A segment starting before the highest byte seen is a retransmission
	// or out of order, and one the peer has already acknowledged is a
	// spurious retransmission; Wireshark 4.0 (tcp.reassemble_out_of_order
	// off) dissects neither.
	if st.seen && int32(p.Seq-st.maxEnd) < 0 || st.ackSet && int32(end-st.acked) <= 0 {
		return appResult{}
	}
	// Bytes missing before a message is complete leave it open for good:
	// Wireshark's reassembly waits for them, and later data in that
	// direction is never dissected.
	if st.seen && p.Seq != st.maxEnd && (st.need > 0 || st.needHeaders || st.needChunks) {
		st.stuck = true
	}
	st.maxEnd, st.seen = end, true
	if st.stuck {
		return appResult{}
	}
	var pl []byte
	if j == c.i {
		if !c.headers() {
			return appResult{}
		}
		pl = c.h.Payload
	} else {
		var err error
		if c.wdata, err = c.x.Data(j, c.wdata[:0]); err != nil {
			return appResult{}
		}
		c.x.ParseHeaders(j, c.wdata, &c.wh)
		pl = c.wh.Payload
	}
	if len(pl) < int(p.PayloadLen) {
		return appResult{} // cut by the snapshot length: nothing to reassemble
	}
	var res appResult
	if kind == appTLS {
		res = st.tls(pl, w.spoken)
	} else {
		res = st.http(pl, w.spoken)
	}
	w.spoken = w.spoken || res.recognised
	return res
}

// tls consumes one segment of TLS records.
func (st *pduState) tls(b []byte, spoken bool) appResult {
	res := appResult{}
	pos := 0
	if st.need > 0 {
		take := min(st.need, len(b))
		st.need -= take
		pos = take
		if st.rec != nil {
			st.rec = append(st.rec, b[:take]...)
		}
		if st.need == 0 {
			res.present, res.recognised = true, true
			if st.rec != nil {
				st.setInfo(appInfo{kind: appTLS, sni: clientHelloSNI(st.rec)})
				st.rec = nil
			}
			if st.info.sni != nil {
				res.info = st.finish()
			}
		}
	}
	for pos < len(b) {
		r := b[pos:]
		if !isTLSRecord(r) {
			// Wireshark shows undecodable bytes as TLS once the
			// conversation has spoken TLS, and leaves them to TCP before.
			res.present = res.present || spoken
			return res
		}
		n := 5 + int(binary.BigEndian.Uint16(r[3:]))
		st.setInfo(appInfo{kind: appTLS, sni: clientHelloSNI(r)})
		if n > len(r) {
			st.need = n - len(r)
			st.rec = nil
			if len(r) > 5 && r[0] == 22 && r[5] == 1 {
				// A ClientHello split over segments: keep it whole so
				// its server_name is found wherever the extension sits.
				st.rec = append(make([]byte, 0, n), r...)
			}
			return res
		}
		res.present, res.recognised = true, true
		if st.info.sni != nil {
			res.info = st.finish()
		}
		pos += n
	}
	return res
}

// http consumes one segment of HTTP/1 messages.
func (st *pduState) http(b []byte, spoken bool) appResult {
	switch {
	case st.needHeaders:
		end, n := headerEnd(b)
		if end < 0 {
			return appResult{}
		}
		st.needHeaders = false
		return st.body(b[end+n:])
	case st.needChunks:
		if !bytes.HasSuffix(b, []byte("0\r\n\r\n")) {
			return appResult{}
		}
		st.needChunks = false
		return appResult{present: true, recognised: true, info: st.finish()}
	case st.need > 0:
		take := min(st.need, len(b))
		st.need -= take
		if st.need > 0 {
			return appResult{}
		}
		return appResult{present: true, recognised: true, info: st.finish()}
	}
	var a appInfo
	a.parseHTTP(b)
	if a.kind != appHTTP {
		return appResult{present: spoken} // a continuation: HTTP with no fields
	}
	st.setInfo(a)
	st.bodyLen, st.needChunks = 0, false
	st.bodyless = a.status/100 == 1 || a.status == 204 || a.status == 304
	hdr := b[:min(len(b), 64<<10)]
	end, n := headerEnd(hdr)
	for _, line := range bytes.Split(hdr[:max(end, 0)], []byte("\n")) {
		name, v, ok := bytes.Cut(bytes.TrimSuffix(line, []byte("\r")), []byte(":"))
		switch {
		case !ok:
		case bytes.EqualFold(name, []byte("Content-Length")):
			if n, err := strconv.Atoi(string(bytes.TrimSpace(v))); err == nil && n >= 0 {
				st.bodyLen = n
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			st.needChunks = bytes.Contains(bytes.ToLower(v), []byte("chunked"))
		}
	}
	if end < 0 {
		st.needHeaders = true
		return appResult{}
	}
	return st.body(b[end+n:])
}

// body decides where the message whose headers just ended finishes, given
// the bytes of this segment after the headers.
func (st *pduState) body(rest []byte) appResult {
	switch {
	case st.bodyless:
	case st.needChunks:
		if !bytes.HasSuffix(rest, []byte("0\r\n\r\n")) {
			return appResult{}
		}
		st.needChunks = false
	case st.bodyLen > len(rest):
		st.need = st.bodyLen - len(rest)
		return appResult{}
	}
	return appResult{present: true, recognised: true, info: st.finish()}
}

// setInfo keeps a copy of a message's fields, since the packet bytes they
// point into are overwritten by the next read. A message with fields costs
// one small allocation (not one per packet); one without costs none.
func (st *pduState) setInfo(a appInfo) {
	st.own = nil // the last finished message may still point into the old store
	keep := func(b []byte) []byte {
		if b == nil {
			return nil
		}
		start := len(st.own)
		st.own = append(st.own, b...)
		return st.own[start:len(st.own):len(st.own)]
	}
	st.info = appInfo{kind: a.kind, status: a.status, method: keep(a.method), uri: keep(a.uri), host: keep(a.host), sni: keep(a.sni)}
}

// finish records that the open message ended and returns its fields,
// which stay valid while a next message opens in the same segment.
func (st *pduState) finish() *appInfo {
	st.done = st.info
	return &st.done
}

// headerEnd finds the blank line ending HTTP headers: its offset and
// length, CRLF CRLF or the bare LF LF that Wireshark also accepts; -1 when
// the headers go on.
func headerEnd(b []byte) (int, int) {
	crlf := bytes.Index(b, []byte("\r\n\r\n"))
	lf := bytes.Index(b, []byte("\n\n"))
	switch {
	case lf >= 0 && (crlf < 0 || lf < crlf):
		return lf, 2
	case crlf >= 0:
		return crlf, 4
	}
	return -1, 0
}
