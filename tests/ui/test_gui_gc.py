"""Garbage cycles are collected on the GUI thread, never on a worker (unionapp.ui.gui_gc): Qt
objects in them may only be destroyed on the thread that owns them."""

from __future__ import annotations

import gc
import threading

from unionapp.ui.gui_gc import GuiThreadCollector


class Node:
    """A self-referencing object that notes on which thread it is collected."""

    where: list[bool] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Node.where.append(threading.current_thread() is threading.main_thread())


def test_cycles_made_on_a_worker_are_collected_on_the_gui_thread(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    was = gc.isenabled()
    gc.enable()  # as in the program before the window starts
    Node.where = []
    collector = GuiThreadCollector(qapp)
    try:
        assert not gc.isenabled()

        def work() -> None:  # a reader: makes cycles, then allocates a lot (GC would run here)
            for _ in range(3000):
                Node()
            _ = [[i] for i in range(200_000)]

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        assert Node.where == []  # nothing was collected on the worker
        qtbot.waitUntil(lambda: len(Node.where) == 3000, timeout=10_000)
        assert all(Node.where)  # all on the GUI thread, by the collector's timer
    finally:
        collector.stop()
    assert gc.isenabled()
    if not was:
        gc.disable()
