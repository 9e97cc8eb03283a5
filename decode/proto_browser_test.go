package decode

import (
	"encoding/hex"
	"testing"
)

// TestBrowserDetailsMatchPDML checks the NetBIOS datagram, mailslot and
// browser layers of testdata/app/the-tcpdump-group__tcpdump__tests__
// eapon1.pcap against tshark 4.0: the columns of frames 1, 3, 7 and 82 and
// frame 7's PDML (names, labels, positions, sizes).
func TestBrowserDetailsMatchPDML(t *testing.T) {
	_, w := appWalker(t, "the-tcpdump-group__tcpdump__tests__eapon1.pcap")
	for frame, info := range map[int]string{
		1:  "Request Announcement DJP95S0J",
		3:  "Domain/Workgroup Announcement ARBEITSGRUPPE, NT Workstation, Domain Enum",
		7:  "Local Master Announcement DJP95S0J, Workstation, Server, NT Workstation, Potential Browser, Master Browser",
		82: "Browser Election Request",
	} {
		if res := w.At(frame-1, false); res.Proto != "BROWSER" || res.Info != info {
			t.Errorf("frame %d: %q %q, want BROWSER %q", frame, res.Proto, res.Info, info)
		}
	}
	res := w.At(6, true)
	for _, c := range []struct {
		name, label string
		pos, size   int
	}{
		{"nbdgm", "NetBIOS Datagram Service", 42, 82},
		{"nbdgm.type", "Message Type: Direct_group datagram (17)", 42, 1},
		{"nbdgm.dgram_id", "Datagram ID: 0x8922", 44, 2},
		{"nbdgm.src.ip", "Source IP: 192.168.1.249", 46, 4},
		{"nbdgm.src.port", "Source Port: 138", 50, 2},
		{"nbdgm.source_name", "Source name: DJP95S0J<20> (Server service)", 56, 34},
		{"nbdgm.destination_name", "Destination name: ARBEITSGRUPPE<1e> (Browser Election Service)", 90, 34},
		{"smb.server_component", "Server Component: SMB", 124, 4},
		{"smb.cmd", "SMB Command: Trans (0x25)", 128, 1},
		{"smb.trans_name", `Transaction Name: \MAILSLOT\BROWSE`, 193, 17},
		{"mailslot", "SMB MailSlot Protocol", 185, 25},
		{"mailslot.opcode", "Opcode: Write Mail Slot (1)", 185, 2},
		{"mailslot.name", `Mailslot Name: \MAILSLOT\BROWSE`, 193, 17},
		{"browser", "Microsoft Windows Browser Protocol", 210, 33},
		{"browser.command", "Command: Local Master Announcement (0x0f)", 210, 1},
		{"browser.update_count", "Update Count: 0", 211, 1},
		{"browser.period", "Update Periodicity: 12 minutes", 212, 4},
		{"browser.server", "Host Name: DJP95S0J", 216, 16},
		{"browser.os_major", "OS Major Version: 5", 232, 1},
		{"browser.os_minor", "OS Minor Version: 1", 233, 1},
		{"browser.server_type", "Server Type: 0x00051003, Workstation, Server, NT Workstation, Potential Browser, Master Browser", 234, 4},
	} {
		f := findField(res.Tree, c.name)
		if f == nil || f.Label != c.label || f.Start != c.pos || f.Len != c.size {
			t.Errorf("%s: %+v, want %q %d/%d", c.name, f, c.label, c.pos, c.size)
		}
	}
}

// FuzzProtoBrowser feeds arbitrary datagrams to the NetBIOS datagram /
// SMB mailslot / browser reader: no panic.
func FuzzProtoBrowser(f *testing.F) {
	// the UDP payload of eapon1.pcap frame 7 (a Local Master Announcement)
	b, _ := hex.DecodeString("110e8922c0a801f9008a00bb0000204545454b4641444a444646444441454b4341434143414341434143414341434100204542464345434546454a4645464445484643464646414641454643414341424f00ff534d422500000000000000000000000000000000000000000000000000000011000021000000000000000000e803000000000000000021005600030001000000020032005c4d41494c534c4f545c42524f575345000f0080fc0a00444a50393553304a000072006f0073000501031005000f0155aa00")
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			browserDissect(&PDU{Data: b, Len: len(b)}, &out)
		}
	})
}
