// Command main is the Go WebSocket client of lab__websocket.sh: github.com/gorilla/websocket talking to the
// Python websockets server, with permessage-deflate (gorilla offers it without context takeover).
package main

import (
	"log"
	"os"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

func main() {
	d := websocket.Dialer{EnableCompression: true, HandshakeTimeout: 5 * time.Second}
	c, _, err := d.Dial(os.Args[1], nil)
	if err != nil {
		log.Fatal(err)
	}
	read := func() {
		if _, _, err := c.ReadMessage(); err != nil {
			log.Fatal(err)
		}
	}
	c.SetPongHandler(func(string) error { return nil })
	send := func(kind int, b []byte) {
		if err := c.WriteMessage(kind, b); err != nil {
			log.Fatal(err)
		}
		read()
	}
	send(websocket.TextMessage, []byte(`{"hello":"gorilla","n":1}`))
	send(websocket.TextMessage, []byte(`{"hello":"gorilla","n":1}`))
	send(websocket.BinaryMessage, []byte{0, 1, 2, 3, 4, 5, 6, 7})
	send(websocket.TextMessage, []byte(strings.Repeat("compressible text ", 40)))
	c.EnableWriteCompression(false)
	send(websocket.TextMessage, []byte("not compressed"))
	if err := c.WriteControl(websocket.PingMessage, []byte("gorilla ping"), time.Now().Add(time.Second)); err != nil {
		log.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseGoingAway, "gorilla leaves"),
		time.Now().Add(time.Second))
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	for {
		if _, _, err := c.ReadMessage(); err != nil {
			break
		}
	}
	c.Close()
}
