// Command dnp3 makes lab__dnp3-crafted.pcap's and lab__dnp3-crafted-udp.pcap's
// traffic: a small DNP3 (IEEE 1815) master and outstation written here, with
// the standard library only, since no DNP3 implementation was at hand in
// Debian or on the Go module proxy. They speak the link layer (0x0564
// frames, 16-byte data blocks, CRC-16/DNP), the transport layer (FIR/FIN and
// a 6-bit sequence) and a subset of the application layer.
//
//	dnp3 outstation -tcp ADDR:20000      serve one master over TCP
//	dnp3 master -tcp ADDR:20000          run the TCP exchange
//	dnp3 outstation -udp ADDR:20000      answer datagrams
//	dnp3 master -udp ADDR:20000          run the UDP exchange (with a frame
//	                                     whose data CRC is wrong, and a frame
//	                                     cut short, on purpose)
//	dnp3 master -udp ADDR:20000 -more    read more kinds of objects over UDP
//
// lab__dnp3-crafted.sh runs both ends in two network namespaces and records.
package main

import (
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"net"
	"os"
	"time"
)

const (
	masterAddr     = 1
	outstationAddr = 10
)

// crcTable is CRC-16/DNP's (polynomial 0x3D65, reflected 0xA6BC).
var crcTable [256]uint16

func init() {
	for i := range crcTable {
		c := uint16(i)
		for j := 0; j < 8; j++ {
			if c&1 != 0 {
				c = c>>1 ^ 0xA6BC
			} else {
				c >>= 1
			}
		}
		crcTable[i] = c
	}
}

func crc(b []byte) uint16 {
	var c uint16
	for _, x := range b {
		c = c>>8 ^ crcTable[byte(c)^x]
	}
	return ^c
}

func addCRC(dst, b []byte) []byte {
	dst = append(dst, b...)
	return binary.LittleEndian.AppendUint16(dst, crc(b))
}

// frame builds one link-layer frame: header block and data blocks, each
// followed by its CRC.
func frame(ctl byte, dst, src uint16, data []byte) []byte {
	h := []byte{0x05, 0x64, byte(5 + len(data)), ctl, byte(dst), byte(dst >> 8), byte(src), byte(src >> 8)}
	out := addCRC(nil, h)
	for len(data) > 0 {
		n := min(16, len(data))
		out = addCRC(out, data[:n])
		data = data[n:]
	}
	return out
}

// readFrame reads one link frame from a stream and returns its control byte
// and user data (CRCs checked).
func readFrame(r io.Reader) (byte, []byte, error) {
	h := make([]byte, 10)
	if _, err := io.ReadFull(r, h); err != nil {
		return 0, nil, err
	}
	if h[0] != 0x05 || h[1] != 0x64 || crc(h[:8]) != binary.LittleEndian.Uint16(h[8:]) {
		return 0, nil, fmt.Errorf("bad header % x", h)
	}
	n := int(h[2]) - 5
	var data []byte
	for n > 0 {
		k := min(16, n)
		blk := make([]byte, k+2)
		if _, err := io.ReadFull(r, blk); err != nil {
			return 0, nil, err
		}
		if crc(blk[:k]) != binary.LittleEndian.Uint16(blk[k:]) {
			return 0, nil, fmt.Errorf("bad data crc")
		}
		data = append(data, blk[:k]...)
		n -= k
	}
	return h[3], data, nil
}

// segments cuts an application fragment into transport segments of at most
// 249 bytes, each in a link frame of unconfirmed user data.
func segments(ctl byte, dst, src uint16, seq *byte, apdu []byte) []byte {
	var out []byte
	first := true
	for {
		n := min(249, len(apdu))
		th := *seq & 0x3f
		if first {
			th |= 0x40
		}
		if n == len(apdu) {
			th |= 0x80
		}
		*seq++
		out = append(out, frame(ctl, dst, src, append([]byte{th}, apdu[:n]...))...)
		apdu = apdu[n:]
		first = false
		if len(apdu) == 0 {
			return out
		}
	}
}

// readAPDU reads link frames until a transport segment with FIN, returning
// the application fragment; link-only frames are answered by answer.
func readAPDU(r io.Reader, answer func(ctl byte)) ([]byte, error) {
	var apdu []byte
	for {
		ctl, data, err := readFrame(r)
		if err != nil {
			return nil, err
		}
		if len(data) == 0 {
			answer(ctl)
			continue
		}
		if data[0]&0x40 != 0 {
			apdu = apdu[:0]
		}
		apdu = append(apdu, data[1:]...)
		if data[0]&0x80 != 0 {
			return apdu, nil
		}
	}
}

