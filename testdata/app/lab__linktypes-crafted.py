#!/usr/bin/env python3
# Writes lab__pflog-crafted.pcap (LINKTYPE_PFLOG 117), lab__enc-crafted.pcap (LINKTYPE_ENC 109) and
# lab__chdlc-crafted.pcap (LINKTYPE_C_HDLC 104): link types of OpenBSD's pf log and IPsec interfaces and of Cisco
# serial lines, which this machine cannot record. Headers laid out as OpenBSD's if_pflog.h and if_enc.h and
# Cisco's HDLC/SLARP framing (the layouts tcpdump's print-pflog.c, print-enc.c and print-chdlc.c read); inside,
# a TCP connection with data and a reset, a DNS query and answer, ICMP echo and ICMPv6 echo. Then the edge
# cases: pflog headers of OpenBSD 3.4, 3.8 and 4.9 lengths, each action and direction, a sub-rule, an address
# family that is not IP, a header cut short; enc in both byte orders and with a family that is not IP; SLARP
# request, reply, keepalive, a keepalive without its reliability word, an unknown type, CDP and IS-IS behind
# Cisco HDLC, an unknown protocol word, a header cut short. tshark 4.0 on the output is the oracle.
# lab__ipnet-crafted.pcap (LINKTYPE_IPNET 226): Solaris ipnet's 24-byte header (libpcap's ipnet.h: version,
# family 2 or 26, hook type, data length, interface and zone numbers) in front of the same traffic, then each
# hook type, a header version 2, a family that is not IP, a data length longer than the frame and one of 0,
# headers cut short.
# lab__frelay-crafted.pcap (LINKTYPE_FRELAY 107): Q.922 addresses (ITU-T Q.922 §3.2) with RFC 2427's UI control
# field and NLPIDs, SNAP headers, Cisco's encapsulation (a Cisco HDLC protocol word after the address), Q.933
# Annex A and Cisco LMI link integrity messages, LAPF and XID control fields, and frames cut at each step.
# lab__atm-rfc1483-crafted.pcap (LINKTYPE_ATM_RFC1483 11): AAL5 payloads with RFC 1483/2684 LLC encapsulation:
# routed LLC/SNAP, bridged Ethernet, spanning tree and OSI on their SAPs, Cisco's SNAP, headers cut short.
# lab__prism-crafted.pcap (LINKTYPE_IEEE802_11_PRISM 119) and lab__avs-crafted.pcap (LINKTYPE_IEEE802_11_AVS 163):
# 802.11 data frames and beacons behind linux-wlan-ng's Prism header (ten DID items) and the AVS capture header.
# Usage: python3 lab__linktypes-crafted.py DIR
import os, struct, sys

from labpcap import csum, write_pcap

A, B = bytes([10, 1, 0, 1]), bytes([10, 1, 0, 2])
A6 = bytes.fromhex("20010db8000000000000000000000001")
B6 = bytes.fromhex("20010db8000000000000000000000002")

def ip4(proto, payload, src=A, dst=B, ident=1):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, 64, proto, 0, src, dst)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload

def tcp(sport, dport, seq, ack, flags, data=b"", src=A, dst=B):
    t = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + data
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(t))
    t = t[:16] + struct.pack("!H", csum(pseudo + t)) + t[18:]
    return ip4(6, t, src, dst)

def udp(sport, dport, data, src=A, dst=B):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    pseudo = src + dst + struct.pack("!BBH", 0, 17, len(u))
    u = u[:6] + struct.pack("!H", csum(pseudo + u)) + u[8:]
    return ip4(17, u, src, dst)

def icmp_echo(seq):
    m = struct.pack("!BBHHH", 8, 0, 0, 0x1234, seq) + b"ladder!!"
    return ip4(1, m[:2] + struct.pack("!H", csum(m)) + m[4:])

def icmp6_echo(seq):
    m = struct.pack("!BBHHH", 128, 0, 0, 0x4321, seq) + b"ladder!!"
    pseudo = A6 + B6 + struct.pack("!IxxxB", len(m), 58)
    m = m[:2] + struct.pack("!H", csum(pseudo + m)) + m[4:]
    return struct.pack("!IHBB16s16s", 0x60000000, len(m), 58, 64, A6, B6) + m

dns_q = struct.pack("!HHHHHH", 0xbeef, 0x0100, 1, 0, 0, 0) + b"\x07example\x03com\x00" + struct.pack("!HH", 1, 1)
dns_r = struct.pack("!HHHHHH", 0xbeef, 0x8180, 1, 1, 0, 0) + b"\x07example\x03com\x00" + struct.pack("!HH", 1, 1) + \
    b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([93, 184, 216, 34])

