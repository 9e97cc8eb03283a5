#!/usr/bin/env python3
"""Writes lab__s7comm-crafted.pcap: S7 Communication (Siemens S7comm, protocol id 0x32) in COTP data TPDUs inside
TPKT on TCP 102 between a client (10.0.0.2:40102) and a PLC (10.0.0.1:102), built here from the message layouts
packet-s7comm.c reads because no S7 server was at hand (no snap7 in Debian 12, the Go module proxy refuses
gos7): the COTP connection (CR/CC with TSAP parameters), Setup communication, Read Var and Write Var (several
items, a DB area, an item error), Request download / Download block / Download ended, Start upload / Upload /
End upload, PLC Control (PI service _INSE), PLC Stop, an Ack with an error class, a Job with an unknown
function, userdata: CPU functions (Read SZL request and response), time functions (Read clock request and
response), block functions (List blocks); two TPKTs in one segment and odd cases: an S7 header
whose parameter length runs past the TPDU, a userdata parameter cut short. Raw IPv4 link type. Checked with
tshark 4.0.17. Run: python3 lab__s7comm-crafted.py OUT.pcap"""
import struct, sys

from labpcap import ipv4, tcp_segment, write_pcap

C, S = bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1])


def seg(to_server, seq, ack, data):
    src, dst, sp, dp = (C, S, 40102, 102) if to_server else (S, C, 102, 40102)
    return ipv4(src, dst, 6, tcp_segment(src, dst, sp, dp, seq, ack, 0x18, data), frag=0)


def tpkt(cotp):
    return struct.pack("!BBH", 3, 0, 4 + len(cotp)) + cotp


def dt(s7):
    return tpkt(b"\x02\xf0\x80" + s7)


def s7(rosctr, ref, param, data=b"", err=None):
    h = struct.pack("!BBHHHH", 0x32, rosctr, 0, ref, len(param), len(data))
    if rosctr in (2, 3):
        h += bytes(err or (0, 0))
    return h + param + data


def item(area=0x84, db=1, addr=0, tsize=0x02, count=2):
    return struct.pack("!BBBBHHB", 0x12, 0x0A, 0x10, tsize, count, db, area) + addr.to_bytes(3, "big")


def ud(method, typ_grp, sub, seq, data, extra=b""):
    p = b"\x00\x01\x12" + bytes([4 + len(extra), method, typ_grp, sub, seq]) + extra
    return s7(7, 0x100 + seq, p, data)


