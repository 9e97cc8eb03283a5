#!/usr/bin/env python3
# The small HTTP/1.1 server behind haproxy in lab__proxy.sh: on each connection it reads the PROXY protocol header
# haproxy sends first (version 1, a text line ending in CRLF; version 2, the 12-byte signature, 4 more header bytes
# and the length they give), then answers each HTTP request with a short text body until the client closes.
# Usage: python3 lab__proxy-server.py ADDR PORT [PORT...]
import socket, sys, threading

SIG2 = b"\r\n\r\n\x00\r\nQUIT\n"


def recv_exact(c, buf, n):
    while len(buf) < n:
        d = c.recv(4096)
        if not d:
            return None
        buf += d
    return buf


def serve(c):
    buf = recv_exact(c, b"", 16)
    if buf is None:
        return
    if buf.startswith(SIG2):
        n = 16 + int.from_bytes(buf[14:16], "big")
        buf = recv_exact(c, buf, n)
        if buf is None:
            return
        hdr, buf = buf[:n], buf[n:]
    else:
        while b"\r\n" not in buf:
            d = c.recv(4096)
            if not d:
                return
            buf += d
        hdr, buf = buf.split(b"\r\n", 1)
    while True:
        while b"\r\n\r\n" not in buf:
            d = c.recv(4096)
            if not d:
                return
            buf += d
        req, buf = buf.split(b"\r\n\r\n", 1)
        body = b"hello via " + (b"PROXY v2" if hdr.startswith(SIG2) else b"PROXY v1") + b"\n"
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


def serve_quietly(c):
    try:
        serve(c)
    except OSError:
        pass  # haproxy resets some connections once the answer is in
    c.close()


def listen(addr, port):
    s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(8)
    while True:
        c, _ = s.accept()
        threading.Thread(target=serve_quietly, args=(c,), daemon=True).start()


for p in sys.argv[2:]:
    threading.Thread(target=listen, args=(sys.argv[1], int(p)), daemon=True).start()
threading.Event().wait()
