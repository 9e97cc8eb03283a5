package analysis

import "testing"

// TestConnSummaries checks connection summaries on hand-written
// connections. Expected conn_state and history are worked by hand from
// Zeek's definitions (conn_state decided in Zeek's order; history letters
// upper case for the originator, a/d once per side, s/h/f/r again only on
// a new sequence number); completeness from Wireshark's bit definitions
// (the refused case, 37, is also what tshark -2 prints for
// testdata/lab/refused.pcap).
func TestConnSummaries(t *testing.T) {
	const c, s = 1000, 7000 // initial sequence numbers
	syn := wireSeg{flags: wSYN, seq: c, win: 500, wscale: noWS}
	synAck := wireSeg{fromSrv: true, flags: wSYN | wACK, seq: s, ack: c + 1, win: 500, wscale: noWS}
	ack := wireSeg{flags: wACK, seq: c + 1, ack: s + 1, win: 500}
	tests := []struct {
		name         string
		segs         []wireSeg
		state        string
		history      string
		completeness uint8
		how, side    string
	}{{
		name: "normal close",
		segs: []wireSeg{syn, synAck, ack,
			{flags: wACK | wPSH, seq: c + 1, ack: s + 1, win: 500, payload: 10},
			{fromSrv: true, flags: wACK, seq: s + 1, ack: c + 11, win: 500},
			{flags: wFIN | wACK, seq: c + 11, ack: s + 1, win: 500},
			{fromSrv: true, flags: wFIN | wACK, seq: s + 1, ack: c + 12, win: 500},
			{flags: wACK, seq: c + 12, ack: s + 2, win: 500},
		},
		state: "SF", history: "ShADaFf", completeness: 31, how: "fin", side: "client",
	}, {
		name:  "refused",
		segs:  []wireSeg{syn, {fromSrv: true, flags: wRST | wACK, ack: c + 1}},
		state: "REJ", history: "Sr", completeness: 37, how: "rst", side: "server",
	}, {
		name:  "no reply, SYN retransmitted",
		segs:  []wireSeg{syn, syn},
		state: "S0", history: "S", completeness: 1, how: "neither",
	}, {
		name:  "originator aborts",
		segs:  []wireSeg{syn, synAck, ack, {flags: wRST, seq: c + 1}},
		state: "RSTO", history: "ShAR", completeness: 39, how: "rst", side: "client",
	}, {
		name:  "originator resets its own SYN",
		segs:  []wireSeg{syn, {flags: wRST, seq: c + 1}},
		state: "RSTOS0", history: "SR", completeness: 33, how: "rst", side: "client",
	}, {
		name:  "responder aborts",
		segs:  []wireSeg{syn, synAck, ack, {fromSrv: true, flags: wRST | wACK, seq: s + 1, ack: c + 1}},
		state: "RSTR", history: "ShAr", completeness: 39, how: "rst", side: "server",
	}, {
		name: "responder SYN-ACK then RST, no SYN seen",
		segs: []wireSeg{synAck, {fromSrv: true, flags: wRST, seq: s + 1}},
		// No SYN first and no payload-free ACK: tshark 4.0 leaves the
		// completeness at 0, as for wikipedia.pcap's lone SYN-ACK (stream 9).
		state: "RSTRH", history: "^hr", completeness: 0, how: "rst", side: "server",
	}, {
		name:  "originator closes, no reply",
		segs:  []wireSeg{syn, synAck, ack, {flags: wFIN | wACK, seq: c + 1, ack: s + 1, win: 500}},
		state: "S2", history: "ShAF", completeness: 23, how: "fin", side: "client",
	}, {
		name: "mid-stream, no SYN",
		segs: []wireSeg{
			{flags: wACK | wPSH, seq: c, ack: s, win: 500, payload: 10},
			{fromSrv: true, flags: wACK, seq: s, ack: c + 10, win: 500},
		},
		state: "OTH", history: "Da", completeness: 12, how: "neither",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, res := analyzeSegments(t, tc.segs)
			cn := res.Conn(0)
			if cn == nil {
				t.Fatal("no connection summary for flow 0")
			}
			how, side := cn.ClosedBy()
			if cn.State != tc.state || cn.History != tc.history || cn.Completeness != tc.completeness || how != tc.how || side != tc.side {
				t.Errorf("got state %s history %q completeness %d closed by %s/%s; want %s %q %d %s/%s",
					cn.State, cn.History, cn.Completeness, how, side, tc.state, tc.history, tc.completeness, tc.how, tc.side)
			}
		})
	}
}
