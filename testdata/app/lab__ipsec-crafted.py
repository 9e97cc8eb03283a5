#!/usr/bin/env python3
# Writes lab__ipsec-crafted.pcap: IPsec packets over Ethernet, built from RFC 4303 (ESP) and RFC 4302 (AH): ESP over
# IPv4 and IPv6, ESP in UDP on port 4500 (RFC 3948 NAT traversal) and its NAT-keepalive, AH in transport mode over an
# ICMP echo (IPv4) and an ICMPv6 echo (IPv6), and an ESP header cut short. The kernel here has no ESP/AH transform
# (ip xfrm answers "Requested type not found"), so the packets are built by hand; tshark 4.0 on the output is the
# oracle for their columns. Usage: python3 lab__ipsec-crafted.py lab__ipsec-crafted.pcap
import struct, sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum


def eth(et, payload):
    return bytes.fromhex("020000000002020000000001") + struct.pack("!H", et) + payload

def ip4(proto, payload, src="0a090001", dst="0a090002"):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 7, 0x4000, 64, proto, 0, bytes.fromhex(src), bytes.fromhex(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return eth(0x0800, h + payload)

def ip6(nh, payload):
    return eth(0x86dd, struct.pack("!IHBB", 0x60000000, len(payload), nh, 64) + bytes.fromhex("fd00000000000000000000000000000" + "1")
               + bytes.fromhex("fd00000000000000000000000000000" + "2") + payload)

def esp(spi, seq, n=48):
    return struct.pack("!II", spi, seq) + bytes((i * 7 + 3) & 0xff for i in range(n))

def ah(nh, spi, seq):
    return struct.pack("!BBHII", nh, 4, 0, spi, seq) + bytes(range(12))  # 96-bit ICV: length (3+3)-2 = 4 words

echo = struct.pack("!BBHHH", 8, 0, 0, 0x4242, 1) + b"ladder ipsec"
echo = echo[:2] + struct.pack("!H", csum(echo)) + echo[4:]

# ICMPv6 echo request with its checksum over the IPv6 pseudo-header (RFC 8200 §8.1)
SRC6, DST6 = bytes.fromhex("fd000000000000000000000000000001"), bytes.fromhex("fd000000000000000000000000000002")
echo6 = bytes([128, 0, 0, 0, 0x42, 0x42, 0, 1])
echo6 = echo6[:2] + struct.pack("!H", csum(SRC6 + DST6 + struct.pack("!IxxxB", len(echo6), 58) + echo6)) + echo6[4:]

def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload

frames = [
    ip4(50, esp(0x1001, 1)),
    ip4(50, esp(0x2002, 1)),
    ip4(50, esp(0x1001, 2)),
    ip6(50, esp(0xdeadbeef, 7, 64)),
    ip4(17, udp(4500, 4500, esp(0x3003, 1))),
    ip4(17, udp(4500, 4500, b"\xff")),
    ip4(51, ah(1, 0x4004, 1) + echo),
    ip6(51, ah(58, 0x5005, 3) + echo6),
    ip4(50, esp(0x1001, 3)[:6]),
]

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1000 + i, 0, len(fr), len(fr)) + fr)
