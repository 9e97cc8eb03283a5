package decode

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestBlockReaderMatchesData reads every packet of real captures through a
// blockReader, in capture order, backwards and in strides, and checks each
// against the exact per-packet read (Index.Data, one pread each): the
// block must never serve stale or shifted bytes. The captures include a
// gzip file (read through the spool), pcapng, and packets larger than half
// a block (read alone).
func TestBlockReaderMatchesData(t *testing.T) {
	files := []string{
		"../testdata/wikipedia.pcap.gz",
		"../testdata/app/seladb__PcapPlusPlus__Tests__Packet++Test__PacketExamples__dns_over_tcp.pcapng",
		"../testdata/app/zeek__zeek__testing__btest__Traces__http__docker-http-upgrade.pcap",
	}
	big, _ := filepath.Glob("../testdata/encap/*.pcap*")
	files = append(files, big...)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			x := Load(src)
			x.Wait()
			n := x.Len()
			if n == 0 {
				t.Fatal("no packets")
			}
			orders := map[string][]int{}
			for i := range n {
				orders["forward"] = append(orders["forward"], i)
				orders["backward"] = append(orders["backward"], n-1-i)
				orders["stride 7"] = append(orders["stride 7"], (i*7)%n)
			}
			for name, order := range orders {
				var r blockReader
				for _, i := range order {
					got, err := r.packet(x, i)
					want, werr := x.Data(i, nil)
					if (err != nil) != (werr != nil) || !bytes.Equal(got, want) {
						t.Fatalf("%s: frame %d: block read %d bytes (err %v), Data %d bytes (err %v)",
							name, i+1, len(got), err, len(want), werr)
					}
				}
			}
		})
	}
}
