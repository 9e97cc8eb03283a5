package decode

import "testing"

// The ranges of PDUs that spanned segments decide whether a fast
// retransmission is dissected again (Wireshark's desegment_tcp finds the
// multi-segment PDU holding its first byte and takes it as a retransmitted
// piece of it). Expected values are by hand from the ranges.
func TestStreamDirInSpan(t *testing.T) {
	var s streamDir
	s.keepSpan(100, 200)
	s.keepSpan(0xffffff00, 0x10) // wraps around 2^32
	for _, c := range []struct {
		name string
		seq  uint32
		want bool
	}{
		{"before a span", 99, false},
		{"span's first byte", 100, true},
		{"inside", 150, true},
		{"span's end is outside", 200, false},
		{"inside a span across the wrap, before it", 0xffffff80, true},
		{"inside a span across the wrap, after it", 0x08, true},
		{"after the wrapping span", 0x10, false},
	} {
		if got, _ := s.inSpan(c.seq); got != c.want {
			t.Errorf("%s: inSpan(%#x) = %v, want %v", c.name, c.seq, got, c.want)
		}
	}
	if _, first := s.inSpan(100); !first {
		t.Error("a span's first byte: want first")
	}
	if _, first := s.inSpan(150); first {
		t.Error("inside a span: want not first")
	}
	// Only the last sixteen spans are kept.
	for i := range uint32(16) {
		s.keepSpan(1000+i*10, 1005+i*10)
	}
	if in, _ := s.inSpan(150); in {
		t.Error("a seventeenth span should have pushed out the first")
	}
	// The open PDU counts once it has bytes: unbounded while its length is
	// unknown.
	s = streamDir{have: 10, startSeq: 500}
	if in, _ := s.inSpan(5000); !in {
		t.Error("open PDU of unknown length: want [500, ∞)")
	}
	if in, _ := s.inSpan(499); in {
		t.Error("open PDU of unknown length: want [500, ∞)")
	}
	s.need = 40
	if in, _ := s.inSpan(539); !in {
		t.Error("open PDU of 40 bytes: want [500, 540)")
	}
	if in, _ := s.inSpan(540); in {
		t.Error("open PDU of 40 bytes: want [500, 540)")
	}
}

// SSH prepends its side before the analysis labels, and the labels take
// the dissector's separator: tshark 4.0.17 on zeek tcp/ssh-dups.pcap
// frame 21 prints "Client: [TCP Fast Retransmission] , Key Exchange Init",
// frame 41 "Server: [TCP Fast Retransmission] ".
func TestAppResultWithLabels(t *testing.T) {
	for _, c := range []struct {
		name   string
		build  func(o *Out)
		labels string
		want   string
	}{
		{"prepended side, message", func(o *Out) {
			o.SetInfo("")
			o.AppendInfo(", ", "Key Exchange Init")
			o.PrependInfo("Client: ")
		}, "[TCP Fast Retransmission] ", "Client: [TCP Fast Retransmission] , Key Exchange Init"},
		{"prepended side, no message", func(o *Out) {
			o.SetInfo("")
			o.PrependInfo("Server: ")
		}, "[TCP Fast Retransmission] ", "Server: [TCP Fast Retransmission] "},
		{"no labels", func(o *Out) {
			o.SetInfo("")
			o.AppendInfo(", ", "Key Exchange Init")
			o.PrependInfo("Client: ")
		}, "", "Client: Key Exchange Init"},
		{"TLS's separator", func(o *Out) {
			o.AppendInfo(", ", "Client Hello")
		}, "[TCP ACKed unseen segment] ", "[TCP ACKed unseen segment] , Client Hello"},
		{"SetInfo clears what was prepended", func(o *Out) {
			o.PrependInfo("Client: ")
			o.SetInfo("Standard query")
		}, "[TCP Retransmission] ", "[TCP Retransmission] Standard query"},
	} {
		var o Out
		o.reset(false)
		c.build(&o)
		r := AppResult{Info: o.Info(), InfoSep: o.sep, Lead: o.lead}
		if got := r.WithLabels(c.labels); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
