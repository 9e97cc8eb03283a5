package dfilter

import (
	"regexp"
	"strconv"
	"strings"
)

// pred is a compiled (sub)expression.
type pred func(c *cursor) bool

// Filter is a compiled display filter. It is immutable and may be shared;
// evaluation needs a Matcher per goroutine.
type Filter struct {
	expr     string
	pred     pred
	indexed  bool
	analysis bool
}

// String is the expression the filter was compiled from.
func (f *Filter) String() string { return f.expr }

// Indexed reports whether every field the filter reads comes from the
// packet index, so evaluating it never reads packet bytes.
func (f *Filter) Indexed() bool { return f.indexed }

// NeedsAnalysis reports whether the filter names an analysis field, so a
// caller runs the TCP analysis only when a filter asks for it.
func (f *Filter) NeedsAnalysis() bool { return f.analysis }

// Compile parses and type-checks expr against the fields of reg (Fields()
// when nil). An empty or blank expression matches every packet. Errors are
// *Error, with the position of the offending token.
func Compile(expr string, reg *Registry) (*Filter, error) {
	if reg == nil {
		reg = Fields()
	}
	if strings.TrimSpace(expr) == "" {
		return &Filter{expr: expr, pred: func(*cursor) bool { return true }, indexed: true}, nil
	}
	tree, perr := parse(expr)
	if perr != nil {
		return nil, perr
	}
	cp := compiler{reg: reg, indexed: true}
	p, cerr := cp.expr(tree)
	if cerr != nil {
		return nil, cerr
	}
	return &Filter{expr: expr, pred: p, indexed: cp.indexed, analysis: cp.analysis}, nil
}

type compiler struct {
	reg      *Registry
	indexed  bool // every field named is read from the index
	analysis bool // some field named comes from the analysis
}

// use records what reading field f costs.
func (cp *compiler) use(f *Field) {
	cp.indexed = cp.indexed && f.indexed
	cp.analysis = cp.analysis || f.analysis
}

func (cp *compiler) expr(e expr) (pred, *Error) {
	switch e := e.(type) {
	case binExpr:
		l, err := cp.expr(e.l)
		if err != nil {
			return nil, err
		}
		r, err := cp.expr(e.r)
		if err != nil {
			return nil, err
		}
		if e.op == tokAnd {
			return func(c *cursor) bool { return l(c) && r(c) }, nil
		}
		return func(c *cursor) bool { return l(c) || r(c) }, nil
	case notExpr:
		x, err := cp.expr(e.x)
		if err != nil {
			return nil, err
		}
		return func(c *cursor) bool { return !x(c) }, nil
	case testExpr:
		return cp.test(e)
	}
	panic("dfilter: unknown expression node") // unreachable: the parser builds only the types above
}

// field resolves the left side of a test.
func (cp *compiler) field(e testExpr) (*Field, *Error) {
	t := e.field
	if t.kind == tokWord {
		if f, ok := cp.reg.Lookup(t.text); ok {
			cp.use(f)
			return f, nil
		}
	}
	if e.op.kind != tokEOF && (t.kind == tokString || t.text[0] >= '0' && t.text[0] <= '9') {
		shown := t.text
		if t.kind == tokString {
			shown = strconv.Quote(shown)
		}
		return nil, &Error{Pos: t.pos, Len: t.raw, Msg: "Left side of " + strconv.Quote(e.op.text) + " expression must be a field or function, not " + shown + "."}
	}
	if t.kind == tokString {
		return nil, &Error{Pos: t.pos, Len: t.raw, Msg: strconv.Quote(t.text) + " is not a field."}
	}
	return nil, &Error{Pos: t.pos, Len: t.raw, Msg: t.text + " is neither a field nor a protocol name."}
}

func (cp *compiler) test(e testExpr) (pred, *Error) {
	f, err := cp.field(e)
	if err != nil {
		return nil, err
	}
	switch e.op.kind {
	case tokEOF:
		return exists(f), nil
	case tokRel:
		return cp.relation(f, e)
	case tokContains:
		return cp.contains(f, e)
	case tokMatches:
		return cp.matches(f, e)
	case tokBitAnd:
		return cp.bitAnd(f, e)
	case tokIn:
		return cp.membership(f, e)
	}
	return nil, unexpected(e.op)
}

