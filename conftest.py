"""Project-wide pytest wiring. App fixtures and factories live in each app's tests/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from lainaamo.core.tests.clock import Clock, default_instant, instant, travel


def pytest_configure(config):
    # The SQLite test database is a file in var/ (see settings); a fresh checkout has no var/.
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    config.addinivalue_line(
        "markers",
        "clock(instant, tick=True): run the test at this instant (a datetime, or an ISO string "
        "read as Helsinki time when it has no offset); with tick=False the clock stands still",
    )


@pytest.fixture(scope="session", autouse=True)
def session_clock():
    """What runs once for the session (the test database's migrations, the live server) runs
    at the default instant too, so that nothing in the run reads the real time."""
    with travel(default_instant()):
        yield


@pytest.fixture(autouse=True)
def clock(request):
    """Every test runs at a chosen instant, never at the real time of the run.

    By default a Monday morning in January 2027 (DEFAULT_INSTANT in lainaamo/core/tests/
    clock.py), from which the clock runs on as the test runs; a test or a module chooses its
    own with `@pytest.mark.clock(instant, tick=...)` and moves it with `clock.set(moment)` and
    `clock.advance(delta)`.
    """
    marker = request.node.get_closest_marker("clock")
    if marker is None:
        moment, tick = default_instant(), True
    else:
        moment, tick = instant(marker.args[0]), marker.kwargs.get("tick", True)
    with travel(moment, tick=tick) as traveller:
        yield Clock(traveller, tick=tick)


@pytest.fixture
def db_vendor() -> str:
    """The database the suite runs on: "sqlite" or "postgresql"."""
    return connection.vendor


@pytest.fixture
def english(client):
    """Django's test client with pages in English, the language the source strings are in."""
    client.cookies["lainaamo_language"] = "en"
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """Hash test passwords with MD5: Argon2 costs a tenth of a second per person.

    A test marked `argon2` keeps the production hashers, to prove they are used.
    """
    if request.node.get_closest_marker("argon2") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: the local-memory cache outlives a test's data
    (and SQLite hands the same ids out again), so a ranking kept by one test must not reach
    the next."""
    cache.clear()
