"""What the Home page shows, read in one go on the thread pool: the organization's name in
both languages, the figures of the day (``core.dashboard``), the coming anniversaries and
the head of each voucher queue.

Kept apart from the widgets so the read is plain data a test or the page's background job
can call with any database; the page only draws what comes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from unionapp.core import anniversaries, dashboard, settings, voucher_queue
from unionapp.core.anniversaries import Anniversary
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.dashboard import Dashboard
from unionapp.core.voucher_queue import Position

HEAD = 3  # people named per queue in the tooltip


@dataclass(frozen=True)
class QueueHead:
    kind: str
    waiting: int
    first: tuple[Position, ...]  # the first few in line


@dataclass
class HomeData:
    names: dict[str, str]  # language -> the organization's name
    figures: Dashboard
    days: int
    anniversaries: list[Anniversary]
    queues: list[QueueHead] = field(default_factory=list)

    @property
    def members_now(self) -> int:
        return self.figures.members_now

    def name(self, lang: str) -> str:
        return self.names.get(lang) or next((n for n in self.names.values() if n), "")


def load_home(db: Any, today: dt.date | None = None) -> HomeData:
    """Everything the page shows, read at once (on the thread pool); ``db`` is the core's
    Database (typed Any: the UI never imports the database layer)."""
    today = today or dt.date.today()
    stored = settings.get_all(db)
    days = int(stored.get("anniversaries.days", "30"))
    queues: list[QueueHead] = []
    for kind, waiting in sorted(voucher_queue.open_counts(db).items(),
                                key=lambda item: VOUCHER_KINDS.codes.index(item[0])
                                if item[0] in VOUCHER_KINDS else 99):
        if waiting:
            queue = voucher_queue.load_queue(db, kind, today)
            queues.append(QueueHead(kind, waiting, tuple(queue.positions[:HEAD])))
    return HomeData(
        names={"ky": stored.get("org.name_ky", ""), "ru": stored.get("org.name_ru", "")},
        figures=dashboard.dashboard(db, today),
        days=days,
        anniversaries=anniversaries.upcoming(db, days, today),
        queues=queues,
    )
