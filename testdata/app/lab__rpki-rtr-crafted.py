#!/usr/bin/env python3
"""Writes lab__rpki-rtr-crafted.pcap: RPKI-RTR PDUs (TCP 323) that stayrtr and rtrclient did not send in
lab__rpki-rtr.pcap, laid out byte by byte from RFC 6810 and RFC 8210: several PDUs in one segment, PDUs split
across segments, Error Reports (known and unknown codes, encapsulated PDU and text, lengths past the PDU or past
2^31, trailing bytes), Cache Reset, Router Keys of version 0 and 1 (good, cut, non-SEQUENCE, odd BER keys), End of
Data of version 0 and a version 1 one cut short, PDUs longer than their fields, unassigned types (ASPA's 11 of
the version 2 draft among them), a length field under 8, 321 PDUs in one segment (tshark's 4095-byte Info
limit), a PDU claiming 256 MiB that never ends and a length field of 0. tshark 4.0.17 on the output is the oracle.
Usage: python3 lab__rpki-rtr-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, write_pcap

R, CACHE = bytes([10, 23, 1, 2]), bytes([10, 23, 1, 1])
MACS = {R: b"\x02\0\0\0\x17\x02", CACHE: b"\x02\0\0\0\x17\x01"}
fr = []


def hdr(v, t, mid, body):
    return struct.pack("!BBHI", v, t, mid, 8 + len(body)) + body


def notify(v, sess, serial, t=0):
    return hdr(v, t, sess, struct.pack("!I", serial))


def cache_response(v, sess):
    return hdr(v, 3, sess, b"")


def reset_query(v):
    return hdr(v, 2, 0, b"")


def cache_reset(v):
    return hdr(v, 8, 0, b"")


def v4(v, flags, plen, mlen, pfx, asn):
    return hdr(v, 4, 0, struct.pack("!BBBB4sI", flags, plen, mlen, 0, bytes(pfx), asn))


def v6(v, flags, plen, mlen, pfx, asn):
    return hdr(v, 6, 0, struct.pack("!BBBB16sI", flags, plen, mlen, 0, bytes(pfx), asn))


def eod(v, sess, serial, intervals=True):
    body = struct.pack("!I", serial)
    if v >= 1 and intervals:
        body += struct.pack("!III", 3600, 600, 7200)
    return hdr(v, 7, sess, body)


def error(v, code, pdu=b"", text=b"", plen=None, tlen=None, extra=b""):
    body = struct.pack("!I", len(pdu) if plen is None else plen) + pdu
    body += struct.pack("!I", len(text) if tlen is None else tlen) + text + extra
    return hdr(v, 10, code, body)


SPKI = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d03010703420004") + bytes(range(64))
SKI = bytes(range(0x40, 0x54))


def router_key(v, flags, asn, spki=SPKI, extra=b""):
    b = struct.pack("!BBBBI", v, 9, flags, 0, 8 + 20 + 4 + len(spki) + len(extra))
    return b + SKI + struct.pack("!I", asn) + spki + extra


P6 = bytes.fromhex("20010db8000100000000000000000000")
c = TCPConn(fr, MACS, R, CACHE, 40323, 323)
c.send(R, reset_query(1))
c.send(CACHE, notify(1, 7, 41) + cache_response(1, 7) + v4(1, 1, 24, 24, [192, 0, 2, 0], 64496) +
       v6(1, 1, 32, 48, P6, 64497) + eod(1, 7, 42))
# PDUs across segments: an IPv6 Prefix cut 10/22, its end with an IPv4 Prefix and 3 bytes of the next, the rest.
stream = v6(1, 0, 48, 48, P6, 64498) + v4(1, 0, 16, 24, [198, 51, 100, 0], 64499) + eod(1, 7, 43)
c.send(CACHE, stream[:10])
c.send(CACHE, stream[10:55])
c.send(CACHE, stream[55:])
c.send(R, notify(1, 7, 43, t=1))
c.send(CACHE, cache_reset(1))
c.send(R, reset_query(0) + reset_query(2))
c.send(CACHE, error(1, 2, reset_query(1), b"No data available yet"))
c.send(CACHE, error(0, 99))
c.send(CACHE, error(1, 7, v4(1, 1, 24, 24, [192, 0, 2, 0], 64496), b"dup", tlen=40))  # text past the PDU
c.send(CACHE, error(1, 4, b"", b"", plen=0xFFFFFFFF))  # encapsulated length past 2^31
c.send(CACHE, error(1, 3, b"", b"caf\xc3\xa9 \x01\x7f\xff", extra=b"\x01\x02\x00\x00\x00\x00\x00\x08"))
c.send(CACHE, error(1, 0, b"\x01\x02", b"x", extra=b"\x00\x03"))  # trailing bytes cut a second PDU short
c.send(CACHE, router_key(1, 1, 64496) + router_key(1, 0, 64497))
c.send(CACHE, router_key(0, 1, 64496))  # Router Key of version 0
c.send(CACHE, router_key(1, 1, 64496, SPKI[:40]))  # key cut short, length field says so
c.send(CACHE, router_key(1, 1, 64496, b"\x04\x03abc"))  # an OCTET STRING, not a SEQUENCE
c.send(CACHE, router_key(1, 1, 64496, b"\x30\x05\x04\x03abc"))  # a SEQUENCE of the wrong things
c.send(CACHE, router_key(1, 1, 64496, b"\x30\x03\xff\xff\xff"))  # a SEQUENCE of garbage
c.send(CACHE, router_key(1, 1, 64496, b"\x30\x81\x03\x02\x01\x00\x00\x01\x00\x00\x00\x08"))  # long-form length
c.send(CACHE, router_key(1, 1, 64496, b"\x30\x80\x02\x01\x00\x00\x00"))  # indefinite length
c.send(CACHE, router_key(1, 1, 64496, b""))  # no key at all
c.send(CACHE, router_key(1, 1, 64496, extra=b"\x00\x02\x00\x00\x00\x00\x00\x08"))  # bytes after the key
c.send(CACHE, eod(0, 7, 44) + eod(1, 7, 45, intervals=False))  # version 1 without the intervals
c.send(CACHE, hdr(1, 4, 0, struct.pack("!BBBB4sI", 1, 24, 24, 0, bytes([192, 0, 2, 0]), 64496) + b"\x01\x07\x00\x00"))
c.send(CACHE, hdr(2, 11, 0, struct.pack("!BBHI", 1, 0, 1, 64496) + struct.pack("!I", 64497)))  # ASPA (draft)
c.send(CACHE, hdr(1, 5, 0, b"") + hdr(1, 12, 0x0100, b"abcd") + hdr(1, 255, 0, b"") + cache_reset(1))
c.send(CACHE, hdr(1, 13, 0x0000, b"\x00\x00\x00\x10" + b"\0" * 8))  # "length" read at byte 2 is 16: past the end
c.send(CACHE, cache_response(1, 7) + struct.pack("!BBHI", 1, 4, 0, 4) + v4(1, 1, 8, 8, [10, 0, 0, 0], 1))
c.send(CACHE, b"".join(v4(1, 1, 24, 24, [10, i // 256, i % 256, 0], 64500 + i) for i in range(320)) + eod(1, 7, 46))
c.send(CACHE, b"".join(v6(1, 1, 48, 48, P6[:4] + bytes([0, i]) + bytes(10), 65000 + i) for i in range(130)))

# A PDU claiming 256 MiB: the segments after its header never complete it.
d = TCPConn(fr, MACS, R, CACHE, 40324, 323)
d.send(R, reset_query(1) + struct.pack("!BBHI", 1, 2, 0, 0x10000000))
d.send(R, b"\0" * 100)
d.send(R, reset_query(1))
# A length field of 0: tshark asks for one more segment, again and again.
e = TCPConn(fr, MACS, R, CACHE, 40325, 323)
e.send(CACHE, cache_response(1, 7) + struct.pack("!BBHI", 1, 3, 7, 0) + b"\0" * 4)
e.send(CACHE, cache_response(1, 7))
e.send(R, reset_query(1))
# A conversation that ends inside a header.
f = TCPConn(fr, MACS, R, CACHE, 40326, 323)
f.send(R, reset_query(1)[:5])
write_pcap(sys.argv[1], 1, fr)
