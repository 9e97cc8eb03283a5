#!/usr/bin/env python3
# Writes lab__aodv-crafted.pcap: AODV messages (RFC 3561) built by hand, no AODV implementation being packaged in
# Debian 12: over IPv4, route requests with every flag, route replies (repair and acknowledgment-required flags,
# a prefix size), route errors with one and three unreachable destinations, a route reply acknowledgment,
# requests and replies carrying extensions (hello interval, timestamp, an unknown type, a zero-length one that
# ends the walk); over IPv6, RFC 3561's layout with 16-byte addresses and draft-perkins-manet-aodv6-01's own
# types 16 to 19; and the odd ones: an unknown type (not AODV: Info left empty), messages cut inside their
# fields, an error whose destination list runs past the datagram, an extension cut short.
# tshark 4.0 on the output is the oracle for their columns and trees.
# Usage: python3 lab__aodv-crafted.py lab__aodv-crafted.pcap
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, ipv4, write_pcap

A4, B4 = bytes([10, 9, 6, 1]), bytes([255, 255, 255, 255])
A6 = bytes.fromhex("fe800000000000000000000000000001")
B6 = bytes.fromhex("ff020000000000000000000000000001")


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def udp4(pl):
    u = struct.pack("!HHHH", 654, 654, 8 + len(pl), 0) + pl
    c = csum(A4 + B4 + struct.pack("!BBH", 0, 17, len(u)) + u) or 0xFFFF
    u = u[:6] + struct.pack("!H", c) + u[8:]
    return b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x01\x08\x00" + ipv4(A4, B4, 17, u, ttl=1)


def udp6(pl):
    u = struct.pack("!HHHH", 654, 654, 8 + len(pl), 0) + pl
    c = csum(A6 + B6 + struct.pack("!IxxxB", len(u), 17) + u) or 0xFFFF
    u = u[:6] + struct.pack("!H", c) + u[8:]
    return b"\x33\x33\x00\x00\x00\x01\x02\x00\x00\x00\x00\x01\x86\xdd" + struct.pack("!IHBB", 0x60000000, len(u), 17, 1) + A6 + B6 + u


def rreq(flags, hops, rid, dst, dseq, orig, oseq, t=1):
    return struct.pack("!BBBBI", t, flags, 0, hops, rid) + dst + struct.pack("!I", dseq) + orig + struct.pack("!I", oseq)


def rrep(flags, psz, hops, dst, dseq, orig, life, t=2):
    return struct.pack("!BBBB", t, flags, psz, hops) + dst + struct.pack("!I", dseq) + orig + struct.pack("!I", life)


def rerr(flags, dests, t=3, count=None):
    body = b"".join(a + struct.pack("!I", s) for a, s in dests)
    return struct.pack("!BBBB", t, flags, 0, len(dests) if count is None else count) + body


d1, d2, d3 = ip4("10.9.6.7"), ip4("10.9.7.1"), ip4("192.0.2.9")
v1 = bytes.fromhex("20010db8000600000000000000000007")
v2 = bytes.fromhex("20010db8000600000000000000000001")
ext_hello = struct.pack("!BBI", 2, 4, 1000)
ext_ts = struct.pack("!BBQ", 3, 8, 0x0123456789ABCDEF)
frames = [
    udp4(rreq(0x00, 0, 1, d1, 0, A4, 5)),
    udp4(rreq(0xF8, 3, 0xFFFFFFFF, d1, 7, A4, 6)),
    udp4(rrep(0x00, 0, 2, d1, 9, A4, 3000)),
    udp4(rrep(0xC0, 17, 0, d2, 10, A4, 6000)),
    udp4(rrep(0x00, 0, 0, A4, 4, A4, 2000) + ext_hello),  # a hello: a reply about oneself with its interval
    udp4(rreq(0x10, 1, 2, d3, 0, A4, 7) + ext_ts + struct.pack("!BB", 9, 2) + b"\xaa\xbb" + ext_hello),
    udp4(rrep(0x00, 0, 1, d1, 9, A4, 3000) + struct.pack("!BB", 1, 0) + ext_hello),
    udp4(rerr(0x80, [(d1, 12)])),
    udp4(rerr(0x00, [(d1, 12), (d2, 13), (d3, 14)])),
    udp4(b"\x04\x00"),
    # IPv6 with RFC 3561's layout
    udp6(rreq(0x00, 0, 3, v1, 0, A6, 8)),
    udp6(rrep(0x40, 0, 1, v1, 11, A6, 3000)),
    udp6(rerr(0x00, [(v1, 12), (v2, 13)])),
    udp6(b"\x04\x00"),
    # draft-perkins-manet-aodv6-01: its own types and field order
    udp6(struct.pack("!BBBBIII", 16, 0x20, 0, 2, 4, 21, 22) + v1 + A6),
    udp6(struct.pack("!BBBBI", 17, 0x80, 0x40, 1, 23) + v1 + A6 + struct.pack("!I", 4000)),
    udp6(struct.pack("!BBBB", 18, 0x80, 0, 2) + struct.pack("!I", 24) + v1 + struct.pack("!I", 25) + v2),
    udp6(b"\x13\x00"),
    # odd ones
    udp4(b"\x07" + bytes(23)),
    udp4(rreq(0x00, 0, 1, d1, 0, A4, 5)[:10]),
    udp4(rreq(0x00, 0, 1, d1, 0, A4, 5)[:18]),
    udp4(rreq(0x00, 0, 1, d1, 0, A4, 5)[:22]),
    udp4(rrep(0x00, 0, 2, d1, 9, A4, 3000)[:14]),
    udp4(rerr(0x00, [(d1, 12)], count=3)),
    udp4(b"\x03"),
    udp4(rrep(0x00, 0, 2, d1, 9, A4, 3000) + b"\x02"),
    udp4(rrep(0x00, 0, 2, d1, 9, A4, 3000) + b"\x02\x04\x00\x00"),
    udp4(rrep(0x00, 0, 2, d1, 9, A4, 3000) + b"\x05\x09\x00\x00"),
    udp6(rreq(0x00, 0, 3, v1, 0, A6, 8)[:30]),
    udp6(struct.pack("!BBBBIII", 16, 0x20, 0, 2, 4, 21, 22) + v1),
]
write_pcap(sys.argv[1], 1, frames)
