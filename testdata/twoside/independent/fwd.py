# A userspace Ethernet bridge with a fixed one-way delay, random loss of
# TCP data segments, and (once) a middlebox that drops a request and
# forges a RST toward each end. Written independently of tools/lab; its
# ledger (JSON lines on stdout) is the ground truth.
import socket, struct, threading, time, random, json, sys, heapq
DELAY = 0.020
LOSS = float(sys.argv[1]) if len(sys.argv) > 1 else 0.03
FORGE_CONN = 5  # forge on the 5th connection's request
rng = random.Random(7)
socks = {}
for name in ("rc", "rs"):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    s.bind((name, 0))
    socks[name] = s
lock = threading.Lock()
conns = {}
log = []
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b)//2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff
def forge(eth_dst, eth_src, src, dst, sport, dport, seq, ack):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, 0x14, 0, 0, 0)
    ph = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(ph + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0x3c1f, 0, 250, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return eth_dst + eth_src + b"\x08\x00" + ip + tcp
def tcpinfo(f):
    if len(f) < 54 or f[12:14] != b"\x08\x00" or f[23] != 6: return None
    ihl = (f[14] & 15) * 4
    ip = f[14:14+ihl]; t = f[14+ihl:]
    tot = struct.unpack("!H", f[16:18])[0]
    sport, dport, seq, ack = struct.unpack("!HHII", t[:12])
    off = (t[12] >> 4) * 4
    flags = t[13]
    return dict(src=ip[12:16], dst=ip[16:20], sport=sport, dport=dport, seq=seq, ack=ack,
                flags=flags, plen=tot - ihl - off, ipid=struct.unpack("!H", ip[4:6])[0])
def out(name, f):
    socks[name].send(f)
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
            out(dst, f)
    threading.Thread(target=writer, daemon=True).start()
    k = 0
    while True:
        f = socks[src].recv(65535)
        ti = tcpinfo(f)
        drop = False
        if ti:
            d = "c2s" if src == "rc" else "s2c"
            with lock:
                if d == "c2s" and ti["flags"] & 0x02 and not ti["flags"] & 0x10:
                    conns.setdefault(ti["sport"], len(conns) + 1)
                n = conns.get(ti["sport"] if d == "c2s" else ti["dport"], 0)
                if d == "c2s" and n == FORGE_CONN and ti["plen"] > 0 and not globals().get("forged"):
                    globals()["forged"] = True
                    drop = True
                    tc = forge(f[6:12], f[0:6], ti["dst"], ti["src"], ti["dport"], ti["sport"], ti["ack"], ti["seq"] + ti["plen"])
                    ts = forge(f[0:6], f[6:12], ti["src"], ti["dst"], ti["sport"], ti["dport"], ti["seq"], ti["ack"])
                    out("rc", tc); out("rs", ts)
                    print(json.dumps(dict(event="forged", toward="client", conn=n, seq=ti["ack"])), flush=True)
                    print(json.dumps(dict(event="forged", toward="server", conn=n, seq=ti["seq"])), flush=True)
                elif ti["plen"] > 0 and n != FORGE_CONN and rng.random() < LOSS:
                    drop = True
                if drop:
                    print(json.dumps(dict(event="drop", dir=d, conn=n, seq=ti["seq"], len=ti["plen"], ipid=ti["ipid"])), flush=True)
        if drop: continue
        with cv:
            k += 1
            heapq.heappush(q, (time.time() + DELAY, k, f))
            cv.notify()
threading.Thread(target=pump, args=("rc", "rs"), daemon=True).start()
pump("rs", "rc")
