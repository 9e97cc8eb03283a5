package main

import (
	"encoding/json"
	"io"
)

// writeJSONArray writes rows as a JSON array with one compact object per
// line. Encoding row by row keeps memory flat on captures with hundreds of
// thousands of rows, where marshalling and indenting the whole array at
// once cost more than the analysis; one object per line stays greppable.
func writeJSONArray[T any](w io.Writer, rows []T) error {
	a := jsonArray{w: w}
	for i := range rows {
		a.add(&rows[i])
	}
	return a.close()
}

// jsonArray writes the same array as writeJSONArray one element at a
// time, for outputs too long to collect first (ladder expert on a large
// capture has a row for most packets).
type jsonArray struct {
	w    io.Writer
	n    int
	prev []byte // the last element, written once we know whether a comma follows
	err  error
}

func (a *jsonArray) add(v any) {
	if a.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		a.err = err
		return
	}
	if a.n == 0 {
		_, a.err = io.WriteString(a.w, "[\n")
	} else {
		a.prev = append(a.prev, ",\n"...)
		_, a.err = a.w.Write(a.prev)
	}
	a.prev = append(a.prev[:0], b...)
	a.n++
}

// close ends the array ("[]" when nothing was added) and returns the first error.
func (a *jsonArray) close() error {
	if a.err != nil {
		return a.err
	}
	if a.n == 0 {
		_, a.err = io.WriteString(a.w, "[]\n")
		return a.err
	}
	a.prev = append(a.prev, "\n]\n"...)
	_, a.err = a.w.Write(a.prev)
	return a.err
}
