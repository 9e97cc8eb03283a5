import socket, time
for i in range(8):
    s = socket.create_connection(("10.88.2.1", 8080))
    s.sendall(b"GET /x HTTP/1.0\r\n\r\n")
    got = 0
    try:
        while True:
            d = s.recv(65536)
            if not d: break
            got += len(d)
    except ConnectionResetError:
        print("conn", i, "reset after", got)
    s.close()
    time.sleep(0.3)
