package decode

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
)

// FTP (RFC 959) and its data connections as Wireshark 4.0 shows them: a
// control segment reads "Request: USER anonymous" or "Response: 220 ...",
// its first line; a data connection that a 227 (PASV) or 229 (EPSV) reply
// announced reads "FTP Data: 1448 bytes (EPASV) (RETR /README)", with the
// first command the client sent after the announcement. Hand-written: the
// protocol is lines of text; gopacket has no FTP layer.

// ftpTCPPorts are tshark -G decodes' tcp.port entries for ftp; ftp-data's
// static port 20 is in ftpDataTCPPorts.
var (
	ftpTCPPorts     = []uint16{21}
	ftpDataTCPPorts = []uint16{20}
)

// ftpMaxScan bounds the control packets read to find a data connection's
// announcement.
const ftpMaxScan = 4096

// ftpLinePDULen makes each segment one PDU: Wireshark's FTP dissector
// reads the lines a segment holds, without reassembly.
func ftpLinePDULen(c *Conv, dir uint8, b []byte) int { return len(b) }

// ftpFromServer tells a reply from a command by the control port.
func ftpFromServer(p *PDU) bool {
	for _, port := range ftpTCPPorts {
		if p.SrcPort == port {
			return true
		}
	}
	return false
}

// ftpConv is an FTP control connection's state.
type ftpConv struct {
	authTLS bool // the client sent AUTH TLS (RFC 4217); a 234 reply makes the rest TLS
}

func ftpDissect(p *PDU, out *Out) bool {
	b := p.Data
	n, next, _ := httpLineEnd(b, 0)
	line := Printable(string(b[:n]))
	resp := ftpFromServer(p)
	if p.Conv != nil {
		st, _ := p.Conv.State.(*ftpConv)
		if st == nil {
			st = &ftpConv{}
			p.Conv.State = st
		}
		cmd, arg, _ := strings.Cut(string(b[:n]), " ")
		switch {
		case !resp && strings.EqualFold(cmd, "AUTH") && (strings.EqualFold(arg, "TLS") || strings.EqualFold(arg, "SSL")):
			st.authTLS = true
		case resp && st.authTLS && cmd == "234":
			// packet-ftp.c: the 234 answering AUTH TLS is the last clear frame
			p.Conv.HandOff(tlsDissector)
			st.authTLS = false
		}
	}
	out.SetProto("FTP")
	kind := "Request: "
	if resp {
		kind = "Response: "
	}
	out.SetInfo(kind + line)
	if out.WantTree {
		top := Field{Name: "ftp", Label: "File Transfer Protocol (FTP)", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto}
		first := Field{Label: line + `\r\n`, Start: 0, Len: next}
		if resp {
			top.Children = append(top.Children, Field{Name: "ftp.response", Label: "Response: True", Kind: FieldBool, Num: 1})
			if c := httpStatusCode(append([]byte("x "), b[:n]...)); c > 0 {
				first.Children = append(first.Children, UintField("ftp.response.code", "Response code: "+ftpResponseName(c)+" ("+strconv.Itoa(c)+")", 0, 3, uint64(c)))
				if n > 4 {
					arg := string(b[4:n])
					first.Children = append(first.Children, StrField("ftp.response.arg", "Response arg: "+Printable(arg), 4, n-4, arg))
				}
			}
		} else {
			top.Children = append(top.Children, Field{Name: "ftp.request", Label: "Request: True", Kind: FieldBool, Num: 1})
			cmd, arg, _ := strings.Cut(string(b[:n]), " ")
			first.Children = append(first.Children, StrField("ftp.request.command", "Request command: "+Printable(cmd), 0, len(cmd), cmd))
			if arg != "" {
				first.Children = append(first.Children, StrField("ftp.request.arg", "Request arg: "+Printable(arg), len(cmd)+1, len(arg), arg))
			}
		}
		top.Children = append(top.Children, first)
		out.Add(top)
	}
	return true
}

// ftpData is an FTP data connection's state: how it was announced and
// the command it serves.
type ftpData struct {
	mode string // "PASV", "EPASV"
	cmd  string // the first command after the announcement
}

