"""The tests' clock: every test runs at an instant it chooses, never at the real time of the run.

The code, the live server's thread, the database rows it writes and the browser's pages all see
that instant, and a browser session lasts however far the instant lies from the real date.
"""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from lainaamo.core.tests.clock import default_instant
from lainaamo.core.timeutil import HELSINKI, local, now
from lainaamo.directory.tests.factories import PASSWORD, PersonFactory
from lainaamo.scheduling.models import Booking, Resource, ResourceKind
from lainaamo.scheduling.services import book

SECOND = dt.timedelta(seconds=1)


def test_a_test_that_chooses_nothing_runs_at_the_default_instant():
    assert default_instant() <= now() < default_instant() + 10 * SECOND


@pytest.mark.clock("2027-03-28 02:30", tick=False)
def test_a_test_chooses_its_instant_in_helsinki_time():
    assert now() == dt.datetime(2027, 3, 28, 2, 30, tzinfo=HELSINKI)
    assert now() == dt.datetime(2027, 3, 28, 0, 30, tzinfo=dt.UTC)
    assert dt.date.today() == dt.date(2027, 3, 28)


@pytest.mark.clock("2027-06-01 12:00", tick=False)
def test_the_clock_is_set_and_advanced_by_the_test(clock):
    clock.advance(dt.timedelta(hours=13))

    assert local(now()) == dt.datetime(2027, 6, 2, 1, tzinfo=HELSINKI)

    clock.set("2027-12-31 23:30")

    assert clock.moment == dt.datetime(2027, 12, 31, 21, 30, tzinfo=dt.UTC)


@pytest.mark.clock("2027-06-01 12:00", tick=False)
def test_other_threads_see_the_tests_clock():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(now()))

    thread.start()
    thread.join()

    assert seen == [dt.datetime(2027, 6, 1, 12, tzinfo=HELSINKI)]


@pytest.mark.django_db
@pytest.mark.clock("2027-06-01 12:00", tick=False)
def test_rows_are_stamped_with_the_tests_clock():
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name="Mentor")
    start = now() + dt.timedelta(days=1)

    booking = book(resource=resource, start=start, end=start + dt.timedelta(hours=1))

    assert Booking.objects.get(pk=booking.pk).created_at == now()


# A moment years before any real date the suite runs on: a cookie whose lifetime were judged
# by its Expires date, computed from this clock, would be thrown away by the browser at once.
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded skills
@pytest.mark.clock("2019-02-04 09:00")
def test_browser_pages_and_the_live_server_share_the_tests_clock(open_page):
    person = PersonFactory(language="en")
    page = open_page(language="en")

    page.goto("/login/")
    page.locator("#id_username").fill(person.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("header form.logout")).to_be_visible()
    page.goto("/mentors/")

    expect(page.locator("header form.logout")).to_be_visible()
    browser_now = dt.datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, dt.UTC)
    assert abs(browser_now - now()) < 30 * SECOND
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == HELSINKI.key
    session = Session.objects.get()
    expected_end = now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs(session.expire_date - expected_end) < 30 * SECOND
