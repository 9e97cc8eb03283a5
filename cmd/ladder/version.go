package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

func init() {
	register(command{"version", "print the version and build information", runVersion})
}

// runVersion prints the module version (or the VCS revision of a source
// build) and the toolchain, from the build information Go embeds.
func runVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintln(stdout, versionText())
	return exitOK
}

func versionText() string {
	version, rev, dirty, when := "(devel)", "", "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+modified"
				}
			case "vcs.time":
				when = s.Value
			}
		}
	}
	s := "ladder " + version
	if rev != "" {
		s += fmt.Sprintf(" (%.12s%s %s)", rev, dirty, when)
	}
	return s + fmt.Sprintf(", %s %s/%s, cgo off", runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
