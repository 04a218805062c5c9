"""The one exception tree. Every error a user can meet carries a message saying what happened
and a hint saying what to do next; the CLI turns `exit_code` into the process exit status."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class ArchivaError(Exception):
    """Root of every error Archiva reports to a user."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class BadInputError(ArchivaError):
    """Something the user gave (a data file, an option, a number) is not acceptable."""

    exit_code = EXIT_BAD_INPUT


class ProfileError(BadInputError):
    """The office profile (archiva.toml) is missing, invalid or incomplete."""


class DataFileError(BadInputError):
    """A data file (JSON, YAML, CSV, XLSX) cannot be read or has invalid fields.

    `problems` lists every field problem found, so the user can fix them all at once."""

    def __init__(self, path: str, problems: list[str], hint: str = "") -> None:
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"{path}: {len(problems)} problem(s) in the data:\n{lines}",
            hint or "Fix the fields listed and run the command again; nothing was issued.",
        )
        self.path = path
        self.problems = problems


class NotFoundError(ArchivaError):
    """A number, record or verification code does not exist in the catalogue."""


class ConflictError(ArchivaError):
    """The request contradicts what the register already holds (e.g. a number taken)."""


class DuplicateDocumentError(ConflictError):
    """A document was already made from the same data (or a certificate for the same person
    and activity); made again only when asked for."""

    def __init__(self, what: str, number: str, status: str) -> None:
        super().__init__(
            f"{what} already made as {number} ({status}). Nothing was issued.",
            "See it with `archiva show`. If another document from the same data is meant, run "
            "the command again with --again.",
        )
        self.number = number


class RenderError(ArchivaError):
    """A document could not be produced from its template."""


class CatalogueError(ArchivaError):
    """The catalogue database cannot be reached or used."""
