package decode

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"golang.org/x/net/bpf"
)

// maxFilterInsns is the kernel's limit on a classic BPF program (BPF_MAXINSNS).
const maxFilterInsns = 4096

// tcpdumpLinkNames are the names tcpdump -y takes for the link types a live
// capture produces.
var tcpdumpLinkNames = map[uint16]string{
	LinkEthernet: "EN10MB",
	LinkRaw:      "RAW",
	LinkLinuxSLL: "LINUX_SLL",
}

// FilterError is a capture filter tcpdump rejected: the user's mistake,
// which commands report as a usage error.
type FilterError struct {
	Expr   string
	Reason string // tcpdump's message
}

func (e *FilterError) Error() string { return fmt.Sprintf("capture filter %q: %s", e.Expr, e.Reason) }

// CompileFilter compiles a capture filter in tcpdump syntax to classic BPF
// for packets of the given link type. Writing a compiler for the pcap filter
// language would be a project of its own and libpcap needs cgo, so ladder
// asks tcpdump (tcpdump -ddd), which any Linux box can install.
func CompileFilter(expr string, link uint16, snapLen int) ([]bpf.RawInstruction, error) {
	name, ok := tcpdumpLinkNames[link]
	if !ok {
		return nil, fmt.Errorf("capture filter: link type %d is not supported", link)
	}
	tcpdump, err := exec.LookPath("tcpdump")
	if err != nil {
		return nil, errors.New("capture filter -f needs tcpdump to compile it: install tcpdump (apt-get install tcpdump) or drop -f")
	}
	cmd := exec.Command(tcpdump, "-ddd", "-y", name, "-s", strconv.Itoa(snapLen), expr)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, &FilterError{Expr: expr, Reason: msg}
	}
	prog, err := parseBPF(out.String())
	if err != nil {
		return nil, fmt.Errorf("capture filter %q: reading tcpdump -ddd output: %w", expr, err)
	}
	return prog, nil
}

// parseBPF reads tcpdump -ddd output: an instruction count, then one line of
// "code jt jf k" in decimal per instruction.
func parseBPF(s string) ([]bpf.RawInstruction, error) {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	n, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil || n < 1 || n > maxFilterInsns {
		return nil, fmt.Errorf("bad instruction count %q", lines[0])
	}
	if len(lines)-1 != n {
		return nil, fmt.Errorf("%d instructions announced, %d given", n, len(lines)-1)
	}
	prog := make([]bpf.RawInstruction, n)
	for i, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) != 4 {
			return nil, fmt.Errorf("instruction %d: %q is not \"code jt jf k\"", i, l)
		}
		var v [4]uint64
		for j, bits := range [4]int{16, 8, 8, 32} {
			if v[j], err = strconv.ParseUint(f[j], 10, bits); err != nil {
				return nil, fmt.Errorf("instruction %d: %w", i, err)
			}
		}
		prog[i] = bpf.RawInstruction{Op: uint16(v[0]), Jt: uint8(v[1]), Jf: uint8(v[2]), K: uint32(v[3])}
	}
	return prog, nil
}
