"""A fast enough static server for the benchmark when nginx is not available.

asyncio, HTTP/1.1 keep-alive, every file of the trees held in memory, GET and HEAD only, and
an access log in nginx's benchmark format. Run as its own process, so that its CPU time is
its own:  python bench/pyserve.py --log access.log --tree /path/to/tree=8001,8002
"""

from __future__ import annotations

import argparse
import asyncio
import mimetypes
import signal
import time
from pathlib import Path

TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
         ".pdf": "application/pdf", ".jpg": "image/jpeg", ".css": "text/css",
         ".js": "application/javascript"}
NOT_FOUND = b"<html><body><h1>404 Not Found</h1></body></html>"


def load_tree(root: Path) -> dict[str, tuple[bytes, str]]:
    files = {}
    for path in root.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            url = "/" + path.relative_to(root).as_posix()
            kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            files[url] = (path.read_bytes(), kind)
            if path.name == "index.html":
                files[url[: -len("index.html")]] = files[url]
    return files


class Server:
    def __init__(self, log: Path):
        self.log = log.open("a", buffering=1)

    def handler(self, port: int, files: dict):
        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    method, target = head.split(b" ", 2)[:2]
                    method, path = method.decode(), target.decode("latin-1").split("?", 1)[0]
                    body, kind = files.get(path, (None, None))
                    status = 200 if body is not None else 404
                    if body is None:
                        if path in files or path + "/" in files:
                            status, body, kind = 301, b"", "text/html"
                        else:
                            body, kind = NOT_FOUND, "text/html"
                    headers = (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Found'}\r\n"
                               f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
                               + (f"Location: {path}/\r\n" if status == 301 else "")
                               + "LinkChecker: bench\r\nConnection: keep-alive\r\n\r\n")
                    writer.write(headers.encode("latin-1"))
                    if method != "HEAD":
                        writer.write(body)
                    await writer.drain()
                    sent = 0 if method == "HEAD" else len(body)
                    self.log.write(f"{port} {status} {method} {path} {sent} {time.time():.3f}\n")
            except (asyncio.IncompleteReadError, ConnectionError, ValueError):
                pass
            finally:
                writer.close()
        return serve


async def main(log: Path, trees: list[tuple[Path, list[int]]]) -> None:
    server = Server(log)
    servers = []
    for root, ports in trees:
        files = load_tree(root)
        for port in ports:
            servers.append(await asyncio.start_server(server.handler(port, files), "127.0.0.1", port,
                                                      backlog=1024))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    for s in servers:
        s.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--tree", action="append", default=[], help="ROOT=PORT,PORT,...")
    args = parser.parse_args()
    parsed = []
    for spec in args.tree:
        root, ports = spec.rsplit("=", 1)
        parsed.append((Path(root), [int(p) for p in ports.split(",")]))
    asyncio.run(main(args.log, parsed))
