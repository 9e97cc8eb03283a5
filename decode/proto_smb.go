package decode

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// SMB version 1 (MS-CIFS, MS-SMB) inside NetBIOS session messages on TCP
// 139 and 445 (the framing is proto_smb2.go's). Info is packet-smb.c's:
// the command's name and Request or Response, then what the command names
// (a Tree Connect's path, an NT Create's file, the FID and byte counts of
// Read, Write and Close, a Trans2 subcommand with its pattern, level, FID
// or file, the files a FIND_FIRST2 response lists, the NTLMSSP message of
// a Session Setup), and ", Error: " with the NT status of a failed
// response. A response is read with its request's command details (FID,
// Trans2 subcommand and level), matched by multiplex and process ID, and
// a FID is named by the NT Create that opened it. Hand-written: gopacket
// has no SMB layer. Only the first command of an AndX chain is read.

// SMB1 commands whose bodies the Info column reads (MS-CIFS 2.2.2.1).
const (
	smbClose          = 0x04
	smbTrans2         = 0x32
	smbReadAndX       = 0x2e
	smbWriteAndX      = 0x2f
	smbSessionSetupX  = 0x73
	smbTreeConnectX   = 0x75
	smbNTCreateX      = 0xa2
	smbNoAndX         = 0xff
	smbHeaderLen      = 32
	smbMaxTracked     = 4096 // requests and FIDs remembered per conversation
	smbMaxListedFiles = 64   // FIND_FIRST2 entries named in Info
)

// Trans2 subcommands the Info column reads (MS-CIFS 2.2.6).
const (
	smbFindFirst2    = 0x01
	smbQueryFSInfo   = 0x03
	smbQueryPathInfo = 0x05
	smbQueryFileInfo = 0x07
	smbGetDFSReferal = 0x10
)

var smbCommands = map[byte]string{
	0x00: "Create Directory", 0x01: "Delete Directory", 0x02: "Open", 0x03: "Create", 0x04: "Close", 0x05: "Flush",
	0x06: "Delete", 0x07: "Rename", 0x08: "Query Information", 0x09: "Set Information", 0x0a: "Read", 0x0b: "Write",
	0x0c: "Lock Byte Range", 0x0d: "Unlock Byte Range", 0x0e: "Create Temp", 0x0f: "Create New",
	0x10: "Check Directory", 0x11: "Process Exit", 0x12: "Seek", 0x13: "Lock And Read", 0x14: "Write And Unlock",
	0x1a: "Read Raw", 0x1d: "Write Raw", 0x22: "Set Information2", 0x23: "Query Information2",
	0x24: "Locking AndX", 0x25: "Trans", 0x26: "Trans Secondary", 0x27: "IOCTL", 0x2b: "Echo",
	0x2c: "Write And Close", 0x2d: "Open AndX", 0x2e: "Read AndX", 0x2f: "Write AndX", 0x32: "Trans2",
	0x33: "Trans2 Secondary", 0x34: "Find Close2", 0x70: "Tree Connect", 0x71: "Tree Disconnect",
	0x72: "Negotiate Protocol", 0x73: "Session Setup AndX", 0x74: "Logoff AndX", 0x75: "Tree Connect AndX",
	0x80: "Query Information Disk", 0x81: "Search", 0xa0: "NT Trans", 0xa1: "NT Trans Secondary",
	0xa2: "NT Create AndX", 0xa4: "NT Cancel", 0xa5: "NT Rename",
}

var smbTrans2Names = map[uint16]string{
	0x00: "OPEN2", 0x01: "FIND_FIRST2", 0x02: "FIND_NEXT2", 0x03: "QUERY_FS_INFO", 0x04: "SET_FS_INFO",
	0x05: "QUERY_PATH_INFO", 0x06: "SET_PATH_INFO", 0x07: "QUERY_FILE_INFO", 0x08: "SET_FILE_INFO",
	0x09: "FSCTL", 0x0a: "IOCTL2", 0x0b: "FIND_NOTIFY_FIRST", 0x0c: "FIND_NOTIFY_NEXT",
	0x0d: "CREATE_DIRECTORY", 0x0e: "SESSION_SETUP", 0x10: "GET_DFS_REFERRAL", 0x11: "REPORT_DFS_INCONSISTENCY",
}

