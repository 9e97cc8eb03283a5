#!/usr/bin/env python3
# Writes lab__memcached-crafted.pcap: memcached messages the real server and clients of lab__memcached.sh did
# not send, laid out per memcached's protocol.txt and protocol_binary.h: over TCP, a text get reply with a CAS
# and two values, a value split over three segments, a storage command whose length word does not parse, a
# flush_all with delay and noreply, stats items/slabs lines, a delete with noreply; binary messages with an
# unknown opcode and magic, an unknown status, quiet sets, a flush with expiration and two messages and the start
# of a third in one segment; over UDP, binary messages (no frame header) including one cut in its header and one
# whose body runs past the datagram, and a text command without the frame header. tshark 4.0 on the output is
# the oracle for their columns and trees. Usage: python3 lab__memcached-crafted.py OUT.pcap
import struct, sys

from labpcap import csum, write_pcap

CLI, SRV = bytes([10, 32, 9, 1]), bytes([10, 32, 9, 2])
MAC = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"


def ip(proto, body, src, dst):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 1, 0, 64, proto, 0, src, dst)
    return MAC + h[:10] + struct.pack("!H", csum(h)) + h[12:] + body


def udp(payload, sport=40001, dport=11211, src=CLI, dst=SRV):
    return ip(17, struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload, src, dst)


class TCP:
    """One connection: client port cport to 11211, sequence numbers kept per side (checksums left zero)."""
    def __init__(self, cport):
        self.cport, self.seq = cport, [1000, 5000]

    def seg(self, side, data, flags=0x18):
        sport, dport = (self.cport, 11211) if side == 0 else (11211, self.cport)
        src, dst = (CLI, SRV) if side == 0 else (SRV, CLI)
        h = struct.pack("!HHIIBBHHH", sport, dport, self.seq[side], self.seq[1 - side], 5 << 4, flags, 65535, 0, 0)
        self.seq[side] += len(data) + (1 if flags & 0x03 else 0)
        return ip(6, h + data, src, dst)

    def handshake(self):
        self.seq = [999, 4999]
        return [self.seg(0, b"", 0x02), self.seg(1, b"", 0x12), self.seg(0, b"", 0x10)]


def binmsg(magic, op, key=b"", value=b"", extras=b"", status=0, opaque=0, cas=0, body=None):
    total = len(extras) + len(key) + len(value) if body is None else body
    return struct.pack("!BBHBBHIIQ", magic, op, len(key), len(extras), 0, status, total, opaque, cas) + extras + key + value


frames = []
t = TCP(40010)
frames += t.handshake()
frames += [
    t.seg(0, b"gets a b\r\n"),
    t.seg(1, b"VALUE a 1 3 77\r\nabc\r\nVALUE b 2 2 78\r\nxy\r\nEND\r\n"),
    t.seg(0, b"set long 0 0 30\r\n0123456789"),          # value over three segments
    t.seg(0, b"0123456789"),
    t.seg(0, b"0123456789\r\nget long\r\n"),
    t.seg(1, b"STORED\r\n"),
    t.seg(0, b"set bad 0 0 xyz\r\nabc\r\n"),             # length word does not parse: TCP's
    t.seg(0, b"flush_all 10 noreply\r\n"),
    t.seg(0, b"delete k noreply\r\n"),
    t.seg(0, b"stats items\r\n"),
    t.seg(1, b"STAT items:1:number 5\r\nSTAT items:1:age 12\r\nEND\r\n"),
    t.seg(0, b"stats slabs\r\n"),
    t.seg(1, b"STAT 1:chunk_size 96\r\nSTAT active_slabs 1\r\nEND\r\n"),
    t.seg(0, b"incr n 5 noreply\r\n"),
    t.seg(0, b"decr n 1\r\n"),
    t.seg(1, b"4\r\n"),
]
b = TCP(40011)
frames += b.handshake()
frames += [
    b.seg(0, binmsg(0x80, 0x11, b"q1", b"v1", struct.pack("!II", 1, 0)) + binmsg(0x80, 0x11, b"q2", b"v2", struct.pack("!II", 2, 0))
          + binmsg(0x80, 0x0a)[:10]),                 # two quiet sets and the start of a no-op
    b.seg(0, binmsg(0x80, 0x0a)[10:]),
    b.seg(1, binmsg(0x81, 0x0a, opaque=0)),
    b.seg(0, binmsg(0x80, 0x08, extras=struct.pack("!I", 30))),  # flush with expiration
    b.seg(1, binmsg(0x81, 0x08, status=0x86, value=b"odd")),     # unknown status with a body
    b.seg(1, binmsg(0x81, 0x08, status=0x04)),                   # error status, no body
    b.seg(0, binmsg(0x80, 0x30, b"k", b"v", b"\x01\x02")),       # unknown opcode with extras
    b.seg(0, binmsg(0x80, 0x0e, b"k", b"more")),                 # append
    b.seg(0, binmsg(0x80, 0x06, b"k", extras=struct.pack("!QQI", 1, 0, 0))),  # decrement
    b.seg(1, binmsg(0x81, 0x06, value=struct.pack("!Q", 41))),
]
frames += [
    udp(binmsg(0x80, 0x00, b"u")),                     # binary over UDP without a frame header
    udp(binmsg(0x81, 0x00, value=b"v", extras=b"\0\0\0\0"), sport=11211, dport=40001, src=SRV, dst=CLI),
    udp(binmsg(0x80, 0x00, b"u")[:20]),                # cut in its header
    udp(binmsg(0x80, 0x01, b"k", b"value", struct.pack("!II", 0, 0), body=40)),  # body past the datagram
    udp(b"get k\r\n"),                                  # text without the frame header
    udp(b"\x00\x05\x00\x00\x00\x01\x00\x00VALUE k 0 1\r\nx\r\nEND\r\n", sport=11211, dport=40001, src=SRV, dst=CLI),
]
write_pcap(sys.argv[1], 1, frames, step_us=1000)
