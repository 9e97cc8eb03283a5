#!/usr/bin/env python3
"""Writes lab__amqp-crafted.pcap: AMQP 0-9-1 frames (AMQP 0-9-1 specification §4.2, RabbitMQ's amqp0-9-1.xml)
that RabbitMQ and pika did not send in lab__amqp.pcap (see lab__amqp.sh), laid out byte by byte: Connection.Secure
and Secure-Ok, Blocked/Unblocked, Update-Secret, a Connection.Close with an error code, Channel.Flow, Access.Request,
Exchange.Bind/Unbind, Basic.Return, Basic.Recover/Recover-Async, Tx.Rollback, a content header with every property
and a field table of every value type, bodies of other content types, an unknown class, method and frame type, a
frame whose end octet is not 0xCE, a method cut short inside its frame, a frame split over two segments, and a
second connection whose first server segment holds two frames. tshark 4.0.17 on the output is the oracle.
Usage: python3 lab__amqp-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, write_pcap

C, S = bytes([10, 77, 6, 1]), bytes([10, 77, 6, 2])
MC, MS = b"\x02\0\0\0\0\x01", b"\x02\0\0\0\0\x02"
mac = {C: MC, S: MS}
frames = []


def Conn(cport, sport=5672):
    return TCPConn(frames, mac, C, S, cport, sport)


def ss(s):
    s = s.encode() if isinstance(s, str) else s
    return bytes([len(s)]) + s


def ls(s):
    s = s.encode() if isinstance(s, str) else s
    return struct.pack("!I", len(s)) + s


def table(entries):
    body = b"".join(ss(k) + v for k, v in entries)
    return struct.pack("!I", len(body)) + body


def frame(typ, ch, payload, end=0xCE):
    return struct.pack("!BHI", typ, ch, len(payload)) + payload + bytes([end])


def method(ch, cls, mth, args=b""):
    return frame(1, ch, struct.pack("!HH", cls, mth) + args)


def header(ch, size, flags, props, cls=60):
    return frame(2, ch, struct.pack("!HHQH", cls, 0, size, flags) + props)


def body(ch, data):
    return frame(3, ch, data)


a = Conn(40001)
a.send(C, b"AMQP\x00\x00\x09\x01")
a.send(S, method(0, 10, 10, b"\x00\x09" + table([("product", b"S" + ls("crafted"))]) + ls("PLAIN AMQPLAIN") + ls("en_US")))
a.send(C, method(0, 10, 11, table([]) + ss("AMQPLAIN") + ls(b"") + ss("en_US")))
a.send(S, method(0, 10, 20, ls(b"challenge")))
a.send(C, method(0, 10, 21, ls(b"answer")))
a.send(S, method(0, 10, 30, struct.pack("!HIH", 0, 131072, 0)))
a.send(C, method(0, 10, 31, struct.pack("!HIH", 2047, 131072, 30)))
a.send(C, method(0, 10, 40, ss("/prod") + ss("") + b"\x00"))
a.send(S, method(0, 10, 41, ss("")))
a.send(S, method(0, 10, 60, ss("low on memory")))
a.send(S, method(0, 10, 61))
a.send(C, method(0, 10, 70, ls(b"new-token") + ss("token refresh")))
a.send(S, method(0, 10, 71))
a.send(C, method(1, 20, 10, ss("")))
a.send(S, method(1, 20, 11, ls(b"")))
a.send(S, method(1, 20, 20, b"\x00"))
a.send(C, method(1, 20, 21, b"\x00"))
a.send(C, method(1, 30, 10, ss("/data") + b"\x1d"))
a.send(S, method(1, 30, 11, struct.pack("!H", 1)))
a.send(C, method(1, 40, 30, struct.pack("!H", 0) + ss("dst.x") + ss("src.x") + ss("key.#") + b"\x00" +
                 table([("x-match", b"S" + ls("all"))])))
a.send(S, method(1, 40, 31))
a.send(C, method(1, 40, 40, struct.pack("!H", 0) + ss("dst.x") + ss("src.x") + ss("key.#") + b"\x00" + table([])))
a.send(S, method(1, 40, 51))
a.send(C, method(1, 50, 10, struct.pack("!H", 0) + ss("") + b"\x0a" +
                 table([("x-message-ttl", b"I" + struct.pack("!i", 60000)), ("x-queue-type", b"S" + ls("classic"))])))
a.send(S, method(1, 50, 11, ss("amq.gen-Xa2") + struct.pack("!II", 3, 1)))
# Basic.Publish with every property and a field table of every value type, split over two segments
props = (ss("application/json") + ss("gzip") +
         table([("t", b"t\x01"), ("b", b"b\xfe"), ("B", b"B\xfe"), ("s", b"s" + struct.pack("!h", -2)),
                ("u", b"u" + struct.pack("!H", 65534)), ("I", b"I" + struct.pack("!i", -70000)),
                ("i", b"i" + struct.pack("!I", 4000000000)), ("l", b"l" + struct.pack("!q", -5)),
                ("f", b"f" + struct.pack("!f", 1.5)), ("d", b"d" + struct.pack("!d", 2.25)),
                ("D", b"D\x02" + struct.pack("!I", 12345)), ("S", b"S" + ls("long string")),
                ("A", b"A" + struct.pack("!I", 7) + b"t\x00" + b"I" + struct.pack("!i", 9)),
                ("T", b"T" + struct.pack("!Q", 1700000000)), ("F", b"F" + table([("in", b"t\x01")])),
                ("V", b"V"), ("x", b"x" + struct.pack("!I", 3) + b"\x01\x02\x03")]) +
         b"\x02" + b"\x05" + ss("corr-1") + ss("reply.q") + ss("60000") + ss("msg-9") +
         struct.pack("!Q", 1700000000) + ss("order") + ss("guest") + ss("crafter") + ss("c1"))
pub = method(1, 60, 40, struct.pack("!H", 0) + ss("amq.topic") + ss("a.b.c") + b"\x03")
hdr = header(1, 15, 0xfffc, props)
js = b'{"answer": 42}\n'
seg = pub + hdr + body(1, js)
a.send(C, seg[:60])
a.send(C, seg[60:])
a.send(S, method(1, 60, 50, struct.pack("!H", 312) + ss("NO_ROUTE") + ss("amq.topic") + ss("a.b.c")) +
       header(1, 4, 0x8000, ss("application/octet-stream")) + body(1, b"\x00\x01\x02\x03"))
a.send(C, method(1, 60, 40, struct.pack("!H", 0) + ss("") + ss("lab.q") + b"\x00") +
       header(1, 11, 0x8000, ss("text/html")) + body(1, b"<p>hi</p>\r\n"))
a.send(C, method(1, 60, 40, struct.pack("!H", 0) + ss("") + ss("lab.q") + b"\x00") +
       header(1, 7, 0x8000, ss("text/xml")) + body(1, b"<a>b</a>"[:7]))
a.send(C, method(1, 60, 40, struct.pack("!H", 0) + ss("") + ss("lab.q") + b"\x00") +
       header(1, 9, 0x8000, ss("application/json")) + body(1, b'{"a": 1}\n'))
a.send(C, method(2, 60, 40, struct.pack("!H", 0) + ss("") + ss("lab.q") + b"\x00") +
       header(2, 6, 0xa000, ss("application/x-custom") + table([("after", b"t\x01"), ("z", b"Z")])) +
       body(2, b"custom"))
a.send(C, method(1, 60, 100, b"\x01"))
a.send(C, method(1, 60, 110, b"\x00"))
a.send(S, method(1, 60, 111))
a.send(C, method(1, 90, 30))
a.send(S, method(1, 90, 31))
a.send(C, method(1, 60, 80, struct.pack("!Q", 7) + b"\x01"))
a.send(C, method(1, 60, 120, struct.pack("!Q", 8) + b"\x03"))
a.send(C, method(1, 60, 90, struct.pack("!Q", 9) + b"\x01"))
a.send(C, method(1, 70, 10, b"\x00\x00"))  # File class: not in 0-9-1
a.send(C, method(1, 60, 99, b"\x00\x00"))  # unknown Basic method
a.send(C, frame(9, 1, b"\x01\x02"))  # unknown frame type
a.send(C, frame(4, 1, b"\x00\x3c\x00\x0a"))  # an out-of-band method frame (AMQP 0-9, not 0-9-1)
a.send(C, method(1, 200, 1, b"\x00"))  # a class no version defines
a.send(C, frame(8, 0, b"", end=0x00))  # heartbeat with a bad frame end
a.send(C, method(1, 50, 10, struct.pack("!H", 0) + ss("cut")))  # Queue.Declare cut short inside its frame
a.send(C, frame(3, 1, b"ABCDEFGH"[:3]))  # a body frame with no header before it on its channel
a.send(S, method(0, 10, 50, struct.pack("!H", 320) + ss("CONNECTION_FORCED - shutdown") + struct.pack("!HH", 0, 0)))
a.send(C, method(0, 10, 51))

# a connection whose server starts with two frames in one segment (the dissector's version guess then fails)
b = Conn(40002)
b.send(C, b"AMQP\x00\x00\x09\x01")
b.send(S, method(0, 10, 30, struct.pack("!HIH", 0, 131072, 0)) + method(0, 10, 41, ss("")))
b.send(C, method(0, 10, 31, struct.pack("!HIH", 2047, 131072, 30)))

# a connection whose client sends the AMQP 0-9 header (major 0, minor 9 at octets 6 and 7)
c = Conn(40003)
c.send(C, b"AMQP\x01\x01\x00\x09")
c.send(S, method(0, 10, 10, b"\x00\x09" + table([]) + ls("PLAIN") + ls("en_US")))
c.send(C, b"AMQP\x01\x01\x00\x09" + frame(8, 0, b""))
c.send(C, frame(8, 0, b""))
write_pcap(sys.argv[1], 1, frames)
