package main

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ifreqData is struct ifreq with its union holding a pointer, the shape
// SIOCETHTOOL takes. The pointer field keeps the referenced value alive and
// visible to the garbage collector during the call.
type ifreqData struct {
	name [unix.IFNAMSIZ]byte
	data unsafe.Pointer
	_    [24 - unsafe.Sizeof(uintptr(0))]byte
}

// ethtoolValue is struct ethtool_value.
type ethtoolValue struct {
	cmd  uint32
	data uint32
}

// disableTxChecksum turns off transmit checksum offload on dev in ns
// (`ethtool -K dev tx off`, without needing ethtool installed).
//
// A veth pair hands partially checksummed packets straight to its peer, so
// with offload on, an AF_PACKET capture shows every TCP checksum as wrong
// in both directions. Real NICs verify what they receive; turning offload
// off makes the kernel finish each checksum, and the Ethernet capture then
// carries the checksums a wire would.
func disableTxChecksum(ns, dev string) error {
	return inNetns(ns, func() error {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		v := ethtoolValue{cmd: unix.ETHTOOL_STXCSUM, data: 0}
		var ifr ifreqData
		copy(ifr.name[:], dev)
		ifr.data = unsafe.Pointer(&v)
		if _, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), unix.SIOCETHTOOL, uintptr(unsafe.Pointer(&ifr))); errno != 0 {
			return fmt.Errorf("ETHTOOL_STXCSUM %s/%s: %w", ns, dev, errno)
		}
		return nil
	})
}
