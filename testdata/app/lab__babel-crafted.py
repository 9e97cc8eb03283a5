#!/usr/bin/env python3
# Writes lab__babel-crafted.pcap: Babel datagrams babeld 1.12 did not send in lab__babel.pcap, laid out per
# RFC 8966 §4 (and RFC 8967 for the trailer): Pad1, PadN, acknowledgment request and acknowledgment, seqno
# requests (IPv6 and IPv4), requests and updates in every address encoding (wildcard, IPv4, IPv6, link-local,
# an unknown one), an update whose prefix omits bytes taken from the previous one (flag 0x80), an IHU without
# an address, TLV types with no name, a hello with an unknown and a mandatory sub-TLV and with sub-TLV padding,
# a packet trailer holding padding; and the odd ones: version 1, a wrong magic byte (not Babel), fewer than
# four bytes (not Babel), a body length longer than the datagram, a TLV whose length runs past the body and
# past the datagram, a lone type byte at the end,
# a PadN and a trailer TLV running past the datagram, a timestamp sub-TLV cut short. tshark 4.0 on the output is the oracle for their columns.
# Usage: python3 lab__babel-crafted.py lab__babel-crafted.pcap
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, write_pcap

LL_A = bytes.fromhex("fe800000000000000000000000000001")
ALL_BABEL = bytes.fromhex("ff020000000000000000000000010006")


def udp6(payload, src=LL_A, dst=ALL_BABEL, sport=6696, dport=6696):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    c = csum(src + dst + struct.pack("!IxxxB", len(u), 17) + u) or 0xFFFF
    u = u[:6] + struct.pack("!H", c) + u[8:]
    ip = struct.pack("!IHBB", 0x60000000, len(u), 17, 1) + src + dst
    return b"\x33\x33\x00\x01\x00\x06\x02\x00\x00\x00\x00\x01\x86\xdd" + ip + u


def tlv(t, body):
    return bytes([t, len(body)]) + body


def babel(body, trailer=b"", version=2, magic=42, bodylen=None):
    n = len(body) if bodylen is None else bodylen
    return bytes([magic, version]) + struct.pack("!H", n) + body + trailer