// dnpTime is DNP3's 48-bit time: milliseconds since 1970, little-endian.
func dnpTime(t time.Time) []byte {
	ms := uint64(t.UnixMilli())
	b := binary.LittleEndian.AppendUint64(nil, ms)
	return b[:6]
}

func le16(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }
func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Application function codes.
const (
	fcConfirm      = 0
	fcRead         = 1
	fcWrite        = 2
	fcSelect       = 3
	fcOperate      = 4
	fcDirectOp     = 5
	fcColdRestart  = 13
	fcEnableUnsol  = 20
	fcDisableUnsol = 21
	fcDelayMeas    = 23
	fcResponse     = 129
	fcUnsolicited  = 130
)

type outstation struct {
	w        io.Writer
	tseq     byte
	useq     byte
	split    bool // write the next response frame in two pieces
	unsolOK  bool
	restart  bool
	counters [2]uint32
}

func (o *outstation) iin() []byte {
	var a byte
	if o.restart {
		a |= 0x80 // IIN1.7 device restart
	}
	return []byte{a, 0}
}

func (o *outstation) send(ac, fc byte, objs []byte) {
	apdu := cat([]byte{ac, fc}, o.iin(), objs)
	b := segments(0x44, masterAddr, outstationAddr, &o.tseq, apdu)
	if o.split && len(b) > 40 {
		o.w.Write(b[:40])
		time.Sleep(60 * time.Millisecond)
		o.w.Write(b[40:])
		o.split = false
		return
	}
	o.w.Write(b)
}

func (o *outstation) linkAnswer(ctl byte) {
	switch ctl & 0x0f {
	case 9: // Request Link Status -> Link Status
		o.w.Write(frame(0x0b, masterAddr, outstationAddr, nil))
	case 0, 2: // Reset of Remote Link, Test Link -> ACK
		o.w.Write(frame(0x00, masterAddr, outstationAddr, nil))
	}
}

// staticData is class 0: binary inputs, binary outputs, counters, analog
// inputs and an analog output status.
func (o *outstation) staticData() []byte {
	return cat(
		[]byte{1, 2, 0x00, 0, 3, 0x01, 0x81, 0x01, 0x81}, // g1v2 0..3
		[]byte{10, 2, 0x00, 0, 1, 0x01, 0x81},            // g10v2 0..1
		[]byte{20, 1, 0x00, 0, 1}, []byte{0x01}, le32(o.counters[0]), []byte{0x01}, le32(o.counters[1]),
		[]byte{30, 1, 0x01}, le16(0), le16(2),
		[]byte{0x01}, le32(1234), []byte{0x01}, le32(uint32(0xffffff85)), []byte{0x21}, le32(70000),
		[]byte{30, 5, 0x00, 3, 3, 0x01}, le32(math.Float32bits(21.5)),
		[]byte{40, 1, 0x00, 0, 0, 0x01}, le32(500),
	)
}

func (o *outstation) events() []byte {
	now := time.Now()
	return cat(
		[]byte{2, 2, 0x17, 1, 2, 0x81}, dnpTime(now), // g2v2 index 2
		[]byte{32, 1, 0x28}, le16(1), le16(1), []byte{0x01}, le32(1250), // g32v1
		[]byte{22, 1, 0x17, 1, 0, 0x01}, le32(o.counters[0]), // g22v1
	)
}

// moreObjects are object kinds the integrity poll does not carry: packed
// bits, double-bit inputs, events with relative time after a CTO, binary
// output and analog output events, frozen counters, inputs without flags.
func (o *outstation) moreObjects() []byte {
	now := time.Now()
	return cat(
		[]byte{1, 1, 0x00, 0, 9, 0xa5, 0x02}, // g1v1 0..9 packed
		[]byte{10, 1, 0x00, 0, 3, 0x09},      // g10v1 0..3 packed
		[]byte{3, 1, 0x00, 0, 3, 0x1b},       // g3v1 0..3 two bits each
		[]byte{3, 2, 0x00, 0, 1, 0x41, 0x81}, // g3v2 0..1
		[]byte{2, 1, 0x17, 1, 5, 0x01},       // g2v1
		[]byte{51, 1, 0x07, 1}, dnpTime(now), // g51v1 CTO
		[]byte{2, 3, 0x17, 1, 6, 0x81}, le16(250), // g2v3 relative 250 ms
		[]byte{4, 2, 0x17, 1, 1, 0x81}, dnpTime(now), // g4v2
		[]byte{11, 2, 0x17, 1, 2, 0x81}, dnpTime(now), // g11v2
		[]byte{21, 1, 0x00, 0, 0, 0x01}, le32(77), // g21v1
		[]byte{20, 5, 0x00, 1, 1}, le32(12), // g20v5
		[]byte{20, 2, 0x00, 2, 2, 0x01}, le16(13), // g20v2
		[]byte{30, 3, 0x00, 0, 0}, le32(uint32(0xfffffff6)), // g30v3
		[]byte{30, 2, 0x00, 1, 1, 0x01}, le16(300), // g30v2
		[]byte{32, 3, 0x28}, le16(1), le16(4), []byte{0x01}, le32(99), dnpTime(now), // g32v3
		[]byte{32, 5, 0x17, 1, 5, 0x01}, le32(math.Float32bits(0.125)), // g32v5
		[]byte{42, 1, 0x17, 1, 0, 0x01}, le32(640), // g42v1
		[]byte{40, 2, 0x00, 1, 1, 0x01}, le16(20), // g40v2
		[]byte{40, 3, 0x00, 2, 2, 0x01}, le32(math.Float32bits(2.5)), // g40v3
	)
}

