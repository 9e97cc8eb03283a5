#!/usr/bin/env python3
"""Writes decode/manuf_ouis.bin: the 24-bit organisationally unique identifiers that Wireshark's manufacturer file
names on a line of their own (those get_manuf_name_if_known() finds), as sorted 3-byte big-endian values.
packet-pw-eth.c reads an MPLS pseudowire as Ethernet without a control word when both MAC addresses start with
one. Usage: python3 tools/manuf-ouis.py [/usr/share/wireshark/manuf] > decode/manuf_ouis.bin
decode's TestManufOUIsMatchTshark compares the result with the file tshark reads."""
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wireshark/manuf"
ouis = set()
with open(path, encoding="utf-8", errors="replace") as f:
    for line in f:
        m = re.match(r"^([0-9A-Fa-f]{2})[:-]([0-9A-Fa-f]{2})[:-]([0-9A-Fa-f]{2})\s", line)
        if m:
            ouis.add(int(m.group(1) + m.group(2) + m.group(3), 16))
sys.stdout.buffer.write(b"".join(o.to_bytes(3, "big") for o in sorted(ouis)))
