// Command vnc is a small RFB 3.8 client (RFC 6143) that lab__vnc.sh runs
// against a real Xvnc to record lab__vnc.pcap: it reads the server's
// version, answers with its own, picks VNC Authentication (answering the
// challenge with DES as §7.2.2 describes) or None, sends ClientInit, reads
// ServerInit, sets a pixel format and encodings, asks for a full and an
// incremental framebuffer update, and sends a key press and release and a
// pointer move and click.
package main

import (
	"bufio"
	"crypto/des"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:5901", "server address")
	password := flag.String("password", "", "VNC password (empty: security type None)")
	flag.Parse()
	c, err := net.Dial("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	r := bufio.NewReader(c)
	ver := make([]byte, 12)
	must(io.ReadFull(r, ver))
	write(c, []byte("RFB 003.008\n"))
	n := must1(r.ReadByte())
	if n == 0 {
		log.Fatal("server refused: " + readString(r))
	}
	types := make([]byte, n)
	must(io.ReadFull(r, types))
	want := byte(1)
	if *password != "" {
		want = 2
	}
	write(c, []byte{want})
	if want == 2 {
		challenge := make([]byte, 16)
		must(io.ReadFull(r, challenge))
		write(c, vncResponse(*password, challenge))
	}
	var result uint32
	if err := binary.Read(r, binary.BigEndian, &result); err != nil {
		log.Fatal(err)
	}
	if result != 0 {
		log.Fatalf("authentication failed: %s", readString(r))
	}
	write(c, []byte{1}) // ClientInit: shared
	var si struct {
		W, H uint16
		PF   [16]byte
		N    uint32
	}
	if err := binary.Read(r, binary.BigEndian, &si); err != nil {
		log.Fatal(err)
	}
	name := make([]byte, si.N)
	must(io.ReadFull(r, name))
	fmt.Printf("desktop %q %dx%d\n", name, si.W, si.H)

	// SetPixelFormat: 32 bpp, depth 24, little endian, true colour.
	write(c, []byte{0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0})
	// SetEncodings: Raw, CopyRect, and the DesktopSize pseudo-encoding.
	enc := []int32{0, 1, -223}
	m := []byte{2, 0, 0, byte(len(enc))}
	for _, e := range enc {
		m = binary.BigEndian.AppendUint32(m, uint32(e))
	}
	write(c, m)
	update(c, r, si.W, si.H, false)
	// Key press and release of 'a', then pointer move and a button-1 click.
	write(c, []byte{4, 1, 0, 0, 0, 0, 0, 'a'})
	write(c, []byte{4, 0, 0, 0, 0, 0, 0, 'a'})
	write(c, []byte{5, 0, 0, 10, 0, 12})
	write(c, []byte{5, 1, 0, 10, 0, 12})
	write(c, []byte{5, 0, 0, 10, 0, 12})
	update(c, r, si.W, si.H, true)
}

// update sends a FramebufferUpdateRequest and reads the update (Raw and
// CopyRect rectangles at 32 bits per pixel).
func update(c net.Conn, r *bufio.Reader, w, h uint16, incremental bool) {
	inc := byte(0)
	if incremental {
		inc = 1
	}
	m := []byte{3, inc, 0, 0, 0, 0}
	m = binary.BigEndian.AppendUint16(m, w)
	m = binary.BigEndian.AppendUint16(m, h)
	write(c, m)
	c.SetReadDeadline(time.Now().Add(3 * time.Second))
	for {
		t, err := r.ReadByte()
		if err != nil {
			return // an incremental request may go unanswered: the deadline ends it
		}
		if t != 0 {
			log.Fatalf("server message type %d", t)
		}
		hdr := make([]byte, 3)
		must(io.ReadFull(r, hdr))
		for i := 0; i < int(binary.BigEndian.Uint16(hdr[1:])); i++ {
			rh := make([]byte, 12)
			must(io.ReadFull(r, rh))
			rw, rhh := int(binary.BigEndian.Uint16(rh[4:])), int(binary.BigEndian.Uint16(rh[6:]))
			switch int32(binary.BigEndian.Uint32(rh[8:])) {
			case 0:
				must(io.CopyN(io.Discard, r, int64(rw*rhh*4)))
			case 1:
				must(io.CopyN(io.Discard, r, 4))
			}
		}
		return
	}
}

// vncResponse encrypts the challenge with DES keyed by the password's first
// eight bytes, each byte's bits reversed (RFB's VNC Authentication).
func vncResponse(password string, challenge []byte) []byte {
	key := make([]byte, 8)
	copy(key, password)
	for i, b := range key {
		var r byte
		for j := 0; j < 8; j++ {
			r |= (b >> j & 1) << (7 - j)
		}
		key[i] = r
	}
	cb, err := des.NewCipher(key)
	if err != nil {
		log.Fatal(err)
	}
	out := make([]byte, 16)
	cb.Encrypt(out, challenge)
	cb.Encrypt(out[8:], challenge[8:])
	return out
}

func readString(r io.Reader) string {
	var n uint32
	if binary.Read(r, binary.BigEndian, &n) != nil || n > 1024 {
		return ""
	}
	b := make([]byte, n)
	io.ReadFull(r, b)
	return string(b)
}

func write(c net.Conn, b []byte) {
	if _, err := c.Write(b); err != nil {
		log.Fatal(err)
	}
}

func must(_ any, err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func must1[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}