def conversation():
    """A TCP connection (handshake, a request, its answer, a reset), DNS, ICMP and ICMPv6: (packet, is_v6)."""
    c, s = 40000, 80
    get = b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"
    ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"
    return [
        (udp(53000, 53, dns_q), False), (udp(53, 53000, dns_r, B, A), False),
        (tcp(c, s, 1000, 0, 0x02), False), (tcp(s, c, 5000, 1001, 0x12, src=B, dst=A), False),
        (tcp(c, s, 1001, 5001, 0x10), False), (tcp(c, s, 1001, 5001, 0x18, get), False),
        (tcp(s, c, 5001, 1001 + len(get), 0x18, ok, B, A), False), (tcp(c, s, 1001 + len(get), 5001 + len(ok), 0x14), False),
        (icmp_echo(1), False), (icmp6_echo(1), True),
    ]

def pflog(pkt, af=2, action=0, reason=0, ifname=b"em0", ruleset=b"", rule=5, sub=0xFFFFFFFF, direction=1, length=61):
    h = struct.pack("!BBBB16s16sII", length, af, action, reason, ifname, ruleset, rule, sub)
    if length >= 61:
        h += struct.pack("<iiii", 0, 0, -1, 12345)  # uid, pid, rule uid, rule pid (host order)
    h += struct.pack("!B", direction)
    if length >= 100:
        h += b"\0\0\0" + A + bytes(12) + B + bytes(12) + struct.pack("!HH", 40000, 80)
    else:
        h += b"\0\0\0"
    h = h[:(length + 3) & ~3].ljust((length + 3) & ~3, b"\0")
    return h + pkt

def enc(pkt, af=2, spi=0x1234, flags=0x0C00, little=True):
    fmt = "<I" if little else "!I"
    return struct.pack(fmt, af) + struct.pack("!I", spi) + struct.pack(fmt, flags) + pkt

def chdlc(proto, payload, addr=0x0F):
    return struct.pack("!BBH", addr, 0, proto) + payload

conv = conversation()
out = sys.argv[1]

pf = [pflog(p, af=24 if v6 else 2) for p, v6 in conv]
pf += [
    pflog(icmp_echo(2), action=1, reason=1, direction=2),         # block, bad-offset, out
    pflog(icmp_echo(3), action=2, direction=0),                    # scrub, inout
    pflog(icmp_echo(4), action=3, direction=3),                    # 3 has no name on tshark's build
    pflog(icmp_echo(5), action=8, ruleset=b"anchor1", sub=2),      # rdr, with a sub-rule
    pflog(icmp_echo(6), rule=0xFFFFFFFE),                          # a rule number tshark shows as -2
    pflog(icmp_echo(7), length=45),                                # OpenBSD 3.4 header: no uid/pid
    pflog(icmp_echo(8), length=100),                               # OpenBSD 4.9 header: addresses and ports
    pflog(icmp_echo(9), length=44),                                # shorter than any version: expert error
    pflog(icmp6_echo(2), af=28),                                   # FreeBSD's AF_INET6
    pflog(icmp6_echo(3), af=30),                                   # Darwin's AF_INET6
    pflog(b"\x01\x02\x03\x04", af=7),                              # not IP: data
    pflog(icmp_echo(10))[:30],                                     # header cut short
]
write_pcap(os.path.join(out, "lab__pflog-crafted.pcap"), 117, pf, step_us=1000)

en = [enc(p, af=24 if v6 else 2) for p, v6 in conv]
en += [
    enc(icmp_echo(2), little=False, flags=0x2400),                 # big-endian host, AH header authenticated
    enc(icmp_echo(3), flags=0x1000),                               # compressed
    enc(icmp6_echo(2), af=24, little=False, flags=0),
    enc(b"\x01\x02\x03\x04", af=7),                                # not IP: data
    enc(icmp_echo(4))[:8],                                         # header cut short
]
write_pcap(os.path.join(out, "lab__enc-crafted.pcap"), 109, en, step_us=1000)

