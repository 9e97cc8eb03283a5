// Command mqtt makes lab__mqtt.pcap's traffic: MQTT 3.1.1 between
// github.com/eclipse/paho.mqtt.golang v1.5.1 clients and a
// github.com/mochi-mqtt/server/v2 v2.7.9 broker on TCP 1883, plus a raw TCP
// client that writes several MQTT packets in one segment and one packet in
// two segments to the same broker.
//
// Run (root; records in a private network namespace whose loopback has an
// Ethernet-sized MTU, so a long message spans segments):
//
//	ip netns add mq && ip -n mq link set lo mtu 1500 up
//	ip netns exec mq ethtool -K lo tso off gso off gro off
//	ip netns exec mq tcpdump -i lo -U -w lab__mqtt.pcap 'tcp port 1883' &
//	ip netns exec mq go run . ; kill %1 ; ip netns del mq
package main

import (
	"bytes"
	"io"
	"log"
	"net"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/hooks/auth"
	"github.com/mochi-mqtt/server/v2/listeners"
)

const broker = "127.0.0.1:1883"

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// wait waits for a paho token and fails on its error.
func wait(t paho.Token) {
	if !t.WaitTimeout(5 * time.Second) {
		log.Fatal("timeout")
	}
	must(t.Error())
}

func client(id string, version uint, keepAlive time.Duration) paho.Client {
	o := paho.NewClientOptions().AddBroker("tcp://" + broker).SetClientID(id).SetProtocolVersion(version).
		SetKeepAlive(keepAlive).SetAutoReconnect(false).SetOrderMatters(true)
	if id == "ladder-sub" {
		o.SetUsername("alice").SetPassword("secret").SetWill("lab/status", "sub gone", 1, true).SetCleanSession(false)
	}
	c := paho.NewClient(o)
	wait(c.Connect())
	return c
}

func main() {
	srv := mochi.New(&mochi.Options{})
	must(srv.AddHook(new(auth.AllowHook), nil))
	must(srv.AddListener(listeners.NewTCP(listeners.Config{ID: "t1", Address: broker})))
	go func() { must(srv.Serve()) }()
	defer srv.Close()
	time.Sleep(200 * time.Millisecond)

	got := make(chan string, 16)
	sub := client("ladder-sub", 4, 2*time.Second)
	wait(sub.SubscribeMultiple(map[string]byte{"lab/+/temp": 1, "lab/blob": 2}, func(_ paho.Client, m paho.Message) {
		got <- m.Topic()
	}))
	wait(sub.Subscribe("lab/status", 0, nil))

	pub := client("ladder-pub", 4, 30*time.Second)
	wait(pub.Publish("lab/room1/temp", 0, false, "21.5"))
	wait(pub.Publish("lab/room2/temp", 1, false, "19.0"))
	wait(pub.Publish("lab/status", 2, true, "online"))
	wait(pub.Publish("lab/blob", 2, false, bytes.Repeat([]byte("0123456789"), 500)))
	for i := 0; i < 3; i++ { // lab/status goes to no handler
		select {
		case <-got:
		case <-time.After(5 * time.Second):
			log.Fatal("message not delivered")
		}
	}
	// An MQTT 3.1 client (protocol name MQIsdp).
	old := client("ladder-v31", 3, 30*time.Second)
	wait(old.Publish("lab/room3/temp", 1, false, "18.25"))
	old.Disconnect(100)

	time.Sleep(2500 * time.Millisecond) // the subscriber's keep-alive: PINGREQ, PINGRESP
	wait(sub.Unsubscribe("lab/+/temp", "lab/blob"))
	pub.Disconnect(100)
	sub.Disconnect(100)
	raw()
	time.Sleep(300 * time.Millisecond)
}

// raw writes CONNECT, SUBSCRIBE and PUBLISH (QoS 1) in one segment, then a
// PUBLISH in two segments and DISCONNECT.
func raw() {
	c, err := net.Dial("tcp", broker)
	must(err)
	defer c.Close()
	var b []byte
	b = append(b, 0x10, 18, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 6, 'r', 'a', 'w', 'c', 'l', 'i')
	b = append(b, 0x82, 10, 0, 7, 0, 5, 'r', 'a', 'w', '/', '#', 1)
	b = append(b, 0x32, 14, 0, 5, 'r', 'a', 'w', '/', 'a', 0, 8, 'h', 'e', 'l', 'l', 'o')
	_, err = c.Write(b)
	must(err)
	// CONNACK, SUBACK, PUBACK and the PUBLISH the subscription echoes back
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	buf := make([]byte, 256)
	n, _ := io.ReadAtLeast(c, buf, 4+5+4)
	log.Printf("raw: %x", buf[:n])
	time.Sleep(200 * time.Millisecond)
	msg := []byte{0x30, 15, 0, 5, 'r', 'a', 'w', '/', 'b', 's', 'p', 'l', 'i', 't', ' ', 'i', 't'}
	_, err = c.Write(msg[:6])
	must(err)
	time.Sleep(100 * time.Millisecond)
	_, err = c.Write(msg[6:])
	must(err)
	time.Sleep(200 * time.Millisecond)
	_, err = c.Write([]byte{0xe0, 0})
	must(err)
	time.Sleep(200 * time.Millisecond)
}
