"""Each app declares the personal data it holds about an account, so that one place can export and erase it.

Apps register in their AppConfig.ready(); this module imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register(section: str, *, exporter: Exporter | None = None, eraser: Eraser | None = None) -> None:
    """Declare how an app exports (to JSON-ready data) and erases what it holds about a user."""
    if exporter is not None:
        _exporters[section] = exporter
    if eraser is not None:
        _erasers[section] = eraser


def export_sections(user: Any) -> dict[str, Any]:
    return {section: exporter(user) for section, exporter in sorted(_exporters.items())}


def erase_sections(user: Any) -> None:
    for _section, eraser in sorted(_erasers.items()):
        eraser(user)
