#!/usr/bin/env python3
"""Writes lab__encap-crafted.pcap: layer-2 and tunnel headers cut short or odd, laid out byte by byte from their
specifications: 802.1Q tags (IEEE 802.1Q) cut at every length and stacked (0x88a8, 0x9100); MPLS label stacks
(RFC 3032) cut, without a bottom label, empty, with explicit-null, router-alert and GAL labels (RFC 5586), a PW
associated channel and an Ethernet pseudowire; PPPoE discovery codes and tags (RFC 2516) and session payload
lengths shorter and longer than the frame, PPP protocols without a dissector, LCP, PAP and CHAP packets cut or
with empty fields (RFC 1661, 1334, 1994); VXLAN (RFC 7348) and Geneve (RFC 8926) headers cut at each length,
with options, versions, protocol types and payloads that do not match them. tshark 4.0.17 on the output is the
oracle, also for MPLS Ethernet pseudowires with and without a control word, whose reading depends on whether
tshark's manufacturer file knows both MAC prefixes. Left out: Geneve payloads of EtherTypes ladder has no
dissector for.
Usage: python3 lab__encap-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, ipv4, write_pcap

M = b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01"
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])


def icmp():
    b = struct.pack("!BBHHH", 8, 0, 0, 7, 1) + b"abcdefgh"
    return b[:2] + struct.pack("!H", csum(b)) + b[4:]


IP = ipv4(C, S, 1, icmp(), frag=0)


def udp(sp, dp, p):
    return struct.pack(">HHHH", sp, dp, 8 + len(p), 0) + p


def eth(et, p):
    fr.append(M + struct.pack(">H", et) + p)


def u(dp, p):
    fr.append(M + b"\x08\x00" + ipv4(C, S, 17, udp(40000, dp, p), frag=0))


def mpls(label, s, ttl=64, exp=0):
    return struct.pack(">I", (label << 12) | (exp << 9) | (s << 8) | ttl)


def pppoed(code, sess=0, tags=b""):
    return struct.pack(">BBHH", 0x11, code, sess, len(tags)) + tags


def pppoes(p, sess=1, ln=None):
    return struct.pack(">BBHH", 0x11, 0, sess, len(p) if ln is None else ln) + p


def vx(flags=0x08, vni=100, inner=None):
    return struct.pack(">BBHI", flags, 0, 0, vni << 8) + (inner if inner is not None else M + b"\x08\x00" + IP)


def gnv(optlen=0, opts=b"", proto=0x6558, inner=None, ver=0):
    return struct.pack(">BBH", (ver << 6) | optlen, 0, proto) + struct.pack(">I", 100 << 8) + opts + \
        (inner if inner is not None else M + b"\x08\x00" + IP)


def vlan_mpls_pppoe_vxlan_geneve():
    # VLAN cut at each length
    v=struct.pack(">HH",0x0064,0x0800)+IP
    for n in range(0,6): eth(0x8100, v[:n])
    # QinQ
    for outer in (0x88a8,0x9100,0x8100):
        eth(outer, struct.pack(">HH",0x00c8,0x8100)+v)
        eth(outer, struct.pack(">HH",0x00c8,0x8100)+v[:3])
    # VLAN with unknown inner type, and len<1536 (802.3 inside)
    eth(0x8100, struct.pack(">HH",0x0064,0x88b5)+b"\x01\x02\x03")
    eth(0x8100, struct.pack(">HH",0x0064,0x0010)+b"\xaa\xaa\x03\x00\x00\x00\x08\x00"+IP[:8])
    eth(0x8100, struct.pack(">HH",0x0064,0x0010)+b"\x42\x42\x03"+b"\0"*13)
    # MPLS
    for n in range(0,5): eth(0x8847,(mpls(100,1))[:n])
    eth(0x8847, mpls(100,1)+IP)
    eth(0x8847, mpls(100,0)+mpls(200,1)+IP)
    eth(0x8847, mpls(100,0)+mpls(200,0))  # no bottom
    eth(0x8847, mpls(100,1)+b"\x60\0\0\0\0\0\x3b\x40"+b"\0"*32)  # ipv6 nohdr
    eth(0x8847, mpls(100,1)+M+b"\x08\x00"+IP)  # eth no CW
    eth(0x8847, mpls(100,1)+b"\x10\x00\x00\x00")  # first nibble 1
    eth(0x8847, mpls(0,1)+IP)  # explicit null v4
    eth(0x8847, mpls(2,1)+b"\x60\0\0\0\0\0\x3b\x40"+b"\0"*32)
    eth(0x8847, mpls(3,1)+IP)
    eth(0x8847, mpls(1,0)+mpls(100,1)+IP)  # router alert
    eth(0x8847, mpls(13,1)+b"\x00\x01\x00\x00")  # GAL/OAM
    eth(0x8847, mpls(100,1))  # empty payload
    eth(0x8848, mpls(100,1)+IP)
    eth(0x8847, mpls(100,1)+b"\x45")  # cut IP
    # PPPoE discovery codes
    for code in (0x09,0x07,0x19,0x65,0xa7,0x00,0x42):
        eth(0x8863, pppoed(code, 0 if code!=0xa7 else 5, struct.pack(">HH",0x0101,0)))
    eth(0x8863, pppoed(0x09)[:4])
    eth(0x8863, pppoed(0x09,tags=struct.pack(">HH",0x0101,10)+b"ab"))  # tag cut
    eth(0x8863, struct.pack(">BBHH",0x21,0x09,0,0))  # ver 2
    # PPPoE session
    eth(0x8864, pppoes(b"\x00\x21"+IP))
    eth(0x8864, pppoes(b"\x00\x57"+b"\x60\0\0\0\0\0\x3b\x40"+b"\0"*32))
    eth(0x8864, pppoes(b"\xc0\x21\x01\x01\x00\x04"))
    eth(0x8864, pppoes(b"\xc0\x21\x09\x01\x00\x08\x00\x00\x00\x01"))
    eth(0x8864, pppoes(b"\x80\x21\x01\x01\x00\x0a\x03\x06\x0a\x00\x00\x01"))
    eth(0x8864, pppoes(b"\xc0\x23\x01\x01\x00\x05\x00"))
    eth(0x8864, pppoes(b"\xc2\x23\x01\x01\x00\x05\x00"))
    eth(0x8864, pppoes(b"\x00\x21"+IP, ln=10))
    eth(0x8864, pppoes(b"\x00\x21"+IP, ln=200))
    eth(0x8864, pppoes(b"\x00"))
    eth(0x8864, pppoes(b"\x21"+IP))  # compressed proto
    eth(0x8864, pppoes(b"\x12\x34\x00"))
    eth(0x8864, pppoes(b"")[:5])
    # VXLAN
    for n in (0,4,7,8): fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,4789,vx()[:n]),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,4789,vx(flags=0)),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,4789,vx(inner=M[:10])),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,4789,vx(flags=0x0c,inner=IP)),frag=0))  # GPE-ish
    # Geneve
    for n in (0,4,7): fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv()[:n]),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv()),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv(optlen=2,opts=struct.pack(">HBB",0x0102,0x03,1)+b"\1\2\3\4")),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv(optlen=2,opts=struct.pack(">HBB",0x0102,0x03,3)+b"\1\2\3\4")),frag=0))  # opt len too long
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv(optlen=5,opts=b"",inner=b"")),frag=0))  # cut options
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv(proto=0x0800,inner=IP)),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv(proto=0x86dd,inner=IP)),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv(proto=0x1234,inner=b"xyz")),frag=0))
    fr.append(M+b"\x08\x00"+ipv4(C,S,17,udp(40000,6081,gnv(ver=1)),frag=0))


def short_vxlan_geneve():
    for n in (1,2,3): u(4789,b"\x08\0\0\0\0\0\x64\0"[:n])
    for n in (1,2,3): u(6081,b"\x00\x00\x65\x58"[:n])
    u(6081,struct.pack(">BBHI",0,0,0x6558,100<<8))           # empty
    u(6081,struct.pack(">BBHI",0,0,0x6558,100<<8)+M[:8])     # short eth
    u(6081,struct.pack(">BBHI",0,0,0x0800,100<<8))           # empty ip
    u(6081,struct.pack(">BBHI",0,0,0x0800,100<<8)+b"\x45\x00")  # short ip
    u(6081,struct.pack(">BBHI",0,0,0x8847,100<<8)+b"\x00\x06\x41\x40"+IP)  # mpls
    u(6081,struct.pack(">BBHI",0,0,0x0000,100<<8)+b"abc")
    u(6081,struct.pack(">BBHI",0xc0,0,0x6558,100<<8)+M+b"\x08\x00"+IP)  # ver 3
    u(6081,struct.pack(">BBHI",0x01,0,0x6558,100<<8)+b"\x01\x02\x03")  # optlen 1 cut
    u(4789,struct.pack(">BBHI",0x08,0,0,100<<8)+M+b"\x08\x00")  # inner eth 14 no payload
    u(4789,struct.pack(">BBHI",0x08,0,0,100<<8)+M+b"\x81\x00\x00")  # inner vlan cut
    for pt in (0x88b5,0x0806,0x86dd):
        u(6081,struct.pack(">BBHI",0,0,pt,100<<8)+b"\x60"+b"\0"*45)


def pppoe_lengths_and_ppp():
    lcp=b"\xc0\x21\x09\x01\x00\x08\x00\x00\x00\x01"
    eth(0x8864, pppoes(lcp)+b"\0"*26)
    eth(0x8864, pppoes(lcp)+b"\0"*2)
    eth(0x8864, pppoes(lcp, ln=8))
    eth(0x8864, pppoes(lcp, ln=4))
    eth(0x8864, pppoes(lcp, ln=2))
    eth(0x8864, pppoes(lcp, ln=1))
    eth(0x8864, pppoes(lcp, ln=0))
    eth(0x8864, pppoes(b"\x00\x21"+IP)+b"\0"*30)
    eth(0x8864, pppoes(b"\x00\x21"+IP, ln=30))
    eth(0x8864, pppoes(b"\x00\x21"+IP, ln=37))
    eth(0x8864, pppoes(b"\x00\x21"+IP, ln=39))
    eth(0x8864, pppoes(b"\x12\x34\x00"))
    eth(0x8864, pppoes(b"\x12\x35\x00"))
    eth(0x8864, pppoes(b"\x80\x57\x01\x01\x00\x04"))
    eth(0x8864, pppoes(b"\xc2\x23\x01\x01\x00\x0b\x04abcd\x01x"))
    eth(0x8864, pppoes(b"\xc2\x23\x01\x01\x00\x05\x00\x01"))
    eth(0x8864, pppoes(b"\xc2\x23\x02\x01\x00\x0b\x04abcdxy"))
    eth(0x8864, pppoes(b"\xc2\x23\x03\x01\x00\x04"))
    eth(0x8864, pppoes(b"\xc2\x23\x04\x01\x00\x06no"))
    eth(0x8864, pppoes(b"\xc0\x23\x01\x01\x00\x06\x00\x00"))
    eth(0x8864, pppoes(b"\xc0\x23\x01\x01\x00\x0a\x02ab\x02cd"))
    eth(0x8864, pppoes(b"\xc0\x23\x01\x01\x00\x08\x02ab\x02cd"))
    eth(0x8864, pppoes(b"\xc0\x23\x02\x01\x00\x07\x02ok"))
    eth(0x8864, pppoes(b"\xc0\x23\x03\x01\x00\x05\x00"))
    eth(0x8864, pppoes(b"\xc0\x23\x02\x01\x00\x04"))
    for n in range(0,6): eth(0x8864, pppoes(lcp)[:n])
    for n in range(0,6): eth(0x8863, struct.pack(">BBHH",0x11,0x09,0,0)[:n])
    eth(0x8863, struct.pack(">BBHH",0x11,0x09,0,4)+struct.pack(">HH",0x0101,0)+b"\0"*30)
    eth(0x8863, struct.pack(">BBHH",0x11,0x09,0,8)+struct.pack(">HH",0x0101,0))
    eth(0x8863, struct.pack(">BBHH",0x11,0x09,0,3)+struct.pack(">HH",0x0101,0))
    eth(0x8863, struct.pack(">BBHH",0x11,0x09,0,6)+struct.pack(">HH",0x0101,2)+b"ab")
    eth(0x8863, struct.pack(">BBHH",0x11,0x09,0,6)+struct.pack(">HH",0x0101,4)+b"ab")


def pseudowires():
    real = b"\x00\x1b\x21\x01\x02\x03" + b"\x00\x0c\x29\x04\x05\x06" + b"\x08\x00" + IP  # Intel, VMware
    eth(0x8847, mpls(100, 1) + real)  # both prefixes known: no control word
    eth(0x8847, mpls(100, 1) + b"\0\0\0\0" + real)  # 00:00:00 is known, 02:00:00 is not: a control word
    eth(0x8847, mpls(100, 1) + b"\x00\x1b\x21\x01\x02\x03" + b"\x02\x0c\x29\x04\x05\x06" + b"\x08\x00" + IP)
    eth(0x8847, mpls(100, 1) + b"\0\0\0\0" + M + b"\x08\x00" + IP)
    for first in (0x20, 0x30, 0x50, 0x70, 0x80, 0xa0, 0xf0):
        eth(0x8847, mpls(100, 1) + bytes([first]) + real[1:])
    # a type field of 0 is Ethernet II's to packet-eth.c; an 802.3 length of 1 is too short for LLC
    eth(0x0000, b"\x45" + b"\0" * 45)
    eth(0x0000, b"\xaa\xaa\x03" + b"\0" * 43)
    eth(0x0001, b"\x42\x42\x03" + b"\0" * 43)


fr = []
vlan_mpls_pppoe_vxlan_geneve()
pseudowires()
short_vxlan_geneve()
pppoe_lengths_and_ppp()
write_pcap(sys.argv[1], 1, fr)