func exists(f *Field) pred {
	if f.has != nil {
		return f.has
	}
	get := f.get
	return func(c *cursor) bool { return len(get(c, c.vals[0][:0])) > 0 }
}

func cannot(f *Field, what string) *Error {
	return &Error{Pos: 0, Msg: f.Name + " (type=" + f.typ.describe(f.bits) + ") cannot participate in " + what + " comparison."}
}

func cannotAt(f *Field, t token, what string) *Error {
	e := cannot(f, what)
	e.Pos, e.Len = t.pos, t.raw
	return e
}

// quantifier says how per-occurrence results combine, as in tshark 4.0.
type quantifier uint8

const (
	qAny    quantifier = iota // some occurrence passes
	qAll                      // the field is present and every occurrence passes
	qAllNot                   // the field is present and no occurrence passes
	qAnyNot                   // some occurrence fails
)

// over evaluates ok on each occurrence of field f and combines the results.
func over(get getter, q quantifier, ok func(v *value) bool) pred {
	return func(c *cursor) bool {
		vs := get(c, c.vals[0][:0])
		switch q {
		case qAny:
			for k := range vs {
				if ok(&vs[k]) {
					return true
				}
			}
			return false
		case qAnyNot:
			for k := range vs {
				if !ok(&vs[k]) {
					return true
				}
			}
			return false
		}
		if len(vs) == 0 {
			return false
		}
		want := q == qAll
		for k := range vs {
			if ok(&vs[k]) != want {
				return false
			}
		}
		return true
	}
}

// relTest turns a relation into a quantifier and a per-occurrence test
// built from eq (equality) and cmp (ordering).
func relTest(rel relop, eq func(v *value) bool, cmp func(v *value) int) (quantifier, func(v *value) bool) {
	switch rel {
	case relAllNe:
		return qAllNot, eq
	case relAllEq:
		return qAll, eq
	case relAnyNe:
		return qAnyNot, eq
	case relLt:
		return qAny, func(v *value) bool { return cmp(v) < 0 }
	case relGt:
		return qAny, func(v *value) bool { return cmp(v) > 0 }
	case relLe:
		return qAny, func(v *value) bool { return cmp(v) <= 0 }
	case relGe:
		return qAny, func(v *value) bool { return cmp(v) >= 0 }
	}
	return qAny, eq
}

func (cp *compiler) relation(f *Field, e testExpr) (pred, *Error) {
	if f.typ == ftProto || f.typ == ftLabel {
		return nil, cannotAt(f, e.field, strconv.Quote(e.op.text))
	}
	if e.rhs.kind == tokWord {
		if g, ok := cp.reg.Lookup(e.rhs.text); ok {
			return cp.fieldRelation(f, g, e)
		}
	}
	lit, err := convert(f, e.rhs)
	if err != nil {
		return nil, err
	}
	if hasNum(f) {
		q, test := numRelTest(f.typ, e.op.rel, lit)
		return numPred(f, q, test), nil
	}
	typ := f.typ
	q, ok := relTest(e.op.rel, func(v *value) bool { return lit.equal(typ, v) }, func(v *value) int { return lit.compare(typ, v) })
	return over(f.get, q, ok), nil
}

// fieldRelation compares two fields: "frame.len == ip.len".
func (cp *compiler) fieldRelation(f, g *Field, e testExpr) (pred, *Error) {
	compatible := f.typ == g.typ || (f.typ == ftUint || f.typ == ftBool) && (g.typ == ftUint || g.typ == ftBool)
	if !compatible || g.typ == ftProto || g.typ == ftLabel {
		return nil, &Error{Pos: e.rhs.pos, Len: e.rhs.raw, Msg: f.Name + " and " + g.Name + " are not of compatible types."}
	}
	cp.use(g)
	typ, rel, fget, gget := f.typ, e.op.rel, f.get, g.get
	return func(c *cursor) bool {
		ls := fget(c, c.vals[0][:0])
		rs := gget(c, c.vals[1][:0])
		if len(ls) == 0 || len(rs) == 0 {
			return false
		}
		anyPass, allPass := false, true
		for a := range ls {
			for b := range rs {
				lit := literal{v: rs[b], bits: 128}
				if typ == ftIPv4 {
					lit.bits = 32
				}
				q, ok := relTest(rel, func(v *value) bool { return lit.equal(typ, v) }, func(v *value) int { return lit.compare(typ, v) })
				pass := ok(&ls[a])
				if q == qAllNot || q == qAnyNot {
					pass = !pass
				}
				anyPass = anyPass || pass
				allPass = allPass && pass
			}
		}
		if rel == relAllNe || rel == relAllEq {
			return allPass
		}
		return anyPass
	}, nil
}

