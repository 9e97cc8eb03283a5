package dfilter

import "github.com/ladder-dev/ladder/decode"

// EvalAll evaluates every filter on every packet of x through one cursor, as
// one filter joining them all with "or" would without stopping at the first
// match. The application dissectors replay each flow once per capture
// instead of once per filter (a Matcher each would), which is what lets a
// test sweep thousands of fields over every capture in seconds.
func EvalAll(x *decode.Index, fs []*Filter) {
	m := &Matcher{}
	m.c.x = x
	for k := range m.c.vals {
		m.c.vals[k] = make([]value, 0, maxValues)
	}
	for i := range x.Len() {
		m.c.reset(i)
		for _, f := range fs {
			f.pred(&m.c)
		}
	}
}
