#!/usr/bin/env python3
# Writes lab__mongodb-crafted.pcap: MongoDB wire protocol messages laid out per MongoDB's wire protocol
# specification and the BSON specification (bsonspec.org), crafted here because Debian 12 packages no MongoDB
# server: TCP connections to port 27017 with the legacy handshake (OP_QUERY of isMaster on admin.$cmd and its
# OP_REPLY), OP_MSG commands and replies with a body section (hello, find, a cursor reply with BSON of every common
# type), an OP_MSG with a document sequence section (insert), one with the checksum flag, OP_COMPRESSED,
# the legacy OP_INSERT, OP_UPDATE, OP_DELETE, OP_GET_MORE and OP_KILL_CURSORS, a message split over two segments,
# two messages in one segment and an unknown opcode. tshark 4.0 on the output is the oracle for their columns
# and trees. Usage: python3 lab__mongodb-crafted.py OUT.pcap
import struct, sys

from labpcap import csum, write_pcap

CLI, SRV = bytes([10, 33, 9, 1]), bytes([10, 33, 9, 2])
MAC = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"


def ip(proto, body, src, dst):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 1, 0, 64, proto, 0, src, dst)
    return MAC + h[:10] + struct.pack("!H", csum(h)) + h[12:] + body


class TCP:
    def __init__(self, cport):
        self.cport, self.seq = cport, [999, 4999]

    def seg(self, side, data, flags=0x18):
        sport, dport = (self.cport, 27017) if side == 0 else (27017, self.cport)
        src, dst = (CLI, SRV) if side == 0 else (SRV, CLI)
        h = struct.pack("!HHIIBBHHH", sport, dport, self.seq[side], self.seq[1 - side], 5 << 4, flags, 65535, 0, 0)
        self.seq[side] += len(data) + (1 if flags & 0x03 else 0)
        return ip(6, h + data, src, dst)

    def handshake(self):
        return [self.seg(0, b"", 0x02), self.seg(1, b"", 0x12), self.seg(0, b"", 0x10)]


def cstr(s):
    return s.encode() + b"\0"


def doc(items):
    """items: (type byte, name, encoded value) triples."""
    body = b"".join(bytes([t]) + cstr(n) + v for t, n, v in items)
    return struct.pack("<i", len(body) + 5) + body + b"\0"


def s(v):
    e = v.encode()
    return struct.pack("<i", len(e) + 1) + e + b"\0"


i32 = lambda v: struct.pack("<i", v)
i64 = lambda v: struct.pack("<q", v)
f64 = lambda v: struct.pack("<d", v)


def arr(values):
    return doc([(t, str(i), v) for i, (t, v) in enumerate(values)])


def msg(req, resp, op, body):
    return struct.pack("<iiii", 16 + len(body), req, resp, op) + body


def op_msg(req, resp, flags, sections, checksum=None):
    b = struct.pack("<I", flags) + b"".join(sections)
    if checksum is not None:
        b += struct.pack("<I", checksum)
    return msg(req, resp, 2013, b)


def body(d):
    return b"\0" + d


def seq(ident, docs):
    payload = cstr(ident) + b"".join(docs)
    return b"\1" + struct.pack("<i", 4 + len(payload)) + payload


every = doc([
    (0x01, "double", f64(1.5)),
    (0x02, "string", s("text")),
    (0x03, "embedded", doc([(0x10, "x", i32(1))])),
    (0x04, "array", arr([(0x10, i32(7)), (0x02, s("b"))])),
    (0x05, "binary", struct.pack("<iB", 3, 0) + b"\x01\x02\x03"),
    (0x07, "oid", bytes.fromhex("5f1d3c2b1a0908070605040f")),
    (0x08, "bool", b"\x01"),
    (0x09, "date", i64(1600000000000)),
    (0x0A, "null", b""),
    (0x0B, "regex", cstr("^a.*") + cstr("i")),
    (0x0D, "js", s("function(){}")),
    (0x10, "int32", i32(-42)),
    (0x11, "timestamp", struct.pack("<II", 1, 1600000000)),
    (0x12, "int64", i64(1 << 40)),
    (0x13, "decimal", bytes(16)),
    (0xFF, "min", b""),
    (0x7F, "max", b""),
])

