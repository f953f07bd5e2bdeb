"""Errors a user can act on. Their message is one Indonesian sentence naming the file."""

from __future__ import annotations


class RenjaXLError(Exception):
    """Base class: ``str(error)`` is the message shown to the user (Bahasa Indonesia)."""


class InputError(RenjaXLError):
    """The input cannot be used (not a workbook, encrypted, unreadable…): exit code 2."""


class OutputError(RenjaXLError):
    """The output cannot be written (path not writable, would overwrite the input…): exit code 2."""
