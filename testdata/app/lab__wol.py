#!/usr/bin/env python3
"""Sends real Wake-on-LAN magic packets for lab__wol.pcap (see lab__wol.sh).

Usage: python3 lab__wol.py IFACE  (run inside the sending network namespace)

Each magic packet is six 0xff bytes and the target MAC sixteen times, with an
optional SecureOn password of 4 or 6 bytes; they go out as UDP broadcasts to
ports 9 and 7 and to an ephemeral port, and as raw Ethernet frames of type
0x0842 through an AF_PACKET socket. One datagram to port 9 is cut in its last
copy of the MAC, so it is no magic packet. The MACs are locally
administered (tshark names a vendor's MAC by its OUI, which ladder does not).
"""
import socket
import struct
import sys
import time

iface = sys.argv[1]
target = bytes.fromhex("0250b6a1c2d3")


def magic(mac, password=b""):
    return b"\xff" * 6 + mac * 16 + password


udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
udp.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
for port, payload in [
    (9, magic(target)),
    (9, magic(target, bytes([192, 168, 1, 7]))),  # 4-byte password
    (7, magic(target)),
    (7, magic(target, bytes.fromhex("a1b2c3d4e5f6"))),  # 6-byte password
    (9, magic(target, bytes.fromhex("a1b2c3d4e5f6"))),  # 6-byte password
    (40000, magic(bytes.fromhex("06b0c0d0e0f0"))),
    (9, magic(target)[:99]),  # cut in its last copy of the MAC: no magic packet
]:
    udp.sendto(payload, ("255.255.255.255", port))
    time.sleep(0.05)
# Directed to the peer's address rather than broadcast.
udp.sendto(magic(target), ("10.16.0.2", 9))
time.sleep(0.05)

raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
raw.bind((iface, 0))
src = raw.getsockname()[4]
for payload in [magic(target), magic(target, bytes.fromhex("0a0b0c0d"))]:
    raw.send(b"\xff" * 6 + src + struct.pack("!H", 0x0842) + payload)
    time.sleep(0.05)
raw.send(target + src + struct.pack("!H", 0x0842) + magic(target))
