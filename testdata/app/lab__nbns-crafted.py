#!/usr/bin/env python3
# Writes lab__nbns-crafted.pcap: hand-built NBNS messages (queries, positive and negative responses, NBSTAT,
# registration, refresh, scopes, illegal names, truncation) and one name query per NetBIOS suffix byte.
# tshark 4.0 on the output is the oracle for their Info text and details.
# Usage: python3 lab__nbns-crafted.py lab__nbns-crafted.pcap
import struct,sys
def name(s):
    if s=="": return b"\0"
    return b"".join(bytes([len(l)])+l.encode() for l in s.split("."))+b"\0"
def rr(n,t,d,cls=1,ttl=60):
    return name(n)+struct.pack(">HHIH",t,cls,ttl,len(d))+d
def q(n,t,cls=1): return name(n)+struct.pack(">HH",t,cls)
def msg(id,flags,qs,ans,auth=[],add=[]):
    return struct.pack(">HHHHHH",id,flags,len(qs),len(ans),len(auth),len(add))+b"".join(qs+ans+auth+add)
def udp(payload,sport=53,dport=33333,src=b"\x0a\0\0\x01",dst=b"\x0a\0\0\x02"):
    u=struct.pack(">HHHH",sport,dport,8+len(payload),0)+payload
    ph=src+dst+struct.pack(">BBH",0,17,len(u))+u+(b"\0" if len(u)%2 else b"")
    cs=sum(struct.unpack(">%dH"%(len(ph)//2),ph))
    while cs>>16: cs=(cs&0xffff)+(cs>>16)
    cs=(~cs)&0xffff or 0xffff
    u=u[:6]+struct.pack(">H",cs)+u[8:]
    ip=struct.pack(">BBHHHBBH4s4s",0x45,0,20+len(u),1,0,64,17,0,src,dst)
    eth=b"\x00\x11\x22\x33\x44\x55"*2+b"\x08\x00"
    return eth+ip+u
def pcap(frames,fn):
    with open(fn,"wb") as f:
        f.write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,1))
        for i,fr in enumerate(frames):
            f.write(struct.pack("<IIII",1000+i,0,len(fr),len(fr))+fr)
def nbname(n,suffix=0x00,scope=""):
    raw=n.ljust(15)[:15].encode()+bytes([suffix])
    enc=b"".join(bytes([0x41+(c>>4),0x41+(c&15)]) for c in raw)
    out=bytes([32])+enc
    if scope:
        for l in scope.split("."): out+=bytes([len(l)])+l.encode()
    return out+b"\0"
def nb(id,flags,qs,ans,auth=[],add=[]):
    return struct.pack(">HHHHHH",id,flags,len(qs),len(ans),len(auth),len(add))+b"".join(qs+ans+auth+add)
def nq(n,t=32,**k): return nbname(n,**k)+struct.pack(">HH",t,1)
def nrr(n,t,d,**k): return nbname(n,**k)+struct.pack(">HHIH",t,1,300,len(d))+d
fr=[]
P=dict(sport=137,dport=137)
fr.append(udp(nb(1,0x0110,[nq("WORKGROUP",suffix=0x1d)],[]),**P))
fr.append(udp(nb(1,0x8500,[],[nrr("HOST",32,b"\x00\x00\x0a\x00\x00\x05")]),**P))
fr.append(udp(nb(2,0x8503,[],[nrr("HOST",32,b"")]),**P))
fr.append(udp(nb(3,0x0000,[nq("*",33)],[]),**P))
fr.append(udp(nb(3,0x8400,[],[nrr("*",33,b"\x01"+b"HOST           \x00"+b"\x04\x00"+b"\x00"*6)]),**P))
fr.append(udp(nb(4,0x2910,[nq("HOST")],[],[],[nrr("HOST",32,b"\x00\x00\x0a\x00\x00\x05")]),**P))
fr.append(udp(nb(4,0xad80,[],[nrr("HOST",32,b"\x00\x00\x0a\x00\x00\x05")]),**P))
fr.append(udp(nb(5,0xad86,[],[nrr("HOST",32,b"\x00\x00\x0a\x00\x00\x05")]),**P))
fr.append(udp(nb(6,0x0110,[nq("HOST",scope="corp.example")],[]),**P))
fr.append(udp(nb(7,0x4010,[nq("HOST")],[]),**P))
fr.append(udp(nb(8,0x0110,[nq("a\x01b")],[]),**P))
fr.append(udp(nb(9,0x8500,[],[nrr("HOST",32,b"\x00\x00\x0a\x00\x00\x05\x60\x00\x0a\x00\x00\x06")]),**P))
fr.append(udp(nb(10,0x0110,[b"\x05ABCDE\x00\x00\x20\x00\x01"],[]),**P))
fr.append(udp(nb(11,0x0110,[nq("HOST")[:20]],[]),**P))
fr.append(udp(nb(12,0x7800,[nq("HOST")],[]),**P))

fr+=[udp(nb(i,0x0110,[nq("HOST",suffix=i)],[]),sport=137,dport=137) for i in range(256)]
pcap(fr,sys.argv[1])