cr = tpkt(bytes([17, 0xE0, 0, 0, 0, 1, 0]) + b"\xc1\x02\x01\x00" + b"\xc2\x02\x01\x02" + b"\xc0\x01\x0a")
cc = tpkt(bytes([17, 0xD0, 0, 1, 0, 0x44, 0]) + b"\xc1\x02\x01\x00" + b"\xc2\x02\x01\x02" + b"\xc0\x01\x0a")
BCD_TIME = bytes([0x00, 0x19, 0x12, 0x07, 0x10, 0x15, 0x30, 0x12, 0x34, 0x51])
msgs = [
    (True, cr),
    (False, cc),
    (True, dt(s7(1, 0x0100, b"\xf0\x00\x00\x01\x00\x01\x01\xe0"))),
    (False, dt(s7(3, 0x0100, b"\xf0\x00\x00\x01\x00\x01\x00\xf0"))),
    (True, dt(s7(1, 0x0200, b"\x04\x02" + item(0x84, 1, 0, 0x02, 4) + item(0x83, 0, 8 * 10 + 3, 0x01, 1)))),
    (False, dt(s7(3, 0x0200, b"\x04\x02", b"\xff\x04\x00\x20\x01\x02\x03\x04" + b"\xff\x03\x00\x01\x01\x00"))),
    (True, dt(s7(1, 0x0300, b"\x04\x02" + item(0x84, 99, 0, 0x04, 1) + item(0x81, 0, 16, 0x02, 2)))),
    (False, dt(s7(3, 0x0300, b"\x04\x02", b"\x0a\x00\x00\x00" + b"\xff\x04\x00\x10\xbe\xef"))),
    (True, dt(s7(1, 0x0400, b"\x05\x01" + item(0x84, 1, 16, 0x02, 2), b"\x00\x04\x00\x10\x12\x34"))),
    (False, dt(s7(3, 0x0400, b"\x05\x01", b"\xff"))),
    (True, dt(s7(1, 0x0500, b"\x1a\x00\x01\x00\x00\x00\x00\x00\x09" + b"_0800001P" + b"\x0d" + b"1000256000128"))),
    (False, dt(s7(3, 0x0500, b"\x1a"))),
    (False, dt(s7(1, 0x0600, b"\x1b\x00\x01\x00\x00\x00\x00\x00\x09" + b"_0800001P"))),
    (True, dt(s7(3, 0x0600, b"\x1b\x00", b"\x00\x06\x00\xfb\x70\x70\x01\x01"))),
    (False, dt(s7(1, 0x0700, b"\x1c\x00\x01\x00\x00\x00\x00\x00\x09" + b"_0800001P"))),
    (True, dt(s7(3, 0x0700, b"\x1c"))),
    (True, dt(s7(1, 0x0800, b"\x1d\x00\x00\x00\x00\x00\x00\x00\x09" + b"_0800001A"))),
    (False, dt(s7(3, 0x0800, b"\x1d\x00\x01\x00\x00\x00\x00\x07\x07" + b"0000128"))),
    (True, dt(s7(1, 0x0900, b"\x1e\x00\x00\x00\x00\x00\x00\x07"))),
    (False, dt(s7(3, 0x0900, b"\x1e\x00", b"\x00\x04\x00\xfb\x70\x70\x01\x01"))),
    (True, dt(s7(1, 0x0a00, b"\x1f\x00\x00\x00\x00\x00\x00\x07"))),
    (False, dt(s7(3, 0x0a00, b"\x1f"))),
    (True, dt(s7(1, 0x0b00, b"\x28\x00\x00\x00\x00\x00\x00\xfd\x00\x0a\x01\x00" + b"0C00001P" + b"\x05_INSE"))),
    (False, dt(s7(3, 0x0b00, b"\x28\x00"))),
    (True, dt(s7(1, 0x0c00, b"\x29\x00\x00\x00\x00\x00\x09" + b"P_PROGRAM"))),
    (False, dt(s7(3, 0x0c00, b"\x29", err=(0xd2, 0x04)))),
    (False, dt(s7(2, 0x0d00, b"", err=(0x81, 0x04)))),
    (True, dt(s7(1, 0x0e00, b"\x99\x00"))),
    (False, dt(s7(3, 0x0e00, b"", err=(0x85, 0x00)))),
    (True, dt(ud(0x11, 0x44, 0x01, 0, b"\xff\x09\x00\x04\x00\x11\x00\x00"))),
    (False, dt(ud(0x12, 0x84, 0x01, 1, b"\xff\x09\x00\x10\x00\x11\x00\x00\x00\x1c\x00\x01" + b"\x00\x01" + b"6ES7 315-2EH14",
                  b"\x00\x00\x00\x00"))),
    (True, dt(ud(0x11, 0x47, 0x01, 0, b"\x0a\x00\x00\x00"))),
    (False, dt(ud(0x12, 0x87, 0x01, 2, b"\xff\x09\x00\x0a" + BCD_TIME, b"\x00\x00\x00\x00"))),
    (True, dt(ud(0x11, 0x43, 0x01, 0, b"\x0a\x00\x00\x00"))),
    (False, dt(ud(0x12, 0x83, 0x01, 3, b"\xff\x09\x00\x08\x30\x38\x00\x03\x30\x41\x00\x01", b"\x00\x00\x00\x00"))),
    (True, dt(s7(1, 0x0f00, b"\xf0\x00\x00\x01\x00\x01\x01\xe0")) + dt(s7(1, 0x1000, b"\x04\x01" + item(0x84, 2, 0, 0x02, 1)))),
    (True, dt(struct.pack("!BBHHHH", 0x32, 1, 0, 0x1100, 40, 0) + b"\x04\x01\x12")),
    (True, dt(struct.pack("!BBHHHH", 0x32, 7, 0, 0x1200, 8, 0) + b"\x00\x01\x12\x04")),
]
frames, seq = [], {True: 1000, False: 5000}
for up, m in msgs:
    frames.append(seg(up, seq[up], seq[not up], m))
    seq[up] += len(m)
write_pcap(sys.argv[1], 101, frames)
