package decode

import (
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
)

// NFS versions 3 (RFC 1813) and 4 (RFC 7530, 8881) inside ONC RPC
// (proto_rpc.go), as Wireshark 4.0's nfs dissector adds to the Info
// column: a v3 call names its file handle by packet-nfs.c's hash (CRC-32
// of the handle, "FH: 0x89686ab3"), a directory handle and name
// ("DH: 0x07500aa8/hello.txt"), offsets, lengths and stability; a v3 reply
// its status or what it returned; a v4 COMPOUND the most significant of
// its operations (packet-nfs.c's operation tiers), joined with " |".
// Hand-written: gopacket has no ONC RPC or NFS layer.

// nfs3Procs are NFSv3's procedures (RFC 1813 §3.3).
var nfs3Procs = [22]string{"NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE",
	"CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS",
	"FSSTAT", "FSINFO", "PATHCONF", "COMMIT"}

// NFSv3 procedure numbers read here.
const (
	nfs3GetAttr     = 1
	nfs3SetAttr     = 2
	nfs3Lookup      = 3
	nfs3Access      = 4
	nfs3ReadLink    = 5
	nfs3Read        = 6
	nfs3Write       = 7
	nfs3Create      = 8
	nfs3Mkdir       = 9
	nfs3Symlink     = 10
	nfs3Mknod       = 11
	nfs3Remove      = 12
	nfs3Rmdir       = 13
	nfs3Rename      = 14
	nfs3Link        = 15
	nfs3ReadDir     = 16
	nfs3ReadDirPlus = 17
	nfs3FSStat      = 18
	nfs3FSInfo      = 19
	nfs3PathConf    = 20
	nfs3Commit      = 21
)

const (
	nfsMaxFH      = 128  // NFS4_FHSIZE; NFSv3's is 64
	nfsMaxName    = 4096 // names and paths read from a packet
	nfsMaxEntries = 1024 // directory entries listed from one reply
	nfsMaxOps     = 128  // COMPOUND operations read
	nfsMaxBitmap  = 8    // words of an attribute bitmap
)

var nfs3Status = map[uint32]string{0: "NFS3_OK", 1: "NFS3ERR_PERM", 2: "NFS3ERR_NOENT", 5: "NFS3ERR_IO",
	6: "NFS3ERR_NXIO", 13: "NFS3ERR_ACCES", 17: "NFS3ERR_EXIST", 18: "NFS3ERR_XDEV", 19: "NFS3ERR_NODEV",
	20: "NFS3ERR_NOTDIR", 21: "NFS3ERR_ISDIR", 22: "NFS3ERR_INVAL", 27: "NFS3ERR_FBIG", 28: "NFS3ERR_NOSPC",
	30: "NFS3ERR_ROFS", 31: "NFS3ERR_MLINK", 63: "NFS3ERR_NAMETOOLONG", 66: "NFS3ERR_NOTEMPTY",
	69: "NFS3ERR_DQUOT", 70: "NFS3ERR_STALE", 71: "NFS3ERR_REMOTE", 10001: "NFS3ERR_BADHANDLE",
	10002: "NFS3ERR_NOT_SYNC", 10003: "NFS3ERR_BAD_COOKIE", 10004: "NFS3ERR_NOTSUPP", 10005: "NFS3ERR_TOOSMALL",
	10006: "NFS3ERR_SERVERFAULT", 10007: "NFS3ERR_BADTYPE", 10008: "NFS3ERR_JUKEBOX"}

var nfs3Types = [8]string{"", "Regular File", "Directory", "Block Device", "Character Device", "Symbolic Link",
	"Socket", "Named Pipe"}

var nfsStable = [3]string{"UNSTABLE", "DATA_SYNC", "FILE_SYNC"}

var nfsCreateModes = [4]string{"UNCHECKED", "GUARDED", "EXCLUSIVE", "EXCLUSIVE4_1"}

// nfsAccessBits name ACCESS's bits in Info order (packet-nfs.c).
var nfsAccessBits = [6]string{"RD", "LU", "MD", "XT", "DL", "XE"}

// nfsAccessText is "RD LU" for an ACCESS mask.
func nfsAccessText(mask uint32) string {
	var parts []string
	for i, n := range nfsAccessBits {
		if mask&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, " ")
}

// nfsFH reads a file handle as Wireshark shows it: a node holding the
// length, the hash and the handle's bytes; hash is packet-nfs.c's
// CRC-32 of the handle. fixed is NFSv2's 32-byte handle.
func nfsFH(r *xdr, label string) (Field, uint32) {
	data, at, start := r.opaque(nfsMaxFH)
	if r.bad {
		return Field{}, 0
	}
	h := crc32.ChecksumIEEE(data)
	return Field{Label: label, Start: at, Len: r.off - at, Children: []Field{
		UintField("nfs.fh.length", "length: "+strconv.Itoa(len(data)), at, 4, uint64(len(data))),
		UintField("nfs.fh.hash", fmt.Sprintf("hash (CRC-32): 0x%08x", h), start, len(data), uint64(h)),
		{Name: "nfs.fhandle", Label: "FileHandle: " + hexString(data), Start: start, Len: len(data), Kind: FieldBytes, Str: string(data)},
	}}, h
}