// smbFSLevels and smbFileLevels name the information levels of
// QUERY_FS_INFO and QUERY_FILE_INFO/QUERY_PATH_INFO (MS-CIFS 2.2.2.3).
var smbFSLevels = map[uint16]string{
	0x0001: "Info Allocation", 0x0002: "Info Volume", 0x0102: "Query FS Volume Info", 0x0103: "Query FS Size Info",
	0x0104: "Query FS Device Info", 0x0105: "Query FS Attribute Info", 0x03ef: "Query Full FS Size Info",
}

var smbFileLevels = map[uint16]string{
	0x0001: "Info Standard", 0x0002: "Info Query EA Size", 0x0003: "Info Query EAs From List",
	0x0004: "Info Query All EAs", 0x0006: "Info Is Name Valid", 0x0101: "Query File Basic Info",
	0x0102: "Query File Standard Info", 0x0103: "Query File EA Info", 0x0104: "Query File Name Info",
	0x0107: "Query File All Info", 0x0108: "Query File Alt Name Info", 0x0109: "Query File Stream Info",
	0x010b: "Query File Compression Info",
}

// smbState is what an SMB1 conversation keeps: requests awaiting their
// response and the names of open FIDs.
type smbState struct {
	reqs map[uint32]smbReq
	fids map[uint16]string
	tids map[uint16]string // the share each tree ID was connected to
}

// smbReq is what a response needs from its request.
type smbReq struct {
	cmd    byte
	sub    uint16 // Trans2 subcommand
	level  uint16 // Trans2 information level
	fid    uint16
	hasFID bool
	name   string // NT Create: the file opened; Tree Connect: the path
	tid    uint16
}

// smbString reads a NUL-terminated string at at in the SMB message m (at
// counted from the SMB header), UTF-16LE when unicode (after the pad byte
// that aligns it to the header), within end; its start, end (past the
// NUL) and text.
func smbString(m []byte, at, end int, unicode bool) (s, e int, text string) {
	end = min(end, len(m))
	if at >= end {
		return end, end, ""
	}
	if unicode {
		if at&1 == 1 {
			at++
		}
		if at >= end {
			return end, end, ""
		}
		for i := at; i+1 < end; i += 2 {
			if m[i] == 0 && m[i+1] == 0 {
				return at, i + 2, utf16LE(m[at:i])
			}
		}
		n := (end - at) &^ 1
		return at, at + n, utf16LE(m[at : at+n])
	}
	for i := at; i < end; i++ {
		if m[i] == 0 {
			return at, i + 1, string(m[at:i])
		}
	}
	return at, end, string(m[at:end])
}

func (st *smbState) remember(key uint32, r smbReq) {
	if len(st.reqs) < smbMaxTracked {
		st.reqs[key] = r
	}
}

// tidText labels a tree ID, with its share when known.
func (st *smbState) tidText(tid uint16) string {
	if p, ok := st.tids[tid]; ok {
		return "Tree ID: " + strconv.Itoa(int(tid)) + "  (" + Printable(p) + ")"
	}
	return "Tree ID: " + strconv.Itoa(int(tid))
}

func (st *smbState) fidText(fid uint16) string {
	return "FID: " + hex4(fid)
}

