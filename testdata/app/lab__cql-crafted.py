#!/usr/bin/env python3
"""Writes lab__cql-crafted.pcap: Cassandra CQL native protocol frames (TCP 9042) laid out per Cassandra's
native_protocol_v3.spec/v4.spec: Debian 12 packages no Cassandra. Two connections: v4 (OPTIONS/SUPPORTED, STARTUP/READY,
AUTHENTICATE, AUTH_RESPONSE/AUTH_SUCCESS, REGISTER, QUERY with every parameter flag, RESULT void/set keyspace/prepared/
schema change, rows with per-column and global table specs, without metadata, with a paging state, of every value
type tshark reads (collections, UDTs, tuples, nulls, negative sizes), PREPARE/EXECUTE with values, BATCH of plain
and prepared queries, EVENT, ERROR, an unknown opcode, a compressed frame, two frames in one segment and one frame
split over three) and v3 (QUERY/RESULT); then a v5 frame (TCP to tshark). Bodies whose lengths run past the frame
end in [Malformed Packet] as tshark reads them. Hand-built, made-up bytes."""
import struct
from labpcap import write_pcap, TCPConn

A, B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
frames = []


def frame(ver, resp, op, body, stream=0, flags=0, ln=None):
    """A CQL frame: version (with the response bit), flags, stream, opcode, body length, body."""
    return struct.pack("!BBhBI", ver | (0x80 if resp else 0), flags, stream, op, len(body) if ln is None else ln) + body


def sstr(s):
    return struct.pack("!H", len(s)) + s


def lstr(s):
    return struct.pack("!I", len(s)) + s


def smap(d):
    return struct.pack("!H", len(d)) + b"".join(sstr(k) + sstr(v) for k, v in d.items())


def val(b):
    return struct.pack("!i", len(b)) + b


NULL = struct.pack("!i", -1)


def params(cons=1, flags=0, rest=b""):
    return struct.pack("!HB", cons, flags) + rest


def rows(specs, values, nrows=1, flags=0, ks=b"ks", table=b"t", paging=None):
    """A Rows result: flags, column count, [global spec], [paging state], column specs, row count, rows."""
    b = struct.pack("!iii", 2, flags, len(specs))
    if flags & 1:
        b += sstr(ks) + sstr(table)
    if flags & 2:
        b += val(paging)
    if not flags & 4:
        for name, opt in specs:
            if not flags & 1:
                b += sstr(ks) + sstr(table)
            b += sstr(name) + opt
    return b + struct.pack("!i", nrows) + values


def t(n):
    return struct.pack("!H", n)


conn = TCPConn(frames, {C: A, S: B}, C, S, 40000, 9042)
cs = lambda ok=True: None
conn.send(C, frame(4, 0, 5, b""))
conn.send(S, frame(4, 1, 6, struct.pack("!H", 1) + sstr(b"CQL_VERSION") + struct.pack("!H", 1) + sstr(b"3.4.5")))
conn.send(C, frame(4, 0, 1, smap({b"CQL_VERSION": b"3.0.0", b"COMPRESSION": b"lz4"})))
conn.send(S, frame(4, 1, 3, sstr(b"org.apache.cassandra.auth.PasswordAuthenticator")))
conn.send(C, frame(4, 0, 0x0F, lstr(b"\0cassandra\0cassandra")))
conn.send(S, frame(4, 1, 0x10, lstr(b"")))
conn.send(C, frame(4, 0, 0x0B, struct.pack("!H", 2) + sstr(b"SCHEMA_CHANGE") + sstr(b"STATUS_CHANGE"), stream=1))
conn.send(S, frame(4, 1, 2, b"", stream=1))
conn.send(C, frame(4, 0, 7, lstr(b"USE ks") + params(), stream=2))
conn.send(S, frame(4, 1, 8, struct.pack("!i", 3) + sstr(b"ks"), stream=2))
conn.send(C, frame(4, 0, 7, lstr(b"INSERT INTO t (a, b) VALUES (?, ?)") + params(6, 0x7F, struct.pack("!H", 2) + sstr(b"a") + val(b"\0\0\0\1") + sstr(b"b") + NULL + struct.pack("!i", 100) + val(b"\x01\x02") + struct.pack("!H", 9) + struct.pack("!q", 1700000000000000)), stream=3))
conn.send(S, frame(4, 1, 8, struct.pack("!i", 1), stream=3))
conn.send(C, frame(4, 0, 9, lstr(b"SELECT a FROM t WHERE k = ?"), stream=4))
conn.send(S, frame(4, 1, 8, struct.pack("!i", 4) + sstr(b"\xde\xad\xbe\xef"), stream=4))
conn.send(C, frame(4, 0, 0x0A, sstr(b"\xde\xad\xbe\xef") + params(1, 0x05, struct.pack("!H", 1) + val(b"\0\0\0\7") + struct.pack("!i", 50)), stream=5))
# rows of every type tshark reads values of
simple = [(b"c_ascii", t(1), val(b"hi")), (b"c_bigint", t(2), val(struct.pack("!q", -5))), (b"c_blob", t(3), val(b"\x00\xff")),
          (b"c_bool", t(4), val(b"\x01")), (b"c_counter", t(5), val(struct.pack("!q", 3))), (b"c_decimal", t(6), val(struct.pack("!i", 2) + b"\x04\xd2")),
          (b"c_double", t(7), val(struct.pack("!d", 1.5))), (b"c_float", t(8), val(struct.pack("!f", 2.5))), (b"c_int", t(9), val(struct.pack("!i", 42))),
          (b"c_ts", t(0x0B), val(struct.pack("!q", 1700000000000))), (b"c_uuid", t(0x0C), val(bytes(range(16)))), (b"c_text", t(0x0D), val(b"text")),
          (b"c_varint", t(0x0E), val(b"\x01\x00")), (b"c_timeuuid", t(0x0F), val(bytes(range(16, 32)))), (b"c_inet", t(0x10), val(bytes([10, 0, 0, 9]))),
          (b"c_inet6", t(0x10), val(bytes(16) + struct.pack("!i", 9042))), (b"c_date", t(0x11), val(b"\x80\0\0\0")), (b"c_small", t(0x13), val(b"\0\1")),
          (b"c_null", t(9), NULL), (b"c_custom", t(0) + sstr(b"x.Y"), val(b"cu"))]
