#!/usr/bin/env python3
"""Writes lab__lisp-crafted.pcap: LISP control messages (UDP 4342) laid out byte by byte from RFC 6830 and the LCAF
draft: Map-Request (plain, SMR, RLOC-probe, by P-ITR, SMR-invoked, with a Map-Reply record, IPv6 and MAC and
distinguished-name and LCAF source EIDs, several ITR-RLOCs, several records), Map-Reply (probe reply, several
records, locators of each family, LCAF locators), Map-Register (want-map-notify, xTR-ID, RTR, authentication data,
Instance ID and AS Number LCAF EIDs, other LCAF types), Map-Notify, Map-Referral, Info-Request and Info-Reply,
unknown types, AFIs tshark cannot decode, and messages cut short at every field. tshark 4.0.17 on the output is the
oracle. Usage: python3 lab__lisp-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, ipv4, write_pcap

A, B = bytes([10, 41, 0, 1]), bytes([10, 41, 0, 2])
MACS = {A: b"\x02\0\0\0\x29\x01", B: b"\x02\0\0\0\x29\x02"}
fr = []


def send(src, payload, sport=4342, dport=4342):
    dst = B if src == A else A
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ph = src + dst + struct.pack("!BBH", 0, 17, len(u))
    u = u[:6] + struct.pack("!H", csum(ph + u)) + u[8:]
    fr.append(MACS[dst] + MACS[src] + b"\x08\x00" + ipv4(src, dst, 17, u))


def ip4(s):
    return bytes(int(x) for x in s.split("."))


P6 = bytes.fromhex("20010db8000100000000000000000000")
NONCE = bytes.fromhex("0123456789abcdef")


def addr(afi, a):
    return struct.pack("!H", afi) + a


def lcaf(t, body, flags=0):
    return struct.pack("!HBBBBH", 16387, 0, flags, t, 0, len(body)) + body


def iid(i, afi, a):
    return lcaf(2, struct.pack("!IH", i, afi) + a)


def asn(n, afi, a):
    return lcaf(3, struct.pack("!IH", n, afi) + a)


def loc(afi_addr, flags=1, prio=1, weight=100):
    return struct.pack("!BBBBH", prio, weight, 255, 0, flags) + afi_addr


def record(mask, eid, locs=(), ttl=1440, act=0, auth=True, ver=0):
    fl = act << 13 | (0x1000 if auth else 0)
    return struct.pack("!IBBHH", ttl, len(locs), mask, fl, ver) + eid + b"".join(locs)


def mreq(flags=0, src=addr(1, ip4("192.0.2.1")), itrs=(addr(1, A),), recs=((24, addr(1, ip4("198.51.100.0"))),),
         extra=b""):
    h = struct.pack("!HBB", 0x1000 | flags, len(itrs) - 1, len(recs))
    return h + NONCE + src + b"".join(itrs) + b"".join(b"\0" + bytes([m]) + e for m, e in recs) + extra


# Map-Request flags as a 16-bit value after the type nibble: A M P S p s
A_, M_, P_, S_, p_, s_ = 0x800, 0x400, 0x200, 0x100, 0x080, 0x040


def mrep(recs, probe=False):
    return bytes([0x20 | (8 if probe else 0), 0, 0, len(recs)]) + NONCE + b"".join(recs)


def mreg(recs, flags=0, m=1, auth=b"\xaa" * 20, tail=b""):
    return bytes([0x30 | flags, 0, m, len(recs)]) + NONCE + struct.pack("!HH", 1, len(auth)) + auth + b"".join(recs) + tail


def mnot(recs, flags=0, auth=b"\xbb" * 20, tail=b""):
    return bytes([0x40 | flags, 0, 0, len(recs)]) + NONCE + struct.pack("!HH", 1, len(auth)) + auth + b"".join(recs) + tail


R4 = record(24, addr(1, ip4("198.51.100.0")), [loc(addr(1, B))])
R6 = record(48, addr(2, P6), [loc(addr(2, P6), flags=5), loc(addr(1, A), flags=2)])
cases = [
    (A, mreq()),
    (A, mreq(S_)),
    (A, mreq(P_)),
    (A, mreq(p_)),
    (A, mreq(s_ | S_ | P_ | p_ | A_)),
    (A, mreq(M_, extra=R4)),
    (A, mreq(src=addr(2, P6), itrs=(addr(1, A), addr(2, P6)), recs=((48, addr(2, P6)),))),
    (A, mreq(src=addr(0, b""), recs=((24, addr(1, ip4("198.51.100.0"))), (32, addr(1, ip4("203.0.113.7")))))),
    (A, mreq(src=addr(16389, b"\x02\x00\x00\x00\x00\x01"), recs=((48, addr(16389, b"\x02\x00\x00\x00\x00\x02")),))),
    (A, mreq(recs=((0, addr(17, b"host.example\0")),))),
    (A, mreq(src=iid(7, 1, ip4("192.0.2.1")), recs=((24, iid(7, 1, ip4("198.51.100.0"))),))),
    (A, mreq(src=addr(17, b"name\0"))),
    (A, mreq(itrs=(addr(99, b"\0\0\0\0"),))),
    (A, mreq(recs=((24, addr(99, b"\0\0\0\0")),))),
    (A, mreq(recs=())),
    (B, mrep([R4])),
    (B, mrep([R4], probe=True)),
    (B, mrep([R4, R6])),
    (B, mrep([R6])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), ttl=0xffffffff, act=3, auth=False)])),
    (B, mrep([record(0, addr(0, b""), act=2)])),
    (B, mrep([record(24, iid(4096, 1, ip4("198.51.100.0")), [loc(lcaf(7, b"\x10\x00" * 2 + addr(1, A)))])])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), [loc(addr(99, b"\0\0\0\0"))])])),
    (B, mrep([record(24, addr(99, b"\0\0\0\0"))])),
    (A, mreg([R4])),
    (A, mreg([R4, R6])),
    (A, mreg([R4], flags=0x02, tail=bytes(range(16)) + bytes(8))),  # I: xTR-ID and site-ID
    (A, mreg([R4], flags=0x01)),  # R: built for an RTR
    (A, mreg([record(24, asn(64500, 1, ip4("198.51.100.0")), [loc(addr(1, B))])])),
    (A, mreg([record(32, iid(1, 2, P6))])),
    (A, mreg([record(32, iid(1, 99, b""))])),
    (A, mreg([record(32, lcaf(1, addr(1, A) + addr(2, P6)))])),
    (A, mreg([record(32, lcaf(200, b"\x01\x02"))])),
    (A, mreg([record(48, addr(6, b"\x02\x00\x00\x00\x00\x03"))])),
    (A, mreg([record(0, addr(17, b"site-a\0"))])),
    (A, mreg([R4], auth=b"")),
    (B, mnot([R4])),
    (B, mnot([R4, R6])),
    (B, mnot([R4], flags=0x0c, tail=bytes(24) + struct.pack("!HH", 1, 4) + b"\xcc" * 4)),
    (B, bytes([0x60, 0, 0, 1]) + NONCE + record(24, addr(1, ip4("198.51.100.0")), [loc(addr(1, B))], act=1)),
    (A, bytes([0x70, 0, 0, 0]) + NONCE + struct.pack("!HH", 0, 0) + struct.pack("!IBB", 60, 0, 24) + addr(1, ip4("198.51.100.0")) + b"\0\0"),
    (B, bytes([0x78, 0, 0, 0]) + NONCE + struct.pack("!HH", 0, 0) + struct.pack("!IBB", 60, 0, 24) + addr(1, ip4("198.51.100.0")) + addr(16387, lcaf(7, b"\x10\x00\x10\x00" + addr(1, B))[2:])),
    (A, bytes([0x50, 0, 0, 0]) + NONCE),
    (A, bytes([0x00, 0, 0, 0])),
    (A, bytes([0xf0])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), [loc(lcaf(7, b"\x10\x00\x10\x00" + addr(1, A) + addr(1, B) + addr(1, A)))])])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), [loc(lcaf(7, b"\x10\x00\x10\x00" + addr(1, A) + addr(1, B) + addr(1, A) + addr(2, P6))), loc(addr(1, B))])])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), [loc(lcaf(1, addr(1, A) + addr(2, P6))), loc(addr(1, B))])])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), [loc(lcaf(10, b"\x00\x00" + addr(1, A) + b"\x00\x01" + addr(1, B))), loc(addr(1, B))])])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), [loc(iid(5, 0, b"")), loc(addr(1, B))])])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), [loc(iid(5, 1, A)), loc(lcaf(0, b""))])])),
    (B, mrep([record(32, lcaf(12, b"\0\0\x20\x18" + addr(1, A) + addr(1, ip4("198.51.100.0"))), [loc(addr(1, B))])])),
    (B, mrep([record(24, addr(1, ip4("198.51.100.0")), [loc(lcaf(7, b"\x10\x00\x10\x00" + addr(1, A)))]), R4])),
    # cut short
    (A, mreq()[:2]),
    (A, mreq()[:10]),
    (A, mreq()[:16]),
    (A, mreq()[:22]),
    (A, mreq()[:-2]),
    (B, mrep([R4])[:20]),
    (B, mrep([R4])[:30]),
    (B, mrep([R4])[:-2]),
    (A, mreg([R4])[:30]),
    (A, mreg([R4])[:-3]),
    (A, mreg([R4], flags=0x02)),  # xTR-ID missing
    (B, mnot([R4])[:-1]),
    (A, mreg([record(32, lcaf(2, b"\0\0\0\1"))])),  # IID without its AFI
    (A, mreq(recs=((0, addr(17, b"no-nul")),))),
]
for src, payload in cases:
    send(src, payload)
write_pcap(sys.argv[1], 1, fr)
