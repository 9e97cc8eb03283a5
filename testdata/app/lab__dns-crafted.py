#!/usr/bin/env python3
# Writes lab__dns-crafted.pcap: hand-built DNS messages over UDP, one case each (every record type tshark 4.0
# names, every rcode and opcode, truncated messages, compression-pointer loops, names too long, label bytes
# that need escaping). tshark 4.0 on the output is the oracle for their Info text.
# Usage: python3 lab__dns-crafted.py lab__dns-crafted.pcap
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
frames=[]
N="ex.com"
tests=[
 (5,name("c.ex.com")),(6,name("ns.ex.com")+name("h.ex.com")+struct.pack(">IIIII",1,2,3,4,5)),
 (15,struct.pack(">H",10)+name("mx.ex.com")),(33,struct.pack(">HHH",1,2,443)+name("t.ex.com")),
 (13,b"\x03cpu\x02os"),(35,struct.pack(">HH",10,20)+b"\x01u\x03E2U\x00"+name("r.ex.com")),
 (39,name("d.ex.com")),(16,b"\x03abc"),(99,b"\x03spf"),(47,name("n.ex.com")+b"\x00\x01\x40"),
 (43,b"\x00\x01\x08\x02"+b"\x11"*32),(48,b"\x01\x01\x03\x08"+b"\x22"*8),(257,b"\x00\x05issueletsencrypt.org"),
 (29,b"\x00"*16),(11,b"\x01\x02\x03\x04\x06\x00\x01"),(14,name("a.ex.com")+name("b.ex.com")),(17,name("a.ex.com")+name("b.ex.com")),
 (18,b"\x00\x01"+name("afs.ex.com")),(36,b"\x00\x01"+name("kx.ex.com")),(26,b"\x00\x01"+name("a.ex.com")+name("b.ex.com")),
 (10,b"xyz"),(65,b"\x00\x01"+name("s.ex.com")),(64,b"\x00\x01"+name("s.ex.com")),(1234,b"abc"),(1,b"\x01\x02\x03"),(28,b"\x01"*16),
 (2,name("ns1.ex.com")),(12,name("p.ex.com")),(3,name("md.ex.com")),(7,name("mb.ex.com")),(8,name("mg.ex.com")),(9,name("mr.ex.com")),
 (44,b"\x01\x01"+b"\x33"*20),(51,b"\x01\x00\x00\x0a\x00"),(52,b"\x03\x01\x01"+b"\x44"*32),
 (46,struct.pack(">HBBIIIH",1,8,2,60,0,0,1)+name("ex.com")+b"\x55"*8),(24,struct.pack(">HBBIIIH",1,8,2,60,0,0,1)+name("ex.com")+b"\x55"*8),
 (250,name("hmac-md5.sig-alg.reg.int")+b"\x00\x00\x11\x22\x33\x44\x01\x2c\x00\x02ab\x12\x34\x00\x00\x00\x00"),
 (249,name("gss-tsig")+b"\x00"*8+b"\x00\x03\x00\x00\x00\x00\x00\x00"),
 (256,b"\x00\x01\x00\x02http://x"),(37,b"\x00\x01\x00\x02\x05abc"),(42,b"\x00\x01\x18\x03\x0a\x00\x00"),(61,b"\x99"*4),(62,b"\x00\x00\x00\x01\x00\x00"),
 (108,b"\x00\x11\x22\x33\x44\x55"),(109,b"\x00\x11\x22\x33\x44\x55\x66\x77"),(22,b"\x47\x00"),(25,b"\x01\x01\x03\x08\x66"),(45,b"\x0a\x01\x01\x0a\x00\x00\x01"+b"\x77"*4),
 (55,b"\x02\x01\x00\x02"+b"\x11\x22"+b"\x33\x44"),(49,b"\x00\x01\x02"),(59,b"\x00\x01\x08\x02"+b"\x11"*4),(60,b"\x01\x01\x03\x08"+b"\x22"*4),(65281,b"\x00"*16),(65282,b"\x00"*12+name("w.ex.com")),
 (32769,b"\x00\x01\x08\x02"+b"\x11"*4),(104,b"\x00\x0a"+b"\x01"*8),(105,b"\x00\x0a"+b"\x01"*4),(106,b"\x00\x0a"+b"\x01"*8),(107,b"\x00\x0a"+name("lp.ex.com")),
 (19,b"\x03123"),(20,b"\x03123\x014"),(21,b"\x00\x01"+name("rt.ex.com")),(27,b"\x011\x012\x013"),(30,name("nx.ex.com")+b"\x40"),(31,b"ab"),(32,b"ab"),(34,b"\x01\x02"),(40,b"\x01\x02"),(100,b"abc"),(101,b"\x00\x00\x00\x01"),(102,b"\x00\x00\x00\x01"),(103,b"x"),(58,name("a.ex.com")+name("b.ex.com")),(57,b"\x01\x01\x03\x08\x66"),(63,b"\x00"*6+b"\x01"*4),(0,b"x"),(255,b"x"),(252,b"x"),(32768,b"\x00\x01\x08\x02\x11"),(41,b"")
]
for i,(t,d) in enumerate(tests):
    frames.append(udp(msg(0x100+i,0x8180,[q(N,t)],[rr(N,t,d)])))
