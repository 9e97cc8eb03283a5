#!/usr/bin/env python3
"""Writes lab__diameter-crafted.pcap: Diameter messages (RFC 6733) in TCP segments to and from port 3868 that the
freeDiameterd session of lab__diameter.pcap does not show, checked with tshark 4.0.17: a request with the T flag
for a command and an application the dictionary does not know, carrying a vendor-specific AVP (3GPP), an AVP
code the dictionary does not know, an IPv6 Host-IP-Address, an Event-Timestamp (Time), an Unsigned64 and a
two-level grouped AVP (Proxy-Info); an error answer (E flag) with Failed-AVP; a segment whose bytes do not start
a message ("Continuation"); three messages in one segment; and a message whose AVP claims more bytes than
the message holds. Raw IPv4 link type. Run: python3 lab__diameter-crafted.py OUT.pcap"""
import struct, sys

from labpcap import csum




C, S = bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1])


def seg(to_server, seq, ack, data):
    src, dst, sp, dp = (C, S, 40000, 3868) if to_server else (S, C, 3868, 40000)
    tcp = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, 0x18, 65535, 0, 0) + data
    c = csum(src + dst + struct.pack("!BBH", 0, 6, len(tcp)) + tcp)
    tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
    return ip[:10] + struct.pack("!H", csum(ip)) + ip[12:] + tcp


def avp(code, data, flags=0x40, vendor=None):
    hdr = 8 if vendor is None else 12
    ln = hdr + len(data)
    b = struct.pack("!IB", code, flags | (0x80 if vendor is not None else 0)) + ln.to_bytes(3, "big")
    if vendor is not None:
        b += struct.pack("!I", vendor)
    return b + data + b"\0" * ((4 - ln % 4) % 4)


def msg(cmd, app, avps, flags, hbh, e2e):
    body = b"".join(avps)
    return bytes([1]) + (20 + len(body)).to_bytes(3, "big") + bytes([flags]) + cmd.to_bytes(3, "big") + \
        struct.pack("!III", app, hbh, e2e) + body


ORIGIN = [avp(264, b"crafted.lab.test"), avp(296, b"lab.test")]
req = msg(9999, 16777999, ORIGIN + [
    avp(1, b"001010123456789", 0xc0, 10415),                       # 3GPP-IMSI, a vendor AVP
    avp(60000, b"\xde\xad\xbe\xef"),                             # AVP code not in the dictionary
    avp(257, struct.pack("!H", 2) + bytes(range(0x20, 0x30))),   # Host-IP-Address, IPv6
    avp(55, struct.pack("!I", 0xEAB3C580)),                      # Event-Timestamp
    avp(287, struct.pack("!Q", 1234567890123)),                  # Accounting-Sub-Session-Id (Unsigned64)
    avp(284, avp(280, b"proxy.lab.test") + avp(33, b"state-1")),  # Proxy-Info: Proxy-Host, Proxy-State
], 0x90, 0x100, 0x200)
ans = msg(9999, 16777999, [avp(268, struct.pack("!I", 5001))] + ORIGIN + [
    avp(281, b"AVP unsupported"),
    avp(279, avp(60000, b"\xde\xad\xbe\xef")),                  # Failed-AVP
], 0x20, 0x100, 0x200)
dwr = msg(280, 0, ORIGIN, 0x80, 0x101, 0x201)
dwa = msg(280, 0, [avp(268, struct.pack("!I", 2001))] + ORIGIN, 0x00, 0x101, 0x201)
bad = msg(280, 0, ORIGIN, 0x80, 0x102, 0x202)
bad = bad[:20] + bad[20:24] + b"\x40\x00\x01\x00" + bad[28:]   # Origin-Host claims 256 bytes
msgs = [
    (True, req),
    (False, ans),
    (True, b"\x00garbage that is not a Diameter header"),
    (True, dwr + dwr[:0] + msg(280, 0, ORIGIN, 0x80, 0x103, 0x203) + msg(280, 0, ORIGIN, 0x80, 0x104, 0x204)),
    (False, dwa),
    (True, bad),
]
with open(sys.argv[1], "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
    seq = {True: 1000, False: 5000}
    for i, (up, m) in enumerate(msgs):
        p = seg(up, seq[up], seq[not up], m)
        seq[up] += len(m)
        out.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)
