"""Print buttons of the benefit pages: an award's certificate, a protocol's certificates and
the year's register of awards, each opening its dialog or preview over a demo register."""

from __future__ import annotations

from pathlib import Path

from unionapp.ui.dialogs.certificate_print import CertificatePrintDialog
from unionapp.ui.pages.awards import AwardsPage
from unionapp.ui.pages.decisions import DecisionsPage
from unionapp.ui.state import AppState


def test_awards_page_prints_a_certificate_and_the_list(  # type: ignore[no-untyped-def]
    qtbot, demo_db_path: Path
) -> None:
    state = AppState(demo_db_path)
    try:
        page = AwardsPage(state)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: not page.is_loading() and page.loaded_year is not None,
                        timeout=15000)
        awarded = next(i for i, r in enumerate(page.rows) if r.status == "awarded")
        page.table.setCurrentItem(page.table.topLevelItem(awarded))
        button = page.buttons["printCertificate"]
        assert button.isEnabled()
        dialog = page.print_certificate()
        assert isinstance(dialog, CertificatePrintDialog) and dialog.isVisible()
        dialog.close()
        preview = page.print_list()
        qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=20000)
        preview.close()
    finally:
        state.close_database()


def test_decisions_page_prints_a_protocols_certificates(  # type: ignore[no-untyped-def]
    qtbot, demo_db_path: Path
) -> None:
    state = AppState(demo_db_path)
    try:
        page = DecisionsPage(state)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: bool(page.rows), timeout=15000)
        for index, row in enumerate(page.rows):  # the first protocol that granted an award
            if not row.granted:
                continue
            page.table.setCurrentItem(page.table.topLevelItem(index))
            qtbot.waitUntil(lambda row=row: page.granted_for == row.id, timeout=10000)
            if any(g.register == "award" for g in page.granted_items):
                break
            assert not page.certificates_button.isEnabled()  # vouchers and aid: no certificate
        assert page.certificates_button.isEnabled()
        dialog = page.print_certificates()
        assert isinstance(dialog, CertificatePrintDialog) and dialog.isVisible()
        dialog.close()
    finally:
        state.close_database()


def test_aid_and_issued_vouchers_print_their_year(  # type: ignore[no-untyped-def]
    qtbot, demo_db_path: Path
) -> None:
    from unionapp.ui.pages.aid import AidPage
    from unionapp.ui.pages.vouchers import VouchersPage

    state = AppState(demo_db_path)
    try:
        aid = AidPage(state)
        qtbot.addWidget(aid)
        aid.show()
        qtbot.waitUntil(lambda: not aid.is_loading() and aid.loaded_year is not None,
                        timeout=15000)
        preview = aid.print_list()
        qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=20000)
        preview.close()
        vouchers = VouchersPage(state)
        qtbot.addWidget(vouchers)
        vouchers.show()
        assert vouchers.issued.buttons["print"].text()
        preview = vouchers.issued.print_list()
        qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=20000)
        preview.close()
    finally:
        state.close_database()
