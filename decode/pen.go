package decode

// penNames are IANA Private Enterprise Numbers
// (https://www.iana.org/assignments/enterprise-numbers) as Wireshark's
// enterprises table spells them, for the pcapng custom blocks that name
// one. Only numbers seen in custom blocks are here; others read
// "Unknown", as Wireshark reads a number its table lacks.
var penNames = map[uint32]string{
	32473: "Example Enterprise Number for Documentation Use", // RFC 5612
	36724: "Kaplan Research and Application Prototyping",
}

// penName names an enterprise number.
func penName(pen uint32) string {
	if n, ok := penNames[pen]; ok {
		return n
	}
	return "Unknown"
}
