"""Project-wide pytest wiring. App fixtures and factories live in each app's tests/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection


def pytest_configure(config):
    # The SQLite test database is a file in var/ (see settings); a fresh checkout has no var/.
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def db_vendor() -> str:
    """The database the suite runs on: "sqlite" or "postgresql"."""
    return connection.vendor


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
