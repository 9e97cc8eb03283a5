# A userspace Ethernet bridge for UDP (DNS) between a client and a server
# namespace: every frame is held DELAY seconds each way; the DROP_C2S-th
# client->server datagram and the DROP_S2C-th server->client datagram are
# dropped; on the FORGE_AT-th client->server datagram (a DNS query) the
# bridge answers the client itself at once, in the server's name (a spoofed
# DNS response: TTL 250, IP ID 0x3c1f, answer 6.6.6.6), and still passes
# the query on. Its ledger (JSON lines on stdout: every UDP datagram it
# handled, with direction, ports, IP ID and payload length) is the ground
# truth. Written for this capture; shares nothing with tools/lab.
import socket, struct, threading, time, json, sys, heapq
DELAY = 0.020
DROP_C2S, DROP_S2C, FORGE_AT = 3, 6, 8
socks = {}
for name in ("rc", "rs"):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    s.bind((name, 0))
    socks[name] = s
lock = threading.Lock()
count = {"c2s": 0, "s2c": 0}
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b)//2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff
def udpinfo(f):
    if len(f) < 42 or f[12:14] != b"\x08\x00" or f[23] != 17: return None
    ihl = (f[14] & 15) * 4
    ip = f[14:14+ihl]; u = f[14+ihl:]
    sport, dport, ulen = struct.unpack("!HHH", u[:6])
    return dict(src=ip[12:16], dst=ip[16:20], sport=sport, dport=dport,
                ipid=struct.unpack("!H", ip[4:6])[0], payload=u[8:ulen])
def spoof(f, ui):
    # The query's question, answered with one A record 6.6.6.6.
    q = ui["payload"]
    hdr = q[:2] + b"\x81\x80" + b"\x00\x01\x00\x01\x00\x00\x00\x00"
    end = 12
    while end < len(q) and q[end] != 0: end += q[end] + 1
    question = q[12:end + 5]
    answer = b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04" + bytes([6, 6, 6, 6])
    pl = hdr + question + answer
    udp = struct.pack("!HHHH", ui["dport"], ui["sport"], 8 + len(pl), 0) + pl
    ph = ui["dst"] + ui["src"] + struct.pack("!BBH", 0, 17, len(udp))
    udp = udp[:6] + struct.pack("!H", csum(ph + udp)) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0x3c1f, 0, 250, 17, 0, ui["dst"], ui["src"])
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return f[6:12] + f[0:6] + b"\x08\x00" + ip + udp, len(pl)
def log(**kw):
    print(json.dumps(kw), flush=True)
def pump(src, dst):
    q = []
    cv = threading.Condition()
    def writer():
        while True:
            with cv:
                while not q: cv.wait()
                at, k, f = q[0]
                now = time.time()
                if at > now:
                    cv.wait(at - now); continue
                heapq.heappop(q)
            socks[dst].send(f)
    threading.Thread(target=writer, daemon=True).start()
    k = 0
    d = "c2s" if src == "rc" else "s2c"
    while True:
        f = socks[src].recv(65535)
        ui = udpinfo(f)
        drop = False
        if ui:
            with lock:
                count[d] += 1
                n = count[d]
                drop = (d == "c2s" and n == DROP_C2S) or (d == "s2c" and n == DROP_S2C)
                log(event="drop" if drop else "pass", dir=d, n=n, sport=ui["sport"], dport=ui["dport"], ipid=ui["ipid"], len=len(ui["payload"]))
                if d == "c2s" and n == FORGE_AT:
                    g, plen = spoof(f, ui)
                    socks["rc"].send(g)
                    log(event="forged", dir="s2c", sport=ui["dport"], dport=ui["sport"], ipid=0x3c1f, len=plen)
        if drop: continue
        with cv:
            k += 1
            heapq.heappush(q, (time.time() + DELAY, k, f))
            cv.notify()
threading.Thread(target=pump, args=("rc", "rs"), daemon=True).start()
pump("rs", "rc")
