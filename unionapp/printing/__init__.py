"""Printouts with ReportLab only (no Qt): cards, certificates, registers, reports."""
