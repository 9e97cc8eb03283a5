#!/usr/bin/env python3
"""Writes lab__mndp-crafted.pcap: MikroTik Neighbor Discovery (MNDP) datagrams on UDP 5678, the matrix from which
tshark 4.0.17's rules were read: a full announcement as RouterOS sends it (MAC, identity, version, platform,
uptime, software ID, board, unpack, interface, IPv4 and IPv6 addresses), headers tshark refuses, every typed TLV
with values shorter, equal and longer than its type, at the end and before another TLV, and TLVs cut short.
Hand-built datagrams, made-up addresses (no RouterOS device is available)."""
import struct
from labpcap import write_pcap, ipv4

A, BCAST = bytes.fromhex("020000000001"), bytes.fromhex("ffffffffffff")
C, S = bytes([10, 0, 0, 1]), bytes([255, 255, 255, 255])
frames = []


def udp(payload, sp=5678, dp=5678):
    u = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    frames.append(BCAST + A + b"\x08\x00" + ipv4(C, S, 17, u))


def tlv(t, v):
    return struct.pack("!HH", t, len(v)) + v


GOOD = (b"\x00\x00\x00\x01" + tlv(1, A) + tlv(5, b"MikroTik") + tlv(7, b"6.48.6 (stable)") + tlv(8, b"MikroTik")
        + tlv(10, struct.pack("<I", 12345)) + tlv(11, b"ABCD-1234") + tlv(12, b"RB951G-2HnD") + tlv(14, b"\x01")
        + tlv(16, b"ether1") + tlv(17, bytes([10, 0, 0, 1])) + tlv(15, b"\xfe\x80" + b"\x00" * 13 + b"\x01"))
udp(GOOD)
udp(GOOD, sp=40000)
for short in (b"\x00\x00\x00\x00", b"\x00\x00", b"", GOOD[:6]):
    udp(short)
udp(GOOD[:-3])
udp(b"\x00\x00\x00\x01" + tlv(99, b"xyz"))
udp(b"\x00\x00\x00\x01" + tlv(5, b"a\x01b"))
udp(b"\x01\x00\x00\x01" + tlv(5, b"abc"))
TAIL = tlv(5, b"abcdefghijklmnopqrstuvwxyz")
for t in (1, 10, 14, 15, 17):
    for n in (0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 17):
        v = bytes(range(1, n + 1))
        udp(b"\x00\x00\x00\x01" + tlv(t, v) + TAIL)
        udp(b"\x00\x00\x00\x01" + tlv(t, v))
for hdr in ("0001000000050000", "0001000001050000", "0001000000050100", "ffffffff00050000", "000100000005000000"):
    udp(bytes.fromhex(hdr))

write_pcap("lab__mndp-crafted.pcap", 1, frames)
