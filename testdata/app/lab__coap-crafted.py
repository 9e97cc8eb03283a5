#!/usr/bin/env python3
# Writes lab__coap-crafted.pcap: CoAP messages (RFC 7252 §3, RFC 7959 block options, RFC 7641 observe) that
# libcoap's example client and server did not send in lab__coap.pcap (see lab__coap.sh): payloads with the content
# formats Wireshark hands to another dissector (JSON, XML, CBOR, text with a format option of length 1) or to none,
# an unknown content format, Uri-Host/Uri-Port/Uri-Query/Location-Path/Proxy options, an If-Match/ETag, options
# with extended deltas and lengths, a retransmitted request and response, a reset, an unknown code and type-less
# version, a block-wise text/plain body, a message cut in its header, a token longer than the message, an option
# longer than the message, a bare 0xf0 option byte, a payload marker with no payload and a FETCH.
# tshark 4.0 on the output is the oracle for their columns and trees. Usage: python3 lab__coap-crafted.py OUT.pcap
import struct, sys

from labpcap import csum, write_pcap

CLI, SRV = bytes([10, 31, 9, 1]), bytes([10, 31, 9, 2])


def udp(payload, sport=40001, dport=5683, src=CLI, dst=SRV):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip + u


def rsp(payload, cport=40001):
    return udp(payload, sport=5683, dport=cport, src=SRV, dst=CLI)


def opt(delta, value):
    """One option header and value (RFC 7252 §3.1), with extended delta and length when needed."""
    def nib(n):
        if n < 13:
            return n, b""
        if n < 269:
            return 13, bytes([n - 13])
        return 14, struct.pack("!H", n - 269)
    d, dx = nib(delta)
    l, lx = nib(len(value))
    return bytes([d << 4 | l]) + dx + lx + value


def msg(t, code, mid, token=b"", opts=(), payload=b"", ver=1):
    """opts: (number, value) pairs in ascending order."""
    b = bytes([ver << 6 | t << 4 | len(token), code]) + struct.pack("!H", mid) + token
    last = 0
    for n, v in opts:
        b += opt(n - last, v)
        last = n
    if payload:
        b += b"\xff" + payload
    return b


CON, NON, ACK, RST = 0, 1, 2, 3
GET, POST, PUT, DELETE, FETCH = 1, 2, 3, 4, 5
C205, C204, C201, C400, C231 = 69, 68, 65, 128, 95
P = lambda s: (11, s.encode())

frames = [
    # 1-2 JSON request and response (Content-Format 50)
    udp(msg(CON, POST, 100, b"\x11\x22", [P("sensors"), (12, bytes([50]))], b'{"t":21.5}')),
    rsp(msg(ACK, C201, 100, b"\x11\x22", [(8, b"sensors"), (8, b"7")])),
    # 3-4 XML and CBOR payloads
    udp(msg(NON, PUT, 101, b"\x01", [P("x"), (12, bytes([41]))], b"<a>1</a>"), sport=40002),
    udp(msg(NON, PUT, 102, b"\x02", [P("c"), (12, bytes([60]))], b"\xa1\x61\x61\x01"), sport=40002),
    # 5 text/plain with a one-byte Content-Format 0 and Accept, Uri-Host, Uri-Port, two queries
    udp(msg(CON, GET, 103, b"\x03", [(3, b"example.org"), (7, struct.pack("!H", 61616)), P("a"), P("b"),
                                     (15, b"x=1"), (15, b"y"), (17, bytes([0]))]), sport=40003),
    rsp(msg(ACK, C205, 103, b"\x03", [(4, b"\x01\x02\x03\x04"), (12, bytes([0]))], b"line one\nline two\n"), cport=40003),
    # 7-8 unknown content format, senml+json, Uri-Host an IPv6 literal
    udp(msg(CON, PUT, 104, b"\x04", [(3, b"fd31::2"), P("u"), (12, struct.pack("!H", 9999))], b"\x00\x01"), sport=40004),
    udp(msg(CON, PUT, 105, b"\x05", [P("s"), (12, bytes([110]))], b'[{"n":"t","v":1}]'), sport=40004),
    # 9-12 a retransmitted request and a retransmitted response
    udp(msg(CON, GET, 106, b"\x06", [P("r")]), sport=40005),
    udp(msg(CON, GET, 106, b"\x06", [P("r")]), sport=40005),
    rsp(msg(ACK, C205, 106, b"\x06", [], b"ok"), cport=40005),
    rsp(msg(ACK, C205, 106, b"\x06", [], b"ok"), cport=40005),
    # 13 reset, 14 ping (empty CON), 15 unknown code 0.31, 16 version 2
    rsp(msg(RST, 0, 107), cport=40005),
    udp(msg(CON, 0, 108), sport=40005),
    udp(msg(NON, 31, 109, b"\x09"), sport=40005),
    udp(msg(NON, GET, 110, b"", [P("v")], ver=2), sport=40005),
    # 17-18 block-wise text/plain body in two Block1 blocks of 16 bytes
    udp(msg(CON, PUT, 111, b"\x0a", [P("t"), (12, b""), (27, bytes([0x08]))], b"0123456789abcdef"), sport=40006),
    udp(msg(CON, PUT, 112, b"\x0b", [P("t"), (12, b""), (27, bytes([0x10]))], b"tail\n"), sport=40006),
    # 19 header cut short, 20 token past the end, 21 option past the end, 22 bare 0xf? option byte
    udp(b"\x41\x01\x00", sport=40007),
    udp(b"\x48\x01\x00\x01\xaa\xbb", sport=40007),
    udp(msg(CON, GET, 113, b"", [])[:4] + b"\xb9ab", sport=40007),
    udp(msg(CON, GET, 114, b"", [])[:4] + b"\xf1\x00", sport=40007),
    # 23 payload marker with no payload, 24 FETCH with Proxy-Uri, If-Match, If-None-Match, Observe deregister, Size1
    udp(msg(CON, GET, 115, b"", [P("m")]) + b"\xff", sport=40007),
    udp(msg(CON, FETCH, 116, b"\x0c\x0d", [(1, b"\xaa"), (5, b""), (6, b"\x01"), (35, b"coap://h/p"), (60, b"\x01\x00")]), sport=40008),
    # 25 option 2048 (vendor), long Uri-Path (extended length), Location-Query, Max-Age 0, 4.00 with diagnostic
    rsp(msg(ACK, C400, 117, b"", [(8, b"loc"), (14, b""), (20, b"q=1"), (2048, b"zz")], b"bad thing"), cport=40008),
    udp(msg(CON, GET, 118, b"\x0e", [P("p" * 20), P("")]), sport=40008),
]
write_pcap(sys.argv[1], 1, frames, step_us=1000)
