// Command lab__mptcp-two-paths is the server and the client of lab__mptcp-two-paths.sh:
// "server ADDR" accepts one Multipath TCP connection and answers each line with 1000
// bytes; "client ADDR" sends ten lines 150 ms apart, so the second subflow, opened
// after the server's ADD_ADDR, carries some of them, then closes.
package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: lab__mptcp-two-paths server|client ADDR")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "server":
		var lc net.ListenConfig
		lc.SetMultipathTCP(true)
		ln, err := lc.Listen(context.Background(), "tcp", os.Args[2])
		if err != nil {
			panic(err)
		}
		c, err := ln.Accept()
		if err != nil {
			panic(err)
		}
		r := bufio.NewReader(c)
		for {
			if _, err := r.ReadString('\n'); err != nil {
				break
			}
			c.Write([]byte(strings.Repeat("x", 999) + "\n"))
		}
		c.Close()
	case "client":
		var d net.Dialer
		d.SetMultipathTCP(true)
		c, err := d.Dial("tcp", os.Args[2])
		if err != nil {
			panic(err)
		}
		r := bufio.NewReader(c)
		for i := 0; i < 10; i++ {
			fmt.Fprintf(c, "line %d\n", i)
			if _, err := r.ReadString('\n'); err != nil {
				panic(err)
			}
			time.Sleep(150 * time.Millisecond)
		}
		c.Close()
		time.Sleep(300 * time.Millisecond)
	}
}
