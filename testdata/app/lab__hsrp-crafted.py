#!/usr/bin/env python3
# Writes lab__hsrp-crafted.pcap: HSRP as Cisco routers send it, laid out per RFC 2281 (version 1) and Cisco's
# HSRPv2 TLV format (group state, interface state, text and MD5 authentication TLVs), since no HSRP speaker runs on
# Linux here: version 1 hello, coup, resign and advertise, a state with no name, an unknown opcode, MD5
# authentication; version 2 hello and coup with text authentication, interface state TLVs alone and after a group
# state TLV, an unknown IP version, an unknown TLV, HSRPv2 over IPv6 (port 2029); then what tshark leaves to UDP
# (a datagram to a unicast address, one to another port) and a version 1 packet cut short. tshark 4.0 on the output
# is the oracle. Usage: python3 lab__hsrp-crafted.py lab__hsrp-crafted.pcap
import struct, sys

from labpcap import csum, write_pcap
def udp4(src,dst,sp,dp,data):
    u=struct.pack("!HHHH",sp,dp,8+len(data),0)+data
    ip=struct.pack("!BBHHHBBH4s4s",0x45,0xc0,20+len(u),1,0,1,17,0,bytes(src),bytes(dst)); ip=ip[:10]+struct.pack("!H",csum(ip))+ip[12:]
    return b"\x01\x00\x5e\x00\x00\x02"+b"\x00\x00\x0c\x07\xac\x01"+b"\x08\x00"+ip+u
def udp6(src,dst,sp,dp,data):
    u=struct.pack("!HHHH",sp,dp,8+len(data),0)+data
    ip=struct.pack("!IHBB16s16s",0x60000000,len(u),17,255,bytes(src),bytes(dst))
    return b"\x33\x33\x00\x00\x00\x66"+b"\x00\x00\x0c\x9f\xf0\x01"+b"\x86\xdd"+ip+u
R1=[10,0,0,2]; G1=[224,0,0,2]; G2=[224,0,0,102]
def v1(op,state,hello=3,hold=10,prio=100,group=1,auth=b"cisco\0\0\0",vip=[10,0,0,1]):
    return struct.pack("!BBBBBBBB",0,op,state,hello,hold,prio,group,0)+auth+bytes(vip)
def gs(op,state,ipver=4,group=1,prio=100,hello=3000,hold=10000,vip=bytes([10,0,0,1])+bytes(12)):
    return struct.pack("!BBBBBBH6sIII",1,40,2,op,state,ipver,group,b"\x00\x00\x0c\x9f\xf0\x01",prio,hello,hold)+vip
frames=[
 udp4(R1,G1,1985,1985,v1(0,16)),
 udp4(R1,G1,1985,1985,v1(1,4,hello=1,hold=3,auth=b"secret\0\0")),
 udp4(R1,G1,1985,1985,v1(2,8)),
 udp4(R1,G1,1985,1985,v1(0,3)),
 udp4(R1,G1,1985,1985,struct.pack("!BBHHBBHHI",0,3,1,10,2,0,1,0,0)),
 udp4(R1,G1,1985,1985,struct.pack("!BBBB",0,7,0,0)),
 udp4(R1,G1,1985,1985,v1(0,16)+struct.pack("!BBBBHII",4,28,1,0,0,0x0a000002,1)+bytes(16)),
 udp4(R1,G2,1985,1985,gs(0,6)),
 udp4(R1,G2,1985,1985,gs(1,4)+struct.pack("!BB",3,8)+b"cisco\0\0\0"),
 udp4(R1,G2,1985,1985,struct.pack("!BBHH",2,4,1,0)),
 udp4(R1,G2,1985,1985,gs(2,5)+struct.pack("!BB",2,4)+struct.pack("!HH",2,1)),
 udp4(R1,G2,1985,1985,gs(0,9,ipver=5)),
 udp4(R1,G2,1985,1985,struct.pack("!BB",9,2)+b"ab"),
 udp6([0xfe,0x80]+[0]*13+[2],[0xff,0x02]+[0]*13+[0x66],2029,2029,gs(0,6,ipver=6,vip=bytes([0xfe,0x80]+[0]*13+[1]))),
 udp4(R1,[10,0,0,3],1985,1985,v1(0,16)),
 udp4(R1,G1,1985,1986,v1(0,16)),
 udp4(R1,G1,1985,1985,v1(0,16)[:10]),
]
write_pcap(sys.argv[1], 1, frames)
