#!/usr/bin/env python3
"""Writes lab__dns-heur-crafted.pcap: DNS-like and other datagrams on UDP ports DNS does not own, the matrix
from which the rules of tshark 4.0.17's default-on "dns_udp" heuristic were read (which flags and record
counts it takes, that it does not check the length, that it claims one datagram and not the conversation),
and NetBIOS names of every malformed kind on port 137. Hand-built messages, made-up addresses."""
import struct
from labpcap import write_pcap, ipv4

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
frames = []


def udp(sp, dp, payload):
    u = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    frames.append(B + A + b"\x08\x00" + ipv4(C, S, 17, u))


def msg(flags, q, a, n, ad, body):
    return struct.pack("!HHHHHH", 0x1234, flags, q, a, n, ad) + body


QN = b"\x03abc\x00\x00\x01\x00\x01"
RR = b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x01\x02\x03\x04"

# not DNS: counts no query has, too short, text
udp(40000, 40000, bytes(range(40)))
udp(40000, 40000, b"\x00" * 12)
udp(40000, 40000, b"\x00" * 11)
udp(5000, 5000, b"hello world, this is text")
# the flags: only the standard query opcode is taken
for flags in (0x0000, 0x0100, 0x0800, 0x1000, 0x2800, 0x8000, 0x8180, 0x8400, 0x8183, 0x0040, 0x0010, 0x7800):
    udp(8888, 9999, msg(flags, 1, 0, 0, 0, QN))
# record counts of queries and responses
for q, a, n, ad in [(1, 1, 0, 0), (1, 0, 1, 0), (1, 0, 0, 1), (1, 0, 0, 10), (1, 0, 0, 11), (0, 1, 0, 0), (2, 0, 0, 0), (0, 0, 0, 1)]:
    udp(8888, 9999, msg(0, q, a, n, ad, QN + RR * (a + n + ad)))
    udp(8888, 9999, msg(0x8180, q, a, n, ad, QN * q + RR * (a + n + ad)))
for q, a, n, ad in [(1, 100, 0, 0), (1, 101, 0, 0), (1, 0, 10, 0), (1, 0, 11, 0), (0, 5, 0, 0), (0, 0, 0, 0)]:
    udp(8888, 9999, msg(0x8180, q, a, n, ad, QN * q + RR * (a + n + ad) + b"\x00"))
# messages cut anywhere after the header: still DNS, malformed
for cut in range(0, 12):
    udp(8888, 9999, msg(0x0100, 1, 0, 0, 0, QN[:cut]))
for cut in (0, 5, 6, 10, 11, 16, 17, 21, 22, 27):
    udp(8888, 9999, msg(0x8180, 1, 1, 0, 0, (QN + RR)[:cut]))
# ports: heuristics run where no port dissector takes the datagram
for sp, dp in [(1, 9999), (9999, 1), (53, 9999), (40000, 40000), (123, 9999), (9999, 161)]:
    udp(sp, dp, msg(0x0100, 1, 0, 0, 0, QN))
# one datagram, not the conversation: what follows is tested afresh
udp(7000, 7001, msg(0x0100, 1, 0, 0, 0, QN))
udp(7000, 7001, b"hello there this is not dns at all")
udp(7001, 7000, b"\x01\x02" * 10)


def nbns_query(name, typ=32):
    return struct.pack("!HHHHHH", 0x1234, 0x0110, 1, 0, 0, 0) + bytes([len(name)]) + name + b"\x00" + struct.pack("!HH", typ, 1)


GOOD = b"EOEPFDFEEMEPEDEBEMEIEPFDFECACAAA"
for name in (b"abc", b"ab", b"ABC", b"AB", b"ZZ" + GOOD[2:], b"QA" + GOOD[2:], b"AQ" + GOOD[2:], b"aA" + GOOD[2:],
             b"Aa" + GOOD[2:], GOOD + b"AB", GOOD[:31], b"A.B", b""):
    udp(137, 137, nbns_query(name))
for typ in (1, 2, 10, 32, 33, 0xFF):
    udp(137, 137, nbns_query(GOOD, typ))
udp(9999, 137, msg(0x0100, 1, 0, 0, 0, QN))

write_pcap("lab__dns-heur-crafted.pcap", 1, frames)
