package decode

import (
	"bytes"
	"testing"
)

// eachParsed parses every packet of the testdata/app capture name and calls
// fn with its headers: how the protocol fuzz targets take their seeds from
// real packets. A capture that cannot be read fails the caller.
func eachParsed(tb testing.TB, name string, fn func(h *Headers)) {
	tb.Helper()
	src, err := Open("../testdata/app/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	if x.Len() == 0 {
		tb.Fatalf("%s: no packets", name)
	}
	var h Headers
	for i := range x.Len() {
		data, err := x.Data(i, nil)
		if err != nil {
			tb.Fatal(err)
		}
		h.Parse(x.LinkType(x.Packet(i)), data, x.Packet(i).OrigLen)
		fn(&h)
	}
}

// seed copies b (a slice of a parsed packet, reused by the next Parse)
// into the fuzzer's corpus; nil adds nothing.
func seed(f *testing.F, b []byte, more ...any) {
	if b != nil {
		f.Add(append([]any{bytes.Clone(b)}, more...)...)
	}
}

// appWalker opens the testdata/app capture name, loads it whole and returns
// its index with an application walker over it; the file closes when the
// test ends.
func appWalker(tb testing.TB, name string) (*Index, *AppWalker) {
	tb.Helper()
	src, err := Open("../testdata/app/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { src.Close() })
	x := Load(src)
	x.Wait()
	return x, NewAppWalker(x)
}

// fuzzDatagrams is the fuzz target of dissectors that read one datagram on
// its own (no conversation, no addresses): seeded with the transport
// payloads of the testdata/app captures named, it hands arbitrary bytes to
// each of ds with and without the details tree; none may panic or place a
// field outside the bytes.
func fuzzDatagrams(f *testing.F, ds []*Dissector, captures ...string) {
	for _, name := range captures {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && h.Payload != nil {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range ds {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1}
				if d.Dissect(&p, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
	})
}