cdp = struct.pack("!BBH", 2, 180, 0) + struct.pack("!HH", 1, 10) + b"router" + struct.pack("!HH", 3, 10) + b"Serial"
cdp = cdp[:2] + struct.pack("!H", csum(cdp)) + cdp[4:]
isis_hello = bytes.fromhex("8314010011010000" "02" "010101010101" "001e" "001d" "01" "010403490001" "8101cc")  # a P2P hello (ISO 10589 §9.7): area 49.0001, IPv4
ch = [chdlc(0x86DD if v6 else 0x0800, p) for p, v6 in conv]
ch += [
    chdlc(0x8035, struct.pack("!I4s4sH", 0, A, bytes([255, 255, 255, 0]), 0xFFFF), addr=0x8F),  # SLARP request
    chdlc(0x8035, struct.pack("!I4s4sH", 1, B, bytes([255, 255, 255, 0]), 0xFFFF), addr=0x8F),  # reply
    chdlc(0x8035, struct.pack("!IIIH", 2, 7, 6, 0xFFFF), addr=0x8F),  # keepalive
    chdlc(0x8035, struct.pack("!III", 2, 8, 7), addr=0x8F),           # keepalive without reliability
    chdlc(0x8035, struct.pack("!III", 9, 0, 0), addr=0x8F),           # unknown type
    chdlc(0x2000, cdp, addr=0x8F),                                    # CDP
    chdlc(0xFEFE, isis_hello, addr=0x8F),                             # IS-IS
    chdlc(0x0806, b"\x00\x01\x08\x00\x06\x04\x00\x01"),                # ARP has no entry in the Cisco HDLC table
    chdlc(0x8847, struct.pack("!I", (100 << 12) | (1 << 8) | 64) + icmp_echo(2)),  # MPLS
    b"\x0f\x00",                                                       # header cut short
]
write_pcap(os.path.join(out, "lab__chdlc-crafted.pcap"), 104, ch, step_us=1000)

def ipnet(pkt, fam=2, htype=2, pktlen=None, version=1, ifindex=3, zsrc=0, zdst=0):
    return struct.pack("!BBHIIIII", version, fam, htype, len(pkt) if pktlen is None else pktlen, ifindex, 0, zsrc, zdst) + pkt

ipn = [ipnet(p, fam=26 if v6 else 2, htype=1 if i % 2 else 0) for i, (p, v6) in enumerate(conv)]
ipn += [
    ipnet(icmp_echo(2), htype=2, zsrc=1, zdst=2),                 # local, between two zones
    ipnet(icmp_echo(3), htype=9, ifindex=7),                      # a hook type with no name
    ipnet(icmp_echo(4), version=2),                               # another header version: read alike
    ipnet(icmp6_echo(2), fam=26, ifindex=0x01020304),
    ipnet(b"\x01\x02\x03\x04", fam=7),                           # not IP: the header alone
    ipnet(icmp_echo(5), pktlen=1000),                             # data length past the frame: malformed
    ipnet(icmp_echo(6), pktlen=0),                                # no data: IP finds nothing
    ipnet(icmp_echo(7))[:20],                                     # header cut short
    ipnet(icmp_echo(8))[:3],
]
write_pcap(os.path.join(out, "lab__ipnet-crafted.pcap"), 226, ipn, step_us=1000)

def q922(dlci, cr=0, fecn=0, becn=0, de=0, n=2):
    """A Q.922 address of n octets (2: 10-bit DLCI, 3: 16-bit, 4: 23-bit) with EA set in the last."""
    first = ((dlci >> {2: 4, 3: 10, 4: 17}[n]) & 0x3F) << 2 | cr << 1
    second = ((dlci >> {2: 0, 3: 6, 4: 13}[n]) & 0xF) << 4 | fecn << 3 | becn << 2 | de << 1
    if n == 2:
        return bytes([first, second | 1])
    if n == 3:
        return bytes([first, second, (dlci & 0x3F) << 2 | 1])
    return bytes([first, second, ((dlci >> 6) & 0x7F) << 1, (dlci & 0x3F) << 2 | 1])