hello = tlv(4, struct.pack("!HHH", 0, 0x1234, 400))
rid = tlv(6, b"\0\0" + bytes.fromhex("0200000000000001"))
frames = [
    # pad1, padn, ack-req (nonce 0xbeef, interval 200), ack
    babel(b"\x00" + tlv(1, bytes(3)) + tlv(2, struct.pack("!HHH", 0, 0xBEEF, 200)) + tlv(3, struct.pack("!H", 0xBEEF))),
    # seqno requests: IPv6 2001:db8:b::/48 and IPv4 198.51.100.0/24, seqno 7, hop count 64
    babel(tlv(10, struct.pack("!BBHBB", 2, 48, 7, 64, 0) + bytes.fromhex("0200000000000002") + bytes.fromhex("20010db8000b"))
          + tlv(10, struct.pack("!BBHBB", 1, 24, 7, 64, 0) + bytes.fromhex("0200000000000002") + bytes.fromhex("c63364"))),
    # requests: wildcard, IPv4 /24, IPv6 /64, link-local /128, unknown AE 5
    babel(tlv(9, b"\0\0") + tlv(9, bytes([1, 24]) + bytes.fromhex("c00002")) + tlv(9, bytes([2, 64]) + bytes.fromhex("20010db8000a0000"))
          + tlv(9, bytes([3, 128]) + bytes.fromhex("0000000000000002")) + tlv(9, bytes([5, 8, 0xAA]))),
    # router-id, next hop link-local, updates: IPv6 /64 setting the default prefix, then one omitting 6 bytes of it,
    # a link-local /128, a wildcard retraction
    babel(hello + rid + tlv(7, b"\x03\x00" + bytes.fromhex("0000000000000001"))
          + tlv(8, struct.pack("!BBBBHHH", 2, 0x80, 64, 0, 400, 3, 96) + bytes.fromhex("20010db8000a0001"))
          + tlv(8, struct.pack("!BBBBHHH", 2, 0x00, 64, 6, 400, 3, 96) + bytes.fromhex("0002"))
          + tlv(8, struct.pack("!BBBBHHH", 3, 0x00, 128, 0, 400, 3, 96) + bytes.fromhex("0000000000000001"))
          + tlv(8, struct.pack("!BBBBHHH", 0, 0x40, 0, 0, 400, 3, 0xFFFF))),
    # IPv4 next hop and updates with omitted bytes, one with omitted bytes but no default prefix before it
    babel(tlv(8, struct.pack("!BBBBHHH", 1, 0x00, 32, 3, 400, 4, 256) + bytes.fromhex("05"))
          + tlv(7, b"\x01\x00" + bytes.fromhex("0a090201"))
          + tlv(8, struct.pack("!BBBBHHH", 1, 0x80, 32, 0, 400, 4, 256) + bytes.fromhex("cb007101"))
          + tlv(8, struct.pack("!BBBBHHH", 1, 0x00, 32, 3, 400, 4, 256) + bytes.fromhex("07"))),
    # IHU with AE 0 (no address), rxcost 96; IHU link-local with a timestamp sub-TLV
    babel(tlv(5, struct.pack("!BBHH", 0, 0, 96, 400))
          + tlv(5, struct.pack("!BBHH", 3, 0, 96, 400) + bytes.fromhex("0000000000000002") + bytes([3, 8]) + struct.pack("!II", 1500000, 1600000))),
    # TLV types with no name: ts/pc 11, old hmac 12, source-specific 13-15, pc 17, 18, 19, 42, 200
    babel(b"".join(tlv(t, bytes(4)) for t in (11, 12, 13, 14, 15, 17, 18, 19, 42, 200))),
    # hello with sub-TLVs: sub-pad1, sub-padn, an unknown one, a mandatory one, a timestamp
    babel(tlv(4, struct.pack("!HHH", 0x8000, 9, 400) + b"\x00" + bytes([1, 2, 0, 0]) + bytes([9, 1, 0]) + bytes([0x85, 2, 1, 2])
              + bytes([3, 4]) + struct.pack("!I", 2000123))),
    # update with a diversity sub-TLV listing two channels
    babel(tlv(8, struct.pack("!BBBBHHH", 1, 0x00, 32, 0, 400, 5, 256) + bytes.fromhex("c0000201") + bytes([2, 2, 1, 6]))),
    # a trailer after the body: padding (RFC 8967 §4.2)
    babel(hello, trailer=b"\x00" + tlv(1, bytes(2))),
    # version 1: only the version is shown
    babel(hello, version=1),
    # wrong magic: not Babel
    babel(hello, magic=41),
    # fewer than four bytes: not Babel
    b"\x2a\x02\x00",
    # body length 0 with a body: all of it a trailer
    babel(hello, bodylen=0),
    # body length beyond the datagram
    babel(hello, bodylen=20),
    # a TLV whose length runs past the body and the datagram
    babel(hello + b"\x08\x20" + bytes(4)),
    # a lone type byte at the end
    babel(hello + b"\x04", bodylen=9),
    # empty body
    babel(b""),
    # hello with length 2 (too short for its fields)
    babel(tlv(4, b"\0\0")),
    # a PadN whose length runs past the datagram: tshark does not hold a TLV's own line to the datagram
    babel(hello + b"\x01\x0a\x00\x00"),
    # a trailer whose TLV runs past the datagram
    babel(hello, trailer=b"\x10\x20" + bytes(6)),
    # a hello timestamp sub-TLV longer than the bytes left
    babel(tlv(4, struct.pack("!HHH", 0, 1, 400) + bytes([3, 8]) + bytes(4))),
    # update too short for its prefix
    babel(tlv(8, struct.pack("!BBBBHHH", 2, 0x00, 64, 0, 400, 3, 96) + bytes.fromhex("2001"))),
]
write_pcap(sys.argv[1], 1, [udp6(f) for f in frames])
