#!/usr/bin/env python3
# Writes lab__eigrp-crafted.pcap: EIGRP packets FRRouting 8.4's eigrpd did not send in lab__eigrp.pcap (see
# lab__frr.sh), laid out per RFC 7868 §6: a query and a reply carrying an unreachable internal route (delay
# 0xffffffff), an update with an external route (originating router, AS, tag, protocol and flags) and a /20 prefix,
# a goodbye hello (K values all 255: peer termination) with a sequence TLV and a next multicast sequence TLV, a
# hello with an MD5 authentication TLV and a stub TLV, an SIA-Query with an unknown TLV, a route TLV with an
# impossible prefix length, a packet with a wrong checksum, one cut inside its header, one whose TLV runs past
# it and an unknown opcode. tshark 4.0 on the output is the oracle for their columns and trees.
# Usage: python3 lab__eigrp-crafted.py lab__eigrp-crafted.pcap
import struct, sys

from labpcap import csum


def ip(payload, dst=(224, 0, 0, 10)):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(payload), 1, 0, 2, 88, 0, bytes([10, 9, 1, 1]), bytes(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return b"\x01\x00\x5e\x00\x00\x0a\x02\x00\x00\x00\x00\x01\x08\x00" + h + payload

def eigrp(op, tlvs=b"", flags=0, seq=0, ack=0, asn=10, vrid=0, good=True):
    b = struct.pack("!BBHIIIHH", 2, op, 0, flags, seq, ack, vrid, asn) + tlvs
    s = csum(b) if good else 0x1234
    return b[:2] + struct.pack("!H", s) + b[4:]

def tlv(t, v):
    return struct.pack("!HH", t, 4 + len(v)) + v

def metric(delay=2560, bw=25600, mtu=1500, hops=1, rel=255, load=1, tag=0, flags=0):
    return struct.pack("!II", delay, bw) + mtu.to_bytes(3, "big") + bytes([hops, rel, load, tag, flags])

def dest(plen, addr):
    return bytes([plen]) + bytes(addr)[: (plen + 7) // 8]

params = tlv(1, bytes([1, 0, 1, 0, 0, 0]) + struct.pack("!H", 15))
frames = [
    ip(eigrp(3, tlv(0x102, bytes(4) + metric(delay=0xFFFFFFFF) + dest(24, (203, 0, 113, 0))), seq=7)),   # query
    ip(eigrp(4, tlv(0x102, bytes(4) + metric(delay=0xFFFFFFFF, flags=1) + dest(24, (203, 0, 113, 0))), seq=9, ack=7), (10, 9, 1, 2)),  # reply
    ip(eigrp(1, tlv(0x103, bytes([10, 9, 1, 1]) + bytes([192, 0, 2, 9]) + struct.pack("!IIIHBB", 20, 77, 5, 0, 3, 3)
                    + metric(tag=5, flags=2) + dest(20, (198, 51, 96, 0)) + dest(32, (198, 51, 100, 7))), seq=3, ack=2, flags=8)),  # external
    ip(eigrp(5, tlv(1, bytes([255] * 6) + struct.pack("!H", 15)) + tlv(4, bytes([8, 4, 1, 2]))
             + tlv(3, bytes([4, 10, 9, 1, 2])) + tlv(5, struct.pack("!I", 12)), flags=2)),   # goodbye, sequence, next mcast
    ip(eigrp(5, params + tlv(2, struct.pack("!HHII", 2, 16, 1, 5) + bytes(8) + bytes(range(16))) + tlv(6, struct.pack("!H", 0x0d)))),  # MD5 auth, stub
    ip(eigrp(10, tlv(0x0999, b"\x01\x02\x03\x04"), seq=12)),                      # SIA-Query, unknown TLV
    ip(eigrp(1, tlv(0x102, bytes(4) + metric() + bytes([40, 1, 2, 3, 4])), seq=13)),  # prefix length 40
    ip(eigrp(5, params, good=False)),                                             # wrong checksum
    ip(eigrp(5, params)[:14]),                                                    # cut inside the header
    ip(eigrp(1, tlv(0x102, bytes(4) + metric() + dest(24, (203, 0, 113, 0)))[:-6], seq=14)),  # route TLV cut short
    ip(eigrp(42)),                                                                # unknown opcode
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)))
        f.write(fr)
