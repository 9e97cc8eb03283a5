#!/usr/bin/env python3
# Writes lab__ripng-crafted.pcap: RIPng datagrams FRRouting 8.4's ripngd did not send in lab__ripng.pcap (see
# lab__frr.sh), laid out per RFC 2080 §2.1: a response with a route tag and a next-hop entry (metric 0xff), a
# request for one prefix, an unknown command and version, a datagram with only the header, one whose last
# route entry is cut short and one cut inside its header. tshark 4.0 on the output is the oracle for their columns and trees.
# Usage: python3 lab__ripng-crafted.py lab__ripng-crafted.pcap
import struct, sys

LL_A = bytes.fromhex("fe800000000000000000000000000001")
LL_B = bytes.fromhex("fe800000000000000000000000000002")
ALL_RIP = bytes.fromhex("ff020000000000000000000000000009")

def udp6(payload, src=LL_A, dst=ALL_RIP):
    u = struct.pack("!HHHH", 521, 521, 8 + len(payload), 0) + payload
    pseudo = src + dst + struct.pack("!IxxxB", len(u), 17)
    b = pseudo + u
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s >> 16) + (s & 0xFFFF)
    s = ~s & 0xFFFF or 0xFFFF
    u = u[:6] + struct.pack("!H", s) + u[8:]
    ip = struct.pack("!IHBB", 0x60000000, len(u), 17, 255) + src + dst
    return b"\x33\x33\x00\x00\x00\x09\x02\x00\x00\x00\x00\x01\x86\xdd" + ip + u

def rte(prefix, tag, plen, metric):
    return bytes.fromhex(prefix) + struct.pack("!HBB", tag, plen, metric)

frames = [
    udp6(b"\x02\x01\x00\x00" + rte("fe800000000000000000000000000001", 0, 0, 0xFF)      # next hop entry
         + rte("20010db8000d00000000000000000000", 0x1234, 48, 3)
         + rte("20010db8000e00000000000000000000", 0, 64, 16)),                        # withdrawn
    udp6(b"\x01\x01\x00\x00" + rte("20010db8000a00000000000000000001", 0, 128, 0), dst=LL_B),  # one prefix
    udp6(b"\x07\x02\x00\x00" + rte("00000000000000000000000000000000", 0, 0, 16)),    # unknown command, version 2
    udp6(b"\x02\x01\x00\x00"),                                                        # header only
    udp6(b"\x02\x01\x00\x00" + rte("20010db8000d00000000000000000000", 0, 48, 1) + bytes(10)),  # last entry cut
    udp6(b"\x02\x01"),                                                                # no reserved field
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)))
        f.write(fr)
