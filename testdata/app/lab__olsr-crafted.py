#!/usr/bin/env python3
# Writes lab__olsr-crafted.pcap: OLSR packets (RFC 3626) built by hand, no OLSR implementation being packaged in
# Debian 12: over IPv4, HELLOs with several link messages and willingness values, TC, MID and HNA messages, a
# packet holding all four, olsr.org's LQ HELLO, LQ TC and nameservice messages (version 1 with a host and a
# service entry, and an unknown version), NRL's TC, unknown message types (32-bit aligned or not); over IPv6,
# HELLO, TC, MID, HNA and an unknown type; and the odd ones: a 3-byte datagram and one shorter than its packet
# length (both left to UDP), bytes after the packet length, a message header cut short, a message size below
# the header's or past the packet, a link message size below 4 or past the datagram, TC, MID and HNA entries
# cut short. tshark 4.0 on the output is the oracle for their columns and trees.
# Usage: python3 lab__olsr-crafted.py lab__olsr-crafted.pcap
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, ipv4, write_pcap

A4, B4 = bytes([10, 9, 3, 1]), bytes([255, 255, 255, 255])
A6 = bytes.fromhex("fe800000000000000000000000000001")
B6 = bytes.fromhex("ff020000000000000000000000000001")


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def ip6(s):
    return bytes.fromhex(s)


def udp4(pl):
    u = struct.pack("!HHHH", 698, 698, 8 + len(pl), 0) + pl
    c = csum(A4 + B4 + struct.pack("!BBH", 0, 17, len(u)) + u) or 0xFFFF
    u = u[:6] + struct.pack("!H", c) + u[8:]
    return b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x01\x08\x00" + ipv4(A4, B4, 17, u, ttl=1)


def udp6(pl):
    u = struct.pack("!HHHH", 698, 698, 8 + len(pl), 0) + pl
    c = csum(A6 + B6 + struct.pack("!IxxxB", len(u), 17) + u) or 0xFFFF
    u = u[:6] + struct.pack("!H", c) + u[8:]
    return b"\x33\x33\x00\x00\x00\x01\x02\x00\x00\x00\x00\x01\x86\xdd" + struct.pack("!IHBB", 0x60000000, len(u), 17, 1) + A6 + B6 + u


def msg(t, body, orig=A4, vt=0x86, ttl=255, hops=0, seq=1, size=None):
    n = 8 + len(orig) + len(body) if size is None else size
    return struct.pack("!BBH", t, vt, n) + orig + struct.pack("!BBH", ttl, hops, seq) + body


def pkt(msgs, seq=7, plen=None):
    return struct.pack("!HH", 4 + len(msgs) if plen is None else plen, seq) + msgs


def link(ltype, addrs, size=None):
    body = b"".join(addrs)
    return struct.pack("!BBH", ltype, 0, 4 + len(body) if size is None else size) + body


def hello(links, htime=0x05, will=3):
    return b"\x00\x00" + bytes([htime, will]) + b"".join(links)


def lq(addr, q, nq):
    return addr + bytes([q, nq, 0, 0])


def ns_entry(t, addr, text):
    pad = (-len(text)) % 4
    return struct.pack("!HH", t, len(text)) + addr + bytes(16 - len(addr)) + text + bytes(pad)


