"""The link checker's httpx transport: HTTP/1.1 with h11 on asyncio's own connections, and
HTTP/2 through httpcore when a TLS server chooses it.

httpx's default transport goes through httpcore's connection pool and anyio's streams. For
a link checker, which makes hundreds of small requests (a HEAD, or the first kilobyte of a
GET), that layer was most of the CPU of the link stage: about 0.8 ms a request, against
about 0.2 ms through this transport, httpx's request and response objects included
(measured here, HEAD requests to one host on loopback). The requests and responses are
still httpx's, and the client is still httpx's AsyncClient.

What the pool does, and why:
- Keep-alive: a connection goes back to its origin's idle list when both sides finished
  the exchange (h11 says so), and is taken again for the next request to that origin.
- A connection the server closed while idle, or sent bytes on unasked, is not reused: the
  protocol below hears of both as they happen. One that goes stale in the instant between
  being taken and the request being written fails before any answer arrives; that request
  is sent once more on a new connection (HEAD and GET are safe to repeat).
- Concurrency is not limited here: the link checker's gates do that (global and per host).
- TLS offers HTTP/2 by ALPN when h2 is installed and asked for; a server that picks it gets
  httpcore's HTTP/2 connection over the same socket, one connection per origin shared by
  every request it can multiplex.
- Errors are httpx's (ConnectError, ReadTimeout, RemoteProtocolError...), each with the OS
  or protocol error as its cause, so callers can tell a DNS failure from a refused
  connection or a certificate problem.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any

import h11
import httpx

KEEPALIVE_SECONDS = 5.0  # an idle connection older than this is closed, not reused (httpcore's default)
READ_BYTES = 64 * 1024
PAUSE_BYTES = 1024 * 1024  # stop reading the socket while this much is waiting to be consumed
DEFAULT_PORTS = {"http": 80, "https": 443}


class _Socket(asyncio.Protocol):
    """One TCP (or TLS) connection's bytes as they arrive, and whether it has ended."""

    def __init__(self, open_sockets: set) -> None:
        self.open_sockets = open_sockets  # the transport's, to close at its end; left when lost
        self.transport: asyncio.Transport | None = None
        self.chunks: deque[bytes] = deque()
        self.buffered = 0
        self.ended = False
        self.error: BaseException | None = None
        self._waiter: asyncio.Future | None = None
        self._paused = False

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.open_sockets.add(self)

    def data_received(self, data: bytes) -> None:
        self.chunks.append(data)
        self.buffered += len(data)
        if self.buffered > PAUSE_BYTES and not self._paused:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self.ended = True
        self._wake()
        return False  # close our side too

    def connection_lost(self, exc: BaseException | None) -> None:
        self.ended = True
        self.error = exc
        self.open_sockets.discard(self)
        self._wake()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def read(self) -> bytes:
        """The next bytes; b"" once the peer has closed; OSError when the connection broke."""
        while not self.chunks:
            if self.ended:
                if self.error is not None:
                    raise self.error
                return b""
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        data = self.chunks.popleft()
        self.buffered -= len(data)
        if self._paused and self.buffered <= PAUSE_BYTES // 2:
            self._paused = False
            self.transport.resume_reading()
        return data

    async def read_within(self, timeout: float | None, errors) -> bytes:
        """read(), its failures as `errors`' ReadTimeout and ReadError (httpx's for our own
        HTTP/1.1, httpcore's for its HTTP/2 connection, which expects its own)."""
        try:
            async with asyncio.timeout(timeout):
                return await self.read()
        except TimeoutError:
            raise errors.ReadTimeout(f"no answer within {timeout:g} s") from None
        except OSError as exc:
            raise errors.ReadError(str(exc) or type(exc).__name__) from exc

    def stale(self) -> bool:
        """Closed by the server, or with bytes nobody asked for: not to be reused."""
        return self.ended or bool(self.chunks) or self.transport.is_closing()

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()


class _Stale(Exception):
    """A reused connection failed before any of the response arrived: send again on a new one."""


