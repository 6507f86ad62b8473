"""Real concurrent attempts for the tests of the no-double-booking guarantee."""

import threading
from collections import Counter
from collections.abc import Callable

from django.db import connection

from lainaamo.core.errors import DomainError


def race(attempts: list[Callable[[], object]]) -> Counter:
    """Run each attempt in its own thread, all released at once; count how each ended.

    Each thread has its own database connection (Django's are per thread) and closes it at
    the end. An outcome is "booked", the code of a refusal ("slot_taken", "none_free"), or the
    text of any other error.
    """
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(attempt):
        try:
            barrier.wait(timeout=30)
            attempt()
            outcome = "booked"
        except DomainError as error:
            outcome = error.code
        except Exception as error:  # noqa: BLE001 - any other end is reported by the test
            outcome = f"{type(error).__name__}: {error}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an attempt never finished"
    return Counter(outcomes)
