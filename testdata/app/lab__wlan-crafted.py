#!/usr/bin/env python3
# Writes lab__wlan-crafted.pcap: IEEE 802.11 management, control and data frames that carry no network packet,
# behind a radiotap header (link type 127), half of them with an FCS (the radiotap Flags field says so): beacons
# (named, hidden and with control bytes in the SSID), probe request/response, authentication, (re)association,
# deauthentication, disassociation, action frames, ATIM, RTS, CTS, ACK, Block Ack Request, Block Ack, PS-Poll, CF-End,
# Null and QoS Null, protected data, a WDS (four-address) frame, and frames cut short. Built by hand from IEEE 802.11-2020
# §9.3; tshark 4.0 on the output is the oracle for their columns and details.
# Usage: python3 lab__wlan-crafted.py lab__wlan-crafted.pcap
import struct, sys, zlib

AP = bytes.fromhex("02aabbccdd01")
STA = bytes.fromhex("02aabbccdd02")
BC = b"\xff" * 6

def radiotap(frame, fcs):
    if fcs:
        return struct.pack("<BBHIB", 0, 0, 9, 0x02, 0x10) + frame + struct.pack("<I", zlib.crc32(frame) & 0xffffffff)
    return struct.pack("<BBHI", 0, 0, 8, 0) + frame

def fc(typ, sub, flags=0):
    return bytes([(sub << 4) | (typ << 2), flags])

def mgmt(sub, da, sa, bssid, seq, body, flags=0):
    return fc(0, sub, flags) + struct.pack("<H", 314) + da + sa + bssid + struct.pack("<H", seq << 4) + body

def ie(n, v):
    return bytes([n, len(v)]) + v

RATES = ie(1, bytes([0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24])) + ie(3, b"\x06")
RSN = ie(48, bytes.fromhex("0100000fac040100000fac040100000fac020c00"))
TIM = ie(5, bytes([0, 1, 0, 0]))
VENDOR = ie(221, bytes.fromhex("0050f2020101000003a4000027a4000042435e0062322f00"))

def beacon_body(ssid, interval=100, cap=0x0411):
    return struct.pack("<QHH", 0x123456789, interval, cap) + ie(0, ssid) + RATES + TIM + RSN + VENDOR

