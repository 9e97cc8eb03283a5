package decode

// SDP (RFC 8866) as Wireshark 4.0's sdp dissector shows the body of a SIP
// message: one line per field, named by its type letter ("Connection
// Information (c): IN IP4 192.168.1.2"), attributes after the first m=
// line being media attributes. It writes nothing to the Info column; SIP
// names the Protocol column "SIP/SDP". Hand-written: gopacket has no SDP
// layer. Only reached through SIP's body (proto_sip.go).

// sdpLineField is the field and label of each SDP line type, before and
// after the first media description.
var sdpLineField = map[byte][2]string{
	'v': {"sdp.version", "Session Description Protocol Version (v)"},
	'o': {"sdp.owner", "Owner/Creator, Session Id (o)"},
	's': {"sdp.session_name", "Session Name (s)"},
	'i': {"sdp.session_info", "Session Information (i)"},
	'u': {"sdp.uri", "URI of Description (u)"},
	'e': {"sdp.email", "E-mail Address (e)"},
	'p': {"sdp.phone", "Phone Number (p)"},
	'c': {"sdp.connection_info", "Connection Information (c)"},
	'b': {"sdp.bandwidth", "Bandwidth Information (b)"},
	'z': {"sdp.timezone", "Time Zone Adjustments (z)"},
	'k': {"sdp.encryption_key", "Encryption Key (k)"},
	'a': {"sdp.session_attr", "Session Attribute (a)"},
	't': {"sdp.time", "Time Description, active time (t)"},
	'r': {"sdp.repeat_time", "Repeat Time (r)"},
	'm': {"sdp.media", "Media Description, name and address (m)"},
}

// sdpMaxLines bounds the lines read from one description.
const sdpMaxLines = 1024

// sdpTree is the SDP layer of body, which starts at off in its PDU.
func sdpTree(body []byte, off int) Field {
	top := Field{Name: "sdp", Label: "Session Description Protocol", Start: off, Len: len(body), Kind: FieldProto}
	media := false
	for pos, i := 0, 0; pos < len(body) && i < sdpMaxLines; i++ {
		n, next, _ := httpLineEnd(body, pos)
		line := body[pos : pos+n]
		if n >= 2 && line[1] == '=' {
			name, label := "sdp.unknown", "Unknown"
			if f, ok := sdpLineField[line[0]]; ok {
				name, label = f[0], f[1]
			}
			switch {
			case line[0] == 'm':
				media = true
			case line[0] == 'a' && media:
				name, label = "sdp.media_attr", "Media Attribute (a)"
			case line[0] == 'i' && media:
				name, label = "sdp.media_title", "Media Title (i)"
			}
			v := string(line[2:])
			top.Children = append(top.Children, StrField(name, label+": "+Printable(v), off+pos, n, v))
		} else if n > 0 {
			top.Children = append(top.Children, StrField("sdp.invalid", "Invalid line: "+Printable(string(line)), off+pos, n, string(line)))
		}
		pos = next
	}
	return top
}

// sdpFields are the fields sdpTree gives, for the filter compiler.
var sdpFields = func() []FieldDef {
	fs := []FieldDef{
		{Name: "sdp.media_attr", Desc: "Media Attribute (a)", Kind: FieldString},
		{Name: "sdp.media_title", Desc: "Media Title (i)", Kind: FieldString},
		{Name: "sdp.unknown", Desc: "Unknown", Kind: FieldString},
		{Name: "sdp.invalid", Desc: "Invalid line", Kind: FieldString},
	}
	for _, f := range sdpLineField {
		fs = append(fs, FieldDef{Name: f[0], Desc: f[1], Kind: FieldString})
	}
	return fs
}()
