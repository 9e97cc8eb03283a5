#!/usr/bin/env python3
"""Writes lab__gre-crafted.pcap: GRE packets (IP protocol 47) no real stack
here sent, to read tshark 4.0's rules back: protocol types with and
without a dissector, every optional field (checksum, key, sequence,
routing with its source route entries), recursion and strict source route
bits, enhanced GRE (PPTP) versions with acknowledgements, headers cut at
each length, payloads shorter than the header they claim, an empty
payload, and IPv4 and Ethernet frames shorter than their headers.
Made-up addresses; run from this folder."""
import struct

from labpcap import csum, write_pcap


def eth(et, p):
    return bytes.fromhex("020000000002020000000001") + struct.pack("!H", et) + p


def ip4(proto, p, src="10.0.0.1", dst="10.0.0.2"):
    s = bytes(map(int, src.split(".")))
    d = bytes(map(int, dst.split(".")))
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(p), 1, 0, 64, proto, 0, s, d)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + p


def icmp_echo():
    b = struct.pack("!BBHHH", 8, 0, 0, 7, 1) + b"abcdefgh"
    return b[:2] + struct.pack("!H", csum(b)) + b[4:]


INNER = ip4(1, icmp_echo(), "192.168.1.1", "8.8.8.8")
PPP_IP = b"\xff\x03\x00\x21" + INNER


def gre(flags, ver, pt, opt=b"", payload=INNER):
    return struct.pack("!HH", flags << 8 | ver, pt) + opt + payload


frames = []


def add(g):
    frames.append(eth(0x800, ip4(47, g)))


for pt in [0x0800, 0x86DD, 0x6558, 0x0000, 0x1234, 0x88B5]:
    add(gre(0, 0, pt))
add(gre(0x80, 0, 0x0800, b"\x00\x00\x00\x00"))  # checksum
add(gre(0x20, 0, 0x0800, b"\x00\x00\x00\x07"))  # key
add(gre(0x10, 0, 0x0800, b"\x00\x00\x00\x09"))  # sequence
add(gre(0x30, 0, 0x0800, b"\x00\x00\x00\x07\x00\x00\x00\x09"))
add(gre(0xB0, 0, 0x0800, bytes(4) + b"\x00\x00\x00\x07\x00\x00\x00\x09"))
add(gre(0x40, 0, 0x0800, bytes(4)))  # routing flag, no entries
add(gre(0x40, 0, 0x0800, bytes(4) + b"\x08\x00\x00\x04\x0a\x00\x00\x01" + bytes(4)))  # one IP entry, then the null one
add(gre(0x40, 0, 0x0800, bytes(4) + b"\x08\x00\x00\x08\x0a\x00\x00\x01"))  # entry cut
add(gre(0x08, 0, 0x0800))  # strict source route
add(gre(0x07, 0, 0x0800))  # recursion control 7
add(gre(0x00, 0x08, 0x0800))  # flag bits in the low byte
for ver in [1, 2, 3, 7]:
    add(gre(0x20, ver, 0x880B, b"\x00\x10\x00\x01", PPP_IP))
add(gre(0x30, 1, 0x880B, b"\x00\x10\x00\x01\x00\x00\x00\x05", PPP_IP))
add(gre(0x30, 0x81, 0x880B, b"\x00\x10\x00\x01\x00\x00\x00\x05\x00\x00\x00\x04", PPP_IP))
add(gre(0x20, 0x81, 0x880B, b"\x00\x00\x00\x01\x00\x00\x00\x04", b""))  # acknowledgement only
add(gre(0x20, 1, 0x880B, b"\x00\x00\x00\x01", b""))
full = gre(0x30, 0, 0x0800, b"\x00\x00\x00\x07\x00\x00\x00\x09")
for n in range(0, 12):
    add(full[:n])
add(gre(0, 0, 0x0800, payload=INNER[:10]))  # IPv4 shorter than its header
add(gre(0, 0, 0x86DD, payload=INNER))  # "IPv6" that is IPv4
add(gre(0, 0, 0x86DD, payload=b"\x60" + bytes(20)))  # IPv6 shorter than its header
add(gre(0, 0, 0x0800, payload=b""))
add(gre(0, 0, 0x6558, payload=b"\x01\x02"))
# IPv4 and IPv6 directly on Ethernet, shorter than a header
for n in [0, 1, 10, 19]:
    frames.append(eth(0x800, INNER[:n]))
for n in [0, 1, 10, 39]:
    frames.append(eth(0x86DD, (b"\x60" + bytes(39))[:n]))
frames.append(eth(0x86DD, INNER))  # EtherType IPv6, IPv4 inside

write_pcap("lab__gre-crafted.pcap", 1, frames)
