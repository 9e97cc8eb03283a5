#!/usr/bin/env python3
"""Writes lab__capwap-crafted.pcap: CAPWAP (RFC 5415, with the IEEE 802.11 binding of RFC 5416) control messages
on UDP 5246 and data messages on UDP 5247, laid out byte by byte from the RFCs, as a WTP (10.0.0.1) and an AC
(10.0.0.2) exchange them: discovery (also broadcast), join, configuration status, echo, change state, WTP event,
reset, an IEEE 802.11 WLAN configuration request, unknown and vendor message types, a control message cut into two
fragments and one cut into three sent out of order, a DTLS-encrypted session (the CAPWAP DTLS preamble before DTLS
records), headers cut at every length, a message element running past the datagram, header lengths that do not
match the optional headers; on the data channel keep-alives, IEEE 802.3 frames, IEEE 802.11 data frames with the
frame control bytes swapped (as tshark's default capwap.swap_fc reads them) carrying IPv4 ICMP and UDP, 802.11
frames under the reserved binding 0, fragmented data, the radio MAC and wireless specific information headers.
tshark 4.0.17 on the output is the oracle. No free CAPWAP implementation (AC or WTP) is packaged in Debian, hence
crafted.
Usage: python3 lab__capwap-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, ipv4, write_pcap

MW, MA = b"\x02\0\0\0\0\x01", b"\x02\0\0\0\0\x02"
W, A = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
BCAST = bytes([255, 255, 255, 255])
fr = []


def udp(sp, dp, p):
    return struct.pack(">HHHH", sp, dp, 8 + len(p), 0) + p


def send(src, dst, sp, dp, p, ident=1):
    dmac = b"\xff" * 6 if dst == BCAST else (MA if dst == A else MW)
    smac = MW if src == W else MA
    fr.append(dmac + smac + b"\x08\x00" + ipv4(src, dst, 17, udp(sp, dp, p), ident=ident, frag=0))


def hdr(hlen=2, rid=0, wbid=1, t=0, f=0, l=0, w=0, m=0, k=0, fid=0, foff=0, opt=b"", pre=0x00):
    word = (hlen << 19) | (rid << 14) | (wbid << 9) | (t << 8) | (f << 7) | (l << 6) | (w << 5) | (m << 4) | (k << 3)
    return bytes([pre]) + struct.pack(">I", word)[1:] + struct.pack(">HH", fid, foff << 3) + opt


def el(typ, val):
    return struct.pack(">HH", typ, len(val)) + val


def ctl(mtype, seq, elems=b"", flags=0):
    return struct.pack(">IBHB", mtype, seq, len(elems) + 3, flags) + elems


def c2a(p, sp=12380):
    send(W, A, sp, 5246, p)


def a2c(p, dp=12380):
    send(A, W, 5246, dp, p)


def d2a(p):
    send(W, A, 12380, 5247, p)


board = el(38, struct.pack(">I", 9) + struct.pack(">HH", 0, 6) + b"AIR-AP" + struct.pack(">HH", 1, 6) + b"FCZ123")
desc = el(39, struct.pack(">BBB", 2, 2, 1) + struct.pack(">BH", 1, 0x0c) + struct.pack(">IHH", 9, 0, 4) + b"1.00")
c2a(hdr() + ctl(1, 0, el(20, b"\x01") + board + desc + el(44, b"\x01")))  # Discovery Request
send(W, BCAST, 12380, 5246, hdr() + ctl(1, 1, el(20, b"\x00")))  # broadcast discovery
acdesc = el(1, struct.pack(">HHHHBBBB", 0, 200, 1, 50, 0x04, 0, 0, 0x02) + struct.pack(">IHH", 9, 4, 5) + b"8.3.1")
a2c(hdr() + ctl(2, 0, acdesc + el(4, b"ctrl1") + el(10, A + b"\x00\x01")))  # Discovery Response
c2a(hdr() + ctl(3, 1, el(45, b"ap-one") + el(35, b"\x11" * 16)))  # Join Request
a2c(hdr() + ctl(4, 1, el(33, struct.pack(">I", 0))))  # Join Response
c2a(hdr() + ctl(5, 2, el(31, b"\x01\x01")))  # Configuration Status Request
a2c(hdr() + ctl(6, 2, el(12, b"\x05\x1e")))  # Configuration Status Response
for mt, s in [(7, 3), (8, 3), (9, 4), (10, 4), (11, 5), (12, 5), (13, 6), (14, 6), (15, 7), (16, 7), (17, 8), (18, 8),
              (19, 9), (20, 9), (21, 10), (22, 10), (23, 11), (24, 11), (25, 12), (26, 12)]:
    (c2a if mt % 2 else a2c)(hdr() + ctl(mt, s))
c2a(hdr() + ctl(3398913, 13, el(1024, b"\x01\x01" + b"\0" * 18 + b"net")))  # IEEE 802.11 WLAN Configuration Request
a2c(hdr() + ctl(3398914, 13, el(33, b"\0\0\0\0")))
c2a(hdr() + ctl(0, 14))  # type 0: not named
c2a(hdr() + ctl(27, 15))
c2a(hdr() + ctl(0x00409601, 16, el(37, struct.pack(">IH", 9, 1) + b"x")))  # enterprise-specific (Cisco)
c2a(hdr() + ctl(3398915, 17))
# a message cut into two fragments (ID 7), then one into three (ID 9) sent out of order
big = ctl(5, 20, el(45, b"W" * 40) + el(38, struct.pack(">I", 9) + struct.pack(">HH", 0, 20) + b"M" * 20))
c2a(hdr(f=1, l=0, fid=7, foff=0) + big[:32])
c2a(hdr(f=1, l=1, fid=7, foff=4) + big[32:])
c2a(hdr(f=1, l=0, fid=9, foff=0) + big[:24])
c2a(hdr(f=1, l=1, fid=9, foff=6) + big[48:])
c2a(hdr(f=1, l=0, fid=9, foff=3) + big[24:48])
c2a(hdr(f=1, l=1, fid=11, foff=0) + ctl(13, 21))  # a single last fragment
c2a(hdr(f=1, l=0, fid=12, foff=0))  # fragment flag, no payload
# DTLS: the CAPWAP DTLS header, then records
ch = struct.pack(">H", 0xfefd) + b"\x01" * 32 + b"\x00" + b"\x00" + b"\x00\x02\xc0\x2b" + b"\x01\x00"
hs = struct.pack(">B", 1) + struct.pack(">I", len(ch))[1:] + b"\0\0" + b"\0\0\0" + struct.pack(">I", len(ch))[1:] + ch
hello = struct.pack(">BHHHIH", 22, 0xfeff, 0, 0, 0, len(hs)) + hs
c2a(b"\x01\0\0\0" + hello, sp=12381)
hv = struct.pack(">H", 0xfefd) + b"\x04" + b"\xcc" * 4
hvr = struct.pack(">B", 3) + struct.pack(">I", len(hv))[1:] + b"\0\0" + b"\0\0\0" + struct.pack(">I", len(hv))[1:] + hv
a2c(b"\x01\0\0\0" + struct.pack(">BHHHIH", 22, 0xfefd, 0, 0, 0, len(hvr)) + hvr, dp=12381)  # Hello Verify Request
a2c(b"\x01\0\0\0" + struct.pack(">BHHHIH", 23, 0xfefd, 1, 0, 1, 8) + b"\xaa" * 8, dp=12381)
a2c(b"\x01\0\0\0" + b"\x17\xfe", dp=12381)  # DTLS record cut short
a2c(b"\x01\0\0\0", dp=12381)  # DTLS preamble, nothing after
a2c(b"\x01\0", dp=12381)
# short and odd control datagrams
base = hdr() + ctl(13, 30)
for n in (1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 15):
    c2a(base[:n], sp=12382)
c2a(hdr() + ctl(13, 31, el(35, b"\x22" * 16)[:10]), sp=12382)  # element cut short
c2a(hdr() + ctl(13, 32, b"\x00"), sp=12382)  # one byte of element
c2a(hdr() + ctl(13, 33, b"\x00\x23\x00"), sp=12382)
c2a(hdr(pre=0x20) + ctl(13, 34), sp=12382)  # version 2
c2a(hdr(pre=0x02) + ctl(13, 35), sp=12382)  # preamble type 2
c2a(hdr(hlen=4, m=1, opt=b"\x06" + MW + b"\0") + ctl(13, 36), sp=12382)  # radio MAC header
c2a(hdr(hlen=3, opt=b"\0\0\0\0") + ctl(13, 37), sp=12382)  # header length longer than the fields
c2a(hdr(hlen=1) + ctl(13, 38)[1:], sp=12382)  # header length too short
c2a(hdr(hlen=0) + ctl(13, 38), sp=12382)

# data channel
keep = el(35, b"\x33" * 16)
d2a(hdr(k=1) + struct.pack(">H", len(keep) + 2) + keep)  # keep-alive
send(A, W, 5247, 12380, hdr(k=1) + struct.pack(">H", len(keep) + 2) + keep)
d2a(hdr(k=1) + struct.pack(">H", 9) + keep)  # keep-alive whose length is wrong
d2a(hdr(k=1))  # keep-alive without payload
d2a(hdr(k=1) + b"\x00")


def icmp(seq):
    b = struct.pack("!BBHHH", 8, 0, 0, 0x42, seq) + b"abcdefgh"
    return b[:2] + struct.pack("!H", csum(b)) + b[4:]


C1, S1 = bytes([192, 168, 5, 10]), bytes([192, 168, 5, 1])
inner = ipv4(C1, S1, 1, icmp(1), frag=0)
d2a(hdr(t=0) + b"\x02\0\0\0\0\x0b\x02\0\0\0\0\x0a\x08\x00" + inner)  # IEEE 802.3 frame
dns = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00\x00\x01\x00\x01"
inner_udp = ipv4(C1, S1, 17, udp(40001, 53, dns), frag=0)


def wlan_data(payload, fc=(0x08, 0x01), swap=True):
    f0, f1 = fc
    h = (bytes([f1, f0]) if swap else bytes([f0, f1])) + b"\0\0" + b"\x02\0\0\0\0\x0a" + b"\x02\0\0\0\0\x0b" + \
        b"\x02\0\0\0\0\x0c" + b"\x10\x00"
    return h + b"\xaa\xaa\x03\0\0\0" + payload


d2a(hdr(t=1) + wlan_data(b"\x08\x00" + inner))  # 802.11 data, ICMP
d2a(hdr(t=1) + wlan_data(b"\x08\x00" + inner_udp))  # 802.11 data, DNS
d2a(hdr(t=1, wbid=0) + wlan_data(b"\x08\x00" + inner))  # binding 0: data
d2a(hdr(t=1, wbid=3) + b"\x01\x02\x03")  # EPCGlobal: data
d2a(hdr(t=1, hlen=4, m=1, opt=b"\x06" + MW + b"\0") + wlan_data(b"\x08\x00" + inner))
d2a(hdr(t=1, hlen=4, w=1, opt=b"\x04\xc4\x20\x00\x6c\x00\x00\x00") + wlan_data(b"\x08\x00" + inner))
d2a(hdr(t=1, f=1, l=0, fid=3, foff=0) + wlan_data(b"\x08\x00" + inner)[:40])
d2a(hdr(t=1) + wlan_data(b"\x08\x00" + inner, fc=(0x08, 0x02)))  # from DS
d2a(hdr(t=1) + wlan_data(b"\x08\x00" + inner, fc=(0x88, 0x01))[:24] + b"\x00\x00" + b"\xaa\xaa\x03\0\0\0\x08\x00" + inner)
probe = bytes([0x00, 0x40]) + b"\0\0" + b"\xff" * 6 + b"\x02\0\0\0\0\x0b" + b"\xff" * 6 + b"\x20\x00" + b"\x00\x00\x01\x08\x82\x84\x8b\x96\x0c\x12\x18\x24"
d2a(hdr(t=1) + probe)
d2a(hdr(t=1) + b"\x01\x08\x00")  # 802.11 cut short
d2a(hdr(t=0) + b"\x02\0\0")  # 802.3 cut short
d2a(hdr(t=1))  # no payload
for n in (1, 4, 6, 8):
    d2a(hdr(t=1)[:n])
d2a(b"\x01\0\0\0" + hello)  # DTLS on the data channel

write_pcap(sys.argv[1], 1, fr)
