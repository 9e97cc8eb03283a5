// Command modbus makes lab__modbus.pcap's traffic: a Modbus/TCP server and
// client from github.com/simonvetter/modbus v1.6.4 talking over TCP 502, plus
// a raw TCP client that sends the same server two requests in one segment, a
// request split over two segments and a function code the server does not
// implement (answered with an Illegal Function exception).
//
// Run (root; records in a private network namespace's loopback):
//
//	ip netns add mb && ip -n mb link set lo up
//	ip netns exec mb tcpdump -i lo -U -w lab__modbus.pcap 'tcp port 502' &
//	ip netns exec mb go run . ; kill %1 ; ip netns del mb
package main

import (
	"errors"
	"io"
	"log"
	"net"
	"time"

	"github.com/simonvetter/modbus"
)

// plc is a small register map: 64 coils, 64 discrete inputs, 64 holding and
// 64 input registers; addresses beyond 63 get Illegal Data Address.
type plc struct {
	coils   [64]bool
	holding [64]uint16
}

var errRange = modbus.ErrIllegalDataAddress

func inRange(addr, n uint16) bool { return int(addr)+int(n) <= 64 }

func (p *plc) HandleCoils(r *modbus.CoilsRequest) ([]bool, error) {
	if !inRange(r.Addr, r.Quantity) {
		return nil, errRange
	}
	if r.IsWrite {
		copy(p.coils[r.Addr:], r.Args)
		return nil, nil
	}
	return append([]bool(nil), p.coils[r.Addr:r.Addr+r.Quantity]...), nil
}

func (p *plc) HandleDiscreteInputs(r *modbus.DiscreteInputsRequest) ([]bool, error) {
	if !inRange(r.Addr, r.Quantity) {
		return nil, errRange
	}
	out := make([]bool, r.Quantity)
	for i := range out {
		out[i] = (int(r.Addr)+i)%3 == 0
	}
	return out, nil
}

func (p *plc) HandleHoldingRegisters(r *modbus.HoldingRegistersRequest) ([]uint16, error) {
	if !inRange(r.Addr, r.Quantity) {
		return nil, errRange
	}
	if r.IsWrite {
		copy(p.holding[r.Addr:], r.Args)
		return nil, nil
	}
	return append([]uint16(nil), p.holding[r.Addr:r.Addr+r.Quantity]...), nil
}

func (p *plc) HandleInputRegisters(r *modbus.InputRegistersRequest) ([]uint16, error) {
	if !inRange(r.Addr, r.Quantity) {
		return nil, errRange
	}
	out := make([]uint16, r.Quantity)
	for i := range out {
		out[i] = 1000 + r.Addr + uint16(i)
	}
	return out, nil
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// expect wants err to be the exception e.
func expect(err, e error) {
	if !errors.Is(err, e) {
		log.Fatalf("got %v, want %v", err, e)
	}
}

func main() {
	srv, err := modbus.NewServer(&modbus.ServerConfiguration{URL: "tcp://127.0.0.1:502", Timeout: 10 * time.Second, MaxClients: 4}, &plc{})
	must(err)
	must(srv.Start())
	defer srv.Stop()

	c, err := modbus.NewClient(&modbus.ClientConfiguration{URL: "tcp://127.0.0.1:502", Timeout: 2 * time.Second})
	must(err)
	must(c.Open())
	must(c.WriteCoil(3, true))
	must(c.WriteCoils(8, []bool{true, false, true, true, false, false, true, true, true, false}))
	_, err = c.ReadCoils(0, 20)
	must(err)
	_, err = c.ReadDiscreteInputs(5, 11)
	must(err)
	must(c.WriteRegister(1, 0xbeef))
	must(c.WriteRegisters(10, []uint16{1, 2, 3, 4, 5}))
	_, err = c.ReadRegisters(0, 16, modbus.HOLDING_REGISTER)
	must(err)
	_, err = c.ReadRegisters(4, 3, modbus.INPUT_REGISTER)
	must(err)
	must(c.SetUnitId(17))
	_, err = c.ReadRegisters(60, 10, modbus.HOLDING_REGISTER) // beyond the map
	expect(err, modbus.ErrIllegalDataAddress)
	_, err = c.ReadCoils(100, 1)
	expect(err, modbus.ErrIllegalDataAddress)
	must(c.Close())

	raw, err := net.Dial("tcp", "127.0.0.1:502")
	must(err)
	defer raw.Close()
	// Transaction 0x0101 reads 2 holding registers, 0x0102 2 input
	// registers: both in one write, so one segment.
	send(raw, []byte{0x01, 0x01, 0, 0, 0, 6, 1, 3, 0, 10, 0, 2, 0x01, 0x02, 0, 0, 0, 6, 1, 4, 0, 0, 0, 2})
	recv(raw, 2)
	// Transaction 0x0103, Write Single Register, in two segments.
	send(raw, []byte{0x01, 0x03, 0, 0, 0, 6, 1})
	time.Sleep(100 * time.Millisecond)
	send(raw, []byte{6, 0, 2, 0x12, 0x34})
	recv(raw, 1)
	// Transaction 0x0104, Read Device Identification (43/14), which the
	// server does not implement: Illegal Function.
	send(raw, []byte{0x01, 0x04, 0, 0, 0, 5, 1, 0x2b, 0x0e, 1, 0})
	recv(raw, 1)
}

func send(c net.Conn, b []byte) {
	_, err := c.Write(b)
	must(err)
}

// recv reads n responses (MBAP header and body each).
func recv(c net.Conn, n int) {
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	for ; n > 0; n-- {
		h := make([]byte, 7)
		_, err := io.ReadFull(c, h)
		must(err)
		body := make([]byte, int(h[4])<<8|int(h[5])-1)
		_, err = io.ReadFull(c, body)
		must(err)
		log.Printf("response %x %x", h, body)
	}
}
