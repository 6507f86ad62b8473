"""Matching's cache: the ranking of mentors and the details of those shown, kept a short
while, read anew when mentors change.

Ranking reads every mentor who knows a skill asked for, with their languages, reach, sector
and monthly hours. Requests alike (the same skills, language, place, borrower's sector and
mentor asked for, on the same day) share one ranking, kept in Django's cache for `LIFETIME`
seconds under a version number; so are the details shown of each mentor matched (skills,
languages, municipalities served). The services that change a mentor (skills, languages,
municipalities, modes, monthly or weekly hours, a pause) and the admin's changes of a mentor
or a skill move the version on when they commit. Where the version is seen at once depends on
the cache: with the local-memory cache (the default) each process has its own, so the process
that made the change ranks anew at once and the others within the lifetime; with a cache the
processes share, all of them at once. Writes made any other way (a person's home unit or
account, a unit's sector, a municipality renamed, a script) are seen within the lifetime.

A ranking only orders the mentors to offer: declines, hours lent, bookings and absences are
read on every request, and booking checks every rule again under its lock, so a ranking a
minute old can never book what is not allowed.
"""

import contextlib
import hashlib
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

from .models import MentorProfile, with_details

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


def cached_ranking(inputs: dict, rank: Callable[[], list]) -> list:
    """The ranking kept for these inputs at the current version, or `rank()`'s, then kept."""
    text = repr(sorted(inputs.items()))
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    key = f"mentors:matching:{current_version()}:{digest}"
    rows = cache.get(key)
    if rows is None:
        rows = rank()
        cache.set(key, rows, LIFETIME)
    return rows


def add_details(mentors: list[MentorProfile]) -> None:
    """`with_details` for the mentors, from the cache for those kept at the current version."""
    version = current_version()
    keys = {mentor.pk: f"mentors:details:{version}:{mentor.pk}" for mentor in mentors}
    kept = cache.get_many(keys.values())
    missing = []
    for mentor in mentors:
        details = kept.get(keys[mentor.pk])
        if details is None:
            missing.append(mentor)
        else:
            mentor.details = details
    if missing:
        with_details(missing)
        cache.set_many({keys[mentor.pk]: mentor.details for mentor in missing}, LIFETIME)


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
