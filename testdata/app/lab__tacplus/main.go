// Command lab__tacplus records TACACS+ traffic for lab__tacplus.sh with the
// tacquito library (github.com/facebookincubator/tacquito, MIT): "server ADDR"
// serves TACACS+ on ADDR with a small handler, "client ADDR" runs an ASCII
// login, a PAP login, an authorization and accounting start/stop against it,
// once with the body obfuscated by the shared secret and once with the
// unencrypted flag set, each on its own TCP connection.
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"time"

	tq "github.com/facebookincubator/tacquito"
)

var secret = []byte("labsecret")

type logger struct{}

func (logger) Infof(ctx context.Context, f string, a ...any)                {}
func (logger) Errorf(ctx context.Context, f string, a ...any)               { log.Printf(f, a...) }
func (logger) Debugf(ctx context.Context, f string, a ...any)               {}
func (logger) Record(ctx context.Context, r map[string]string, o ...string) {}

type secrets struct{}

func (secrets) Get(ctx context.Context, remote net.Addr) ([]byte, tq.Handler, error) {
	return secret, tq.HandlerFunc(start), nil
}

// start answers a session's first packet.
func start(resp tq.Response, req tq.Request) {
	switch req.Header.Type {
	case tq.Authenticate:
		var s tq.AuthenStart
		if err := tq.Unmarshal(req.Body, &s); err != nil {
			log.Print(err)
			return
		}
		if s.Type == tq.AuthenTypePAP {
			st := tq.AuthenStatusFail
			msg := "bad password"
			if string(s.Data) == "pap-secret" {
				st, msg = tq.AuthenStatusPass, "welcome"
			}
			resp.Reply(tq.NewAuthenReply(tq.SetAuthenReplyStatus(st), tq.SetAuthenReplyServerMsg(msg)))
			return
		}
		resp.Next(tq.HandlerFunc(getPass))
		resp.Reply(tq.NewAuthenReply(tq.SetAuthenReplyStatus(tq.AuthenStatusGetUser), tq.SetAuthenReplyServerMsg("Username: ")))
	case tq.Authorize:
		resp.Reply(tq.NewAuthorReply(tq.SetAuthorReplyStatus(tq.AuthorStatusPassAdd), tq.SetAuthorReplyArgs("priv-lvl=15", "timeout=30")))
	case tq.Accounting:
		resp.Reply(tq.NewAcctReply(tq.SetAcctReplyStatus(tq.AcctReplyStatusSuccess), tq.SetAcctReplyServerMsg("recorded")))
	}
}

func getPass(resp tq.Response, req tq.Request) {
	resp.Next(tq.HandlerFunc(checkPass))
	resp.Reply(tq.NewAuthenReply(tq.SetAuthenReplyStatus(tq.AuthenStatusGetPass), tq.SetAuthenReplyFlag(tq.AuthenReplyFlagNoEcho), tq.SetAuthenReplyServerMsg("Password: ")))
}

func checkPass(resp tq.Response, req tq.Request) {
	resp.Reply(tq.NewAuthenReply(tq.SetAuthenReplyStatus(tq.AuthenStatusPass), tq.SetAuthenReplyServerMsg("Login OK")))
}

func header(t tq.HeaderType, seq int, sid tq.SessionID, clear bool) *tq.Header {
	opts := []tq.HeaderOption{tq.SetHeaderVersion(tq.Version{MajorVersion: tq.MajorVersion, MinorVersion: tq.MinorVersionDefault}),
		tq.SetHeaderType(t), tq.SetHeaderSeqNo(seq), tq.SetHeaderSessionID(sid)}
	if clear {
		opts = append(opts, tq.SetHeaderFlag(tq.UnencryptedFlag))
	}
	return tq.NewHeader(opts...)
}

func send(c *tq.Client, h *tq.Header, body tq.EncoderDecoder) {
	if _, err := c.Send(tq.NewPacket(tq.SetPacketHeader(h), tq.SetPacketBodyUnsafe(body))); err != nil {
		log.Fatal(err)
	}
}

