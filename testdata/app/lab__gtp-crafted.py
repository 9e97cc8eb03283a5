#!/usr/bin/env python3
"""Writes lab__gtp-crafted.pcap: GTP datagrams no real stack here sent, to
read tshark 4.0's rules back: every GTPv1 and GTPv2 message type on 2123,
GTP-U signalling and odd T-PDUs on 2152 (non-IP payloads of each length,
each IPv4 first byte, IP headers cut short), headers cut at every length,
optional fields and extension headers, GTPv2 with and without a TEID and
with a piggybacked message, GTPv0 and GTP' on 3386, versions 3 to 7.
Made-up addresses and values; run from this folder."""
import struct

from labpcap import csum, write_pcap


def eth(et, p):
    return bytes.fromhex("020000000002020000000001") + struct.pack("!H", et) + p


def ip4(proto, p, src="10.0.0.1", dst="10.0.0.2"):
    s = bytes(map(int, src.split(".")))
    d = bytes(map(int, dst.split(".")))
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(p), 1, 0, 64, proto, 0, s, d)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + p


def udp(sp, dp, p):
    return struct.pack("!HHHH", sp, dp, 8 + len(p), 0) + p


def icmp_echo():
    b = struct.pack("!BBHHH", 8, 0, 0, 7, 1) + b"abcdefgh"
    return b[:2] + struct.pack("!H", csum(b)) + b[4:]


INNER = ip4(1, icmp_echo(), "192.168.1.1", "8.8.8.8")


def g1(t, payload=b"", flags=0x32, teid=0x1234, seq=1, ext=0, npdu=0, length=None):
    """A GTPv1 message; the optional fields are there when a flag asks."""
    opt = struct.pack("!HBB", seq, npdu, ext) if flags & 7 else b""
    body = opt + payload
    return struct.pack("!BBHI", flags, t, len(body) if length is None else length, teid) + body


def g2(t, payload=b"", tflag=True, teid=0x55, seq=7, flags=None, length=None):
    """A GTPv2-C message (TS 29.274 §5.1)."""
    f = 0x48 if tflag else 0x40
    if flags is not None:
        f = flags
    body = (struct.pack("!I", teid) if f & 8 else b"") + struct.pack("!I", seq << 8) + payload
    return struct.pack("!BBH", f, t, len(body) if length is None else length) + body


def v0(t, payload=b""):
    """A GTPv0 message with its 20-byte header (TS 09.60)."""
    return struct.pack("!BBHHHB3s8s", 0x1E, t, len(payload), 1, 0, 0xFF, b"\xff\xff\xff", bytes(8)) + payload


frames = []


def add(port, g, sport=None):
    frames.append(eth(0x800, ip4(17, udp(sport or port, port, g))))


RECOVERY = bytes([14, 5])
# GTPv1-C: every type in the table's ranges, with a Recovery IE
for t in list(range(0, 64)) + list(range(96, 103)) + list(range(112, 132)) + [240, 241, 254, 255]:
    add(2123, g1(t, RECOVERY))
# GTPv2-C: every type
for t in range(256):
    add(2123, g2(t, bytes([3, 0, 1, 0, 9])))
# GTP-U on 2152: flags, signalling, T-PDUs
add(2152, g1(255, INNER, flags=0x30))
add(2152, g1(255, INNER, flags=0x32))
add(2152, g1(255, INNER, flags=0x34, ext=0))
add(2152, g1(255, INNER, flags=0x31))
add(2152, g1(255, bytes([1, 0, 0, 0]) + INNER, flags=0x34, ext=0x85))  # one extension header
add(2152, g1(255, bytes([2, 0, 0]) + INNER, flags=0x34, ext=0x85))  # extension header past the end
add(2152, g1(1, b"", flags=0x32))
add(2152, g1(2, RECOVERY, flags=0x32))
add(2152, g1(26, b"", flags=0x32))
add(2152, g1(254, b"", flags=0x30))
add(2152, g1(31, b"", flags=0x32))
add(2152, g1(255, b"\x00\x01\x02", flags=0x30))
add(2152, g1(255, INNER, flags=0x50))  # version 2 with the piggyback flag
add(2152, g1(255, INNER, flags=0x10))  # version 0
add(2152, g1(255, INNER, flags=0x20))  # GTP' (protocol type 0)
add(2152, g1(255, INNER, flags=0x30, length=4))  # length cuts the IP header
add(2152, g1(255, INNER, flags=0x30, length=500))  # length beyond the datagram
add(2152, bytes([0x30, 0xFF, 0]))
add(2152, bytes([0x32, 0xFF, 0, 4, 0, 0, 0, 1]))
add(2152, g1(255, bytes.fromhex("6000000000083a40") + bytes(40), flags=0x30))  # IPv6, ICMPv6 type 0
add(3386, bytes([0x0E, 1, 0, 0, 0, 1]))
add(3386, bytes([0x2E, 240, 0, 2, 0, 1, 1, 2]))
# T-PDU payloads by first byte, and by length
for first in [0x00, 0x0E, 0x20, 0x40, 0x45, 0x46, 0x4F, 0x50, 0x60, 0x65, 0x6F, 0x70, 0x7E, 0x80, 0xC0, 0xFF]:
    add(2152, g1(255, bytes([first]) + INNER[1:], flags=0x30))