func (o *outstation) serveTCP(c net.Conn) {
	o.w = c
	o.restart = true
	// a null unsolicited response announces the restart
	o.send(0xf0|o.useq&0x0f, fcUnsolicited, nil)
	o.useq++
	for {
		apdu, err := readAPDU(c, o.linkAnswer)
		if err != nil {
			log.Print("outstation: ", err)
			return
		}
		o.handle(apdu)
	}
}

func (o *outstation) handle(apdu []byte) {
	if len(apdu) < 2 {
		return
	}
	ac, fc := apdu[0], apdu[1]
	seq := ac & 0x0f
	objs := apdu[2:]
	resp := func(objs []byte) { o.send(0xc0|seq, fcResponse, objs) }
	switch fc {
	case fcConfirm:
		return
	case fcRead:
		if len(objs) >= 3 && objs[0] == 30 && objs[2] == 0x06 {
			o.multiFragment(seq)
			return
		}
		if len(objs) == 3 && objs[0] == 60 && objs[1] == 4 {
			// a read of class 3 alone (the UDP -more exchange): more
			// kinds of objects
			resp(o.moreObjects())
			return
		}
		var data []byte
		for i := 0; i+3 <= len(objs); i += 3 {
			if objs[i] == 60 && objs[i+1] == 1 {
				data = append(data, o.staticData()...)
			} else if objs[i] == 60 && objs[i+1] == 2 {
				data = append(data, o.events()...)
			}
		}
		if o.split = len(data) > 100; o.split {
			// the class 0 answer: its first link frame goes in two segments
		}
		resp(data)
	case fcWrite:
		if len(objs) >= 6 && objs[0] == 80 {
			o.restart = false
		}
		resp(nil)
	case fcSelect, fcOperate, fcDirectOp:
		o.counters[0]++
		resp(objs) // echo, status 0 = success
	case fcColdRestart:
		resp(cat([]byte{52, 1, 0x07, 1}, le16(2)))
		o.restart = true
	case fcDelayMeas:
		resp(cat([]byte{52, 2, 0x07, 1}, le16(5)))
	case fcEnableUnsol:
		o.unsolOK = true
		resp(nil)
		time.Sleep(50 * time.Millisecond)
		o.send(0xf0|o.useq&0x0f, fcUnsolicited, o.events())
		o.useq++
	case fcDisableUnsol:
		o.unsolOK = false
		resp(nil)
	default:
		o.send(0xc0|seq, fcResponse, nil)
	}
}

// multiFragment answers a read of every analog input with three fragments
// of 100 analog inputs each, every fragment over three transport segments:
// the first fragment's written at once (several link frames in one TCP
// segment), the second's one per TCP segment, its last one together with
// the third fragment's.
func (o *outstation) multiFragment(seq byte) {
	var held []byte
	for f := 0; f < 3; f++ {
		ac := byte(0x20) | seq // CON
		if f == 0 {
			ac |= 0x80
		}
		if f == 2 {
			ac |= 0x40
		}
		start := uint16(f * 100)
		objs := cat([]byte{30, 1, 0x01}, le16(start), le16(start+99))
		for i := 0; i < 100; i++ {
			objs = append(objs, 0x01)
			objs = append(objs, le32(uint32(int(start)+i)*10)...)
		}
		apdu := cat([]byte{ac, fcResponse}, o.iin(), objs)
		b := segments(0x44, masterAddr, outstationAddr, &o.tseq, apdu)
		switch f {
		case 0:
			o.w.Write(b) // three link frames in one TCP segment
		case 1:
			// this fragment's transport segments go one per TCP
			// segment, but for the last, which goes with the next
			// fragment's
			for len(b) > 292 {
				o.w.Write(b[:292])
				b = b[292:]
				time.Sleep(30 * time.Millisecond)
			}
			held = b
		case 2:
			o.w.Write(append(held, b...))
		}
		seq = (seq + 1) & 0x0f
		time.Sleep(40 * time.Millisecond)
	}
}

