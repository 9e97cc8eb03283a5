package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestWLANLinkTypes (issue #17): 802.11 data frames arrive under three
// link types. testdata/encap holds real radiotap (127) captures only, so the
// same 802.11 frames are written again bare (DLT 105) and behind a PPI
// header (DLT 192; an 8-byte header naming DLT 105, as the PPI
// specification lays it out), and ladder's Protocol, Info and stream
// numbers must equal tshark's on every frame of each.
func TestWLANLinkTypes(t *testing.T) {
	oracle.Require(t)
	for _, src := range []string{
		"../../testdata/encap/zeek__zeek__testing__btest__Traces__radiotap.pcap",
		"../../testdata/encap/the-tcpdump-group__tcpdump__tests__ieee802.11_htc.pcap",
	} {
		frames := radiotapPayloads(t, src)
		for _, link := range []layers.LinkType{105, 192} {
			name := filepath.Base(src) + "-dlt" + strconv.Itoa(int(link))
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), name+".pcap")
				f, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				w := pcapgo.NewWriter(f)
				if err := w.WriteFileHeader(65535, link); err != nil {
					t.Fatal(err)
				}
				for _, fr := range frames {
					b := fr.data
					if link == 192 {
						ppi := make([]byte, 8, 8+len(b))
						binary.LittleEndian.PutUint16(ppi[2:], 8)   // header length
						binary.LittleEndian.PutUint32(ppi[4:], 105) // DLT of what follows
						b = append(ppi, b...)
					}
					ci := fr.ci
					ci.CaptureLength, ci.Length = len(b), len(b)
					if err := w.WritePacket(ci, b); err != nil {
						t.Fatal(err)
					}
				}
				f.Close()
				compareColumnsAndStreams(t, path)
			})
		}
	}
}

type wlanFrame struct {
	ci   gopacket.CaptureInfo
	data []byte
}

// radiotapPayloads reads a radiotap capture and returns each 802.11 frame
// without its radiotap header (whose length is its bytes 2–3) or FCS.
func radiotapPayloads(t *testing.T, path string) []wlanFrame {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []wlanFrame
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		if len(data) < 8 {
			t.Fatalf("%s: short radiotap frame", path)
		}
		n := int(binary.LittleEndian.Uint16(data[2:]))
		flags := byte(0)
		// Radiotap's Flags field (bit 1 of the present word) follows the
		// TSFT (bit 0, 8 bytes, aligned to 8) when both are present.
		if present := binary.LittleEndian.Uint32(data[4:]); present&2 != 0 && present&(1<<31) == 0 {
			at := 8
			if present&1 != 0 {
				at = 16
			}
			if at < n {
				flags = data[at]
			}
		}
		body := data[n:]
		if flags&0x10 != 0 && len(body) >= 4 { // FCS at the end
			body = body[:len(body)-4]
		}
		out = append(out, wlanFrame{ci, append([]byte(nil), body...)})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no frames", path)
	}
	return out
}

// compareColumnsAndStreams holds ladder's Protocol, Info and stream number
// of every frame of path to tshark's.
func compareColumnsAndStreams(t *testing.T, path string) {
	t.Helper()
	want := strings.Split(strings.TrimRight(oracle.Run(t, "-n", "-r", path, "-T", "fields",
		"-e", "_ws.col.Protocol", "-e", "tcp.stream", "-e", "udp.stream", "-e", "_ws.col.Info"), "\n"), "\n")
	var out, errb bytes.Buffer
	if code := run([]string{"list", path, "--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []struct {
		Protocol string `json:"protocol"`
		Stream   *int   `json:"stream"`
		Info     string `json:"info"`
	}
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("ladder %d rows, tshark %d", len(rows), len(want))
	}
	t.Logf("%d frames; frame 1: %s", len(rows), want[0])
	for k, l := range want {
		f := strings.SplitN(l, "\t", 4)
		if len(f) != 4 {
			t.Fatalf("tshark line %q", l)
		}
		stream := f[1] + f[2]
		if i := strings.LastIndexByte(stream, ','); i >= 0 {
			stream = stream[i+1:] // the innermost conversation's, as ladder numbers it
		}
		got := ""
		if rows[k].Stream != nil {
			got = strconv.Itoa(*rows[k].Stream)
		}
		if rows[k].Protocol != f[0] || got != stream || strings.TrimSpace(rows[k].Info) != strings.TrimSpace(f[3]) {
			t.Errorf("frame %d: ladder %s stream %q %q; tshark %s stream %q %q", k+1, rows[k].Protocol, got, rows[k].Info, f[0], stream, f[3])
		}
	}
}