// ftpPassivePort reads the data port a 227 or 229 reply announces.
func ftpPassivePort(line []byte) (port uint16, mode string, ok bool) {
	switch {
	case bytes.HasPrefix(line, []byte("227")):
		// 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)
		i := bytes.IndexByte(line, '(')
		j := bytes.LastIndexByte(line, ')')
		if i < 0 || j < i {
			return 0, "", false
		}
		f := strings.Split(string(line[i+1:j]), ",")
		if len(f) != 6 {
			return 0, "", false
		}
		hi, e1 := strconv.ParseUint(strings.TrimSpace(f[4]), 10, 8)
		lo, e2 := strconv.ParseUint(strings.TrimSpace(f[5]), 10, 8)
		if e1 != nil || e2 != nil {
			return 0, "", false
		}
		return uint16(hi<<8 | lo), "PASV", true
	case bytes.HasPrefix(line, []byte("229")):
		// 229 Entering Extended Passive Mode (|||port|) (RFC 2428)
		i := bytes.Index(line, []byte("(|||"))
		if i < 0 {
			return 0, "", false
		}
		rest := line[i+4:]
		j := bytes.IndexByte(rest, '|')
		if j < 0 {
			return 0, "", false
		}
		v, err := strconv.ParseUint(string(rest[:j]), 10, 16)
		if err != nil {
			return 0, "", false
		}
		return uint16(v), "EPASV", true
	}
	return 0, "", false
}

// ftpDataRelated claims a flow whose server port an FTP control
// connection between the same hosts announced before frame, reading that
// connection's packets up to frame.
func ftpDataRelated(x *Index, f *Flow, frame int) (any, bool) {
	if f == nil || f.Proto != ProtoTCPPacket {
		return nil, false
	}
	var found *ftpData
	var h Headers
	var buf []byte
	for _, c := range ftpControlFlows(x) {
		x.mu.RLock()
		frames := c.Frames // the loader may still append
		x.mu.RUnlock()
		if c == f || len(frames) == 0 || int(frames[0]) >= frame {
			continue
		}
		same := (c.Client.Addr == f.Client.Addr && c.Server.Addr == f.Server.Addr) ||
			(c.Client.Addr == f.Server.Addr && c.Server.Addr == f.Client.Addr)
		if !same {
			continue
		}
		var cur *ftpData
		for k, fr := range frames {
			if int(fr) >= frame || k >= ftpMaxScan {
				break
			}
			p := x.Packet(int(fr))
			if p.PayloadLen == 0 {
				continue
			}
			var err error
			if buf, err = x.Data(int(fr), buf[:0]); err != nil {
				continue
			}
			h.Parse(x.LinkType(p), buf, p.OrigLen)
			pay := h.Payload[:min(len(h.Payload), max(h.PayloadLen, 0))]
			fromServer := isFTPPort(p.SrcPort)
			for off := 0; off < len(pay); {
				n, next, _ := httpLineEnd(pay, off)
				line := pay[off : off+n]
				switch {
				case fromServer:
					if port, mode, ok := ftpPassivePort(line); ok && (port == f.Server.Port || port == f.Client.Port) {
						cur = &ftpData{mode: mode}
					}
				case cur != nil && cur.cmd == "" && n > 0:
					cur.cmd = string(line)
				}
				if next <= off {
					break
				}
				off = next
			}
		}
		if cur != nil {
			found = cur
		}
	}
	if found == nil {
		return nil, false
	}
	return found, true
}

// ftpControl lists the FTP control flows of the last index asked about,
// found incrementally, so that offering every unclaimed flow to
// ftpDataRelated costs no scan of all flows each time.
var ftpControl struct {
	sync.Mutex
	x     *Index
	seen  int
	flows []*Flow
}

func ftpControlFlows(x *Index) []*Flow {
	ftpControl.Lock()
	defer ftpControl.Unlock()
	if ftpControl.x != x {
		ftpControl.x, ftpControl.seen, ftpControl.flows = x, 0, nil
	}
	// The index's own records, not snapshots: the caller (the walker,
	// under the same discipline) reads their Frames under x.mu, and their
	// endpoints never change.
	x.mu.RLock()
	all := x.flows.flows[:len(x.flows.flows):len(x.flows.flows)]
	x.mu.RUnlock()
	for _, c := range all[min(ftpControl.seen, len(all)):] {
		if c.Proto == ProtoTCPPacket && isFTPControl(c) {
			ftpControl.flows = append(ftpControl.flows, c)
		}
	}
	ftpControl.seen = len(all)
	return ftpControl.flows[:len(ftpControl.flows):len(ftpControl.flows)]
}

func isFTPPort(port uint16) bool {
	for _, p := range ftpTCPPorts {
		if port == p {
			return true
		}
	}
	return false
}

func isFTPControl(f *Flow) bool { return isFTPPort(f.Server.Port) || isFTPPort(f.Client.Port) }

