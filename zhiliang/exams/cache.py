"""Storing analysis tables in `AnalysisCache`: Arrow IPC bytes per table, loaded one table at a time.

Arrow IPC (zstd-compressed) is polars' own binary format: it round-trips every column type exactly and
reads back in milliseconds, so a cached county analysis loads much faster than it computes. Each table is
its own row, so a page showing the school summary never fetches the 600,000-row student table. A small
in-process memo keeps the last tables read, keyed by fingerprint, so a page and its htmx fragments do not
decode the same bytes twice.
"""

from __future__ import annotations

import io
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl
from django.db import IntegrityError, transaction

from zhiliang.exams.models import AnalysisCache, Exam

META = "meta"
_MEMO_SIZE = 48
_memo: OrderedDict[tuple[int, str, str, str], Any] = OrderedDict()
_lock = threading.Lock()


def frame_to_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_ipc(buffer, compression="zstd")
    return buffer.getvalue()


def frame_from_bytes(payload: bytes | memoryview) -> pl.DataFrame:
    return pl.read_ipc(io.BytesIO(bytes(payload)))


def _remember(key: tuple[int, str, str, str], value: Any) -> None:
    with _lock:
        _memo[key] = value
        _memo.move_to_end(key)
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)


def _recall(key: tuple[int, str, str, str]) -> Any:
    with _lock:
        if key in _memo:
            _memo.move_to_end(key)
            return _memo[key]
    return None


def cache_store(
    *,
    exam: Exam,
    scope_key: str,
    fingerprint: str,
    frames: Mapping[str, pl.DataFrame],
    meta: dict[str, Any],
    seconds: float,
) -> None:
    """Replace the cached tables of (exam, scope_key) with `frames` and `meta` (JSON)."""
    rows = [
        AnalysisCache(
            exam=exam,
            scope_key=scope_key,
            part=name,
            fingerprint=fingerprint,
            payload=frame_to_bytes(frame),
            seconds=seconds,
        )
        for name, frame in frames.items()
    ]
    rows.append(
        AnalysisCache(
            exam=exam,
            scope_key=scope_key,
            part=META,
            fingerprint=fingerprint,
            payload=json.dumps(meta, ensure_ascii=False).encode(),
            seconds=seconds,
        )
    )
    try:
        with transaction.atomic():
            AnalysisCache.objects.filter(exam=exam, scope_key=scope_key).delete()
            AnalysisCache.objects.bulk_create(rows)
    except IntegrityError:
        return  # another request stored the same analysis at the same moment
    for name, frame in frames.items():
        _remember((exam.pk, scope_key, name, fingerprint), frame)
    _remember((exam.pk, scope_key, META, fingerprint), meta)


def cached_fingerprint(exam: Exam, scope_key: str) -> str | None:
    return (
        AnalysisCache.objects.filter(exam=exam, scope_key=scope_key, part=META)
        .values_list("fingerprint", flat=True)
        .first()
    )


def cache_load(exam_id: int, scope_key: str, fingerprint: str, parts: Iterable[str]) -> dict[str, Any]:
    """The requested parts (frames, or the meta dict) stored under `fingerprint`; missing ones are left out."""
    found: dict[str, Any] = {}
    wanted = []
    for part in parts:
        value = _recall((exam_id, scope_key, part, fingerprint))
        if value is None:
            wanted.append(part)
        else:
            found[part] = value
    if wanted:
        for part, payload in AnalysisCache.objects.filter(
            exam_id=exam_id, scope_key=scope_key, fingerprint=fingerprint, part__in=wanted
        ).values_list("part", "payload"):
            value = json.loads(bytes(payload)) if part == META else frame_from_bytes(payload)
            _remember((exam_id, scope_key, part, fingerprint), value)
            found[part] = value
    return found


def cache_forget() -> None:
    """Empty the in-process memo (tests)."""
    with _lock:
        _memo.clear()