// nfsName reads a file name component.
func nfsName(r *xdr, name string) (Field, string) {
	f, data := rpcOpaqueField(r, nfsMaxName, "Name", name, "contents")
	return f, string(data)
}

// nfsBody reads an NFS call's arguments or reply's results: Info text
// appended to the RPC part's, and the "nfs" layer.
func nfsBody(p *PDU, out *Out, vers, proc uint32, procname string, typ rpcMsgType, r *xdr) Field {
	f := Field{Name: "nfs", Start: r.off, Kind: FieldProto, Children: rpcProcFields("nfs", rpcProgNFS, vers, proc, procname)}
	var info string
	switch vers {
	case 3:
		if r.off >= len(r.b) {
			f.Label = "Network File System" // no arguments or results (NULL)
			break
		}
		word, label := "Call", ""
		if typ == rpcCall {
			info = nfs3Call(&f, proc, r)
		} else {
			word = "Reply"
			info = nfs3Reply(&f, proc, r)
		}
		// the layer's title repeats Info's text with packet-nfs.c's own
		// spelling: no comma before a handle, two spaces before an error,
		// no directory listing, and FSINFO's handle called "DH"
		switch {
		case strings.HasPrefix(info, " Error: "):
			label = " " + info
		case proc == nfs3Access:
			label = info
		case typ == rpcReply && (proc == nfs3ReadDir || proc == nfs3ReadDirPlus):
		case typ == rpcCall && proc == nfs3FSInfo:
			label = strings.Replace(strings.TrimPrefix(info, ","), "FH:", "DH:", 1)
		default:
			label = strings.TrimPrefix(info, ",")
		}
		f.Label = "Network File System, " + procname + " " + word + label
	case 4:
		if procname == "COMPOUND" {
			var ops []string
			if typ == rpcCall {
				info, ops = nfs4Call(&f, r)
				f.Label = fmt.Sprintf("Network File System, Ops(%d): %s", len(ops), strings.Join(ops, ", "))
			} else {
				info, ops = nfs4Reply(&f, r)
				f.Label = fmt.Sprintf("Network File System, Ops(%d): %s", len(ops), strings.Join(ops, " "))
			}
		} else {
			f.Label = "Network File System"
		}
	default:
		f.Label = "Network File System"
	}
	out.AppendInfo("", info)
	return f
}

// nfs3Attrs reads a fattr3 (RFC 1813 §2.6): the summary Wireshark puts in
// Info and labels ("Directory mode: 0777 uid: 0 gid: 0") and the lines.
func nfs3Attrs(r *xdr, label string) (Field, string) {
	at := r.off
	typ, tat := r.u32()
	mode, mat := r.u32()
	r.u32() // nlink
	uid, uat := r.u32()
	gid, gat := r.u32()
	for range 10 { // size, used, rdev, fsid, fileid: 5 hyper; atime, mtime, ctime: 3 x 2 words
		r.u32()
	}
	for range 6 {
		r.u32()
	}
	if r.bad {
		return Field{}, ""
	}
	tname := "Unknown"
	if int(typ) < len(nfs3Types) && typ > 0 {
		tname = nfs3Types[typ]
	}
	sum := fmt.Sprintf("  %s mode: %04o uid: %d gid: %d", tname, mode&07777, uid, gid)
	return Field{Label: label + sum, Start: at, Len: r.off - at, Children: []Field{
		UintField("nfs.fattr3.type", fmt.Sprintf("Type: %s (%d)", tname, typ), tat, 4, uint64(typ)),
		UintField("nfs.fattr3.uid", fmt.Sprintf("uid: %d", uid), uat, 4, uint64(uid)),
		UintField("nfs.fattr3.gid", fmt.Sprintf("gid: %d", gid), gat, 4, uint64(gid)),
		{Label: fmt.Sprintf("mode: %04o", mode&07777), Start: mat, Len: 4},
	}}, sum
}

// nfs3PostOpAttrs reads a post_op_attr: a flag then maybe a fattr3.
func nfs3PostOpAttrs(r *xdr, label string) (Field, string) {
	at := r.off
	follows, fat := r.u32()
	if r.bad {
		return Field{}, ""
	}
	flag := UintField("nfs.attributes_follow", "attributes_follow: no value (0)", fat, 4, 0)
	if follows == 0 {
		return Field{Label: label, Start: at, Len: 4, Children: []Field{flag}}, ""
	}
	flag.Label, flag.Num = "attributes_follow: value follows (1)", 1
	a, sum := nfs3Attrs(r, "attributes")
	if r.bad {
		return Field{}, ""
	}
	return Field{Label: label + sum, Start: at, Len: r.off - at, Children: []Field{flag, a}}, sum
}