fr = [q922(100) + b"\x03" + (b"\x8e" if v6 else b"\xcc") + p for p, v6 in conv]   # RFC 2427: UI, NLPID
fr += [
    q922(100) + b"\x03\x00\x80\x00\x00\x00\x08\x00" + icmp_echo(2),    # SNAP (OUI 0) after a pad octet
    q922(100) + b"\x03\x80\x00\x00\x00\x86\xdd" + icmp6_echo(2),       # SNAP without the pad
    q922(200) + b"\x08\x00" + icmp_echo(3),                             # Cisco encapsulation
    q922(200) + b"\x86\xdd" + icmp6_echo(3),
    q922(100, cr=1, fecn=1, becn=1, de=1) + b"\x03\xcc" + icmp_echo(4),  # C/R, FECN, BECN, DE
    q922(0x1234, n=3) + b"\x03\xcc" + icmp_echo(5),                     # three-octet address
    q922(0x12345, n=4) + b"\x03\xcc" + icmp_echo(6),                    # four-octet address
    b"\x18\x40\x00\x00\x01\x03\xcc" + icmp_echo(7),                     # five octets: one bogus
    q922(100) + b"\x03\x00\xcc" + icmp_echo(8),                         # a pad before IP's NLPID
    q922(100) + b"\x13\xcc" + icmp_echo(9),                             # UI with the poll bit
    q922(0) + b"\x03\x08\x00\x75\x95\x01\x01\x00\x03\x02\x05\x04",       # Q.933 Annex A status enquiry
    q922(0) + b"\x03\x08\x00\x7d\x95\x01\x01\x00\x03\x02\x05\x05\x57\x03\x00\x64\x82",  # status, PVC 100 active
    q922(0) + b"\x03\x08\x01\x01\x05",                                  # Q.933 SETUP, call reference of 1 octet
    q922(0) + b"\x03\x08\x00\x99",                                      # an unknown message type
    q922(0) + b"\x03\x08\x00",                                          # cut before the message type
    q922(1023) + b"\x03\x09\x00\x75\x01\x01\x00\x03\x02\x05\x04",        # Cisco LMI status enquiry
    q922(1023) + b"\x03\x09\x00\x7d\x01\x01\x00\x03\x02\x05\x05\x07\x06\x00\x64\x02\x00\x00\x00",  # status
    q922(1023) + b"\x03\x09",                                           # LMI cut short
    q922(100) + b"\x03" + isis_hello,                                   # IS-IS: the NLPID is its first octet
    q922(200) + b"\x80\x35" + struct.pack("!IIIH", 2, 7, 6, 0xFFFF),    # Cisco: SLARP keepalive
    q922(200) + b"\x20\x00" + cdp,                                      # Cisco: CDP
    q922(200) + b"\x88\x47" + struct.pack("!I", (100 << 12) | (1 << 8) | 64) + icmp_echo(10),  # Cisco: MPLS
    q922(100) + b"\x03\x80\x00\x80\xc2\x00\x07" + bytes.fromhex("ffffffffffff0200000000010806") +
        bytes.fromhex("0001080006040001020000000001") + A + bytes(6) + B,  # bridged Ethernet, ARP request
    q922(100) + b"\x03\x80\x00\x00\x00\x08\x06" + bytes.fromhex("0001080006040002020000000002") + B +
        bytes.fromhex("020000000001") + A,                              # routed ARP reply
    q922(100) + b"\x03\x80\x00\x00\x00\x12\x34\x01\x02",               # SNAP: an EtherType with no dissector
    q922(100) + b"\x03\x55\x01\x02\x03",                                # an NLPID with no dissector
    q922(100) + b"\x03\xcf\x00\x21" + icmp_echo(11),                    # PPP (RFC 1973): IPv4
    q922(100) + b"\x03\xcf\xc0\x21\x09\x01\x00\x08\x00\x00\x00\x00",    # PPP: LCP echo request
    q922(0) + b"\x01\x02\x03",                                          # DLCI 0, not UI: LAPF (S frame)
    q922(0) + b"\x00\x01",                                              # LAPF I frame, poll
    q922(0) + b"\x7f",                                                  # LAPF SABME, poll
    q922(0, cr=1) + b"\x73",                                            # LAPF UA, final
    q922(0) + b"\x00",                                                  # LAPF I frame cut
    q922(100) + b"\xaf\x01\x02",                                        # XID
    q922(200) + b"\x08\x06\x00\x01\x08\x00\x06\x04\x00\x01",            # Cisco ARP: not Cisco's, an I frame
    q922(200) + b"\x12\x34\x00",                                        # ...whose NLPID is past the end
    q922(200) + b"\x00\x01\x02",                                        # neither: data
    q922(100) + b"\x0f",                                                # one octet after the address: data
    b"\x19",                                                            # one-octet address
    q922(100),                                                          # address alone
    q922(100) + b"\x03",                                                # no NLPID
    q922(100) + b"\x03\x80\x00\x00",                                    # SNAP header cut short
    b"\x18",                                                            # address cut short
]
write_pcap(os.path.join(out, "lab__frelay-crafted.pcap"), 107, fr, step_us=1000)

def snap(et, oui=b"\x00\x00\x00"):
    """An LLC/SNAP header (RFC 1483 §4.1): DSAP and SSAP 0xAA, UI, the OUI and the EtherType or PID."""
    return b"\xaa\xaa\x03" + oui + struct.pack("!H", et)

