#!/usr/bin/env python3
"""Writes lab__ipproto-crafted.pcap: IP datagrams whose protocol tshark does not dissect, or whose payload is
empty, as nmap's IP-protocol scan (-sO) and experimental stacks send them. tshark 4.0.17 names the protocol
from the IANA registry in the Info of an undissected IPv4 payload ("any private encryption scheme (99)"), of
an IPv6 one ("Unknown IP Protocol: ..."), and of a later fragment ("proto=Encap Security Payload 50"), and
shows nothing after an IPv4 header whose total length leaves no payload, whatever the protocol. Then ICMPv6
errors with every code of Destination Unreachable, Time Exceeded, Parameter Problem and Packet Too Big (and
some beyond the named ones), each quoting a UDP datagram, for the code names tshark prints.
Run from this folder: python3 lab__ipproto-crafted.py"""
import struct

from labpcap import csum, write_pcap

ETH = bytes.fromhex("020000000002020000000001")


def ip4(proto, payload=b"", frag=0, ident=1, pad=0):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, frag, 64, proto, 0,
                    bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return ETH + b"\x08\x00" + h + payload + bytes(pad)


def ip6(nh, payload):
    return (ETH + b"\x86\xdd" + struct.pack("!IHBB", 0x60000000, len(payload), nh, 64)
            + bytes(15) + b"\x01" + bytes(15) + b"\x02" + payload)


frames = [
    # empty IPv4 payloads, as nmap -sO probes protocols it has no packet for; the last two with
    # Ethernet padding after the datagram
    ip4(47), ip4(99), ip4(51), ip4(50), ip4(88), ip4(6), ip4(17), ip4(1), ip4(4), ip4(103, pad=26), ip4(2, pad=26),
    # payloads of protocols tshark does not dissect
    ip4(99, b"\x00" * 8), ip4(145, b"\x00" * 8), ip4(255, b"\x01" * 4), ip4(253, b"\xab" * 12),
    ip6(99, b"\x00" * 8), ip6(145, b"\x00" * 8), ip6(254, b"\x01" * 4),
    # later fragments (offset 8, the last) of protocols named long and short
    ip4(47, b"\x00" * 8, frag=1, ident=0x10), ip4(50, b"\x00" * 8, frag=1, ident=0x11),
    ip4(6, b"\x00" * 8, frag=1, ident=0x12), ip4(99, b"\x00" * 8, frag=1, ident=0x13),
    ip4(137, b"\x00" * 8, frag=1, ident=0x14),
]
quoted = (struct.pack("!IHBB", 0x60000000, 8, 17, 64) + bytes(15) + b"\x02" + bytes(15) + b"\x01"
          + struct.pack("!HHHH", 1000, 53, 8, 0))
for typ, codes in ((1, range(9)), (2, range(2)), (3, range(3)), (4, range(6))):
    for code in codes:
        msg = struct.pack("!BBH", typ, code, 0) + bytes(4) + quoted
        pseudo = bytes(15) + b"\x01" + bytes(15) + b"\x02" + struct.pack("!IxxxB", len(msg), 58)
        msg = msg[:2] + struct.pack("!H", csum(pseudo + msg)) + msg[4:]
        frames.append(ip6(58, msg))
write_pcap("lab__ipproto-crafted.pcap", 1, frames)
