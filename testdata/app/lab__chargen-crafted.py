#!/usr/bin/env python3
"""Writes lab__chargen-crafted.pcap: Character Generator (RFC 864) traffic on UDP and TCP 19: an empty datagram
(UDP to tshark), a one-byte request, a line of the rotating pattern, binary bytes, and a TCP connection whose server
streams pattern lines. Hand-built, made-up addresses."""
import struct
from labpcap import write_pcap, ipv4, TCPConn

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
LINE = bytes(range(0x20, 0x69)) + b"\r\n"
frames = []


def udp(payload, sp=40000, dp=19):
    u = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    frames.append(B + A + b"\x08\x00" + ipv4(C, S, 17, u))


udp(b"")
udp(b"x")
udp(LINE, sp=19, dp=40000)
udp(bytes(range(256)), sp=19, dp=40000)
conn = TCPConn(frames, {C: A, S: B}, C, S, 40001, 19)
conn.send(S, LINE)
conn.send(S, LINE[1:-2] + b"i\r\n")
conn.send(C, b"hello")
write_pcap("lab__chargen-crafted.pcap", 1, frames)