// nfs3Call reads a v3 call's arguments; it returns the Info text.
func nfs3Call(f *Field, proc uint32, r *xdr) string {
	fhProc := func(label string) (string, bool) {
		fh, h := nfsFH(r, label)
		if r.bad {
			return "", false
		}
		f.Children = append(f.Children, fh)
		return fmt.Sprintf(", FH: 0x%08x", h), true
	}
	dirop := func(label string) (string, bool) {
		at := r.off
		fh, h := nfsFH(r, "dir")
		nf, name := nfsName(r, "nfs.name")
		if r.bad {
			return "", false
		}
		f.Children = append(f.Children, Field{Label: label, Start: at, Len: r.off - at, Children: []Field{fh, nf}})
		return fmt.Sprintf(", DH: 0x%08x/%s", h, Printable(name)), true
	}
	switch proc {
	case nfs3GetAttr, nfs3SetAttr, nfs3ReadLink, nfs3FSStat, nfs3FSInfo, nfs3PathConf:
		label := "object"
		if proc == nfs3FSStat || proc == nfs3FSInfo || proc == nfs3PathConf {
			label = "fsroot"
		}
		s, _ := fhProc(label)
		return s
	case nfs3ReadDir, nfs3ReadDirPlus:
		s, _ := fhProc("dir")
		return s
	case nfs3Commit:
		s, _ := fhProc("file")
		return s
	case nfs3Lookup, nfs3Remove, nfs3Rmdir:
		s, _ := dirop("what")
		return s
	case nfs3Mkdir, nfs3Mknod, nfs3Symlink:
		s, _ := dirop("where")
		return s
	case nfs3Create:
		s, ok := dirop("where")
		if !ok {
			return s
		}
		mode, mat := r.u32()
		if r.bad || int(mode) >= 3 {
			return s
		}
		f.Children = append(f.Children, UintField("nfs.createmode", fmt.Sprintf("Create Mode: %s (%d)", nfsCreateModes[mode], mode), mat, 4, uint64(mode)))
		return s + " Mode: " + nfsCreateModes[mode]
	case nfs3Access:
		s, ok := fhProc("object")
		if !ok {
			return s
		}
		mask, _ := r.u32()
		if r.bad {
			return s
		}
		return s + ", [Check: " + nfsAccessText(mask) + "]"
	case nfs3Read, nfs3Write:
		s, ok := fhProc("file")
		if !ok {
			return s
		}
		off, oat := r.u64()
		count, cat := r.u32()
		if r.bad {
			return s
		}
		f.Children = append(f.Children,
			UintField("nfs.offset3", fmt.Sprintf("offset: %d", off), oat, 8, off),
			UintField("nfs.count3", fmt.Sprintf("count: %d", count), cat, 4, uint64(count)))
		s += fmt.Sprintf(" Offset: %d Len: %d", off, count)
		if proc == nfs3Write {
			stable, sat := r.u32()
			if !r.bad && int(stable) < len(nfsStable) {
				f.Children = append(f.Children, UintField("nfs.write.stable", fmt.Sprintf("Stable: %s (%d)", nfsStable[stable], stable), sat, 4, uint64(stable)))
				s += " " + nfsStable[stable]
			}
		}
		return s
	}
	return ""
}

