#!/usr/bin/env python3
# Writes lab__doip-crafted.pcap: DoIP (ISO 13400-2) messages laid out byte by byte from the standard, checked with
# tshark 4.0.17: no DoIP implementation was found in the Debian 12, npm or Go module lists searched here, so the
# traffic is made, not recorded. On UDP 13400: vehicle identification requests (plain, with EID, with VIN, version 0xff),
# vehicle announcements (with and without the sync status byte), entity status and power mode requests and
# responses, a generic header NACK. On TCP 13400 (one connection, handshake and close): routing activation request
# and response (with and without the OEM field, a denial), alive check request and response, diagnostic messages
# carrying UDS requests and answers (DiagnosticSessionControl, ReadDataByIdentifier, SecurityAccess, TesterPresent,
# a negative response, an unknown service), diagnostic message ACK and NACK (with the previous message), two DoIP
# messages in one segment and one split over two segments. Then odd messages: an unknown payload type, an inverse
# version that does not match, a length that lies, a header cut short, a diagnostic message with no user data.
# Usage: python3 lab__doip-crafted.py OUT.pcap
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, csum, ipv4, write_pcap

T, E, BC = bytes([10, 134, 0, 1]), bytes([10, 134, 0, 2]), bytes([255, 255, 255, 255])
MAC = {T: b"\x02\0\0\0\0\x01", E: b"\x02\0\0\0\0\x02", BC: b"\xff" * 6}
frames = []
ipid = [0]


def udp(src, dst, sport, dport, pay):
    u = struct.pack("!HHHH", sport, dport, 8 + len(pay), 0) + pay
    ph = src + dst + struct.pack("!BBH", 0, 17, len(u))
    ipid[0] += 1
    frames.append(MAC[dst] + MAC[src] + b"\x08\x00" + ipv4(src, dst, 17, u[:6] + struct.pack("!H", csum(ph + u) or 0xFFFF) + u[8:], ident=ipid[0]))


def doip(ptype, body=b"", ver=2, inv=None, length=None):
    inv = (~ver & 0xFF) if inv is None else inv
    return struct.pack("!BBHI", ver, inv, ptype, len(body) if length is None else length) + body


VIN = b"WVWZZZ1JZXW000001"
EID, GID = bytes.fromhex("0200000000aa"), bytes.fromhex("0200000000bb")


def announce(sync=True):
    return doip(4, VIN + struct.pack("!H", 0x1001) + EID + GID + b"\x00" + (b"\x00" if sync else b""))


# UDP: discovery and status
udp(T, BC, 50001, 13400, doip(1, ver=0xFF))
udp(E, T, 13400, 50001, announce())
udp(T, E, 50001, 13400, doip(2, EID))
udp(E, T, 13400, 50001, announce(sync=False))
udp(T, E, 50001, 13400, doip(3, VIN, ver=3))
udp(E, T, 13400, 50001, doip(4, VIN + struct.pack("!H", 0x1001) + EID + GID + b"\x10\x10", ver=3))
udp(T, E, 50001, 13400, doip(0x4001))
udp(E, T, 13400, 50001, doip(0x4002, bytes([0, 16, 1]) + struct.pack("!I", 4096)))
udp(E, T, 13400, 50001, doip(0x4002, bytes([1, 255, 255])))
udp(T, E, 50001, 13400, doip(0x4003))
udp(E, T, 13400, 50001, doip(0x4004, b"\x01"))
udp(T, E, 50001, 13400, doip(0x0009))
udp(E, T, 13400, 50001, doip(0, b"\x01"))
udp(E, T, 13400, 50001, doip(0, b"\x04"))

# TCP: a tester's session
conn = TCPConn(frames, MAC, T, E, 50002, 13400)
c2s = lambda pay: conn.send(T, pay)
s2c = lambda pay: conn.send(E, pay)
c2s(doip(5, struct.pack("!HB", 0x0E80, 0) + b"\0\0\0\0"))
s2c(doip(6, struct.pack("!HHB", 0x0E80, 0x1001, 0x10) + b"\0\0\0\0"))
c2s(doip(5, struct.pack("!HB", 0x0E80, 0xE0) + b"\0\0\0\0" + b"\x12\x34\x56\x78"))
s2c(doip(6, struct.pack("!HHB", 0x0E80, 0x1001, 0x06) + b"\0\0\0\0" + b"\0\0\0\0"))
s2c(doip(7))
c2s(doip(8, struct.pack("!H", 0x0E80)))


def diag(sa, ta, uds):
    return doip(0x8001, struct.pack("!HH", sa, ta) + uds)


