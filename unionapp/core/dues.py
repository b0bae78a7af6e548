"""Dues: the one name the UI, the CLI and the printouts import them by.

The work lives in modules that say what they hold: ``dues_months`` (a month's days, membership
in a month, months as people write them), ``dues_cash`` (receipts paid in cash),
``dues_reconciliation`` (the month's payroll list against the register) and ``dues_arrears``
(who owes for which months; a member's dues history).
"""

from __future__ import annotations

from unionapp.core.dues_arrears import Arrear, DuesMonth, arrears, member_dues_history
from unionapp.core.dues_cash import (
    RECEIPT_LIMIT,
    CashPaymentView,
    add_cash_payment,
    cash_payment_problems,
    delete_cash_payment,
    member_cash_payments,
    validate_cash_payment,
)
from unionapp.core.dues_months import (
    compact_months,
    compact_period,
    member_in_month,
    month_end,
    month_start,
    months_between,
)
from unionapp.core.dues_reconciliation import (
    RATE_KEY,
    Reconciliation,
    ReconRow,
    latest_payroll_month,
    reconcile,
)
from unionapp.core.money import AMOUNT_LIMIT  # the cash form's limit, as tests read it

__all__ = [
    "AMOUNT_LIMIT",
    "RATE_KEY",
    "RECEIPT_LIMIT",
    "Arrear",
    "CashPaymentView",
    "DuesMonth",
    "ReconRow",
    "Reconciliation",
    "add_cash_payment",
    "arrears",
    "cash_payment_problems",
    "compact_months",
    "compact_period",
    "delete_cash_payment",
    "latest_payroll_month",
    "member_cash_payments",
    "member_dues_history",
    "member_in_month",
    "month_end",
    "month_start",
    "months_between",
    "reconcile",
    "validate_cash_payment",
]