func client(addr string, clear bool, base tq.SessionID) {
	c, err := tq.NewClient(tq.SetClientDialer("tcp", addr, secret))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	// ASCII login: START, GETUSER, CONTINUE user, GETPASS, CONTINUE password, PASS.
	send(c, header(tq.Authenticate, 1, base+1, clear), tq.NewAuthenStart(tq.SetAuthenStartAction(tq.AuthenActionLogin),
		tq.SetAuthenStartPrivLvl(tq.PrivLvlUser), tq.SetAuthenStartType(tq.AuthenTypeASCII), tq.SetAuthenStartService(tq.AuthenServiceLogin),
		tq.SetAuthenStartPort("tty0"), tq.SetAuthenStartRemAddr("192.0.2.7")))
	send(c, header(tq.Authenticate, 3, base+1, clear), tq.NewAuthenContinue(tq.SetAuthenContinueUserMessage("alice")))
	send(c, header(tq.Authenticate, 5, base+1, clear), tq.NewAuthenContinue(tq.SetAuthenContinueUserMessage("wonderland")))
	// PAP login.
	send(c, header(tq.Authenticate, 1, base+2, clear), tq.NewAuthenStart(tq.SetAuthenStartAction(tq.AuthenActionLogin),
		tq.SetAuthenStartPrivLvl(tq.PrivLvlUser), tq.SetAuthenStartType(tq.AuthenTypePAP), tq.SetAuthenStartService(tq.AuthenServicePPP),
		tq.SetAuthenStartUser("bob"), tq.SetAuthenStartPort("vty1"), tq.SetAuthenStartRemAddr("198.51.100.4"), tq.SetAuthenStartData("pap-secret")))
	// Authorization of a shell command.
	send(c, header(tq.Authorize, 1, base+3, clear), tq.NewAuthorRequest(tq.SetAuthorRequestMethod(tq.AuthenMethodTacacsPlus),
		tq.SetAuthorRequestPrivLvl(tq.PrivLvlUser), tq.SetAuthorRequestType(tq.AuthenTypeASCII), tq.SetAuthorRequestService(tq.AuthenServiceLogin),
		tq.SetAuthorRequestUser("alice"), tq.SetAuthorRequestPort("tty0"), tq.SetAuthorRequestRemAddr("192.0.2.7"),
		tq.SetAuthorRequestArgs(tq.Args{"service=shell", "cmd=show", "cmd-arg=version"})))
	// Accounting start and stop.
	for i, f := range []tq.AcctRequestFlag{tq.AcctFlagStart, tq.AcctFlagStop} {
		send(c, header(tq.Accounting, 1, base+4+tq.SessionID(i), clear), tq.NewAcctRequest(tq.SetAcctRequestFlag(f),
			tq.SetAcctRequestMethod(tq.AuthenMethodTacacsPlus), tq.SetAcctRequestPrivLvl(tq.PrivLvlUser), tq.SetAcctRequestType(tq.AuthenTypeASCII),
			tq.SetAcctRequestService(tq.AuthenServiceLogin), tq.SetAcctRequestUser("alice"), tq.SetAcctRequestPort("tty0"),
			tq.SetAcctRequestRemAddr("192.0.2.7"), tq.SetAcctRequestArgs(tq.Args{tq.Arg("task_id=" + fmt.Sprint(40+i)), "service=shell"})))
	}
}

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: lab__tacplus server|client ADDR")
	}
	switch os.Args[1] {
	case "server":
		l, err := net.Listen("tcp", os.Args[2])
		if err != nil {
			log.Fatal(err)
		}
		tq.NewServer(logger{}, secrets{}).Serve(context.Background(), l.(*net.TCPListener))
	case "client":
		client(os.Args[2], false, 0x1000)
		time.Sleep(200 * time.Millisecond)
		client(os.Args[2], true, 0x2000)
	}
}
