"""The Settings page's «Personal data of former members» group: forget people who left long ago.

The window's face of ``unionapp purge --left-years N`` (``core.privacy``): the chairperson picks
N, is told how many people and children that concerns before anything happens, confirms, and
the purge (a verified backup first, then one transaction) runs off the GUI thread. Past years'
reports keep every figure, so the question says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import privacy
from unionapp.core.i18n import _
from unionapp.ui.operations import confirm, perform, run_in_background, show_error

if TYPE_CHECKING:
    from unionapp.ui.state import AppState

DEFAULT_YEARS = 5


class PurgeBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("purgeBox")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.years_label = QLabel()
        self.years = QSpinBox()
        self.years.setObjectName("purgeYears")
        self.years.setRange(privacy.MIN_YEARS, privacy.MAX_YEARS)
        self.years.setValue(DEFAULT_YEARS)
        self.years_label.setBuddy(self.years)
        self.button = QPushButton()
        self.button.setObjectName("purge")
        self.button.clicked.connect(self.forget)
        self.status = QLabel()
        self.status.setObjectName("purgeStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.years_label)
        row.addWidget(self.years)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        # no alignment: an aligned word-wrapped label gets its one-line height and the
        # result («Forgotten: 58 former members…») was cut off and drawn over the row above
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.setTitle(_("Personal data of former members"))
        self.intro.setText(
            _(
                "The personal data of people who left long ago can be forgotten: names, card "
                "and personnel numbers, contacts, photos, their children's names and history. "
                "Past years' reports keep every figure."
            )
        )
        self.years_label.setText(_("Left more than this many years ago:"))
        self.button.setText(_("Forget…"))
        self.status.clear()

    def forget(self) -> None:
        """Count, ask, then purge with a backup first; the result is said under the button."""
        years = self.years.value()
        counted = perform(self, privacy.purge, self.state.db, years, dry_run=True)
        if counted is None:
            return
        if counted.members == 0:
            self.status.setText(
                _("Nobody left more than {years} years ago: nothing to forget.").format(
                    years=years
                )
            )
            return
        if self.state.on_server:
            question = _(
                "Forget the personal data of {members} former members who left more than "
                "{years} years ago, and of {children} of their children?\n\nPast years' reports "
                "keep every figure. This cannot be undone in the program: only the server's "
                "own backups keep the data."
            )
        else:
            question = _(
                "Forget the personal data of {members} former members who left more than "
                "{years} years ago, and of {children} of their children?\n\nPast years' reports "
                "keep every figure. A backup is made first: restoring it is the only way back."
            )
        text = question.format(members=counted.members, years=years, children=counted.children)
        if not confirm(self, text, title=_("Forget former members")):
            return
        db, state = self.state.db, self.state

        def work(_progress: Any, _cancelled: Any) -> privacy.PurgeResult:
            return privacy.purge(db, years)

        def done(result: privacy.PurgeResult) -> None:
            self.button.setEnabled(True)
            self.status.setText(
                _(
                    "Forgotten: {members} former members and {children} of their children. "
                    "Past reports keep their figures."
                ).format(members=result.members, children=result.children)
            )
            state.notify_changed("all")

        def failed(exc: BaseException) -> None:
            self.button.setEnabled(True)
            show_error(self, exc)

        self.button.setEnabled(False)
        run_in_background(self, _("Forgetting former members…"), work, done,
                          cancellable=False, on_error=failed)
