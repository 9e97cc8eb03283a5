// Command lab__mptcp-lo writes nothing itself: run it inside a fresh network namespace while tcpdump
// captures loopback, as lab__mptcp-lo.pcap was made (Linux with net.mptcp.enabled=1, Go 1.21+):
//
//	unshare -n sh -c 'ip link set lo up; tcpdump -i lo -w lab__mptcp-lo.pcap -U & sleep 1; go run lab__mptcp-lo.go; sleep 1; kill %1'
//
// One Multipath TCP connection (Go's SetMultipathTCP on both ends) carrying an HTTP request and response.
package main

import (
	"context"
	"io"
	"net"
	"os"
	"time"
)

func main() {
	var lc net.ListenConfig
	lc.SetMultipathTCP(true)
	ln, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:8080")
	if err != nil {
		panic(err)
	}
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		buf := make([]byte, 100)
		n, _ := c.Read(buf)
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
		_ = n
		time.Sleep(100 * time.Millisecond)
		c.Close()
	}()
	var d net.Dialer
	d.SetMultipathTCP(true)
	c, err := d.Dial("tcp", "127.0.0.1:8080")
	if err != nil {
		panic(err)
	}
	c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	io.Copy(os.Stdout, c)
	c.Close()
	time.Sleep(200 * time.Millisecond)
}
