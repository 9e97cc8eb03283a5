package decode

import (
	"testing"
	"time"

	"github.com/ladder-dev/ladder/internal/netnstest"
)

// BenchmarkLiveRate finds the highest packet rate the whole live path
// (socket, pcapng spool, index) captures for 2 seconds without a drop, for
// the TPACKET_V3 ring and for recvmsg. The traffic is netnstest.Blaster's
// 60-byte UDP frames on a veth pair; the rate doubles from 25,000 frames/s
// until a run drops frames, then is bisected. A run counts at the rate the
// generator actually reached (its sends also pay the veth's receive side,
// taps included, on its own core), so when the generator tops out before
// the capture drops, rate-pps is the generator's limit and sender-limited
// is 1. Time figures depend on the machine and its load; use -benchtime 1x.
func BenchmarkLiveRate(b *testing.B) {
	for _, mode := range []struct {
		name   string
		noRing bool
	}{{"tpacket_v3", false}, {"recvmsg", true}} {
		b.Run(mode.name, func(b *testing.B) {
			p := netnstest.NewPair(b)
			bl, err := netnstest.NewBlaster(p.Server, netnstest.ServerIface)
			if err != nil {
				b.Fatal(err)
			}
			defer bl.Close()
			// run captures 2 s of frames at rate; it returns the rate
			// reached and the frames lost (dropped or never counted).
			run := func(rate float64) (reached float64, lost uint64) {
				var src *Source
				if err := netnstest.In(p.Client, func() (err error) {
					src, err = OpenLive(LiveOptions{Interface: netnstest.ClientIface, NoRing: mode.noRing})
					return err
				}); err != nil {
					b.Fatal(err)
				}
				defer src.Close()
				x := Start(src)
				t0 := time.Now()
				sent := bl.Send(int(rate*2), rate)
				reached = float64(sent) / time.Since(t0).Seconds()
				for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
					if st, _ := x.LiveStats(); st.Captured+st.Dropped >= uint64(sent) {
						break
					}
				}
				x.Stop()
				x.Wait()
				st, _ := x.LiveStats()
				b.Logf("%s: asked %8.0f/s, sent %8d at %8.0f/s: captured %d, dropped %d", mode.name, rate, sent, reached, st.Captured, st.Dropped)
				return reached, uint64(sent) - min(uint64(sent), st.Captured)
			}
			for range b.N {
				best, limited := 0.0, 0.0
				lo, hi := 0.0, 0.0
				try := func(rate float64) bool {
					reached, lost := run(rate)
					if lost == 0 {
						best = max(best, reached)
					}
					if reached < rate*0.9 && lost == 0 {
						limited = 1 // the generator, not the capture, is the limit
					}
					return lost == 0 && reached >= rate*0.9
				}
				for rate := 25_000.0; hi == 0 && limited == 0; rate *= 2 {
					if try(rate) {
						lo = rate
					} else {
						hi = rate
					}
				}
				for k := 0; k < 3 && hi > 0 && limited == 0; k++ {
					if mid := (lo + hi) / 2; try(mid) {
						lo = mid
					} else {
						hi = mid
					}
				}
				b.ReportMetric(best, "rate-pps")
				b.ReportMetric(limited, "sender-limited")
			}
		})
	}
}
