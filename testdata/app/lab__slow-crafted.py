#!/usr/bin/env python3
# Writes lab__slow-crafted.pcap: IEEE 802.3 Slow Protocols frames (EtherType 0x8809) laid out per IEEE 802.1AX
# (LACP, Marker) and 802.3 clause 57 (Ethernet OAM), since this machine's kernel has no bonding driver to send
# LACP: an LACP exchange between two ports (a fresh port, then both aggregated and distributing, a short-timeout
# one, every state flag set, an expired and defaulted partner, version 2), Marker information and response and a
# TLV type with no name, OAM information, event notification, loopback, organization-specific and an unknown
# code, a subtype tshark does not know, and an LACPDU cut short. tshark 4.0 on the output is the oracle.
# Usage: python3 lab__slow-crafted.py lab__slow-crafted.pcap
import struct, sys

from labpcap import write_pcap

SLOW = b"\x01\x80\xc2\x00\x00\x02"
A, B = bytes.fromhex("000c29334455"), bytes.fromhex("00000c112233")

def frame(src, body):
    f = SLOW + src + b"\x88\x09" + body
    return f + bytes(max(0, 60 - len(f)))

def party(tlv, prio, sysid, key, pprio, port, state):
    return struct.pack("!BBH6sHHHB3s", tlv, 20, prio, sysid, key, pprio, port, state, b"\0\0\0")

def lacp(actor, partner, version=1):
    return b"\x01" + struct.pack("!B", version) + party(1, *actor) + party(2, *partner) + \
        struct.pack("!BBH12s", 3, 16, 0, bytes(12)) + b"\x00\x00" + bytes(50)

a = (32768, A, 1, 32768, 1)
b = (32768, B, 16, 32, 48)
none = (0, bytes(6), 0, 0, 0)
frames = [
    frame(A, lacp(a + (0x05,), none + (0x00,))),                  # a fresh port: active, aggregatable
    frame(B, lacp(b + (0x3d,), a + (0x0d,))),
    frame(A, lacp(a + (0x3d,), b + (0x3d,))),                     # both collecting and distributing
    frame(A, lacp(a + (0x3f,), b + (0x3f,))),                     # short timeout
    frame(A, lacp(a + (0xff,), b + (0xc0,))),                     # every flag; partner expired and defaulted
    frame(B, lacp(b + (0x3d,), a + (0x3d,), version=2)),
    frame(A, b"\x02\x01" + struct.pack("!BBH6sIH", 1, 16, 1, A, 5, 0) + struct.pack("!BB", 0, 0) + bytes(90)),  # Marker information
    frame(B, b"\x02\x01" + struct.pack("!BBH6sIH", 2, 16, 1, A, 5, 0) + struct.pack("!BB", 0, 0) + bytes(90)),  # Marker response
    frame(A, b"\x02\x01" + struct.pack("!BBH6sIH", 3, 16, 2, A, 6, 0) + struct.pack("!BB", 0, 0) + bytes(90)),  # a TLV type with no name
    frame(A, b"\x03" + struct.pack("!HB", 0x0050, 0) + bytes(42)),    # OAM information, both stable
    frame(B, b"\x03" + struct.pack("!HB", 0x0001, 1) + bytes(42)),    # event notification with a link fault
    frame(A, b"\x03" + struct.pack("!HB", 0x0058, 4) + bytes(42)),    # loopback control
    frame(A, b"\x03" + struct.pack("!HB", 0x0050, 0xfe) + bytes(42)), # organization specific
    frame(A, b"\x03" + struct.pack("!HB", 0x007f, 7) + bytes(42)),    # an unknown code, every flag
    frame(A, b"\x07\x00" + bytes(40)),                                 # a subtype tshark does not know
    (SLOW + A + b"\x88\x09" + b"\x01\x01\x01\x14\x80\x00" + A[:3]),    # an LACPDU cut short
]
write_pcap(sys.argv[1], 1, frames)