add(2152, g1(255, bytes.fromhex("ff03") + b"\x00\x21" + INNER, flags=0x30))
add(2152, g1(255, bytes.fromhex("0021") + INNER, flags=0x30))
for n in [1, 2, 3, 4, 8, 12, 13, 14, 15, 16, 17, 19, 20, 21, 24, 28, 32, 36]:
    add(2152, g1(255, bytes(n), flags=0x30))
for n in [1, 2, 3, 4, 8, 12, 13, 16, 20, 30, 36]:
    add(2152, g1(255, bytes(range(0x70, 0x70 + n)), flags=0x30))
for n in [12, 13, 16]:
    add(2152, g1(255, bytes(n), flags=0x32))
    add(2123, g1(255, bytes(n), flags=0x32))
BIG = INNER + bytes(40)
for f in range(0x40, 0x50):
    add(2152, g1(255, bytes([f]) + BIG[1:], flags=0x30))
for f in [0x41, 0x44, 0x45, 0x46]:
    add(2152, g1(255, bytes([f]) + INNER[1:10], flags=0x30))
add(2152, g1(255, INNER[:19], flags=0x30))
add(2152, g1(255, INNER[:21], flags=0x30))
add(2152, g1(255, bytes([0x60]) + bytes(8), flags=0x30))
add(2152, g1(255, bytes([0x60]) + bytes(18), flags=0x30))
# headers cut at every length
full = g1(1, RECOVERY, flags=0x32)
for n in range(0, len(full)):
    add(2123, full[:n])
fullu = g1(255, INNER, flags=0x32)
for n in [1, 2, 4, 8, 11, 12, 13]:
    add(2152, fullu[:n])
for flags in [0x31, 0x34]:
    for n in [9, 10, 11, 12]:
        add(2152, g1(255, INNER, flags=flags)[:n])
full2 = g2(32, bytes([1, 0, 8, 0, 0x21, 0x43, 0x65, 0x87, 0x09, 0x21, 0x43, 0xF5]))
for n in list(range(0, 15)) + list(range(16, len(full2) + 1)):  # 15: see README (IE cut after its length)
    add(2123, full2[:n])
# GTPv2 without TEID, lengths that disagree, piggybacking
add(2123, g2(1, bytes([3, 0, 1, 0, 9]), tflag=False))
add(2123, g2(2, bytes([3, 0, 1, 0, 9]), length=100))
add(2123, g2(2, bytes([3, 0, 1, 0, 9]), length=2))
add(2123, g2(33, bytes([3, 0, 1, 0, 9]), flags=0x58) + g2(95, bytes([3, 0, 1, 0, 9])))
add(2123, g2(33, bytes([3, 0, 1, 0, 9]), flags=0x58) + bytes([0x48, 95, 0]))
add(2123, g2(33, bytes([3, 0, 1, 0, 9]), flags=0x58) + bytes([0x48]))
# GTPv1 information elements: TV, TLV, cut
add(2123, g1(16, bytes([2]) + bytes(8) + bytes([14, 1, 15, 0, 16, 0, 0, 0, 1, 20, 5, 128, 0, 2, 0xF1, 0x21])))
add(2123, g1(16, bytes([2]) + bytes(5)))
add(2123, g1(16, bytes([128, 0, 9, 1])))
add(2123, g1(16, bytes([128, 0])))
add(2123, g1(16, bytes([60, 1, 2, 3])))  # a TV type of unknown length
# GTPv0 and GTP' on 3386, other versions
add(3386, v0(1))
add(3386, v0(16, RECOVERY))
add(3386, v0(255, INNER))
add(3386, bytes([0x2E, 240, 0, 2, 0, 1, 1, 2]))
add(3386, bytes([0x2F, 240, 0, 2, 0, 1, 1, 2]))
add(3386, bytes([0x0F, 1, 0, 0, 0, 1]))
add(3386, g1(1, RECOVERY))
add(2152, g2(1, bytes([3, 0, 1, 0, 9])))
for v in range(3, 8):
    add(2123, bytes([v << 5 | 0x10, 1, 0, 6, 0, 0, 0, 1, 0, 1, 0, 0, 14, 5]))
add(2123, g1(1, RECOVERY), sport=40000)
add(2123, g1(2, RECOVERY), sport=40000)

write_pcap("lab__gtp-crafted.pcap", 1, frames)
