"""Problems found in content, reported together as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in one content file."""

    path: str
    """File path relative to the project root, with forward slashes."""
    line: int
    """1-based line of the offending key or value (1 when the whole file is at fault)."""
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ContentError(Exception):
    """Raised with every problem found, so an editor can fix them all in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        """Pickle with the problems (a build validates in a second process)."""
        return ContentError, (self.problems,)


class BuildError(Exception):
    """The site builder (MkDocs) failed after content was valid."""
