#!/usr/bin/env python3
# Writes lab__proxy-crafted.pcap: PROXY protocol headers (haproxy's proxy-protocol.txt, versions 1 and 2) that
# haproxy did not send in lab__proxy.pcap (see lab__proxy.sh), each opening a TCP conversation of its own on a port
# tshark 4.0 gives no dissector (9001-9031 but 9009, which is JDWP's; 80 and 443 for the port dissectors' part),
# and a few in UDP datagrams, for tshark 4.0's "tcp proxy" and "udp proxy" heuristics. Version 1: a header and a request in one segment (the
# request is dissected after it), a header and bytes no dissector takes, UNKNOWN alone and with data, TCP6, a line
# ending in LF only (not PROXY), the minimal "PROXY \r\n", a line of 113 bytes and one of 114 (its CR is the last byte
# looked at: not PROXY), a bad address, a missing and an
# out-of-range port, a header after a first segment nothing took, a request and then a header (HTTP's
# continuation), on port 80 (HTTP's) and 443 (TLS refuses it). Version 2: a header and a request in one segment
# (not dissected), LOCAL, TLVs the header's length covers but 4.0 does not read (it compares the length with the
# end offset), TLVs it reads (ALPN, AUTHORITY, an SSL TLV with sub-TLVs, an unnamed type), a header cut after 16
# bytes, a length too small for the addresses, version 1 in the version nibble, IPv6, UNIX addresses, an unknown
# family. tshark 4.0 on the output is the oracle. Usage: python3 lab__proxy-crafted.py OUT.pcap
import struct, sys

from labpcap import csum, write_pcap

C, S = [10, 0, 0, 1], [10, 0, 0, 2]
pkts = []


def eth(ip):
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip


def seg(src, dst, sport, dport, seq, ack, flags, pay):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + pay
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, bytes(src), bytes(dst))
    return eth(ip + tcp)


def udp(payload, sport, dport=9710):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, bytes(C), bytes(S))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return eth(ip + u)


def conv(cport, sport, steps):
    cs, ss = 100, 500
    pkts.append(seg(C, S, cport, sport, cs, 0, 0x02, b""))
    pkts.append(seg(S, C, sport, cport, ss, cs + 1, 0x12, b""))
    cs += 1
    ss += 1
    pkts.append(seg(C, S, cport, sport, cs, ss, 0x10, b""))
    for fromc, pay in steps:
        if fromc:
            pkts.append(seg(C, S, cport, sport, cs, ss, 0x18, pay))
            cs += len(pay)
        else:
            pkts.append(seg(S, C, sport, cport, ss, cs, 0x18, pay))
            ss += len(pay)


SIG = b"\r\n\r\n\x00\r\nQUIT\n"
GET = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
RSP = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nhi\n"
V1 = b"PROXY TCP4 1.2.3.4 5.6.7.8 1000 80\r\n"
ADDR4 = bytes([1, 2, 3, 4, 5, 6, 7, 8]) + struct.pack("!HH", 1000, 80)


def v2(vc, fp, body, length=None):
    return SIG + bytes([vc, fp]) + struct.pack("!H", len(body) if length is None else length) + body


def tlv(t, v):
    return bytes([t]) + struct.pack("!H", len(v)) + v


# version 1
conv(40001, 9001, [(True, V1 + GET), (False, RSP)])
conv(40002, 9002, [(True, V1 + b"hello\r\n")])
conv(40003, 9003, [(True, b"PROXY UNKNOWN\r\n"), (True, GET), (False, RSP)])
conv(40004, 9004, [(True, b"PROXY UNKNOWN 1.2.3.4 5.6.7.8 1 2\r\n" + GET)])
conv(40005, 9005, [(True, b"PROXY TCP6 ::1 2001:db8::2 1000 80\r\n"), (True, b"hello world\r\n"), (False, b"bye\r\n")])
conv(40006, 9006, [(True, b"PROXY TCP4 1.2.3.4 5.6.7.8 1000 80\n"), (True, GET)])
conv(40007, 9007, [(True, b"PROXY \r\n"), (True, GET)])
conv(40008, 9008, [(True, b"PROXY TCP4 " + b"1" * 100 + b"\r\n"), (True, GET)])
conv(40009, 9019, [(True, b"PROXY TCP4 x y 1 2\r\n")])
conv(40010, 9010, [(True, b"PROXY TCP4 1.2.3.4 5.6.7.8 1000\r\n")])
conv(40011, 9011, [(True, b"PROXY TCP4 1.2.3.4 5.6.7.8 1000 99999\r\n")])
conv(40012, 9012, [(True, b"hello\r\n"), (True, V1), (True, GET)])
conv(40013, 9013, [(True, GET), (True, V1)])
conv(40014, 80, [(True, V1), (True, GET), (False, RSP)])
conv(40015, 443, [(True, V1), (True, GET)])
conv(40016, 9016, [(True, V1), (False, RSP)])
conv(40017, 9017, [(True, b"PROXY TCP6 1.2.3.4 ::1 1 2\r\n")])
conv(40018, 9018, [(True, b"PROXY TCP4 " + b"1" * 101 + b"\r\n"), (True, GET)])
# version 2
conv(40020, 9020, [(True, v2(0x21, 0x11, ADDR4) + GET), (False, RSP)])
conv(40021, 9021, [(True, v2(0x20, 0x00, b"") + GET)])
conv(40022, 9022, [(True, v2(0x21, 0x11, ADDR4 + tlv(1, b"h2") + tlv(4, b"\0"))), (True, GET)])
conv(40023, 9023, [(True, v2(0x21, 0x11, ADDR4 + tlv(1, b"http/1.1") + tlv(2, b"example.com") + tlv(0x77, b"x")))])
conv(40024, 9024, [(True, v2(0x21, 0x11, ADDR4 + tlv(0x20, b"\x07\0\0\0\0" + tlv(0x21, b"TLSv1.3") + tlv(0x22, b"client.example") + tlv(0x23, b"TLS_AES_128_GCM_SHA256"))))])
conv(40025, 9025, [(True, SIG + b"\x21\x11\x00\x0c")])
conv(40026, 9026, [(True, v2(0x21, 0x11, ADDR4, length=8))])
conv(40027, 9027, [(True, v2(0x11, 0x11, bytes(12)))])
conv(40028, 9028, [(True, v2(0x21, 0x21, bytes(15) + b"\x01" + bytes(15) + b"\x02" + b"\x03\xe8\x00\x50"))])
conv(40029, 9029, [(True, v2(0x21, 0x31, b"/run/a.sock".ljust(108, b"\0") + b"/run/b.sock".ljust(108, b"\0")))])
conv(40030, 9030, [(True, v2(0x21, 0x99, b"\xaa\xbb\xcc"))])
conv(40031, 9031, [(True, v2(0x21, 0x11, ADDR4 + tlv(1, b"h2"), length=40))])
# over UDP
pkts.append(udp(v2(0x21, 0x12, ADDR4) + b"\x12\x34payload", 41001))
pkts.append(udp(b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\nhello", 41002))
pkts.append(udp(SIG + b"\x21\x12\x00\x0c", 41003))
pkts.append(udp(b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n", 41004))
write_pcap(sys.argv[1], 1, pkts)
