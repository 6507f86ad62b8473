"""Matching's cache: the ranking of mentors and the details of those shown, kept a short
while, read anew when mentors change.

Ranking reads every mentor who knows a skill asked for, with their languages, reach, sector
and monthly hours. Requests alike (the same skills, language, place, borrower's sector and
mentor asked for, on the same day) share one ranking, kept in Django's cache for `LIFETIME`
seconds under a version number; so are the weekly hours of each chunk of candidates and the
details shown of the mentors matched (skills, languages, municipalities served). The services
that change a mentor (skills, languages, municipalities, modes, monthly hours, a pause) and the
admin's changes of a mentor or a skill move the mentors' version on when they commit; the
kernel's `set_weekly_hours` moves the weekly hours' version on (see `lainaamo.core.cache`).
Where the version is seen at once depends on the cache: with the local-memory cache (the
default) each process has its own, so the process that made the change ranks anew at once and
the others within the lifetime; with a cache the processes share, all of them at once. Writes
made any other way (a person's home unit or account, a unit's sector, weekly hours in the
admin, a municipality renamed, a script) are seen within the lifetime.

A ranking only orders the mentors to offer: declines, hours lent, bookings and absences are
read on every request, and booking checks every rule again under its lock, so a ranking a
minute old can never book what is not allowed.
"""

from collections.abc import Callable
from typing import TypeVar

from lainaamo.core import cache
from lainaamo.core.cache import LIFETIME
from lainaamo.scheduling.services import WEEKLY_HOURS

T = TypeVar("T")

MENTORS = "mentors"

__all__ = ["LIFETIME", "current_version", "kept", "mentors_changed"]


def current_version() -> int:
    return cache.current_version(MENTORS)


def kept(kind: str, inputs: object, compute: Callable[[], T]) -> T:
    """What `compute()` gives for these inputs, kept while mentors and their hours are as
    they were, for at most `LIFETIME` seconds."""
    return cache.kept(f"mentors:{kind}", inputs, compute, versions=(MENTORS, WEEKLY_HOURS))


def mentors_changed() -> None:
    """Rankings are read anew once the current transaction commits (at once outside one)."""
    cache.changed(MENTORS)
