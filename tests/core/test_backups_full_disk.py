"""Backups on a full disk, proven (issue 8 part 3): a real, small tmpfs is mounted as the
backups folder. Every kind of backup (daily, manual, pre-upgrade, on-close, pre-restore) is
refused in the user's words, leaves no half file, and never touches the database; once the
disk has room, the next backup works. Mounting needs root (this box and CI run as root).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from unionapp import paths
from unionapp.cli import main
from unionapp.core import backup, i18n, members, migrations
from unionapp.core.errors import UserError
from unionapp.core.store import open_database
from unionapp.core.write_errors import DISK_FULL

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
WRITE_FAILED = "The backup {path} could not be written: {error}"
PAGE = 4096

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0,
    reason="mounting a small tmpfs as the backups folder needs Linux and root",
)

Mount = Callable[[Path, int], Path]


@pytest.fixture
def small_disk() -> Iterator[Mount]:
    """``mount(db_path, size)``: a tmpfs of ``size`` bytes as that database's backups folder
    (mounting again over the same folder resizes it); all unmounted at the end."""
    mounted: list[Path] = []

    def mount(db_path: Path, size: int) -> Path:
        folder = paths.backup_dir(db_path)
        folder.mkdir(exist_ok=True)
        options = f"remount,size={size}" if folder in mounted else f"size={size}"
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        if folder not in mounted:
            mounted.append(folder)
        return folder

    try:
        yield mount
    finally:
        for folder in reversed(mounted):
            subprocess.run(["umount", str(folder)], check=True)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sound(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert main(["--db", str(path), "check"]) == 0


def _demo(tmp_path: Path, count: int = 60) -> Path:
    path = tmp_path / "union.sqlite"
    assert main(["--db", str(path), "demo", "--members", str(count), "--years", "0"]) == 0
    return path


def _full_disk_words(lang: str) -> re.Pattern[str]:
    """The refusal as the catalog of ``lang`` words it, its file name left open."""
    template = i18n.translate_in(lang, WRITE_FAILED)
    reason = i18n.translate_in(lang, DISK_FULL)
    head, tail = template.split("{path}")
    return re.compile(
        re.escape(head) + r"(?P<path>\S+)" + re.escape(tail.replace("{error}", reason))
    )


def _said(lang: str, text: str, folder: Path) -> re.Match[str]:
    """One line, «Error: …» in ``lang``, naming a file in ``folder``; no traceback."""
    assert "Traceback" not in text
    line = text.strip()
    assert "\n" not in line, text
    prefix = i18n.translate_in(lang, "Error: {message}").split("{message}")[0]
    assert line.startswith(prefix), line
    said = _full_disk_words(lang).fullmatch(line[len(prefix):])
    assert said is not None, line
    assert Path(said["path"]).parent == folder
    return said


def _empty(folder: Path) -> None:
    assert sorted(os.listdir(folder)) == [], "a half-made copy was left behind"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_manual_backup_on_a_full_disk_is_refused_in_words(
    tmp_path: Path, small_disk: Mount, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _demo(tmp_path)
    folder = small_disk(path, 16 * PAGE)  # far less than the database (~270 KB)
    assert path.stat().st_size > shutil.disk_usage(folder).free
    before = _sha(path)
    capsys.readouterr()
    assert main(["--db", str(path), "--lang", lang, "backup"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    said = _said(lang, captured.err, folder)
    assert said["path"].endswith("_manual.sqlite")
    _empty(folder)
    assert _sha(path) == before
    _sound(path)
    small_disk(path, 2 * path.stat().st_size)  # room made: the next backup works
    capsys.readouterr()
    assert main(["--db", str(path), "backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    backup.verify_backup(made)
    assert [b.path for b in backup.list_backups(path)] == [made]
    assert sorted(os.listdir(folder)) == [made.name]


def test_a_disk_that_fills_during_the_copy(
    tmp_path: Path, small_disk: Mount, capsys: pytest.CaptureFixture[str]
) -> None:
    """Disks from a page short of the database to a little more: most of the copy is written
    before the disk is full. Either a refusal in words with nothing of the copy left (no
    half file, no journal or log beside it), or a sound backup; never the database touched."""
    path = _demo(tmp_path)
    size = path.stat().st_size
    before = _sha(path)
    outcomes: dict[int, str] = {}
    for margin in (-PAGE, 0, PAGE, 2 * PAGE, 3 * PAGE, 4 * PAGE):
        folder = small_disk(path, size + margin)
        capsys.readouterr()
        code = main(["--db", str(path), "--lang", "ru", "backup"])
        captured = capsys.readouterr()
        if code == 2:
            _said("ru", captured.err, folder)
            _empty(folder)
            assert shutil.disk_usage(folder).free >= size + margin - PAGE  # the copy is gone
            outcomes[margin] = "refused"
        else:
            assert code == 0, captured.err
            made = Path(captured.out.strip())
            backup.verify_backup(made)
            assert sorted(os.listdir(folder)) == [made.name]
            made.unlink()
            outcomes[margin] = "made"
        assert _sha(path) == before
    assert outcomes[-PAGE] == outcomes[0] == "refused"
    assert outcomes[4 * PAGE] == "made"  # the copy needs hardly more than its own size
    _sound(path)


def test_the_daily_and_on_close_backups_on_a_full_disk(tmp_path: Path, small_disk: Mount) -> None:
    path = _demo(tmp_path)
    folder = small_disk(path, 16 * PAGE)
    before = _sha(path)
    db = open_database(path)
    try:
        for kind, make in (("daily", backup.auto_backup_if_due), ("on-close",
                                                                  backup.backup_on_close)):
            with pytest.raises(UserError) as refused:
                make(db)
            for lang in ("ky", "ru"):  # translated when shown, in the language of that moment
                i18n.set_language(lang)
                prefix = i18n.translate_in(lang, "Error: {message}").format(message="")
                said = _said(lang, prefix + refused.value.message(), folder)
                assert said["path"].endswith(f"_{kind}.sqlite")
            _empty(folder)
        assert members.count_members(db) == 60  # the open register goes on working
    finally:
        db.close()
    assert _sha(path) == before
    _sound(path)
    small_disk(path, 3 * path.stat().st_size)  # room for two
    db = open_database(path)
    try:
        made = backup.auto_backup_if_due(db)
        assert made is not None and backup.backup_on_close(db) is not None
    finally:
        db.close()
    assert sorted(b.reason for b in backup.list_backups(path)) == [backup.DAILY, backup.ON_CLOSE]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_no_upgrade_without_its_backup_on_a_full_disk(
    tmp_path: Path, small_disk: Mount, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(FIXTURES / "schema-0001.sqlite", path)  # an older schema: needs upgrading
    folder = small_disk(path, 4 * PAGE)
    assert path.stat().st_size > shutil.disk_usage(folder).free
    before = _sha(path)
    assert main(["--db", str(path), "--lang", lang, "check"]) == 2
    captured = capsys.readouterr()
    said = _said(lang, captured.err, folder)
    assert said["path"].endswith("_pre-upgrade.sqlite")
    _empty(folder)
    assert _sha(path) == before  # not upgraded, not even switched to WAL
    small_disk(path, 4 * path.stat().st_size)
    assert main(["--db", str(path), "check"]) == 0  # upgraded now, after its backup
    assert [b.reason for b in backup.list_backups(path)] == [backup.PRE_UPGRADE]
    db = open_database(path)
    try:
        assert migrations.current_revision(db) == migrations.head_revision()
    finally:
        db.close()


def test_no_restore_without_saving_the_current_state_on_a_full_disk(
    tmp_path: Path, small_disk: Mount, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _demo(tmp_path)
    other = _demo(tmp_path / "other", 25)
    folder = small_disk(path, 16 * PAGE)
    before = _sha(path)
    capsys.readouterr()
    assert main(["--db", str(path), "--lang", "ky", "restore", str(other)]) == 2
    said = _said("ky", capsys.readouterr().err, folder)
    assert said["path"].endswith("_pre-restore.sqlite")
    _empty(folder)
    assert _sha(path) == before
    _sound(path)
