#!/usr/bin/env python3
"""Writes lab__iec104-crafted.pcap: IEC 60870-5-104 APDUs (IEC 60870-5-104 §5, ASDUs of IEC 60870-5-101 §7)
between a controlling station (10.0.0.2:40104) and a controlled station (10.0.0.1:2404) in TCP segments,
built here from the standard because no IEC 104 implementation was at hand (none in Debian 12, the Go module
proxy serves none): U frames (STARTDT, TESTFR, STOPDT act/con), S frames, and I frames carrying a general
interrogation (act, actcon, actterm), monitored single and double points, measured normalized, scaled and
floating values (SQ=0 and SQ=1, with and without CP56Time2a time tags), integrated totals, bitstrings, step
positions, single, double and set-point commands, clock synchronisation, end of initialisation, a negative
confirmation and a test-bit ASDU; several APDUs in one segment, an APDU split over two segments, and odd
cases: an unknown type identification, a segment with two bytes before the start byte, ASDUs cut short in
the header, an object or a time tag, and an ASDU with bytes left over. Raw IPv4 link type. Checked with tshark 4.0.17.
Run: python3 lab__iec104-crafted.py OUT.pcap"""
import struct, sys

from labpcap import ipv4, tcp_segment, write_pcap

C, S = bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1])


def seg(to_server, seq, ack, data):
    src, dst, sp, dp = (C, S, 40104, 2404) if to_server else (S, C, 2404, 40104)
    return ipv4(src, dst, 6, tcp_segment(src, dst, sp, dp, seq, ack, 0x18, data), frag=0)


def apdu(ctrl, asdu=b""):
    return bytes([0x68, 4 + len(asdu)]) + ctrl + asdu


def u(bits):
    return apdu(bytes([0x03 | bits << 2, 0, 0, 0]))


def s(nr):
    return apdu(struct.pack("<HH", 1, nr << 1))


def i(ns, nr, asdu):
    return apdu(struct.pack("<HH", ns << 1, nr << 1), asdu)


def ioa(n):
    return struct.pack("<I", n)[:3]


def asdu(tid, cot, objs, sq=False, ca=1, oa=0, pn=False, test=False, num=None):
    """objs: list of (ioa, bytes); with sq only the first IOA is sent."""
    n = len(objs) if num is None else num
    c = cot | (0x40 if pn else 0) | (0x80 if test else 0)
    b = bytes([tid, (0x80 if sq else 0) | n, c, oa]) + struct.pack("<H", ca)
    for k, (a, v) in enumerate(objs):
        if not sq or k == 0:
            b += ioa(a)
        b += v
    return b


def cp56(ms, minute, hour, day, month, year, iv=False, su=False, dow=0):
    return struct.pack("<HBBBBB", ms, minute | (0x80 if iv else 0), hour | (0x80 if su else 0),
                       day | dow << 5, month, year)


