"""Every register page over ``RegisterPage`` defines what it reads and how it shows it (the
base's two methods are abstract: Qt's metaclass rules out ``abc.ABC``)."""

from __future__ import annotations

import importlib

from unionapp.ui.pages import PAGES
from unionapp.ui.pages.register_base import RegisterPage


def test_every_register_page_defines_read_and_show_read() -> None:
    for entry in PAGES:
        importlib.import_module(entry.module)
    pages = RegisterPage.__subclasses__()
    assert len(pages) >= 4  # aid, awards, budget, decisions
    for page in pages:
        assert page.read is not RegisterPage.read, page.__name__
        assert page.show_read is not RegisterPage.show_read, page.__name__
