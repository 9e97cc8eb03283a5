#!/usr/bin/env python3
"""Writes lab__dns-labels-crafted.pcap: DNS messages over UDP whose names use the label types other than a plain
length (RFC 1035 4.1.4 pointers, RFC 2673 extended labels: bitstrings 0x41 and unknown types 0x40-0x7f, the
reserved type 0x80-0xbf) at the first and later positions of query, answer and CNAME names; pointers that loop,
point past the message or forward; messages cut inside a name, type, class or record; short and long A, AAAA,
MX and TXT data; names of 63-byte labels and over 255 bytes. tshark 4.0.17 on the output is the oracle.
Usage: python3 lab__dns-labels-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import ipv4, write_pcap

E = b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00"
C, S = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
fr = []


def udp(p, sp=33333, dp=53):
    return struct.pack(">HHHH", sp, dp, 8 + len(p), 0) + p


def add(dns, resp=False):
    fr.append(E + ipv4(C, S, 17, udp(dns, 53 if resp else 33333, 33333 if resp else 53), frag=0))


def hdr(ident, flags, qd, an):
    return struct.pack(">HHHHHH", ident, flags, qd, an, 0, 0)


for t in [0x40,0x41,0x42,0x43,0x50,0x7f,0x80,0x81,0xbf]:
    # first label
    add(hdr(t,0x0100,1,0)+bytes([t])+b"\x03abc\x00"+struct.pack(">HH",1,1))
    # second label
    add(hdr(t,0x0100,1,0)+b"\x03www"+bytes([t])+b"\x03abc\x00"+struct.pack(">HH",1,1))
# bitstring label 0x41 with count
for cnt in [0,1,8,9,16,32,255]:
    n=(cnt+7)//8 if cnt else 32
    add(hdr(0x1000+cnt,0x0100,1,0)+b"\x41"+bytes([cnt])+b"\xaa"*n+b"\x00"+struct.pack(">HH",1,1))
# pointers
add(hdr(0x2001,0x0100,1,0)+b"\xc0\x0c"+struct.pack(">HH",1,1))   # self loop
add(hdr(0x2002,0x0100,1,0)+b"\xc0\xff"+struct.pack(">HH",1,1))   # beyond
add(hdr(0x2003,0x0100,1,0)+b"\xc0\x00"+struct.pack(">HH",1,1))   # into header
add(hdr(0x2004,0x0100,1,0)+b"\x03www\xc0\x0c"+struct.pack(">HH",1,1))
add(hdr(0x2005,0x0100,1,0)+b"\x03www\xc0\x12"+struct.pack(">HH",1,1)) # forward pointer
add(hdr(0x2006,0x0100,1,0)+b"\x03www\xc0")  # cut pointer
add(hdr(0x2007,0x0100,1,0)+b"\x03ww")  # cut label
add(hdr(0x2008,0x0100,1,0)+b"\x03www\x00\x00")  # cut type
add(hdr(0x2009,0x0100,1,0)+b"\x03www\x00\x00\x01\x00")  # cut class
add(hdr(0x200a,0x0100,2,0)+b"\x03www\x00\x00\x01\x00\x01")  # qdcount 2, 1 present
add(hdr(0x200b,0x0100,0,0))  # empty
add(hdr(0x200c,0x8180,1,1)+b"\x03www\x00\x00\x01\x00\x01"+b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x01\x02\x03")  # cut A
add(hdr(0x200d,0x8180,1,1)+b"\x03www\x00\x00\x01\x00\x01"+b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x05\x01\x02\x03\x04\x05")  # A len 5
add(hdr(0x200e,0x8180,1,1)+b"\x03www\x00\x00\x01\x00\x01"+b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x03\x01\x02\x03")  # A len 3
add(hdr(0x200f,0x8180,1,1)+b"\x03www\x00\x00\x01\x00\x01"+b"\xc0\x0c\x00\x05\x00\x01\x00\x00\x00\x3c\x00\x02\xc0\x0c")  # CNAME loop to q
add(hdr(0x2010,0x8180,1,1)+b"\x03www\x00\x00\x01\x00\x01"+b"\xc0\x0c\x00\x05\x00\x01\x00\x00\x00\x3c\x00\x02\xc0\x1d")  # CNAME self pointer
add(hdr(0x2011,0x8180,1,1)+b"\x03www\x00\x00\x1c\x00\x01"+b"\xc0\x0c\x00\x1c\x00\x01\x00\x00\x00\x3c\x00\x04\x01\x02\x03\x04")  # AAAA short
add(hdr(0x2012,0x8180,1,1)+b"\x03www\x00\x00\x0f\x00\x01"+b"\xc0\x0c\x00\x0f\x00\x01\x00\x00\x00\x3c\x00\x01\x00")  # MX short
add(hdr(0x2013,0x8180,1,1)+b"\x03www\x00\x00\x10\x00\x01"+b"\xc0\x0c\x00\x10\x00\x01\x00\x00\x00\x3c\x00\x05\x09abcd")  # TXT overflow
add(hdr(0x2014,0x8180,1,2)+b"\x03www\x00\x00\x01\x00\x01"+b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x01\x02\x03\x04")  # ancount 2 only 1
add(hdr(0x2015,0x8180,1,1)+b"\x03www\x00\x00\x01\x00\x01"+b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x01\x02\x03\x04"+b"junk")  # trailing
add(hdr(0x2016,0x8180,1,1)+b"\x03www\x00\x00\x0c\x00\x01"+b"\xc0\x0c\x00\x0c\x00\x01\x00\x00\x00\x3c\x00\x03\x01a\xc0")  # PTR cut ptr
add(hdr(0x2017,0x8180,1,1)+b"\x03www\x00\x00\x02\x00\x01"+b"\xc0\x0c\x00\x02\x00\x01\x00\x00\x00\x3c\x00\x02\x40\x00")  # NS ext label
add(hdr(0x2018,0x0100,1,0)+b"\x3f"+b"a"*63+b"\x00"+struct.pack(">HH",1,1))  # 63 label
add(hdr(0x2019,0x0100,1,0)+(b"\x3f"+b"a"*63)*4+b"\x00"+struct.pack(">HH",1,1))  # 256 name
add(hdr(0x201a,0x0100,1,0)+b"\x00"+struct.pack(">HH",1,1))  # root
add(hdr(0x201b,0x0100,1,0)+b"\x01.\x03a b\x00"+struct.pack(">HH",1,1))  # dots/space

T=struct.pack(">HH",1,1)
add(hdr(1,0x0100,1,0)+b"\x41\x08\xaa\x03abc\x00"+T)      # bitstring then label
add(hdr(2,0x0100,1,0)+b"\x03abc\x41\x08\xaa\x00"+T)      # label then bitstring
add(hdr(3,0x0100,1,0)+b"\x03abc\x03def\x42\x00"+T)       # ext third
add(hdr(4,0x0100,1,0)+b"\x03abc\x42"+T)                  # ext second, then type
add(hdr(5,0x0100,1,0)+b"\x42"+b"\x00"+T)                  # ext first then 00
add(hdr(6,0x0100,1,0)+b"\x41\x00\x00"+T)                  # bitstring count 0
add(hdr(7,0x0100,1,0)+b"\x01a\x41\x08\xaa\x01b\x00"+T)
add(hdr(8,0x0100,1,0)+b"\x80"+T)
add(hdr(9,0x0100,1,0)+b"\x01a\x80"+T)
add(hdr(10,0x0100,1,0)+b"\x01a\xbf"+T)
add(hdr(11,0x8180,1,1)+b"\x01a\x00"+T+b"\x42"+struct.pack(">HHIH",1,1,60,4)+b"\x01\x02\x03\x04",True)  # answer name ext first
add(hdr(12,0x8180,1,1)+b"\x01a\x00"+T+b"\x01b\x42"+struct.pack(">HHIH",1,1,60,4)+b"\x01\x02\x03\x04",True)
add(hdr(13,0x8180,1,1)+b"\x01a\x00"+T+b"\xc0\x0c"+struct.pack(">HHIH",5,1,60,1)+b"\x42",True)   # CNAME rdata ext
add(hdr(14,0x8180,1,1)+b"\x01a\x00"+T+b"\xc0\x0c"+struct.pack(">HHIH",5,1,60,3)+b"\x01b\x42",True)
add(hdr(15,0x0100,1,0)+b"\x01a\x80\x00"+T)
add(hdr(16,0x0100,1,0)+b"\x01a\x01b\x80"+T)
write_pcap(sys.argv[1], 1, fr)
