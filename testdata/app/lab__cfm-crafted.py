#!/usr/bin/env python3
# Writes lab__cfm-crafted.pcap: Connectivity Fault Management / Ethernet OAM frames (EtherType 0x8902) laid out
# from IEEE 802.1Q-2018 clause 21 and ITU-T G.8013/Y.1731: every OpCode tshark 4.0 names (CCM with MAID formats,
# LBM/LBR with Sender ID and Data TLVs, LTM/LTR with egress identifier and reply TLVs, GNM/BNM, AIS, LCK, TST with
# a Test TLV, APS, R-APS, MCC, LMM/LMR, 1DM, DMM/DMR, EXM/EXR, VSM/VSR, CSF, 1SL, SLM/SLR), an unknown OpCode, an
# Organization-Specific TLV, unknown TLVs, frames in an 802.1Q tag, and frames cut inside the header, the fixed part
# and a TLV. No CFM implementation is packaged in Debian 12 (the kernel has none), so nothing real could be recorded.
# tshark 4.0 on the output is the oracle for their columns.
# Usage: python3 lab__cfm-crafted.py lab__cfm-crafted.pcap
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import write_pcap

A = bytes.fromhex("020000cf0001")
B = bytes.fromhex("020000cf0002")
MC = bytes.fromhex("0180c2000030")  # CFM group address, MD level 0


def eth(payload, dst=MC, src=A, vlan=None, pad=True):
    if vlan is not None:
        fr = dst + src + struct.pack("!HHH", 0x8100, vlan, 0x8902) + payload
    else:
        fr = dst + src + b"\x89\x02" + payload
    if pad and len(fr) < 60:
        fr += b"\0" * (60 - len(fr))
    return fr


def cfm(level, op, flags, fixed, tlvs=b"", version=0, end=True):
    return struct.pack("!BBBB", level << 5 | version, op, flags, len(fixed)) + fixed + tlvs + (b"\0" if end else b"")


def tlv(t, v):
    return struct.pack("!BH", t, len(v)) + v


def maid(mdfmt, md, mafmt, ma):
    b = bytes([mdfmt]) + (bytes([len(md)]) + md if mdfmt != 1 else b"") + bytes([mafmt, len(ma)]) + ma
    return b + b"\0" * (48 - len(b))


def ccm(seq, mep, m, flags=0x04, level=5):
    return cfm(level, 0x01, flags, struct.pack("!IH", seq, mep) + m + bytes(16),
               tlv(2, b"\x02") + tlv(4, b"\x01"))


sender = tlv(1, bytes([6, 4]) + A + bytes([0]))  # chassis ID subtype MAC address, no management address
frames = []
# CCMs: MD name string / MA string, no MD name / primary VID, MAC+int / 2-octet integer, domain / VPN ID, ICC
frames.append(eth(ccm(1, 101, maid(4, b"mdlevel5", 2, b"ma-blue"))))
frames.append(eth(ccm(2, 102, maid(1, b"", 1, b"\x00\x0a"), flags=0x84), src=B))
frames.append(eth(ccm(3, 103, maid(3, A + b"\x00\x07", 3, b"\x00\x2a"), flags=0x03)))
frames.append(eth(ccm(4, 104, maid(2, b"example.net", 4, b"\x00\x00\x5e\x00\x00\x00\x01"), flags=0x05)))
frames.append(eth(ccm(5, 105, maid(1, b"", 32, b"ITUCC1MEG0001"), flags=0x06, level=7)))
# LBM / LBR with Sender ID and Data TLVs
frames.append(eth(cfm(5, 0x03, 0, struct.pack("!I", 7), sender + tlv(3, b"loopback data")), dst=B))
frames.append(eth(cfm(5, 0x02, 0, struct.pack("!I", 7), sender + tlv(3, b"loopback data")), src=B, dst=A))
# LTM (UseFDBonly) with an LTM Egress Identifier TLV; LTR with LTR Egress Identifier, Reply Ingress and Egress
frames.append(eth(cfm(5, 0x05, 0x80, struct.pack("!IB", 9, 64) + A + B, tlv(7, b"\x00\x01" + A)), dst=bytes.fromhex("0180c2000038")))
frames.append(eth(cfm(5, 0x04, 0xe0, struct.pack("!IBB", 9, 63, 1),
                      tlv(8, b"\x00\x01" + A + b"\x00\x02" + B) + tlv(5, b"\x01" + B) + tlv(6, b"\x01" + B)), src=B, dst=A))
