#!/usr/bin/env python3
# Writes lab__wireguard-crafted.pcap: hand-built WireGuard messages in UDP datagrams, one case each, for what the
# real tunnel of lab__wireguard.pcap does not show: a Cookie Reply, reserved bytes that are not zero (which tshark's
# heuristic allows in handshake messages only, until an Initiation has claimed the conversation), lengths and types
# that are not WireGuard's, datagrams the capture cut short, and WireGuard over IPv6. Byte values are made up.
# tshark 4.0 on the output is the oracle. Usage: python3 lab__wireguard-crafted.py lab__wireguard-crafted.pcap
import struct, sys


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(">%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff or 0xffff


def udp4(payload, sport, dport):
    # the peer on the higher (WireGuard) port is 10.43.0.2
    src, dst = b"\x0a\x2b\0\x01", b"\x0a\x2b\0\x02"
    if sport > dport:
        src, dst = dst, src
    u = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    u = u[:6] + struct.pack(">H", csum(src + dst + struct.pack(">BBH", 0, 17, len(u)) + u)) + u[8:]
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", csum(ip)) + ip[12:]
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip + u


def udp6(payload, sport, dport):
    src, dst = bytes.fromhex("fd00000000000000000000000000000a"), bytes.fromhex("fd00000000000000000000000000000b")
    if sport > dport:
        src, dst = dst, src
    u = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    u = u[:6] + struct.pack(">H", csum(src + dst + struct.pack(">IxxxB", len(u), 17) + u)) + u[8:]
    ip = struct.pack(">IHBB16s16s", 0x60000000, len(u), 17, 64, src, dst)
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x86\xdd" + ip + u


def fill(n, seed):
    return bytes((seed + 7 * i) & 0xff for i in range(n))


def initiation(sender, reserved=b"\0\0\0"):
    return b"\x01" + reserved + struct.pack("<I", sender) + fill(140, 1)


def response(sender, receiver, reserved=b"\0\0\0"):
    return b"\x02" + reserved + struct.pack("<II", sender, receiver) + fill(64, 2) + b"\0" * 16


def cookie(receiver, reserved=b"\0\0\0"):
    return b"\x03" + reserved + struct.pack("<I", receiver) + fill(56, 3)


def data(receiver, counter, n, reserved=b"\0\0\0"):
    return b"\x04" + reserved + struct.pack("<IQ", receiver, counter) + fill(n + 16, 4)


frames = []
# a Cookie Reply answering an Initiation, as a responder under load sends it
frames.append(udp4(initiation(0x11223344), 40001, 51821))
frames.append(udp4(cookie(0x11223344), 51821, 40001))
# transport data whose reserved bytes are not zero, in a conversation no Initiation claimed: plain UDP to tshark
frames.append(udp4(data(0xa1a2a3a4, 5, 32, b"\0\x01\0"), 40002, 51822))
frames.append(udp4(cookie(0xa1a2a3a4, b"\x01\0\0"), 51822, 40002))
# reserved bytes used for load balancing (Cloudflare): handshake messages are still taken, and after the
# Initiation the conversation is WireGuard's, so its data and cookie messages are too
frames.append(udp4(initiation(0x01020304, b"\x00\x12\x34"), 40003, 51823))
frames.append(udp4(response(0x05060708, 0x01020304, b"\x00\x56\x78"), 51823, 40003))
frames.append(udp4(data(0x05060708, 0, 0, b"\x00\x12\x34"), 40003, 51823))
frames.append(udp4(data(0x01020304, 0, 48, b"\x00\x56\x78"), 51823, 40003))
frames.append(udp4(cookie(0x01020304, b"\x00\x56\x78"), 51823, 40003))
# a second Initiation in the conversation, from the other peer
frames.append(udp4(initiation(0x0f0e0d0c, b"\x00\x56\x78"), 51823, 40003))
frames.append(udp4(data(0x01020304, 1, 48, b"\x00\x56\x78"), 51823, 40003))
frames.append(udp4(data(0x05060708, 1, 0, b"\x00\x12\x34"), 40003, 51823))
# lengths and types that are not WireGuard's
frames.append(udp4(initiation(0x0a0b0c0d)[:147], 40004, 51824))
frames.append(udp4(initiation(0x0a0b0c0d) + b"\0", 40004, 51824))
frames.append(udp4(response(1, 2)[:91], 40004, 51824))
frames.append(udp4(cookie(3) + b"\0", 40004, 51824))
frames.append(udp4(data(4, 1, 0)[:31], 40004, 51824))
frames.append(udp4(b"\x05\0\0\0" + fill(60, 5), 40004, 51824))
frames.append(udp4(b"\x00\0\0\0" + fill(60, 6), 40004, 51824))
# a datagram of exactly 32 bytes is a Keepalive; a large counter
frames.append(udp4(data(0xdeadbeef, 0xfffffffffffffffe, 0), 40005, 51825))
frames.append(udp4(data(0xdeadbeef, 1 << 40, 1), 40005, 51825))
# over IPv6
frames.append(udp6(initiation(0x31323334), 40006, 51826))
frames.append(udp6(data(0x41424344, 9, 16), 51826, 40006))
# datagrams the capture cut short (captured bytes of the UDP payload): the Info tells how far tshark read
cut = [(udp4(initiation(0x51525354), 40007, 51827), 18), (udp4(response(0x61626364, 0x51525354), 51827, 40007), 10),
       (udp4(cookie(0x51525354), 51827, 40007), 40), (udp4(data(0x61626364, 2, 64), 40007, 51827), 40),
       (udp4(data(0x61626364, 3, 64), 40007, 51827), 20), (udp4(data(0x61626364, 4, 0), 40007, 51827), 12)]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, (fr, n) in enumerate([(fr, len(fr)) for fr in frames] + [(fr, 42 + n) for fr, n in cut]):
        f.write(struct.pack("<IIII", 1000 + i, 0, n, len(fr)) + fr[:n])
