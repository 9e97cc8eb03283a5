#!/usr/bin/env python3
"""Writes lab__ipv6-empty-crafted.pcap: one IPv6 packet for every next-header value 0 to 255 whose payload
length is 0 (and so carries nothing), then one with payload length 0 followed by 20 bytes of trailer. tshark
4.0.17 hands the empty payload to the next header's dissector: most throw "[Malformed Packet]" before or after
naming the packet, the extension headers write their own text, No Next Header reads "IPv6 no next header",
and protocols it has no dissector for read "Unknown IP Protocol". Such packets come from fuzzers, broken
stacks and captures cut by hand.
Run from this folder: python3 lab__ipv6-empty-crafted.py"""
import struct

from labpcap import write_pcap

ETH = bytes.fromhex("020000000002020000000001") + b"\x86\xdd"
SRC = bytes(15) + b"\x01"
DST = bytes(15) + b"\x02"

frames = [ETH + struct.pack("!IHBB", 0x60000000, 0, nh, 64) + SRC + DST for nh in range(256)]
frames.append(ETH + struct.pack("!IHBB", 0x60000000, 0, 6, 64) + SRC + DST + bytes(20))
write_pcap("lab__ipv6-empty-crafted.pcap", 1, frames)
