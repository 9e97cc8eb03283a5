#!/usr/bin/env python3
"""Writes lab__srvloc-crafted.pcap: Service Location Protocol (SLPv2, RFC 2608, and SLPv1, RFC 2165) messages on
UDP 427 and one TCP 427 connection: every function of both versions, URL entries with and without authentication
blocks, unknown functions and versions, every message cut short at each length. Hand-built messages, made-up
addresses; checked against tshark 4.0.17."""
import struct
from labpcap import write_pcap, ipv4, TCPConn

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
frames = []


def udp(payload, sp=40000, dp=427):
    u = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    frames.append(B + A + b"\x08\x00" + ipv4(C, S, 17, u))


def s16(x):
    return struct.pack("!H", len(x)) + x


def v2(fn, body, xid=0x1234):
    n = 16 + len(body)
    return bytes([2, fn]) + n.to_bytes(3, "big") + b"\x20\x00\x00\x00\x00" + struct.pack("!H", xid) + s16(b"en") + body


AUTH = struct.pack("!HHI", 2, 20, 1700000000) + s16(b"spi") + b"\x00" * 7
URL = b"\x00" + struct.pack("!H", 10800) + s16(b"service:printer:lpr://10.0.0.2/queue")
V2 = [
    v2(1, s16(b"") + s16(b"service:printer") + s16(b"DEFAULT") + s16(b"") + s16(b"")),
    v2(2, struct.pack("!HH", 0, 2) + URL + b"\x00" + URL + b"\x01" + AUTH),
    v2(3, URL + b"\x00" + s16(b"service:printer") + s16(b"DEFAULT") + s16(b"(x=1),(y=2)") + b"\x00"),
    v2(4, s16(b"DEFAULT") + URL + b"\x00" + s16(b"x")),
    v2(5, struct.pack("!H", 4)),
    v2(6, s16(b"") + s16(b"service:printer:lpr://10.0.0.2/queue") + s16(b"DEFAULT") + s16(b"") + s16(b"")),
    v2(7, struct.pack("!H", 0) + s16(b"(x=1)") + b"\x00"),
    v2(8, struct.pack("!HI", 0, 12345) + s16(b"service:directory-agent://10.0.0.2") + s16(b"DEFAULT") + s16(b"") + s16(b"") + b"\x00"),
    v2(9, s16(b"") + b"\xff\xff" + s16(b"DEFAULT")),
    v2(9, s16(b"") + s16(b"IANA") + s16(b"DEFAULT")),
    v2(10, struct.pack("!H", 0) + s16(b"service:printer,service:ipp")),
    v2(11, s16(b"service:service-agent://10.0.0.2") + s16(b"DEFAULT") + s16(b"") + b"\x01" + AUTH),
    v2(12, b""), v2(12, b"\x00\x01"), v2(0, b""), v2(0, b"\x05"),
]
for m in V2:
    udp(m)
    for cut in range(1, len(m), 3):
        udp(m[:cut])
udp(V2[0], sp=427, dp=40000)
udp(bytes([3, 1]) + b"\x00" * 20)


def v1(fn, body, flags=0, xid=7):
    return bytes([1, fn]) + struct.pack("!H", 12 + len(body)) + bytes([flags, 0]) + b"en" + struct.pack("!HH", 3, xid) + body


V1AUTH = struct.pack("!Q", 0) + struct.pack("!H", 1) + s16(b"xx")
V1URL = struct.pack("!H", 10800) + s16(b"service:printer:lpr://10.0.0.2/q")
V1 = [
    v1(1, s16(b"") + s16(b"service:printer/DEFAULT/")),
    v1(2, struct.pack("!HH", 0, 1) + V1URL),
    v1(2, struct.pack("!HH", 0, 1) + V1URL + V1AUTH, flags=0x20),
    v1(3, V1URL + s16(b"(x=1)")),
    v1(4, s16(b"service:printer:lpr://10.0.0.2/q") + s16(b"")),
    v1(5, struct.pack("!H", 0)),
    v1(6, s16(b"") + s16(b"service:printer:lpr://10.0.0.2/q") + s16(b"DEFAULT") + s16(b"")),
    v1(8, struct.pack("!H", 0) + s16(b"service:directory-agent://10.0.0.2") + s16(b"DEFAULT")),
    v1(9, s16(b"") + b"\xff\xff" + s16(b"DEFAULT")),
    v1(10, struct.pack("!HH", 0, 2) + s16(b"service:printer") + s16(b"service:ipp")),
    v1(13, b""), v1(13, b"\x00"),
]
for m in V1:
    udp(m)
    for cut in range(1, len(m), 4):
        udp(m[:cut])

# SLPv2 over TCP: a request and its reply, the reply in two segments
macs = {C: A, S: B}
conn = TCPConn(frames, macs, C, S, 40001, 427)
conn.send(C, V2[0])
conn.send(S, V2[1][:20])
conn.send(S, V2[1][20:])

write_pcap("lab__srvloc-crafted.pcap", 1, frames)
