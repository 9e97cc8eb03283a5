package dfilter

import "github.com/ladder-dev/ladder/decode"

// The fast path: fields with num or num2 accessors compared with integer
// literals compile to closures over int64s, with no value slices, no
// per-occurrence indirection through literal, and no allocation. This is
// what keeps a pass over a million-packet index within budget.

// isNumeric reports whether a type's values fit value.n.
func isNumeric(t ftype) bool {
	return t == ftUint || t == ftBool || t == ftTime || t == ftIPv4 || t == ftEther
}

// numTest is a per-occurrence test on an integer-like value.
type numTest func(v int64) bool

// numRelTest turns a relation against lit into a quantifier and a test.
func numRelTest(t ftype, rel relop, lit literal) (quantifier, numTest) {
	mask := int64(-1)
	if t == ftIPv4 && lit.bits < 32 {
		mask = int64(uint32(0xffffffff) << (32 - lit.bits))
		if lit.bits == 0 {
			mask = 0
		}
	}
	want, n := lit.v.n&mask, lit.v.n
	eq := func(v int64) bool { return v&mask == want }
	switch rel {
	case relAllNe:
		return qAllNot, eq
	case relAllEq:
		return qAll, eq
	case relAnyNe:
		return qAnyNot, eq
	}
	if t == ftUint { // ordered as unsigned, as literal.compare orders them
		u := uint64(n)
		switch rel {
		case relLt:
			return qAny, func(v int64) bool { return uint64(v) < u }
		case relGt:
			return qAny, func(v int64) bool { return uint64(v) > u }
		case relLe:
			return qAny, func(v int64) bool { return uint64(v) <= u }
		case relGe:
			return qAny, func(v int64) bool { return uint64(v) >= u }
		}
	}
	switch rel {
	case relLt:
		return qAny, func(v int64) bool { return v < n }
	case relGt:
		return qAny, func(v int64) bool { return v > n }
	case relLe:
		return qAny, func(v int64) bool { return v <= n }
	case relGe:
		return qAny, func(v int64) bool { return v >= n }
	}
	return qAny, eq
}

// numPred combines a test over the occurrences a num or num2 accessor
// yields, as over does for value slices.
func numPred(f *Field, q quantifier, test numTest) pred {
	if more := f.more; more != nil {
		fast := numPred(&Field{num: f.num, num2: f.num2}, q, test)
		slow := over(more, q, func(v *value) bool { return test(v.n) })
		return func(c *cursor) bool {
			if c.p.Opts&decode.OptEncap != 0 {
				return slow(c)
			}
			return fast(c)
		}
	}
	if num := f.num; num != nil {
		if q == qAny || q == qAll {
			return func(c *cursor) bool {
				v, ok := num(c)
				return ok && test(v)
			}
		}
		return func(c *cursor) bool {
			v, ok := num(c)
			return ok && !test(v)
		}
	}
	num2 := f.num2
	switch q {
	case qAll:
		return func(c *cursor) bool {
			a, b, n := num2(c)
			return n > 0 && test(a) && (n < 2 || test(b))
		}
	case qAllNot:
		return func(c *cursor) bool {
			a, b, n := num2(c)
			return n > 0 && !test(a) && (n < 2 || !test(b))
		}
	case qAnyNot:
		return func(c *cursor) bool {
			a, b, n := num2(c)
			return n > 0 && !test(a) || n > 1 && !test(b)
		}
	}
	return func(c *cursor) bool {
		a, b, n := num2(c)
		return n > 0 && test(a) || n > 1 && test(b)
	}
}

// hasNum reports whether the field can take the fast path.
func hasNum(f *Field) bool { return isNumeric(f.typ) && (f.num != nil || f.num2 != nil) }

// numRange is one member of a set over an integer-like field, as an
// inclusive range: a value, lo..hi, or an IPv4 CIDR prefix.
type numRange struct{ lo, hi int64 }

func rangeOf(t ftype, l literal) numRange {
	if t == ftIPv4 && l.bits < 32 {
		host := int64(uint32(0xffffffff) >> l.bits)
		lo := l.v.n &^ host
		return numRange{lo, lo | host}
	}
	return numRange{l.v.n, l.v.n}
}

func inRanges(rs []numRange) numTest {
	return func(v int64) bool {
		for _, r := range rs {
			if v >= r.lo && v <= r.hi {
				return true
			}
		}
		return false
	}
}