T = cp56(30500, 15, 10, 7, 12, 26)
GI_ACT = asdu(100, 6, [(0, b"\x14")])
msgs = [
    (True, u(0x01)),                                   # STARTDT act
    (False, u(0x02)),                                  # STARTDT con
    (True, i(0, 0, GI_ACT)),
    (False, i(0, 1, asdu(100, 7, [(0, b"\x14")]))),    # actcon
    (False, i(1, 1, asdu(1, 20, [(1001, b"\x01"), (1002, b"\x00"), (1003, b"\x81")]))),   # M_SP_NA_1
    (False, i(2, 1, asdu(3, 20, [(2001, b"\x02"), (2002, b"\x01")]))),                    # M_DP_NA_1
    (False, i(3, 1, asdu(13, 20, [(4001, struct.pack("<fB", 12.5, 0)), (0, struct.pack("<fB", -3.25, 0x10)),
                                  (0, struct.pack("<fB", 230.0, 0))], sq=True))),         # M_ME_NC_1 SQ=1
    (False, i(4, 1, asdu(9, 20, [(3001, struct.pack("<hB", 16384, 0))]))),                # M_ME_NA_1
    (False, i(5, 1, asdu(11, 20, [(3101, struct.pack("<hB", -1234, 0)), (3102, struct.pack("<hB", 77, 0x80))]))),
    (False, i(6, 1, asdu(15, 37, [(5001, struct.pack("<iB", 123456, 0x05))]))),           # M_IT_NA_1
    (False, i(7, 1, asdu(7, 20, [(6001, struct.pack("<IB", 0xDEADBEEF, 0))]))),           # M_BO_NA_1
    (False, i(8, 1, asdu(5, 20, [(7001, bytes([0x85, 0]))]))),                            # M_ST_NA_1
    (False, i(9, 1, asdu(100, 10, [(0, b"\x14")]))),   # actterm
    (True, s(10)),
    (False, i(10, 1, asdu(30, 3, [(1001, b"\x00" + T)]))),                                # M_SP_TB_1
    (False, i(11, 1, asdu(36, 3, [(4001, struct.pack("<fB", 13.0, 0) + T)]))),            # M_ME_TF_1
    (True, i(1, 12, asdu(45, 6, [(8001, b"\x81")]))),                                     # C_SC_NA_1 select
    (False, i(12, 2, asdu(45, 7, [(8001, b"\x81")]))),
    (True, i(2, 13, asdu(46, 6, [(8002, b"\x02")]))),                                     # C_DC_NA_1
    (False, i(13, 3, asdu(46, 7, [(8002, b"\x02")], pn=True))),                           # negative
    (True, i(3, 14, asdu(50, 6, [(8003, struct.pack("<fB", 50.5, 0))]))),                 # C_SE_NC_1
    (True, i(4, 14, asdu(103, 6, [(0, T)]))),                                             # C_CS_NA_1
    (False, i(14, 5, asdu(103, 7, [(0, T)]))),
    (False, i(15, 5, asdu(70, 4, [(0, b"\x00")]))),                                       # M_EI_NA_1
    (True, s(16) + u(0x04) + i(5, 16, asdu(102, 5, [(1001, b"")]))),                      # three in one
    (False, u(0x10)),                                                                     # TESTFR act
    (True, u(0x20)),
    (False, i(16, 6, asdu(1, 3, [(1004, b"\x01")], test=True, ca=65535, oa=7))),
    (False, u(0x08)),                                                                     # STOPDT con
    (False, i(17, 6, asdu(200, 3, [(1, b"\x01\x02\x03")]))),                               # unknown type
    (True, b"\x00\x00" + u(0x10)),                                                        # 2 bytes before
    (False, i(18, 6, asdu(13, 20, [(4001, struct.pack("<fB", 1.0, 0))], num=3))),         # too few objects
    (False, i(19, 6, b"\x01\x01\x03")),                                                   # ASDU header cut
    (False, i(20, 6, asdu(1, 3, [(1006, b"\x00\xaa\xbb")]))),                              # bytes left over
    (False, i(21, 6, asdu(1, 3, [], num=0))),                                             # no objects
    (False, i(22, 6, asdu(1, 3, [(1007, b"")]))),                                          # object cut
    (False, i(23, 6, asdu(9, 20, [(3001, struct.pack("<hB", -32768, 0)), (0, struct.pack("<hB", 32767, 0))], sq=True)
                      + b"")),
    (False, i(24, 6, asdu(31, 3, [(2003, b"\x03" + cp56(59999, 59, 23, 31, 1, 99, iv=True, su=True, dow=7))]))),
    (False, i(25, 6, asdu(103, 7, [(0, T[:4])]))),                                        # time cut
    (False, i(26, 6, asdu(30, 3, [(1008, b"\xf1" + cp56(1000, 0x40 | 1, 0, 1, 1, 0))]))),   # flags set
    (False, i(27, 6, asdu(13, 1, [(4002, struct.pack("<fB", 1e-7, 0xf1)), (4003, struct.pack("<fB", 3e9, 0))]))),
    (False, i(28, 6, asdu(15, 38, [(5002, struct.pack("<iB", -5, 0xe0 | 31))]))),
    (False, i(29, 6, asdu(5, 2, [(7002, b"\x7f\x00"), (7003, b"\x40\x00")]))),
    (False, i(30, 6, asdu(70, 4, [(0, b"\x82")]))),
    (True, i(6, 31, asdu(45, 6, [(8004, b"\x06")]))),                                     # short pulse off
    (True, i(7, 31, asdu(46, 8, [(8005, b"\x8d")]))),                                     # qu 3, select
    (True, i(8, 31, asdu(47, 6, [(8006, b"\x05")]))),                                     # C_RC_NA_1
    (True, i(9, 31, asdu(101, 6, [(0, b"\x45")]))),                                       # C_CI_NA_1
    (True, i(10, 31, asdu(49, 6, [(8007, struct.pack("<hB", -300, 0x81))]))),              # C_SE_NB_1
    (True, i(11, 31, asdu(48, 6, [(8008, struct.pack("<hB", 8192, 0x05))]))),              # C_SE_NA_1
    (True, i(12, 31, asdu(105, 6, [(0, b"\x01")]))),                                      # C_RP_NA_1
    (False, i(31, 13, asdu(21, 1, [(3003, struct.pack("<h", 100))]))),                    # M_ME_ND_1
    (False, i(32, 13, asdu(9, 99, [(3004, struct.pack("<hB", 1, 0))], pn=True, test=True))),  # unknown cause
]
split = i(26, 6, asdu(1, 3, [(1005, b"\x01")]))
frames, seq = [], {True: 1000, False: 5000}
for up, m in msgs + [(False, split[:5]), (False, split[5:])]:
    frames.append(seg(up, seq[up], seq[not up], m))
    seq[up] += len(m)
write_pcap(sys.argv[1], 101, frames)
