"""The project's wiring: production settings, migrations, and what the databases guarantee."""

import os
import secrets
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process that sees only the given environment."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "ALLOWED_HOSTS": "example.org",
    "SITE_URL": "https://example.org",
}


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", **PRODUCTION)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("debug", ["true", "1", "on"])
def test_production_refuses_to_start_with_debug_on(debug):
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50), DEBUG=debug, **PRODUCTION)

    assert result.returncode != 0
    assert "DEBUG cannot be on in production" in result.stderr


def test_production_starts_with_debug_off_said_so():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50), DEBUG="false", **PRODUCTION)

    assert result.returncode == 0, result.stderr


def test_a_trusted_proxy_that_is_no_address_stops_the_start():
    result = manage("check", TRUSTED_PROXIES="10.0.0.1,proxy.example.fi")

    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_login_throttling_stays_on_in_tests():
    assert settings.AXES_ENABLED is True


def other_writer_is_locked_out(path: str) -> bool:
    """Whether a second connection to the SQLite file is refused the write lock right now."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return True
    else:
        other.execute("ROLLBACK")
        return False
    finally:
        other.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_backs_the_no_double_booking_rule(db_vendor):
    # The booking kernel relies on the database: on SQLite, WAL and a transaction that takes
    # the write lock when it begins; on PostgreSQL, the exclusion constraint over bookings.
    with connection.cursor() as cursor:
        if db_vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            path = connection.settings_dict["NAME"]
            with transaction.atomic():
                locked_inside = other_writer_is_locked_out(path)
            locked_after = other_writer_is_locked_out(path)

            assert journal_mode == "wal"
            assert locked_inside
            assert not locked_after
        else:
            cursor.execute(
                "SELECT contype, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conname = 'booking_no_overlap'"
            )
            rows = cursor.fetchall()

            assert db_vendor == "postgresql"
            assert len(rows) == 1
            kind, definition = rows[0]
            assert kind == "x"
            assert "gist" in definition.lower()
            assert "&&" in definition


@pytest.mark.argon2
@pytest.mark.django_db
def test_passwords_are_stored_as_argon2_hashes():
    from lainaamo.directory.tests.factories import PersonFactory

    person = PersonFactory()

    assert person.password.startswith("argon2$")
    assert person.check_password("correct-horse-battery-staple")


def database_options(**env: str) -> str:
    """The database OPTIONS a fresh process builds from the given environment."""
    code = (
        "import django; django.setup(); from django.db import connection;"
        "print(sorted(connection.settings_dict['OPTIONS'].items()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_database_options_are_djangos_own():
    url = "postgres://lainaamo:secret@db.example.fi:5432/lainaamo"

    # PostgreSQL: Django's defaults, and what the address itself sets.
    assert database_options(DATABASE_URL=url) == "[]"
    assert database_options(DATABASE_URL=f"{url}?sslmode=require") == "[('sslmode', 'require')]"
    # SQLite: Django's own options for a write transaction that takes the lock when it begins.
    sqlite_options = database_options(DATABASE_URL="sqlite:////tmp/lainaamo-options.sqlite3")
    assert "('transaction_mode', 'IMMEDIATE')" in sqlite_options
    assert "journal_mode=WAL" in sqlite_options