# LTR with relay action RlyFDB, Reply Ingress with a port ID
frames.append(eth(cfm(5, 0x04, 0x40, struct.pack("!IBB", 10, 62, 2), tlv(5, b"\x02" + B + b"\x03\x05" + b"eth1")), src=B, dst=A))
# GNM / BNM
frames.append(eth(cfm(6, 0x20, 0x04, struct.pack("!BIII", 1, 1000, 500, 3))))
# AIS (1 per second), LCK (1 per minute)
frames.append(eth(cfm(4, 0x21, 0x04, b"")))
frames.append(eth(cfm(4, 0x23, 0x06, b"")))
# TST with a Test TLV (null signal with CRC-32)
frames.append(eth(cfm(3, 0x25, 0, struct.pack("!I", 11), tlv(32, b"\x01" + bytes(8) + b"\xde\xad\xbe\xef")), dst=B))
# APS, R-APS
frames.append(eth(cfm(7, 0x27, 0, bytes([0xd0 | 0x0e, 0x01, 0x01, 0x80]))))
frames.append(eth(cfm(7, 0x28, 0, bytes([0xb0, 0xa0]) + A + bytes(24)), dst=bytes.fromhex("01199e000001")))
# MCC
frames.append(eth(cfm(2, 0x29, 0, b"\x00\x19\xa7\x01mcc-data")))
# LMM, LMR
frames.append(eth(cfm(2, 0x2B, 0, struct.pack("!III", 100, 0, 0)), dst=B))
frames.append(eth(cfm(2, 0x2A, 0, struct.pack("!III", 100, 98, 97)), src=B, dst=A))
# 1DM, DMM, DMR
frames.append(eth(cfm(2, 0x2D, 0, struct.pack("!IIII", 1700000000, 5, 0, 0)), dst=B))
frames.append(eth(cfm(2, 0x2F, 0, struct.pack("!IIIIIIII", 1700000000, 6, 0, 0, 0, 0, 0, 0)), dst=B))
frames.append(eth(cfm(2, 0x2E, 0, struct.pack("!IIIIIIII", 1700000000, 6, 1700000000, 9, 1700000000, 11, 0, 0)), src=B, dst=A))
# EXM, EXR, VSM, VSR
frames.append(eth(cfm(1, 0x31, 0, b"\x00\x19\xa7\x01", tlv(3, b"exm"))))
frames.append(eth(cfm(1, 0x30, 0, b"\x00\x19\xa7\x01"), src=B, dst=A))
frames.append(eth(cfm(1, 0x33, 0, b"\x00\x19\xa7\x02", tlv(3, b"vsm"))))
frames.append(eth(cfm(1, 0x32, 0, b"\x00\x19\xa7\x02"), src=B, dst=A))
# CSF (RDI, 1 s)
frames.append(eth(cfm(1, 0x34, 0x14, b"")))
# 1SL, SLM, SLR
frames.append(eth(cfm(1, 0x35, 0, struct.pack("!HHIII", 101, 0, 77, 12, 0)), dst=B))
frames.append(eth(cfm(1, 0x37, 0, struct.pack("!HHIII", 101, 0, 77, 13, 0)), dst=B))
frames.append(eth(cfm(1, 0x36, 0, struct.pack("!HHIII", 101, 102, 77, 13, 14)), src=B, dst=A))
# an unknown OpCode, and an OpCode reserved for IEEE 802.1 (0)
frames.append(eth(cfm(1, 0x50, 0, b"\x01\x02\x03\x04")))
frames.append(eth(cfm(1, 0x00, 0, b"")))
# Organization-Specific TLV, Port and Interface Status TLVs, an unknown TLV type, after an LBM
frames.append(eth(cfm(5, 0x03, 0, struct.pack("!I", 8),
                      tlv(31, b"\x00\x19\xa7\x05value") + tlv(2, b"\x01") + tlv(4, b"\x07") + tlv(0x60, b"xyz")), dst=B))
