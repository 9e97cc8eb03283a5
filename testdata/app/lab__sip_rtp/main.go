// Command lab__sip_rtp makes testdata/app/lab__sip_rtp.pcap: a real SIP call
// between two user agents built with github.com/emiago/diago (on
// github.com/emiago/sipgo), each in its own network namespace. The caller
// sends an INVITE with an SDP offer (PCMU, PCMA, telephone-event/8000), the
// callee answers 100/180/200 with its SDP, the caller ACKs; both sides then
// send one second of G.711 µ-law audio, the caller sends the DTMF digits
// "1" and "#" as RFC 4733 events, both keep the session up until diago's
// 5-second RTCP timer has sent a Sender Report each way, and the caller
// hangs up with BYE.
//
// Run by ../lab__sip_rtp.sh (its own module so ladder gains no dependency):
//
//	go build -o /tmp/siprtp . && sh ../lab__sip_rtp.sh /tmp/siprtp
//
// "siprtp callee ADDR" answers calls on ADDR:5060; "siprtp caller ADDR
// PEER" calls sip:echo@PEER:5060 from ADDR:5060.
//
// The modes "early-callee" and "early-caller" make
// testdata/app/lab__sip_rtp_early.pcap (../lab__sip_rtp_early.sh): the
// callee answers 183 Session Progress with its SDP and sends early audio
// before its 200 OK; once connected the caller puts the call on hold
// (re-INVITE with a=sendonly), takes it off hold (a=sendrecv), sending
// audio in each phase, and hangs up.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/emiago/diago"
	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// audioFor is how long each side sends audio; holdFor keeps the call up
// past the first RTCP report (diago's RTCP timer ticks every 5 s).
const (
	audioFor = time.Second
	holdFor  = 5500 * time.Millisecond
	frame    = 20 * time.Millisecond
)

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: siprtp callee ADDR | siprtp caller ADDR PEER")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "callee":
		err = callee(os.Args[2])
	case "caller", "early-caller":
		if len(os.Args) < 4 {
			err = fmt.Errorf("caller needs ADDR and PEER")
		} else if os.Args[1] == "caller" {
			err = caller(os.Args[2], os.Args[3])
		} else {
			err = earlyCaller(os.Args[2], os.Args[3])
		}
	case "early-callee":
		err = earlyCallee(os.Args[2])
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		slog.Error("siprtp", "error", err)
		os.Exit(1)
	}
}

func newDiago(name, addr string) (*diago.Diago, error) {
	ua, err := sipgo.NewUA(sipgo.WithUserAgent(name))
	if err != nil {
		return nil, err
	}
	return diago.NewDiago(ua, diago.WithTransport(diago.Transport{
		Transport: "udp", BindHost: addr, BindPort: 5060,
	})), nil
}

// sendAudio writes d of µ-law silence-ish tone (a repeating ramp) one
// 20 ms frame at a time, as a phone would.
func sendAudio(med *diago.DialogMedia, d time.Duration, seed byte) error {
	w, err := med.AudioWriter()
	if err != nil {
		return err
	}
	buf := make([]byte, 160)
	t := time.NewTicker(frame)
	defer t.Stop()
	for i := 0; i < int(d/frame); i++ {
		for k := range buf {
			buf[k] = seed + byte(k%16)
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
		<-t.C
	}
	return nil
}

// drain reads the peer's audio so that the session's read statistics (and
// so the RTCP report blocks) are kept.
func drain(med *diago.DialogMedia) {
	r, err := med.AudioReader()
	if err != nil {
		return
	}
	buf := make([]byte, 1500)
	for {
		if _, err := r.Read(buf); err != nil {
			return
		}
	}
}

func callee(addr string) error {
	dg, err := newDiago("ladder-lab-callee", addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan struct{})
	err = dg.ServeBackground(ctx, func(in *diago.DialogServerSession) {
		defer close(done)
		in.Trying()
		in.Ringing()
		med, err := in.Answer(diago.AnswerOptions{})
		if err != nil {
			slog.Error("answer", "error", err)
			return
		}
		go drain(med)
		if err := sendAudio(med, audioFor, 0x70); err != nil {
			slog.Error("audio", "error", err)
		}
		<-in.Context().Done() // the caller's BYE
	})
	if err != nil {
		return err
	}
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	time.Sleep(200 * time.Millisecond)
	return nil
}

func caller(addr, peer string) error {
	dg, err := newDiago("ladder-lab-caller", addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := dg.ServeBackground(ctx, func(*diago.DialogServerSession) {}); err != nil {
		return err
	}
	var to sip.Uri
	if err := sip.ParseUri("sip:echo@"+peer+":5060", &to); err != nil {
		return err
	}
	start := time.Now()
	d, med, err := dg.Invite(ctx, to, diago.InviteOptions{Transport: "udp"})
	if err != nil {
		return err
	}
	go drain(med)
	if err := sendAudio(med, audioFor, 0x10); err != nil {
		return err
	}
	dtmf, err := med.AudioWriterDTMF()
	if err != nil {
		return err
	}
	for _, digit := range "1#" {
		if err := dtmf.WriteDTMF(digit); err != nil {
			return err
		}
	}
	time.Sleep(time.Until(start.Add(holdFor)))
	return d.Hangup(ctx)
}

func earlyCallee(addr string) error {
	dg, err := newDiago("ladder-lab-callee", addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan struct{})
	err = dg.ServeBackground(ctx, func(in *diago.DialogServerSession) {
		defer close(done)
		in.Trying()
		med, err := in.ProgressMedia(diago.ProgressMediaOptions{})
		if err != nil {
			slog.Error("183", "error", err)
			return
		}
		if err := sendAudio(med, earlyFor, 0x50); err != nil {
			slog.Error("early audio", "error", err)
		}
		if err := in.AnswerEarlyMedia(med, diago.AnswerOptions{}); err != nil {
			slog.Error("answer", "error", err)
			return
		}
		go drain(med)
		if err := sendAudio(med, earlyFor, 0x70); err != nil {
			slog.Error("audio", "error", err)
		}
		<-in.Context().Done()
	})
	if err != nil {
		return err
	}
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	time.Sleep(200 * time.Millisecond)
	return nil
}

// earlyFor is each phase's audio in the early-media call.
const earlyFor = 300 * time.Millisecond

func earlyCaller(addr, peer string) error {
	dg, err := newDiago("ladder-lab-caller", addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := dg.ServeBackground(ctx, func(*diago.DialogServerSession) {}); err != nil {
		return err
	}
	var to sip.Uri
	if err := sip.ParseUri("sip:echo@"+peer+":5060", &to); err != nil {
		return err
	}
	d, med, err := dg.Invite(ctx, to, diago.InviteOptions{Transport: "udp"})
	if err != nil {
		return err
	}
	go drain(med)
	if err := sendAudio(med, earlyFor, 0x10); err != nil {
		return err
	}
	if err := d.Hold(ctx); err != nil {
		return err
	}
	if err := sendAudio(med, earlyFor, 0x20); err != nil {
		return err
	}
	if err := d.Unhold(ctx); err != nil {
		return err
	}
	if err := sendAudio(med, earlyFor, 0x30); err != nil {
		return err
	}
	return d.Hangup(ctx)
}
