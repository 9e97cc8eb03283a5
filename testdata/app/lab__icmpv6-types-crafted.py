#!/usr/bin/env python3
"""Writes lab__icmpv6-types-crafted.pcap: an ICMPv6 message of every type
0-255 (40 bytes of zero body, codes 0-3, 5, 7 and 255 for the types whose
codes tshark names), every RPL Control code, FMIPv6 and Experimental
Mobility subtypes, Neighbor Advertisements with each flag combination, and
an echo request and its reply: the Info texts tshark 4.0 gives them. Made-up
addresses; run from this folder."""
import struct

from labpcap import csum, write_pcap

A = bytes.fromhex("fe800000000000000000000000000001")
B = bytes.fromhex("fe800000000000000000000000000002")


def ip6(src, dst, p):
    return struct.pack("!IHBB", 0x60000000, len(p), 58, 255) + src + dst + p


def icmp6(src, dst, t, c, body):
    b = bytes([t, c, 0, 0]) + body
    ck = csum(src + dst + struct.pack("!I", len(b)) + b"\x00\x00\x00\x3a" + b)
    return b[:2] + struct.pack("!H", ck) + b[4:]


def eth(p):
    return bytes.fromhex("020000000002020000000001") + b"\x86\xdd" + p


def msg(t, c, body, src=A, dst=B):
    return eth(ip6(src, dst, icmp6(src, dst, t, c, body)))


frames = []
BODY = bytes(40)
for t in range(256):
    if t in (128, 129):
        continue
    codes = [0, 1, 2, 3, 5, 7, 255] if t in (1, 3, 4, 138, 139, 140, 160, 161) else [0]
    for c in codes:
        frames.append(msg(t, c, BODY))
for c in list(range(0, 12)) + list(range(0x80, 0x8C)) + [0xFF]:
    frames.append(msg(155, c, BODY))
for t in (150, 154):
    for st in range(8):
        frames.append(msg(t, 0, bytes([st]) + BODY[1:]))
for fl in [0, 0x20, 0x40, 0x60, 0x80, 0xE0]:
    frames.append(msg(136, 0, bytes([fl, 0, 0, 0]) + bytes(range(16))))
# bodies tshark walks element by element: MLDv2 records (by the bytes
# left, not the count), Home Agent addresses, Redirect's two addresses


def rec(nsrc, aux=0):
    return struct.pack("!BBH", 1, aux, nsrc) + bytes(16) + bytes(16 * nsrc) + bytes(4 * aux)


for n, body in [(0, b""), (0, bytes(4)), (1, rec(0)), (1, rec(0) + bytes(4)), (1, rec(1)), (2, rec(0) + rec(0)),
                (1, rec(0) + rec(0)), (2, rec(0)), (1, rec(0, aux=1)), (1, rec(2)[:30]), (0, bytes(36))]:
    frames.append(msg(143, 0, struct.pack("!HH", 0, n) + body))
for n in [0, 16, 20, 36, 48]:
    frames.append(msg(145, 0, struct.pack("!HH", 1, 0) + bytes(n)))
for n in [24, 28, 32, 36]:
    frames.append(msg(137, 0, bytes(n)))
frames.append(msg(128, 0, struct.pack("!HH", 0x1234, 1) + b"ping"))
frames.append(msg(129, 0, struct.pack("!HH", 0x1234, 1) + b"ping", src=B, dst=A))

write_pcap("lab__icmpv6-types-crafted.pcap", 1, frames)
