// Command blast is the traffic generator of bench/live-soak.sh: it floods
// an interface inside a network namespace with 60-byte UDP frames at a
// steady rate (internal/netnstest.Blaster), for a while or until killed.
//
//	blast -ns NAME -i IFACE -rate PPS -for DURATION [-flows N]
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/ladder-dev/ladder/internal/netnstest"
)

func main() {
	ns := flag.String("ns", "", "network `namespace` to send from")
	iface := flag.String("i", "", "`interface` to send on")
	rate := flag.Float64("rate", 100_000, "frames per second")
	dur := flag.Duration("for", time.Minute, "how long to send")
	flows := flag.Int("flows", 1024, "distinct UDP source ports (conversations)")
	fresh := flag.Bool("fresh", false, "make every frame a new conversation (many short connections)")
	flag.Parse()
	if *ns == "" || *iface == "" || *rate <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	bl, err := netnstest.NewBlaster(*ns, *iface)
	if err != nil {
		fmt.Fprintln(os.Stderr, "blast:", err)
		os.Exit(1)
	}
	defer bl.Close()
	bl.Flows, bl.Fresh = *flows, *fresh
	start := time.Now()
	total := 0
	// One second at a time, so the rate holds and the count is reported.
	for time.Since(start) < *dur {
		total += bl.Send(int(*rate), *rate)
	}
	fmt.Printf("blast: sent %d frames in %.1f s (%.0f/s)\n", total, time.Since(start).Seconds(), float64(total)/time.Since(start).Seconds())
}
