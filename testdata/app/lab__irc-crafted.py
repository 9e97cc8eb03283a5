#!/usr/bin/env python3
"""Writes lab__irc-crafted.pcap: IRC lines (RFC 2812) in TCP segments to and
from ports 6667 and 57000, checked with tshark 4.0.17: a client's
registration, several lines in one segment, prefixes, parameters,
trailers, numeric replies, CTCP tag data (0x01), CR-only and LF-only line
ends, empty lines, a prefix without its space, a NUL inside a command,
bytes above 0x7f and the control bytes tshark escapes in its fields
output (tab, backspace, form feed). Run: python3 lab__irc-crafted.py OUT.pcap"""
import struct, sys

def seg(src, dst, sport, dport, seq, ack, flags, pay):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + pay
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, bytes(src), bytes(dst))
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip + tcp

C, S = [10, 0, 0, 1], [10, 0, 0, 2]
pkts = []

def conv(cport, sport, steps):
    cs, ss = 100, 500
    pkts.append(seg(C, S, cport, sport, cs, 0, 0x02, b""))
    pkts.append(seg(S, C, sport, cport, ss, cs + 1, 0x12, b""))
    cs += 1; ss += 1
    pkts.append(seg(C, S, cport, sport, cs, ss, 0x10, b""))
    for fromc, pay in steps:
        if fromc:
            pkts.append(seg(C, S, cport, sport, cs, ss, 0x18, pay)); cs += len(pay)
        else:
            pkts.append(seg(S, C, sport, cport, ss, cs, 0x18, pay)); ss += len(pay)

conv(40001, 6667, [
    (True, b"NICK alice\r\nUSER alice 0 * :Alice Example\r\n"),
    (False, b":irc.example.net 001 alice :Welcome to the Example IRC Network alice\r\n:irc.example.net 002 alice :Your host is irc.example.net\r\n"),
    (True, b"JOIN #lab\r\n"),
    (False, b":alice!alice@10.0.0.1 JOIN :#lab\r\n:irc.example.net 353 alice = #lab :@alice\r\n:irc.example.net 366 alice #lab :End of /NAMES list.\r\n"),
    (True, b"PRIVMSG #lab :hello there\r\n"),
    (True, b"PRIVMSG bob :\x01VERSION\x01\r\n"),
    (False, b":bob!bob@10.0.0.3 NOTICE alice :\x01VERSION lab-client 1.0\x01\r\n"),
    (True, b"PRIVMSG bob \x01PING 123\x01 tail\r\n"),
    (True, b"MODE   #lab   +o   bob\r\n"),
    (True, b"QUIT\rPING x\nPONG y\r\n\r\n"),
    (True, b":noprefixspace\r\n"),
    (True, b"   \r\n"),
    (True, b"CMD\x00HIDDEN param\r\n"),
    (False, b":srv 433 * caf\xc3\xa9 :Nickname is already in use\r\n"),
    (False, b"PING :irc.example.net\r\n"),
    (True, b"TAB\tCMD x\r\nBS\x08CMD\x0cFF y\r\n"),
    (True, b"PART #lab :bye"),
])
conv(40002, 57000, [
    (True, b"NICK bob\r\n"),
    (False, b":proxy 001 bob :Welcome\r\n"),
])
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(pkts):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)
