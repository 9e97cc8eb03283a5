package decode

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// DTLS 1.0 and 1.2 (RFC 6347) on UDP, as Wireshark 4.0's dtls dissector
// shows it: the Protocol column is the session's version once a Hello
// Verify Request or Server Hello named it ("DTLS" before), the Info column
// each record's content joined with ", " ("Server Hello, Certificate,
// Server Key Exchange, Server Hello Done"), a handshake message cut into
// fragments reads "Certificate (Fragment)" until the fragment that
// completes it, "Certificate (Reassembled)"; after a direction's epoch
// changes its handshake records read "Encrypted Handshake Message" and
// its alerts "Encrypted Alert". Found by heuristics (packet-dtls.c's
// dissect_dtls_heur: a record header with a DTLS version), which also
// takes DTLS multiplexed with STUN on one port (RFC 7983: first byte
// 20-63). The version names, content types, handshake names and alert
// texts are TLS's (proto_tls.go). Hand-written: gopacket's DTLS support is
// none; the TLS handshake bodies need the DTLS header (message sequence,
// fragment offset and length) taken off first.

const (
	dtlsRecordHeader    = 13 // type, version, epoch, sequence number (48 bits), length
	dtlsHandshakeHeader = 12 // type, length, message_seq, fragment_offset, fragment_length
	dtlsMaxReasm        = 64 // handshake messages being reassembled per direction
	dtlsMaxRecords      = 64 // records read from one datagram
)

// dtlsReasm tracks which bytes of one fragmented handshake message arrived
// (as packet-dtls.c's reassembly table does), by sorted, merged ranges.
type dtlsReasm struct {
	length int
	have   [][2]int
	done   bool
}

// add records a fragment and reports whether the message is now whole.
func (r *dtlsReasm) add(off, n int) bool {
	end := min(off+n, r.length)
	merged := r.have[:0:0]
	for _, h := range r.have {
		if h[1] < off || h[0] > end {
			merged = append(merged, h)
			continue
		}
		off, end = min(off, h[0]), max(end, h[1])
	}
	merged = append(merged, [2]int{off, end})
	r.have = merged
	if len(r.have) > 256 {
		r.have = r.have[:256]
	}
	for _, h := range r.have {
		if h[0] == 0 && h[1] >= r.length {
			return true
		}
	}
	return false
}

// dtlsConv is DTLS's state in one conversation.
type dtlsConv struct {
	version tlsVersion
	// reasm are the handshake messages being reassembled, per direction
	// and message sequence number.
	reasm [2]map[uint16]*dtlsReasm
}

func dtlsState(c *Conv) *dtlsConv {
	if c == nil {
		c = &Conv{}
	}
	if s, ok := c.State.(*dtlsConv); ok {
		return s
	}
	s := &dtlsConv{}
	c.State = s
	return s
}

// dtlsVersionOK is a version packet-dtls.c's heuristic accepts.
func dtlsVersionOK(v tlsVersion) bool {
	return v == tlsVersionDTLS10 || v == tlsVersionDTLS12 || v == tlsVersionDTLSOld
}

// dtlsHeuristic claims a datagram that starts with a DTLS record header
// whose length fits the datagram.
func dtlsHeuristic(b []byte) bool {
	if len(b) < dtlsRecordHeader {
		return false
	}
	ct := tlsContentType(b[0])
	return ct >= tlsChangeCipherSpec && ct <= tlsHeartbeat &&
		dtlsVersionOK(tlsVersion(binary.BigEndian.Uint16(b[1:]))) &&
		int(binary.BigEndian.Uint16(b[11:])) <= len(b)-dtlsRecordHeader
}

