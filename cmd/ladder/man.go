package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/ui"
)

func init() {
	register(command{"man", "print the manual page (roff; view with: ladder man | man -l -)", runMan})
}

// runMan prints ladder(1), assembled from the same sources as --help, the
// filter field registry, the reset cause list and the outcome table, so
// the page cannot drift from the program.
func runMan(_ []string, stdout, _ io.Writer) int {
	w := &bytes.Buffer{}
	fmt.Fprintf(w, ".TH LADDER 1 %q \"ladder\" \"User Commands\"\n", time.Now().Format("2006-01-02"))
	section(w, "NAME", "ladder \\- a packet browser for the terminal that explains why TCP connections end")
	section(w, "SYNOPSIS", ".B ladder\n.I FILE\n.br\n.B ladder\n.I COMMAND FILE\n[flags]\n.br\n.B ladder demo")
	section(w, "DESCRIPTION", `ladder reads a capture (pcap or pcapng, optionally gzip-compressed, or - for standard input),
numbers every TCP and UDP conversation the way Wireshark numbers tcp.stream and udp.stream, analyses
TCP the way Wireshark's tcp.analysis does, and explains why every TCP reset was sent. On a terminal,
.B ladder FILE
opens the interactive view (press ? for every key); otherwise it prints the packet list. Every view
is also a subcommand that prints text or JSON for scripts.`)
	section(w, "TWO CAPTURES", `Two captures of the same traffic taken at two points of its path (next to the client and next to
the server, or on both sides of a firewall, NAT or load balancer) prove what one cannot: where a
segment was lost and who really sent a reset.
.B ladder A B
opens A at once while both load and pairs them when both are in (the status bar shows B's progress,
then how many TCP connections were paired); the flow table's Seen column says both (with N lost /
N not sent between the points) or 1st only, and the connections only B saw are rows after A's,
labelled 2nd:tcp N with B's stream numbers (Enter or l opens their ladder from B's packets); the
ladder is two-sided and its arrows from B are selectable.
Every command that reads a capture
.RB ( list ", " flows ", " expert ", " explain ", " ladder ", " stats ", " follow ", " export )
takes B after A; stream and frame numbers are A's unless a file is named.
.B list A B
marks each TCP or UDP packet {B:N} (B's frame N), {lost-between}, {not-sent}, {copy}, {missed},
{outside} or {unpaired}; JSON path and other_frame.
.B expert A B
adds the warnings vantage.lost_between, vantage.lost_before and vantage.not_sent with the file of each frame.
.B follow A B --stream N
prints the stream as A saw it, then as B saw it, then per direction whether both points saw the same
bytes (or which bytes only one has) and the segments lost between the points or never sent;
--point 1|2 prints one point's copy alone (needed for --format raw).
.B stats A B
prints how the captures line up (nearer end, clock offset, drift and bound, connections paired,
losses), each direction's time between the points on the fitted clock (fastest, median, slowest,
each within the clock's bound) and each file's totals, then the chosen view (if any) of each file;
--json gives {pairing, captures}.
.B export A B -w OUT --path lost-between,not-sent
writes A's packets whose list mark is one of those named (both, lost-between, lost-or-uncaptured,
not-sent, copy, missed, unseen, outside, unpaired).
A segment or reset seen only at the receiver's point while the capture at the sender's point admits
dropping packets (pcapng interface statistics isb_ifdrop, isb_osdrop) is unseen, not forged: nothing
is proved. A segment seen only at the sender's point while the capture at the receiver's point admits
drops is lost-or-uncaptured (lost between the points or dropped by that capture), not lost-between. A pcap file reports no drops, and its silence is believed. A segment one capture saw
whole (TSO, GRO) and the other in pieces is matched by sequence range. A clock that drifts is
fitted (the summary then says drifting N ppm); the bound holds along the fitted drift.`)
	fmt.Fprintln(w, ".SH COMMANDS")
	for _, c := range commands() {
		if c.name == "man" {
			continue
		}
		fmt.Fprintf(w, ".SS %s\n%s\n", c.name, roffEscape(c.summary))
		var help, errb bytes.Buffer
		c.run([]string{"--help"}, &help, &errb)
		text := strings.TrimSpace(help.String() + errb.String())
		if text != "" {
			fmt.Fprintf(w, ".PP\n.nf\n%s\n.fi\n", roffEscape(text))
		}
	}
	fmt.Fprintln(w, ".SH KEYS")
	fmt.Fprintln(w, "The interactive view's keys (also on its help screen, ?):")
	keySection := ""
	for _, k := range ui.KeyHelp() {
		if k.Section != keySection {
			keySection = k.Section
			fmt.Fprintf(w, ".SS %s\n", roffEscape(keySection))
		}
		if k.Keys == "" {
			fmt.Fprintf(w, ".PP\n%s\n", roffEscape(k.Action))
			continue
		}
		fmt.Fprintf(w, ".TP\n.B %s\n%s\n", roffEscape(k.Keys), roffEscape(k.Action))
	}
	fmt.Fprintln(w, ".SH DISPLAY FILTER FIELDS")
	fmt.Fprintln(w, "Filters use Wireshark's display-filter syntax (-Y on the command line, / in the interactive view).")
	reg := dfilter.Fields().WithAnalysis()
	for _, name := range reg.Names() {
		f, _ := reg.Lookup(name)
		fmt.Fprintf(w, ".TP\n.B %s\n%s\n", roffEscape(name), roffEscape(f.Desc))
	}
	fmt.Fprintln(w, ".SH RESET CAUSES")
	for _, c := range analysis.Causes() {
		fmt.Fprintf(w, ".TP\n.B %s\n%s\n", c.Code, roffEscape(c.Meaning))
	}
	fmt.Fprintln(w, ".SH CONNECTION OUTCOMES")
	fmt.Fprintln(w, "ladder flows (outcome), ladder explain --all, the flow table's End column and ladder.outcome give every TCP connection one of these codes, with who ended it (client, server, network, none), a confidence, the evidence frames and an explanation. The rules are tried in this order; the first that fits wins:")
	for _, o := range analysis.Outcomes() {
		fmt.Fprintf(w, ".TP\n.B %s\n%s: %s\n", o.Code, roffEscape(o.Meaning), roffEscape(o.Man))
	}
	section(w, "LIVE CAPTURE", `.B ladder -i IFACE
opens the interactive view on a live capture,
.B ladder list -i IFACE
prints lines as packets arrive. Packets come through a TPACKET_V3 memory-mapped ring of 32 MiB
(one recvmsg per packet where the kernel offers no ring); the packets the kernel dropped because
ladder fell behind are counted in the status bar and in the line printed at the end
(N packets captured, M dropped by the kernel).
.PP
With
.B -w FILE -b filesize:KB
(or
.BR -b " duration:SECONDS)"
ladder writes a ring of files named like dumpcap's, FILE_00001_YYYYmmddHHMMSS.pcapng, starting the next
file after KB kB (1000 bytes) or SECONDS; with
.B -b files:N
it deletes the oldest beyond N files. The packets of a deleted file leave the index and the analysis:
frames keep their numbers, older ones read as gone, and the status bar says where the window starts
(window from frame F) and the closing line which frames the ring's files hold, so memory stays flat
however long the capture runs.`)
	section(w, "EXIT STATUS", "0 on success; 1 when the capture is damaged or unreadable (everything before the damage is still shown, and the message names the file, byte offset and packet number) or the output cannot be written (a full disk: the message says so); 2 on bad usage.")
	section(w, "ENVIRONMENT", ".B NO_COLOR\nturns colours off in the interactive view, as --no-color does.")
	section(w, "EXAMPLES", `.nf
ladder demo
ladder capture.pcapng
ladder list capture.pcap -Y 'tcp.flags.reset == 1'
ladder explain capture.pcap --stream 3
ladder ladder capture.pcap --stream 3 --width 100
zcat big.pcap.gz | ladder flows - --json
ladder -i eth0 -w /var/tmp/eth0.pcapng -b filesize:100000 -b files:10
.fi`)
	stdout.Write(w.Bytes())
	return exitOK
}

func section(w io.Writer, name, body string) {
	fmt.Fprintf(w, ".SH %s\n%s\n", name, body)
}

// roffEscape keeps text literal in roff: backslashes, and leading dots or
// quotes that would start a request.
func roffEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}
