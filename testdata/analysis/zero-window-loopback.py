import socket, threading, time, struct
PORT=47123
srv=socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR,1)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
srv.bind(("127.0.0.1",PORT)); srv.listen(1)
def serve():
    c,_=srv.accept()
    time.sleep(4)          # a reader that stops reading: the window closes
    c.recv(65536)          # then reads once: window update
    time.sleep(0.5)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii',1,0))
    c.close()              # abort: RST
threading.Thread(target=serve,daemon=True).start()
cl=socket.socket(); cl.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
cl.connect(("127.0.0.1",PORT)); cl.setblocking(False)
end=time.time()+5.5
while time.time()<end:
    try: cl.send(b"x"*1000)
    except BlockingIOError: time.sleep(0.01)
    except OSError: break
time.sleep(0.3)