# CCM and LBM in an 802.1Q tag (VLAN 20)
frames.append(eth(ccm(6, 101, maid(4, b"mdlevel5", 2, b"ma-blue")), vlan=20))
frames.append(eth(cfm(5, 0x03, 0, struct.pack("!I", 12), tlv(3, b"tagged")), dst=B, vlan=20))
# OpCodes 6 and 7 (which tshark 4.0 does not name: its TLVs are read from the flags byte on)
frames.append(eth(cfm(1, 0x06, 0, b"\0\0\0\1")))
frames.append(eth(cfm(1, 0x07, 0, b"\0\0\0\1")))
# EXM with 4 bytes of data before its TLVs (First TLV Offset 8), an unknown OUI
frames.append(eth(cfm(1, 0x31, 0, b"\x12\x34\x56\x01abcd", tlv(3, b"x"))))
# LBM whose First TLV Offset (8) is past its fixed part: the TLVs are read from the end of the fixed part
frames.append(eth(cfm(1, 0x03, 0, b"\0\0\0\1abcd", tlv(3, b"x"))))
# Organization-Specific TLV of an unknown OUI; Sender ID TLV without chassis ID, with a management address domain
# and a byte tshark does not read, which it then takes for the next TLV's type
frames.append(eth(cfm(1, 0x03, 0, b"\0\0\0\1", tlv(31, b"\x12\x34\x56\x07\x08") + b"\x01\x00\x05\x00\x02\x01\x2b\x06")))
# MCC without data; R-APS Event and No Request; APS with an unknown requested signal; GNM with an unknown
# Sub-OpCode; AIS with reserved bits and an invalid period; CSF with every flag set
frames.append(eth(cfm(1, 0x29, 0, b"\x12\x34\x56\x01")))
frames.append(eth(cfm(1, 0x28, 0, bytes([0xe0, 0x40]) + A + bytes(24))))
frames.append(eth(cfm(1, 0x28, 0, bytes([0x00, 0x20]) + A + bytes(24))))
frames.append(eth(cfm(1, 0x27, 0, bytes([0x50, 0x02, 0x00, 0x00]))))
frames.append(eth(cfm(1, 0x20, 0x04, bytes([2, 0, 0, 0, 0]))))
frames.append(eth(cfm(1, 0x21, 0x13, b"")))
frames.append(eth(cfm(1, 0x34, 0xFF, b"")))
# Test TLVs: null signal without CRC, PRBS without CRC, and one too short for its CRC
frames.append(eth(cfm(1, 0x25, 0, b"\0\0\0\1", tlv(32, b"\x00abcd") + tlv(32, b"\x02abcd") + tlv(32, b"\x03"))))
# version 1 CCM
frames.append(eth(cfm(5, 0x01, 0x04, struct.pack("!IH", 7, 101) + maid(4, b"md", 2, b"ma") + bytes(16), version=1)))
# cut short: two bytes of header; header and part of an LTM's fixed part; a TLV whose length runs past the frame
frames.append(eth(b"\xa0\x01", pad=False))
frames.append(eth(cfm(5, 0x05, 0, struct.pack("!IB", 9, 64) + A + B, end=False)[:12], pad=False))
frames.append(eth(cfm(5, 0x03, 0, struct.pack("!I", 13), tlv(3, b"data")[:3] + b"\x00\x40" + b"short", end=False), pad=False))
# one byte of header, none, and a CCM cut after its flags in an 802.1Q tag
frames.append(eth(b"\xa0", pad=False))
frames.append(eth(b"", pad=False))
frames.append(eth(b"\xa0\x01\x04\x46", vlan=5, pad=False))
# an LBM with no End TLV
frames.append(eth(cfm(5, 0x03, 0, struct.pack("!I", 14), tlv(3, b"noend"), end=False), pad=False))
write_pcap(sys.argv[1], 1, frames)
