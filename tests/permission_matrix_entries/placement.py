"""Who opens the class placement pages: those who manage a school (bureau administrators, principals, academic
directors), and for a run only those who manage its school (here 第一初级中学)."""

from tests.placement.factories import placed_run

MANAGERS = {"bureau_admin", "principal", "academic_director", "central_principal"}
FIRST_JUNIOR_MANAGERS = {"bureau_admin", "principal", "academic_director"}


def _run(cast):
    return {"pk": placed_run(cast, count=8, time_limit=0.1).pk}


def _first_student(cast):
    return {"action": "swap", "first": "S-none", "second": "S-none"}


ENTRIES: dict[str, dict] = {
    "placement:index": {"allowed": MANAGERS},
    "placement:create": {"allowed": MANAGERS},
    "placement:template": {"allowed": MANAGERS},
    "placement:detail": {"kwargs": _run, "allowed": FIRST_JUNIOR_MANAGERS},
    "placement:progress": {"kwargs": _run, "allowed": FIRST_JUNIOR_MANAGERS},
    "placement:export": {"kwargs": _run, "allowed": FIRST_JUNIOR_MANAGERS},
    "placement:notice": {"kwargs": _run, "allowed": FIRST_JUNIOR_MANAGERS},
    "placement:rerun": {
        "kwargs": _run,
        "allowed": FIRST_JUNIOR_MANAGERS,
        "method": "post",
        "data": lambda cast: {"classes": 2, "max_size": 50, "seed": 1, "time_limit": 0.5, "bands": 5, "apart": ""},
        "ok": {302},
    },
    "placement:move": {
        "kwargs": _run,
        "allowed": FIRST_JUNIOR_MANAGERS,
        "method": "post",
        "data": _first_student,
        "ok": {302},
    },
    "placement:draw": {
        "kwargs": _run,
        "allowed": FIRST_JUNIOR_MANAGERS,
        "method": "post",
        "data": lambda cast: {"seed": "2026-08-20"},
        "ok": {302},
    },
    "placement:confirm": {"kwargs": _run, "allowed": FIRST_JUNIOR_MANAGERS, "method": "post", "ok": {302}},
}
