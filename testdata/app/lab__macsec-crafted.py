#!/usr/bin/env python3
# Writes lab__macsec-crafted.pcap: IEEE 802.1AE MACsec frames (EtherType 0x88e5). This machine's kernel has no
# macsec module, so no real SecY could be recorded; the frames follow the SecTAG layout of IEEE 802.1AE-2018 9.3
# (TCI/AN, short length, packet number, optional SCI, 16-byte ICV at the end) with made-up PNs and ICVs:
# confidentiality-protected frames (E=1, C=1) with and without an SCI, with a short length, in an 802.1Q tag;
# integrity-only frames (E=0, C=0) whose user data (an ICMP echo, an ARP request, an IPv6 UDP DNS query, LLDP,
# an unknown EtherType, a TCP SYN, an 802.1Q tag and the ICMP echo in it) tshark hands on to the EtherType table; a short length with padding after the ICV;
# the reserved E=1,C=0 and E=0,C=1 combinations; version 1; frames too short for SecTAG and ICV.
# tshark 4.0 on the output is the oracle for their columns.
# Usage: python3 lab__macsec-crafted.py lab__macsec-crafted.pcap
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, ipv4, tcp_segment, write_pcap

A = bytes.fromhex("020000aa0001")
B = bytes.fromhex("020000bb0002")
IA, IB = bytes([10, 88, 0, 1]), bytes([10, 88, 0, 2])
ICV = bytes(range(0xA0, 0xB0))


def sectag(tci_an, pn, sci=None, sl=0):
    return struct.pack("!BBI", tci_an, sl, pn) + (sci or b"")


def eth(payload, et=0x88E5, dst=B, src=A, pad=True):
    fr = dst + src + struct.pack("!H", et) + payload
    if pad and len(fr) < 60:
        fr += b"\0" * (60 - len(fr))
    return fr


def icmp_echo(seq):
    body = struct.pack("!BBHHH", 8, 0, 0, 0x1234, seq) + b"macsec-lab" * 3
    return body[:2] + struct.pack("!H", csum(body)) + body[4:]


def arp_req():
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + A + IA + b"\0" * 6 + IB