class _Connection:
    """An HTTP/1.1 connection: one request and response at a time, through h11."""

    def __init__(self, sock: _Socket) -> None:
        self.sock = sock
        self.h11 = h11.Connection(h11.CLIENT)
        self.reused = False
        self.idle_since = 0.0

    async def send(self, request: httpx.Request, timeouts: dict) -> h11.Response:
        target = request.url.raw_path
        data = self.h11.send(h11.Request(method=request.method, target=target, headers=request.headers.raw))
        content = request.content  # a link check sends none; httpx raises for a streamed body, which is not supported
        if content:
            data += self.h11.send(h11.Data(data=content))
        data += self.h11.send(h11.EndOfMessage())
        if self.reused and self.sock.stale():
            raise _Stale()
        try:
            self.sock.transport.write(data)
        except OSError as exc:
            raise httpx.WriteError(str(exc) or type(exc).__name__) from exc
        received_any = False
        while True:
            event = self._next()
            if event is h11.NEED_DATA:
                try:
                    chunk = await self._read(timeouts)
                except httpx.ReadError:
                    if self.reused and not received_any:
                        raise _Stale() from None
                    raise
                if not chunk and self.reused and not received_any:
                    raise _Stale()
                received_any = True
                self._receive(chunk)
                continue
            if type(event) is h11.Response:  # `type is`: h11's events are ABCs, slow to isinstance
                return event
            if type(event) is h11.InformationalResponse:
                continue
            raise httpx.RemoteProtocolError("the server closed the connection without answering")

    async def _read(self, timeouts: dict) -> bytes:
        return await self.sock.read_within(timeouts.get("read"), httpx)

    def _receive(self, chunk: bytes) -> None:
        try:
            self.h11.receive_data(chunk)
        except h11.RemoteProtocolError as exc:
            raise httpx.RemoteProtocolError(str(exc)) from exc

    def _next(self):
        try:
            return self.h11.next_event()
        except h11.RemoteProtocolError as exc:
            raise httpx.RemoteProtocolError(str(exc)) from exc

    def received_body(self) -> tuple[list[bytes], bool]:
        """The body's chunks already received, and whether they are all of it."""
        chunks = []
        while True:
            event = self._next()
            if event is h11.NEED_DATA:
                return chunks, False
            if type(event) is h11.Data:
                chunks.append(bytes(event.data))
            elif type(event) is h11.EndOfMessage or type(event) is h11.ConnectionClosed:
                return chunks, True

    async def body(self, timeouts: dict, received: list[bytes]):
        """The response body's chunks, to its end, after those already received."""
        chunks, complete = received, False
        while True:
            for chunk in chunks:
                yield chunk
            if complete:
                return
            self._receive(await self._read(timeouts))
            chunks, complete = self.received_body()

    def reusable(self) -> bool:
        return self.h11.our_state is h11.DONE and self.h11.their_state is h11.DONE

    def close(self) -> None:
        self.sock.close()


class _Body(httpx.AsyncByteStream):
    """A response body read from its connection; closing it gives the connection back or closes it."""

    def __init__(self, transport: Transport, origin: tuple, connection: _Connection, timeouts: dict,
                 received: list[bytes]) -> None:
        self._transport, self._origin, self._connection, self._timeouts = transport, origin, connection, timeouts
        self._received = received
        self._closed = False

    def __aiter__(self):
        return self._connection.body(self._timeouts, self._received)

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._transport._release(self._origin, self._connection)


class _H2Socket:
    """Our connection as httpcore's network stream, for its HTTP/2 connection."""

    def __init__(self, sock: _Socket) -> None:
        self.sock = sock

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore

        return await self.sock.read_within(timeout, httpcore)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore

        if not buffer:
            return
        if self.sock.transport.is_closing():
            raise httpcore.WriteError("the connection is closed")
        self.sock.transport.write(buffer)

    async def aclose(self) -> None:
        self.sock.close()

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object":
            return self.sock.transport.get_extra_info("ssl_object")
        if info == "is_readable":
            return self.sock.stale()
        return None


class _H2Body(httpx.AsyncByteStream):
    def __init__(self, stream) -> None:
        self._stream = stream
        self._ended = False

    async def __aiter__(self):
        with _httpcore_errors():
            async for chunk in self._stream:
                yield chunk
        self._ended = True

    async def aclose(self) -> None:
        if not self._ended:
            _cancel_h2_stream(self._stream)
        with _httpcore_errors():
            await self._stream.aclose()


def _cancel_h2_stream(stream) -> None:
    """Give back the flow-control window of a response closed before its end, and tell the
    server to stop sending it.

    httpcore's HTTP/2 connection drops such a stream's DATA, queued and still arriving,
    without acknowledging it (encode/httpcore#943, open upstream): the connection's receive
    window shrinks by every unread body until all later responses on it stall. The checker
    reads a kilobyte of a document whose server ignores Range, so that would come soon.
    Here the queued DATA is acknowledged and the stream reset (CANCEL); DATA that arrives
    after the reset is acknowledged by h2 itself. Private parts of httpcore's stream: when
    they are laid out otherwise, nothing is done (as before)."""
    connection = getattr(stream, "_connection", None)
    stream_id = getattr(stream, "_stream_id", None)
    state = getattr(connection, "_h2_state", None)
    events = getattr(connection, "_events", None)
    socket = getattr(connection, "_network_stream", None)
    if state is None or not isinstance(stream_id, int) or not isinstance(events, dict) or not isinstance(socket, _H2Socket):
        return
    import h2.errors
    import h2.events
    import h2.exceptions

    unread = sum(e.flow_controlled_length for e in events.get(stream_id, ()) if isinstance(e, h2.events.DataReceived))
    try:
        if unread:
            state.acknowledge_received_data(unread, stream_id)
        state.reset_stream(stream_id, error_code=h2.errors.ErrorCodes.CANCEL)
    except h2.exceptions.H2Error:  # the stream had ended already: the acknowledgement is all it needs
        pass
    data = state.data_to_send()
    if data and not socket.sock.transport.is_closing():
        socket.sock.transport.write(data)  # at once, between two of httpcore's writes, never inside one


