# The Python client of lab__websocket.sh: python3-websockets 10.4. argv: URI, "plain" (no permessage-deflate) or
# "deflate". It sends text (one line, several lines, JSON), binary, fragmented text and binary messages, a ping with
# a payload, a 200-byte and a 70,000-byte message (16- and 64-bit extended lengths, across segments), asks the
# server for three corked messages and for a ping, and closes with 1000 and a reason (or asks the server to close).
import asyncio
import sys

import websockets


async def main():
    uri, mode = sys.argv[1], sys.argv[2]
    comp = None if mode == "plain" else "deflate"
    async with websockets.connect(uri, compression=comp, ping_interval=None) as ws:
        async def ask(m):
            await ws.send(m)
            return await ws.recv()
        await ask("Hello, WebSocket!")
        await ask("line one\nline two\r\nline three")
        await ask('{"op":"subscribe","channel":"ticker","ids":[1,2,3]}')
        await ask(b"\x00\x01\x02\x03binary\xff")
        await ask(["frag one, ", "frag two, ", "frag three"])
        await ask([b"\x10\x11", b"\x12\x13"])
        pong = await ws.ping(b"client ping")
        await pong
        await ask("x" * 200)
        await ask("Hello, WebSocket!")
        if mode == "plain":
            await ask(bytes(i % 251 for i in range(70000)))
            await ws.send("cork")
            for _ in range(3):
                await ws.recv()
            await ask("ping me")
            await ws.close(1000, "bye bye")
        else:
            await ask(("compressible " * 6000)[:70000])
            await ws.send("bye")
            try:
                await ws.recv()
            except websockets.ConnectionClosed:
                pass


asyncio.run(main())
