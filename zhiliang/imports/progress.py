"""Progress of a running import, written where the page polling it can read it.

Outside a transaction (while checking) a progress update is an ordinary UPDATE that commits at once. While
applying, the importer runs inside `transaction.atomic()`, whose writes nobody else sees before the commit;
on PostgreSQL the update therefore goes through a second connection of its own. SQLite allows one writer at a
time, so there a second connection would wait for the import to finish: progress is not written while
applying and the page shows the last message ("正在写入…") until the import is done (docs/rosters.md).

Importers report with `report_progress(percent, message)`, which does nothing outside a job, so check
functions can report progress without a callback in their signature.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from zhiliang.imports.models import ImportJob

_MIN_INTERVAL = 0.5  # seconds between two writes of the same job's progress

_current: ContextVar["ProgressWriter | None"] = ContextVar("import_progress", default=None)


class ProgressWriter:
    def __init__(self, job_id: int, *, low: int = 0, high: int = 100) -> None:
        self.job_id = job_id
        self.in_transaction = False  # set while the import transaction is open (see the module docstring)
        self.low = low
        self.high = high
        self._last_time = 0.0
        self._last: tuple[int, str] | None = None
        self._side: Any = None

    def phase(self, low: int, high: int) -> "ProgressWriter":
        """Map the next reports (0–100) into low–high of the whole job: checking, then writing."""
        self.low, self.high = low, high
        return self

    def __call__(self, percent: int, message: str) -> None:
        """Record `percent` (0–100 of this phase, mapped into low–high of the whole job) and `message`."""
        percent = max(0, min(100, int(percent)))
        overall = self.low + (self.high - self.low) * percent // 100
        state = (overall, str(message)[:200])
        now = time.monotonic()
        if state == self._last or (now - self._last_time < _MIN_INTERVAL and percent < 100):
            return
        self._last, self._last_time = state, now
        self._write(*state)

    def _write(self, percent: int, message: str) -> None:
        if not self.in_transaction:
            ImportJob.objects.filter(pk=self.job_id).update(progress=percent, progress_message=message)
            return
        connection = transaction.get_connection()
        if connection.vendor != "postgresql":
            return
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
        table = connection.ops.quote_name(ImportJob._meta.db_table)
        with self._side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET progress = %s, progress_message = %s WHERE id = %s",  # noqa: S608
                [percent, message, self.job_id],
            )

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


@contextmanager
def progress_reporting(writer: ProgressWriter) -> Iterator[ProgressWriter]:
    token = _current.set(writer)
    try:
        yield writer
    finally:
        _current.reset(token)
        writer.close()


def report_progress(percent: int, message: str) -> None:
    """Report progress of the job being checked or applied in this context; a no-op outside one."""
    writer = _current.get()
    if writer is not None:
        writer(percent, message)
