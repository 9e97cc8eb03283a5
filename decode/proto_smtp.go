package decode

import (
	"bytes"
	"strconv"
	"strings"
)

// SMTP (RFC 5321) as Wireshark 4.0's smtp dissector shows it: a client
// segment reads "C: " and its command lines joined by " | ", a server
// segment "S: " and its reply lines (a multi-line reply's continuation
// lines without their code); AUTH LOGIN's answers read "User: " and
// "Pass: "; the mail after DATA reads "C: DATA fragment, N bytes" per
// segment until the one that ends it, which is "SMTP/IMF" with the mail's
// summary (proto_imf.go); BDAT chunks (RFC 3030) are DATA fragments; a
// 220 reply to STARTTLS (RFC 3207) hands the conversation to TLS.
// Hand-written: lines of text; gopacket has no SMTP layer.

// smtpTCPPorts are tshark -G decodes' tcp.port entries for smtp.
var smtpTCPPorts = []uint16{25, 587}

// smtpAuth is where an AUTH LOGIN exchange stands.
type smtpAuth uint8

const (
	smtpAuthNone     smtpAuth = iota
	smtpAuthSent              // client sent AUTH LOGIN
	smtpAuthWantUser          // server asked for the user name
	smtpAuthUserSent
	smtpAuthWantPass
)

// smtpConv is SMTP's state in one conversation.
type smtpConv struct {
	dataAsked bool  // client sent DATA, awaiting 354
	inData    bool  // client is sending the mail
	bdat      int64 // BDAT bytes still to come
	auth      smtpAuth
	mail      []byte // the mail so far (at most maxPDUKeep bytes)
	starttls  bool   // client sent STARTTLS, awaiting the reply
}

func smtpState(c *Conv) *smtpConv {
	if c == nil {
		return &smtpConv{}
	}
	if s, ok := c.State.(*smtpConv); ok {
		return s
	}
	s := &smtpConv{}
	c.State = s
	return s
}

func smtpFromServer(p *PDU) bool {
	for _, port := range smtpTCPPorts {
		if p.SrcPort == port {
			return true
		}
	}
	return false
}

// smtpEnd is the line that ends a mail (RFC 5321 §4.1.1.4).
var smtpEnd = []byte("\r\n.\r\n")

func smtpDissect(p *PDU, out *Out) bool {
	st := smtpState(p.Conv)
	b := p.Data
	out.SetProto("SMTP")
	var mail []byte
	if smtpFromServer(p) {
		smtpReply(st, p, out)
	} else {
		mail = smtpClient(st, p, out)
	}
	if out.WantTree {
		out.Add(Field{Name: "smtp", Label: "Simple Mail Transfer Protocol", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto})
		if mail != nil {
			// the mail's bytes are in this segment only when it is the
			// whole of it; otherwise its lines have no bytes here
			off := -1
			if len(mail)+3 == len(b) {
				off = 0
			}
			out.Add(imfTree(mail, off))
		}
	}
	return true
}

func smtpReply(st *smtpConv, p *PDU, out *Out) {
	b := p.Data
	var c colText
	multi := false
	for off, i := 0, 0; off < len(b) && i < 1024; i++ {
		n, next, _ := httpLineEnd(b, off)
		line := b[off : off+n]
		code := 0
		if n >= 3 {
			code = httpStatusCode(append([]byte("x "), line[:3]...))
		}
		text := line
		if multi && n >= 4 {
			text = line[4:]
		}
		c.append(" | ", Printable(string(text)))
		multi = n >= 4 && line[3] == '-'
		if st.starttls && code != 0 {
			// packet-smtp.c: a 220 to STARTTLS makes the rest TLS
			if code == 220 {
				p.Conv.HandOff(tlsDissector)
			}
			st.starttls = false
		}
		switch {
		case code == 354 && st.dataAsked:
			st.inData, st.dataAsked, st.mail = true, false, st.mail[:0]
		case code == 334 && st.auth == smtpAuthSent:
			st.auth = smtpAuthWantUser
		case code == 334 && st.auth == smtpAuthUserSent:
			st.auth = smtpAuthWantPass
		case code != 0 && code != 334:
			st.auth = smtpAuthNone
			st.dataAsked = st.dataAsked && code < 300
		}
		off = next
	}
	out.SetInfo("S: " + c.String())
}

// smtpClient sets the Info of a client segment; it returns the mail (without
// its closing ".") when the segment ends one.
func smtpClient(st *smtpConv, p *PDU, out *Out) (mail []byte) {
	b := p.Data
	switch {
	case st.bdat > 0:
		st.bdat -= int64(p.Len)
		out.SetInfo("C: DATA fragment, " + strconv.Itoa(p.Len) + " bytes")
		return nil
	case st.inData:
		if len(st.mail) < maxPDUKeep {
			st.mail = append(st.mail, b[:min(len(b), maxPDUKeep-len(st.mail))]...)
		}
		end := bytes.HasSuffix(st.mail, smtpEnd) || (bytes.Equal(b, []byte(".\r\n")) && bytes.HasSuffix(st.mail, []byte("\r\n.\r\n")))
		if !end {
			out.SetInfo("C: DATA fragment, " + strconv.Itoa(p.Len) + " bytes")
			return nil
		}
		st.inData = false
		mail, st.mail = st.mail[:len(st.mail)-3], nil
		out.SetProto("SMTP/IMF")
		out.SetInfo(imfInfo(mail))
		return mail
	}
	var c colText
	for off, i := 0, 0; off < len(b) && i < 1024; i++ {
		n, next, _ := httpLineEnd(b, off)
		line := string(b[off : off+n])
		verb, arg, _ := strings.Cut(line, " ")
		switch {
		case st.auth == smtpAuthWantUser:
			line, st.auth = "User: "+line, smtpAuthUserSent
		case st.auth == smtpAuthWantPass:
			line, st.auth = "Pass: "+line, smtpAuthNone
		case strings.EqualFold(verb, "DATA"):
			st.dataAsked = true
		case strings.EqualFold(line, "STARTTLS"):
			st.starttls = true
		case strings.EqualFold(verb, "AUTH") && strings.EqualFold(strings.TrimSpace(arg), "LOGIN"):
			st.auth = smtpAuthSent
		case strings.EqualFold(verb, "BDAT"):
			size, _, _ := strings.Cut(arg, " ")
			if v, err := strconv.ParseInt(size, 10, 64); err == nil && v > 0 {
				st.bdat = v
			}
		}
		c.append(" | ", Printable(line))
		off = next
	}
	out.SetInfo("C: " + c.String())
	return nil
}

var smtpDissector = &Dissector{
	Name:    "smtp",
	Dissect: smtpDissect,
	PDULen:  ftpLinePDULen,
	Fields:  imfFieldDefs,
}

func init() {
	RegisterTCP(smtpDissector, smtpTCPPorts...)
}