// nfs3Reply reads a v3 reply's status and what Wireshark shows of its
// results; it returns the Info text.
func nfs3Reply(f *Field, proc uint32, r *xdr) string {
	status, sat := r.u32()
	if r.bad {
		return ""
	}
	name := nfs3Status[status]
	if name == "" {
		name = "Unknown"
	}
	f.Children = append(f.Children, UintField("nfs.status3", fmt.Sprintf("Status: %s (%d)", name, status), sat, 4, uint64(status)))
	if status != 0 {
		return " Error: " + name
	}
	switch proc {
	case nfs3GetAttr:
		a, sum := nfs3Attrs(r, "obj_attributes")
		if !r.bad {
			f.Children = append(f.Children, a)
		}
		return sum
	case nfs3Lookup:
		fh, h := nfsFH(r, "object")
		if r.bad {
			return ""
		}
		f.Children = append(f.Children, fh)
		return fmt.Sprintf(", FH: 0x%08x", h)
	case nfs3Access:
		a, _ := nfs3PostOpAttrs(r, "obj_attributes")
		mask, _ := r.u32()
		if r.bad {
			return ""
		}
		f.Children = append(f.Children, a)
		return ", [Allowed: " + nfsAccessText(mask) + "]"
	case nfs3Read:
		a, _ := nfs3PostOpAttrs(r, "file_attributes")
		count, cat := r.u32()
		if r.bad {
			return ""
		}
		f.Children = append(f.Children, a, UintField("nfs.count3", fmt.Sprintf("count: %d", count), cat, 4, uint64(count)))
		return fmt.Sprintf(" Len: %d", count)
	case nfs3Write:
		nfs3WCC(r)
		count, cat := r.u32()
		committed, mat := r.u32()
		if r.bad || int(committed) >= len(nfsStable) {
			return ""
		}
		f.Children = append(f.Children,
			UintField("nfs.count3", fmt.Sprintf("count: %d", count), cat, 4, uint64(count)),
			UintField("nfs.write.committed", fmt.Sprintf("Committed: %s (%d)", nfsStable[committed], committed), mat, 4, uint64(committed)))
		return fmt.Sprintf(" Len: %d %s", count, nfsStable[committed])
	case nfs3ReadLink:
		nfs3PostOpAttrs(r, "symlink_attributes")
		data, _, _ := r.opaque(nfsMaxName)
		if r.bad {
			return ""
		}
		return " Path: " + Printable(string(data))
	case nfs3ReadDir, nfs3ReadDirPlus:
		nfs3PostOpAttrs(r, "dir_attributes")
		r.u64() // cookie verifier
		var sb strings.Builder
		for n := 0; n < nfsMaxEntries; n++ {
			follows, _ := r.u32()
			if r.bad || follows == 0 {
				break
			}
			r.u64() // fileid
			data, _, _ := r.opaque(nfsMaxName)
			r.u64() // cookie
			if r.bad {
				break
			}
			sb.WriteString(" " + Printable(string(data)))
			if proc == nfs3ReadDirPlus {
				nfs3PostOpAttrs(r, "name_attributes")
				if hf, _ := r.u32(); hf != 0 {
					r.opaque(nfsMaxFH)
				}
			}
		}
		return sb.String()
	}
	return ""
}

// nfs3WCC skips wcc_data: pre-op attributes (size, mtime, ctime) and
// post-op attributes.
func nfs3WCC(r *xdr) {
	if follows, _ := r.u32(); follows != 0 {
		r.u64()
		r.u64()
		r.u64()
	}
	nfs3PostOpAttrs(r, "after")
}

// nfs4Ops are NFSv4's operation names by number (RFC 7530 §16, RFC 8881
// §18), with packet-nfs.c's tier: the Info column shows only the
// operations of the most significant tier present (1 is the highest).
var nfs4Ops = [59]struct {
	name string
	tier uint8
}{
	{"", 1}, {"", 1}, {"", 1}, {"ACCESS", 2}, {"CLOSE", 1}, {"COMMIT", 1}, {"CREATE", 1}, {"DELEGPURGE", 1},
	{"DELEGRETURN", 1}, {"GETATTR", 3}, {"GETFH", 4}, {"LINK", 1}, {"LOCK", 1}, {"LOCKT", 1}, {"LOCKU", 1},
	{"LOOKUP", 1}, {"LOOKUPP", 1}, {"NVERIFY", 2}, {"OPEN", 1}, {"OPENATTR", 1}, {"OPEN_CONFIRM", 1},
	{"OPEN_DOWNGRADE", 1}, {"PUTFH", 4}, {"PUTPUBFH", 4}, {"PUTROOTFH", 4}, {"READ", 1}, {"READDIR", 1},
	{"READLINK", 1}, {"REMOVE", 1}, {"RENAME", 1}, {"RENEW", 1}, {"RESTOREFH", 4}, {"SAVEFH", 4},
	{"SECINFO", 1}, {"SETATTR", 1}, {"SETCLIENTID", 1}, {"SETCLIENTID_CONFIRM", 1}, {"VERIFY", 2},
	{"WRITE", 1}, {"RELEASE_LOCKOWNER", 1}, {"BACKCHANNEL_CTL", 1}, {"BIND_CONN_TO_SESSION", 1},
	{"EXCHANGE_ID", 1}, {"CREATE_SESSION", 1}, {"DESTROY_SESSION", 1}, {"FREE_STATEID", 1},
	{"GET_DIR_DELEGATION", 1}, {"GETDEVINFO", 1}, {"GETDEVLIST", 1}, {"LAYOUTCOMMIT", 1}, {"LAYOUTGET", 1},
	{"LAYOUTRETURN", 1}, {"SECINFO_NO_NAME", 1}, {"SEQUENCE", 4}, {"SET_SSV", 1}, {"TEST_STATEID", 1},
	{"WANT_DELEGATION", 1}, {"DESTROY_CLIENTID", 1}, {"RECLAIM_COMPLETE", 1},
}

