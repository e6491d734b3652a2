"""The overview's demo step: materialise the figures of the demo data, so that the pages open with them.

It runs last (the overview comes after the apps it reads in INSTALLED_APPS); the periodic task
`overview.refresh` keeps the figures current afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

from roles.demo import DemoContext, DemoStep

from .services import overview_refresh


def refresh_figures(ctx: DemoContext) -> Iterator[None]:
    # Figures are derived, not demo rows: recomputing them on a rerun creates nothing, so nothing is counted.
    overview_refresh()
    yield


DEMO_STEPS: list[DemoStep] = [DemoStep("Overview figures", 1, refresh_figures)]