conn.send(C, frame(4, 0, 7, lstr(b"SELECT * FROM all_types") + params(), stream=6))
conn.send(S, frame(4, 1, 8, rows([(n, o) for n, o, _ in simple], b"".join(v for _, _, v in simple)), stream=6))
coll = [(b"l", t(0x20) + t(9), struct.pack("!i", 16) + struct.pack("!i", 2) + val(struct.pack("!i", 1)) + val(struct.pack("!i", 2))),
        (b"m", t(0x21) + t(0x0D) + t(9), val(struct.pack("!i", 1) + val(b"k") + val(struct.pack("!i", 7)))),
        (b"s", t(0x22) + t(0x0D), val(struct.pack("!i", 0))),
        (b"u", t(0x30) + sstr(b"ks") + sstr(b"addr") + t(2) + sstr(b"street") + t(0x0D) + sstr(b"no") + t(9), val(val(b"Main") + val(struct.pack("!i", 3)))),
        (b"tp", t(0x31) + t(2) + t(9) + t(0x0D), val(val(struct.pack("!i", 4)) + val(b"x"))),
        (b"mn", t(0x21) + t(0x0D) + t(9), NULL)]
conn.send(S, frame(4, 1, 8, rows([(n, o) for n, o, _ in coll], b"".join(v for _, _, v in coll), nrows=1), stream=7))
conn.send(S, frame(4, 1, 8, rows([(b"a", t(9)), (b"b", t(0x0D))], (val(struct.pack("!i", 1)) + val(b"x")) * 2 + val(struct.pack("!i", 3)) + NULL, nrows=3), stream=8))
conn.send(S, frame(4, 1, 8, rows([(b"a", t(9))], val(struct.pack("!i", 1)), flags=1), stream=9))
conn.send(S, frame(4, 1, 8, rows([(b"a", t(9))], val(struct.pack("!i", 1)), flags=5), stream=10))
conn.send(S, frame(4, 1, 8, rows([(b"a", t(9))], val(struct.pack("!i", 1)), flags=2, paging=b"\x00\x01"), stream=11))
conn.send(S, frame(4, 1, 8, rows([(b"a", t(9))], b"", nrows=0), stream=12))
conn.send(S, frame(4, 1, 8, struct.pack("!iii", 2, 0, -1), stream=13))
conn.send(S, frame(4, 1, 8, rows([(b"l", t(0x20) + t(9))], struct.pack("!i", 4) + struct.pack("!i", -3)), stream=14))
conn.send(S, frame(4, 1, 8, rows([(b"a", t(9))], b"", nrows=-1), stream=15))
conn.send(S, frame(4, 1, 8, struct.pack("!i", 5) + sstr(b"CREATED") + sstr(b"TABLE") + sstr(b"ks"), stream=16))
conn.send(S, frame(4, 1, 8, struct.pack("!i", 9), stream=17))
conn.send(C, frame(4, 0, 0x0D, struct.pack("!BH", 1, 2) + b"\x00" + lstr(b"INSERT INTO t (a) VALUES (1)") + struct.pack("!H", 0) + b"\x01" + sstr(b"\xde\xad\xbe\xef") + struct.pack("!H", 2) + val(b"\0\0\0\1") + NULL + struct.pack("!HB", 4, 0), stream=18))
conn.send(S, frame(4, 1, 0x0C, sstr(b"SCHEMA_CHANGE") + sstr(b"CREATED") + sstr(b"TABLE") + sstr(b"ks") + sstr(b"t"), stream=-1))
conn.send(S, frame(4, 1, 0, struct.pack("!i", 0x2200) + sstr(b"line 1:0 no viable alternative"), stream=19))
conn.send(C, frame(4, 0, 0x33, b"xx", stream=20))
conn.send(S, frame(4, 1, 8, b"\x00\x00\x00\x10" + b"\x01\x02\x03", stream=21, flags=1))
conn.send(C, frame(4, 0, 7, lstr(b"SELECT 1") + params(), stream=22) + frame(4, 0, 5, b"", stream=23))
big = frame(4, 0, 7, lstr(b"SELECT * FROM t WHERE k IN (" + b", ".join(b"%d" % i for i in range(40)) + b")") + params(), stream=24)
conn.send(C, big[:5]); conn.send(C, big[5:60]); conn.send(C, big[60:])
conn.send(S, frame(4, 1, 8, struct.pack("!i", 1), stream=24) + frame(4, 1, 8, struct.pack("!i", 1), stream=23) + frame(4, 1, 8, struct.pack("!i", 3) + sstr(b"k"), stream=22))
# bodies cut short of what they claim
conn.send(C, frame(4, 0, 7, lstr(b"SELECT") + b"\x00", stream=25))
conn.send(C, frame(4, 0, 7, struct.pack("!I", 100) + b"SELECT", stream=26))
conn.send(C, frame(4, 0, 1, struct.pack("!H", 2) + sstr(b"A") + sstr(b"B"), stream=27))
conn.send(C, frame(4, 0, 0x0A, sstr(b"\x01") + params(1, 0x01, struct.pack("!H", 1) + struct.pack("!i", 9) + b"ab"), stream=28))
conn.send(C, frame(4, 0, 0x0D, struct.pack("!BH", 0, 1) + b"\x00" + lstr(b"X") + struct.pack("!H", 0), stream=29))
conn.send(S, frame(4, 1, 0, struct.pack("!i", 0x1000) + struct.pack("!H", 50) + b"short", stream=30))
conn.send(S, frame(4, 1, 8, rows([(b"a", t(9))], val(b"\0\0")), stream=31))
conn.send(S, frame(4, 1, 8, rows([(b"a", t(0x0C))], val(bytes(8))), stream=32))
conn.send(S, frame(4, 1, 8, b"\x00\x00", stream=33))
conn.send(C, frame(4, 0, 0x0B, struct.pack("!H", 3) + sstr(b"X"), stream=34))
# collections, UDTs and tuples before another column: tshark 4.0 skips no element types for a null or empty map or
# set, so the column after reads them as its type
I = (b"i", t(9), val(struct.pack("!i", 5)))
for i, cols in enumerate([
        [(b"s", t(0x22) + t(0x0D), val(struct.pack("!i", 0))), I],
        [(b"m", t(0x21) + t(0x0D) + t(9), NULL), I],
        [(b"l", t(0x20) + t(9), NULL), I],
        [(b"u", t(0x30) + sstr(b"ks") + sstr(b"addr") + t(2) + sstr(b"street") + t(0x0D) + sstr(b"no") + t(9), val(val(b"Main") + val(struct.pack("!i", 3)))), I],
        [(b"tp", t(0x31) + t(2) + t(9) + t(0x0D), val(val(struct.pack("!i", 4)) + val(b"x"))), I],
        [(b"m", t(0x21) + t(0x0D) + t(9), val(struct.pack("!i", 1) + val(b"k") + val(struct.pack("!i", 7)))), I],
        [(b"s", t(0x22) + t(0x0D), val(struct.pack("!i", 1) + val(b"a"))), I]]):
    conn.send(S, frame(4, 1, 8, rows([(n, o) for n, o, _ in cols], b"".join(v for _, _, v in cols)), stream=40 + i))
# a v3 connection, then a v5 frame (not CQL to tshark)
v3 = TCPConn(frames, {C: A, S: B}, C, S, 40001, 9042)
v3.send(C, frame(3, 0, 7, lstr(b"SELECT now() FROM system.local") + params(), stream=1))
v3.send(S, frame(3, 1, 8, rows([(b"now()", t(0x0F))], val(bytes(16))), stream=1))
v3.send(C, frame(3, 0, 5, b"", stream=2, flags=2))
v5 = TCPConn(frames, {C: A, S: B}, C, S, 40002, 9042)
v5.send(C, frame(5, 0, 5, b""))
write_pcap("lab__cql-crafted.pcap", 1, frames)
