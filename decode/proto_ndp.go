package decode

// Nortel (SynOptics) Discovery Protocol, on LLC SNAP with Nortel's OUI:
// the SNAP protocol ID tells the hello's kind, which is what Wireshark's
// Info shows. The body (IP address, segment, chassis and backplane types)
// is shown as one line, not dissected field by field.

var ndp = &Dissector{Name: "ndp"}

func init() { register(ndp) }

// ndpHello names the SNAP protocol IDs of NDP hellos.
var ndpHello = map[uint16]string{0x01a1: "FlatNet Hello", 0x01a2: "Segment Hello"}

// dissectNDP dissects an NDP hello of SNAP protocol ID pid whose body
// starts at off in the LLC PDU; it reports false for other IDs.
func dissectNDP(pid uint16, body []byte, off int, out *Out) bool {
	name, ok := ndpHello[pid]
	if !ok {
		return false
	}
	out.SetProto("NDP")
	out.SetInfo(name)
	out.Add(Field{Name: "ndp", Label: "Nortel Discovery Protocol", Start: off, Len: len(body), Kind: FieldProto})
	return true
}
