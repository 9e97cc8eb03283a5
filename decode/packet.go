package decode

// Proto classifies a packet for the list, the flow model and the analysis.
type Proto uint8

const (
	ProtoOther Proto = iota
	ProtoTCPPacket
	ProtoUDPPacket
	ProtoICMPPacket
	ProtoICMPv6Packet
	ProtoARPPacket
	ProtoIPOnly // IP without a transport we decode (fragments, other protocols)
	ProtoBlock  // a pcapng block that Wireshark numbers as a frame (custom block)
)

// Packet is the compact per-packet record kept in the index: where the bytes
// are and the header fields the list, the flow model and the TCP analysis use.
// Everything else is decoded again from Offset on demand. Keep it small: a
// million of these must fit in well under 100 MB.
type Packet struct {
	Offset  int64 // file offset of the captured bytes (decompressed stream)
	Time    int64 // Unix nanoseconds
	CapLen  uint32
	OrigLen uint32

	Src, Dst uint32 // address table indexes (IP, or MAC when there is no IP)
	Seq, Ack uint32 // raw TCP sequence and acknowledgement numbers
	Flow     int32  // index into Index.Flows, -1 when none

	SrcPort, DstPort uint16
	Window           uint16 // raw TCP window
	PayloadLen       uint16 // TCP or UDP payload length (from the IP length)
	Flags            uint16 // TCP flags (FlagFIN...)
	IPID             uint16
	Iface            uint16

	Proto  Proto
	TTL    uint8
	WScale int8  // window scale option, -1 if absent
	Opts   uint8 // OptTimestamp, OptSACK, ...
	Dir    uint8 // 0: client to server, 1: server to client
	Bad    uint8 // BadTruncated...
}

// Packet option bits (Packet.Opts).
const (
	OptTimestamp uint8 = 1 << iota // TCP timestamp option present
	OptSACK                        // TCP SACK blocks present
	OptSACKPerm                    // SACK permitted option
	OptMSS
	OptWScale
	// OptDSACK: the first SACK block reports data received twice
	// (RFC 2883 §4): it lies below the acknowledgement number, or inside
	// the second block. Wireshark's "D-SACK Sequence" expert note.
	OptDSACK
	// OptMPTCPNew: the packet carries a Multipath TCP option of a subtype
	// its flow had not carried before (see flowTable.noteMPTCP).
	OptMPTCPNew
	// OptEncap: the packet travelled in outer layers (a tunnel, PPPoE,
	// 802.11); filters on those layers decode it again, others need not.
	OptEncap uint8 = 1 << 7
)

// Packet damage bits (Packet.Bad).
const (
	BadTransport uint8 = 1 << iota // transport header truncated or malformed
	BadIP                          // IP header inconsistent
	BadCapture                     // captured less than the headers need
	BadNoTime                      // the record carries no timestamp (pcapng SPB)
)

// IsTCP reports whether the packet carries a decoded TCP header.
func (p *Packet) IsTCP() bool { return p.Proto == ProtoTCPPacket }

// Has reports whether all of the given TCP flags are set.
func (p *Packet) Has(f uint16) bool { return p.Flags&f == f }
