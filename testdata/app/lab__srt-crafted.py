#!/usr/bin/env python3
# Writes lab__srt-crafted.pcap: UDT/SRT datagrams srt-live-transmit did not send in lab__srt.pcap (see lab__srt.sh),
# for tshark 4.0's "udp udt" heuristic and packet-udt.c's columns. In one conversation opened by a version-4 DGRAM
# handshake (initial sequence number 1000): NAKs with single and range entries, with more than the eight entries the
# summary shows, with a range cut by the end of the packet; a control type packet-udt.c does not name; a light ACK
# (20 bytes) and a 32-byte ACK; a data packet with no payload; a 2-byte datagram, a keepalive and a data packet cut
# inside the 16-byte header. In a conversation whose handshake has initial sequence number 0 (sequence numbers then
# shown as they are): a data packet. Then near misses the heuristic must leave to UDP, each the first datagram of
# its own conversation: socket type 3, an ACK where the handshake's first word belongs, 23 bytes, a data packet.
# Last a 24-byte handshake (the least the heuristic takes; the tree then runs past its end). No version-5
# handshake: tshark's "udp srt" heuristic takes it, and from then on (Wireshark moves the heuristic that last
# succeeded to the front of its list) SRT takes the version-4 DGRAM handshakes UDT took before; ladder has no SRT
# dissector. Ports 41001-41015 and 9710 are no ports tshark 4.0 gives a dissector. tshark 4.0 on the output is the
# oracle. Usage: python3 lab__srt-crafted.py OUT.pcap
import struct, sys

from labpcap import csum, write_pcap

CLI, SRV = bytes([10, 48, 9, 1]), bytes([10, 48, 9, 2])


def udp(payload, sport=41001, dport=9710, src=CLI, dst=SRV):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip + u


def rsp(payload, cport=41001):
    return udp(payload, sport=9710, dport=cport, src=SRV, dst=CLI)


def ctl(typ, info=0, body=b"", ts=500, sid=0x1234):
    return struct.pack("!IIII", 0x80000000 | typ << 16, info, ts, sid) + body


def hs(version=4, stype=2, isn=1000, reqtype=1, cookie=0):
    return ctl(0, body=struct.pack("!IIIIIiII", version, stype, isn, 1500, 8192, reqtype, 0x4242, cookie) + bytes([10, 48, 9, 1]) + bytes(12))


def data(seq, msg, payload=b"", ts=700, sid=0x5678):
    return struct.pack("!IIII", seq, msg, ts, sid) + payload


def nak(*words):
    return ctl(3, body=b"".join(struct.pack("!I", w) for w in words))


R = 0x80000000
frames = [
    # 1-2 handshake and its answer
    udp(hs()),
    rsp(hs(reqtype=-1, cookie=0x2c10c3bb, isn=1000)),
    # 3 NAK of 1003 and 1005-1007, 4 ten entries (the summary stops at eight), 5 a range cut at its end
    rsp(nak(1003, R | 1005, 1007)),
    rsp(nak(*range(1001, 1011))),
    rsp(nak(1002, R | 1004)),
    # 6 control type 7 (unnamed), 7 light ACK, 8 ACK with RTT fields only, 9 data without payload, 10 two bytes
    udp(ctl(7, info=3)),
    rsp(ctl(2, info=9, body=struct.pack("!I", 1004))),
    rsp(ctl(2, info=10, body=struct.pack("!IIII", 1005, 100000, 50000, 8000))),
    udp(data(1004, 0xC0000005)),
    udp(b"\x80\x00"),
    # 11 a keepalive and 12 a data packet cut inside the header
    udp(ctl(1)[:10]),
    udp(data(1005, 0xC0000006)[:12]),
    # 13-14 a conversation with initial sequence number 0
    udp(hs(isn=0, stype=1), sport=41002),
    udp(data(7, 0xE0000002, b"abc"), sport=41002),
    # 15-18 near misses: socket type 3, an ACK first, 23 bytes, a data packet first
    udp(hs(stype=3), sport=41011),
    udp(ctl(2, body=struct.pack("!IIIIII", 4, 2, 1, 2, 3, 4)), sport=41012),
    udp(hs()[:23], sport=41013),
    udp(data(5, 0xC0000001, b"hello"), sport=41014),
    # 19 the shortest handshake the heuristic takes
    udp(hs()[:24], sport=41015),
]
write_pcap(sys.argv[1], 1, frames, step_us=1000)
