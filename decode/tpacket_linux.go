//go:build linux

package decode

import (
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Size of the TPACKET_V3 receive ring: 32 blocks of 1 MiB. A block is
// handed to ladder when full or after ringBlockTimeout, so a busy link
// costs one poll per block instead of one recvmsg per packet, and the ring
// absorbs 32 MiB of burst (four times the recvmsg path's socket buffer)
// while the index catches up. A block holds the largest snapshot
// (262144 bytes) with its headers.
const (
	ringBlockSize    = 1 << 20
	ringBlocks       = 32
	ringFrameSize    = 1 << 11 // nominal: V3 packs packets of any size
	ringBlockTimeout = 32      // ms before a partly filled block is handed over
)

// rxRing is a TPACKET_V3 memory-mapped receive ring on a packet socket.
type rxRing struct {
	mem  []byte
	cur  int     // block being read or waited for
	held bool    // block cur is ours (TP_STATUS_USER) until released
	blk  v3Block // walking block cur
	pfd  [1]unix.PollFd
	req  unix.TpacketReq3
	fd   int
}

// openRxRing switches fd to TPACKET_V3 and maps its receive ring. It must
// run before the socket is bound; on an error the caller keeps the socket
// as it was and reads with recvmsg.
func openRxRing(fd int) (*rxRing, error) {
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		return nil, err
	}
	rx := &rxRing{fd: fd, req: unix.TpacketReq3{
		Block_size: ringBlockSize, Block_nr: ringBlocks,
		Frame_size: ringFrameSize, Frame_nr: ringBlockSize / ringFrameSize * ringBlocks,
		Retire_blk_tov: ringBlockTimeout,
	}}
	if err := unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &rx.req); err != nil {
		return nil, err
	}
	mem, err := unix.Mmap(fd, 0, ringBlockSize*ringBlocks, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	rx.mem = mem
	rx.pfd[0] = unix.PollFd{Fd: int32(fd), Events: unix.POLLIN | unix.POLLERR}
	return rx, nil
}

// status is block k's block_status word, shared with the kernel.
func (rx *rxRing) status(k int) *uint32 {
	return (*uint32)(unsafe.Pointer(&rx.mem[k*ringBlockSize+v3BlockStatus]))
}

// next returns the next captured packet if one is ready, releasing each
// block to the kernel once its packets are read. f.data points into the
// ring and is valid until the next call.
func (rx *rxRing) next(f *v3Frame) bool {
	for {
		if rx.held {
			if rx.blk.next(f) {
				return true
			}
			atomic.StoreUint32(rx.status(rx.cur), unix.TP_STATUS_KERNEL)
			rx.held = false
			rx.cur = (rx.cur + 1) % ringBlocks
		}
		// The atomic load orders the kernel's writes to the block
		// before ladder's reads of it.
		if atomic.LoadUint32(rx.status(rx.cur))&unix.TP_STATUS_USER == 0 {
			return false
		}
		b := rx.mem[rx.cur*ringBlockSize : (rx.cur+1)*ringBlockSize]
		blk, ok := openV3Block(b)
		if !ok {
			blk = v3Block{b: b} // a descriptor out of bounds: skip the block
		}
		rx.blk, rx.held = blk, true
	}
}

// wait polls the socket for a block for at most ms milliseconds; it
// returns the socket's pending error (the interface went down) if any.
func (rx *rxRing) wait(ms int) error {
	rx.pfd[0].Revents = 0
	_, err := unix.Poll(rx.pfd[:], ms)
	if err != nil && err != unix.EINTR {
		return err
	}
	if rx.pfd[0].Revents&unix.POLLERR != 0 {
		if e, err := unix.GetsockoptInt(rx.fd, unix.SOL_SOCKET, unix.SO_ERROR); err == nil && e != 0 {
			return unix.Errno(e)
		}
	}
	return nil
}

// close unmaps the ring; the socket is closed by its owner.
func (rx *rxRing) close() {
	if rx.mem != nil {
		unix.Munmap(rx.mem)
		rx.mem = nil
	}
}
