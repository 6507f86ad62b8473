"""On SQLite, a transaction waits its turn on the writers' queue instead of failing or sleeping."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from lainaamo.directory.models import Region


@pytest.fixture
def sqlite_only(db_vendor):
    if db_vendor != "sqlite":
        pytest.skip("the writers' queue belongs to the SQLite backend")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_second_writer_waits_for_the_first_without_sqlites_busy_handler(sqlite_only):
    first_inside, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                Region.objects.create(name_fi="Ensimmäinen")
                first_inside.set()
                release.wait(5)
                time.sleep(0.2)  # the second is waiting by now
                results["first_done"] = time.monotonic()  # the last moment before the commit
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_inside.wait(5)
            with connection.cursor() as cursor:
                # Without the queue, SQLite would answer "database is locked" at once.
                cursor.execute("PRAGMA busy_timeout = 0")
            release.set()
            with transaction.atomic():
                results["second_began"] = time.monotonic()
                Region.objects.create(name_fi="Toinen")
        except Exception as error:  # noqa: BLE001 - the test reports it
            results["error"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert "error" not in results, results.get("error")
    assert results["second_began"] > results["first_done"]
    assert set(Region.objects.values_list("name_fi", flat=True)) >= {"Ensimmäinen", "Toinen"}