def udp6_dns():
    q = struct.pack("!HHHHHH", 0x4242, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00" + struct.pack("!HH", 1, 1)
    src = bytes.fromhex("fd000000000000000000000000000001")
    dst = bytes.fromhex("fd000000000000000000000000000002")
    u = struct.pack("!HHHH", 40000, 53, 8 + len(q), 0) + q
    ph = src + dst + struct.pack("!IxxxB", len(u), 17)
    u = u[:6] + struct.pack("!H", csum(ph + u)) + u[8:]
    return struct.pack("!IHBB", 0x60000000, len(u), 17, 64) + src + dst + u


def lldp():
    t = lambda typ, v: struct.pack("!H", typ << 9 | len(v)) + v
    return t(1, b"\x04" + A) + t(2, b"\x03" + A) + t(3, b"\x00\x78") + b"\0\0"


SCI = A + b"\x00\x01"
frames = []
# 1-2: confidentiality protected, SC=1 (SCI present), two PNs
for pn in (1, 2):
    frames.append(eth(sectag(0x2C, pn, SCI) + os.urandom(0) + bytes((pn * 37 + i) & 0xFF for i in range(64)) + ICV))
# 3: confidentiality protected, ES=1 SC=0 (no SCI), AN 1
frames.append(eth(sectag(0x4D, 3) + bytes(range(40)) + ICV))
# 4: confidentiality protected with a short length (20 bytes of data) and padding after the ICV
frames.append(eth(sectag(0x2C, 4, SCI, sl=20) + bytes(range(20)) + ICV))
# 5: confidentiality protected inside an 802.1Q tag (VLAN 10)
frames.append(eth(struct.pack("!HH", 10, 0x88E5) + sectag(0x2C, 5, SCI) + bytes(range(50)) + ICV, et=0x8100))
# 6: integrity only (E=0, C=0) with SCI: an ICMP echo request
frames.append(eth(sectag(0x20, 6, SCI) + b"\x08\x00" + ipv4(IA, IB, 1, icmp_echo(1)) + ICV))
# 7: integrity only, no SCI (ES=1): the echo reply
rep = bytearray(icmp_echo(1)); rep[0] = 0; rep[2:4] = b"\0\0"; rep[2:4] = struct.pack("!H", csum(bytes(rep)))
frames.append(eth(sectag(0x40, 7) + b"\x08\x00" + ipv4(IB, IA, 1, bytes(rep)) + ICV, dst=A, src=B))
# 8: integrity only: an ARP request
frames.append(eth(sectag(0x20, 8, SCI) + b"\x08\x06" + arp_req() + ICV, dst=b"\xff" * 6))
# 9: integrity only: IPv6 UDP DNS query
frames.append(eth(sectag(0x20, 9, SCI) + b"\x86\xdd" + udp6_dns() + ICV))
# 10: integrity only: LLDP
frames.append(eth(sectag(0x20, 10, SCI) + b"\x88\xcc" + lldp() + ICV, dst=bytes.fromhex("0180c200000e")))
# 11: integrity only: an EtherType nothing dissects (0x88b5, local experimental)
frames.append(eth(sectag(0x20, 11, SCI) + b"\x88\xb5" + b"experimental payload" + ICV))
# 12: integrity only: a TCP SYN
frames.append(eth(sectag(0x20, 12, SCI) + b"\x08\x00" + ipv4(IA, IB, 6, tcp_segment(IA, IB, 40001, 80, 100, 0, 0x02, b"")) + ICV))
# 13: integrity only with a short length: ARP (30 bytes with its EtherType) then padding past the ICV
frames.append(eth(sectag(0x40, 13, sl=30) + b"\x08\x06" + arp_req() + ICV + b"\0" * 6, dst=b"\xff" * 6))
# 14: E=1, C=0 (reserved for the KaY)
frames.append(eth(sectag(0x28, 14, SCI) + bytes(range(30)) + ICV))
# 15: E=0, C=1 (changed text without encryption)
frames.append(eth(sectag(0x24, 15, SCI) + bytes(range(30)) + ICV))
# 16: version bit set
frames.append(eth(sectag(0xAC, 16, SCI) + bytes(range(30)) + ICV))
# 17: SecTAG and ICV only, no data (no padding: the frame ends with the ICV)
frames.append(eth(sectag(0x2C, 17, SCI) + ICV, pad=False))
# 18: only 4 bytes after the EtherType
frames.append(eth(b"\x2c\x00\x00\x00", pad=False))
# 19: integrity only, data one byte long (no room for the EtherType)
frames.append(eth(sectag(0x20, 19, SCI) + b"\x08" + ICV, pad=False))
# 20: integrity only, the IPv4 header cut by the ICV
frames.append(eth(sectag(0x20, 20, SCI) + b"\x08\x00" + ipv4(IA, IB, 1, icmp_echo(2))[:12] + ICV, pad=False))
# 21: integrity only inside an 802.1Q tag: an ICMP echo
frames.append(eth(struct.pack("!HH", 10, 0x88E5) + sectag(0x20, 21, SCI) + b"\x08\x00" + ipv4(IA, IB, 1, icmp_echo(3)) + ICV, et=0x8100))
# 22: integrity only, short length 40 with an IPv4 total length longer than that
frames.append(eth(sectag(0x20, 22, SCI, sl=40) + b"\x08\x00" + ipv4(IA, IB, 1, icmp_echo(4)) + ICV))
# 23: integrity only, an 802.1Q tag (VLAN 30) inside carrying an ICMP echo
frames.append(eth(sectag(0x20, 23, SCI) + b"\x81\x00\x00\x1e\x08\x00" + ipv4(IA, IB, 1, icmp_echo(5)) + ICV))
write_pcap(sys.argv[1], 1, frames)
