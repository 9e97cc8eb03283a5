#!/usr/bin/env python3
"""Writes lab__x11-crafted.pcap: X11 on TCP 6000 between clients (10.0.0.2) and a server (10.0.0.1), built here from
the X Window System Protocol's message layouts for what the lab's Xvfb and Xlib clients (lab__x11.sh) did not send: a
big-endian connection ('B') with an authorization name and data, the setup reply cut over two segments, several
requests, replies and events in one segment, a Sent- event, errors with known and unknown codes, a request split over
two segments with another request after it, extensions asked for by QueryExtension (RANDR, which tshark knows, asked its version, and a
name it does not), an unknown core opcode, a reply to a request that expects none and one to a sequence number never
sent, a request whose length is 0, an unknown event code; and a little-endian connection ('l') the server refuses.
Raw IPv4 link type. Checked with tshark 4.0.17. Run: python3 lab__x11-crafted.py OUT.pcap"""
import struct, sys

from labpcap import ipv4, tcp_segment, write_pcap

C, S = bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1])
frames = []


class Conn:
    def __init__(self, cport, end):
        self.cport, self.end = cport, end
        self.seq = {True: 1000, False: 5000}

    def send(self, to_server, data):
        src, dst, sp, dp = (C, S, self.cport, 6000) if to_server else (S, C, 6000, self.cport)
        frames.append(ipv4(src, dst, 6, tcp_segment(src, dst, sp, dp, self.seq[to_server], self.seq[not to_server], 0x18, data)))
        self.seq[to_server] += len(data)

    def p(self, fmt, *v):
        return struct.pack(self.end + fmt, *v)

    def req(self, op, data1, body=b""):
        body += b"\0" * (-len(body) % 4)
        return self.p("BBH", op, data1, 1 + len(body) // 4) + body

    def reply(self, seq, data1=0, body=b"", extra=b""):
        body = body.ljust(24, b"\0")
        extra += b"\0" * (-len(extra) % 4)
        return self.p("BBHI", 1, data1, seq, len(extra) // 4) + body + extra

    def event(self, code, seq, body=b""):
        return self.p("BBH", code, 0, seq) + body.ljust(28, b"\0")

    def error(self, code, seq, bad=0, minor=0, major=0):
        return self.p("BBHIHB", 0, code, seq, bad, minor, major) + b"\0" * 21


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


a = Conn(40100, ">")
name, cookie = b"MIT-MAGIC-COOKIE-1", bytes(range(16))
a.send(True, b"B\0" + a.p("HHHH", 11, 0, len(name), len(cookie)) + b"\0\0" + pad4(name) + cookie)
vendor = b"Lab X server"
setup = a.p("IIIIHHBBBBBBBB", 12101007, 0x00400000, 0x001FFFFF, 256, len(vendor), 65535, 1, 1, 0, 0, 32, 32, 8, 255) + b"\0" * 4 + pad4(vendor)
# one pixmap format, one screen with one depth of one visual (tshark reads past the end of a setup without them)
setup += bytes([24, 32, 32]) + b"\0" * 5 + a.p("IIIIIHHHHHHIBBBB", 0x100, 0x20, 0xFFFFFF, 0, 0, 640, 480, 169, 127, 1, 1, 0x21, 0, 0, 24, 1)
setup += a.p("BBHI", 24, 0, 1, 0) + a.p("IBBHIIII", 0x21, 4, 8, 256, 0xFF0000, 0xFF00, 0xFF, 0)
head = struct.pack("BB", 1, 0) + a.p("HHH", 11, 0, len(setup) // 4)
a.send(False, head)
a.send(False, setup)
# CreateWindow, MapWindow, InternAtom (seq 1, 2, 3)
create = a.req(1, 24, a.p("IIhhHHHHII", 0x400001, 0x100, 10, 20, 300, 200, 1, 1, 0, 0))
a.send(True, create + a.req(8, 0, a.p("I", 0x400001)) + a.req(16, 0, a.p("HH", 8, 0) + b"WM_STATE"))
# its reply, an Expose and a MapNotify event in one segment
a.send(False, a.reply(3, 0, a.p("I", 0x123)) + a.event(12, 3, a.p("IHHHHH", 0x400001, 0, 0, 300, 200, 0)) + a.event(19, 3, a.p("II", 0x400001, 0x400001)))
a.send(False, a.event(0x80 | 33, 3, a.p("II", 0x400001, 0x123)))
# GetGeometry of a bad window (seq 4): BadWindow; an error code no extension took
a.send(True, a.req(14, 0, a.p("I", 0x999)))
a.send(False, a.error(3, 4, 0x999, 0, 14) + a.error(200, 4, 0, 0, 14))
# GetProperty (seq 5) cut over two segments, NoOperation (seq 6) after it
gp = a.req(20, 0, a.p("IIIII", 0x400001, 0x123, 0, 0, 100))
a.send(True, gp[:10])
a.send(True, gp[10:] + a.req(127, 0))
a.send(False, a.reply(5, 8, a.p("III", 31, 0, 5), pad4(b"hello")))
# QueryExtension RANDR (seq 7) and a name tshark does not know (seq 8)
a.send(True, a.req(98, 0, a.p("HH", 5, 0) + b"RANDR") + a.req(98, 0, a.p("HH", 7, 0) + b"FOO-EXT"))
a.send(False, a.reply(7, 0, struct.pack("BBBB", 1, 140, 89, 147)) + a.reply(8, 0, struct.pack("BBBB", 1, 150, 0, 0)))
# RANDR QueryVersion (seq 9), FOO-EXT minor 3 (seq 10), opcode 200 (seq 11)
a.send(True, a.req(140, 0, a.p("II", 1, 6)) + a.req(150, 3, a.p("I", 7)) + a.req(200, 0))
a.send(False, a.reply(9, 0, a.p("II", 1, 2)) + a.reply(10))
# a reply to MapWindow (seq 2, no reply expected) and to seq 77, an extension event, a Sent- unknown event
a.send(False, a.reply(2) + a.reply(77) + a.event(100, 11) + a.event(0x80 | 99, 11))
# a reply whose data runs over three segments
big = a.reply(11, 0, b"", b"x" * 200)
a.send(False, big[:20])
a.send(False, big[20:120])
a.send(False, big[120:] + a.event(28, 11, a.p("IIIB", 0x400001, 0x123, 5, 0)))
# GetInputFocus (seq 12) and a request of length 0: tshark stops at it
a.send(True, a.req(43, 0) + a.p("BBH", 1, 0, 0) + a.req(127, 0))
a.send(False, a.reply(12, 1, a.p("I", 0x400001)))

b = Conn(40102, "<")
b.send(True, b"l\0" + b.p("HHHH", 11, 0, 0, 0) + b"\0\0")
reason = b"No protocol specified\n"
b.send(False, struct.pack("BB", 0, len(reason)) + b.p("HHH", 11, 0, len(pad4(reason)) // 4) + pad4(reason))
write_pcap(sys.argv[1], 101, frames)
