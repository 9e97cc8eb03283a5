package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ladder-dev/ladder/decode"
)

// liveFlags are the capture flags shared by "ladder -i" (the interactive
// view) and "ladder list -i" (lines as they arrive, like tshark -i).
type liveFlags struct {
	iface  string
	filter string
	write  string
	count  *int
	listIf bool
	ring   ringFlag
}

// ringFlag collects -b options (dumpcap's ring buffer): filesize:KB,
// files:N and duration:SECONDS, each given as its own -b.
type ringFlag struct {
	opt decode.RingOptions
	set bool
}

func (r *ringFlag) String() string { return "" }

func (r *ringFlag) Set(v string) error {
	key, val, ok := strings.Cut(v, ":")
	n, err := strconv.ParseInt(val, 10, 64)
	if !ok || err != nil || n <= 0 {
		return fmt.Errorf("want filesize:KB, files:N or duration:SECONDS with a positive number, not %q", v)
	}
	switch key {
	case "filesize":
		if n > maxRingFileKB {
			return fmt.Errorf("filesize:%d is above the %d kB limit", n, maxRingFileKB)
		}
		r.opt.FileSize = n * 1000 // dumpcap's kB
	case "files":
		if n > maxRingFiles {
			return fmt.Errorf("files:%d is above the %d files limit", n, maxRingFiles)
		}
		r.opt.Files = int(n)
	case "duration":
		if n > maxRingSeconds {
			return fmt.Errorf("duration:%d is above the %d seconds limit", n, maxRingSeconds)
		}
		r.opt.Duration = time.Duration(n) * time.Second
	default:
		return fmt.Errorf("unknown ring option %q (want filesize, files or duration)", key)
	}
	r.set = true
	return nil
}

// Limits of -b, as dumpcap's: 2 TiB files (its filesize limit), 100000
// files (RINGBUFFER_MAX_NUM_FILES); a duration of at most a year.
const (
	maxRingFileKB  = 2 << 40 / 1000
	maxRingFiles   = 100000
	maxRingSeconds = 366 * 24 * 3600
)

// addLiveFlags registers -i, -f, -w and -D on fs, and -c unless the command
// already has one (count then points at it).
func addLiveFlags(fs *flag.FlagSet, count *int) *liveFlags {
	lf := &liveFlags{count: count}
	fs.StringVar(&lf.iface, "i", "", "capture live on `IFACE` (\"any\": every interface, with Linux cooked headers) "+
		"through a TPACKET_V3 memory-mapped ring (recvmsg where the kernel has none); "+
		"the index keeps 64 bytes per packet, about 16 million packets per GiB of memory, and the packet "+
		"bytes stay on disk in the -w file (or an unlinked temporary file); with -b only the packets of the ring's "+
		"files stay in memory; needs CAP_NET_RAW")
	fs.StringVar(&lf.filter, "f", "", "capture `FILTER` in tcpdump syntax (e.g. \"tcp port 443\"), compiled by tcpdump -ddd "+
		"and run in the kernel, so other packets never reach ladder; with -i any ladder runs it itself")
	fs.StringVar(&lf.write, "w", "", "with -i, also write the captured packets to pcapng `FILE` as they arrive")
	fs.Var(&lf.ring, "b", "with -i and -w, write a ring of files like dumpcap's -b: `filesize:KB` starts the next file "+
		"after KB kB (1000 bytes), duration:SECONDS after that long, files:N deletes the oldest beyond N; repeat -b to combine. "+
		"Files are named FILE_00001_YYYYmmddHHMMSS.ext; packets of deleted files leave the index, so memory stays flat")
	fs.BoolVar(&lf.listIf, "D", false, "list the interfaces -i can capture on, then exit")
	if count == nil {
		lf.count = fs.Int("c", 0, "with -i, stop after `N` packets (0: until interrupted)")
	}
	return lf
}

// active reports whether the command line asks for live capture (or -D)
// rather than a capture file.
// -b alone counts, so that usable can say it needs -i.
func (lf *liveFlags) active() bool { return lf.iface != "" || lf.listIf || lf.ring.set }

// usable checks the flag combination; files and -i exclude each other.
// cmd is the subcommand's name, empty for the interactive view.
func (lf *liveFlags) usable(cmd string, files []string, stderr io.Writer) bool {
	prefix := strings.TrimSpace("ladder " + cmd)
	switch {
	case lf.listIf:
		return true
	case lf.ring.set && lf.iface == "":
		fmt.Fprintf(stderr, "%s: -b needs a live capture (-i IFACE)\n", prefix)
	case len(files) > 0:
		fmt.Fprintf(stderr, "%s: give either a capture file or -i IFACE, not both\n", prefix)
	case *lf.count < 0:
		fmt.Fprintf(stderr, "%s: -c must not be negative\n", prefix)
	case lf.ring.set && lf.write == "":
		fmt.Fprintf(stderr, "%s: -b needs a file name for the ring (-w FILE)\n", prefix)
	case lf.ring.set && !lf.ring.opt.Enabled():
		fmt.Fprintf(stderr, "%s: -b files:N needs -b filesize:KB or -b duration:SECONDS to say when to start the next file\n", prefix)
	default:
		return true
	}
	return false
}

func (lf *liveFlags) options() decode.LiveOptions {
	return decode.LiveOptions{Interface: lf.iface, Filter: lf.filter, WriteFile: lf.write, Count: *lf.count, Ring: lf.ring.opt}
}