func ftpDataDissect(p *PDU, out *Out) bool {
	out.SetProto("FTP-DATA")
	info := "FTP Data: " + strconv.Itoa(p.Len) + " bytes"
	if st, ok := p.Conv.State.(*ftpData); ok && p.Conv != nil {
		info += " (" + st.mode + ")"
		if st.cmd != "" {
			info += " (" + Printable(st.cmd) + ")"
		}
	}
	out.SetInfo(info)
	if out.WantTree {
		out.Add(Field{Name: "ftp-data", Label: "FTP Data (" + strconv.Itoa(p.Len) + " bytes data)", Start: 0,
			Len: min(p.Len, len(p.Data)), Kind: FieldProto})
	}
	return true
}

var ftpDissector = &Dissector{
	Name:    "ftp",
	Dissect: ftpDissect,
	PDULen:  ftpLinePDULen,
	Fields: []FieldDef{
		{Name: "ftp.request", Desc: "Request", Kind: FieldBool},
		{Name: "ftp.response", Desc: "Response", Kind: FieldBool},
		{Name: "ftp.request.command", Desc: "Request command", Kind: FieldString},
		{Name: "ftp.request.arg", Desc: "Request arg", Kind: FieldString},
		{Name: "ftp.response.code", Desc: "Response code", Kind: FieldUint, Bits: 32},
		{Name: "ftp.response.arg", Desc: "Response arg", Kind: FieldString},
	},
}

var ftpDataDissector = &Dissector{
	Name:    "ftp-data",
	Dissect: ftpDataDissect,
	PDULen:  ftpLinePDULen,
	Related: ftpDataRelated,
}

func init() {
	RegisterTCP(ftpDissector, ftpTCPPorts...)
	RegisterTCP(ftpDataDissector, ftpDataTCPPorts...)
}

// ftpResponseNames are the reply codes tshark 4.0.17 names in the details
// pane ("Response code: Service ready for new user (220)"), from RFC 959,
// RFC 2228 and RFC 2428 as packet-ftp.c spells them.
var ftpResponseNames = map[int]string{
	110: "Restart marker reply",
	120: "Service ready in nnn minutes",
	125: "Data connection already open; transfer starting",
	150: "File status okay; about to open data connection",
	200: "Command okay",
	202: "Command not implemented, superfluous at this site",
	211: "System status, or system help reply",
	212: "Directory status",
	213: "File status",
	214: "Help message",
	215: "NAME system type",
	220: "Service ready for new user",
	221: "Service closing control connection",
	225: "Data connection open; no transfer in progress",
	226: "Closing data connection",
	227: "Entering Passive Mode",
	229: "Entering Extended Passive Mode",
	230: "User logged in, proceed",
	232: "User logged in, authorized by security data exchange",
	234: "Security data exchange complete",
	235: "Security data exchange completed successfully",
	250: "Requested file action okay, completed",
	257: "PATHNAME created",
	331: "User name okay, need password",
	332: "Need account for login",
	334: "Requested security mechanism is ok",
	335: "Security data is acceptable, more is required",
	336: "Username okay, need password. Challenge is ...",
	350: "Requested file action pending further information",
	421: "Service not available, closing control connection",
	425: "Can't open data connection",
	426: "Connection closed; transfer aborted",
	431: "Need some unavailable resource to process security",
	450: "Requested file action not taken",
	451: "Requested action aborted: local error in processing",
	452: "Requested action not taken. Insufficient storage space in system",
	500: "Syntax error, command unrecognized",
	501: "Syntax error in parameters or arguments",
	502: "Command not implemented",
	503: "Bad sequence of commands",
	504: "Command not implemented for that parameter",
	522: "Network protocol not supported",
	530: "Not logged in",
	532: "Need account for storing files",
	533: "Command protection level denied for policy reasons",
	534: "Request denied for policy reasons",
	535: "Failed security check (hash, sequence, etc)",
	536: "Requested PROT level not supported by mechanism",
	537: "Command protection level not supported by security mechanism",
	550: "Requested action not taken: File unavailable",
	551: "Requested action aborted: page type unknown",
	552: "Requested file action aborted: Exceeded storage allocation",
	553: "Requested action not taken: File name not allowed",
	631: "Integrity protected reply",
	632: "Confidentiality and integrity protected reply",
	633: "Confidentiality protected reply",
}

// ftpResponseName names reply code c, "Unknown" when tshark has no name.
func ftpResponseName(c int) string {
	if n, ok := ftpResponseNames[c]; ok {
		return n
	}
	return "Unknown"
}
