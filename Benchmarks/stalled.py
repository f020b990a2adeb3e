#!/usr/bin/env python3
"""Open N WebSocket subscribers that never read (stalled consumers), hold them, exit.

    stalled.py URL N SECONDS     e.g. stalled.py 'ws://127.0.0.1:8080/ws?topic=bench0' 10 30

Each socket asks for a 4 KiB receive buffer and completes the handshake, then
reads nothing: the gateway's outbound queue for it fills and its slow-consumer
policy must act. Loopback only; bounded in time.
"""
import base64, os, socket, sys, time
from urllib.parse import urlsplit

url, count, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
parts = urlsplit(url)
assert parts.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
target = parts.path + ("?" + parts.query if parts.query else "")
sockets = []
for _ in range(count):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect((parts.hostname, parts.port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET {target} HTTP/1.1\r\nHost: {parts.hostname}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(1)
    assert head.startswith(b"HTTP/1.1 101"), head
    sockets.append(s)
print(f"stalled: {count} subscribers open, not reading for {seconds} s", flush=True)
time.sleep(seconds)
for s in sockets:
    s.close()
