#!/usr/bin/env python3
"""Writes lab__collectd-crafted.pcap: collectd network-plugin datagrams (UDP 25826) collectd 5.12 did not send in
lab__collectd.sh: the old TIME and INTERVAL parts (plain seconds), intervals of fractions, hours and zero, every
severity and value type (an unknown one too), gauges C's %g prints oddly (a third, 1e20, -0, NaN, infinity), a value
count that disagrees with the part length, unknown part types, a host missing or empty or not NUL-terminated or with
bytes above 0x7f, two hosts, values with no host, plugin or type before them; MESSAGE parts of several lengths with
and without bytes after them (tshark's assembled-notification line runs 3 bytes past the part, or has a negative
length under 7 bytes: [Malformed Packet] unless the bytes are there); parts cut short or with wrong lengths
(integer, values, signature, encryption, a user name longer than its part, lengths under 4 and past the datagram),
trailing garbage, 1- to 3-byte datagrams and an empty one (plain UDP). Hand-built, made-up addresses."""
import struct
from labpcap import write_pcap, ipv4

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
frames = []


def udp(payload, sp=40000, dp=25826):
    u = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    frames.append(B + A + b"\x08\x00" + ipv4(C, S, 17, u))


def part(t, data, ln=None):
    """A part: type, length (4 + the data's unless given), data."""
    return struct.pack("!HH", t, 4 + len(data) if ln is None else ln) + data


def s(t, v):
    return part(t, v + b"\0")


def i(t, v):
    return part(t, struct.pack("!Q", v))


def vals(*vs, cnt=None, ln=None):
    """A VALUES part of (type, value) pairs: gauges little-endian doubles, the rest big-endian 64-bit."""
    types = bytes(t for t, _ in vs)
    body = b"".join(struct.pack("<d", v) if t == 1 else struct.pack("!Q", v & (2 ** 64 - 1)) for t, v in vs)
    return part(6, struct.pack("!H", len(vs) if cnt is None else cnt) + types + body, ln)


H = s(0, b"hostA")
T = i(8, 0x1AC5CC7980000000)
IV = i(9, 0x40000000)
P = s(2, b"cpu")
TY = s(4, b"cpu")
TI = s(5, b"idle")

# well-formed datagrams
udp(H + T + IV + P + s(3, b"0") + TY + TI + vals((2, 123456)) + s(5, b"user") + vals((2, 789)))
udp(H + i(1, 1700000000) + i(7, 10) + P + TY + vals((1, 2.0)))
udp(H + i(9, 0x20000000) + i(9, (10 << 30) + (1 << 29)) + i(9, 3661 << 30) + i(9, (90061 << 30)) + i(7, 0) + i(1, 0) + i(8, 0) + i(9, 5))
udp(H + i(0x101, 1) + i(0x101, 2) + i(0x101, 4) + i(0x101, 8) + i(0x101, 0))
udp(H + P + TY + vals((1, 1 / 3), (1, 1e20), (1, -0.0), (1, 123456789012.0), (1, float("nan")), (1, float("inf")),
                      (1, -float("inf")), (1, 1e-7), (0, 2 ** 64 - 1), (2, -5), (3, 12), (7, 0xABCDEF)))
udp(H + P + TY + vals((1, 1.0), cnt=3))
udp(H + P + TY + vals((1, 1.0), (1, 2.0), cnt=1))
udp(vals((1, 1.5)))
udp(H + s(0, b"hostB") + P + P + TY + vals((1, 1.0)) + vals((1, 2.0)))
udp(part(0, b"") + P)
udp(part(0, b"noterm") + P)
udp(s(0, "h\u00e9te".encode()) + P)
udp(s(0, b"ho\0st") + P)
udp(H + part(0x300, b"abcd") + part(0x301, b""))
udp(part(0x200, b"s" * 32 + b"user") + H + P)
udp(part(0x200, b"s" * 32) + H)
udp(part(0x210, struct.pack("!H", 4) + b"user" + b"i" * 16 + b"e" * 30))
udp(part(0x210, struct.pack("!H", 0) + b"i" * 16 + b"e" * 20))
# notifications: MESSAGE parts tshark can or cannot show
udp(H + T + i(0x101, 2) + P + TY + s(0x100, b"a much longer message text here, forty+ bytes long") + b"\0" * 3)
udp(H + i(1, 1700000000) + i(0x101, 4) + s(0x100, b"message here") + b"\0" * 4)
udp(H + T + i(0x101, 2) + s(0x100, b"lab notification"))
udp(s(0x100, b"just a message"))
for L in (4, 5, 6, 7, 8, 12):
    for tail in (0, 2, 3, 4, 5):
        udp(part(0x100, b"m" * (L - 4)) + b"\0" * tail)
# parts cut short or with wrong lengths
udp(H + P + TY + vals((1, 1.0), ln=14) + P)
udp(H + P + TY + vals((1, 1.0), ln=24))
udp(H + part(6, b"\0\1\1\0\0\0\0\0", 12))
udp(H + part(2, b"", 2))
udp(H + part(2, b"", 0) + P)
udp(H + part(2, b"ab", 40))
udp(H + b"\0\2")
udp(H + part(8, b"\0" * 6) + P)
udp(H + part(8, b"\0" * 12, 16))
udp(H + part(8, b"\0" * 4))
udp(H + part(0x101, b"\0" * 4))
udp(part(0x200, b"x" * 10) + H)
udp(part(0x200, b"x" * 40, 20) + H)
udp(part(0x210, struct.pack("!H", 50) + b"x" * 50) + H)
udp(part(0x210, b"x" * 10))
udp(part(0x210, b"x" * 40, 30) + b"x" * 10)
udp(H + P + part(0x300, b"") + part(2, b"", 1))
udp(b"\0")
udp(b"\0\0\0")
udp(b"")
write_pcap("lab__collectd-crafted.pcap", 1, frames)
