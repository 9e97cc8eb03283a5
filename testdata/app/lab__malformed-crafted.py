#!/usr/bin/env python3
"""Writes three captures of packets whose headers tshark 4.0.17 rejects or cannot finish, as fuzzers, broken
stacks and the truncation tests of packet tools make them, each packet captured whole (so the fault is on the
wire, not the snapshot length):
- lab__malformed-crafted.pcap (Ethernet): IPv4 headers with a bogus version, header length or total length, and
  version 6 behind EtherType IPv4; IPv6 behind its EtherType with a wrong version; IPv6 extension headers cut by
  the payload length (hop-by-hop, routing, destination options, fragment, AH) and a whole hop-by-hop header with
  nothing after it; TCP segments of 0-20 bytes, some with a data offset below 5 or past the segment; UDP
  datagrams of 0-11 bytes and with length fields below 8 or beyond the IP payload; ICMP messages of 0-9 bytes;
  802.3 frames with LLC/SNAP (RFC 1042 and 802.1H organisation codes) carrying EtherTypes nothing dissects; and
  Ethernet II frames with EtherTypes tshark names but does not dissect.
- lab__malformed-rawip-crafted.pcap (LINKTYPE_RAW): versions other than 4 and 6, a short IPv4 header length, a
  total length below the header length.
- lab__icmp-types-crafted.pcap (Ethernet): an ICMP message of every type 0-255, types 0-43 with codes 0-5, 16
  and 255, for the type and code names tshark prints and the identifier/sequence of the query types.
Run from this folder: python3 lab__malformed-crafted.py"""
import struct

from labpcap import csum, write_pcap

MACS = bytes.fromhex("010203040506020000000001")
A4, B4 = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
A6, B6 = bytes(15) + b"\x01", bytes(15) + b"\x02"


def eth(etype, payload):
    return MACS + struct.pack("!H", etype) + payload


def ip4(proto, payload, first=0x45, total=None):
    h = struct.pack("!BBHHHBBH4s4s", first, 0, 20 + len(payload) if total is None else total, 1, 0, 64, proto, 0, A4, B4)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ip6(nh, payload, plen=None):
    return struct.pack("!IHBB", 0x60000000, len(payload) if plen is None else plen, nh, 64) + A6 + B6 + payload


def tcp(sport, off, flags, n):
    return (struct.pack("!HHIIBBHHH", sport, 80, 1000, 2000, off << 4, flags, 512, 0, 0) + bytes(40))[:n]


def icmp(t, c, body=struct.pack("!HH", 1, 2) + bytes(28)):
    m = struct.pack("!BBH", t, c, 0) + body
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


frames = []
# IPv4 header faults behind EtherType IPv4: versions 0, 5 and 6, header lengths 16 and 0, total lengths below
# the header length
for first, total in [(0x05, None), (0x55, None), (0x65, None), (0x44, None), (0x40, None), (0x45, 10), (0x46, 20)]:
    frames.append(eth(0x0800, ip4(6, bytes(20), first, total)))
# IPv6 with version 4 and 0 behind its EtherType
frames += [eth(0x86dd, bytes([0x40]) + bytes(47)), eth(0x86dd, bytes(48))]
# IPv6 extension headers the payload length cuts (1 and 4 bytes of them), then a whole hop-by-hop header (PadN)
# before an empty TCP header
for nh in [0, 43, 60, 44, 51, 50, 6]:
    for n in [1, 4]:
        frames.append(eth(0x86dd, ip6(nh, b"\x06" * n)))
frames.append(eth(0x86dd, ip6(0, b"\x06\x00\x01\x04" + bytes(4))))
# TCP segments of every length from 0 to 20 bytes, over IPv4 and IPv6
for n in range(21):
    frames.append(eth(0x0800, ip4(6, tcp(1542, 5, 0x18, n))))
for n in [1, 3, 4, 12, 16, 19]:
    frames.append(eth(0x86dd, ip6(6, tcp(1542, 5, 0x10, n))))
