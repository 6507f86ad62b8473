"""SQLite with a queue for writers: transactions wait their turn on a file lock.

Every transaction begins IMMEDIATE (config/settings.py), so it takes SQLite's one write lock
when it begins. A transaction that finds the lock taken is left to SQLite's busy handler, which
sleeps for growing intervals (up to 100 ms) and tries again; under load, writers sleep long
after the lock has been freed. Here each transaction first takes an exclusive lock on a file
beside the database. The kernel wakes the next waiter the moment the lock is released, in
whatever thread or process it waits, so writers follow one another without sleeping.
Statements outside a transaction and in-memory databases keep SQLite's own locking.
"""

import contextlib
import fcntl
import os

from django.db.backends.sqlite3 import base, creation


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name, verbosity) -> None:
        super()._destroy_test_db(test_database_name, verbosity)
        if test_database_name and not self.is_in_memory_db(test_database_name):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{test_database_name}.writers")


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._writer_queue: int | None = None

    def _queue_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return f"{name}.writers"

    def _start_transaction_under_autocommit(self) -> None:
        path = self._queue_path()
        if path is not None and self._writer_queue is None:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            except BaseException:
                os.close(descriptor)
                raise
            self._writer_queue = descriptor
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_queue()
            raise

    def _leave_queue(self) -> None:
        descriptor, self._writer_queue = self._writer_queue, None
        if descriptor is not None:
            os.close(descriptor)  # closing the descriptor releases the lock

    def _commit(self) -> None:
        try:
            super()._commit()
        finally:
            self._leave_queue()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._leave_queue()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._leave_queue()
