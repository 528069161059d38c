"""An async client for OpenAI-compatible chat completions (vLLM, llama.cpp server, OpenAI).

Bounded concurrency, request timeouts, and retries with exponential backoff and jitter on 429, 5xx,
timeouts and connection errors, honouring ``Retry-After``. The API key is read from the
environment and never logged or shown in ``repr``.
"""

from __future__ import annotations

import asyncio
import email.utils
import os
import random
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import httpx
import msgspec

from curafilter.errors import ConfigError, CurafilterError


# Up to the authority's last "@": a password typed with an "@" in it is still hidden whole.
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#]*@")


def redact(text: object, *secrets: str | None) -> str:
    """``text`` safe to store or print: URL credentials (``scheme://user:pass@``) become
    ``scheme://***@`` and every secret value given (the API key) becomes ``***``."""
    out = _URL_USERINFO.sub(r"\1***@", str(text))
    for s in secrets:
        if s:
            out = out.replace(s, "***")
    return out


class LLMError(CurafilterError):
    """A chat completion failed for good (after retries, or on a non-retryable status)."""


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class Completion:
    text: str
    usage: Usage
    attempts: int


@dataclass
class ClientStats:
    requests: int = 0
    retries: int = 0
    failures: int = 0
    usage: Usage = field(default_factory=Usage)


