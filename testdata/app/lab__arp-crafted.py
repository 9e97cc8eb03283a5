#!/usr/bin/env python3
"""Writes lab__arp-crafted.pcap: ARP-layout packets no real stack here sent,
to read tshark 4.0's rules back: every opcode 0-26 (RARP, DRARP, Inverse
ARP, ARP NAK, MARS, MAPOS, experimental), gratuitous requests and replies,
probes, announcements, other hardware types and address sizes, empty
addresses, packets cut at each length, RARP's own EtherType 0x8035, and
the cases of tshark's duplicate address detection.
Made-up addresses; run from this folder."""
import struct

from labpcap import write_pcap


def eth(et, p, dst="ffffffffffff"):
    return bytes.fromhex(dst + "020000000001") + struct.pack("!H", et) + p


def arp(op, htype=1, ptype=0x800, hlen=6, plen=4, sha=bytes.fromhex("020000000001"), spa=bytes([10, 0, 0, 1]),
        tha=bytes(6), tpa=bytes([10, 0, 0, 2])):
    return struct.pack("!HHBBH", htype, ptype, hlen, plen, op) + sha + spa + tha + tpa


frames = []
for op in range(0, 27): frames.append(eth(0x806, arp(op)))
frames.append(eth(0x806, arp(1, tpa=bytes([10,0,0,1]))))  # gratuitous
frames.append(eth(0x806, arp(2, tpa=bytes([10,0,0,1]), spa=bytes([10,0,0,1]))))  # gratuitous reply
frames.append(eth(0x806, arp(1, spa=bytes(4))))  # probe
frames.append(eth(0x806, arp(1, spa=bytes([10,0,0,9]), tpa=bytes([10,0,0,9]))))  # announcement?
for ht in [6, 15, 16, 20, 24, 32, 256]: frames.append(eth(0x806, arp(1, htype=ht)))
frames.append(eth(0x806, arp(1, ptype=0x86dd, plen=16, spa=bytes(16), tpa=bytes(16))))
frames.append(eth(0x806, arp(1, hlen=8, sha=bytes(8), tha=bytes(8))))
frames.append(eth(0x806, arp(1, plen=6, spa=bytes(6), tpa=bytes(6))))
frames.append(eth(0x806, arp(1, hlen=0, plen=0, sha=b'', tha=b'', spa=b'', tpa=b'')))
full = arp(1)
for n in [0,4,7,8,10,20,27]: frames.append(eth(0x806, full[:n]))
frames.append(eth(0x8035, arp(3)))
frames.append(eth(0x8035, arp(4, tha=bytes.fromhex('020000000009'))))
frames.append(eth(0x8035, arp(1)))
frames.append(eth(0x806, arp(8, tha=bytes.fromhex('020000000009'))))  # InARP
frames.append(eth(0x806, arp(9)))
frames.append(eth(0x806, arp(2, htype=6)))

# duplicate address detection: which packets tshark compares with the first
# MAC an address was claimed by (requests, replies without a target MAC)
def mac(x):
    return bytes.fromhex("0200000000%02x" % x)


def ip(x):
    return bytes([10, 0, 1, x])


for sender, op, tha in [
    (1, 1, bytes(6)), (2, 1, bytes(6)),  # request, then another MAC: duplicate
    (1, 2, mac(99)), (2, 2, mac(99)), (2, 2, mac(99)), (3, 2, bytes(6)),  # replies to a MAC: not compared
]:
    frames.append(eth(0x806, arp(op, sha=mac(sender), spa=ip(1), tha=tha, tpa=ip(99))))
for first, second, tha2 in [(5, 6, bytes(6)), (7, 8, mac(9)), (10, 11, bytes([255] * 6))]:
    frames.append(eth(0x806, arp(2, sha=mac(first), spa=ip(first), tha=mac(9), tpa=ip(99))))
    frames.append(eth(0x806, arp(2, sha=mac(second), spa=ip(first), tha=tha2, tpa=ip(99))))
frames.append(eth(0x806, arp(1, sha=mac(12), spa=bytes(4), tpa=ip(20))))  # probes are not kept
frames.append(eth(0x806, arp(1, sha=mac(13), spa=bytes(4), tpa=ip(20))))
frames.append(eth(0x806, arp(2, sha=bytes(6), spa=ip(30))))  # a zero MAC is not kept
frames.append(eth(0x806, arp(2, sha=mac(14), spa=ip(30))))
frames.append(eth(0x806, arp(2, sha=bytes.fromhex("010000000001"), spa=ip(31))))  # nor a multicast one
frames.append(eth(0x806, arp(2, sha=mac(15), spa=ip(31))))
frames.append(eth(0x806, arp(1, sha=mac(16), spa=ip(60), tpa=ip(60))))  # announcements
frames.append(eth(0x806, arp(1, sha=mac(17), spa=ip(60), tpa=ip(60))))

write_pcap("lab__arp-crafted.pcap", 1, frames)