// NFSv4 operation numbers read here.
const (
	nfs4Access        = 3
	nfs4Close         = 4
	nfs4Commit        = 5
	nfs4Create        = 6
	nfs4DelegPurge    = 7
	nfs4DelegReturn   = 8
	nfs4GetAttr       = 9
	nfs4GetFH         = 10
	nfs4Link          = 11
	nfs4Lock          = 12
	nfs4LockT         = 13
	nfs4LockU         = 14
	nfs4Lookup        = 15
	nfs4Nverify       = 17
	nfs4Open          = 18
	nfs4OpenAttr      = 19
	nfs4OpenConfirm   = 20
	nfs4OpenDowngrade = 21
	nfs4PutFH         = 22
	nfs4Read          = 25
	nfs4ReadDir       = 26
	nfs4Remove        = 28
	nfs4Rename        = 29
	nfs4Renew         = 30
	nfs4SecInfo       = 33
	nfs4SetAttr       = 34
	nfs4SetClientID   = 35
	nfs4SetClientIDOK = 36
	nfs4Verify        = 37
	nfs4Write         = 38
	nfs4ReleaseLockO  = 39
	nfs4DestroySess   = 44
	nfs4FreeStateID   = 45
	nfs4SecInfoNoName = 52
	nfs4Sequence      = 53
	nfs4DestroyClient = 57
	nfs4ReclaimDone   = 58
	nfs4Illegal       = 10044
)

func nfs4OpName(op uint32) string {
	if int(op) < len(nfs4Ops) && nfs4Ops[op].name != "" {
		return nfs4Ops[op].name
	}
	if op == nfs4Illegal {
		return "ILLEGAL"
	}
	return "Unknown"
}

func nfs4Tier(op uint32) uint8 {
	if int(op) < len(nfs4Ops) {
		return nfs4Ops[op].tier
	}
	return 1
}

// nfs4StateID reads a stateid4 and returns packet-nfs.c's hash of it
// (CRC-16/X.25 of its 16 bytes).
func nfs4StateID(r *xdr) uint16 {
	if r.bad || len(r.b)-r.off < 16 {
		r.bad = true
		return 0
	}
	h := crc16X25(r.b[r.off : r.off+16])
	r.off += 16
	return h
}

