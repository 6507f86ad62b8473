"""Matching's cache: the ranking of mentors and the details of those shown, kept a short
while, read anew when mentors change.

Ranking reads every mentor who knows a skill asked for, with their languages, reach, sector
and monthly hours. Requests alike (the same skills, language, place, borrower's sector and
mentor asked for, on the same day) share one ranking, kept in Django's cache for `LIFETIME`
seconds under a version number; so are the weekly hours of each chunk of candidates and the
details shown of the mentors matched (skills, languages, municipalities served). The services
that change a mentor (skills, languages, municipalities, modes, monthly or weekly hours, a
pause) and the admin's changes of a mentor or a skill move the version on when they commit.
Where the version is seen at once depends on the cache: with the local-memory cache (the
default) each process has its own, so the process that made the change ranks anew at once and
the others within the lifetime; with a cache the processes share, all of them at once. Writes
made any other way (a person's home unit or account, a unit's sector, a resource's weekly
hours in the admin, a municipality renamed, a script) are seen within the lifetime.

A ranking only orders the mentors to offer: declines, hours lent, bookings and absences are
read on every request, and booking checks every rule again under its lock, so a ranking a
minute old can never book what is not allowed.
"""

import contextlib
import hashlib
import secrets
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

LIFETIME = 60  # seconds
VERSION_KEY = "mentors:matching:version"


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random start: a version lost from the cache (evicted, or the cache restarted)
        # must not come back as a number that rankings still kept were stored under.
        cache.add(VERSION_KEY, secrets.randbits(48), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def kept(kind: str, inputs: object, compute: Callable[[], T]) -> T:
    """What `compute()` gives for these inputs, kept at the current version for `LIFETIME`.

    One entry per request of a kind (not one per mentor): the local-memory cache holds 300
    entries before it drops the oldest.
    """
    digest = hashlib.blake2b(repr(inputs).encode(), digest_size=16).hexdigest()
    key = f"mentors:{kind}:{current_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LIFETIME)
    return value


def _next_version() -> None:
    # No version kept raises ValueError: the next ranking starts a new one.
    with contextlib.suppress(ValueError):
        cache.incr(VERSION_KEY)


def mentors_changed() -> None:
    """Rankings are read anew once the current transaction commits (at once outside one).

    On commit, not before: a ranking read in between would see the old data and be kept
    under the new version.
    """
    transaction.on_commit(_next_version)