c2s(diag(0x0E80, 0x1001, b"\x10\x03"))
s2c(doip(0x8002, struct.pack("!HHB", 0x1001, 0x0E80, 0) + b"\x10\x03"))
s2c(diag(0x1001, 0x0E80, b"\x50\x03\x00\x32\x01\xf4"))
c2s(diag(0x0E80, 0x1001, b"\x22\xf1\x90"))
s2c(diag(0x1001, 0x0E80, b"\x62\xf1\x90" + VIN))
c2s(diag(0x0E80, 0x1001, b"\x27\x01"))
s2c(diag(0x1001, 0x0E80, b"\x67\x01\x11\x22\x33\x44"))
c2s(diag(0x0E80, 0x1001, b"\x3e\x00"))
s2c(diag(0x1001, 0x0E80, b"\x7e\x00"))
c2s(diag(0x0E80, 0x1001, b"\x31\x01\xff\x00"))
s2c(diag(0x1001, 0x0E80, b"\x7f\x31\x33"))
c2s(diag(0x0E80, 0x1001, b"\xba\x01"))
c2s(diag(0x0E80, 0x1001, b"\x27\x05"))
s2c(diag(0x1001, 0x0E80, b"\x67\x05"))
c2s(diag(0x0E80, 0x1001, b"\x27\x06\xaa\xbb"))
c2s(diag(0x0E80, 0x1001, b"\x85\x02"))
c2s(diag(0x0E80, 0x1001, b"\x28\x03\x01"))
c2s(diag(0x0E80, 0x1001, b"\x34\x00\x44\x00\x01\x00\x00\x00\x00\x10\x00"))
s2c(diag(0x1001, 0x0E80, b"\x74\x20\x0f\xfa"))
c2s(diag(0x0E80, 0x1001, b"\x36\x01\xde\xad"))
c2s(diag(0x0E80, 0x1001, b"\x2f\xf1\x23\x03\x01"))
s2c(diag(0x1001, 0x0E80, b"\x71\x01\xff\x00\x00\x12"))
c2s(diag(0x0E80, 0x1001, b"\x31\x03\xff\x00\x01\x02"))
c2s(diag(0x0E80, 0x1001, b"\x22\xf1\x90\xf1\x8c"))
c2s(diag(0x0E80, 0x1001, b"\x22\xf1"))
c2s(diag(0x0E80, 0x1001, b"\x10"))
s2c(diag(0x1001, 0x0E80, b"\x50\x01"))
s2c(diag(0x1001, 0x0E80, b"\x7f\x10\x78"))
s2c(diag(0x1001, 0x0E80, b"\x7f\x10\x99"))
c2s(diag(0x0E80, 0x1001, b"\x11\x09"))
c2s(diag(0x0E80, 0x1001, b"\x3e\x80"))
c2s(diag(0x0E80, 0x2002, b"\x19\x02\xff"))
s2c(doip(0x8003, struct.pack("!HHB", 0x2002, 0x0E80, 3) + b"\x19\x02\xff"))
s2c(doip(0x8003, struct.pack("!HHB", 0x1001, 0x0E80, 0x42)))
# two messages in one segment, one message split over two
c2s(diag(0x0E80, 0x1001, b"\x3e\x80") + diag(0x0E80, 0x1001, b"\x11\x01"))
m = diag(0x0E80, 0x1001, b"\x2e\xf1\x90" + VIN)
c2s(m[:5])
c2s(m[5:])
s2c(diag(0x1001, 0x0E80, b"\x6e\xf1\x90"))
# odd messages
c2s(doip(0x1234, b"\xaa\xbb"))
c2s(doip(0x8001, b"\x0e\x80\x10\x01", inv=0x00))
c2s(diag(0x0E80, 0x1001, b""))
# close: FIN from each side, then the last ACK
conn.segment(T, conn.seq[T], conn.seq[E], 0x11, b"")
conn.seq[T] += 1
conn.segment(E, conn.seq[E], conn.seq[T], 0x11, b"")
conn.seq[E] += 1
conn.segment(T, conn.seq[T], conn.seq[E], 0x10, b"")
# UDP odd ones
udp(T, E, 50001, 13400, b"\x02\xfd\x00")
udp(T, E, 50001, 13400, doip(4, VIN[:5]))
udp(T, E, 50001, 13400, doip(1, length=9))
udp(T, E, 50001, 13400, doip(0x4002, b"\x00"))
udp(T, E, 50001, 13400, doip(3, VIN, ver=0xFF))
udp(T, E, 50001, 13400, doip(1, ver=4))
udp(T, E, 50001, 13400, doip(1, ver=0))
udp(T, E, 50001, 13400, doip(5, struct.pack("!HH", 0x0E80, 1) + b"\0\0\0\0", ver=1))
udp(T, E, 50001, 13400, doip(1, ver=2, inv=0x00))
udp(T, E, 50001, 13400, doip(0x8001, b"\x0e\x80"))

write_pcap(sys.argv[1], 1, frames)