# TCP headers whose data offset is below 5 (SYN, SYN/ACK, ACK, reserved bits) or runs past the segment
for i, (off, flags, n) in enumerate([(4, 0x10, 20), (0, 0x02, 20), (3, 0x12, 20), (0, 0xe29, 16), (15, 0x10, 20),
                                      (8, 0x18, 24), (6, 0x30, 22), (5, 0x10, 17), (5, 0x02, 18)]):
    seg = struct.pack("!HHIIBBHHH", 2000 + i, 80, 1000, 2000, off << 4 | flags >> 8, flags & 0xff, 512, 0, 7) + bytes(40)
    frames.append(eth(0x0800, ip4(6, seg[:n])))
# UDP datagrams of 0 to 11 bytes whose length field says what they hold, then length fields below 8 or beyond
# the IP payload
for n in range(12):
    frames.append(eth(0x0800, ip4(17, (struct.pack("!HHHH", 1542, 5555, n, 0) + bytes(8))[:n])))
for ulen, n in [(4, 8), (1029, 8), (1029, 9), (1029, 6), (3, 6), (0, 8), (12, 12), (20, 12), (100, 30)]:
    frames.append(eth(0x0800, ip4(17, (struct.pack("!HHHH", 3000 + n, 5555, ulen, 0) + bytes(30))[:n])))
for n in [2, 5, 6, 7]:
    frames.append(eth(0x86dd, ip6(17, (struct.pack("!HHHH", 1542, 5555, 3, 0))[:n])))
# ICMP messages of 0 to 9 bytes: echo request, time exceeded, alternate host address
for t in [8, 11, 6]:
    for n in range(10):
        frames.append(eth(0x0800, ip4(1, icmp(t, 0)[:n])))
# 802.3 with LLC/SNAP carrying EtherTypes nothing dissects
for oui, pid in [(b"\x00\x00\x00", 0x1234), (b"\x00\x00\x00", 0x88b5), (b"\x00\x00\xf8", 0x1234), (b"\x00\x00\x00", 0x8138)]:
    body = b"\xaa\xaa\x03" + oui + struct.pack("!H", pid) + bytes(30)
    frames.append(eth(len(body), body))
# Ethernet II EtherTypes tshark names but does not dissect, and two it does not name
for et in [0x8104, 0x0805, 0x0842, 0x3e3f, 0x1984, 0x885a, 0x81ff, 0x3c07, 0x6001, 0x6002, 0x6005, 0x6006, 0x6007,
           0x8041, 0x8881, 0x8884, 0x88ab, 0x88ad, 0x88b5, 0x88b6, 0x88b9, 0x88ba, 0x88d2, 0x8819, 0x88b4, 0x892b,
           0xfff2, 0x1234, 0xffff]:
    frames.append(eth(et, bytes(46)))
write_pcap("lab__malformed-crafted.pcap", 1, frames)

raw = []
for first, total in [(0x05, 40), (0x35, 40), (0x75, 40), (0xf5, 40), (0x44, 40), (0x45, 10), (0x47, 24)]:
    raw.append(ip4(6, bytes(20), first, total))
raw.append(ip4(6, tcp(1542, 5, 0x02, 20)))
write_pcap("lab__malformed-rawip-crafted.pcap", 101, raw)

types = []
for t in range(256):
    for c in ([0, 1, 2, 3, 4, 5, 16, 255] if t <= 43 else [0]):
        types.append(eth(0x0800, ip4(1, icmp(t, c))))
# router advertisements: one address and no more (a plain one), one address and an extension (Mobile IP)
ra = struct.pack("!BBH", 1, 2, 1800) + A4 + bytes(4)
types.append(eth(0x0800, ip4(1, icmp(9, 0, ra))))
types.append(eth(0x0800, ip4(1, icmp(9, 16, ra + bytes(8)))))
write_pcap("lab__icmp-types-crafted.pcap", 1, types)
