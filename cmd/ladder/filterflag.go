package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
)

// filterFlag is the -Y display filter every subcommand that prints packets
// accepts. Its expression is compiled before the capture is read, so a typo
// costs nothing and exits with usage status, as tshark does.
type filterFlag struct {
	expr   string
	filter *dfilter.Filter
}

func addFilterFlag(fs *flag.FlagSet) *filterFlag {
	ff := &filterFlag{}
	fs.StringVar(&ff.expr, "Y", "", "show only packets matching the display `FILTER` (Wireshark syntax, e.g. \"tcp.port == 80 && tcp.flags.reset\")")
	return ff
}

// compile compiles the expression; on error it prints tshark's message with
// a caret under the offending token and returns false.
func (ff *filterFlag) compile(cmd string, stderr io.Writer) bool {
	if ff.expr == "" {
		return true
	}
	f, err := dfilter.Compile(ff.expr, dfilter.Fields())
	if err != nil {
		var fe *dfilter.Error
		if errors.As(err, &fe) {
			fmt.Fprintf(stderr, "ladder %s: %s\n", cmd, fe.Caret(ff.expr))
		} else {
			fmt.Fprintf(stderr, "ladder %s: %v\n", cmd, err)
		}
		return false
	}
	ff.filter = f
	return true
}

// matcher returns the test for packet i of idx: every packet passes when
// no filter was given.
func (ff *filterFlag) matcher(idx *decode.Index) func(i int) bool {
	if ff.filter == nil {
		return func(int) bool { return true }
	}
	return ff.filter.Matcher(idx, nil).Match
}
