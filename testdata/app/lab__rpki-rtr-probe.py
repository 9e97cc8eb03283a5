#!/usr/bin/env python3
"""Probe client for lab__rpki-rtr.sh (python3 stdlib only): opens short RPKI-RTR sessions to the stayrtr cache at
argv[1] port 323 and reads what the real server answers: a version 0 Reset Query then Serial Queries (current
serial, then one the cache never had, which it answers with Cache Reset); a Reset Query of version 9 and
a PDU of unassigned type 5 (stayrtr closes the connection without an Error Report); a version 1 Reset Query sent in
two TCP segments; a version 2 Reset Query."""
import socket, struct, sys, time

HOST = sys.argv[1]


def conn():
    s = socket.create_connection((HOST, 323), timeout=3)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_pdus(s, until_types, limit=5000):
    """Reads PDUs until one whose type is in until_types; returns them as (version, type, session, body)."""
    buf, out = b"", []
    while True:
        while len(buf) >= 8:
            v, t, sess, ln = struct.unpack("!BBHI", buf[:8])
            if len(buf) < ln:
                break
            out.append((v, t, sess, buf[8:ln]))
            buf = buf[ln:]
            if t in until_types or len(out) > limit:
                return out
        try:
            d = s.recv(65536)
        except socket.timeout:
            return out
        if not d:
            return out
        buf += d


def reset_query(v):
    return struct.pack("!BBHI", v, 2, 0, 8)


def serial_query(v, sess, serial):
    return struct.pack("!BBHII", v, 1, sess, 12, serial)


# Version 0: Reset Query, then Serial Query at the current serial, then at a serial the cache never had.
s = conn()
s.sendall(reset_query(0))
pdus = read_pdus(s, {7, 10})
eod = pdus[-1]
sess, serial = eod[2], struct.unpack("!I", eod[3][:4])[0]
time.sleep(0.2)
s.sendall(serial_query(0, sess, serial))
read_pdus(s, {7, 8, 10})
time.sleep(0.2)
s.sendall(serial_query(0, sess, serial + 1000))
read_pdus(s, {7, 8, 10})
s.close()
time.sleep(0.3)

# A version the cache does not speak.
s = conn()
s.sendall(reset_query(9))
read_pdus(s, {10})
s.close()
time.sleep(0.3)

# An unassigned PDU type (5) of version 1.
s = conn()
s.sendall(struct.pack("!BBHI", 1, 5, 0, 8))
read_pdus(s, {10})
s.close()
time.sleep(0.3)

# A version 1 Reset Query in two segments (3 bytes, then 5).
s = conn()
q = reset_query(1)
s.sendall(q[:3])
time.sleep(0.3)
s.sendall(q[3:])
read_pdus(s, {7, 10})
s.close()
time.sleep(0.3)

# Version 2.
s = conn()
s.sendall(reset_query(2))
read_pdus(s, {7, 10})
s.close()
