"""argparse's own words ("usage:", "options", its error messages) in Kyrgyz and Russian.

argparse looks its messages up through the module-level ``_``/``ngettext`` it imported from
gettext; pointing those at our catalog makes ``--help`` and usage errors follow ``--lang``
like everything else. The msgids below are argparse's, listed so extraction finds them.
"""

from __future__ import annotations

import argparse

from unionapp.core import i18n
from unionapp.core.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
)


def install() -> None:
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
