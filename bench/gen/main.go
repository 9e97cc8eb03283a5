// Command gen produces the benchmark captures from real traffic: many short
// HTTP-like TCP connections over the loopback interface of a private network
// namespace, recorded by tcpdump. A fixed share of the connections is
// refused (SYN to a closed port) and a fixed share is aborted by the client
// with a reset, so the capture exercises every part of ladder's analysis.
//
// Run it as root through bench/gen.sh, which makes the namespace and starts
// tcpdump; on its own it only generates the traffic:
//
//	gen -conns 30000 -parallel 64 -seed 1
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	conns := flag.Int("conns", 30000, "number of client connections")
	parallel := flag.Int("parallel", 64, "connections in flight at once")
	seed := flag.Uint64("seed", 1, "random seed for request and response sizes")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:8080")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	go serve(ln)

	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Int64
	for w := 0; w < *parallel; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				n := next.Add(1) - 1
				if n >= int64(*conns) {
					return
				}
				r := rand.New(rand.NewPCG(*seed, uint64(n)))
				if err := client(r, n); err != nil {
					failed.Add(1)
				}
			}
		}(w)
	}
	wg.Wait()
	fmt.Fprintf(os.Stderr, "gen: %d connections, %d failed as intended or otherwise\n", *conns, failed.Load())
}

// client runs connection n: 1 in 20 is refused, 1 in 10 is aborted with a
// reset after the response starts, the rest are request/response exchanges
// of a few kilobytes closed with FINs.
func client(r *rand.Rand, n int64) error {
	if n%20 == 7 {
		c, err := net.Dial("tcp", "127.0.0.1:8081") // nothing listens: RST/ACK
		if err == nil {
			c.Close()
		}
		return err
	}
	c, err := net.Dial("tcp", "127.0.0.1:8080")
	if err != nil {
		return err
	}
	tc := c.(*net.TCPConn)
	defer tc.Close()
	reqLen := 100 + r.IntN(900)
	respLen := 200 + r.IntN(50000)
	req := make([]byte, reqLen)
	copy(req, fmt.Sprintf("GET /%d HTTP/1.1\r\nX-Len: %08d\r\n\r\n", n, respLen))
	if _, err := tc.Write(req); err != nil {
		return err
	}
	if n%10 == 3 {
		buf := make([]byte, 100)
		io.ReadFull(tc, buf)
		tc.SetLinger(0) // abort: the server's remaining data draws resets
		return nil
	}
	_, err = io.Copy(io.Discard, tc)
	return err
}

func serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func(c net.Conn) {
			defer c.Close()
			c.SetDeadline(time.Now().Add(10 * time.Second))
			buf := make([]byte, 2048)
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			var id, size int
			fmt.Sscanf(string(buf[:n]), "GET /%d HTTP/1.1\r\nX-Len: %d", &id, &size)
			size = min(max(size, 0), 1<<20)
			resp := make([]byte, size)
			copy(resp, "HTTP/1.1 200 OK\r\n\r\n")
			c.Write(resp)
		}(c)
	}
}