frames = []
t = TCP(40020)
frames += t.handshake()
frames += [
    t.seg(0, msg(1, 0, 2004, struct.pack("<I", 0) + cstr("admin.$cmd") + struct.pack("<ii", 0, -1)
                 + doc([(0x10, "isMaster", i32(1)), (0x03, "client", doc([(0x02, "driver", s("crafted"))]))]))),
    t.seg(1, msg(2, 1, 1, struct.pack("<Iqii", 8, 0, 0, 1)
                 + doc([(0x08, "ismaster", b"\x01"), (0x10, "maxWireVersion", i32(17)), (0x01, "ok", f64(1.0))]))),
    t.seg(0, op_msg(3, 0, 0, [body(doc([(0x10, "hello", i32(1)), (0x02, "$db", s("admin"))]))])),
    t.seg(1, op_msg(4, 3, 0, [body(doc([(0x08, "isWritablePrimary", b"\x01"), (0x01, "ok", f64(1.0))]))])),
    t.seg(0, op_msg(5, 0, 0, [body(doc([(0x02, "insert", s("things")), (0x02, "$db", s("test"))])),
                              seq("documents", [doc([(0x10, "_id", i32(1))]), doc([(0x10, "_id", i32(2))])])])),
    t.seg(1, op_msg(6, 5, 0, [body(doc([(0x10, "n", i32(2)), (0x01, "ok", f64(1.0))]))])),
    t.seg(0, op_msg(7, 0, 1, [body(doc([(0x02, "find", s("things")), (0x03, "filter", doc([])), (0x02, "$db", s("test"))]))],
                    checksum=0x12345678)),
    t.seg(1, op_msg(8, 7, 0, [body(doc([(0x03, "cursor", doc([(0x04, "firstBatch", arr([(0x03, every)])),
                                                              (0x12, "id", i64(0)), (0x02, "ns", s("test.things"))])),
                                        (0x01, "ok", f64(1.0))]))])),
]
big = op_msg(9, 0, 2, [body(doc([(0x02, "ping", s("x" * 300)), (0x02, "$db", s("admin"))]))])
frames += [t.seg(0, big[:100]), t.seg(0, big[100:])]
frames += [
    t.seg(0, op_msg(10, 0, 0, [body(doc([(0x10, "ping", i32(1)), (0x02, "$db", s("admin"))]))])
          + op_msg(11, 0, 0, [body(doc([(0x10, "buildInfo", i32(1)), (0x02, "$db", s("admin"))]))])),
    t.seg(0, msg(12, 0, 2012, struct.pack("<iiB", 2013, 20, 1) + b"\x00" * 10)),      # OP_COMPRESSED (snappy)
    t.seg(0, msg(13, 0, 2002, struct.pack("<I", 0) + cstr("test.things") + doc([(0x10, "a", i32(1))]))),  # OP_INSERT
    t.seg(0, msg(14, 0, 2001, struct.pack("<i", 0) + cstr("test.things") + struct.pack("<I", 2)
                 + doc([(0x10, "a", i32(1))]) + doc([(0x03, "$set", doc([(0x10, "a", i32(2))]))]))),  # OP_UPDATE
    t.seg(0, msg(15, 0, 2006, struct.pack("<i", 0) + cstr("test.things") + struct.pack("<I", 0)
                 + doc([(0x10, "a", i32(2))]))),                                      # OP_DELETE
    t.seg(0, msg(16, 0, 2005, struct.pack("<i", 0) + cstr("test.things") + struct.pack("<iq", 10, 77))),  # OP_GET_MORE
    t.seg(0, msg(17, 0, 2007, struct.pack("<iiqq", 0, 2, 77, 78))),                 # OP_KILL_CURSORS
    t.seg(0, msg(18, 0, 9999, b"\x00\x01\x02\x03")),                              # unknown opcode
]
write_pcap(sys.argv[1], 1, frames, step_us=1000)
