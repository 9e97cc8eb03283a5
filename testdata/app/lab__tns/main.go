// Command lab__tns records real Oracle TNS connection attempts for lab__tns.sh: the client is
// github.com/sijms/go-ora/v2 (a pure-Go Oracle driver); there is no Oracle listener here, so the other end
// is a small responder written from the TNS packet layout (8-byte header: length, packet checksum, type,
// flags, header checksum) that answers a Connect by the service it names: REFUSEME gets a Refuse carrying
// the listener's ORA-12514 description, MOVED a Redirect to the same address (whose repeated Connect is then
// refused), RESEND a Resend (the client sends its Connect again, which is then refused).
//
//	go run . server ADDRESS:PORT   (in the server's namespace)
//	go run . client ADDRESS:PORT   (in the client's namespace)
package main

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	_ "github.com/sijms/go-ora/v2"
)

func packet(typ byte, body []byte) []byte {
	h := make([]byte, 8, 8+len(body))
	binary.BigEndian.PutUint16(h, uint16(8+len(body)))
	h[4] = typ
	return append(h, body...)
}

func refuse(reason string) []byte {
	d := "(DESCRIPTION=(TMP=)(VSNNUM=0)(ERR=12514)(ERROR_STACK=(ERROR=(CODE=12514)(EMFI=4))))"
	if reason != "" {
		d = reason
	}
	b := []byte{0x22, 0x22, 0, 0}
	binary.BigEndian.PutUint16(b[2:], uint16(len(d)))
	return packet(4, append(b, d...))
}

func redirect(addr string) []byte {
	d := "(ADDRESS=(PROTOCOL=TCP)(HOST=" + strings.Split(addr, ":")[0] + ")(PORT=1521))"
	b := []byte{0, 0}
	binary.BigEndian.PutUint16(b, uint16(len(d)))
	return packet(5, append(b, d...))
}

// readPacket reads one TNS packet (16-bit length: no Accept is ever sent, so
// the 32-bit lengths of version 315 never apply).
func readPacket(c net.Conn) ([]byte, error) {
	h := make([]byte, 8)
	if _, err := io.ReadFull(c, h); err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint16(h))
	if n < 8 {
		return nil, fmt.Errorf("bad length %d", n)
	}
	b := make([]byte, n-8)
	if _, err := io.ReadFull(c, b); err != nil {
		return nil, err
	}
	return append(h, b...), nil
}

var (
	mu    sync.Mutex
	moved = map[string]bool{}
)

func serve(c net.Conn, addr string) {
	defer c.Close()
	resent := false
	var connect []byte
	for {
		p, err := readPacket(c)
		if err != nil {
			return
		}
		switch p[4] {
		case 1:
			connect = p
		case 6:
			// connect data longer than the Connect packet holds follows in a Data packet
			connect = append(connect, p[10:]...)
		default:
			continue
		}
		s := strings.ToUpper(string(connect))
		if !strings.Contains(s, "(DESCRIPTION") || !strings.HasSuffix(strings.TrimRight(s, "\x00"), ")") {
			continue // the rest of the connect data is still to come
		}
		switch {
		case strings.Contains(s, "SERVICE_NAME=RESEND") && !resent:
			resent = true
			c.Write(packet(11, nil))
			continue
		case strings.Contains(s, "SERVICE_NAME=MOVED"):
			mu.Lock()
			first := !moved[c.RemoteAddr().String()[:strings.LastIndex(c.RemoteAddr().String(), ":")]]
			moved[c.RemoteAddr().String()[:strings.LastIndex(c.RemoteAddr().String(), ":")]] = true
			mu.Unlock()
			if first {
				c.Write(redirect(addr))
				return
			}
		}
		c.Write(refuse(""))
		return
	}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: lab__tns server|client ADDRESS:PORT")
		os.Exit(2)
	}
	addr := os.Args[2]
	if os.Args[1] == "server" {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			panic(err)
		}
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go serve(c, addr)
		}
	}
	for _, svc := range []string{"REFUSEME", "MOVED", "RESEND"} {
		db, err := sql.Open("oracle", "oracle://scott:tiger@"+addr+"/"+svc+"?CONNECTION TIMEOUT=3")
		if err != nil {
			panic(err)
		}
		err = db.Ping()
		fmt.Println(svc, err)
		db.Close()
		time.Sleep(200 * time.Millisecond)
	}
}
