package analysis

import (
	"fmt"
	"strings"

	"github.com/ladder-dev/ladder/decode"
)

// Application evidence for the reset explanations. The packets of TCP
// alone cannot say whether the application had finished when a reset
// came: a TLS close_notify or an HTTP response that completed says it had
// (the reset lost nothing), a fatal alert or a request still waiting for
// its response says it had not. The application dissectors (decode) know
// this; they hand it over as AppEvents through an AppEvidence function,
// and the explanation cites the latest events before each reset.

// AppKind is an application event that bears on why a connection ended.
type AppKind uint8

const (
	AppCloseNotify    AppKind = iota + 1 // TLS close_notify alert
	AppFatalAlert                        // TLS fatal alert; Detail names it
	AppResponseDone                      // an HTTP response complete; Detail is its status line
	AppRequestPending                    // an HTTP request without its response; Detail is its request line
)

// AppEvent is one application event in a packet.
type AppEvent struct {
	Frame  int // frame number of the packet that completed it
	Kind   AppKind
	Detail string // escaped text for people ("handshake_failure (40)", "GET /index.html")
}

// AppEvidence returns the application events of flow f in frame order,
// nil when none are known. It must be safe to call once per flow with
// resets, after loading.
type AppEvidence func(idx *decode.Index, f *decode.Flow) []AppEvent

// maxAppCited bounds the events one explanation cites.
const maxAppCited = 2

// appText is the sentences citing the application events before the
// reset (the latest of each kind, at most maxAppCited), or "".
func appText(f *resetFacts) string {
	var cited [maxAppCited]*AppEvent
	n := 0
	var seen [AppRequestPending + 1]bool
	for k := len(f.app) - 1; k >= 0 && n < maxAppCited; k-- {
		e := &f.app[k]
		if e.Frame >= f.frame || e.Frame < 1 || e.Frame > f.idx.Len() || e.Kind == 0 || e.Kind > AppRequestPending || seen[e.Kind] {
			continue
		}
		seen[e.Kind] = true
		cited[n] = e
		n++
	}
	var b strings.Builder
	for k := n - 1; k >= 0; k-- {
		e := cited[k]
		who := f.roleName(f.idx.Packet(e.Frame - 1).Dir)
		detail := ""
		if e.Detail != "" {
			detail = " (" + decode.Printable(e.Detail) + ")"
		}
		switch e.Kind {
		case AppCloseNotify:
			fmt.Fprintf(&b, " The %s had sent a TLS close_notify in frame %d: its application had finished with the "+
				"connection, so the reset cut nothing short.", who, e.Frame)
		case AppFatalAlert:
			fmt.Fprintf(&b, " The %s had sent a TLS fatal alert%s in frame %d: the TLS session had failed before the reset.",
				who, detail, e.Frame)
		case AppResponseDone:
			fmt.Fprintf(&b, " The HTTP response in frame %d%s had completed before the reset.", e.Frame, detail)
		case AppRequestPending:
			fmt.Fprintf(&b, " The HTTP request in frame %d%s was still waiting for its response when the connection "+
				"was reset.", e.Frame, detail)
		}
	}
	return b.String()
}
