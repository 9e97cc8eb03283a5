package decode

// tcp.stream numbers around SOCKS. Wireshark's SOCKS dissector hands the
// bytes a proxy relays after a Connect to TCP's subdissectors with the
// remote port swapped in for the proxy's; that makes TCP set up a second
// conversation for the same connection, which takes the next tcp.stream
// number although no packet ever shows it. Every later connection's
// number is one higher than a count of connections gives: in a real
// Dante capture (testdata/app/lab__socks.pcap) tshark numbers five
// connections 0, 2, 3, 5, 7, the third being a SOCKS4a Connect the proxy
// refused. ladder numbers streams as tshark does, so that `tcp.stream == N`
// means the same connection in both; the index follows the handshake of
// each connection on the SOCKS port (socksPort, proto_socks.go) just far enough to know when its
// first relayed byte passes.

// socksLeg is how far a SOCKS connection's handshake has come.
type socksLeg uint8

const (
	socksLegStart    socksLeg = iota // nothing seen
	socksV4Reply                     // SOCKS4 request sent, reply awaited
	socksV5Method                    // SOCKS5 greeting sent, method choice awaited
	socksV5Auth                      // username/password request awaited (RFC 1929)
	socksV5AuthOK                    // its reply awaited
	socksV5Command                   // the command awaited
	socksV5Reply                     // the command's reply awaited
	socksLegRelaying                 // a Connect was answered: the next byte is relayed
	socksLegOver                     // counted, or not a Connect: nothing more to do
)

// socksTrack is one SOCKS connection's handshake, with the next sequence
// number expected each way so that resent segments move nothing.
type socksTrack struct {
	stage   socksLeg
	connect bool
	next    [2]uint32
	seen    [2]bool
}

// noteSOCKS follows packet p (with its payload) of a connection on the
// SOCKS port and takes a tcp.stream number when the first relayed byte
// passes, as tshark's second conversation does.
func (t *flowTable) noteSOCKS(p *Packet, payload []byte) {
	if t.socks == nil {
		t.socks = map[int32]*socksTrack{}
	}
	s := t.socks[p.Flow]
	if s == nil {
		if len(t.socks) >= maxSOCKSTracked {
			return
		}
		s = &socksTrack{}
		t.socks[p.Flow] = s
	}
	if s.stage == socksLegOver || len(payload) == 0 {
		return
	}
	defer func() {
		if s.stage == socksLegOver {
			t.socks[p.Flow] = &socksFinished // the track's memory goes
		}
	}()
	d := p.Dir & 1
	if s.seen[d] && p.Seq != s.next[d] {
		return // resent or out of order: the handshake reads new bytes only
	}
	s.seen[d], s.next[d] = true, p.Seq+uint32(len(payload))
	fromClient := d == 0
	switch s.stage {
	case socksLegStart:
		switch {
		case !fromClient:
			s.stage = socksLegOver
		case payload[0] == 4:
			s.connect = len(payload) > 1 && payload[1] == 1
			s.stage = socksV4Reply
		case payload[0] == 5:
			s.stage = socksV5Method
		default:
			s.stage = socksLegOver
		}
	case socksV4Reply:
		if !fromClient {
			s.stage = s.afterReply()
		}
	case socksV5Method:
		if !fromClient {
			s.stage = socksV5Command
			if len(payload) > 1 && payload[1] == 2 {
				s.stage = socksV5Auth
			}
		}
	case socksV5Auth:
		if fromClient {
			s.stage = socksV5AuthOK
		}
	case socksV5AuthOK:
		if !fromClient {
			s.stage = socksV5Command
		}
	case socksV5Command:
		if fromClient {
			s.connect = len(payload) > 1 && payload[1] == 1
			s.stage = socksV5Reply
		}
	case socksV5Reply:
		if !fromClient {
			s.stage = s.afterReply()
		}
	case socksLegRelaying:
		t.next[0]++
		s.stage = socksLegOver
	}
}

// afterReply is the stage once the proxy answered the command: whether it
// granted it or not, tshark's SOCKS state machine is done and relays what
// follows a Connect.
func (s *socksTrack) afterReply() socksLeg {
	if s.connect {
		return socksLegRelaying
	}
	return socksLegOver
}

// maxSOCKSTracked bounds the SOCKS connections followed.
const maxSOCKSTracked = 1 << 20

// socksFinished stands for every connection whose handshake is over.
var socksFinished = socksTrack{stage: socksLegOver}
