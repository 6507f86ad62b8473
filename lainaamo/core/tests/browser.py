"""Helpers for the browser tests: Debian's Chromium driven by Playwright, and axe-core.

The browser is the one Debian packages (`apt-get install chromium`), never a build that
Playwright downloads. The fixtures that use these helpers are in lainaamo/conftest.py.
"""

import os
from pathlib import Path

import axe_playwright_python
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM = Path(os.environ.get("LAINAAMO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# WCAG 2.1 level A and AA, as the Act on the Provision of Digital Services (306/2019) requires.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SOURCE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
DEFAULT_TIMEOUT_MS = 10_000


class BrowserNotInstalled(Exception):
    pass


class ChromiumSession:
    """Playwright and one Chromium, started on first use and stopped when no longer needed.

    While Playwright runs, its event loop counts as running in the main thread, and Django then
    refuses ORM calls from the test body as if they came from async code. The calls are in
    fact synchronous, so the check is switched off while the browser runs, and only then.
    """

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._async_unsafe: str | None = None

    @property
    def browser(self) -> Browser:
        if self._browser is None:
            self._start()
        return self._browser

    def _start(self) -> None:
        if not CHROMIUM.exists():
            raise BrowserNotInstalled(
                f"Chromium is not installed at {CHROMIUM}. The browser tests run in Debian's "
                "Chromium: install it with `apt-get install chromium` (never with "
                "`playwright install`)."
            )
        self._async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        # With an event loop running, Django keeps the main thread's database connections in
        # other storage (asgiref's Local), so new connection objects serve the tests from now
        # on. They need the copy of the migrated data that serialized_rollback restores after
        # each flush (the seeded skills), or the flush would re-create content types that the
        # next test's restore then inserts a second time.
        serialized = {
            alias: connections[alias]._test_serialized_contents
            for alias in connections
            if hasattr(connections[alias], "_test_serialized_contents")
        }
        self._playwright = sync_playwright().start()
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        self._browser = self._playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )

    def stop(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None
            if self._async_unsafe is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self._async_unsafe


def session_cookie(person, url: str) -> dict:
    """A cookie that signs `person` in at `url`, as if they had logged in."""
    client = Client()
    client.force_login(person)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


def language_cookie(language: str, url: str) -> dict:
    return {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url}


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now and return its WCAG 2.1 A and AA violations."""
    # Evaluated through the DevTools protocol, so the site's CSP (script-src 'self') allows it.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results["violations"]


def describe_violations(url: str, violations: list[dict]) -> str:
    """The violations of one page as readable text: rule, impact, help, and each element."""
    lines = [f"{url}: {len(violations)} axe-core violation(s)"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n         ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


class AccessibilityAudit:
    """Collects axe-core violations page by page, to report every page's at once."""

    def __init__(self) -> None:
        self.pages: list[str] = []
        self.reports: list[str] = []

    def check(self, page: Page, label: str = "") -> None:
        violations = axe_violations(page)
        name = f"{label} {page.url}".strip()
        self.pages.append(name)
        if violations:
            self.reports.append(describe_violations(name, violations))

    def assert_clean(self) -> None:
        assert not self.reports, "\n\n".join(self.reports)


def assert_accessible(page: Page, label: str = "") -> None:
    """Fail, listing them readably, when axe-core finds WCAG 2.1 A or AA violations."""
    audit = AccessibilityAudit()
    audit.check(page, label)
    audit.assert_clean()


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