n1, n2, n3 = ip4("10.9.3.2"), ip4("10.9.3.3"), ip4("10.9.3.4")
v1, v2 = ip6("fe800000000000000000000000000002"), ip6("20010db8000300000000000000000001")
hello4 = msg(1, hello([link(6, [n1, n2]), link(10, [n3])]))
tc4 = msg(2, struct.pack("!HH", 21, 0) + n1 + n2 + n3, vt=0xe8, hops=2, seq=2)
mid4 = msg(3, ip4("10.9.4.1") + ip4("10.9.5.1"), seq=3)
hna4 = msg(4, ip4("192.0.2.0") + ip4("255.255.255.0") + ip4("0.0.0.0") + ip4("0.0.0.0"), seq=4)
frames = [
    udp4(pkt(hello4)),
    udp4(pkt(msg(1, hello([link(1, [n1]), link(3, []), link(5, [n2])], htime=0x2c, will=7)))),
    udp4(pkt(tc4)),
    udp4(pkt(mid4)),
    udp4(pkt(hna4)),
    udp4(pkt(hello4 + tc4 + mid4 + hna4)),
    # olsr.org link quality messages
    udp4(pkt(msg(201, hello([link(6, [lq(n1, 255, 200), lq(n2, 128, 64)]), link(0, [lq(n3, 1, 2)])], will=0)))),
    udp4(pkt(msg(202, struct.pack("!HH", 9, 0) + lq(n1, 255, 255) + lq(n2, 10, 20), vt=0xe8))),
    # olsr.org nameservice: a host and a service entry; then a version this dissector does not know
    udp4(pkt(msg(130, struct.pack("!HH", 1, 2) + ns_entry(0, n1, b"host-a.mesh") + ns_entry(2, n1, b"http://host-a:80|tcp|web")))),
    udp4(pkt(msg(130, struct.pack("!HH", 2, 1) + bytes(8)))),
    # NRL's TC: three addresses, then a MINMAX byte and an SPF byte for each
    udp4(pkt(msg(241, struct.pack("!HH", 5, 0) + n1 + n2 + n3 + b"\x01\x02\x03" + b"\x0a\x0b\x0c"))),
    # unknown message types: aligned (the next message is read), misaligned (the walk stops)
    udp4(pkt(msg(99, bytes(8)) + mid4)),
    udp4(pkt(msg(99, bytes(5)) + mid4)),
    # IPv6
    udp6(pkt(msg(1, hello([link(6, [v1]), link(10, [v2])]), orig=A6))),
    udp6(pkt(msg(2, struct.pack("!HH", 3, 0) + v1 + v2, orig=A6))),
    udp6(pkt(msg(3, v2, orig=A6))),
    udp6(pkt(msg(201, hello([link(6, [lq(v1, 200, 100)])]), orig=A6))),
    udp6(pkt(msg(4, ip6("20010db8000400000000000000000000") + ip6("ffffffffffffffff0000000000000000"), orig=A6))),
    udp6(pkt(msg(99, bytes(8), orig=A6))),
    # odd ones
    udp4(b"\x00\x03\x00"),
    udp4(pkt(b"", plen=40)),
    udp4(pkt(b"")),
    udp4(pkt(mid4) + b"\x00\x00\x00"),
    udp4(pkt(b"\x01\x02")),
    udp4(pkt(msg(1, b"", size=8))),
    udp4(pkt(msg(1, b"", size=40))),
    udp4(pkt(msg(1, b"", size=40)) + bytes(30)),
    udp4(pkt(msg(1, hello([link(6, [], size=2)])))),
    udp4(pkt(msg(1, hello([link(6, [n1], size=0x40)])))),
    udp4(pkt(msg(1, hello([link(6, [n1, b"\x0a\x09"])])))),
    udp4(pkt(msg(1, b"\x00\x00"))),
    udp4(pkt(msg(2, b"\x00\x05"))),
    udp4(pkt(msg(2, struct.pack("!HH", 21, 0) + n1 + b"\x0a\x09"))),
    udp4(pkt(msg(3, n1 + b"\x0a"))),
    udp4(pkt(msg(4, n1 + b"\xff\xff"))),
    udp4(pkt(msg(130, struct.pack("!HH", 1, 1) + struct.pack("!HH", 0, 40) + n1 + bytes(12) + b"short"))),
    udp4(pkt(msg(202, struct.pack("!HH", 9, 0) + lq(n1, 1, 1) + n2))),
]
write_pcap(sys.argv[1], 1, frames)
