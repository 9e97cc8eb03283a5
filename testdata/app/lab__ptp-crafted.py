#!/usr/bin/env python3
# Writes lab__ptp-crafted.pcap: PTP messages linuxptp's ptp4l and pmc did not send in lab__ptp.pcap (see lab__ptp.sh),
# laid out per IEEE 1588-2008 (version 2), IEEE 1588-2002 (version 1) and IEEE 802.1AS: every version 2 message type
# (and unknown ones) on Ethernet, inside an 802.1Q tag and on UDP/IPv4 and IPv6; 802.1AS messages (transportSpecific
# 1) with and without their TLVs; management TLVs with known and unknown IDs, actions and error IDs, and bodies cut
# short; signalling TLVs (unicast negotiation, White Rabbit, ITU-T interface rate, unknown); Announce TLVs (path trace,
# organization extension, unknown, one cut short); messageLength values too small, too large and shorter than the
# frame; version 1 messages of each control field and management key; datagrams of neither version; messages cut
# inside their header and their body. Bytes are made up. tshark 4.0 on the output is the oracle for the columns.
# Usage: python3 lab__ptp-crafted.py lab__ptp-crafted.pcap
import struct, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import write_pcap, ipv4

MAC_A = bytes.fromhex("020000000001")
PTP_MC = bytes.fromhex("011b19000000")
AS_MC = bytes.fromhex("0180c200000e")
CLOCK = bytes.fromhex("020000fffe000001")
CLOCK_B = bytes.fromhex("020000fffe000002")


def eth(p, dst=PTP_MC, vlan=None):
    if vlan is not None:
        return dst + MAC_A + struct.pack("!HH", 0x8100, vlan) + b"\x88\xf7" + p
    return dst + MAC_A + b"\x88\xf7" + p


def udp4(p, port=319):
    u = struct.pack("!HHHH", port, port, 8 + len(p), 0) + p
    return bytes.fromhex("01005e000181") + MAC_A + b"\x08\x00" + ipv4(b"\x0a\x58\x00\x01", b"\xe0\x00\x01\x81", 17, u)


