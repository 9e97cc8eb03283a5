#!/usr/bin/env python3
"""Writes lab__enip-crafted.pcap: EtherNet/IP (ODVA CIP Vol. 2 ch. 2) and CIP
(CIP Vol. 1) messages laid out byte by byte from the specifications, checked
with tshark 4.0.17. No Go module for a CIP adapter/scanner could be fetched
here, so the traffic is made, not recorded. It holds: on TCP 44818 the
encapsulation commands ListServices, ListIdentity, ListInterfaces,
RegisterSession, SendRRData, SendUnitData and UnRegisterSession; CIP explicit
requests and responses (Get_Attribute_All, Get_Attribute_Single,
Set_Attribute_Single with an error status, Multiple_Service_Packet,
Unconnected_Send, Forward_Open, Large_Forward_Open refused with an extended
status, Forward_Close, connected messages); two encapsulation messages in one
segment and one split over two; on UDP 44818 a ListIdentity broadcast and its
response; on UDP 2222 class-1 I/O (sequenced address and connected data);
then odd datagrams (too short, not EtherNet/IP, cut short, malformed).
Run: python3 lab__enip-crafted.py OUT.pcap"""
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, write_pcap

C, S, BC = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]), bytes([255, 255, 255, 255])
MC, MS, MB = b"\x02\0\0\0\0\x01", b"\x02\0\0\0\0\x02", b"\xff" * 6
mac = {C: MC, S: MS, BC: MB}
frames = []
ipid = [0]


def ip(src, dst, proto, pay):
    ipid[0] += 1
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(pay), ipid[0], 0x4000, 64, proto, 0, src, dst)
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    frames.append(mac[dst] + mac[src] + b"\x08\x00" + h + pay)


def tcp(src, dst, sport, dport, seq, ack, flags, pay):
    t = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + pay
    ph = src + dst + struct.pack("!BBH", 0, 6, len(t))
    t = t[:16] + struct.pack("!H", csum(ph + t)) + t[18:]
    ip(src, dst, 6, t)


def udp(src, dst, sport, dport, pay):
    u = struct.pack("!HHHH", sport, dport, 8 + len(pay), 0) + pay
    ph = src + dst + struct.pack("!BBH", 0, 17, len(u))
    c = csum(ph + u) or 0xFFFF
    ip(src, dst, 17, u[:6] + struct.pack("!H", c) + u[8:])


def encap(cmd, data, session=0, status=0, ctx=b"ladder\0\0"):
    return struct.pack("<HHII8sI", cmd, len(data), session, status, ctx, 0) + data


def item(t, d):
    return struct.pack("<HH", t, len(d)) + d


def cpf(*items):
    return struct.pack("<H", len(items)) + b"".join(items)


def rr(cip, timeout=10):
    return struct.pack("<IH", 0, timeout) + cpf(item(0, b""), item(0xB2, cip))


def unit(conn, seq, cip):
    return struct.pack("<IH", 0, 0) + cpf(item(0xA1, struct.pack("<I", conn)), item(0xB1, struct.pack("<H", seq) + cip))


def path(*segs):
    b = b""
    for kind, v in segs:
        code = {"class": 0x20, "inst": 0x24, "attr": 0x30, "conn": 0x2C}[kind]
        b += bytes([code, v]) if v < 256 else bytes([code | 1, 0]) + struct.pack("<H", v)
    return b