func (cp *compiler) contains(f *Field, e testExpr) (pred, *Error) {
	if f.typ != ftString && f.typ != ftBytes && f.typ != ftProto {
		return nil, cannotAt(f, e.field, "contains")
	}
	lit, err := convert(f, e.rhs)
	if err != nil {
		return nil, err
	}
	needle := lit.v.b
	return over(f.get, qAny, func(v *value) bool { return strings.Contains(bytesString(v.b), bytesString(needle)) }), nil
}

func (cp *compiler) matches(f *Field, e testExpr) (pred, *Error) {
	if f.typ != ftString && f.typ != ftBytes && f.typ != ftProto {
		return nil, cannotAt(f, e.field, "matches")
	}
	if e.rhs.kind != tokString {
		return nil, &Error{Pos: e.rhs.pos, Len: e.rhs.raw, Msg: "Expected a string for \"matches\", not " + e.rhs.text + "."}
	}
	// tshark 4.0 compiles the pattern case-insensitively by default.
	re, rerr := regexp.Compile("(?is)" + e.rhs.text)
	if rerr != nil {
		return nil, &Error{Pos: e.rhs.pos, Len: e.rhs.raw, Msg: "Regex compilation error: " + rerr.Error() + "."}
	}
	return over(f.get, qAny, func(v *value) bool { return re.Match(v.b) }), nil
}

func (cp *compiler) bitAnd(f *Field, e testExpr) (pred, *Error) {
	if f.typ != ftUint && f.typ != ftBool {
		return nil, cannotAt(f, e.field, "bitwise and")
	}
	lit, err := convert(f, e.rhs)
	if err != nil {
		return nil, err
	}
	mask := lit.v.n
	if hasNum(f) {
		return numPred(f, qAny, func(v int64) bool { return v&mask != 0 }), nil
	}
	return over(f.get, qAny, func(v *value) bool { return v.n&mask != 0 }), nil
}

func (cp *compiler) membership(f *Field, e testExpr) (pred, *Error) {
	if f.typ == ftProto || f.typ == ftLabel {
		return nil, cannotAt(f, e.field, "\"in\"")
	}
	type member struct {
		lo, hi  literal
		isRange bool
	}
	members := make([]member, 0, len(e.set))
	for _, it := range e.set {
		lo, err := convert(f, it.lo)
		if err != nil {
			return nil, err
		}
		m := member{lo: lo, hi: lo, isRange: it.isRange}
		if it.isRange {
			if f.typ == ftString || f.typ == ftBytes || f.typ == ftBool {
				return nil, &Error{Pos: it.hi.pos, Len: it.hi.raw, Msg: "Range is not supported for fields of type " + f.typ.describe(f.bits) + "."}
			}
			if m.hi, err = convert(f, it.hi); err != nil {
				return nil, err
			}
		}
		members = append(members, m)
	}
	typ := f.typ
	if hasNum(f) {
		ranges := make([]numRange, len(members))
		for k, m := range members {
			ranges[k] = numRange{rangeOf(typ, m.lo).lo, rangeOf(typ, m.hi).hi}
		}
		return numPred(f, qAny, inRanges(ranges)), nil
	}
	return over(f.get, qAny, func(v *value) bool {
		for k := range members {
			m := &members[k]
			if m.isRange {
				if m.lo.compare(typ, v) >= 0 && m.hi.compare(typ, v) <= 0 {
					return true
				}
			} else if m.lo.equal(typ, v) {
				return true
			}
		}
		return false
	}), nil
}
