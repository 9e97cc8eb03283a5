// Command lab__xmpp is the XMPP client of lab__xmpp.sh: it logs in to the
// lab's prosody as alice@example.com, sends a presence, a chat message and
// iq gets (version, roster, disco, ping, vCard) and closes the
// stream. -starttls upgrades the stream with STARTTLS first (the server's
// certificate is self-signed, so it is not verified); without it the session
// stays in clear text so that every stanza is visible on the wire.
package main

import (
	"crypto/tls"
	"flag"
	"log"
	"time"

	xmpp "github.com/xmppo/go-xmpp"
)

func main() {
	addr := flag.String("addr", "10.13.0.1:5222", "server address")
	starttls := flag.Bool("starttls", false, "upgrade with STARTTLS")
	flag.Parse()
	opts := xmpp.Options{
		Host:                         *addr,
		User:                         "alice@example.com",
		Password:                     "wonderland",
		NoTLS:                        true,
		StartTLS:                     *starttls,
		InsecureAllowUnencryptedAuth: !*starttls,
		TLSConfig:                    &tls.Config{ServerName: "example.com", InsecureSkipVerify: true},
		Resource:                     "lab",
		Session:                      true,
		Mechanism:                    "PLAIN", // SASL PLAIN: the credentials are lab-only
		NoSASLUpgrade:                true,
	}
	c, err := opts.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		for {
			if _, err := c.Recv(); err != nil {
				return
			}
		}
	}()
	if _, err := c.SendPresence(xmpp.Presence{Show: "chat", Status: "in the lab"}); err != nil {
		log.Fatal(err)
	}
	if _, _, err := c.Send(xmpp.Chat{Remote: "bob@example.com", Type: "chat", Text: "hello bob"}); err != nil {
		log.Fatal(err)
	}
	// iq gets the server answers: software version, roster, service
	// discovery, ping and a vCard (not served here: an error result)
	for _, q := range []struct{ id, xml string }{
		{"v1", `<query xmlns="jabber:iq:version"/>`},
		{"r1", `<query xmlns="jabber:iq:roster"/>`},
		{"d1", `<query xmlns="http://jabber.org/protocol/disco#info"/>`},
		{"d2", `<query xmlns="http://jabber.org/protocol/disco#items"/>`},
		{"p1", `<ping xmlns="urn:xmpp:ping"/>`},
		{"c1", `<vCard xmlns="vcard-temp"/>`},
	} {
		if _, err := c.RawInformation("alice@example.com/lab", "example.com", q.id, xmpp.IQTypeGet, q.xml); err != nil {
			log.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	c.Close()
	time.Sleep(200 * time.Millisecond)
}
