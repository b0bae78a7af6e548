"""A second copy of the program on the same database is refused; a dead one never blocks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from unionapp.core.errors import AlreadyRunningError
from unionapp.core.lock import DatabaseLock

HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from unionapp.core.lock import DatabaseLock\n"
    "DatabaseLock(Path(sys.argv[1])).acquire()\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_second_lock_in_one_process_is_refused(db_path: Path) -> None:
    first = DatabaseLock(db_path)
    first.acquire()
    second = DatabaseLock(db_path)
    with pytest.raises(AlreadyRunningError) as caught:
        second.acquire()
    assert str(db_path.resolve()) in caught.value.message()
    assert not second.held
    first.release()
    with second:
        assert second.held
        with pytest.raises(AlreadyRunningError):
            DatabaseLock(db_path).acquire()
    assert not second.held
    with DatabaseLock(db_path), DatabaseLock(db_path.with_name("other.sqlite")):
        pass  # different databases do not block each other


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_lock_held_by_another_process_and_freed_when_it_dies(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunningError):
            DatabaseLock(db_path).acquire()
    finally:
        os.kill(holder.pid, signal.SIGKILL)  # a crash: nothing is cleaned up
        holder.wait()
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()
    assert DatabaseLock(db_path).path.exists()  # the file stays after the crash ...
    with DatabaseLock(db_path) as lock:  # ... and does not block the next start
        assert lock.held
