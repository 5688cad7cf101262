"""What ``mediawatch check`` found: plain dataclasses, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"        # the library is damaged: something is lost or answers wrong
WARNING = "warning"    # disagreement that --repair can rebuild (a cache, the stories tables)
INFO = "info"          # worth knowing, nothing wrong (an interrupted import run, leftover files)


@dataclass
class Finding:
    level: str
    area: str            # index | database | stories | pairs | columns | runs | files
    message: str         # a sentence for the user
    repairable: bool = False
    repaired: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "area": self.area, "message": self.message,
                "repairable": self.repairable, "repaired": self.repaired}

    def __str__(self) -> str:
        tail = " (repaired)" if self.repaired else " (--repair rebuilds it)" if self.repairable else ""
        return f"{self.level}: {self.area}: {self.message}{tail}"


@dataclass
class CheckReport:
    path: str
    findings: list[Finding] = field(default_factory=list)
    articles: int = 0
    segments: int = 0
    seconds: float = 0.0
    repaired: bool = False
    # what --repair deletes and rebuilds (caches.py); not part of the report's face
    pair_files: list = field(default_factory=list, repr=False)
    column_files: list = field(default_factory=list, repr=False)
    duplicate_ids: list = field(default_factory=list, repr=False)

    def add(self, level: str, area: str, message: str, repairable: bool = False) -> Finding:
        f = Finding(level, area, message, repairable)
        self.findings.append(f)
        return f

    @property
    def problems(self) -> list[Finding]:
        """Errors and warnings still standing (repaired ones excluded)."""
        return [f for f in self.findings if f.level != INFO and not f.repaired]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            extra = f"; {sum(f.repaired for f in self.findings)} repaired" if self.repaired else ""
            return (f"library {self.path} is sound: {self.articles} articles in "
                    f"{self.segments} segments checked{extra}")
        errors = sum(f.level == ERROR for f in self.problems)
        warnings = len(self.problems) - errors
        return (f"library {self.path}: {errors} error(s), {warnings} warning(s) in "
                f"{self.articles} articles")

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "ok": self.ok, "articles": self.articles,
                "segments": self.segments, "seconds": round(self.seconds, 3),
                "findings": [f.to_json() for f in self.findings]}
