package main

import (
	"encoding/json"
	"io"
	"runtime"
)

// writeJSONArray writes rows as a JSON array with one compact object per
// line. Encoding row by row keeps memory flat on captures with hundreds of
// thousands of rows, where marshalling and indenting the whole array at
// once cost more than the analysis; one object per line stays greppable.
func writeJSONArray[T any](w io.Writer, rows []T) error {
	return writeJSONParallel(w, len(rows), func(i int, dst []byte) ([]byte, error) {
		return appendJSON(dst, &rows[i])
	})
}

// writeJSONParallel writes a JSON array like writeJSONArray, of the
// elements render appends for items 0 to n-1 (none or several per item,
// each followed by ",\n"). render may be called from several goroutines.
func writeJSONParallel(w io.Writer, n int, render func(i int, dst []byte) ([]byte, error)) error {
	return writeJSONParallelWith(w, n, func() renderFunc { return render })
}

// writeJSONParallelWith is writeJSONParallel with one renderer per worker
// (newRender), for renderers that keep scratch state.
func writeJSONParallelWith(w io.Writer, n int, newRender func() renderFunc) error {
	wrote := false
	err := renderInOrder(n, newRender, func(b []byte) error {
		// Every element ends in ",\n": the separator is written only
		// when another element follows.
		sep := "[\n"
		if wrote {
			sep = ",\n"
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		wrote = true
		_, err := w.Write(b[:len(b)-2])
		return err
	})
	if err != nil {
		return err
	}
	end := "\n]\n"
	if !wrote {
		end = "[]\n"
	}
	_, err = io.WriteString(w, end)
	return err
}

// renderFunc appends the output of item i to dst.
type renderFunc func(i int, dst []byte) ([]byte, error)

// renderInOrder renders items 0 to n-1 in ranges on every core and hands
// each range's non-empty output to emit in item order, so the result is
// the same as one loop's; on a large capture formatting then costs half
// the time on two cores. newRender makes one renderer per worker, for
// renderers that keep scratch state (a display-filter matcher). Memory
// stays bounded: only a few ranges are held at once.
func renderInOrder(n int, newRender func() renderFunc, emit func([]byte) error) error {
	const span = 2048 // items per range
	workers := max(runtime.GOMAXPROCS(0), 1)
	type part struct {
		lo, hi int
		out    chan rendered
	}
	jobs := make(chan part, workers)
	order := make(chan part, 2*workers)
	// Buffers go back to the workers once written: growing a fresh one
	// for every range cost more than the formatting.
	spare := make(chan []byte, 4*workers)
	quit := make(chan struct{})
	defer close(quit)
	go func() {
		defer close(jobs)
		defer close(order)
		for lo := 0; lo < n; lo += span {
			p := part{lo, min(lo+span, n), make(chan rendered, 1)}
			select {
			case order <- p:
			case <-quit:
				return
			}
			jobs <- p
		}
	}()
	for range workers {
		render := newRender()
		go func() {
			for p := range jobs {
				var r rendered
				select {
				case r.b = <-spare:
				default:
				}
				for i := p.lo; i < p.hi && r.err == nil; i++ {
					r.b, r.err = render(i, r.b)
				}
				p.out <- r
			}
		}()
	}
	for p := range order {
		r := <-p.out
		if r.err != nil {
			return r.err
		}
		if len(r.b) == 0 {
			continue
		}
		if err := emit(r.b); err != nil {
			return err
		}
		select {
		case spare <- r.b[:0]:
		default:
		}
	}
	return nil
}

// rendered is one range's output.
type rendered struct {
	b   []byte
	err error
}

// appendJSON appends v as compact JSON and ",\n" (an element for
// writeJSONParallel).
func appendJSON(dst []byte, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(append(dst, b...), ",\n"...), nil
}
