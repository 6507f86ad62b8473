"""Background work in the step's own transaction.

A step of a loan queues its mail as it writes: with django-tasks-db's queue in the database,
the task's row is written in the step's transaction, so it is queued if and only if the step
commits, and nothing is lost if the process stops after the commit.
"""

from typing import Any

import django_tasks_db
from django.db import transaction


def enqueue_with_transaction(task: Any, *args: Any) -> None:
    """Queue the task so that it runs if and only if the current transaction commits.

    A queue in the database takes it in the transaction itself. Any other backend (in tests,
    one that runs the task at once) is handed it after the commit.
    """
    if isinstance(task.get_backend(), django_tasks_db.DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