def req(svc, p, data=b""):
    return bytes([svc, len(p) // 2]) + p + data


def rsp(svc, data=b"", status=0, ext=b""):
    return bytes([svc | 0x80, 0, status, len(ext) // 2]) + ext + data


IDENT = struct.pack("<HHHBBHI", 1, 0x0C, 0x41, 2, 7, 0x0030, 0x1234ABCD) + bytes([11]) + b"ladder-plc\x21"
FWD = struct.pack("<BBIIHHIB3sIHIHB", 0x0A, 0x0E, 0, 0x40000001, 0x0101, 0x1337, 0xCAFE0001, 0, b"\0\0\0",
                  2000000, 0x43F4, 2000000, 0x43F4, 0xA3)
CPATH = bytes([1, 0]) + path(("class", 2), ("inst", 1))


def main(out):
    cs, ss = 1000, 5000
    cp, sp = 50000, 44818
    tcp(C, S, cp, sp, cs, 0, 0x02, b"")
    tcp(S, C, sp, cp, ss, cs + 1, 0x12, b"")
    cs += 1; ss += 1
    tcp(C, S, cp, sp, cs, ss, 0x10, b"")

    def c2s(pay):
        nonlocal cs
        tcp(C, S, cp, sp, cs, ss, 0x18, pay); cs += len(pay)

    def s2c(pay):
        nonlocal ss
        tcp(S, C, sp, cp, ss, cs, 0x18, pay); ss += len(pay)

    sess = 0x12345678
    c2s(encap(0x0004, b""))
    s2c(encap(0x0004, cpf(item(0x0100, struct.pack("<HH", 1, 0x0120) + b"Communications\0\0"))))
    c2s(encap(0x0063, b""))
    li = struct.pack("<H", 1) + struct.pack(">HH4s8s", 2, 44818, S, b"\0" * 8) + IDENT + b"\x03"
    s2c(encap(0x0063, cpf(item(0x000C, li))))
    c2s(encap(0x0064, b""))
    s2c(encap(0x0064, cpf()))
    c2s(encap(0x0065, struct.pack("<HH", 1, 0)))
    s2c(encap(0x0065, struct.pack("<HH", 1, 0), session=sess))
    # Get_Attribute_All of the Identity object
    c2s(encap(0x006F, rr(req(0x01, path(("class", 1), ("inst", 1)))), sess))
    s2c(encap(0x006F, rr(rsp(0x01, IDENT), 0), sess))
    # Get_Attribute_Single of the Identity's product name
    c2s(encap(0x006F, rr(req(0x0E, path(("class", 1), ("inst", 1), ("attr", 7)))), sess))
    s2c(encap(0x006F, rr(rsp(0x0E, b"\x0aladder-plc"), 0), sess))
    # Set_Attribute_Single refused: Attribute not settable
    c2s(encap(0x006F, rr(req(0x10, path(("class", 1), ("inst", 1), ("attr", 1)), b"\x02\x00")), sess))
    s2c(encap(0x006F, rr(rsp(0x10, b"", 0x0E), 0), sess))
    # Multiple_Service_Packet to the Message Router with two requests
    r1 = req(0x0E, path(("class", 1), ("inst", 1), ("attr", 1)))
    r2 = req(0x0E, path(("class", 0xF5), ("inst", 1), ("attr", 5)))
    msp = struct.pack("<HHH", 2, 6, 6 + len(r1)) + r1 + r2
    c2s(encap(0x006F, rr(req(0x0A, path(("class", 2), ("inst", 1)), msp)), sess))
    a1 = rsp(0x0E, b"\x01\x00")
    a2 = rsp(0x0E, b"", 0x14)
    s2c(encap(0x006F, rr(rsp(0x0A, struct.pack("<HHH", 2, 6, 6 + len(a1)) + a1 + a2), 0), sess))
    # Unconnected_Send through the Connection Manager to slot 0
    inner = req(0x01, path(("class", 1), ("inst", 1)))
    us = struct.pack("<BBH", 0x0A, 0x0E, len(inner)) + inner + (b"\0" if len(inner) % 2 else b"") + bytes([1, 0, 1, 0])
    c2s(encap(0x006F, rr(req(0x52, path(("class", 6), ("inst", 1)), us)), sess))
    s2c(encap(0x006F, rr(rsp(0x01, IDENT), 0), sess))
    # Forward_Open, then a connected Get_Attribute_Single, then Forward_Close
    c2s(encap(0x006F, rr(req(0x54, path(("class", 6), ("inst", 1)), FWD + bytes([len(CPATH) // 2]) + CPATH)), sess))
    fo = struct.pack("<IIHHIIIBB", 0x80000002, 0x40000001, 0x0101, 0x1337, 0xCAFE0001, 2000000, 2000000, 0, 0)
    s2c(encap(0x006F, rr(rsp(0x54, fo), 0), sess))
    c2s(encap(0x0070, unit(0x80000002, 1, req(0x0E, path(("class", 1), ("inst", 1), ("attr", 7)))), sess))
    s2c(encap(0x0070, unit(0x40000001, 1, rsp(0x0E, b"\x0aladder-plc")), sess))
    fc = struct.pack("<BBHHIBB", 0x0A, 0x0E, 0x0101, 0x1337, 0xCAFE0001, len(CPATH) // 2, 0) + CPATH
    c2s(encap(0x006F, rr(req(0x4E, path(("class", 6), ("inst", 1)), fc)), sess))
    s2c(encap(0x006F, rr(rsp(0x4E, struct.pack("<HHIBB", 0x0101, 0x1337, 0xCAFE0001, 0, 0)), 0), sess))
    # Large_Forward_Open refused: Connection in Use or Duplicate Forward Open
    lfo = struct.pack("<BBIIHHIB3sIIIIB", 0x0A, 0x0E, 0, 0x40000003, 0x0102, 0x1337, 0xCAFE0001, 0, b"\0\0\0",
                      2000000, 0x43F40000 >> 16 | 0x42000000, 2000000, 0x42000100, 0xA3)
    c2s(encap(0x006F, rr(req(0x5B, path(("class", 6), ("inst", 1)), lfo + bytes([len(CPATH) // 2]) + CPATH)), sess))
    s2c(encap(0x006F, rr(rsp(0x5B, struct.pack("<HHIBB", 0x0102, 0x1337, 0xCAFE0001, 0, 0), 0x01, b"\x00\x01"), 0), sess))
    # two messages in one segment, then one message over two segments
    g = encap(0x006F, rr(req(0x0E, path(("class", 1), ("inst", 1), ("attr", 6)))), sess)
    c2s(g + g)
    r = encap(0x006F, rr(rsp(0x0E, struct.pack("<I", 0x1234ABCD)), 0), sess)
    s2c(r + r)
    c2s(g[:10])
    c2s(g[10:])
    s2c(r[:30])
    s2c(r[30:])
    c2s(encap(0x0066, b"", sess))

    # a second connection: odd messages
    def conv(cp, sp, steps):
        cs, ss = 7000, 9000
        tcp(C, S, cp, sp, cs, 0, 0x02, b"")
        tcp(S, C, sp, cp, ss, cs + 1, 0x12, b"")
        cs += 1; ss += 1
        for fromc, pay in steps:
            if fromc:
                tcp(C, S, cp, sp, cs, ss, 0x18, pay); cs += len(pay)
            else:
                tcp(S, C, sp, cp, ss, cs, 0x18, pay); ss += len(pay)

    sym = b"\x91\x05Tag_1\x00"
    conv(50002, 44818, [
        (0, encap(0x6F, rr(rsp(0x0E, b"\x01\x00"), 0), 5)),  # a response to no request seen
        (1, encap(0x70, unit(0x1111, 1, req(0x0E, path(("class", 1), ("inst", 1), ("attr", 7)))), 5)),  # no Forward Open
        (0, encap(0x70, unit(0x2222, 1, rsp(0x0E, b"\x01\x00")), 5)),
        (1, encap(0x65, struct.pack("<HH", 1, 0)) + encap(0x65, struct.pack("<HH", 1, 0))),
        (1, encap(0x6F, rr(req(0x4B, path(("class", 0x6B), ("inst", 1)))), 5)),  # a service the class does not name
        (1, encap(0x6F, rr(req(0x0E, path(("class", 0x300), ("inst", 0x1234), ("attr", 1)))), 5)),  # 16-bit segments
        (1, encap(0x6F, rr(req(0x0E, path(("class", 0xF5), ("inst", 1), ("attr", 1)))), 5)),
        (0, encap(0x6F, rr(rsp(0x0E, b"", 0x05, b"\x01\x02"), 0), 5)),  # Path destination unknown, one extra word
        (1, encap(0x99, b"")),  # an unknown command
        (1, encap(0x00, b"")),  # NOP
        (0, encap(0x66, b"", 5, status=0x64)),  # Invalid Session Handle
        (1, encap(0x6F, rr(req(0x0E, sym)), 5)),  # a symbolic path
        (1, encap(0x6F, rr(req(0x4C, sym, b"\x01\x00")), 5)),  # Logix Read Tag: unnamed
        (0, encap(0x6F, rr(rsp(0x4C, b"\xc4\x00\x01\x00\x00\x00"), 0), 5)),
        (1, encap(0x6F, rr(req(0x0E, path(("class", 4), ("inst", 0x64), ("conn", 3)))), 5)),  # connection point
        (1, encap(0x6F, rr(b""), 5)),  # an empty data item
        (1, encap(0x6F, rr(b"\x0e"), 5)),  # a service code alone
        (1, encap(0x6F, rr(b"\x0e\x03\x20"), 5)),  # a path longer than the item
        (1, encap(0x6F, struct.pack("<IH", 0, 1) + cpf(item(0, b"")), 5)),  # no data item
    ])
    # both ends on 44818: neither request nor response
    conv(44818, 44818, [(1, encap(0x65, struct.pack("<HH", 1, 0))), (0, encap(0x65, struct.pack("<HH", 1, 0), 5))])

    # UDP: ListIdentity broadcast and its answer
    udp(C, BC, 50001, 44818, encap(0x0063, b"", ctx=b"\x01\0\0\0\0\0\0\0"))
    udp(S, C, 44818, 50001, encap(0x0063, cpf(item(0x000C, li)), ctx=b"\x01\0\0\0\0\0\0\0"))
    # UDP 2222: class-1 I/O, originator to target with a run/idle header, target to originator without
    for n in range(3):
        udp(C, S, 2222, 2222, cpf(item(0x8002, struct.pack("<II", 0x40000005, n + 1)),
                                   item(0xB1, struct.pack("<HI", n + 1, 1) + bytes([n, 0, 0, 0]))))
        udp(S, C, 2222, 2222, cpf(item(0x8002, struct.pack("<II", 0x80000006, n + 7)),
                                   item(0xB1, struct.pack("<H", n + 7) + bytes([0x10 + n, 0, 0, 0, 0, 0, 0, 0]))))
    # odd datagrams: too short for a header, not EtherNet/IP, a length past
    # the datagram, CIP over UDP, I/O without a sequenced address, cut short
    # or empty, a cut identity item and Register Session data
    udp(C, S, 50003, 44818, b"\x63\x00\x00")
    udp(C, S, 50003, 44818, b"hello world, this is not enip at all")
    udp(C, S, 50003, 44818, encap(0x6F, rr(req(0x0E, path(("class", 1), ("inst", 1), ("attr", 7)))), 5))
    udp(C, S, 2222, 2222, cpf(item(0xB1, b"\x01\x00\x02\x03")))
    udp(C, S, 2222, 2222, b"\x01")
    udp(C, S, 2222, 2222, b"")
    udp(C, S, 2222, 2222, cpf(item(0x8002, b"\x01\x02")))
    udp(C, S, 50003, 44818, encap(0x63, cpf(item(0x000C, b"\x01\x00"))))
    udp(C, S, 50003, 44818, encap(0x65, b"\x01"))
    write_pcap(out, 1, frames, 1000)


main(sys.argv[1])
