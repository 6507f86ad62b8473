"""Fixtures for the browser tests (marked `browser`): one Chromium for the run, a fresh browser
context per page, and pages signed in as a given person in a given language.

The helpers behind them are in lainaamo/core/tests/browser.py.
"""

import contextlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from lainaamo.core.tests.browser import (
    DEFAULT_TIMEOUT_MS,
    BrowserNotInstalled,
    ChromiumSession,
    language_cookie,
    session_cookie,
)

_chromium = ChromiumSession()
BROWSER_LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
_failed_key = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The page fixtures look at this to keep a screenshot of a page whose test failed.
    if report.failed:
        item.stash[_failed_key] = True
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # Stop the browser after the last browser test in a row: while Playwright runs, Django's
    # async-safety check is off (see ChromiumSession), and other tests should have it on.
    if nextitem is None or nextitem.get_closest_marker("browser") is None:
        _chromium.stop()
    return result


@pytest.fixture(scope="session")
def chromium():
    """Playwright and Debian's Chromium, shared by every browser test of the run."""
    yield _chromium
    _chromium.stop()


@pytest.fixture
def browser(chromium):
    try:
        browser = chromium.browser
    except BrowserNotInstalled as error:
        missing = str(error)
    else:
        expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
        return browser
    pytest.fail(missing, pytrace=False)


@pytest.fixture
def open_page(request, browser, live_server, clock):
    """Open a page in a new browser context: `open_page(person, language="sv")`.

    With a person, the context carries their session cookie, as if they had logged in. The
    language cookie chooses the language of the pages. Every context is closed after the test;
    if the test failed, a screenshot of each page is kept in var/browser-failures/.

    The pages' scripts read the test's clock, in Helsinki time, as the live server does (it
    runs in this process, under the same time-machine). Chromium itself keeps the real clock
    for cookies: Django gives its cookies a Max-Age, which a browser prefers to their Expires
    date (computed from the test's clock), so they last as long whatever the real date.
    """
    contexts = []

    def open_(person=None, *, language="sv", viewport=None, **context_options):
        if viewport is not None:
            context_options["viewport"] = viewport
        # The browser's own language too (navigator.language, Accept-Language), as a user's.
        context_options.setdefault("locale", BROWSER_LOCALES.get(language, language))
        context_options.setdefault("timezone_id", settings.TIME_ZONE)
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        clock.show(context)
        cookies = [language_cookie(language, live_server.url)]
        if person is not None:
            cookies.append(session_cookie(person, live_server.url))
        context.add_cookies(cookies)
        contexts.append(context)
        return context.new_page()

    yield open_

    failed = request.node.stash.get(_failed_key, False)
    for number, context in enumerate(contexts):
        if failed:
            _keep_screenshots(request.node.name, number, context)
        context.close()


def _keep_screenshots(test_name: str, number: int, context) -> None:
    folder = Path(settings.VAR_DIR) / "browser-failures"
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", test_name)
    for index, page in enumerate(context.pages):
        # A screenshot is a courtesy: the failure itself is reported whatever happens here.
        with contextlib.suppress(PlaywrightError):
            page.screenshot(path=str(folder / f"{stem}-{number}-{index}.png"), full_page=True)


@pytest.fixture
def page(open_page):
    """An anonymous visitor's page, in Swedish."""
    return open_page()
