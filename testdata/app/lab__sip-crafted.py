#!/usr/bin/env python3
# Writes lab__sip-crafted.pcap: hand-built SIP messages over UDP, one case each (every Info rule of Wireshark 4.0's
# sip dissector: known and unknown methods, 200 with and without CSeq, in-dialog requests, REGISTER bindings added,
# removed, fetched and kept, bodies of SDP, text, JSON, XML and unknown types, a keep-alive that is not SIP, SIP on
# other ports). tshark 4.0 on the output is the oracle for their Protocol and Info columns.
# Usage: python3 lab__sip-crafted.py lab__sip-crafted.pcap
import struct,sys
def udp(payload,sport,dport,src=b"\x0a\0\0\x01",dst=b"\x0a\0\0\x02"):
    u=struct.pack(">HHHH",sport,dport,8+len(payload),0)+payload
    ph=src+dst+struct.pack(">BBH",0,17,len(u))+u+(b"\0" if len(u)%2 else b"")
    cs=sum(struct.unpack(">%dH"%(len(ph)//2),ph))
    while cs>>16: cs=(cs&0xffff)+(cs>>16)
    cs=(~cs)&0xffff or 0xffff
    u=u[:6]+struct.pack(">H",cs)+u[8:]
    ip=struct.pack(">BBHHHBBH4s4s",0x45,0,20+len(u),1,0,64,17,0,src,dst)
    return b"\x00\x11\x22\x33\x44\x55"*2+b"\x08\x00"+ip+u
def pcap(frames,fn):
    with open(fn,"wb") as f:
        f.write(struct.pack("<IHHiIII",0xa1b2c3d4,2,4,0,0,65535,1))
        for i,fr in enumerate(frames):
            f.write(struct.pack("<IIII",1000+i,0,len(fr),len(fr))+fr)
def sip(first, hdrs, body=b"", ctype=None):
    h=[first]+hdrs
    if ctype: h.append("Content-Type: "+ctype)
    h.append("Content-Length: %d"%len(body))
    return ("\r\n".join(h)+"\r\n\r\n").encode()+body
base=["Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1","From: <sip:a@x>;tag=1","To: <sip:b@x>","Call-ID: c1@x","Max-Forwards: 70"]
sdp=b"v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
msgs=[
 sip("OPTIONS sip:b@x SIP/2.0", base+["CSeq: 1 OPTIONS"]),
 sip("SIP/2.0 200 OK", base+["CSeq: 1 OPTIONS"]),
 sip("SIP/2.0 202 Accepted", base+["CSeq: 2 REFER"]),
 sip("SIP/2.0 180 Ringing", base+["CSeq: 3 INVITE"]),
 sip("SIP/2.0 301 Moved", base+["CSeq: 3 INVITE"]),
 sip("SIP/2.0 603 Decline", base+["CSeq: 3 INVITE"]),
 sip("FOO sip:b@x SIP/2.0", base+["CSeq: 4 FOO"]),
 sip("INVITE sip:b@x SIP/2.0", ["Via: SIP/2.0/UDP 10.0.0.1:5060","From: <sip:a@x>;tag=1","To: <sip:b@x>;tag=9","Call-ID: c2@x","CSeq: 5 INVITE"], sdp, "application/sdp"),
 sip("REGISTER sip:x SIP/2.0", base+["CSeq: 6 REGISTER","Contact: <sip:a@1.2.3.4>;expires=0"]),
 sip("REGISTER sip:x SIP/2.0", base+["CSeq: 7 REGISTER","Contact: *","Expires: 0"]),
 sip("REGISTER sip:x SIP/2.0", base+["CSeq: 8 REGISTER"]),
 sip("REGISTER sip:x SIP/2.0", base+["CSeq: 9 REGISTER","Contact: <sip:a@1.2.3.4>, <sip:a@5.6.7.8>"]),
 sip("SIP/2.0 200 OK", base+["CSeq: 9 REGISTER","Contact: <sip:a@1.2.3.4>;expires=3600, <sip:a@5.6.7.8>;expires=0"]),
 sip("MESSAGE sip:b@x SIP/2.0", base+["CSeq: 10 MESSAGE"], b"hello\r\n", "text/plain"),
 sip("NOTIFY sip:b@x SIP/2.0", base+["CSeq: 11 NOTIFY"], b"<a/>", "application/pidf+xml"),
 sip("SIP/2.0 200 OK", ["Via: SIP/2.0/UDP 10.0.0.1:5060","CSeq: 12 INVITE","Call-ID: c3@x"], sdp, "application/sdp"),
 sip("SIP/2.0 200 OK", ["Via: SIP/2.0/UDP 10.0.0.1:5060","Call-ID: c4@x"]),
 b"\r\n\r\n",
 sip("SUBSCRIBE sip:b@x SIP/2.0", ["From: <sip:a@x>;tag=1","To: <sip:b@x>;tag=2","CSeq: 13 SUBSCRIBE"]),
 sip("INFO sip:b@x SIP/2.0", base+["CSeq: 14 INFO"], b"Signal=1\r\n", "application/dtmf-relay"),
 sip("SIP/2.0 200 OK", base+["CSeq: 15 invite"]),
 sip("PUBLISH sip:b@x SIP/2.0", base+["CSeq: 16 PUBLISH"], b'{"a":1}', "application/json"),
]
msgs+=[sip("MESSAGE sip:b@x SIP/2.0", base+["CSeq: 17 MESSAGE"], b"hello\r\n", t) for t in
 ["application/foo","text/html","application/octet-stream","multipart/mixed;boundary=x","text/plain;charset=utf-8","TEXT/PLAIN","application/xml"]]
frames=[udp(m,sport=5060 if i%2 else 5062,dport=5060) for i,m in enumerate(msgs)]
# SIP between two other ports, found by the heuristic
frames.append(udp(sip("OPTIONS sip:b@x SIP/2.0", base+["CSeq: 1 OPTIONS"]),sport=40000,dport=40001))
pcap(frames,sys.argv[1])
