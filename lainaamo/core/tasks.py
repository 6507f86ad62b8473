"""The task queue in the database, as django-tasks-db keeps it, with a cheaper write.

Every step of a loan queues its mail in the step's own transaction, which on SQLite holds the
database's one write lock. django-tasks-db writes the task with `objects.create()`; here the
same row is written with one hand-written INSERT (`lainaamo.core.sql.insert`), which takes a
fifth of the time. `save()` signals are not sent, so the one django-tasks-db connects (a task
without `run_after` runs at once, stored as the largest date) is applied here. Everything else
(the worker, results, retries) is django-tasks-db's; a test runs its worker on a queued task.
"""

from typing import Any

import django_tasks_db
from django.db import transaction
from django_tasks_db.compat import normalize_json
from django_tasks_db.models import DBTaskResult, get_date_max

from . import sql


class DatabaseBackend(django_tasks_db.DatabaseBackend):
    def _task_to_db_task(self, task: Any, args: Any, kwargs: Any) -> DBTaskResult:
        return sql.insert(
            DBTaskResult(
                id=self._get_id(),
                args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
                priority=task.priority,
                task_path=task.module_path,
                queue_name=task.queue_name,
                run_after=get_date_max() if task.run_after is None else task.run_after,
                backend_name=self.alias,
            )
        )


def enqueue_with_transaction(task: Any, *args: Any) -> None:
    """Queue the task so that it runs if and only if the current transaction commits.

    A queue in the database takes it in the transaction itself: nothing is lost if the process
    stops after the commit, and on SQLite no second write waits for the lock. Any other backend
    (in tests, one that runs the task at once) is handed it after the commit.
    """
    if isinstance(task.get_backend(), django_tasks_db.DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
