package dfilter

import (
	"sort"
	"strings"

	"github.com/ladder-dev/ladder/decode"
)

// getter appends the occurrences of a field in the cursor's packet to dst
// (nothing when the field is absent) and returns the extended slice. dst has
// room for maxValues occurrences; getters never append more.
type getter func(c *cursor, dst []value) []value

// Field is one name a filter can use.
type Field struct {
	Name string // as in Wireshark: "tcp.srcport"
	Desc string // one line for completion and help

	typ  ftype
	bits int // ftUint width, for tshark's "too big for this field"
	get  getter
	// num and num2 read integer-like fields (integers, booleans, times,
	// IPv4 addresses, MACs) with one or up to two occurrences without
	// going through value slices: comparisons on them compile to a direct
	// test, the hot path of filtering a large index.
	num  func(c *cursor) (int64, bool)
	num2 func(c *cursor) (a, b int64, n int)
	// more lists every occurrence of a num or num2 field in a packet that
	// travelled in outer layers (decode.OptEncap), where the field may
	// occur more often than num2 can say: ip.src of a tunnelled packet.
	more getter
	// analysis marks the fields an Analysis provides.
	analysis bool
	// has answers an existence test without building the value, so "tcp"
	// or "eth" alone never reads packet bytes; nil means len(get(...)) > 0.
	has func(c *cursor) bool
	// indexed says the field is read from the packet index: the packet's
	// bytes are read at most for the rare packets the index could not
	// classify (a truncated or damaged header). The benchmark relies on it.
	indexed bool
}

// Registry is the set of fields a filter may name. The standard set comes
// from Fields; analysis fields are added by WithAnalysis when an analysis
// of the capture exists, so a filter naming them fails to compile (as an
// unknown field) rather than silently matching nothing.
type Registry struct {
	byName map[string]*Field
}

// Fields returns the standard fields: frame, link, network, transport and
// the application fields ladder decodes on demand.
func Fields() *Registry {
	r := &Registry{byName: make(map[string]*Field)}
	addFrameFields(r)
	addLinkFields(r)
	addIPFields(r)
	addTransportFields(r)
	addMPTCPFields(r)
	addAppFields(r)
	addEncapFields(r)
	addDissectedFields(r)
	return r
}

func (r *Registry) add(f Field) {
	switch {
	case f.get != nil:
	case f.num != nil:
		f.get = one(f.num)
	case f.num2 != nil:
		f.get = two(f.num2)
	}
	if more, get := f.more, f.get; more != nil {
		f.get = func(c *cursor, dst []value) []value {
			if c.p.Opts&decode.OptEncap != 0 {
				return more(c, dst)
			}
			return get(c, dst)
		}
	}
	r.byName[f.Name] = &f
}

// Lookup returns the field with the given name.
func (r *Registry) Lookup(name string) (*Field, bool) {
	f, ok := r.byName[name]
	return f, ok
}

// Names returns every field name, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for n := range r.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Complete returns the field names that start with prefix, sorted, for Tab
// completion in a filter bar.
func (r *Registry) Complete(prefix string) []string {
	var out []string
	for n := range r.byName {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Complete completes a field name against every field ladder knows,
// including the analysis fields.
func Complete(prefix string) []string {
	return Fields().WithAnalysis().Complete(prefix)
}

// CompleteExpr completes the word being typed at the end of a filter
// expression: it returns the offset where that word starts and the field
// names it can become. The filter bar replaces expr[start:] with a
// candidate (or with their longest common prefix).
func CompleteExpr(expr string) (start int, candidates []string) {
	start = len(expr)
	for start > 0 && isWordByte(expr[start-1]) {
		start--
	}
	if start < len(expr) && expr[start] >= '0' && expr[start] <= '9' {
		return start, nil // a number or an address, not a field
	}
	return start, Complete(expr[start:])
}

// CommonPrefix is the longest prefix shared by all names.
func CommonPrefix(names []string) string {
	if len(names) == 0 {
		return ""
	}
	p := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, p) {
			p = p[:len(p)-1]
		}
	}
	return p
}