class _httpcore_errors:
    """httpcore's exceptions as httpx's of the same name (httpx maps them so in its own transport)."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        import httpcore

        if exc is None or not type(exc).__module__.startswith("httpcore") \
                or isinstance(exc, httpcore.ConnectionNotAvailable):
            return False
        for cls in type(exc).__mro__:
            mapped = getattr(httpx, cls.__name__, None)
            if isinstance(mapped, type) and issubclass(mapped, httpx.TransportError):
                raise mapped(str(exc)) from exc
        return False


class Transport(httpx.AsyncBaseTransport):
    def __init__(self, http2: bool = False, max_idle: int = 64, keepalive: float = KEEPALIVE_SECONDS) -> None:
        self._http2 = http2
        self._max_idle = max_idle
        self._keepalive = keepalive
        self._idle: dict[tuple, list[_Connection]] = {}
        self._idle_count = 0
        self._h2: dict[tuple, list] = {}  # origin -> httpcore HTTP/2 connections
        self._first: dict[tuple, asyncio.Future] = {}  # origin -> done when its first connection is made
        self._http1_origins: set[tuple] = set()  # https origins that chose HTTP/1.1
        self._open: set[_Socket] = set()
        self._ssl = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"cannot check {url.scheme or 'scheme-less'} links")
        # The host as it goes on the wire: an IDNA name in its ASCII form, an IPv6 address unbracketed.
        origin = (url.scheme, url.raw_host.decode("ascii").strip("[]"), url.port or DEFAULT_PORTS[url.scheme])
        timeouts = request.extensions.get("timeout") or {}
        for _ in range(3):  # two stale connections in a row at most, then a new one is certain
            connection = await self._acquire(origin, timeouts)
            if not isinstance(connection, _Connection):
                try:
                    return await self._send_h2(connection, request)
                except _Stale:
                    continue
            try:
                event = await connection.send(request, timeouts)
            except _Stale:
                connection.close()
                continue
            except BaseException:
                connection.close()
                raise
            headers = [(bytes(k), bytes(v)) for k, v in event.headers]
            extensions = {"http_version": b"HTTP/" + event.http_version, "reason_phrase": bytes(event.reason)}

            def response(stream) -> httpx.Response:
                return httpx.Response(event.status_code, headers=headers, extensions=extensions, stream=stream)

            received, complete = connection.received_body()
            if not complete:
                return response(_Body(self, origin, connection, timeouts, received))
            # The whole body came with the headers (a HEAD answer, an error page, a page's
            # first kilobyte): the connection goes back now and the response is read
            # already, which spares the caller an asynchronous read of what is in memory.
            self._release(origin, connection)
            body = b"".join(received)
            done = response(httpx.ByteStream(body))
            try:
                done.read()  # the body decoded (Content-Encoding), as an asynchronous read would
            except httpx.DecodingError:  # left for the caller's read to raise, as with a streamed body
                done = response(httpx.ByteStream(body))
            return done
        raise httpx.RemoteProtocolError("the server closed every connection before answering")  # pragma: no cover

    async def _acquire(self, origin: tuple, timeouts: dict):
        """A connection for this origin: a shared HTTP/2 one, an idle HTTP/1.1 one, or a new one.

        Requests that start together towards an https origin whose protocol is not known yet
        wait for the first one's connection: if the server chooses HTTP/2 they all share it,
        one connection per origin as RFC 9113 asks; if HTTP/1.1, each opens its own."""
        while True:
            connection = self._h2_connection(origin) or self._take(origin)
            if connection is not None:
                return connection
            first = self._first.get(origin)
            if first is None:
                break
            if not await asyncio.shield(first):  # HTTP/1.1, or it failed: a connection of our own, at once
                return await self._connect(origin, timeouts)
        if not (self._http2 and origin[0] == "https") or origin in self._http1_origins:
            return await self._connect(origin, timeouts)
        first = self._first[origin] = asyncio.get_running_loop().create_future()
        shared = False
        try:
            connection = await self._connect(origin, timeouts)
            shared = not isinstance(connection, _Connection)
            if not shared:
                self._http1_origins.add(origin)
            return connection
        finally:
            del self._first[origin]
            first.set_result(shared)

    def _take(self, origin: tuple) -> _Connection | None:
        idle = self._idle.get(origin)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            self._idle_count -= 1
            if connection.sock.stale() or now - connection.idle_since > self._keepalive:
                connection.close()
                continue
            connection.reused = True
            return connection
        return None

    def _release(self, origin: tuple, connection: _Connection) -> None:
        """A response is done with its connection: back to the pool when it can serve another."""
        if connection.reusable() and not connection.sock.stale():
            connection.h11.start_next_cycle()
            self._give_back(origin, connection)
        else:
            connection.close()

    def _give_back(self, origin: tuple, connection: _Connection) -> None:
        if self._idle_count >= self._max_idle:
            # Full: the connection idle longest makes room. A site's links move from host to
            # host; keeping the old hosts' connections instead would leave none for the new.
            _, oldest_origin, oldest = min(((c.idle_since, o, c) for o, idle in self._idle.items() for c in idle),
                                            key=lambda entry: entry[0])
            self._idle[oldest_origin].remove(oldest)
            self._idle_count -= 1
            oldest.close()
        connection.idle_since = time.monotonic()
        self._idle.setdefault(origin, []).append(connection)
        self._idle_count += 1

    async def _connect(self, origin: tuple, timeouts: dict):
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        timeout = timeouts.get("connect")
        sock = _Socket(self._open)
        tls = self._ssl_context() if scheme == "https" else None
        try:
            async with asyncio.timeout(timeout):
                # Happy eyeballs, as anyio does for httpx: a host whose IPv6 address does not
                # answer is tried over IPv4 after 250 ms instead of after the connect timeout.
                await loop.create_connection(lambda: sock, host, port, ssl=tls, server_hostname=host if tls else None,
                                             happy_eyeballs_delay=0.25)
        except TimeoutError:
            sock.close()
            raise httpx.ConnectTimeout(f"could not connect within {timeout:g} s") from None
        except OSError as exc:  # socket.gaierror, ConnectionRefusedError, ssl.SSLError are all OSErrors
            sock.close()
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        ssl_object = sock.transport.get_extra_info("ssl_object") if tls else None
        if ssl_object is not None and ssl_object.selected_alpn_protocol() == "h2":
            import httpcore

            connection = httpcore.AsyncHTTP2Connection(
                origin=httpcore.Origin(scheme.encode(), host.encode(), port), stream=_H2Socket(sock),
                keepalive_expiry=self._keepalive)
            self._h2.setdefault(origin, []).append(connection)
            return connection
        return _Connection(sock)

    def _h2_connection(self, origin: tuple):
        connections = self._h2.get(origin)
        if not connections:
            return None
        for connection in list(connections):
            if connection.is_closed() or connection.has_expired():
                connections.remove(connection)
            elif connection.is_available():
                return connection
        return None

    async def _send_h2(self, connection, request: httpx.Request) -> httpx.Response:
        import httpcore

        url = request.url
        core = httpcore.Request(method=request.method,
                                url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port,
                                                 target=url.raw_path),
                                headers=request.headers.raw, content=request.stream, extensions=request.extensions)
        try:
            with _httpcore_errors():
                response = await connection.handle_async_request(core)
        except httpcore.ConnectionNotAvailable:  # closed or out of stream ids since it was chosen
            raise _Stale() from None
        return httpx.Response(response.status, headers=response.headers, stream=_H2Body(response.stream),
                              extensions=response.extensions)

    def _ssl_context(self):
        if self._ssl is None:  # certifi's bundle is loaded once, and only for https links
            self._ssl = httpx.create_ssl_context()
            self._ssl.set_alpn_protocols(["h2", "http/1.1"] if self._http2 else ["http/1.1"])
        return self._ssl

    async def aclose(self) -> None:
        for connections in self._h2.values():
            for connection in connections:
                try:
                    await connection.aclose()
                except Exception:
                    pass
        # Aborted, not closed: a TLS close waits for the server's close_notify, and the event
        # loop of the run ends first, leaving the socket to the garbage collector. The checks
        # are over; the server loses nothing.
        for sock in list(self._open):
            if sock.transport is not None:
                sock.transport.abort()
        for _ in range(3):  # connection_lost runs on the loop's next turns
            if not self._open:
                break
            await asyncio.sleep(0)
        self._idle.clear()
        self._h2.clear()
        self._open.clear()
