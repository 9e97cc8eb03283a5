package main

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Hand-written encoders for the two row types that a large capture has by
// the hundred thousand (ladder expert and ladder flows): encoding/json's
// reflection cost more than the analysis behind them. They produce exactly
// what json.Marshal produces for the same row; TestFastJSONMatchesEncodingJSON
// holds them to it on every testdata capture.

// appendJSON appends the row as json.Marshal would encode it.
func (r *expertRow) appendJSON(b []byte) []byte {
	b = append(b, `{"frame":`...)
	b = strconv.AppendInt(b, int64(r.Frame), 10)
	b = append(b, `,"stream":`...)
	b = strconv.AppendInt(b, int64(r.Stream), 10)
	b = appendField(b, "severity", r.Severity)
	b = appendField(b, "group", r.Group)
	b = appendField(b, "flag", r.Flag)
	b = appendField(b, "summary", r.Summary)
	if r.DupOf != nil {
		b = append(b, `,"dup_of":`...)
		b = strconv.AppendInt(b, int64(*r.DupOf), 10)
	}
	if r.DupNum != nil {
		b = append(b, `,"dup_num":`...)
		b = strconv.AppendInt(b, int64(*r.DupNum), 10)
	}
	if r.File != "" {
		b = appendField(b, "file", r.File)
	}
	return append(b, '}')
}

// appendJSON appends the row as json.Marshal would encode it.
func (r *flowRow) appendJSON(b []byte) []byte {
	b = append(b, `{"stream":`...)
	b = strconv.AppendInt(b, int64(r.Stream), 10)
	b = appendField(b, "proto", r.Proto)
	b = appendField(b, "client", r.Client)
	b = appendField(b, "server", r.Server)
	if r.Name != "" {
		b = appendField(b, "name", r.Name)
	}
	for _, f := range []struct {
		name string
		v    int64
	}{
		{"packets_c2s", int64(r.PacketsToSrv)}, {"packets_s2c", int64(r.PacketsToCli)},
		{"bytes_c2s", r.BytesToSrv}, {"bytes_s2c", r.BytesToCli},
	} {
		b = append(append(append(b, `,"`...), f.name...), `":`...)
		b = strconv.AppendInt(b, f.v, 10)
	}
	b = append(b, `,"start":`...)
	b = appendJSONFloat(b, r.Start)
	b = append(b, `,"duration":`...)
	b = appendJSONFloat(b, r.Duration)
	b = append(b, `,"first_frame":`...)
	b = strconv.AppendInt(b, int64(r.FirstFrame), 10)
	b = append(b, `,"last_frame":`...)
	b = strconv.AppendInt(b, int64(r.LastFrame), 10)
	b = appendNonEmpty(b, "state", r.State)
	b = appendNonEmpty(b, "history", r.History)
	if r.Completeness != nil {
		b = append(b, `,"completeness":`...)
		b = strconv.AppendInt(b, int64(*r.Completeness), 10)
	}
	b = appendNonEmpty(b, "closed_by", r.ClosedBy)
	b = appendNonEmpty(b, "closer", r.Closer)
	if len(r.Flags) > 0 {
		b = append(b, `,"flags":{`...)
		names := make([]string, 0, len(r.Flags))
		for k := range r.Flags {
			names = append(names, k)
		}
		slices.Sort(names) // encoding/json writes map keys in order
		for k, name := range names {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, name)
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(r.Flags[name]), 10)
		}
		b = append(b, '}')
	}
	if r.ResetFrame != 0 {
		b = append(b, `,"reset_frame":`...)
		b = strconv.AppendInt(b, int64(r.ResetFrame), 10)
	}
	b = appendNonEmpty(b, "reset_cause", r.ResetCause)
	b = appendNonEmpty(b, "reset_confidence", r.ResetConfidence)
	b = appendNonEmpty(b, "outcome", r.Outcome)
	b = appendNonEmpty(b, "outcome_by", r.OutcomeBy)
	b = appendNonEmpty(b, "outcome_confidence", r.OutcomeConfidence)
	if len(r.OutcomeEvidence) > 0 {
		b = append(b, `,"outcome_evidence":[`...)
		for k, e := range r.OutcomeEvidence {
			if k > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(e), 10)
		}
		b = append(b, ']')
	}
	b = appendNonEmpty(b, "outcome_explanation", r.OutcomeExplanation)
	if len(r.SeenIn) > 0 {
		b = append(b, `,"seen_in":[`...)
		for k, s := range r.SeenIn {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		b = append(b, ']')
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"lost_between", r.LostBetween}, {"lost_or_uncaptured", r.Uncaptured}, {"not_sent", r.NotSent}} {
		if f.v != 0 {
			b = append(append(append(b, `,"`...), f.name...), `":`...)
			b = strconv.AppendInt(b, int64(f.v), 10)
		}
	}
	return append(b, '}')
}

// appendField appends ,"name":"value".
func appendField(b []byte, name, value string) []byte {
	b = append(append(append(b, `,"`...), name...), `":`...)
	return appendJSONString(b, value)
}

// appendNonEmpty is appendField for an omitempty string.
func appendNonEmpty(b []byte, name, value string) []byte {
	if value == "" {
		return b
	}
	return appendField(b, name, value)
}

// appendJSONString quotes s as encoding/json does: control characters,
// quotes and backslashes escaped, <, > and & as \u003c..., invalid UTF-8
// as \ufffd, and U+2028/U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat formats f as encoding/json formats a float64 (the
// shortest decimal that reads back exactly, in exponent form below 1e-6 or
// from 1e21 on). NaN and infinities, which JSON cannot hold, do not occur
// in rows (times and durations) and are written as 0.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, '0')
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 as e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