stp = bytes.fromhex("0000000000800000000000000100000000800000000000000180010000140002000f00")  # an 802.1D configuration BPDU
atm = [snap(0x86dd if v6 else 0x0800) + p for p, v6 in conv]    # routed IPv4 and IPv6
atm += [
    b"\x42\x42\x03" + stp,                                            # LLC: spanning tree
    b"\xfe\xfe\x03" + isis_hello,                                     # LLC: OSI, IS-IS
    snap(7, b"\x00\x80\xc2") + b"\x00\x00" + bytes.fromhex("ffffffffffff0200000000010806") +
        bytes.fromhex("0001080006040001020000000001") + A + bytes(6) + B,  # bridged Ethernet without FCS: ARP request
    snap(0x0806) + bytes.fromhex("0001080006040002020000000002") + B + bytes.fromhex("020000000001") + A,  # routed ARP reply
    snap(0x2000, b"\x00\x00\x0c") + cdp,                              # Cisco's SNAP: CDP
    snap(0x1234) + b"\x01\x02",                                       # an EtherType with no dissector
    b"\xaa\xaa\x03\x00\x00",                                          # SNAP header cut short
    b"\xaa\xaa",                                                      # LLC header cut short
    b"\xaa",
]
write_pcap(os.path.join(out, "lab__atm-rfc1483-crafted.pcap"), 11, atm, step_us=1000)

# 802.11 data frames (IEEE 802.11-2020 §9.3.2.1) around the same traffic, to and from a made-up access point.
BSS, MA, MB = bytes.fromhex("020000000010"), bytes.fromhex("020000000001"), bytes.fromhex("020000000002")

def wlan_data(pkt, v6, seq, tods):
    fc, addrs = (b"\x08\x01", BSS + MA + MB) if tods else (b"\x08\x02", MA + BSS + MB)
    return fc + b"\x00\x00" + addrs + struct.pack("<H", seq << 4) + snap(0x86dd if v6 else 0x0800) + pkt

beacon = b"\x80\x00\x00\x00" + b"\xff" * 6 + BSS + BSS + b"\x10\x00" + bytes(8) + b"\x64\x00\x01\x04" + b"\x00\x06ladder"

def prism(frame, devname=b"wlan0", istx=0, status=0, code=0x44):
    """A Prism monitor header (linux-wlan-ng p80211 layout, host order little-endian): ten DID items, 144 bytes."""
    h = struct.pack("<II16s", code, 144, devname)
    items = [(0x1041, 1), (0x2041, 2), (0x3041, 6), (0x4041, -60 & 0xFFFFFFFF), (0x5041, 0), (0x6041, -60 & 0xFFFFFFFF),
             (0x7041, -96 & 0xFFFFFFFF), (0x8041, 22), (0x9041, istx), (0xA041, len(frame))]
    for did, v in items:
        h += struct.pack("<IHHI", did, status if did == 0x5041 else 0, 4, v)
    return h + frame

def avs(frame, version=1, phy=4, ssi=2, signal=-60, noise=-95, channel=6):
    """An AVS capture header (big-endian): revision 1 is 64 bytes, revision 2 adds sequence, drops, receiver address."""
    h = struct.pack("!IIQQIIIIIIiiII", 0x80211000 | version, 64 if version == 1 else 80, 1000, 2000, phy,
                    channel, 110, 0, 0, ssi, signal, noise, 1, 1)
    if version == 2:
        h += struct.pack("!II6sH", 7, 0, MA, 0)
    return h + frame

pr = [prism(wlan_data(p, v6, i, i % 2 == 0)) for i, (p, v6) in enumerate(conv)]
pr += [
    prism(beacon),
    prism(beacon, devname=b"ath0", istx=1, status=1),                 # sent by the host, signal quality not supplied
    avs(beacon),                                                      # an AVS header under the Prism link type
    prism(beacon)[:100],                                              # Prism header cut short
    prism(beacon)[:20],
]
write_pcap(os.path.join(out, "lab__prism-crafted.pcap"), 119, pr, step_us=1000)

av = [avs(wlan_data(p, v6, i, i % 2 == 1)) for i, (p, v6) in enumerate(conv)]
av += [
    avs(beacon, phy=6, ssi=1, signal=40, noise=5),                    # OFDM 802.11g, normalised RSSI
    avs(beacon, phy=8, ssi=3, signal=40, noise=5, channel=36),        # OFDM 802.11a, raw RSSI
    avs(beacon, phy=1, ssi=0),                                        # FHSS: hop set, pattern and index
    avs(beacon, version=2),                                           # revision 2
    avs(beacon)[:40],                                                 # header cut short
]
write_pcap(os.path.join(out, "lab__avs-crafted.pcap"), 163, av, step_us=1000)
