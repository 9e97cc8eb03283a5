#!/usr/bin/env python3
"""Writes lab__wlan-data-crafted.pcap (LINKTYPE_IEEE802_11): IEEE 802.11 data frames whose bodies are not an
LLC/SNAP header (all zeros, an STP BPDU on SAP 0x42, empty, one byte), which tshark gives to its LLC dissector,
and fragments (IEEE 802.11-2020 §10.4): a first fragment (More Fragments set), which tshark holds back as
"Fragmented IEEE 802.11 frame", and a last fragment whose first was never seen, whose body it reads as LLC.
A fragment pair tshark reassembles is left out: ladder does not reassemble 802.11 fragments.
tshark 4.0.17 on the output is the oracle. Usage: python3 lab__wlan-data-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import ipv4, write_pcap

A1, A2, A3 = b"\x02\0\0\0\0\x01", b"\x02\0\0\0\0\x02", b"\x02\0\0\0\0\x03"
IP = ipv4(bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]), 1, b"\x08\x00\xf7\xf7\x00\x00\x00\x00" + b"x" * 40, frag=0)
SNAP_IP = b"\xaa\xaa\x03\0\0\0\x08\x00" + IP


def data(flags, seq, frag, body):
    return struct.pack("<BBH", 0x08, flags, 0) + A1 + A2 + A3 + struct.pack("<H", seq << 4 | frag) + body


fr = [
    data(0x04, 5, 0, SNAP_IP[:30]),  # a first fragment
    data(0x00, 6, 1, SNAP_IP[30:]),  # a last fragment without its first
    data(0x00, 8, 0, b"\0" * 24),  # LLC of SAP 0, an I frame
    data(0x00, 9, 0, b"\x42\x42\x03" + b"\0" * 35),  # STP
    data(0x00, 10, 0, b""),
    data(0x00, 11, 0, b"\xaa"),
    data(0x00, 12, 0, SNAP_IP),  # whole, for contrast
]
write_pcap(sys.argv[1], 105, fr)
