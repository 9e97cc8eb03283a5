#!/usr/bin/env python3
"""Writes lab__wlan-control-crafted.pcap (link type 105, no FCS): the matrix from which tshark 4.0.17's rules for
802.11 control frames of variable length were read back: Trigger frames of every type, cut inside the Common Info,
the User Info list and padding; VHT and HE NDP Announcements with whole and cut STA Info lists; Block Ack Requests
and Block Acks of every type cut at many lengths, compressed bitmaps sized by the fragment number, Multi-STA
records (acknowledgement types, TIDs, AID 2045); Beamforming Report Poll, Control Wrapper with several carried
frames, the DMG Control Frame Extension subtypes, the reserved control subtypes and extension type, and the
Measurement Pilot, reserved and Aruba management subtypes. Hand-built frames, made-up addresses."""
import struct
from labpcap import write_pcap

A, B, C = bytes.fromhex("020000000001"), bytes.fromhex("020000000002"), bytes.fromhex("020000000003")
frames = []


def fc(t, s, flags=0):
    return bytes([(s << 4) | (t << 2), flags])


def ctrl(sub, body=b"", flags=0):
    return fc(1, sub, flags) + b"\x00\x00" + B + A + body


# reserved control subtypes and short headers
for sub in (0, 1, 4, 5, 6, 7, 8, 9):
    for ln in (4, 10, 16):
        frames.append(ctrl(sub, b"\x04\x00\x00\x00" + b"\x11" * 16)[:ln])
for ln in (10, 16, 17, 21, 22, 23):
    frames.append(ctrl(3, bytes(range(1, 30)))[:ln])
for ln in (16, 17, 18, 20):
    frames.append(ctrl(4, b"\xff\x00\x00\x00")[:ln])
# Trigger: every type, cut at many lengths, padding
for tt in range(16):
    common = bytes([tt, 0, 0, 0, 0, 0, 0, 0])
    user = struct.pack("<H", 5) + b"\x00" * 3
    for ln in (17, 23, 24, 25, 28, 29, 30, 31, 32, 34, 36, 40):
        frames.append(ctrl(2, common + user * 4)[:ln])
    frames.append(ctrl(2, common + b"\xff\x0f" + b"\x00" * 6))
    frames.append(ctrl(2, common + user + b"\xff\xff"))
for sv in range(16):
    frames.append(ctrl(2, bytes([8, 0, 0, 0, 0, 0, 0, 0, sv]) + b"\x00" * 6))
# NDP Announcement: VHT (2-byte STA Info) and HE/ranging (4-byte) lists
for tok in (0x00, 0x01, 0x02, 0x03, 0x04, 0x06, 0x80):
    for ln in (16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 29, 31):
        frames.append(ctrl(5, bytes([tok]) + bytes(range(0x30, 0x50)))[:ln])
# Block Ack Request and Block Ack: every type
for sub in (8, 9):
    for batype in range(16):
        body = struct.pack("<HH", batype << 1, 0x0010) + bytes(range(0x20, 0x20 + 140))
        for ln in (17, 18, 19, 20, 21, 22, 24, 28, 30, 36, 44, 60, 150):
            frames.append(ctrl(sub, body)[:ln])
# compressed Block Ack bitmaps by fragment number
for frag in range(16):
    for bm in (4, 8, 16, 32, 33):
        frames.append(ctrl(9, struct.pack("<HH", 2 << 1, (100 << 4) | frag) + b"\x11" * bm))
# Multi-STA Block Ack records
for frag in range(8):
    for bm in (4, 8, 16, 32):
        frames.append(ctrl(9, struct.pack("<HHH", 11 << 1, 5, (100 << 4) | frag) + b"\x11" * bm))
for aidinfo in (5 | 1 << 11, 5 | 1 << 11 | 14 << 12, 5 | 14 << 12, 2045, 2045 | 1 << 11, 2045 | 14 << 12):
    for extra in (0, 2, 4, 6, 8, 10, 12, 14):
        frames.append(ctrl(9, struct.pack("<HH", 11 << 1, aidinfo) + bytes(range(0x40, 0x40 + extra))))
# DMG Control Frame Extension: lengths where tshark's verdict is certain
for ext in range(16):
    for ln in (4, 10, 16, 17, 20, 24, 30):
        frames.append(ctrl(6, bytes(range(1, 40)), flags=ext)[:ln])
# Control Wrapper carrying several frames
for ln in (4, 10):
    frames.append(ctrl(7, bytes(range(1, 40)))[:ln])
for carried in (0x00, 0xB4, 0xC4, 0xD4, 0x84, 0x94):
    for ln in (16, 17, 20, 22, 24, 26, 30):
        frames.append((fc(1, 7) + b"\x00\x00" + B + bytes([carried, 0]) + b"\x00" * 4 + A + bytes(range(1, 30)))[:ln])
# extension type, reserved subtypes
for sub in (2, 3, 15):
    for ln in (2, 4, 10, 16, 24, 40):
        frames.append((fc(3, sub) + b"\x00\x00" + B + A + C + bytes(range(1, 40)))[:ln])


def mgmt(sub, body):
    return fc(0, sub) + b"\x00\x00" + B + A + C + b"\x10\x00" + body


# Measurement Pilot: 21 bytes of fixed fields, then at least one element
for fixed in (0, 5, 10, 11, 16, 21, 23, 25):
    frames.append(mgmt(6, b"\x00" * fixed))
    frames.append(mgmt(6, b"\x00" * fixed + b"\x00\x04test"))
# reserved subtype 7 and Aruba management: bodies tshark does not read as elements
for sub in (7, 15):
    for ln in (0, 1, 2, 3, 6):
        frames.append(mgmt(sub, b"\x00\x04test"[:ln]))

write_pcap("lab__wlan-control-crafted.pcap", 105, frames)
