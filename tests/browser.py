"""Browser test harness: open an exported profile in real headless Chromium and audit it.

``check_page(path)`` opens the file with every request that is not ``file:``, ``data:``
or ``blob:`` aborted and recorded, collects console and page errors, waits for Leaflet
maps (with drawn paths) and SVG charts, runs axe-core (the copy shipped by
``axe-playwright-python``) with the WCAG 2.0/2.1/2.2 A and AA tags, takes full-page
screenshots at desktop width and at 320 px, and measures horizontal overflow at 320 px.

Chromium is Debian's (``/usr/bin/chromium``); Playwright's bundled browsers are not
used. When Chromium or Playwright is missing, :func:`require_browser` skips the test,
or fails it when ``CI=true`` so that a CI run can never pass by skipping.

Use from a test module::

    from browser import check_page, page_checker  # noqa: F401  (page_checker is a fixture)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("EVIDENCE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCAL_SCHEMES = ("file:", "data:", "blob:")


@dataclass
class PageReport:
    """What a browser saw when it opened one page."""

    url: str
    blocked_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt opened by a script on the page
    axe_violations: list[dict[str, Any]] = field(default_factory=list)
    maps: list[int] = field(default_factory=list)  # drawn paths per Leaflet map
    svg_charts: int = 0
    svg_charts_drawn: int = 0
    overflow_320: int = 0  # px the page is wider than a 320 px viewport
    screenshot: Path | None = None
    screenshot_320: Path | None = None
    bytes: int = 0

    def axe_summary(self) -> str:
        """One line per violation: rule, impact, help and the first offending targets."""
        lines = []
        for v in self.axe_violations:
            targets = [", ".join(n.get("target", [])) for n in v.get("nodes", [])[:3]]
            lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} -> {targets}")
        return "\n".join(lines)

    def problems(self) -> list[str]:
        """Everything that should fail a test, in words (empty when the page is clean)."""
        out = [f"request outside the file: {u}" for u in self.blocked_requests]
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"page error: {m}" for m in self.page_errors]
        out += [f"a script opened a dialog: {m}" for m in self.dialogs]
        out += [f"axe: {line}" for line in self.axe_summary().splitlines()]
        out += [f"map {i} drew no paths" for i, n in enumerate(self.maps) if n == 0]
        if self.svg_charts_drawn < self.svg_charts:
            out.append(f"only {self.svg_charts_drawn} of {self.svg_charts} SVG charts have a size")
        if self.overflow_320 > 0:
            out.append(f"page scrolls sideways by {self.overflow_320}px at 320px wide")
        return out


def require_browser() -> None:
    """Skip (or fail when ``CI=true``) if Playwright or Chromium is not available."""
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "the playwright package is not installed"
    if reason is None and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        reason = f"Chromium not found at {CHROMIUM}"
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Browser tests cannot run on CI: {reason}.")
    pytest.skip(f"Browser tests skipped: {reason}.")


def _axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


_WAIT_MAPS = """() => {
  const maps = Array.from(document.querySelectorAll('.leaflet-container'));
  return maps.every(m => m.querySelectorAll('.leaflet-overlay-pane path').length > 0);
}"""
_COUNT_MAPS = """() => Array.from(document.querySelectorAll('.leaflet-container'))
  .map(m => m.querySelectorAll('.leaflet-overlay-pane path').length)"""
_SVGS = """() => {
  const svgs = Array.from(document.querySelectorAll('svg[role="img"]'));
  return [svgs.length, svgs.filter(s => { const r = s.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && s.querySelector('title') && s.querySelector('desc'); }).length];
}"""
_OVERFLOW = """() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)
  - document.documentElement.clientWidth"""


def check_page(
    path: str | Path,
    screenshot: str | Path | None = None,
    *,
    timeout_ms: int = 15000,
) -> PageReport:
    """Open ``path`` in headless Chromium and report requests, errors, axe and reflow.

    Parameters
    ----------
    path : path
        The HTML file to open (as a ``file://`` URL).
    screenshot : path, optional
        Where to save the full-page screenshot (desktop width); the 320 px one is saved
        next to it with ``-320`` before the suffix. Defaults to next to the page.
    timeout_ms : int
        How long to wait for maps and charts to draw.
    """
    require_browser()
    from playwright.sync_api import sync_playwright

    path = Path(path).resolve()
    shot = Path(screenshot) if screenshot else path.with_suffix(".png")
    shot_320 = shot.with_name(f"{shot.stem}-320{shot.suffix}")
    report = PageReport(url=path.as_uri(), bytes=path.stat().st_size)

    def route(r):
        url = r.request.url
        if url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            report.blocked_requests.append(url)
            r.abort()

    user_data = tempfile.mkdtemp(prefix="evidence-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                user_data,
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1280, "height": 900},
                offline=False,
            )
            try:
                context.route("**/*", route)
                page = context.new_page()
                page.on("console", lambda m: m.type == "error" and report.console_errors.append(m.text))
                page.on("pageerror", lambda e: report.page_errors.append(str(e)))
                page.on("dialog", lambda d: (report.dialogs.append(d.message), d.dismiss()))
                page.goto(report.url, wait_until="load")
                try:
                    page.wait_for_function(_WAIT_MAPS, timeout=timeout_ms)
                except Exception:  # noqa: BLE001 - reported below as maps with no paths
                    pass
                page.wait_for_timeout(300)
                report.maps = page.evaluate(_COUNT_MAPS)
                report.svg_charts, report.svg_charts_drawn = page.evaluate(_SVGS)
                page.evaluate(_axe_script())
                options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
                results = page.evaluate("async (o) => await axe.run(document, o)", options)
                report.axe_violations = list(results["violations"])
                shot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shot), full_page=True)
                report.screenshot = shot

                page.set_viewport_size({"width": 320, "height": 800})
                page.wait_for_timeout(400)
                report.overflow_320 = int(page.evaluate(_OVERFLOW))
                results = page.evaluate("async (o) => await axe.run(document, o)", options)
                seen = {v["id"] for v in report.axe_violations}
                report.axe_violations += [v for v in results["violations"] if v["id"] not in seen]
                page.screenshot(path=str(shot_320), full_page=True)
                report.screenshot_320 = shot_320
            finally:
                context.close()
    finally:
        shutil.rmtree(user_data, ignore_errors=True)
    return report


@pytest.fixture
def page_checker(tmp_path_factory):
    """``check(path) -> PageReport`` with screenshots kept under pytest's temporary folder
    (or ``$EVIDENCE_ARTIFACTS`` when set, for CI to upload)."""
    require_browser()
    base = os.environ.get("EVIDENCE_ARTIFACTS")
    folder = Path(base) if base else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)

    def check(path: str | Path, name: str | None = None) -> PageReport:
        stem = name or Path(path).stem
        return check_page(path, folder / f"{stem}.png")

    return check


_HIDE_CELLS = """(keep) => {
  const cells = Array.from(document.querySelectorAll('.ev-cell'));
  const glance = cells.findIndex(c => c.querySelector('.ev-glance'));
  cells.forEach((c, i) => {
    const first = i <= glance;
    if ((keep === 'first' && !first) || (keep === 'rest' && first)) { c.style.display = 'none'; }
  });
  if (keep === 'first') { document.querySelectorAll('footer').forEach(f => f.style.display = 'none'); }
  return glance;
}"""


@contextlib.contextmanager
def offline_page(path: str | Path) -> Iterator[Any]:
    """A headless Chromium page with ``path`` loaded and every request off this machine refused."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL_SCHEMES) else r.abort())
            page.goto(Path(path).resolve().as_uri(), wait_until="load")
            yield page
        finally:
            browser.close()


def printed_pages(path: str | Path, keep: str = "all") -> int:
    """How many A4 pages Chromium's print-to-PDF makes of ``path`` (print CSS applied).

    ``keep`` is ``"all"``, ``"first"`` (the cells up to the one holding ``.ev-glance``, the
    "at a glance" page) or ``"rest"`` (the cells after it): a first page that prints on
    its own gives ``first == 1`` and ``all == 1 + rest``.
    """
    import re

    with offline_page(path) as page:
        page.wait_for_timeout(300)
        if keep != "all":
            assert page.evaluate(_HIDE_CELLS, keep) >= 0, "no .ev-glance on the page"
        pdf = page.pdf(format="A4", print_background=True)
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def choose_option(path: str | Path, select: str, value: str, count: str, status: str | None = None
                  ) -> tuple[int, str]:
    """Open ``path`` offline, choose ``value`` in the ``<select>`` matched by ``select`` (as a
    keyboard user would) and return how many elements matching ``count`` are visible, and the
    text of the ``status`` element."""
    with offline_page(path) as page:
        page.select_option(select, value)
        visible = page.locator(count).evaluate_all("els => els.filter(e => !e.hidden).length")
        said = page.locator(status).inner_text() if status else ""
    return int(visible), said
