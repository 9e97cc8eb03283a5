#!/usr/bin/env python3
"""Writes lab__natpmp-crafted.pcap: NAT-PMP (RFC 6886) and PCP v1/v2 (RFC 6887) messages on UDP 5351 and 5350,
the matrix from which tshark 4.0.17's rules were read: every opcode, unknown opcodes and versions, messages cut at
many lengths, Map protocols, options of every kind with and without their padding. Hand-built messages, made-up
addresses (no NAT-PMP or PCP server is packaged for Debian)."""
import struct
from labpcap import write_pcap, ipv4

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
frames = []


def udp(sp, dp, payload):
    u = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    frames.append(B + A + b"\x08\x00" + ipv4(C, S, 17, u))


def pcp_req(op, body, version=2):
    return bytes([version, op, 0, 0]) + struct.pack("!I", 7200) + b"\x00" * 10 + b"\xff\xff\x0a\x00\x00\x01" + body


def pcp_resp(op, body, result=0):
    return bytes([2, op, 0, result]) + struct.pack("!II", 7200, 1234) + b"\x00" * 12 + body


def mapping(proto=6, internal=80, external=80, nonce=True):
    return (b"\x11" * 12 if nonce else b"") + bytes([proto, 0, 0, 0]) + struct.pack("!HH", internal, external) + b"\x00" * 10 + b"\xff\xff\xc0\x00\x02\x01"


PEER = mapping() + struct.pack("!HH", 443, 0) + b"\x00" * 10 + b"\xff\xff\xc6\x33\x64\x07"
MESSAGES = [
    b"\x00\x00",
    bytes.fromhex("008000000000ab12c0a80001"),
    bytes.fromhex("000100001f901f9000000e10"),
    bytes.fromhex("000200001f901f9000000e10"),
    bytes.fromhex("008100000000ab121f901f9000000e10"),
    bytes.fromhex("008200030000ab121f901f9000000e10"),
    b"\x00\x05",
    b"\x00\x85\x00\x00",
    pcp_req(0, b""),
    pcp_resp(0x80, b""),
    pcp_req(1, mapping()),
    pcp_resp(0x81, mapping()),
    pcp_req(2, PEER),
    pcp_resp(0x82, PEER),
    pcp_req(1, mapping(nonce=False), version=1),
    pcp_req(1, mapping() + b"\x80\x00\x00\x04test" + b"\x02\x00\x00\x00"),
    pcp_resp(0x80, b"", result=3),
    b"\x03\x00\x00\x00" + b"\x00" * 20,
    b"\x09\x01",
    pcp_req(5, b""),
    pcp_resp(0x85, b""),
    b"\x00",
    b"\x02",
    b"",
]
for m in MESSAGES:
    udp(40000, 5351, m)
    for cut in (2, 3, 6, 10, 24, 30, 40, 41, 44, 50, 59):
        if cut < len(m):
            udp(40000, 5351, m[:cut])
    udp(5351, 40000, m)
udp(40000, 5350, MESSAGES[1])
udp(40000, 5350, MESSAGES[9])
for proto in (0, 1, 6, 17, 58, 132, 200, 255):
    udp(40000, 5351, pcp_req(1, mapping(proto, 1234, 5678)))
for opt in (b"\x80\x00\x00\x08", b"\x80\x00", b"\x01\x00\x00\x10" + b"\x00" * 16 + b"\x63\x00\x00\x00", b"\x63\x00\x00\x02ab",
            b"\x63\x00\x00\x04ab", b"\x02\x00\x00\x00", b"\x03\x00\x00\x14" + b"\x00" * 20, b"\x03\x00\x00\x04abcd",
            b"\x81\x00\x00\x04abcd", b"\x80\x00\x00\x03abc", b"\x01\x00\x00\x04abcd", b"\x00\x00\x00\x00", b"\x63", b"\x63\x00\x00"):
    udp(40000, 5351, pcp_req(1, mapping(6, 1234, 5678) + opt))

write_pcap("lab__natpmp-crafted.pcap", 1, frames)
