// Command lab__kafka runs one side of lab__kafka.sh's Kafka exchange: with -server, franz-go's kfake (an
// in-memory Kafka broker written by franz-go's authors) on 127.0.0.1:9092 with one topic "lab"; otherwise a
// franz-go (kgo) client that produces three records, consumes them in consumer group "lab-group", commits the
// offsets and leaves the group.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kversion"
)

func main() {
	server := flag.Bool("server", false, "run the broker")
	maxv := flag.String("max", "", "highest Kafka release whose API versions the client uses (e.g. v2.4.0)")
	flag.Parse()
	if *server {
		c, err := kfake.NewCluster(kfake.Ports(9092), kfake.SeedTopics(1, "lab"))
		if err != nil {
			log.Fatal(err)
		}
		defer c.Close()
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		<-ch
		return
	}
	opts := []kgo.Opt{kgo.SeedBrokers("127.0.0.1:9092"), kgo.ClientID("ladder-lab"),
		kgo.ConsumeTopics("lab"), kgo.ConsumerGroup("lab-group"), kgo.DisableAutoCommit(),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart())}
	if *maxv != "" {
		opts = append(opts, kgo.MaxVersions(kversion.FromString(*maxv)))
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, v := range []string{"one", "two", "three"} {
		if err := cl.ProduceSync(ctx, &kgo.Record{Topic: "lab", Key: []byte("k"), Value: []byte(v)}).FirstErr(); err != nil {
			log.Fatal(err)
		}
	}
	got := 0
	for got < 3 {
		fs := cl.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			log.Fatal(err)
		}
		got += fs.NumRecords()
	}
	if err := cl.CommitUncommittedOffsets(ctx); err != nil {
		log.Fatal(err)
	}
	cl.Close()
}
