import os, socket, struct, sys, time
SIZE = int(os.environ.get("SIZE", "200000"))
# A server: answers each request with 200 KB; every 4th connection it
# aborts (SO_LINGER 0) right after reading the request and sending 10 KB.
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("10.88.2.1", 8080)); ls.listen(16)
n = 0
while True:
    c, _ = ls.accept(); n += 1
    data = b""
    while not data.endswith(b"\r\n\r\n"):
        try:
            d = c.recv(4096)
        except OSError:
            d = b""
        if not d: break
        data += d
    if n % 4 == 0:
        c.sendall(b"x" * 10000)
        time.sleep(0.2)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close(); continue
    try:
        c.sendall(b"y" * SIZE)
        c.shutdown(socket.SHUT_WR)
        while c.recv(4096): pass
    except OSError as e:
        print("server: connection", n, e, flush=True)
    c.close()
