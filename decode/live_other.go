//go:build !linux

package decode

import "errors"

// OpenLive is available on Linux only: ladder captures through AF_PACKET
// sockets to stay free of cgo and libpcap.
func OpenLive(opt LiveOptions) (*Source, error) {
	return nil, errors.New("live capture is supported on Linux only")
}