// openLive starts a live capture and its index; the index grows as packets
// arrive and finishes after the count, on Stop, or when the interface goes
// away (then Err says so and every packet captured stays readable).
func openLive(opt decode.LiveOptions) (*decode.Index, error) {
	src, err := decode.OpenLive(opt)
	if err != nil {
		return nil, err
	}
	return decode.Start(src), nil
}

// run handles -D, or opens the capture and hands the growing index to view;
// when view returns (the user quit) the capture is stopped and the -w file
// completed. An interface that went away is reported with exit status 1.
func (lf *liveFlags) run(stderr io.Writer, view func(*decode.Index) error) int {
	if lf.listIf {
		return listInterfaces(os.Stdout, stderr)
	}
	idx, err := openLive(lf.options())
	if err != nil {
		return liveOpenFailed(stderr, err)
	}
	viewErr := view(idx)
	idx.Stop()
	idx.Wait()
	if viewErr != nil {
		fmt.Fprintln(stderr, "ladder:", viewErr)
		return exitDamaged
	}
	return reportCaptureEnd(stderr, idx)
}

// liveOpenFailed reports why a live capture did not start: exit status 2
// for a capture filter tcpdump rejects (bad usage), 1 otherwise.
func liveOpenFailed(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "ladder:", err)
	var fe *decode.FilterError
	if errors.As(err, &fe) {
		return exitUsage
	}
	return exitDamaged
}

// reportCaptureEnd prints the capture summary (as tshark does, on standard
// error) and the reason the capture ended if it was not asked to.
func reportCaptureEnd(stderr io.Writer, idx *decode.Index) int {
	if st, ok := idx.LiveStats(); ok {
		fmt.Fprintf(stderr, "%d packets captured, %d dropped by the kernel\n", st.Captured, st.Dropped)
	}
	if first := idx.First(); first > 0 {
		fmt.Fprintf(stderr, "the ring's files hold frames %d-%d; frames 1-%d left with the files it deleted\n", first+1, idx.Len(), first)
	}
	return reportLoadError(stderr, idx.Err())
}

// liveAnalysisEvery is how often ladder list -i reruns the analysis for a
// display filter on its fields.
const liveAnalysisEvery = 500 * time.Millisecond

// listLive prints packet-list lines (or JSON lines) as packets arrive, like
// tshark -i, until -c packets, an interrupt, or the interface going away.
func (lf *liveFlags) listLive(asJSON bool, filter *filterFlag, stdout, stderr io.Writer) int {
	if lf.listIf {
		return listInterfaces(stdout, stderr)
	}
	idx, err := openLive(lf.options())
	if err != nil {
		return liveOpenFailed(stderr, err)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	go func() {
		select {
		case <-sig:
			idx.Stop()
		case <-idx.Done():
		}
	}()
	w := bufio.NewWriterSize(stdout, 64<<10)
	enc := json.NewEncoder(w)
	every := 50 * time.Millisecond
	if filter.needsAnalysis() {
		every = liveAnalysisEvery // the analysis reruns over every packet so far
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	var buf []byte
	var row decode.Row
	for next, done := 0, false; !done; {
		select {
		case <-idx.Done():
			done = true
		case <-tick.C:
		}
		// The new packets are filtered with the loader held off, so the
		// analysis and the packets filtered are of the same packets: a
		// filter on analysis fields (tcp.analysis.*, ladder.rst.cause)
		// needs the analysis of every packet so far, so it is rebuilt as
		// packets arrive, not once at the start when there were none.
		// (The flow records a filter reads are the index's snapshots,
		// safe whether or not the loader runs.)
		idx.Frozen(func() {
			n := idx.Len()
			next = max(next, idx.First()) // packets a ring deleted before they were printed
			if next >= n {
				return
			}
			match := filter.matcher(idx)
			for ; next < n; next++ {
				if !match(next) {
					continue
				}
				row, buf = idx.Row(next, "", buf)
				if asJSON {
					enc.Encode(jsonRow(&row))
				} else {
					writeRow(w, &row)
				}
			}
		})
		if err := w.Flush(); err != nil {
			idx.Stop() // the reader went away (closed pipe): stop capturing
		}
	}
	return reportCaptureEnd(stderr, idx)
}

// jsonRow is the JSON shape of a list row (as ladder list --json prints).
func jsonRow(row *decode.Row) listRow {
	lr := listRow{Frame: row.Frame, Time: row.Time, Src: row.Src, Dst: row.Dst,
		Protocol: row.Protocol, Length: row.Length, Info: row.Info}
	if row.Stream >= 0 {
		s := row.Stream
		lr.Stream = &s
	}
	return lr
}

// listInterfaces prints the interfaces like tshark -D: number (the kernel's
// interface index), name, flags and addresses, then the "any" pseudo-interface.
func listInterfaces(stdout, stderr io.Writer) int {
	ifs, err := net.Interfaces()
	if err != nil {
		fmt.Fprintln(stderr, "ladder: cannot list interfaces:", err)
		return exitDamaged
	}
	for _, ifc := range ifs {
		var addrs []string
		if as, err := ifc.Addrs(); err == nil {
			for _, a := range as {
				addrs = append(addrs, a.String())
			}
		}
		line := fmt.Sprintf("%d. %s [%s]", ifc.Index, ifc.Name, strings.ReplaceAll(ifc.Flags.String(), "|", ", "))
		if len(addrs) > 0 {
			line += " " + strings.Join(addrs, " ")
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintln(stdout, "any (every interface, with Linux cooked headers; -f runs in ladder, not the kernel)")
	return exitOK
}