def udp6(p, port=320):
    src = bytes.fromhex("fd880000000000000000000000000001")
    dst = bytes.fromhex("ff0e0000000000000000000000000181")
    u = struct.pack("!HHHH", port, port, 8 + len(p), 0) + p
    s = src + dst + struct.pack("!IxxxB", len(u), 17) + u
    if len(s) % 2:
        s += b"\0"
    c = sum(struct.unpack("!%dH" % (len(s) // 2), s))
    while c >> 16:
        c = (c >> 16) + (c & 0xFFFF)
    u = u[:6] + struct.pack("!H", ~c & 0xFFFF or 0xFFFF) + u[8:]
    return bytes.fromhex("333300000181") + MAC_A + b"\x86\xdd" + struct.pack("!IHBB", 0x60000000, len(u), 17, 1) + src + dst + u


def hdr(mt, body_len, ts=0, flags=0, seq=7, ctl=5, lmi=-1, msglen=None, domain=0, clock=CLOCK):
    n = 34 + body_len if msglen is None else msglen
    return struct.pack("!BBHBBH8s4s8sHHBb", (ts << 4) | mt, 2, n, domain, 0, flags,
                       struct.pack("!Q", 0x1234 << 16), bytes(4), clock, 1, seq, ctl, lmi)


def msg(mt, body, **kw):
    return hdr(mt, len(body), **kw) + body


TS = struct.pack("!HIi", 0, 1700000000, 123456789)   # a 10-byte timestamp
PORTID = CLOCK_B + b"\x00\x01"


def announce(tlvs=b"", ts=0, **kw):
    body = TS + struct.pack("!hxBBBHB8sHB", 37, 128, 248, 0xfe, 0xffff, 128, CLOCK, 0, 0xa0) + tlvs
    return msg(11, body, ts=ts, **kw)


def tlv(t, v):
    return struct.pack("!HH", t, len(v)) + v


def signalling(tlvs, ts=0, **kw):
    return msg(12, PORTID + tlvs, ts=ts, **kw)


def mgmt(mid, action=0, data=b"", tlvtype=1, tlvlen=None, **kw):
    v = struct.pack("!H", mid) + data
    n = len(v) if tlvlen is None else tlvlen
    body = PORTID + bytes([1, 1, action, 0]) + struct.pack("!HH", tlvtype, n) + v
    return msg(13, body, ctl=4, **kw)


def v1(ctl, length, key=0):
    b = bytearray(length)
    b[0:4] = b"\x00\x01\x00\x01"
    b[4:20] = b"_DFLT".ljust(16, b"\0")[:16]
    if length > 32:
        b[20] = 1
        b[22:28] = CLOCK[:6]
        b[30:32] = b"\x00\x07"
        b[32] = ctl
    if length > 55:
        b[55] = key
    return bytes(b)


WR = bytes.fromhex("080030") + bytes.fromhex("dead01")
frames = []
E = frames.append
# every version 2 message type on Ethernet, well formed
E(eth(msg(0, TS, flags=0x0200, ctl=0)))
E(eth(msg(1, TS, ctl=1)))
E(eth(msg(2, TS + bytes(10))))
E(eth(msg(3, TS + PORTID, flags=0x0200)))
E(eth(msg(8, TS, ctl=2)))
E(eth(msg(9, TS + PORTID, ctl=3)))
E(eth(msg(10, TS + PORTID)))
E(eth(announce()))
E(eth(signalling(tlv(6, b"\xb0\x00"))))
E(eth(mgmt(0x2001, data=bytes(18))))
for t in (4, 5, 6, 7, 14, 15):
    E(eth(msg(t, bytes(10))))
# inside 802.1Q
E(eth(msg(0, TS, flags=0x0200, ctl=0), vlan=5))
E(eth(announce(), vlan=0x2005))
# 802.1AS: transportSpecific 1 on Ethernet
fu_tlv = tlv(3, bytes.fromhex("0080c2000001") + bytes(22))
E(eth(msg(0, bytes(10), ts=1, flags=0x0208, ctl=0, lmi=-3), dst=AS_MC))
E(eth(msg(8, TS + fu_tlv, ts=1, flags=0x0008, ctl=2, lmi=-3), dst=AS_MC))
E(eth(msg(8, TS, ts=1, ctl=2), dst=AS_MC))                       # no Follow_Up information TLV
E(eth(msg(2, bytes(20), ts=1, lmi=0), dst=AS_MC))
E(eth(msg(2, b"", ts=1, lmi=0), dst=AS_MC))                      # header alone
E(eth(msg(0, TS + fu_tlv, ts=1, ctl=0), dst=AS_MC))              # one-step Sync with its TLV
E(eth(msg(11, struct.pack("!10xhxBBBHB8sHB", 0, 246, 248, 0x21, 0x436a, 248, CLOCK, 0, 0xa0) + tlv(8, CLOCK), ts=1), dst=AS_MC))
E(eth(signalling(tlv(3, bytes.fromhex("0080c2000002") + bytes([0x7f, 0xfe, 0x7e, 0x03, 0, 0])), ts=1), dst=AS_MC))
E(eth(signalling(tlv(3, bytes.fromhex("0080c2"))[:4 + 3], ts=1, msglen=48), dst=AS_MC))  # interval TLV cut
E(eth(signalling(b"", ts=1), dst=AS_MC))                           # signalling with no TLV
# messages cut inside the header or body
for n in (0, 5, 7, 8, 20, 33, 34, 43):
    E(eth(msg(0, TS, ctl=0)[:n]))
E(eth(msg(9, TS + PORTID, ctl=3)[:50]))
E(eth(announce()[:60]))
E(eth(mgmt(0x2000, data=bytes(20))[:49]))
E(eth(mgmt(0x2000, data=bytes(20))[:53]))
E(eth(mgmt(0x2000, data=bytes(20))[:60]))
# messageLength too small, too large, shorter than the fixed fields, shorter than the frame
E(eth(msg(0, TS, ctl=0, msglen=0)))
E(eth(msg(0, TS, ctl=0, msglen=3)))
E(eth(msg(0, TS, ctl=0, msglen=400)))
E(eth(msg(0, TS, ctl=0, msglen=40)))
E(eth(msg(0, TS + b"trailing bytes", ctl=0, msglen=44)))
E(eth(msg(9, TS + PORTID, ctl=3, msglen=50)))
# management: IDs, actions, errors, other TLV types, short bodies
for mid, act, data in ((0x0000, 0, b""), (0x0001, 2, bytes(30)), (0x0002, 2, b"\x05ptp4l"), (0x2005, 1, b"\x64\x00"),
                       (0x2008, 3, b"\x00\x00"), (0x200d, 3, b""), (0x2015, 2, CLOCK + CLOCK_B),
                       (0x4002, 4, b"\x00\x00"), (0x6000, 2, b"\x01\x00"), (0xc000, 0, b""), (0x2001, 7, bytes(18)),
                       (0x2001, 0x15, bytes(18))):
    E(udp4(mgmt(mid, act, data), 320))
E(udp4(mgmt(0x0001, 2, bytes(4)), 320))                             # clock description cut short
E(udp4(mgmt(0x2004, 2, bytes(26), tlvlen=40), 320))                 # lengthField past the message
for err in (0x0002, 0x0006, 0xfffe, 0x0100):
    E(udp4(mgmt(0x2000, 2, struct.pack("!HH", err, 0x2000) + bytes(4), tlvtype=2)[:-2] if False else
           msg(13, PORTID + bytes([1, 1, 2, 0]) + tlv(2, struct.pack("!HH", err, 0x2000) + bytes(4)), ctl=4), 320))
E(udp4(msg(13, PORTID + bytes([1, 1, 0, 0]) + tlv(0x2000, b"\x20\x00"), ctl=4), 320))  # another TLV type
# signalling: unicast negotiation, White Rabbit, other organizations, unknown TLVs, cut TLVs
E(udp4(signalling(tlv(4, bytes([0xb0, 0xff]) + struct.pack("!I", 60))), 320))
E(udp4(signalling(tlv(5, bytes([0x00, 0xfe]) + struct.pack("!I", 60) + b"\x00\x01")), 320))
E(udp4(signalling(tlv(4, bytes([0xb0, 0x01]) + struct.pack("!I", 60)) + tlv(4, bytes([0x00, 0x01]) + struct.pack("!I", 60))), 320))
E(udp4(signalling(tlv(7, b"\x90\x00")), 320))
E(udp4(signalling(tlv(3, WR + b"\x10\x00")), 320))
E(udp4(signalling(tlv(3, WR + b"\x10\x03" + b"\x01\x03" + struct.pack("!I", 3000))), 320))
E(udp4(signalling(tlv(3, WR + b"\x10\x04" + bytes(16))), 320))
E(udp4(signalling(tlv(3, WR + b"\x10\x04")), 320))                    # CALIBRATED without its deltas
E(udp4(signalling(tlv(3, WR + b"\x10\x09")), 320))                    # unknown WR message
E(udp4(signalling(tlv(3, WR + b"\x10\x01") + tlv(3, WR + b"\x10\x02")), 320))
E(udp4(signalling(tlv(3, bytes.fromhex("0019a7000002") + struct.pack("!QHH", 0x10000, 64, 32))), 320))
E(udp4(signalling(tlv(3, bytes.fromhex("0019a7000009") + b"\x01\x02")), 320))
E(udp4(signalling(tlv(3, bytes.fromhex("00000c000001") + b"\x01\x02")), 320))
E(udp4(signalling(tlv(0x2001, b"\x01\x02\x03")), 320))
E(udp4(signalling(tlv(0x2001, b"\x01\x02\x03"), msglen=60), 320))      # messageLength past the datagram
E(udp4(signalling(struct.pack("!HH", 5, 10) + b"\x00\x01"), 320))      # a grant cut short
E(udp4(signalling(b"\x00\x04\x00"), 320))                              # a TLV header cut short
E(udp4(signalling(tlv(3, WR)[:8]), 320))                               # WR TLV cut in its organization
# Announce TLVs
E(udp4(announce(tlv(8, CLOCK + CLOCK_B)), 320))
E(udp4(announce(tlv(3, bytes.fromhex("1c129d000001") + bytes(12))), 320))
E(udp4(announce(tlv(0x2004, b"\xaa\xbb")), 320))
E(udp4(announce(tlv(0x2004, b"\xaa\xbb"))[:-1], 320))                   # TLV cut short
E(udp4(announce(b"\x00\x08\x00"), 320))                                 # 3 bytes after the fields
# TLVs whose subtree or text runs past the message
E(eth(msg(8, TS + struct.pack("!HH", 3, 40) + fu_tlv[4:], ts=1, ctl=2), dst=AS_MC))            # Follow_Up TLV's length too long
E(eth(signalling(struct.pack("!HH", 3, 30) + bytes.fromhex("0080c2000002") + bytes(6), ts=1), dst=AS_MC))  # interval TLV's length too long
E(udp4(msg(13, PORTID + bytes([1, 1, 2, 0]) + tlv(2, struct.pack("!HH", 6, 0x2000) + bytes(4) + b"\x05hello"), ctl=4), 320))
E(udp4(msg(13, PORTID + bytes([1, 1, 2, 0]) + tlv(2, struct.pack("!HH", 6, 0x2000) + bytes(4) + b"\x09hello"), ctl=4), 320))  # text cut
E(udp4(msg(13, PORTID + bytes([1, 1, 0, 0]) + tlv(3, bytes.fromhex("0019a7")), ctl=4), 320))      # organization TLV in management
E(udp4(msg(13, PORTID + bytes([1, 1, 0, 0]) + struct.pack("!HH", 3, 6) + b"\x00\x19", ctl=4), 320))  # ... cut in its ID
E(udp4(mgmt(0x0001, 2, struct.pack("!H", 0x8000) + b"\x06IEEE802" + struct.pack("!H", 6) + MAC_A + struct.pack("!HH", 1, 4)
            + b"\x0a\x58\x00\x01" + bytes(4) + b"\x03a;b\x011\x00" + bytes(6)), 320))                 # a whole clock description
E(udp4(announce(tlv(3, bytes.fromhex("1c129d000001") + struct.pack("!HIIH", 3, 50, 100, 0))), 320))   # C37.238 power profile
E(udp4(announce(tlv(3, bytes.fromhex("1c129d000001") + b"\x00\x03")), 320))                        # ... cut short
E(udp4(announce(tlv(0x2004, b"\xaa\xbb") + tlv(8, CLOCK)[:10]), 320))                              # path trace second, cut
# version 2 on UDP: event and general ports, IPv6, transportSpecific 1 (not 802.1AS on UDP)
E(udp4(msg(0, TS, flags=0x0200, ctl=0), 319))
E(udp4(msg(1, TS, ctl=1), 319))
E(udp6(msg(2, TS + bytes(10)), 319))
E(udp6(msg(10, TS + PORTID), 320))
E(udp4(msg(8, TS, ts=1, ctl=2), 320))
E(udp4(msg(2, TS, ts=1), 319))
# version 1 (IEEE 1588-2002)
E(udp4(v1(0, 124), 319))
E(udp4(v1(1, 124), 319))
E(udp4(v1(2, 52), 320))
E(udp4(v1(3, 60), 320))
for key in (0, 2, 7, 8, 27, 28, 200):
    E(udp4(v1(4, 64, key), 320))
E(udp4(v1(5, 40), 320))
for key, need in ((2, 124), (3, 64), (4, 76), (8, 136), (9, 96), (11, 80), (13, 148), (15, 112), (17, 84), (18, 76),
                  (20, 64), (21, 88), (22, 64), (27, 68)):
    E(udp4(v1(4, need, key), 320))       # each key's parameters whole, then one byte short
    E(udp4(v1(4, need - 1, key), 320))
for ctl, need in ((0, 124), (2, 52), (3, 60), (4, 60), (5, 36)):
    E(udp4(v1(ctl, need - 1), 320))
E(udp4(v1(0, 100), 319))                 # Sync cut short
E(udp4(v1(4, 50), 320))                  # management cut before its key
E(udp4(v1(2, 30), 320))                  # cut before the control field
# neither version, and datagrams too short to tell
E(udp4(b"\x00\x03" + bytes(42), 319))
E(udp4(b"\x05", 319))
E(udp4(b"\x00\x02\x00", 320))
E(udp4(b"", 319))
write_pcap(sys.argv[1], 1, frames)
