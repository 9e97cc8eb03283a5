package decode

import (
	"testing"
)

// rsyncStep is one segment of an rsync daemon conversation.
type rsyncStep struct {
	fromServer bool
	data, info string
}

// TestRsyncConversation plays rsync daemon conversations through one
// conversation state. The expected Info texts are tshark 4.0.17's on the
// same bytes: lab__rsync.pcap (real rsync 3.5.0, frames 4-15 and 22-46) and
// lab__rsync-crafted.pcap (the AUTHREQD, EXIT and cut-greeting paths).
func TestRsyncConversation(t *testing.T) {
	const greet = "@RSYNCD: 32.0 sha512 sha256 sha1 md5 md4\n"
	cases := []struct {
		name  string
		steps []rsyncStep
	}{
		{"module listing (lab__rsync.pcap 4-15)", []rsyncStep{
			{true, greet, "Server Initialisation (Version 32.0 sha512 sha256 sha1 md5 md4)"},
			{true, "Welcome to the lab rsync daemon\n", "Server MOTD"},
			{true, "\n", "Server MOTD"},
			{false, greet, "Client Initialisation (Version 32.0 sha512 sha256 sha1 md5 md4)"},
			{false, "\n", "Client Query"},
			{true, "pub            \tpublic files\n", "Module list"},
			{true, "up             \tuploads\nsec            \tprotected\n@RSYNCD: EXIT\n", "Final module list"},
			{true, "more", "Data"},
		}},
		{"module transfer (lab__rsync.pcap 22-34)", []rsyncStep{
			{false, greet, "Client Initialisation (Version 32.0 sha512 sha256 sha1 md5 md4)"},
			{true, greet, "Server Initialisation (Version 32.0 sha512 sha256 sha1 md5 md4)"},
			{true, "\n", "Server MOTD"},
			{false, "pub\n", "Client Query"},
			{true, "@RSYNCD: OK\n", "Data"},
			{false, "--server\n", "Client Command"},
			{false, "\x00\x00\x00\x00", "Client Command"},
		}},
		{"listing answered by AUTHREQD (crafted frames 4-10)", []rsyncStep{
			{true, "@RSYNCD: 31.0\n", "Server Initialisation (Version 31.0)"},
			{false, "@RSYNCD: 31.0\n", "Client Initialisation (Version 31.0)"},
			{false, "\n", "Client Query"},
			{true, "@RSYNCD: AUTHREQD abcdefghijklmnopqrstuv\n", "Authentication"},
			{true, "@RSYNCD: OK\n", "Data"},
		}},
		{"EXIT needs one byte after it (crafted frames 14-21)", []rsyncStep{
			{true, "@RSYNCD: 30.0\n", "Server Initialisation (Version 30.0)"},
			{false, "@RSYNCD: 30.0\n", "Client Initialisation (Version 30.0)"},
			{false, "\n", "Client Query"},
			{true, "pub\tpublic\n@RSYNCD: EXIT", "Module list"},
			{true, "up\tuploads\n@RSYNCD: EXIT\n\n", "Module list"},
			{true, "@RSYNCD: EXIT\n", "Final module list"},
			{true, "x@RSYNCD: EXIT\n", "Data"},
		}},
		{"a cut greeting leaves the state (crafted frames 81-86)", []rsyncStep{
			{true, "@RSY", "[Malformed Packet]"},
			{true, "@RSYNCD: 31.0\n", "Server Initialisation (Version 31.0)"},
			{false, "@RSYNCD:", "[Malformed Packet]"},
			{false, "@RSYNCD: ", "[Malformed Packet]"},
			{false, "@RSYNCD: 31.0\n", "Client Initialisation (Version 31.0)"},
			{false, "x\n", "Client Query"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			for i, s := range c.steps {
				b := []byte(s.data)
				p := PDU{Data: b, Len: len(b), Off: -1, TCP: true, Conv: conv, SrcPort: 40000, DstPort: portRsync}
				if s.fromServer {
					p.SrcPort, p.DstPort = portRsync, 40000
				}
				var out Out
				out.reset(true)
				rsync.Dissect(&p, &out)
				if out.Proto != "RSYNC" || out.Info() != s.info {
					t.Errorf("step %d: got %q %q, want RSYNC %q", i, out.Proto, out.Info(), s.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		})
	}
}

// TestRsyncGreetingText: the version is the rest of the segment read as
// ASCII (bytes above 0x7f are U+FFFD), cut at a NUL, its last byte dropped
// when the converted text has a newline at the segment's last position.
// Expected: tshark 4.0.17 on lab__rsync-crafted.pcap frames 41-62.
func TestRsyncGreetingText(t *testing.T) {
	cases := []struct{ data, info string }{
		{"@RSYNCD: 29\x00.0 junk\n", "Server Initialisation (Version 29)"},
		{"@RSYNCD: 31.0 \xc3\xa9\xff md4\n", "Server Initialisation (Version 31.0 \uFFFD\uFFFD\uFFFD md4\\n)"},
		{"@RSYNCD: 31.0\tx\ry\n\n", "Server Initialisation (Version 31.0\\tx\\ry\\n)"},
		{"@RSYNCD: 31.0", "Server Initialisation (Version 31.0)"},
		{"HELLO there\n", "Server Initialisation (Version re)"},
		{"@RSYNCD: ", "[Malformed Packet]"},
	}
	for _, c := range cases {
		b := []byte(c.data)
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: -1, TCP: true, Conv: &Conv{}, SrcPort: portRsync, DstPort: 40000}
		rsync.Dissect(&p, &out)
		if out.Proto != "RSYNC" || out.Info() != c.info {
			t.Errorf("%q: got %q %q, want RSYNC %q", c.data, out.Proto, out.Info(), c.info)
		}
		checkTree(t, out.Tree, len(b))
	}
}

// FuzzProtoRsync feeds arbitrary bytes to the rsync dissector in every
// state and direction, with and without the tree: no panic, every field
// inside the bytes. Seeded with both rsync captures' payloads.
func FuzzProtoRsync(f *testing.F) {
	for _, name := range []string{"lab__rsync.pcap", "lab__rsync-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload, uint8(0), true)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte, state uint8, fromServer bool) {
		for _, tree := range []bool{false, true} {
			st := &rsyncConv{client: rsyncState(state) % (rsyncData + 1), server: rsyncState(state>>4) % (rsyncData + 1)}
			p := PDU{Data: b, Len: len(b), Off: -1, TCP: true, Conv: &Conv{State: st}, SrcPort: 40000, DstPort: portRsync}
			if fromServer {
				p.SrcPort, p.DstPort = portRsync, 40000
			}
			var out Out
			out.reset(tree)
			if rsync.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
