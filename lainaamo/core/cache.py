"""Values kept a short while in Django's cache under version numbers that writes move on.

A reader keeps what it computed under the current versions of the data it read
(`kept(..., versions=("mentors", ...))`); a service that changes that data calls
`changed("mentors")`, and from its commit on every reader computes anew. With the local-memory
cache (the default) each process has its own versions, so the process that made the change
sees it at once and the others within the lifetime; with a cache the processes share, all of
them at once.
"""

import contextlib
import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

LIFETIME = 60  # seconds


def _version_key(name: str) -> str:
    return f"version:{name}"


def current_version(name: str) -> int:
    key = _version_key(name)
    version = cache.get(key)
    if version is None:
        # A random start: a version lost from the cache (evicted, or the cache restarted)
        # must not come back as a number that values still kept were stored under.
        cache.add(key, secrets.randbits(48), timeout=None)
        version = cache.get(key)
    return version


def kept(kind: str, inputs: object, compute: Callable[[], T], *, versions: Iterable[str]) -> T:
    """What `compute()` gives for these inputs, kept at the data's versions for `LIFETIME`.

    One entry per call of a kind (not one per row): the local-memory cache holds 300 entries
    before it drops the oldest.
    """
    digest = hashlib.blake2b(repr(inputs).encode(), digest_size=16).hexdigest()
    stamp = ".".join(str(current_version(name)) for name in versions)
    key = f"{kind}:{stamp}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LIFETIME)
    return value


def _next_version(name: str) -> None:
    # No version kept raises ValueError: the next reader starts a new one.
    with contextlib.suppress(ValueError):
        cache.incr(_version_key(name))


def changed(name: str) -> None:
    """Values kept under the data's version are computed anew once the current transaction
    commits (at once outside one).

    On commit, not before: a value read in between would see the old data and be kept under
    the new version.
    """
    transaction.on_commit(lambda: _next_version(name))
