package dfilter

import (
	"strconv"
	"strings"
)

// expr is a node of the parsed expression, before type checking.
type expr interface{ exprNode() }

// binExpr is "l and r" or "l or r".
type binExpr struct {
	op   tokKind // tokAnd or tokOr
	l, r expr
}

// notExpr is "not x".
type notExpr struct{ x expr }

// testExpr is one test on a field: an existence test when op is tokEOF,
// otherwise a relation, contains, matches, a bitwise and, or membership.
type testExpr struct {
	field token
	op    token // tokEOF (bare field), tokRel, tokContains, tokMatches, tokBitAnd, tokIn
	rhs   token // tokWord or tokString, except for tokIn
	set   []setItem
}

// setItem is one member of "in {...}": a value or an inclusive range lo..hi.
type setItem struct {
	lo, hi  token
	isRange bool
}

func (binExpr) exprNode()  {}
func (notExpr) exprNode()  {}
func (testExpr) exprNode() {}

// parser is a recursive-descent parser; "and" binds tighter than "or",
// as in tshark 4.0.
type parser struct {
	toks []token
	at   int
}

func parse(src string) (expr, *Error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, unexpected(t)
	}
	return e, nil
}

func (p *parser) peek() token { return p.toks[p.at] }

func (p *parser) next() token {
	t := p.toks[p.at]
	if t.kind != tokEOF {
		p.at++
	}
	return t
}

func (p *parser) or() (expr, *Error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tokOr {
		p.next()
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		l = binExpr{op: tokOr, l: l, r: r}
	}
	return l, nil
}

func (p *parser) and() (expr, *Error) {
	l, err := p.not()
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tokAnd {
		p.next()
		r, err := p.not()
		if err != nil {
			return nil, err
		}
		l = binExpr{op: tokAnd, l: l, r: r}
	}
	return l, nil
}

func (p *parser) not() (expr, *Error) {
	if p.peek().kind == tokNot {
		p.next()
		x, err := p.not()
		if err != nil {
			return nil, err
		}
		return notExpr{x}, nil
	}
	return p.primary()
}

func (p *parser) primary() (expr, *Error) {
	t := p.next()
	switch t.kind {
	case tokLParen:
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tokRParen {
			return nil, unexpected(c)
		}
		return e, nil
	case tokWord, tokString:
		return p.test(t)
	}
	return nil, unexpected(t)
}

func (p *parser) test(field token) (expr, *Error) {
	op := p.peek()
	switch op.kind {
	case tokRel, tokContains, tokMatches, tokBitAnd:
		p.next()
		rhs, err := p.value()
		if err != nil {
			return nil, err
		}
		return testExpr{field: field, op: op, rhs: rhs}, nil
	case tokIn:
		p.next()
		set, err := p.set()
		if err != nil {
			return nil, err
		}
		return testExpr{field: field, op: op, set: set}, nil
	}
	return testExpr{field: field, op: token{kind: tokEOF, pos: field.pos}}, nil
}

func (p *parser) value() (token, *Error) {
	t := p.next()
	if t.kind != tokWord && t.kind != tokString {
		return t, unexpected(t)
	}
	if t.kind == tokWord && strings.HasSuffix(t.text, "/") {
		// A CIDR prefix whose length is still to come: tshark's grammar
		// wants the number next.
		return t, unexpected(p.peek())
	}
	return t, nil
}

// set parses "{a, b, lo..hi}". tshark 4.0 wants commas between members;
// whitespace alone is also accepted here because older Wireshark releases
// and the issue's own examples write "{80 443}".
func (p *parser) set() ([]setItem, *Error) {
	if t := p.next(); t.kind != tokLBrace {
		return nil, unexpected(t)
	}
	var items []setItem
	for {
		lo, err := p.value()
		if err != nil {
			return nil, err
		}
		it := setItem{lo: lo, hi: lo}
		if p.peek().kind == tokRange {
			p.next()
			if it.hi, err = p.value(); err != nil {
				return nil, err
			}
			it.isRange = true
		}
		items = append(items, it)
		switch p.peek().kind {
		case tokRBrace:
			p.next()
			return items, nil
		case tokComma:
			p.next()
		}
	}
}

// unexpected is tshark's complaint about a token where it does not fit.
func unexpected(t token) *Error {
	if t.kind == tokEOF {
		return &Error{Pos: t.pos, Msg: "Unexpected end of filter expression."}
	}
	text := t.text
	if t.kind == tokString {
		text = strconv.Quote(text)
	}
	return &Error{Pos: t.pos, Len: t.raw, Msg: strconv.Quote(text) + " was unexpected in this context."}
}