// dissectSMB1 reads the SMB1 message m (after the NBSS header, at off in
// the PDU) into out.
func dissectSMB1(st *smbState, m []byte, off int, out *Out) {
	out.SetProto("SMB")
	if len(m) < smbHeaderLen+3 {
		out.SetInfo(malformedMark)
		return
	}
	cmd := m[4]
	status := binary.LittleEndian.Uint32(m[5:])
	flags := m[9]
	flags2 := binary.LittleEndian.Uint16(m[10:])
	unicode := flags2&0x8000 != 0
	resp := flags&0x80 != 0
	tid, pid := binary.LittleEndian.Uint16(m[24:]), binary.LittleEndian.Uint16(m[26:])
	uid, mid := binary.LittleEndian.Uint16(m[28:]), binary.LittleEndian.Uint16(m[30:])
	key := uint32(mid)<<16 | uint32(pid)
	name, ok := smbCommands[cmd]
	if !ok {
		name = "Unknown Command (0x" + strconv.FormatUint(uint64(cmd), 16) + ")"
	}
	var info strings.Builder
	info.WriteString(name)
	if resp {
		info.WriteString(" Response")
	} else {
		info.WriteString(" Request")
	}
	top := Field{Name: "smb", Label: "SMB (Server Message Block Protocol)", Start: off, Len: len(m), Kind: FieldProto}
	hdr := Field{Label: "SMB Header", Start: off, Len: smbHeaderLen, Children: []Field{
		StrField("smb.server_component", "Server Component: SMB", off, 4, "\xffSMB"),
		UintField("smb.cmd", "SMB Command: "+name+" (0x"+hex2(cmd)[2:]+")", off+4, 1, uint64(cmd)),
		UintField("smb.nt_status", "NT Status: "+ntStatusName(status)+" (0x"+hex8(status)+")", off+5, 4, uint64(status)),
		smbFlagsField(flags, off+9),
		UintField("smb.pid.high", "Process ID High: "+strconv.Itoa(int(binary.LittleEndian.Uint16(m[12:]))), off+12, 2, uint64(binary.LittleEndian.Uint16(m[12:]))),
		UintField("smb.tid", st.tidText(tid), off+24, 2, uint64(tid)),
		UintField("smb.pid", "Process ID: "+strconv.Itoa(int(pid)), off+26, 2, uint64(pid)),
		UintField("smb.uid", "User ID: "+strconv.Itoa(int(uid)), off+28, 2, uint64(uid)),
		UintField("smb.mid", "Multiplex ID: "+strconv.Itoa(int(mid)), off+30, 2, uint64(mid)),
	}}
	wct := int(m[32])
	words := m[33:min(len(m), 33+2*wct)]
	bcAt := 33 + 2*wct
	body := Field{Start: off + 32, Len: len(m) - 32, Children: []Field{
		UintField("smb.wct", "Word Count (WCT): "+strconv.Itoa(wct), off+32, 1, uint64(wct)),
	}}
	bytesAt, bytesEnd := len(m), len(m)
	if bcAt+2 <= len(m) {
		bcc := int(binary.LittleEndian.Uint16(m[bcAt:]))
		bytesAt, bytesEnd = bcAt+2, min(len(m), bcAt+2+bcc)
	}
	w := func(i int) uint16 { // the i-th parameter word, 0 when absent
		if 2*i+2 > len(words) {
			return 0
		}
		return binary.LittleEndian.Uint16(words[2*i:])
	}
	andx := cmd == smbSessionSetupX || cmd == smbTreeConnectX || cmd == smbNTCreateX || cmd == smbReadAndX || cmd == smbWriteAndX
	if andx && wct >= 2 && len(words) >= 4 {
		next := words[0]
		nextName := "No further commands"
		if next != smbNoAndX {
			nextName = smbCommands[next]
		}
		body.Children = append(body.Children,
			UintField("smb.cmd", "AndXCommand: "+nextName+" (0x"+hex2(next)[2:]+")", off+33, 1, uint64(next)),
			UintField("smb.andxoffset", "AndXOffset: "+strconv.Itoa(int(w(1))), off+35, 2, uint64(w(1))))
	}
	// fidField adds a FID (n bytes at at; n 0 for a response's, which
	// tshark shows from the request), named by the file that opened it
	fidField := func(at, n int, fid uint16) {
		f := UintField("smb.fid", st.fidText(fid), off+at, n, uint64(fid))
		if name, ok := st.fids[fid]; ok {
			f.Label += " (" + Printable(name) + ")"
			f.Children = []Field{StrField("smb.file", "File Name: "+Printable(name), off+at, 0, name)}
		}
		body.Children = append(body.Children, f)
	}
	req, known := st.reqs[key]
	if resp {
		delete(st.reqs, key)
	}
	switch {
	case bcAt > len(m):
		// the parameter words are cut short: nothing more is read
	case cmd == smbSessionSetupX && !resp && wct == 12:
		bl := int(w(7))
		if bytesAt+bl <= len(m) {
			info.WriteString(ntlmsspInfo(m[bytesAt : bytesAt+bl]))
		}
	case cmd == smbSessionSetupX && resp && wct == 4:
		bl := int(w(3))
		if bytesAt+bl <= len(m) {
			info.WriteString(ntlmsspInfo(m[bytesAt : bytesAt+bl]))
		}
	case cmd == smbTreeConnectX && !resp && wct == 4:
		s, e, path := smbString(m, bytesAt+int(w(3)), bytesEnd, unicode)
		info.WriteString(", Path: " + Printable(path))
		body.Children = append(body.Children, StrField("smb.path", "Path: "+Printable(path), off+s, e-s, path))
		st.remember(key, smbReq{cmd: cmd, name: path, tid: tid})
	case cmd == smbTreeConnectX && resp && known && req.cmd == cmd && status == 0:
		// packet-smb.c names both the new tree ID and the one the
		// request carried by the share, keeping a name once given
		for _, t := range [2]uint16{tid, req.tid} {
			if _, ok := st.tids[t]; !ok && len(st.tids) < smbMaxTracked {
				st.tids[t] = req.name
			}
		}
	case cmd == smbNTCreateX && !resp && wct == 24:
		s, e, file := smbString(m, bytesAt, bytesEnd, unicode)
		info.WriteString(", Path: " + Printable(file))
		body.Children = append(body.Children, StrField("smb.file", "File Name: "+Printable(file), off+s, e-s, file))
		st.remember(key, smbReq{cmd: cmd, name: file})
	case cmd == smbNTCreateX && resp && wct >= 34 && len(m) >= 40:
		fid := binary.LittleEndian.Uint16(m[38:])
		if known && req.cmd == cmd && len(st.fids) < smbMaxTracked {
			st.fids[fid] = req.name
		}
		fidField(38, 2, fid)
		info.WriteString(", " + st.fidText(fid))
	case (cmd == smbReadAndX || cmd == smbWriteAndX) && !resp && wct >= 10:
		fid := w(2)
		fidField(37, 2, fid)
		offset := uint32(w(3)) | uint32(w(4))<<16
		n := uint32(w(5))
		if cmd == smbWriteAndX {
			n = uint32(w(10)) | uint32(w(9))<<16
		} else if wct >= 10 {
			n |= uint32(w(7)) << 16 // MaxCountHigh's low word
		}
		body.Children = append(body.Children, UintField("smb.offset", "Offset: "+strconv.FormatUint(uint64(offset), 10), off+39, 4, uint64(offset)))
		info.WriteString(", " + st.fidText(fid) + ", " + strconv.FormatUint(uint64(n), 10) + " bytes at offset " + strconv.FormatUint(uint64(offset), 10))
		st.remember(key, smbReq{cmd: cmd, fid: fid, hasFID: true})
	case cmd == smbReadAndX && resp && wct >= 12:
		n := uint32(w(5)) | uint32(w(7))<<16
		if known && req.hasFID {
			info.WriteString(", " + st.fidText(req.fid))
			fidField(32, 0, req.fid)
		}
		info.WriteString(", " + strconv.FormatUint(uint64(n), 10) + " bytes")
	case cmd == smbWriteAndX && resp && wct >= 6:
		n := uint32(w(2)) | uint32(w(4))<<16
		if known && req.hasFID {
			info.WriteString(", " + st.fidText(req.fid))
			fidField(32, 0, req.fid)
		}
		info.WriteString(", " + strconv.FormatUint(uint64(n), 10) + " bytes")
	case cmd == smbClose && !resp && wct >= 1:
		fid := w(0)
		fidField(33, 2, fid)
		info.WriteString(", " + st.fidText(fid))
		st.remember(key, smbReq{cmd: cmd, fid: fid, hasFID: true})
	case cmd == smbClose && resp:
		if known && req.hasFID {
			info.WriteString(", " + st.fidText(req.fid))
			fidField(32, 0, req.fid)
		}
	case cmd == smbTrans2 && !resp && wct >= 15 && len(words) >= 30:
		sub := w(14)
		body.Children = append(body.Children, UintField("smb.trans2.cmd", "Subcommand: "+smbTrans2Name(sub)+" ("+hex4(sub)+")", off+61, 2, uint64(sub)))
		info.WriteString(", " + smbTrans2Name(sub))
		r := smbReq{cmd: cmd, sub: sub}
		p := int(w(10)) // parameter offset, from the header
		pend := min(len(m), p+int(w(9)))
		le16 := func(at int) (uint16, bool) {
			if at < 0 || at+2 > pend {
				return 0, false
			}
			return binary.LittleEndian.Uint16(m[at:]), true
		}
		switch sub {
		case smbFindFirst2:
			r.level, _ = le16(p + 6)
			s, e, pat := smbString(m, p+12, pend, unicode)
			info.WriteString(", Pattern: " + Printable(pat))
			body.Children = append(body.Children, StrField("smb.search_pattern", "Search Pattern: "+Printable(pat), off+s, e-s, pat))
		case smbQueryFSInfo:
			if lv, ok := le16(p); ok {
				r.level = lv
				info.WriteString(", " + smbLevelName(smbFSLevels, lv))
			}
		case smbQueryFileInfo:
			if fid, ok := le16(p); ok {
				r.fid, r.hasFID = fid, true
				info.WriteString(", " + st.fidText(fid))
				fidField(p, 2, fid)
			}
			if lv, ok := le16(p + 2); ok {
				r.level = lv
				info.WriteString(", " + smbLevelName(smbFileLevels, lv))
			}
		case smbQueryPathInfo:
			if lv, ok := le16(p); ok {
				r.level = lv
				_, _, path := smbString(m, p+6, pend, unicode)
				info.WriteString(", " + smbLevelName(smbFileLevels, lv) + ", Path: " + Printable(path))
			}
		case smbGetDFSReferal:
			s, e, file := smbString(m, p+2, pend, unicode)
			info.WriteString(", File: " + Printable(file))
			body.Children = append(body.Children, StrField("smb.file", "File Name: "+Printable(file), off+s, e-s, file))
		}
		st.remember(key, r)
	case cmd == smbTrans2 && resp && known && req.cmd == smbTrans2:
		if req.hasFID {
			info.WriteString(", " + st.fidText(req.fid))
			fidField(32, 0, req.fid)
		}
		info.WriteString(", " + smbTrans2Name(req.sub))
		body.Children = append(body.Children, UintField("smb.trans2.cmd", "Subcommand: "+smbTrans2Name(req.sub)+" ("+hex4(req.sub)+")", off+32, 0, uint64(req.sub)))
		if req.sub == smbFindFirst2 && wct >= 10 && len(words) >= 20 {
			text, files := smbFoundFiles(m, int(w(7)), int(w(6)), req.level, unicode, off)
			info.WriteString(text)
			body.Children = append(body.Children, files...)
		}
	}
	if status != 0 && resp {
		info.WriteString(", Error: " + ntStatusName(status))
	}
	hdr.Children[5].Label = st.tidText(tid) // a Tree Connect response names its own tree ID
	if p, ok := st.tids[tid]; ok {
		hdr.Children[5].Children = []Field{StrField("smb.path", "Path: "+Printable(p), off+24, 0, p)}
	}
	out.SetInfo(info.String())
	if out.WantTree {
		if bcAt+2 <= len(m) {
			body.Children = append(body.Children, UintField("smb.bcc", "Byte Count (BCC): "+strconv.Itoa(bytesEnd-bytesAt), off+bcAt, 2, uint64(bytesEnd-bytesAt)))
		}
		top.Children = []Field{hdr, body}
		out.Add(top)
	}
}

