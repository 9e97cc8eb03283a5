#!/usr/bin/env python3
# Writes lab__diameter-sctp-crafted.pcap: hand-built IPv4/SCTP packets (RFC 9260 §3) carrying Diameter messages
# (RFC 6733) for the SCTP hand-off cases the relayed freeDiameterd session (lab__diameter-sctp.pcap) lacks, checked
# with tshark 4.0.17: an association on port 3868 whose DATA carries PPID 0 (found by the port), a DATA followed by a
# SACK in the same packet and a SACK before a DATA, a PPID 46 payload that is not a Diameter message (left as
# data), Diameter and plain data in one packet, and a Diameter message in two fragments (not reassembled by ladder).
# Checksums are left zero (tshark does not verify them by default). Usage: python3 lab__diameter-sctp-crafted.py OUT
import struct
import sys


def ip(payload, src, dst):
    h = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, 132, 0, bytes(src), bytes(dst))
    return bytes.fromhex('000102030405000102030406') + b'\x08\x00' + h + payload


def sctp(chunks, sp, dp, vtag):
    return struct.pack('>HHII', sp, dp, vtag, 0) + chunks


def chunk(t, f, v):
    c = struct.pack('>BBH', t, f, 4 + len(v)) + v
    return c + b'\0' * ((-len(c)) % 4)


def avp(code, data):
    ln = 8 + len(data)
    return struct.pack('>IB', code, 0x40) + ln.to_bytes(3, 'big') + data + b'\0' * ((4 - ln % 4) % 4)


def diam(cmd, flags, hbh, extra=b''):
    body = avp(264, b'sctp-a.lab.test') + avp(296, b'lab.test') + extra
    return bytes([1]) + (20 + len(body)).to_bytes(3, 'big') + bytes([flags]) + cmd.to_bytes(3, 'big') + \
        struct.pack('>III', 0, hbh, hbh + 0x1000) + body


A, B = [10, 0, 0, 1], [10, 0, 0, 2]
data = lambda tsn, ppid, body, flags=3: chunk(0, flags, struct.pack('>IHHI', tsn, 0, 0, ppid) + body)
sack = lambda cum: chunk(3, 0, struct.pack('>IIHH', cum, 65536, 0, 0))
dwr, dwa = diam(280, 0x80, 1), diam(280, 0x00, 1, avp(268, struct.pack('>I', 2001)))
pkts = [
    # port 3868, PPID 0: the port finds Diameter
    (A, B, sctp(data(100, 0, dwr), 40000, 3868, 7)),
    # DATA then SACK in one packet; SACK then DATA
    (B, A, sctp(data(500, 0, dwa) + sack(100), 3868, 40000, 8)),
    (A, B, sctp(sack(500) + data(101, 46, diam(282, 0x80, 2, avp(273, struct.pack('>I', 0)))), 40000, 3868, 7)),
    # PPID 46 on other ports: not a Diameter message, then Diameter and plain data in one packet
    (A, B, sctp(data(1, 46, b'not a diameter message, just bytes'), 5000, 5000, 9)),
    (A, B, sctp(data(2, 46, diam(280, 0x80, 3)) + data(3, 51, b'webrtc string'), 5000, 5000, 9)),
    # a Diameter message in two fragments
    (A, B, sctp(data(4, 46, dwr[:40], 2), 5000, 5000, 9)),
    (A, B, sctp(data(5, 46, dwr[40:], 1), 5000, 5000, 9)),
]
out = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
for i, (s, d, p) in enumerate(pkts):
    b = ip(p, s, d)
    out += struct.pack('<IIII', 1700000000 + i, 0, len(b), len(b)) + b
open(sys.argv[1], 'wb').write(out)
