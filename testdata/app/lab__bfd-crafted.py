#!/usr/bin/env python3
# Writes lab__bfd-crafted.pcap: BFD packets FRRouting's bfdd does not send (see lab__frr.sh for the real ones), laid
# out per RFC 5880 §4 and draft-katz-ward-bfd-01: a version 0 control packet, version 1 control packets with a simple
# password, keyed MD5 and meticulous keyed SHA1 authentication section, an authentication section of the wrong
# length, an unknown diagnostic, a multihop (UDP 4784) control packet, a control packet cut short, one whose
# length runs past it and one whose password section does. tshark 4.0 on
# the output is the oracle for their columns and trees. Usage: python3 lab__bfd-crafted.py lab__bfd-crafted.pcap
import struct, sys

from labpcap import csum


def udp(payload, dport=3784, sport=49152):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(u), 1, 0, 255, 17, 0, bytes([10, 9, 1, 1]), bytes([10, 9, 1, 2]))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip + u

def control(b0, flags, length, rest=b"", mult=3, mine=0x11223344, yours=0x55667788, tx=1000000, rx=1000000, echo=50000):
    return struct.pack("!BBBBIIIII", b0, flags, mult, length, mine, yours, tx, rx, echo) + rest

frames = [
    udp(control(0x03, 0xA0, 24)),                                  # version 0: diag 3, I-hear-you and Poll
    udp(control(0x20, 0xC4, 24 + 10, struct.pack("!BBB", 1, 10, 7) + b"secret\0")),  # simple password
    udp(control(0x20, 0xC4, 48, struct.pack("!BBBBI", 2, 24, 1, 0, 0x1234) + bytes(range(16)))),  # keyed MD5
    udp(control(0x20, 0xD4, 52, struct.pack("!BBBBI", 5, 28, 2, 0, 0xFFFFFFFE) + bytes(range(20)))),  # met. SHA1, Final
    udp(control(0x20, 0xC4, 48, struct.pack("!BBBBI", 4, 24, 1, 0, 7) + bytes(range(16)))),  # SHA1 of MD5's length
    udp(control(0x2C, 0x3F, 24)),                                  # unknown diagnostic 12, AdminDown, every flag
    udp(control(0x21, 0x40, 24, tx=300000), dport=4784),            # multihop, diag 1
    udp(control(0x20, 0xC0, 24)[:10]),                             # cut short
    udp(control(0x20, 0xC0, 28)),                                  # length past the packet
    udp(control(0x20, 0xC4, 34, struct.pack("!BBB", 1, 20, 7) + b"secret\0")),  # password section past the packet
]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1000 + i, 0, len(fr), len(fr)) + fr)