# rcodes, opcodes
for rc in range(0,16):
    frames.append(udp(msg(0x200+rc,0x8180|rc,[q(N,1)],[],[rr("ex.com",6,name("ns.ex.com")+name("h.ex.com")+struct.pack(">IIIII",1,2,3,4,5))])))
for op in range(0,16):
    frames.append(udp(msg(0x300+op,0x0100|(op<<11),[q(N,1)],[]),sport=33333,dport=53))
    frames.append(udp(msg(0x300+op,0x8180|(op<<11),[q(N,1)],[])))
# truncated / malformed
m=msg(0x400,0x8180,[q(N,1)],[rr(N,1,b"\x01\x02\x03\x04")])
frames.append(udp(m[:-2]))
frames.append(udp(m[:20]))
frames.append(udp(m[:5]))
frames.append(udp(struct.pack(">HHHHHH",0x401,0x0100,1,0,0,0)+b"\xc0\x0c\x00\x01\x00\x01",sport=3333,dport=53)) # pointer loop
frames.append(udp(struct.pack(">HHHHHH",0x402,0x0100,1,0,0,0)+b"\x02a\x07\xc0\x0c\x00\x01\x00\x01",sport=3333,dport=53)) # bad
frames.append(udp(struct.pack(">HHHHHH",0x403,0x0100,3,0,0,0)+q(N,1),sport=3333,dport=53)) # count beyond
frames.append(udp(struct.pack(">HHHHHH",0x404,0x0100,1,0,0,0)+b"\x03a\x01b\x00\x00\x01\x00\x01",sport=3333,dport=53)) # ctrl char
frames.append(udp(struct.pack(">HHHHHH",0x405,0x0100,1,0,0,0)+b"\x03a.b\x03x\\y\x00\x00\x01\x00\x01",sport=3333,dport=53)) # dot backslash
frames.append(udp(struct.pack(">HHHHHH",0x406,0x0100,1,0,0,0)+b"\x03\xc3\xa9b\x00\x00\x01\x00\x01",sport=3333,dport=53)) # utf8
frames.append(udp(struct.pack(">HHHHHH",0x407,0x0100,1,0,0,0)+b"\x41a\x00\x00\x01\x00\x01",sport=3333,dport=53)) # label type 01
frames.append(udp(struct.pack(">HHHHHH",0x408,0x0100,1,0,0,0)+b"\x81a\x00\x00\x01\x00\x01",sport=3333,dport=53)) # label type 10
frames.append(udp(struct.pack(">HHHHHH",0x409,0x0100,1,0,0,0)+b"\x02ab\xc0\x0c\x00\x01\x00\x01",sport=3333,dport=53)) # loop after label
frames.append(udp(struct.pack(">HHHHHH",0x40a,0x0100,1,0,0,0)+b"\xc0\x40\x00\x01\x00\x01",sport=3333,dport=53)) # pointer out of range
frames.append(udp(msg(0x40b,0x8180,[q(N,1)],[rr(N,1,b"\x01\x02\x03\x04",cls=3),rr(N,1,b"\x01\x02\x03\x04",cls=0x8001),rr(N,16,b"",)])))
frames.append(udp(msg(0x40c,0x8180,[q(N,1,cls=0x8001)],[rr(N,5,name("")),rr(N,1,b"\x01\x02\x03\x04")])))
frames.append(udp(msg(0x40d,0x8180,[],[])))
frames.append(udp(struct.pack(">HHHHHH",0x40e,0x0100,1,0,0,0)+name("a"*63+"."+"b"*63+"."+"c"*63+"."+"d"*63)+b"\x00\x01\x00\x01",sport=3333,dport=53))
pcap(frames,sys.argv[1])
