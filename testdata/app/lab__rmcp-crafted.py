#!/usr/bin/env python3
"""Writes lab__rmcp-crafted.pcap: RMCP messages on UDP 623 (and RSP on 664) that ipmitool and ipmi_sim did not send in
lab__rmcp.sh: ASF messages of unknown type, another enterprise number, data lengths past and short of the datagram,
Open Session Request/Response with algorithm payloads (too short, past the end, unknown types), headers cut short;
RMCP ACKs, the OEM class, an unknown class and a 3-byte datagram (plain UDP); IPMI 1.5 wrappers with and without
authentication codes, an unknown authentication type, message lengths past the datagram, short of it (a trailer)
and zero; RMCP+ wrappers of every session-setup payload type, SOL, OEM Explicit (IANA and payload ID), an unknown
type, encrypted payloads, cut headers; RSP headers before RMCP, alone and cut. Hand-built, made-up bytes."""
import struct
from labpcap import write_pcap, ipv4

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
frames = []


def udp(payload, sp=40000, dp=623):
    u = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    frames.append(B + A + b"\x08\x00" + ipv4(C, S, 17, u))


def rmcp(cls, body, seq=0xFF, ver=6):
    """An RMCP header (version, reserved, sequence, type/class) before body."""
    return bytes([ver, 0, seq, cls]) + body


def asf(t, data=b"", tag=0, ln=None, iana=4542):
    """An ASF message: IANA number, type, tag, reserved, data length, data."""
    return struct.pack("!IBBBB", iana, t, tag, 0, len(data) if ln is None else ln) + data


def s15(msg, auth=0, sid=0, seq=0, ln=None, code=b"\0" * 16):
    """An IPMI v1.5 session wrapper: auth type, sequence, session ID, [auth code], length, message."""
    h = struct.pack("<BII", auth, seq, sid)
    if auth:
        h += code
    return h + bytes([len(msg) if ln is None else ln]) + msg


def s20(pt, msg, sid=0, seq=0, ln=None, oem=None):
    """An IPMI v2.0 (RMCP+) session wrapper: auth type 6, payload type, [OEM IANA and ID], session ID, sequence,
    length, payload."""
    h = bytes([6, pt])
    if (pt & 0x3F) == 2:
        h += oem or b"\0" * 6
    return h + struct.pack("<IIH", sid, seq, len(msg) if ln is None else ln) + msg


M = bytes.fromhex("2018c88104380e0431")  # Get Channel Authentication Capabilities to the BMC
udp(rmcp(6, asf(0x80)))
udp(rmcp(6, asf(0x40, b"\0"*16)))
udp(rmcp(6, asf(0x55)))
udp(rmcp(6, asf(0x80, iana=7154)))
udp(rmcp(6, asf(0x40, b"\0"*4, ln=16)))
udp(rmcp(6, asf(0x40, b"\0"*20, ln=16)))
udp(rmcp(6, b"\0\0\x11\xbe\x80"))
udp(rmcp(6, b""))
udp(rmcp(0x86, b""))
udp(rmcp(0x87, b"\x01\x02"))
udp(rmcp(8, b"\x01\x02\x03"))
udp(rmcp(9, b"\x01"))
udp(b"\x06\x00\xff")
udp(rmcp(7, s15(M)))
udp(rmcp(7, s15(M, auth=2, sid=0x1234, seq=5)))
udp(rmcp(7, s15(M, ln=20)))
udp(rmcp(7, s15(M, ln=4)))
udp(rmcp(7, s15(b"", ln=0)))
udp(rmcp(7, b"\x00\x00\x00"))
udp(rmcp(7, s20(0x00, M, sid=0xa0a2a3a4)))
udp(rmcp(7, s20(0x10, b"\0"*32)))
udp(rmcp(7, s20(0x11, b"\0"*36)))
udp(rmcp(7, s20(0x12, b"\0"*44)))
udp(rmcp(7, s20(0xc0, b"\0"*16)))
udp(rmcp(7, s20(0x02, M, oem=b"\x00\x00\x1b\xf2\x00\x01")))
udp(rmcp(7, s20(0x01, b"\x01\x02\x03\x04")))
udp(rmcp(7, s20(0x3f, b"\x01")))
udp(rmcp(7, s20(0x15, b"\0"*8, ln=30)))
udp(rmcp(7, bytes([6, 0, 1, 2])))
udp(rmcp(7, s15(M, auth=9)))
udp(rmcp(7, s15(M, auth=2)[:20]))
udp(rmcp(6, asf(0x83, struct.pack("!I", 7) + bytes([1,0,0,8,1,0,0,0]) + bytes([2,0,0,8,1,0,0,0]))))
udp(rmcp(6, asf(0x43, bytes([0,0,0,0]) + struct.pack("!II", 7, 9) + bytes([1,0,0,8,1,0,0,0]) + bytes([2,0,0,8,1,0,0,0]))))
udp(rmcp(6, asf(0x83, struct.pack("!I", 7) + bytes([1,0,0,2]))))
udp(rmcp(6, asf(0x83, struct.pack("!I", 7) + bytes([1,0,0,40]))))
udp(rmcp(6, asf(0x80), ver=5))
udp(rmcp(7, s15(M)), sp=623, dp=40000)
udp(bytes(8) + rmcp(6, asf(0x80)), dp=664)
udp(rmcp(7, s15(M)), sp=40001, dp=664)
udp(b"\x06\x00\xff\x06\x00\x00\x11\xbe\x80\x00\x00\x05\x01")
udp(rmcp(6, asf(0x83, struct.pack("!I", 7) + bytes([0, 0, 0, 4, 9, 0, 0, 6, 7, 8]))))
udp(rmcp(6, asf(0x43, bytes([1, 0, 0, 0]) + struct.pack("!I", 7))))
udp(rmcp(6, asf(0x43, bytes([1, 0, 0, 0]) + struct.pack("!II", 7, 9), ln=4)))
udp(rmcp(6, asf(0x83, b"\0\0", ln=4)))
udp(rmcp(7, s20(0x00, M, sid=0x102, ln=9) + b"\xff\xff"))
udp(bytes(5), dp=664)
udp(bytes(8), dp=664)
udp(bytes(10), dp=664)
udp(bytes(8) + rmcp(7, b"\x00"), dp=664)
udp(bytes.fromhex("0000000100000002") + rmcp(7, s15(M, sid=3)), dp=664)
write_pcap("lab__rmcp-crafted.pcap", 1, frames)
