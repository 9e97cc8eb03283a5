package decode

import "fmt"

// The Portmap (RFC 1833) and MOUNT (RFC 1813 appendix I) programs inside
// ONC RPC (proto_rpc.go), as Wireshark 4.0 adds them to the Info column:
// a GETPORT call names the program, version and transport it asks for
// ("MOUNT(100005) V:3 TCP") and its reply the port ("Port:2049"); a MNT
// call the path it mounts and a failed reply its status
// ("Error:ERR_ACCESS"). Hand-written: gopacket has no ONC RPC layer.

const (
	portmapGetPort = 3
	portmapDump    = 4
	portmapMaxMaps = 1024 // map entries listed from one DUMP reply
	mountMnt       = 1
	mountUmnt      = 3
	mountMaxPath   = 1024 // MNTPATHLEN
)

var mountStatus = map[uint32]string{0: "OK", 1: "ERR_PERM", 2: "ERR_NOENT", 5: "ERR_IO", 13: "ERR_ACCESS",
	20: "ERR_NOTDIR", 22: "ERR_INVAL", 63: "ERR_NAMETOOLONG", 10004: "ERR_NOTSUPP", 10006: "ERR_SERVERFAULT"}

// rpcProgName is the name Wireshark gives a program number inside
// another program's arguments.
func rpcProgName(prog uint32) string {
	if pg := rpcPrograms[prog]; pg != nil {
		return pg.name
	}
	return "Unknown"
}

func portmapBody(out *Out, vers, proc uint32, procname string, typ rpcMsgType, r *xdr) Field {
	word := "Call"
	if typ == rpcReply {
		word = "Reply"
	}
	f := Field{Name: "portmap", Label: "Portmap", Kind: FieldProto, Children: rpcProcFields("portmap", rpcProgPortmap, vers, proc, procname)}
	if vers <= 2 && proc == portmapDump && typ == rpcReply {
		portmapDumpReply(&f, r)
		return f
	}
	if vers > 2 || proc != portmapGetPort {
		return f
	}
	if typ == rpcCall {
		prog, pat := r.u32()
		v, vat := r.u32()
		proto, tat := r.u32()
		port, oat := r.u32()
		if r.bad {
			return f
		}
		pname := "Unknown"
		if proto < 256 {
			pname = protoName(uint8(proto))
		}
		f.Children = append(f.Children,
			UintField("portmap.prog", fmt.Sprintf("Program: %s (%d)", rpcProgName(prog), prog), pat, 4, uint64(prog)),
			UintField("portmap.version", fmt.Sprintf("Version: %d", v), vat, 4, uint64(v)),
			UintField("portmap.proto", fmt.Sprintf("Proto: %s (%d)", pname, proto), tat, 4, uint64(proto)),
			UintField("portmap.port", fmt.Sprintf("Port: %d", port), oat, 4, uint64(port)))
		f.Label = fmt.Sprintf("Portmap %s %s %s(%d) Version:%d %s", procname, word, rpcProgName(prog), prog, v, pname)
		out.AppendInfo("", fmt.Sprintf(" %s(%d) V:%d %s", rpcProgName(prog), prog, v, pname))
		return f
	}
	port, oat := r.u32()
	if r.bad {
		return f
	}
	f.Children = append(f.Children, UintField("portmap.port", fmt.Sprintf("Port: %d", port), oat, 4, uint64(port)))
	f.Label = fmt.Sprintf("Portmap %s %s Port:%d", procname, word, port)
	out.AppendInfo("", fmt.Sprintf(" Port:%d", port))
	return f
}

func mountBody(out *Out, vers, proc uint32, procname string, typ rpcMsgType, r *xdr) Field {
	f := Field{Name: "mount", Label: "Mount Service", Kind: FieldProto, Children: rpcProcFields("mount", rpcProgMount, vers, proc, procname)}
	switch {
	case typ == rpcCall && (proc == mountMnt || proc == mountUmnt):
		pf, path := rpcOpaqueField(r, mountMaxPath, "Path", "mount.path", "contents")
		if r.bad {
			return f
		}
		f.Children = append(f.Children, pf)
		out.AppendInfo("", " "+Printable(string(path)))
	case typ == rpcReply && proc == mountMnt:
		st, sat := r.u32()
		if r.bad {
			return f
		}
		name := mountStatus[st]
		if name == "" {
			name = "Unknown"
		}
		f.Children = append(f.Children, UintField("mount.status", fmt.Sprintf("Status: %s (%d)", name, st), sat, 4, uint64(st)))
		if st != 0 {
			out.AppendInfo("", " Error:"+name)
			return f
		}
		if vers == 3 {
			fh, _ := nfsFH(r, "fhandle")
			if !r.bad {
				f.Children = append(f.Children, fh)
			}
		}
	}
	return f
}

// portmapDumpReply lists a v2 DUMP reply's mappings (RFC 1833 §3.2).
func portmapDumpReply(f *Field, r *xdr) {
	for n := 0; n < portmapMaxMaps; n++ {
		follows, fat := r.u32()
		if r.bad {
			return
		}
		yes := "No"
		if follows != 0 {
			yes = "Yes"
		}
		f.Children = append(f.Children, Field{Name: "rpc.value_follows", Label: "Value Follows: " + yes, Start: fat, Len: 4, Kind: FieldBool, Num: uint64(min(follows, 1))})
		if follows == 0 {
			return
		}
		at := r.off
		prog, pat := r.u32()
		v, vat := r.u32()
		proto, tat := r.u32()
		port, oat := r.u32()
		if r.bad {
			return
		}
		pname := "Unknown"
		if proto < 256 {
			pname = protoName(uint8(proto))
		}
		f.Children = append(f.Children, Field{Label: fmt.Sprintf("Map Entry: %s (%d) V%d", rpcProgName(prog), prog, v), Start: at, Len: 16, Children: []Field{
			UintField("portmap.prog", fmt.Sprintf("Program: %s (%d)", rpcProgName(prog), prog), pat, 4, uint64(prog)),
			UintField("portmap.version", fmt.Sprintf("Version: %d", v), vat, 4, uint64(v)),
			UintField("portmap.proto", fmt.Sprintf("Protocol: %s (0x%02x)", pname, proto), tat, 4, uint64(proto)),
			UintField("portmap.port", fmt.Sprintf("Port: %d", port), oat, 4, uint64(port)),
		}})
	}
}