var dtlsDissector = &Dissector{
	Name:      "dtls",
	Dissect:   dtlsDissect,
	Heuristic: dtlsHeuristic,
	Fields: []FieldDef{
		{Name: "dtls.record", Desc: "Record Layer", Kind: FieldLabel},
		{Name: "dtls.record.content_type", Desc: "Content Type", Kind: FieldUint, Bits: 8},
		{Name: "dtls.record.version", Desc: "Version", Kind: FieldUint, Bits: 16},
		{Name: "dtls.record.epoch", Desc: "Epoch", Kind: FieldUint, Bits: 16},
		{Name: "dtls.record.sequence_number", Desc: "Sequence Number", Kind: FieldUint, Bits: 64},
		{Name: "dtls.record.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "dtls.handshake", Desc: "Handshake Protocol", Kind: FieldLabel},
		{Name: "dtls.handshake.type", Desc: "Handshake Type", Kind: FieldUint, Bits: 8},
		{Name: "dtls.handshake.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "dtls.handshake.message_seq", Desc: "Message Sequence", Kind: FieldUint, Bits: 16},
		{Name: "dtls.handshake.fragment_offset", Desc: "Fragment Offset", Kind: FieldUint, Bits: 32},
		{Name: "dtls.handshake.fragment_length", Desc: "Fragment Length", Kind: FieldUint, Bits: 32},
		{Name: "dtls.handshake.version", Desc: "Version", Kind: FieldUint, Bits: 16},
		{Name: "dtls.handshake.cookie_length", Desc: "Cookie Length", Kind: FieldUint, Bits: 8},
		{Name: "dtls.handshake.cookie", Desc: "Cookie", Kind: FieldBytes},
		{Name: "dtls.change_cipher_spec", Desc: "Change Cipher Spec Message", Kind: FieldLabel},
		{Name: "dtls.app_data", Desc: "Encrypted Application Data", Kind: FieldBytes},
		{Name: "dtls.alert_message", Desc: "Alert Message", Kind: FieldLabel},
		{Name: "dtls.alert_message.level", Desc: "Level", Kind: FieldUint, Bits: 8},
		{Name: "dtls.alert_message.desc", Desc: "Description", Kind: FieldUint, Bits: 8},
	},
}

func init() {
	// the hello fields come from TLS's parser (dtlsHello): offer them
	// under DTLS's names
	have := map[string]bool{}
	for _, f := range dtlsDissector.Fields {
		have[f.Name] = true
	}
	for _, f := range tlsFields {
		if rest, ok := strings.CutPrefix(f.Name, "tls.handshake."); ok && !have["dtls.handshake."+rest] {
			f.Name = "dtls.handshake." + rest
			dtlsDissector.Fields = append(dtlsDissector.Fields, f)
		}
	}
	RegisterUDP(dtlsDissector)
}

// dtlsColumn is the Protocol column and record prefix for a version.
func dtlsColumn(v tlsVersion) string {
	if v == tlsVersionUnknown {
		return "DTLS"
	}
	return v.column()
}

// dtlsDissect reads the records of one datagram.
func dtlsDissect(p *PDU, out *Out) bool {
	b := p.Data
	if !dtlsHeuristic(b) {
		return false
	}
	st := dtlsState(p.Conv)
	dir := int(p.Dir & 1)
	layer := Field{Name: "dtls", Label: "Datagram Transport Layer Security", Kind: FieldProto}
	at := 0
records:
	for n := 0; n < dtlsMaxRecords && len(b)-at >= dtlsRecordHeader; n++ {
		r := b[at:]
		ct := tlsContentType(r[0])
		version := tlsVersion(binary.BigEndian.Uint16(r[1:]))
		if !ct.valid() || !dtlsVersionOK(version) {
			break
		}
		epoch := binary.BigEndian.Uint16(r[3:])
		seq := uint64(binary.BigEndian.Uint16(r[5:]))<<32 | uint64(binary.BigEndian.Uint32(r[7:]))
		length := int(binary.BigEndian.Uint16(r[11:]))
		body := r[dtlsRecordHeader:min(len(r), dtlsRecordHeader+length)]
		rec := Field{Name: "dtls.record", Start: at, Len: dtlsRecordHeader + len(body), Children: []Field{
			UintField("dtls.record.content_type", "Content Type: "+ct.String()+" ("+strconv.Itoa(int(ct))+")", at, 1, uint64(ct)),
			UintField("dtls.record.version", "Version: "+version.longName()+" ("+hex4(uint16(version))+")", at+1, 2, uint64(version)),
			UintField("dtls.record.epoch", "Epoch: "+strconv.Itoa(int(epoch)), at+3, 2, uint64(epoch)),
			UintField("dtls.record.sequence_number", "Sequence Number: "+strconv.FormatUint(seq, 10), at+5, 6, seq),
			UintField("dtls.record.length", "Length: "+strconv.Itoa(length), at+11, 2, uint64(length)),
		}}
		bat := at + dtlsRecordHeader
		if st.version == tlsVersionUnknown && ct != tlsHandshake {
			// ssl_try_set_version: a record of any other content type
			// names the session's version (an Application Data record
			// of a session whose handshake the capture missed reads
			// DTLSv1.2, as tshark 4.0.17 showed on lab__dtls-crafted)
			st.version = version
		}
		switch ct {
		case tlsChangeCipherSpec:
			rec.Label = dtlsColumn(st.version) + " Record Layer: Change Cipher Spec Protocol: Change Cipher Spec"
			out.AppendInfo(", ", "Change Cipher Spec")
			if len(body) > 0 {
				rec.Children = append(rec.Children, Field{Name: "dtls.change_cipher_spec", Label: "Change Cipher Spec Message", Start: bat, Len: len(body)})
			}
		case tlsAlert:
			if epoch != 0 || len(body) != 2 {
				out.AppendInfo(", ", "Encrypted Alert")
				rec.Label = dtlsColumn(st.version) + " Record Layer: Encrypted Alert"
				rec.Children = append(rec.Children, Field{Name: "dtls.alert_message", Label: "Alert Message: Encrypted Alert", Start: bat, Len: min(2, len(body))})
				break
			}
			lvl, desc := tlsAlertLevel(body[0]), tlsAlertDescription(body[1])
			text := "Alert (Level: " + lvl + ", Description: " + desc + ")"
			out.AppendInfo(", ", text)
			rec.Label = dtlsColumn(st.version) + " Record Layer: " + text
			rec.Children = append(rec.Children, Field{Name: "dtls.alert_message", Label: "Alert Message", Start: bat, Len: 2, Children: []Field{
				UintField("dtls.alert_message.level", "Level: "+lvl+" ("+strconv.Itoa(int(body[0]))+")", bat, 1, uint64(body[0])),
				UintField("dtls.alert_message.desc", "Description: "+desc+" ("+strconv.Itoa(int(body[1]))+")", bat+1, 1, uint64(body[1])),
			}})
		case tlsApplicationData:
			out.AppendInfo(", ", "Application Data")
			rec.Label = dtlsColumn(st.version) + " Record Layer: Application Data Protocol: Application Data"
			rec.Children = append(rec.Children, Field{Name: "dtls.app_data", Label: "Encrypted Application Data: " + hexTrunc(body),
				Start: bat, Len: len(body), Kind: FieldBytes, Str: string(body)})
		case tlsHandshake:
			if epoch != 0 {
				out.AppendInfo(", ", tlsEncryptedHandshake)
				rec.Label = "Record Layer"
				rec.Children = append(rec.Children, Field{Name: "dtls.handshake", Label: "Handshake Protocol", Start: bat, Len: len(body)})
				break
			}
			if st.version == tlsVersionUnknown && len(body) > 0 && (tlsHandshakeType(body[0]) == tlsServerHello || tlsHandshakeType(body[0]) == tlsHelloVerifyRequest) {
				st.version = version // ssl_try_set_version: the server's record names the version
			}
			rec.Label = dtlsHandshakes(st, dir, body, bat, out, &rec)
		case tlsHeartbeat:
			// RFC 6520 in clear at epoch 0 when its lengths add up; a
			// body too short for the type and length is malformed
			if epoch == 0 && len(body) < 3 {
				out.AppendInfo("", malformedMark)
				rec.Label = dtlsColumn(st.version) + " Record Layer: Heartbeat"
				layer.Children = append(layer.Children, rec)
				at += dtlsRecordHeader + len(body)
				break records
			}
			text := "Encrypted Heartbeat"
			if epoch == 0 && (body[0] == 1 || body[0] == 2) && int(binary.BigEndian.Uint16(body[1:]))+3+16 <= length && len(body) == length {
				text = "Heartbeat Request"
				if body[0] == 2 {
					text = "Heartbeat Response"
				}
			}
			out.AppendInfo(", ", text)
			rec.Label = dtlsColumn(st.version) + " Record Layer: " + text
		default:
			out.AppendInfo(", ", ct.String())
			rec.Label = dtlsColumn(st.version) + " Record Layer: " + ct.String() + " Protocol"
		}
		layer.Children = append(layer.Children, rec)
		at += dtlsRecordHeader + len(body)
	}
	out.SetProto(dtlsColumn(st.version))
	layer.Len = at
	if out.WantTree {
		out.Add(layer)
	}
	return true
}

// dtlsHandshakes reads the handshake messages of one record in clear;
// it returns the record's label.
func dtlsHandshakes(st *dtlsConv, dir int, body []byte, bat int, out *Out, rec *Field) string {
	var label string
	prefix := dtlsColumn(st.version) + " Record Layer: Handshake Protocol: " // before the Server Hello's own version
	for off := 0; len(body)-off >= dtlsHandshakeHeader; {
		m := body[off:]
		typ := tlsHandshakeType(m[0])
		length := int(m[1])<<16 | int(binary.BigEndian.Uint16(m[2:]))
		mseq := binary.BigEndian.Uint16(m[4:])
		foff := int(m[6])<<16 | int(binary.BigEndian.Uint16(m[7:]))
		flen := int(m[9])<<16 | int(binary.BigEndian.Uint16(m[10:]))
		if flen > len(m)-dtlsHandshakeHeader {
			flen = len(m) - dtlsHandshakeHeader
		}
		frag := m[dtlsHandshakeHeader : dtlsHandshakeHeader+flen]
		name := typ.name()
		if name == "" {
			name = tlsEncryptedHandshake
		}
		switch {
		case foff == 0 && flen >= length:
		case dtlsFragment(st, dir, mseq, length, foff, flen):
			name += " (Reassembled)"
		default:
			name += " (Fragment)"
		}
		if foff == 0 && len(frag) >= 2 && typ == tlsServerHello {
			// the Server Hello's version is the session's
			if v := tlsVersion(binary.BigEndian.Uint16(frag)); dtlsVersionOK(v) {
				st.version = v
			}
		}
		out.AppendInfo(", ", name)
		at := bat + off
		hs := Field{Name: "dtls.handshake", Label: "Handshake Protocol: " + name, Start: at, Len: dtlsHandshakeHeader + flen, Children: []Field{
			UintField("dtls.handshake.type", "Handshake Type: "+typ.name()+" ("+strconv.Itoa(int(typ))+")", at, 1, uint64(typ)),
			UintField("dtls.handshake.length", "Length: "+strconv.Itoa(length), at+1, 3, uint64(length)),
			UintField("dtls.handshake.message_seq", "Message Sequence: "+strconv.Itoa(int(mseq)), at+4, 2, uint64(mseq)),
			UintField("dtls.handshake.fragment_offset", "Fragment Offset: "+strconv.Itoa(foff), at+6, 3, uint64(foff)),
			UintField("dtls.handshake.fragment_length", "Fragment Length: "+strconv.Itoa(flen), at+9, 3, uint64(flen)),
		}}
		if (typ == tlsClientHello || typ == tlsServerHello) && foff == 0 && flen >= length {
			hs.Children = append(hs.Children, dtlsHello(typ, frag, at+dtlsHandshakeHeader, out)...)
		}
		if typ == tlsHelloVerifyRequest && foff == 0 && len(frag) >= 3 && int(frag[2]) <= len(frag)-3 {
			v := binary.BigEndian.Uint16(frag)
			n := int(frag[2])
			hat := at + dtlsHandshakeHeader
			hs.Children = append(hs.Children,
				UintField("dtls.handshake.version", "Version: "+tlsVersion(v).longName()+" ("+hex4(v)+")", hat, 2, uint64(v)),
				UintField("dtls.handshake.cookie_length", "Cookie Length: "+strconv.Itoa(n), hat+2, 1, uint64(n)),
				Field{Name: "dtls.handshake.cookie", Label: "Cookie: " + hexString(frag[3:3+n]), Start: hat + 3, Len: n, Kind: FieldBytes, Str: string(frag[3 : 3+n])})
		}
		rec.Children = append(rec.Children, hs)
		if label == "" {
			label = prefix + name
		} else {
			label = prefix + "Multiple Handshake Messages"
		}
		off += dtlsHandshakeHeader + flen
	}
	return label
}

// dtlsFragment records a fragment of a handshake message and reports
// whether it completed the message.
func dtlsFragment(st *dtlsConv, dir int, mseq uint16, length, off, n int) bool {
	m := st.reasm[dir]
	if m == nil || len(m) >= dtlsMaxReasm {
		m = map[uint16]*dtlsReasm{}
		st.reasm[dir] = m
	}
	r := m[mseq]
	if r == nil || r.length != length {
		r = &dtlsReasm{length: length}
		m[mseq] = r
	}
	if r.done {
		return false
	}
	r.done = r.add(off, n)
	return r.done
}

// dtlsHello reads a whole Client or Server Hello body with TLS's parser
// (proto_tls.go): a Client Hello's cookie (RFC 6347 §4.2.1), which TLS
// lacks, is taken out first and its fields put back; the fields are
// placed from hat, the body's offset, and named "dtls." as packet-dtls.c
// names them. The flow is named by the SNI as TLS's is.
func dtlsHello(typ tlsHandshakeType, body []byte, hat int, out *Out) []Field {
	var cookie []Field
	cut, skip := len(body), 0
	if typ == tlsClientHello {
		if len(body) < 35 || 35+int(body[34])+1 > len(body) {
			return nil
		}
		cut = 35 + int(body[34])
		n := int(body[cut])
		if cut+1+n > len(body) {
			return nil
		}
		skip = 1 + n
		cookie = []Field{UintField("dtls.handshake.cookie_length", "Cookie Length: "+strconv.Itoa(n), hat+cut, 1, uint64(n))}
		if n > 0 {
			cookie = append(cookie, Field{Name: "dtls.handshake.cookie", Label: "Cookie: " + hexString(body[cut+1:cut+1+n]),
				Start: hat + cut + 1, Len: n, Kind: FieldBytes, Str: string(body[cut+1 : cut+1+n])})
		}
		body = append(append([]byte(nil), body[:cut]...), body[cut+skip:]...)
	}
	var scratch Out
	scratch.reset(true)
	t := &tlsOut{st: &tlsConv{}, p: &PDU{Data: body, Len: len(body)}, out: &scratch, tree: true}
	tr := &tlsTree{t: t, base: hat - 4} // TLS's reader counts the 4-byte TLS header
	var fs []Field
	if typ == tlsClientHello {
		fs = t.clientHello(tr, body)
	} else {
		fs = t.serverHello(tr, body, false)
	}
	if scratch.name != "" {
		out.NameFlow(scratch.name)
	}
	dtlsRename(fs, hat+cut, skip)
	if len(cookie) == 0 {
		return fs
	}
	for i, f := range fs {
		if f.Start >= hat+cut+skip && f.Len > 0 {
			return append(fs[:i:i], append(cookie, fs[i:]...)...)
		}
	}
	return append(fs, cookie...)
}

// dtlsRename names TLS's fields as DTLS's and moves those after the cut
// (where the cookie was) past it.
func dtlsRename(fs []Field, cut, skip int) {
	for i := range fs {
		if rest, ok := strings.CutPrefix(fs[i].Name, "tls."); ok {
			fs[i].Name = "dtls." + rest
		}
		if fs[i].Start >= cut && skip > 0 {
			fs[i].Start += skip
		}
		dtlsRename(fs[i].Children, cut, skip)
	}
}
