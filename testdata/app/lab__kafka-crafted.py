#!/usr/bin/env python3
"""Writes lab__kafka-crafted.pcap: Kafka protocol messages (kafka.apache.org/protocol.html; request header v1, response
header v0, the API layouts of Kafka 2.4) that franz-go and kfake did not send in lab__kafka.pcap (see lab__kafka.sh),
laid out byte by byte: ApiVersions v0, Metadata v1 with a topic error, two Heartbeats in one segment and their
responses in one segment, a Produce with acks 0 (its response finds no request) and a Produce split over two
segments whose record set holds a v2 batch, an unknown API key, an unsupported version, a JoinGroup cut inside its
member ID (its response finds no request), two requests with one correlation ID (the first wins), a ControlledShutdown
v0 (no client ID), an unknown error code, LeaveGroup v1, SyncGroup v0, OffsetCommit v2 and OffsetFetch v1 with
errors, a Fetch v4 response with an old-format message and a cut batch, a response to no request, and a segment
holding a whole request and the start of the next. tshark 4.0.17 on the output is the oracle.
Usage: python3 lab__kafka-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, write_pcap

C, S = bytes([10, 77, 9, 1]), bytes([10, 77, 9, 2])
MACS = {C: b"\x02\0\0\0\0\x01", S: b"\x02\0\0\0\0\x02"}
frames = []
PORT = 9092


def Conn(cport):
    return TCPConn(frames, MACS, C, S, cport, PORT)


def s16(s):
    if s is None:
        return struct.pack("!h", -1)
    s = s.encode()
    return struct.pack("!h", len(s)) + s


def b32(b):
    return struct.pack("!i", len(b)) + b


def arr(items):
    return struct.pack("!i", len(items)) + b"".join(items)


def req(key, ver, corr, body, client="crafted"):
    p = struct.pack("!hhi", key, ver, corr) + (s16(client) if client is not False else b"") + body
    return struct.pack("!I", len(p)) + p


def resp(corr, body):
    return struct.pack("!Ii", len(body) + 4, corr) + body


def batch(records):
    """A record batch (magic 2) of records (key, value) with no headers."""
    recs = b""
    for i, (k, v) in enumerate(records):
        r = b"\x00" + bytes([0, i * 2]) + bytes([len(k) * 2]) + k + bytes([len(v) * 2]) + v + b"\x00"
        recs += bytes([len(r) * 2]) + r
    after_crc = struct.pack("!hiqqqhii", 0, len(records) - 1, 1700000000000, 1700000000000, -1, -1, -1, len(records)) + recs
    body = struct.pack("!iBI", 0, 2, 0) + after_crc  # leader epoch, magic, crc (not checked)
    return struct.pack("!qi", 0, len(body)) + body


a = Conn(40001)
a.send(C, req(18, 0, 1, b""))
a.send(S, resp(1, struct.pack("!h", 0) + arr([struct.pack("!hhh", k, 0, m) for k, m in [(0, 8), (1, 11), (3, 9), (18, 3)]])))
a.send(C, req(3, 1, 2, struct.pack("!i", -1)))
meta = (arr([struct.pack("!i", 1) + s16("broker-1") + struct.pack("!i", 9092) + s16(None)]) + struct.pack("!i", 1) +
        arr([struct.pack("!h", 3) + s16("gone") + b"\x00" + arr([]),
             struct.pack("!h", 0) + s16("lab") + b"\x00" +
             arr([struct.pack("!hii", 5, 0, 1) + arr([struct.pack("!i", 1)]) + arr([struct.pack("!i", 1)])])]))
a.send(S, resp(2, meta))
# two Heartbeats in one segment, their responses in one segment (the second an error)
a.send(C, req(12, 0, 3, s16("g1") + struct.pack("!i", 4) + s16("m-1")) + req(12, 0, 4, s16("g1") + struct.pack("!i", 4) + s16("m-2")))
a.send(S, resp(3, struct.pack("!h", 0)) + resp(4, struct.pack("!h", 27)))
# Produce v2 with acks 0: no response is expected, so the one sent finds no request
rec = batch([(b"k", b"v1")])
a.send(C, req(0, 2, 5, struct.pack("!hi", 0, 1000) + arr([s16("lab") + arr([struct.pack("!i", 0) + b32(rec)])])))
a.send(S, resp(5, arr([]) + struct.pack("!i", 0)))
# Produce v2 with acks 1 split over two segments, then its response with an error
p = req(0, 2, 6, struct.pack("!hi", 1, 1000) + arr([s16("lab") + arr([struct.pack("!i", 0) + b32(batch([(b"k", b"two"), (b"k", b"three")]))])]))
a.send(C, p[:40])
a.send(C, p[40:])
a.send(S, resp(6, arr([s16("lab") + arr([struct.pack("!ihqq", 0, 6, -1, -1)])]) + struct.pack("!i", 0)))
# an unknown API key and an unsupported version (Heartbeat v9 laid out as v4)
a.send(C, req(99, 0, 7, b"\x01\x02"))
a.send(S, resp(7, b"\x00\x00"))
a.send(C, req(12, 9, 8, b"\x03g1" + struct.pack("!i", 4) + b"\x04m-1\x00\x00", client="crafted") )
a.send(S, resp(8, b"\x00" + struct.pack("!ih", 0, 0) + b"\x00"))
# a JoinGroup v1 cut inside its member ID: malformed, so its response finds no request
a.send(C, req(11, 1, 9, s16("g1") + struct.pack("!ii", 30000, 60000) + struct.pack("!h", 20) + b"m-"))
a.send(S, resp(9, struct.pack("!hi", 0, 1) + s16("range") + s16("m-1") + s16("m-1") + arr([])))
# two requests with one correlation ID: the response is named after the first
a.send(C, req(10, 0, 10, s16("g1")))
a.send(C, req(2, 1, 10, struct.pack("!i", -1) + arr([s16("lab") + arr([struct.pack("!iq", 0, -1)])])))
a.send(S, resp(10, struct.pack("!h", 15) + struct.pack("!i", -1) + s16("") + struct.pack("!i", -1)))
# ControlledShutdown v0 has no client ID
a.send(C, req(7, 0, 11, struct.pack("!i", 3), client=False))
a.send(S, resp(11, struct.pack("!h", 200) + arr([])))
# group APIs of older versions, with errors in the responses
a.send(C, req(13, 1, 12, s16("g1") + s16("m-1")))
a.send(S, resp(12, struct.pack("!ih", 0, 25)))
a.send(C, req(14, 0, 13, s16("g1") + struct.pack("!i", 4) + s16("m-1") + arr([s16("m-1") + b32(b"\x00\x01")])))
a.send(S, resp(13, struct.pack("!h", 22) + b32(b"")))
a.send(C, req(8, 2, 14, s16("g1") + struct.pack("!i", 4) + s16("m-1") + struct.pack("!q", -1) +
              arr([s16("lab") + arr([struct.pack("!iq", 0, 3) + s16("meta")])])))
a.send(S, resp(14, arr([s16("lab") + arr([struct.pack("!ih", 0, 12)])])))
a.send(C, req(9, 1, 15, s16("g1") + arr([s16("lab") + arr([struct.pack("!i", 0)])])))
a.send(S, resp(15, arr([s16("lab") + arr([struct.pack("!iq", 0, -1) + s16(None) + struct.pack("!h", 3)])])))
# Fetch v4: an old-format message (magic 1) and a batch cut by the set's size
a.send(C, req(1, 4, 16, struct.pack("!iiiiB", -1, 500, 1, 1048576, 0) + arr([s16("lab") + arr([struct.pack("!iqi", 0, 0, 1048576)])])))
old = struct.pack("!IBBq", 0, 1, 0, 1700000000000) + s16(None)[0:0] + struct.pack("!i", -1) + b32(b"old")
msg = struct.pack("!qi", 0, len(old)) + old
cut = batch([(b"k", b"cut")])[:30]
a.send(S, resp(16, struct.pack("!i", 0) + arr([s16("lab") + arr([struct.pack("!ihqq", 0, 1, 2, 2) + arr([]) + b32(msg + cut)])])))
# a response to no request
a.send(S, resp(77, struct.pack("!h", 0)))
# a whole request and the start of the next in one segment, the rest in the next segment
f1 = req(12, 0, 17, s16("g1") + struct.pack("!i", 4) + s16("m-1"))
f2 = req(12, 0, 18, s16("g1") + struct.pack("!i", 4) + s16("m-1"))
a.send(C, f1 + f2[:9])
a.send(C, f2[9:])
a.send(S, resp(17, struct.pack("!h", 0)))
a.send(S, resp(18, struct.pack("!h", 0)))

# a second connection: flexible versions (compact strings and arrays, tagged fields, one of them set), Produce v3
# with a transactional ID and v8's record errors, JoinGroup v5's members, and PDUs too short for their header
b = Conn(40002)


def uv(n):
    out = b""
    while True:
        if n < 0x80:
            return out + bytes([n])
        out += bytes([n & 0x7F | 0x80])
        n >>= 7


def cs(s):
    return b"\x00" if s is None else uv(len(s.encode()) + 1) + s.encode()


def carr(items):
    return uv(len(items) + 1) + b"".join(items)


def freq(key, ver, corr, body):
    p = struct.pack("!hhi", key, ver, corr) + s16("flex") + b"\x00" + body
    return struct.pack("!I", len(p)) + p


def fresp(corr, body, tags=b"\x00"):
    return struct.pack("!Ii", len(body) + 4 + len(tags), corr) + tags + body


b.send(C, freq(18, 3, 1, cs("crafted-go") + cs("1.0") + b"\x01\x00\x02hi"))
b.send(S, struct.pack("!Ii", 4 + 2 + 1 + 7 + 4 + 1, 1) + struct.pack("!h", 0) + carr([struct.pack("!hhh", 3, 0, 9) + b"\x00"]) +
       struct.pack("!i", 0) + b"\x00")
b.send(C, freq(3, 9, 2, carr([cs("lab") + b"\x00"]) + b"\x01\x00\x00\x00"))
b.send(S, fresp(2, struct.pack("!i", 0) + carr([struct.pack("!i", 1) + cs("broker-1") + struct.pack("!i", 9092) + cs(None) + b"\x00"]) +
                cs("cluster") + struct.pack("!i", 1) +
                carr([struct.pack("!h", 0) + cs("lab") + b"\x00" +
                      carr([struct.pack("!hiii", 0, 0, 1, 0) + carr([struct.pack("!i", 1)]) + carr([struct.pack("!i", 1)]) + carr([]) + b"\x00"]) +
                      struct.pack("!i", -2147483648) + b"\x00"]) + struct.pack("!i", -2147483648) + b"\x00", tags=b"\x01\x05\x01\x07"))
b.send(C, req(0, 3, 3, s16("txn-1") + struct.pack("!hi", -1, 1000) + arr([s16("lab") + arr([struct.pack("!i", 0) + b32(batch([(b"k", b"t")]))])])))
b.send(S, resp(3, arr([s16("lab") + arr([struct.pack("!ihqq", 0, 0, 4, -1)])]) + struct.pack("!i", 0)))
b.send(C, req(0, 8, 4, s16(None) + struct.pack("!hi", 1, 1000) + arr([s16("lab") + arr([struct.pack("!i", 0) + b32(batch([(b"k", b"bad")]))])])))
b.send(S, resp(4, arr([s16("lab") + arr([struct.pack("!ihqqq", 0, 87, -1, -1, 0) + arr([struct.pack("!i", 0) + s16("bad record")]) +
                                          s16("batch rejected")])]) + struct.pack("!i", 0)))
b.send(C, req(11, 5, 5, s16("g2") + struct.pack("!ii", 30000, 60000) + s16("m-9") + s16("static-1") + s16("consumer") +
              arr([s16("range") + b32(b"\x00\x01")])))
b.send(S, resp(5, struct.pack("!ihi", 0, 0, 7) + s16("range") + s16("m-9") + s16("m-9") +
               arr([s16("m-9") + s16("static-1") + b32(b"\x00\x01"), s16("m-10") + s16(None) + b32(b"")])))
b.send(C, struct.pack("!IH", 2, 18))
b.send(S, struct.pack("!IH", 2, 0))
b.send(C, struct.pack("!I", 0))

write_pcap(sys.argv[1], 1, frames)