frames = [
    (mgmt(8, BC, AP, AP, 100, beacon_body(b"lab-net")), False),
    (mgmt(8, BC, AP, AP, 101, beacon_body(b"")), True),
    (mgmt(8, BC, AP, AP, 102, beacon_body(b"a\x1b[2Jb\xff")), False),
    (mgmt(4, BC, STA, BC, 7, ie(0, b"") + RATES), True),
    (mgmt(4, BC, STA, BC, 8, ie(0, b"lab-net") + RATES, flags=0x08), False),
    (mgmt(5, STA, AP, AP, 103, beacon_body(b"lab-net", interval=200)), False),
    (mgmt(11, AP, STA, AP, 9, struct.pack("<HHH", 0, 1, 0)), True),
    (mgmt(11, STA, AP, AP, 104, struct.pack("<HHH", 0, 2, 0)), False),
    (mgmt(0, AP, STA, AP, 10, struct.pack("<HH", 0x0431, 10) + ie(0, b"lab-net") + RATES + RSN), True),
    (mgmt(1, STA, AP, AP, 105, struct.pack("<HHH", 0x0411, 0, 0xc001) + RATES), False),
    (mgmt(2, AP, STA, AP, 11, struct.pack("<HH", 0x0431, 10) + AP + ie(0, b"lab-net") + RATES), False),
    (mgmt(3, STA, AP, AP, 106, struct.pack("<HHH", 0x0411, 0, 0xc002) + RATES), False),
    (mgmt(12, STA, AP, AP, 107, struct.pack("<H", 3)), True),
    (mgmt(10, AP, STA, AP, 12, struct.pack("<H", 8)), False),
    (mgmt(13, AP, STA, AP, 13, bytes.fromhex("030001021000001000")), False),
    (mgmt(14, AP, STA, AP, 14, bytes.fromhex("7f0050f20101")), False),  # vendor-specific
    (mgmt(9, STA, AP, AP, 108, b""), False),
    (fc(1, 11) + struct.pack("<H", 500) + AP + STA, True),                  # RTS
    (fc(1, 12) + struct.pack("<H", 400) + STA, True),                       # CTS
    (fc(1, 13) + struct.pack("<H", 0) + STA, False),                        # ACK
    (fc(1, 8) + struct.pack("<H", 100) + AP + STA + struct.pack("<HH", 0x0004, 0x0010), False),  # BAR
    (fc(1, 9) + struct.pack("<H", 0) + STA + AP + struct.pack("<HH", 0x0005, 0x0010) + b"\xff" * 8, True),  # BA
    (fc(1, 10) + struct.pack("<H", 0xc001) + AP + STA, False),              # PS-Poll
    (fc(1, 14) + struct.pack("<H", 0) + BC + AP, False),                    # CF-End
    (fc(2, 12, 0x01) + struct.pack("<H", 44) + AP + STA + AP + struct.pack("<H", 15 << 4) + b"\x00\x00", True),  # QoS Null
    (fc(2, 4, 0x11) + struct.pack("<H", 44) + AP + STA + AP + struct.pack("<H", 16 << 4), False),  # Null, PM set
    (fc(2, 8, 0x41) + struct.pack("<H", 44) + AP + STA + AP + struct.pack("<H", 17 << 4) + b"\x00\x00"
     + bytes.fromhex("0100002000000000") + b"\x5a" * 40, True),            # protected QoS Data, CCMP
    (fc(2, 0, 0x42) + struct.pack("<H", 44) + STA + AP + AP + struct.pack("<H", 109 << 4)
     + bytes.fromhex("0200002000000000") + b"\xa5" * 32, False),           # protected Data from the DS
    (fc(2, 4, 0x03) + struct.pack("<H", 44) + AP + STA + AP + struct.pack("<H", 18 << 4) + STA, False),  # WDS Null
    (mgmt(8, BC, AP, AP, 110, beacon_body(b"lab-net"), flags=0x28), False),  # retry, more data
    (mgmt(8, BC, AP, AP, 111, beacon_body(b"lab-net"))[:30], False),       # cut in the fixed parameters
    (mgmt(8, BC, AP, AP, 112, struct.pack("<QHH", 1, 100, 0x0411) + b"\x00\x09abc"), False),  # SSID element cut
    (fc(1, 13)[:1], False),                                                # one byte
    (fc(1, 11) + struct.pack("<H", 0) + BC, False),                         # RTS cut after its receiver
    (mgmt(8, BC, AP, AP, 113, b"")[:16], False),                          # cut before the BSS Id
    (mgmt(8, BC, AP, AP, 114, struct.pack("<QHH", 1, 100, 0x0411) + ie(0, b"x") + b"\x01\x08\x82"), False),  # rates cut
    (mgmt(8, BC, AP, AP, 115, struct.pack("<QHH", 1, 100, 0x0411) + ie(0, b"x") + b"\x01"), False),  # lone tag number
    (mgmt(4, BC, STA, BC, 19, ie(0, "my café".encode()) + ie(0, b"x\"y") + RATES), False),  # UTF-8, then a second SSID
    (mgmt(11, AP, STA, AP, 20, struct.pack("<HHH", 1, 2, 1)), False),      # shared key, refused
    (mgmt(0, AP, STA, AP, 21, struct.pack("<HH", 0x0431, 10) + ie(0, b"\xc3")), False),  # SSID not UTF-8
    (mgmt(2, AP, STA, AP, 22, struct.pack("<HH", 0x0431, 10) + AP[:3]), False),  # cut in the current AP
] + [(mgmt(12, STA, AP, AP, 200 + r, struct.pack("<H", r)), r % 2 == 0) for r in (1, 2, 4, 5, 6, 7, 9, 15)] + [
    (mgmt(10, STA, AP, AP, 220 + r, struct.pack("<H", r)), False) for r in (1, 3, 4, 8)
]

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 127))
    for i, (fr, fcs) in enumerate(frames):
        pkt = radiotap(fr, fcs)
        f.write(struct.pack("<IIII", 1000 + i, 0, len(pkt), len(pkt)) + pkt)