def _token_count(value: object) -> int:
    """A token count from an untrusted response: a finite, non-negative number, else 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0
    if not 0 <= value <= 2**53:  # also NaN; far beyond any real count (and SQLite's integers)
        return 0
    return int(value)


def parse_usage(u: object) -> Usage:
    """The ``usage`` object of a chat completion, read defensively: servers send a string, null,
    or non-numbers there. Anything unusable counts as 0 tokens; it never costs the answer."""
    if not isinstance(u, dict):
        return Usage()
    return Usage(_token_count(u.get("prompt_tokens")), _token_count(u.get("completion_tokens")))


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _check_endpoint(url: str, given: str, password: str | None) -> None:
    """A ConfigError naming an endpoint that no request could reach (not http(s), no host, a port
    out of range, spaces or line ends), before any document is sent; its password never shown."""
    shown = redact(given, password) if password else given
    try:
        u = httpx.URL(url)
        port = u.port
    except (httpx.InvalidURL, ValueError, TypeError) as e:
        raise ConfigError(f"--endpoint {shown!r} is not a valid URL ({redact(e, password) if password else e})") from None
    if u.scheme not in ("http", "https") or not u.host or any(c.isspace() for c in url):
        raise ConfigError(f"--endpoint {shown!r} must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:8000/v1")
    if port is not None and not 0 < port < 65536:
        raise ConfigError(f"--endpoint {shown!r}: port {port} is out of range")


class ChatClient:
    """``async with ChatClient(endpoint, model) as c: await c.complete(messages)``.

    ``endpoint`` is the API base (``http://host:8000/v1``) or the full ``.../chat/completions`` URL.
    """

    RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})

    def __init__(
        self,
        endpoint: str,
        model: str,
        *,
        api_key_env: str = "OPENAI_API_KEY",
        concurrency: int = 8,
        timeout: float = 60.0,
        max_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        temperature: float = 0.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise ConfigError(f"concurrency must be at least 1, got {concurrency!r}")
        if not timeout > 0:  # also NaN; a zero timeout fails every request
            raise ConfigError(f"timeout must be more than 0 seconds, got {timeout!r}")
        if max_retries < 0:
            raise ConfigError(f"max_retries must not be negative, got {max_retries!r}")
        url = endpoint.rstrip("/")
        self.url = url if url.endswith("/chat/completions") else url + "/chat/completions"
        self.model = model
        # Surrounding whitespace (a key read with `$(cat file)` keeps its newline) is no part of a key.
        self._key = (os.environ.get(api_key_env) or "").strip() or None
        try:
            password = urllib.parse.urlsplit(self.url).password
        except ValueError:
            password = None
        _check_endpoint(self.url, endpoint, password)
        if self._key and not (self._key.isascii() and self._key.isprintable()):
            raise ConfigError(f"the API key in ${api_key_env} holds characters an HTTP header cannot carry "
                              "(non-ASCII or control characters); check its value")
        # Never stored or shown: the API key and the URL's password (a server may echo either).
        self._secrets = tuple(s for s in (self._key, password) if s)
        self.shown_url = redact(self.url, *self._secrets)
        self._sem = asyncio.Semaphore(concurrency)
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.temperature = temperature
        self.stats = ClientStats()
        headers = {"Authorization": f"Bearer {self._key}"} if self._key else {}
        self._http = httpx.AsyncClient(timeout=timeout, headers=headers, transport=transport)

    def __repr__(self) -> str:
        return f"ChatClient({self.shown_url!r}, model={self.model!r}, key={'set' if self._key else 'unset'})"

    def redact(self, text: object) -> str:
        """``text`` without this client's URL credentials or API key (see :func:`redact`)."""
        return redact(text, *self._secrets)

    async def __aenter__(self) -> ChatClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._http.aclose()

    def body(self, messages: list[dict[str, str]], *, json_mode: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": self.temperature}
        if json_mode:
            body["response_format"] = {"type": "json_object"}
        return body

    async def complete(self, messages: list[dict[str, str]], *, json_mode: bool = False) -> Completion:
        body = self.body(messages, json_mode=json_mode)
        last = "no attempt made"
        for attempt in range(1, self.max_retries + 2):
            wait: float | None = None
            try:
                async with self._sem:
                    self.stats.requests += 1
                    # The whole request within the timeout: httpx's applies to each read, so a
                    # server that trickles its answer a byte at a time would hold a call forever.
                    resp = await asyncio.wait_for(self._http.post(self.url, json=body), self.timeout)
                if resp.status_code == 200:
                    try:
                        return self._parse(resp, attempt)
                    except LLMError as e:  # an HTML page or cut JSON from a proxy: asked again, like a 5xx
                        last = str(e).removeprefix(f"{self.shown_url}: ")
                        resp = None
                if resp is not None:
                    last = f"HTTP {resp.status_code}: {self.redact(resp.text)[:200]}"
                    if resp.status_code not in self.RETRY_STATUS:
                        break
                    wait = _retry_after(resp.headers.get("retry-after"))
            except (httpx.TimeoutException, asyncio.TimeoutError):
                last = f"timed out after {self.timeout:g} s"
            except httpx.TransportError as e:
                last = f"connection error: {e.__class__.__name__}"
            except httpx.HTTPError as e:  # a body that cannot be decoded (a false Content-Encoding), ...
                last = f"unreadable response: {e.__class__.__name__}"
            if attempt > self.max_retries:
                break
            self.stats.retries += 1
            if wait is None:
                wait = min(self.max_backoff, self.backoff * 2 ** (attempt - 1)) * (0.5 + random.random())
            await asyncio.sleep(min(wait, self.max_backoff))
        self.stats.failures += 1
        raise LLMError(self.redact(f"{self.shown_url}: {last}"))

    def _parse(self, resp: httpx.Response, attempt: int) -> Completion:
        try:
            data = msgspec.json.decode(resp.content)
            text = data["choices"][0]["message"]["content"]
        except (msgspec.DecodeError, KeyError, IndexError, TypeError, RecursionError) as e:
            raise LLMError(self.redact(f"{self.shown_url}: response is not a chat completion ({e.__class__.__name__}: {e})")) from None
        usage = parse_usage(data.get("usage") if isinstance(data, dict) else None)
        self.stats.usage.prompt_tokens += usage.prompt_tokens
        self.stats.usage.completion_tokens += usage.completion_tokens
        return Completion(text if isinstance(text, str) else "", usage, attempt)


def parse_json_object(text: str) -> dict[str, Any] | None:
    """The JSON object in a model's answer, tolerating code fences and prose around it."""
    s = text.strip()
    if s.startswith("```"):
        s = s.split("\n", 1)[1] if "\n" in s else s
        s = s.rsplit("```", 1)[0]
    start, end = s.find("{"), s.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        obj = msgspec.json.decode(s[start : end + 1].encode())
    except (msgspec.DecodeError, RecursionError):  # nested past the decoder's depth
        return None
    return obj if isinstance(obj, dict) else None