// crc16X25 is CRC-16/X.25 (reflected 0x1021, init and final XOR 0xffff),
// Wireshark's crc16_ccitt.
func crc16X25(b []byte) uint16 {
	crc := uint16(0xffff)
	for _, c := range b {
		crc ^= uint16(c)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0x8408
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

// nfs4Bitmap skips a bitmap4.
func nfs4Bitmap(r *xdr) {
	n, _ := r.u32()
	if n > nfsMaxBitmap {
		r.bad = true
		return
	}
	for range n {
		r.u32()
	}
}

// nfs4Fattr skips a fattr4: its bitmap and the opaque attribute values.
func nfs4Fattr(r *xdr) {
	nfs4Bitmap(r)
	r.opaque(len(r.b))
}

// nfs4Summary is one operation's text for the Info column.
type nfs4Summary struct {
	op   uint32
	text string
}

// nfs4Columns joins the summaries of the most significant tier present.
func nfs4Columns(sums []nfs4Summary) string {
	best := uint8(255)
	for _, s := range sums {
		best = min(best, nfs4Tier(s.op))
	}
	var sb strings.Builder
	first := true
	for _, s := range sums {
		if nfs4Tier(s.op) != best {
			continue
		}
		if !first {
			sb.WriteString(" |")
		}
		sb.WriteString(" " + s.text)
		first = false
	}
	return sb.String()
}

// nfs4Call reads a COMPOUND call: its Info text and operation names.
func nfs4Call(f *Field, r *xdr) (string, []string) {
	tag, _ := rpcOpaqueField(r, nfsMaxName, "Tag", "nfs.tag", "contents")
	minor, mat := r.u32()
	count, cat := r.u32()
	if r.bad {
		return "", nil
	}
	if tag.Label == "Tag: " {
		tag.Label, tag.Children[1].Label = "Tag: <EMPTY>", "contents: <EMPTY>"
	}
	f.Children = append(f.Children, tag, UintField("nfs.minorversion", fmt.Sprintf("minorversion: %d", minor), mat, 4, uint64(minor)))
	opsField := Field{Name: "nfs.ops.count", Start: cat, Len: 4, Kind: FieldUint, Num: uint64(count)}
	var sums []nfs4Summary
	var names []string
	var curFH uint32
	main := -1
	for i := uint32(0); i < count && i < nfsMaxOps && !r.bad; i++ {
		op, oat := r.u32()
		if r.bad {
			break
		}
		name := nfs4OpName(op)
		opf := UintField("nfs.opcode", fmt.Sprintf("Opcode: %s (%d)", name, op), oat, 4, uint64(op))
		text, ok := nfs4CallOp(op, r, &opf, &curFH)
		if !ok {
			break
		}
		names = append(names, name)
		sums = append(sums, nfs4Summary{op, text})
		opsField.Children = append(opsField.Children, opf)
		if main < 0 || nfs4Tier(op) < nfs4Tier(uint32(main)) {
			main = int(op)
		}
	}
	opsField.Label = fmt.Sprintf("Operations (count: %d): %s", count, strings.Join(names, ", "))
	f.Children = append(f.Children, opsField)
	if main >= 0 {
		f.Children = append(f.Children, UintField("nfs.main_opcode", fmt.Sprintf("Main Opcode: %s (%d)", nfs4OpName(uint32(main)), main), f.Start, 0, uint64(main)))
	}
	return nfs4Columns(sums), names
}

// nfs4CallOp reads one operation's arguments and returns its Info
// summary; ok is false when the arguments could not be read (the rest of
// the COMPOUND is then not read, as packet-nfs.c stops).
func nfs4CallOp(op uint32, r *xdr, opf *Field, curFH *uint32) (string, bool) {
	name := nfs4OpName(op)
	text := name
	switch op {
	case nfs4Access:
		mask, mat := r.u32()
		opf.Label += ", [Check: " + nfsAccessText(mask) + "]"
		opf.Children = append(opf.Children, Field{Name: "nfs.access_check", Label: fmt.Sprintf("Check access: 0x%02x", mask), Start: mat, Len: 4, Kind: FieldUint, Num: uint64(mask)})
		text = fmt.Sprintf("ACCESS FH: 0x%08x, [Check: %s]", *curFH, nfsAccessText(mask))
	case nfs4Close:
		r.u32()
		text = fmt.Sprintf("CLOSE StateID: 0x%04x", nfs4StateID(r))
	case nfs4Commit:
		off, _ := r.u64()
		n, _ := r.u32()
		text = fmt.Sprintf("COMMIT FH: 0x%08x Offset: %d Len: %d", *curFH, off, n)
	case nfs4Create:
		typ, _ := r.u32()
		switch typ {
		case 5: // NF4LNK
			r.opaque(nfsMaxName)
		case 3, 4: // NF4BLK, NF4CHR
			r.u64()
		}
		r.opaque(nfsMaxName)
		nfs4Fattr(r)
	case nfs4DelegPurge, nfs4Renew, nfs4DestroyClient:
		cid, _ := r.u64()
		if op == nfs4Renew {
			text = fmt.Sprintf("RENEW CID: 0x%016x", cid)
		}
	case nfs4DelegReturn:
		text = fmt.Sprintf("DELEGRETURN StateID: 0x%04x", nfs4StateID(r))
	case nfs4GetAttr:
		nfs4Bitmap(r)
		text = fmt.Sprintf("GETATTR FH: 0x%08x", *curFH)
	case nfs4Link, nfs4Remove, nfs4SecInfo:
		data, _, _ := r.opaque(nfsMaxName)
		if op == nfs4Remove {
			text = fmt.Sprintf("REMOVE DH: 0x%08x/%s", *curFH, Printable(string(data)))
		}
	case nfs4Lookup:
		nf, data := rpcOpaqueField(r, nfsMaxName, "Name", "nfs.pathname.component", "contents")
		if !r.bad {
			opf.Children = append(opf.Children, nf)
		}
		text = "LOOKUP " + Printable(string(data))
	case nfs4Lock, nfs4LockT, nfs4LockU:
		r.u32() // lock type
		if op == nfs4Lock {
			r.u32() // reclaim
		}
		if op == nfs4LockU {
			r.u32()
			nfs4StateID(r)
		}
		off, _ := r.u64()
		length, _ := r.u64()
		switch op {
		case nfs4Lock:
			if newOwner, _ := r.u32(); newOwner != 0 {
				r.u32()
				nfs4StateID(r)
				r.u32()
				r.u64()
				r.opaque(nfsMaxName)
			} else {
				nfs4StateID(r)
				r.u32()
			}
		case nfs4LockT:
			r.u64()
			r.opaque(nfsMaxName)
		}
		if op != nfs4LockT {
			text = fmt.Sprintf("%s FH: 0x%08x Offset: %d Length: %d ", name, *curFH, off, length)
		}
	case nfs4Nverify, nfs4Verify:
		nfs4Fattr(r)
	case nfs4Open:
		r.u32() // seqid
		r.u32() // share access
		r.u32() // share deny
		r.u64() // clientid
		r.opaque(nfsMaxName)
		if opentype, _ := r.u32(); opentype == 1 { // OPEN4_CREATE
			switch how, _ := r.u32(); how {
			case 0, 1:
				nfs4Fattr(r)
			case 2:
				r.u64()
			case 3:
				r.u64()
				nfs4Fattr(r)
			}
		}
		claim, _ := r.u32()
		switch claim {
		case 0, 3: // CLAIM_NULL, CLAIM_DELEGATE_PREV
			data, _, _ := r.opaque(nfsMaxName)
			if claim == 0 {
				text = fmt.Sprintf("OPEN DH: 0x%08x/%s", *curFH, Printable(string(data)))
			}
		case 1:
			r.u32()
		case 2:
			nfs4StateID(r)
			r.opaque(nfsMaxName)
		case 5:
			nfs4StateID(r)
		}
	case nfs4OpenAttr, nfs4ReclaimDone:
		r.u32()
	case nfs4OpenConfirm:
		nfs4StateID(r)
		r.u32()
	case nfs4OpenDowngrade:
		nfs4StateID(r)
		r.u32()
		r.u32()
		r.u32()
	case nfs4PutFH:
		fh, h := nfsFH(r, "FileHandle")
		if !r.bad {
			opf.Children = append(opf.Children, fh)
			*curFH = h
		}
	case nfs4Read:
		sid := nfs4StateID(r)
		off, _ := r.u64()
		n, _ := r.u32()
		text = fmt.Sprintf("READ StateID: 0x%04x Offset: %d Len: %d", sid, off, n)
	case nfs4ReadDir:
		r.u64()
		r.u64()
		r.u32()
		r.u32()
		nfs4Bitmap(r)
	case nfs4Rename:
		from, _, _ := r.opaque(nfsMaxName)
		to, _, _ := r.opaque(nfsMaxName)
		text = fmt.Sprintf("RENAME From: %s To: %s", Printable(string(from)), Printable(string(to)))
	case nfs4SetAttr:
		nfs4StateID(r)
		nfs4Fattr(r)
		text = fmt.Sprintf("SETATTR FH: 0x%08x", *curFH)
	case nfs4SetClientID:
		r.u64()
		r.opaque(nfsMaxName)
		r.u32()
		r.opaque(nfsMaxName)
		r.opaque(nfsMaxName)
		r.u32()
	case nfs4SetClientIDOK:
		r.u64()
		r.u64()
	case nfs4Write:
		sid := nfs4StateID(r)
		off, _ := r.u64()
		r.u32()
		data, _, _ := r.opaque(len(r.b))
		text = fmt.Sprintf("WRITE StateID: 0x%04x Offset: %d Len: %d", sid, off, len(data))
	case nfs4ReleaseLockO:
		r.u64()
		r.opaque(nfsMaxName)
	case nfs4DestroySess:
		r.u64()
		r.u64()
	case nfs4FreeStateID:
		nfs4StateID(r)
	case nfs4SecInfoNoName:
		r.u32()
	case nfs4Sequence:
		r.u64()
		r.u64()
		r.u32()
		r.u32()
		r.u32()
		r.u32()
	case nfs4GetFH, 16, 23, 24, 27, 31, 32: // GETFH, LOOKUPP, PUTPUBFH, PUTROOTFH, READLINK, RESTOREFH, SAVEFH
	default:
		// arguments ladder does not read (EXCHANGE_ID, CREATE_SESSION,
		// layouts...): the operation is named, the rest not read
		r.bad = true
		return text, true
	}
	return text, !r.bad
}

var nfs4Status = map[uint32]string{0: "NFS4_OK", 1: "NFS4ERR_PERM", 2: "NFS4ERR_NOENT", 5: "NFS4ERR_IO",
	13: "NFS4ERR_ACCESS", 17: "NFS4ERR_EXIST", 20: "NFS4ERR_NOTDIR", 21: "NFS4ERR_ISDIR", 22: "NFS4ERR_INVAL",
	10001: "NFS4ERR_BADHANDLE", 10008: "NFS4ERR_DELAY", 10010: "NFS4ERR_DENIED", 10011: "NFS4ERR_EXPIRED",
	10013: "NFS4ERR_GRACE", 10020: "NFS4ERR_NOFILEHANDLE", 10022: "NFS4ERR_STALE_CLIENTID",
	10023: "NFS4ERR_STALE_STATEID", 10025: "NFS4ERR_BAD_STATEID", 10026: "NFS4ERR_BAD_SEQID"}

// nfs4Reply reads a COMPOUND reply: its Info text and operation names.
func nfs4Reply(f *Field, r *xdr) (string, []string) {
	status, sat := r.u32()
	tag, _ := rpcOpaqueField(r, nfsMaxName, "Tag", "nfs.tag", "contents")
	count, cat := r.u32()
	if r.bad {
		return "", nil
	}
	if tag.Label == "Tag: " {
		tag.Label, tag.Children[1].Label = "Tag: <EMPTY>", "contents: <EMPTY>"
	}
	f.Children = append(f.Children, nfs4StatusField(status, sat), tag)
	opsField := Field{Name: "nfs.ops.count", Label: fmt.Sprintf("Operations (count: %d)", count), Start: cat, Len: 4, Kind: FieldUint, Num: uint64(count)}
	var sums []nfs4Summary
	var names []string
	main := -1
	for i := uint32(0); i < count && i < nfsMaxOps && !r.bad; i++ {
		op, oat := r.u32()
		st, stat := r.u32()
		if r.bad {
			break
		}
		name := nfs4OpName(op)
		opf := UintField("nfs.opcode", fmt.Sprintf("Opcode: %s (%d)", name, op), oat, 4, uint64(op))
		opf.Children = append(opf.Children, nfs4StatusField(st, stat))
		text := name
		if st == 0 {
			var ok bool
			text, ok = nfs4ReplyOp(op, r, &opf)
			if !ok {
				break
			}
		} else if op == nfs4SetAttr {
			nfs4Bitmap(r)
		}
		names = append(names, name)
		sums = append(sums, nfs4Summary{op, text})
		opsField.Children = append(opsField.Children, opf)
		if main < 0 || nfs4Tier(op) < nfs4Tier(uint32(main)) {
			main = int(op)
		}
		if st != 0 {
			break
		}
	}
	f.Children = append(f.Children, opsField)
	if main >= 0 {
		f.Children = append(f.Children, UintField("nfs.main_opcode", fmt.Sprintf("Main Opcode: %s (%d)", nfs4OpName(uint32(main)), main), f.Start, 0, uint64(main)))
	}
	return nfs4Columns(sums), names
}

func nfs4StatusField(st uint32, at int) Field {
	name := nfs4Status[st]
	if name == "" {
		name = "Unknown"
	}
	return UintField("nfs.nfsstat4", fmt.Sprintf("Status: %s (%d)", name, st), at, 4, uint64(st))
}

// nfs4ReplyOp reads one successful operation's results.
func nfs4ReplyOp(op uint32, r *xdr, opf *Field) (string, bool) {
	name := nfs4OpName(op)
	text := name
	changeInfo := func() { r.u32(); r.u64(); r.u64() }
	switch op {
	case nfs4Access:
		r.u32()
		mask, _ := r.u32()
		opf.Label += ", [Allowed: " + nfsAccessText(mask) + "]"
	case nfs4Close, nfs4OpenConfirm, nfs4OpenDowngrade, nfs4LockU, nfs4Lock:
		nfs4StateID(r)
	case nfs4Commit:
		r.u64()
	case nfs4Create:
		changeInfo()
		nfs4Bitmap(r)
	case nfs4GetAttr, nfs4Nverify:
		if op == nfs4GetAttr {
			nfs4Fattr(r)
		}
	case nfs4GetFH:
		fh, _ := nfsFH(r, "FileHandle")
		if !r.bad {
			opf.Children = append(opf.Children, fh)
		}
	case nfs4Link, nfs4Remove:
		changeInfo()
	case nfs4Open:
		sid := nfs4StateID(r)
		changeInfo()
		r.u32()
		nfs4Bitmap(r)
		switch deleg, _ := r.u32(); deleg {
		case 1, 2:
			nfs4StateID(r)
			r.u32()
			if deleg == 2 {
				if by, _ := r.u32(); by == 1 {
					r.u64()
				} else {
					r.u64()
				}
			}
			r.u32()
			r.u32()
			r.u32()
			r.opaque(nfsMaxName)
		case 3:
			if why, _ := r.u32(); why == 1 || why == 2 {
				r.u32()
			}
		}
		text = fmt.Sprintf("OPEN StateID: 0x%04x", sid)
	case nfs4Read:
		r.u32()
		r.opaque(len(r.b))
	case nfs4ReadDir:
		r.u64()
		for n := 0; n < nfsMaxEntries; n++ {
			if follows, _ := r.u32(); r.bad || follows == 0 {
				break
			}
			r.u64()
			r.opaque(nfsMaxName)
			nfs4Fattr(r)
		}
		r.u32()
	case 27: // READLINK
		r.opaque(nfsMaxName)
	case nfs4Rename:
		changeInfo()
		changeInfo()
	case nfs4SecInfo, nfs4SecInfoNoName:
		n, _ := r.u32()
		for i := uint32(0); i < n && i < 64 && !r.bad; i++ {
			if flavor, _ := r.u32(); flavor == rpcsecGSS {
				r.opaque(nfsMaxName)
				r.u32()
				r.u32()
			}
		}
	case nfs4SetAttr:
		nfs4Bitmap(r)
	case nfs4SetClientID:
		r.u64()
		r.u64()
	case nfs4Write:
		r.u32()
		r.u32()
		r.u64()
	case nfs4Sequence:
		r.u64()
		r.u64()
		for range 5 {
			r.u32()
		}
	case nfs4DelegPurge, nfs4DelegReturn, nfs4Lookup, 16, nfs4OpenAttr, nfs4PutFH, 23, 24, nfs4Renew, 31, 32,
		nfs4SetClientIDOK, nfs4Verify, nfs4ReleaseLockO, nfs4DestroySess, nfs4FreeStateID, nfs4DestroyClient, nfs4ReclaimDone:
	default:
		r.bad = true // results ladder does not read: the rest is not read
		return text, true
	}
	return text, !r.bad
}
