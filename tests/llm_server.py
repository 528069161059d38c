"""A local HTTP server that speaks the OpenAI chat-completions protocol, scripted by the tests."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# script(body, n) -> (status, headers, content or raw body, delay seconds); n counts requests from 1.
Script = Callable[[dict[str, Any], int], tuple[int, dict[str, str], str, float]]


def completion(content: str, prompt_tokens: int = 10, completion_tokens: int = 5) -> str:
    return json.dumps({
        "id": "cmpl-test", "object": "chat.completion", "model": "teacher",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    })


class FakeLLM:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server._lock:
                    server.requests.append(body)
                    server.headers.append(dict(self.headers))
                    n = len(server.requests)
                status, headers, payload, delay = server.script(body, n)
                if delay:
                    time.sleep(delay)
                raw = headers.pop("X-Raw", None) is not None
                trickle = float(headers.pop("X-Trickle", 0))  # seconds between the body's bytes
                data = (completion(payload) if status == 200 and not raw else payload).encode()
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if trickle:
                        for i in range(len(data)):
                            self.wfile.write(data[i:i + 1])
                            self.wfile.flush()
                            time.sleep(trickle)
                    else:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def document_of(body: dict[str, Any]) -> str:
    """The document inside the user message's tags, which the system message names."""
    tag = re.search(r"<document ([0-9a-f]+)>", body["messages"][0]["content"]).group(1)
    user = body["messages"][-1]["content"]
    begin, end = f"<document {tag}>\n", f"\n</document {tag}>"
    assert user.startswith(begin) and user.endswith(end), user
    return user[len(begin):-len(end)]
