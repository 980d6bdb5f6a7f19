"""Is a host private? For the rule that a public page's link may not be redirected into
the auditing machine's own network (loopback, private ranges, link-local such as cloud
metadata at 169.254.169.254) unless the user says so with --allow-private."""

from __future__ import annotations

import ipaddress
import socket
from typing import Awaitable, Callable

Resolver = Callable[[str], Awaitable[list[str]]]


def _private_ip(text: str) -> bool:
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified or ip.is_multicast


async def system_resolver(host: str) -> list[str]:
    import asyncio  # not at the top: an offline audit imports this module but never resolves

    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [info[4][0] for info in infos]


async def is_private_host(host: str, resolve: Resolver = system_resolver) -> bool:
    """True when the host is, or resolves to, a non-public address. A host that does not
    resolve is not private: the request will fail on its own."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return _private_ip(host)
    except ValueError:
        pass
    return any(_private_ip(address) for address in await resolve(host))
