package analysis

import (
	"sort"
	"strings"

	"github.com/ladder-dev/ladder/decode"
)

// maxAppEvents bounds the events read per flow: the explanation cites the
// latest before each reset, so a long connection keeps its last ones.
const maxAppEvents = 256

// DissectedEvidence is the AppEvidence of the application dissectors: it
// replays flow f through a decode.AppWalker and reads, from the same
// details trees the packet pane shows, the TLS alerts sent in clear
// (close_notify; fatal alerts by name) and the HTTP requests with whether
// a response completed for each (in order, as HTTP/1.1 answers them).
// Encrypted alerts say nothing of their kind and are not events. It
// returns nil until the capture has finished loading.
func DissectedEvidence(idx *decode.Index, f *decode.Flow) []AppEvent {
	if f == nil || f.Proto != decode.ProtoTCPPacket {
		return nil
	}
	select {
	case <-idx.Done():
	default:
		// A live capture is analysed with its loader held off (Index.Frozen),
		// while the walker reads packets and flows under the index's lock:
		// the application evidence waits for a finished capture.
		return nil
	}
	w := decode.NewAppWalker(idx)
	var out, pending []AppEvent
	for _, fr := range f.Frames {
		r := w.At(int(fr), true)
		if r.Proto == "" {
			continue
		}
		frame := int(fr) + 1
		line := strings.TrimSpace(r.Info)
		walkFields(r.Tree, func(fd *decode.Field, parent *decode.Field) {
			switch fd.Name {
			case "tls.alert_message.desc":
				level := findChild(parent, "tls.alert_message.level")
				switch {
				case level != nil && level.Num == 2:
					out = append(out, AppEvent{Frame: frame, Kind: AppFatalAlert, Detail: strings.TrimPrefix(fd.Label, "Description: ")})
				case fd.Num == 0:
					out = append(out, AppEvent{Frame: frame, Kind: AppCloseNotify})
				}
			case "http.request.method":
				if len(pending) < maxAppEvents {
					pending = append(pending, AppEvent{Frame: frame, Kind: AppRequestPending, Detail: line})
				}
			case "http.response.code":
				if len(pending) > 0 {
					pending = pending[1:]
				}
				out = append(out, AppEvent{Frame: frame, Kind: AppResponseDone, Detail: line})
			}
		})
		if len(out) > 2*maxAppEvents {
			out = append(out[:0], out[len(out)-maxAppEvents:]...)
		}
	}
	out = append(out, pending...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Frame < out[b].Frame })
	if len(out) > maxAppEvents {
		out = out[len(out)-maxAppEvents:]
	}
	return out
}

// walkFields calls fn for every field of the tree with its parent.
func walkFields(fs []decode.Field, fn func(fd, parent *decode.Field)) {
	var walk func(fs []decode.Field, parent *decode.Field)
	walk = func(fs []decode.Field, parent *decode.Field) {
		for k := range fs {
			fn(&fs[k], parent)
			walk(fs[k].Children, &fs[k])
		}
	}
	walk(fs, nil)
}

func findChild(parent *decode.Field, name string) *decode.Field {
	if parent == nil {
		return nil
	}
	for k := range parent.Children {
		if parent.Children[k].Name == name {
			return &parent.Children[k]
		}
	}
	return nil
}