type master struct {
	c    net.Conn
	tseq byte
	aseq byte
}

func (m *master) request(fc byte, objs []byte) {
	apdu := cat([]byte{0xc0 | m.aseq&0x0f, fc}, objs)
	m.aseq++
	m.c.Write(segments(0xc4, outstationAddr, masterAddr, &m.tseq, apdu))
}

func (m *master) confirm(ac byte) {
	apdu := []byte{0xc0 | ac&0x1f, fcConfirm}
	m.c.Write(segments(0xc4, outstationAddr, masterAddr, &m.tseq, apdu))
}

// response reads application fragments until one answers the last request
// (confirming those that ask for it).
func (m *master) response() []byte {
	for {
		apdu, err := readAPDU(m.c, func(byte) {})
		if err != nil {
			log.Fatal("master: ", err)
		}
		if apdu[0]&0x20 != 0 {
			m.confirm(apdu[0])
		}
		if apdu[1] == fcResponse && apdu[0]&0x40 != 0 {
			return apdu
		}
	}
}

func (m *master) link(ctl byte) {
	m.c.Write(frame(ctl, outstationAddr, masterAddr, nil))
	if _, _, err := readFrame(m.c); err != nil {
		log.Fatal("master link: ", err)
	}
}

func crob(code byte) []byte {
	return cat([]byte{12, 1, 0x28}, le16(1), le16(0), []byte{code, 1}, le32(100), le32(0), []byte{0})
}

func runTCPMaster(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	c.(*net.TCPConn).SetNoDelay(true)
	m := &master{c: c}
	// the outstation's null unsolicited response, confirmed
	apdu, err := readAPDU(c, func(byte) {})
	if err != nil {
		log.Fatal(err)
	}
	m.confirm(apdu[0])
	time.Sleep(20 * time.Millisecond)
	m.link(0xc9) // Request Link Status
	m.link(0xc0) // Reset of Remote Link
	m.request(fcDisableUnsol, []byte{60, 2, 0x06, 60, 3, 0x06, 60, 4, 0x06})
	m.response()
	// clear the restart IIN: write g80v1 index 7 = 0
	m.request(fcWrite, []byte{80, 1, 0x00, 7, 7, 0x00})
	m.response()
	// integrity poll: class 1, 2, 3 then 0
	m.request(fcRead, []byte{60, 2, 0x06, 60, 3, 0x06, 60, 4, 0x06, 60, 1, 0x06})
	m.response()
	// time synchronisation: delay measurement, then write g50v1
	m.request(fcDelayMeas, nil)
	m.response()
	m.request(fcWrite, cat([]byte{50, 1, 0x07, 1}, dnpTime(time.Now())))
	m.response()
	// a CROB by Direct Operate, then by Select and Operate
	m.request(fcDirectOp, crob(0x03))
	m.response()
	m.request(fcSelect, crob(0x81))
	m.response()
	m.request(fcOperate, crob(0x81))
	m.response()
	// an analog output command (g41v2)
	m.request(fcDirectOp, cat([]byte{41, 2, 0x28}, le16(1), le16(0), le16(750), []byte{0}))
	m.response()
	// every analog input: a response in three fragments
	m.request(fcRead, []byte{30, 1, 0x06})
	m.response()
	// enable unsolicited responses; the outstation sends events, confirmed
	m.request(fcEnableUnsol, []byte{60, 2, 0x06, 60, 3, 0x06, 60, 4, 0x06})
	m.response()
	apdu, err = readAPDU(c, func(byte) {})
	if err != nil {
		log.Fatal(err)
	}
	// its confirm and a read of class 1 events in one TCP segment
	confirm := segments(0xc4, outstationAddr, masterAddr, &m.tseq, []byte{0xc0 | apdu[0]&0x1f, fcConfirm})
	read := segments(0xc4, outstationAddr, masterAddr, &m.tseq, []byte{0xc0 | m.aseq&0x0f, fcRead, 60, 2, 0x06})
	m.aseq++
	c.Write(append(confirm, read...))
	m.response()
	m.request(fcColdRestart, nil)
	m.response()
	time.Sleep(50 * time.Millisecond)
	c.Close()
}

