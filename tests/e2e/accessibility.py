"""What the accessibility and layout checks of the browser tests share: the two widths every
page is tried at, and axe-core, injected into the page as a test instrument.

axe-core comes from the npm registry (tests/e2e/package.json, installed by ``make test``).
Each module that uses it calls ``require_axe()`` at import: without axe-core its tests are
skipped with a message, unless E2E_REQUIRED is set (CI), where that is an error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def require_axe() -> None:
    """Skip the calling test module if axe-core is missing (an error when E2E_REQUIRED is set)."""
    if AXE.exists():
        return
    if os.environ.get("E2E_REQUIRED"):
        raise RuntimeError(f"E2E_REQUIRED is set but axe-core is missing at {AXE}: make test.")
    pytest.skip(
        f"axe-core is not installed at {AXE}; `make test` installs it (npm ci in tests/e2e).",
        allow_module_level=True,
    )


def axe_violations(page: Page, within: str | None = None) -> list[str]:
    """The serious and critical axe-core violations on the page (or in ``within``), a line each."""
    page.add_script_tag(path=str(AXE))
    target = f"document.querySelector({within!r})" if within else "document"
    results = page.evaluate(f"async () => await axe.run({target}, {{resultTypes: ['violations']}})")
    return [
        f"{violation['impact']}: {violation['id']} ({violation['help']}) at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
