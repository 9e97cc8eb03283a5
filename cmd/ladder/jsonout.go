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
	if len(rows) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	for i := range rows {
		b, err := json.Marshal(&rows[i])
		if err != nil {
			return err
		}
		if i < len(rows)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]\n")
	return err
}