func runUDPOutstation(addr string) {
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		log.Fatal(err)
	}
	buf := make([]byte, 2048)
	o := &outstation{}
	for {
		n, peer, err := pc.ReadFrom(buf)
		if err != nil {
			log.Fatal(err)
		}
		ctl, data, err := readFrame(bytesReader(buf[:n]))
		if err != nil {
			log.Print("outstation udp: ", err)
			continue
		}
		o.w = udpWriter{pc, peer}
		if len(data) == 0 {
			o.linkAnswer(ctl)
			continue
		}
		o.handle(data[1:])
	}
}

type udpWriter struct {
	pc   net.PacketConn
	peer net.Addr
}

func (u udpWriter) Write(b []byte) (int, error) { return u.pc.WriteTo(b, u.peer) }

type byteReader struct{ b []byte }

func bytesReader(b []byte) *byteReader { return &byteReader{b} }
func (r *byteReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

func runUDPMaster(addr string, more bool) {
	c, err := net.Dial("udp", addr)
	if err != nil {
		log.Fatal(err)
	}
	var tseq byte
	buf := make([]byte, 2048)
	wait := func() {
		c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		c.Read(buf)
	}
	if more {
		tseq = 20
		c.Write(segments(0xc4, outstationAddr, masterAddr, &tseq, []byte{0xc5, fcRead, 60, 4, 0x06}))
		wait()
		// a read of binary inputs by index and of analog inputs by
		// range, and a Write of the time and an IIN bit together
		c.Write(segments(0xc4, outstationAddr, masterAddr, &tseq, []byte{0xc6, fcRead, 1, 0, 0x17, 2, 3, 7, 30, 0, 0x01, 0, 0, 9, 0}))
		wait()
		c.Write(segments(0xc4, outstationAddr, masterAddr, &tseq, cat([]byte{0xc7, fcWrite, 50, 1, 0x07, 1}, dnpTime(time.Now()), []byte{80, 1, 0x00, 7, 7, 0})))
		wait()
		return
	}
	c.Write(frame(0xc9, outstationAddr, masterAddr, nil))
	wait()
	c.Write(segments(0xc4, outstationAddr, masterAddr, &tseq, []byte{0xc0, fcRead, 60, 1, 0x06}))
	wait()
	c.Write(segments(0xc4, outstationAddr, masterAddr, &tseq, []byte{0xc1, fcRead, 60, 2, 0x06}))
	wait()
	// on purpose: a read whose data block CRC is wrong (not answered)
	bad := segments(0xc4, outstationAddr, masterAddr, &tseq, []byte{0xc2, fcRead, 60, 3, 0x06})
	bad[len(bad)-1] ^= 0x5a
	c.Write(bad)
	wait()
	// on purpose: a frame whose length says more than was sent
	cut := segments(0xc4, outstationAddr, masterAddr, &tseq, []byte{0xc3, fcRead, 60, 1, 0x06, 60, 2, 0x06, 60, 3, 0x06, 60, 4, 0x06})
	c.Write(cut[:len(cut)-6])
	wait()
	// on purpose: a header block whose CRC is wrong
	badh := frame(0xc9, outstationAddr, masterAddr, nil)
	badh[8] ^= 0xff
	c.Write(badh)
	wait()
	c.Write(segments(0xc4, outstationAddr, masterAddr, &tseq, []byte{0xc4, fcDirectOp}))
	c.Write(segments(0xc4, outstationAddr, masterAddr, &tseq, append([]byte{0xc4, fcDirectOp}, crob(0x41)...)))
	wait()
}

func main() {
	log.SetFlags(0)
	if len(os.Args) < 2 {
		log.Fatal("usage: dnp3 master|outstation -tcp ADDR | -udp ADDR")
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	tcp := fs.String("tcp", "", "TCP address")
	udp := fs.String("udp", "", "UDP address")
	more := fs.Bool("more", false, "UDP master: read the outstation's other object kinds instead")
	fs.Parse(os.Args[2:])
	switch {
	case os.Args[1] == "outstation" && *tcp != "":
		ln, err := net.Listen("tcp", *tcp)
		if err != nil {
			log.Fatal(err)
		}
		c, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		c.(*net.TCPConn).SetNoDelay(true)
		(&outstation{}).serveTCP(c)
	case os.Args[1] == "outstation" && *udp != "":
		runUDPOutstation(*udp)
	case os.Args[1] == "master" && *tcp != "":
		runTCPMaster(*tcp)
	case os.Args[1] == "master" && *udp != "":
		runUDPMaster(*udp, *more)
	default:
		log.Fatal("usage: dnp3 master|outstation -tcp ADDR | -udp ADDR")
	}
}
