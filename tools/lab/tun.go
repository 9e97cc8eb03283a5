package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// tunName is the device name inside each namespace; namespaces keep the
// two ends apart, so both can use the same name.
const tunName = "tun0"

// openTUN creates a layer-3 TUN device in namespace ns and returns its file.
//
// IFF_NO_PI makes every read and write one bare IP packet, which is exactly
// what a LINKTYPE_RAW capture stores, so the forwarder can record what it
// moves without any framing. The device is created by TUNSETIFF on a thread
// inside ns, so it lives there; it disappears when the file is closed.
// The fd is non-blocking so Go's poller serves it and Close interrupts a
// pending Read, which is how the forwarder is stopped.
func openTUN(ns string) (*os.File, error) {
	var file *os.File
	err := inNetns(ns, func() error {
		fd, err := unix.Open("/dev/net/tun", unix.O_RDWR|unix.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("open /dev/net/tun: %w", err)
		}
		ifr, err := unix.NewIfreq(tunName)
		if err != nil {
			unix.Close(fd)
			return err
		}
		ifr.SetUint16(unix.IFF_TUN | unix.IFF_NO_PI)
		if err := unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr); err != nil {
			unix.Close(fd)
			return fmt.Errorf("TUNSETIFF: %w", err)
		}
		if err := unix.SetNonblock(fd, true); err != nil {
			unix.Close(fd)
			return err
		}
		file = os.NewFile(uintptr(fd), ns+"/"+tunName)
		return nil
	})
	return file, err
}
