"""User-facing errors: every problem a user can cause names the file, the line, what is wrong and how to fix it."""
from __future__ import annotations


class EditionError(Exception):
    """An error caused by the input (seed, catalogue, content), not by a bug.

    The CLI prints it as ``file:line: message`` followed by a hint, never a traceback.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  how to fix: {self.hint}"
        return text
