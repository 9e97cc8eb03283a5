// Command lab__wireguard runs one userspace WireGuard interface (the
// wireguard-go library, golang.zx2c4.com/wireguard) on a TUN device, for
// lab__wireguard.sh, which starts one in each of two network namespaces and
// configures them with wg(8) from Debian's wireguard-tools through the
// interface's UAPI socket (/var/run/wireguard/NAME.sock). It runs until
// SIGINT or SIGTERM. Its own module, so ladder gains no dependency:
//
//	go build -o /tmp/lab-wg . && /tmp/lab-wg IFNAME
package main

import (
	"log"
	"os"
	"os/signal"
	"syscall"

	"golang.zx2c4.com/wireguard/conn"
	"golang.zx2c4.com/wireguard/device"
	"golang.zx2c4.com/wireguard/ipc"
	"golang.zx2c4.com/wireguard/tun"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: lab__wireguard IFNAME")
	}
	name := os.Args[1]
	tdev, err := tun.CreateTUN(name, device.DefaultMTU)
	if err != nil {
		log.Fatalf("tun: %v", err)
	}
	logger := device.NewLogger(device.LogLevelError, "("+name+") ")
	dev := device.NewDevice(tdev, conn.NewDefaultBind(), logger)
	f, err := ipc.UAPIOpen(name)
	if err != nil {
		log.Fatalf("uapi open: %v", err)
	}
	uapi, err := ipc.UAPIListen(name, f)
	if err != nil {
		log.Fatalf("uapi listen: %v", err)
	}
	go func() {
		for {
			c, err := uapi.Accept()
			if err != nil {
				return
			}
			go dev.IpcHandle(c)
		}
	}()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	select {
	case <-sig:
	case <-dev.Wait():
	}
	uapi.Close()
	dev.Close()
}
