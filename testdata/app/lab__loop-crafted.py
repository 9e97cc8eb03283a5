#!/usr/bin/env python3
# Writes lab__loop-crafted.pcap: Ethernet Configuration Testing Protocol (loopback, EtherType 0x9000) frames: a Cisco
# keepalive (skipCount 0, Reply), a Forward Data entry before the Reply with the skip count at each, an unknown
# function, and a frame cut inside its function list. tshark 4.0 on the output is the oracle for their columns.
# Usage: python3 lab__loop-crafted.py lab__loop-crafted.pcap
import struct,sys
def loop(body):
    fr=b"\xaa\xbb\xcc\x00\x02\x00"*2+b"\x90\x00"+body
    return fr+b"\0"*max(0,60-len(fr))
mac=b"\x00\x11\x22\x33\x44\x55"
frames=[
 loop(struct.pack("<HHH",0,1,0)),                       # keepalive: Reply
 loop(struct.pack("<HH",0,2)+mac+struct.pack("<HH",1,7)), # at Forward Data
 loop(struct.pack("<HH",8,2)+mac+struct.pack("<HH",1,7)), # at the Reply after it
 loop(struct.pack("<HH",0,9)),                          # unknown function
]
with open(sys.argv[1],"wb") as f:
    f.write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,1))
    for i,fr in enumerate(frames):
        f.write(struct.pack("<IIII",1000+i,0,len(fr),len(fr))+fr)
