package config

import (
	"fmt"
	"io"
)

// Write prints the effective configuration as a TOML file that Parse
// reads back, each value followed by a comment saying where it came from
// and what it means.
func (c *Config) Write(w io.Writer) error {
	table := settings()
	for i, section := range sectionOrder {
		if i > 0 {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintf(w, "[%s]\n", section); err != nil {
			return err
		}
		for _, s := range table {
			if s.Section != section {
				continue
			}
			v, o := c.Get(s.Section, s.Name)
			if _, err := fmt.Fprintf(w, "%s = %s  # %s; %s\n", s.Name, v.TOML(), o, s.Doc); err != nil {
				return err
			}
		}
	}
	return nil
}