// smbTrans2Name names a Trans2 subcommand.
func smbTrans2Name(sub uint16) string {
	if n, ok := smbTrans2Names[sub]; ok {
		return n
	}
	return "Unknown (" + hex4(sub) + ")"
}

// smbLevelName names an information level.
func smbLevelName(names map[uint16]string, lv uint16) string {
	if n, ok := names[lv]; ok {
		return n
	}
	return "Unknown (" + hex4(lv) + ")"
}

// smbFoundFiles lists the file names of a FIND_FIRST2 response's data
// (count entries at dataAt, of information level lv) as packet-smb.c
// does: ", Files:" and each name after a space.
func smbFoundFiles(m []byte, dataAt, dataLen int, lv uint16, unicode bool, off int) (string, []Field) {
	// where the file name length and the name lie in an entry, per level
	// (MS-CIFS 2.2.8.1)
	var lenAt, nameAt int
	switch lv {
	case 0x0101: // SMB_FIND_FILE_DIRECTORY_INFO
		lenAt, nameAt = 60, 64
	case 0x0102: // SMB_FIND_FILE_FULL_DIRECTORY_INFO
		lenAt, nameAt = 60, 68
	case 0x0104: // SMB_FIND_FILE_BOTH_DIRECTORY_INFO
		lenAt, nameAt = 60, 94
	case 0x0105: // SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO
		lenAt, nameAt = 60, 104
	case 0x0103: // SMB_FIND_FILE_NAMES_INFO
		lenAt, nameAt = 8, 12
	default:
		return "", nil
	}
	var files []Field
	end := min(len(m), dataAt+dataLen)
	var sb strings.Builder
	sb.WriteString(", Files:")
	for at, n := dataAt, 0; at >= 0 && at+nameAt <= end && n < smbMaxListedFiles; n++ {
		next := int(binary.LittleEndian.Uint32(m[at:]))
		nl := int(binary.LittleEndian.Uint32(m[at+lenAt:]))
		if nl < 0 || at+nameAt+nl > end {
			break
		}
		raw := m[at+nameAt : at+nameAt+nl]
		name := strings.TrimRight(string(raw), "\x00")
		if unicode {
			name = strings.TrimRight(utf16LE(raw), "\x00")
		}
		sb.WriteString(" " + Printable(name))
		files = append(files, StrField("smb.file", "File Name: "+Printable(name), off+at+nameAt, nl, name))
		if next <= 0 {
			break
		}
		at += next
	}
	return sb.String(), files
}

// smbFlagsField is the Flags byte: the names of the bits set, and the
// Request/Response bit.
func smbFlagsField(f byte, at int) Field {
	names := [8]string{"Lock and Read", "Receive Buffer Posted", "", "Case Sensitivity", "Canonicalized Pathnames",
		"Oplocks", "Notify", "Request/Response"}
	label := "Flags: 0x" + hex2(f)[2:]
	for bit := 7; bit >= 0; bit-- {
		if f&(1<<bit) != 0 && names[bit] != "" {
			label += ", " + names[bit]
		}
	}
	resp := "Message is a request to the server"
	if f&0x80 != 0 {
		resp = "Message is a response to the client/redirector"
	}
	return Field{Name: "smb.flags", Label: label, Start: at, Len: 1, Kind: FieldUint, Num: uint64(f), Children: []Field{
		{Name: "smb.flags.response", Label: bitString(uint32(f), 8, 0x80) + " = Request/Response: " + resp, Start: at, Len: 1,
			Kind: FieldBool, Num: uint64(f >> 7)},
	}}
}
