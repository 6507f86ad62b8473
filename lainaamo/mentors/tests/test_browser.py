"""Borrowing a mentor in a real browser: Debian's Chromium driven by Playwright, against the live
server, with axe-core checking every page against WCAG 2.1 A and AA.

The pages are checked by their language attribute, by stable selectors and by the data they
hold (names, the need), not by translated texts, which translators may still be changing.
"""

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.utils import translation
from icalendar import Calendar
from playwright.sync_api import Page, expect

from lainaamo.core.tests.browser import AccessibilityAudit, no_horizontal_scroll
from lainaamo.core.timeutil import local, now, parse_iso
from lainaamo.directory.models import RoleKind, Sector
from lainaamo.directory.tests.factories import (
    PASSWORD,
    MunicipalityFactory,
    PersonFactory,
    RoleFactory,
    UnitFactory,
)
from lainaamo.mentors.models import Loan, LoanStatus, Skill
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import (
    make_cast,
    make_completed_loan,
    make_loan,
    make_mentor,
    next_weekday,
)
from lainaamo.scheduling.models import ACTIVE_STATUSES, Booking
from lainaamo.scheduling.services import SlotTaken

# Seeded skills (a data migration) must survive the flush after each test.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEED = "Reels för bibliotekets Instagram-konto"
LOAN_PAGE = re.compile(r"/mentors/loans/(\d+)/$")


# --- helpers -------------------------------------------------------------------------------------


def expect_language(page: Page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)


def log_in(page: Page, person) -> None:
    """Log in through the login page with the e-mail address and the password."""
    page.goto("/login/")
    page.locator("#id_username").fill(person.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("header form.logout")).to_be_visible()


def slot_button(page: Page, mentor_name: str, index: int = 0):
    """The button of a free time offered with the mentor on the loan page."""
    match = page.locator("ul.matches > li").filter(
        has=page.get_by_role("link", name=mentor_name, exact=True)
    )
    return match.locator("ul.slots button[type=submit]").nth(index)


def slot_start(button) -> dt.datetime:
    return parse_iso(button.locator("xpath=..").locator("input[name=start]").input_value())


def invitations(messages, method: str) -> list[Calendar]:
    """The calendars attached to the messages, parsed back; each must carry `method`."""
    calendars = []
    for message in messages:
        for part in message.message().walk():
            if part.get_content_type() == "text/calendar":
                assert part.get_param("method") == method
                calendars.append(Calendar.from_ical(part.get_payload(decode=True)))
    return calendars


def to(person, messages) -> list:
    return [message for message in messages if message.to == [f"{person.name} <{person.email}>"]]


def completed_loan(*, mentor, borrower, skill) -> Loan:
    """A loan completed with 1.5 hours, its one session held earlier today."""
    # Today, so that it counts in this month's and this year's figures.
    midnight = local(now()).replace(hour=0, minute=0, second=0, microsecond=0)
    held_at = max(now() - dt.timedelta(hours=1), midnight)
    return make_completed_loan(
        mentor=mentor,
        borrower=borrower,
        skill=skill,
        held_at=held_at,
        length=dt.timedelta(minutes=30),
        hours="1.5",
        outcome="Reels gjorda",
    )


@dataclass
class Library:
    """A bilingual municipality whose library staff borrows from its youth services."""

    skill: object
    other_skill: object
    borrower: object
    mentor: object
    other_mentor: object


def make_library(*, language: str = "sv") -> Library:
    municipality = MunicipalityFactory(name="Vasa", finnish=True, swedish=True)
    library = UnitFactory(
        municipality=municipality, sector=Sector.LIBRARY, name="Huvudbiblioteket"
    )
    youth = UnitFactory(municipality=municipality, sector=Sector.YOUTH, name="Ungdomsgården")
    # Seeded by a data migration: serialized_rollback brings them back after every flush.
    skill = Skill.objects.get(slug="instagram")
    other_skill = Skill.objects.get(slug="tiktok")
    borrower = PersonFactory(home_unit=library, name="Stina Strand", language=language)
    RoleFactory(person=borrower, kind=RoleKind.STAFF, municipality=municipality)
    mentor = make_mentor(
        skills={skill: 3}, unit=youth, name="Max Mentor", language=language, languages=("sv",)
    )
    other_mentor = make_mentor(
        skills={other_skill: 2}, unit=youth, name="Tove Tiktok", languages=("sv", "fi")
    )
    return Library(skill, other_skill, borrower, mentor, other_mentor)


# --- borrowing a mentor, end to end --------------------------------------------------------------


# On a Monday: the form proposes Tuesday to Thursday, and the Tuesday asked for is tomorrow, the
# earliest of the windows, so the first free time offered is on it.
@pytest.mark.clock("2027-01-11 08:00")
def test_staff_member_borrows_a_mentor_in_swedish_until_the_mentor_accepts(open_page, mailoutbox):
    world = make_library(language="sv")
    day = next_weekday(1, 9).date()
    borrower_page = open_page(language="sv")
    audit = AccessibilityAudit()

    # Log in, and find the mentor in the catalogue by the skill needed.
    log_in(borrower_page, world.borrower)
    expect_language(borrower_page, "sv")
    borrower_page.locator("nav.main-nav a[href='/mentors/']").click()
    expect(borrower_page.locator("#results .card")).to_have_count(2)
    borrower_page.locator("#id_skill").select_option("instagram")
    expect(borrower_page).to_have_url(re.compile(r"skill=instagram"))
    expect(borrower_page.locator("#results .card")).to_have_count(1)
    expect(borrower_page.locator("#results")).not_to_contain_text("Tove Tiktok")
    audit.check(borrower_page, "catalogue filtered by htmx:")
    borrower_page.get_by_role("link", name="Max Mentor", exact=True).click()
    expect(borrower_page.locator("h1")).to_have_text("Max Mentor")
    expect_language(borrower_page, "sv")

    # Borrow this mentor: the request form shows who could help as it is filled in.
    borrower_page.locator(f"main a.button[href$='?mentor={world.mentor.pk}']").click()
    expect(borrower_page).to_have_url(re.compile(r"/mentors/request/\?mentor="))
    expect(borrower_page.locator("#preview-status")).not_to_be_empty()
    expect(borrower_page.locator("#preview ul.matches")).to_have_count(0)
    borrower_page.locator("#id_need").fill(NEED)
    borrower_page.locator("input[name=language][value=sv]").check()
    borrower_page.locator("input[name=mode][value=remote]").check()
    borrower_page.locator("#id_duration_minutes").select_option("60")
    borrower_page.locator("#id_window-0-day").fill(day.isoformat())
    borrower_page.locator("#id_window-0-start").fill("09:00")
    borrower_page.locator("#id_window-0-end").fill("19:00")
    borrower_page.locator(f"input[name=skills][value='{world.skill.pk}']").check()
    expect(borrower_page.locator("#preview ul.matches > li h3")).to_have_text(["Max Mentor"])
    audit.check(borrower_page, "request form with matches:")
    borrower_page.locator("form[hx-post] button[type=submit]").click()

    # The loan page offers the mentor's free times; booking one sends the request to them.
    expect(borrower_page).to_have_url(LOAN_PAGE)
    loan = Loan.objects.get(pk=LOAN_PAGE.search(borrower_page.url).group(1))
    assert (loan.borrower, loan.need, loan.language, loan.mode) == (
        world.borrower,
        NEED,
        "sv",
        "remote",
    )
    expect(borrower_page.locator(".status")).to_have_class(re.compile("status--requested"))
    expect(borrower_page.locator("dd.bio")).to_have_text(NEED)
    button = slot_button(borrower_page, "Max Mentor")
    start = slot_start(button)
    button.click()
    expect(borrower_page.locator(".status")).to_have_class(re.compile("status--booked"))
    expect(borrower_page.locator("main")).to_contain_text("Max Mentor")
    expect(borrower_page.locator("main li time").first).to_have_attribute(
        "datetime", local(start).isoformat()
    )
    audit.check(borrower_page, "loan page, booked:")
    loan.refresh_from_db()
    session = loan.sessions.select_related("booking").get()
    assert (loan.status, loan.mentor, session.booking.start) == (
        LoanStatus.BOOKED,
        world.mentor,
        start,
    )
    assert local(start).date() == day
    booked_mail = list(mailoutbox)

    # The mentor logs in, in Swedish too, and accepts in the inbox.
    mentor_page = open_page(language="sv")
    log_in(mentor_page, world.mentor.person)
    mentor_page.locator("nav.main-nav a[href='/mentors/inbox/']").click()
    expect_language(mentor_page, "sv")
    expect(mentor_page.locator("main ul.matches > li")).to_contain_text([NEED])
    audit.check(mentor_page, "inbox with a request:")
    mentor_page.locator(f"form[action$='/loans/{loan.pk}/accept/'] button").click()
    expect(mentor_page.locator("main ul.matches")).to_have_count(0)
    expect(mentor_page.locator("main table")).to_contain_text("Stina Strand")

    # The borrower sees the loan accepted.
    borrower_page.reload()
    expect(borrower_page.locator(".status")).to_have_class(re.compile("status--accepted"))
    expect_language(borrower_page, "sv")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.ACCEPTED

    # Both got an invitation on booking and on acceptance, in Swedish, that Outlook accepts.
    accepted_mail = mailoutbox[len(booked_mail) :]
    for messages in (booked_mail, accepted_mail):
        assert len(to(world.borrower, messages)) == 1
        assert len(to(world.mentor.person, messages)) == 1
        assert {message.extra_headers["Content-Language"] for message in messages} == {"sv"}
        calendars = invitations(messages, "REQUEST")
        assert len(calendars) == 2
        for calendar in calendars:
            (event,) = calendar.walk("VEVENT")
            assert calendar["METHOD"] == "REQUEST"
            assert event.decoded("DTSTART") == start
            assert NEED in str(event["DESCRIPTION"])
    audit.assert_clean()


# --- accessibility: axe-core on every page of "Borrow a mentor" ----------------------------------


@dataclass
class Scene:
    """Make_cast's people and a loan in each state, seen by one role in one language."""

    cast: object
    requested: Loan
    booked: Loan
    accepted: Loan


def make_scene(language: str) -> Scene:
    cast = make_cast(book=True)
    for person in (cast.borrower, cast.mentor.person, cast.coordinator, cast.unit_manager):
        person.language = language
        person.save(update_fields=["language"])
    requested = make_loan(borrower=cast.borrower, skills=[cast.skill], language=language)
    accepted = make_loan(borrower=cast.borrower, skills=[cast.skill], need="Stories i Instagram")
    book_session(loan=accepted, mentor=cast.mentor, start=next_weekday(3, 10), actor=cast.borrower)
    accept_loan(loan=accepted, actor=cast.mentor.person)
    completed_loan(mentor=cast.mentor, borrower=cast.borrower, skill=cast.skill)
    return Scene(cast=cast, requested=requested, booked=cast.loan, accepted=accepted)


def audit_pages(page: Page, language: str, visits) -> AccessibilityAudit:
    """Open each page, wait for what must be on it, and run axe-core on it."""
    audit = AccessibilityAudit()
    for url, ready in visits:
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        expect_language(page, language)
        if ready:
            expect(page.locator(ready).first).to_be_visible()
        audit.check(page)
    return audit


def loan_url(loan: Loan) -> str:
    return f"/mentors/loans/{loan.pk}/"


def borrower_visits(scene: Scene) -> list:
    skill = scene.cast.skill.slug
    mentor = scene.cast.mentor
    return [
        ("/", "main .cards"),
        ("/mentors/", "#results .card"),
        (f"/mentors/?skill={skill}&language=sv&mode=remote", "#results .card"),
        (f"/mentors/{mentor.pk}/", "main a.button"),
        # The preview of matches comes by htmx when the form has loaded.
        (f"/mentors/request/?skill={skill}&mentor={mentor.pk}", "#preview ul.matches > li"),
        (loan_url(scene.requested), "ul.slots button"),
        (loan_url(scene.booked), ".status--booked"),
        (loan_url(scene.accepted), ".status--accepted"),
        ("/mentors/loans/", "main table"),
        ("/profile/", "#id_person-name"),
        ("/accessibility/", "main h2"),
        ("/privacy/", "main h2"),
    ]


def mentor_visits(scene: Scene) -> list:
    return [
        ("/", "main .cards"),
        ("/mentors/inbox/", "main ul.matches form[action$='/accept/']"),
        (loan_url(scene.booked), "form[action$='/accept/']"),
        (loan_url(scene.accepted), ".status--accepted"),
        ("/mentors/loans/", "#lent-heading"),
        ("/profile/", "#id_weekly-0-start"),
        (f"/mentors/{scene.cast.mentor.pk}/", "main h1"),
    ]


def coordinator_visits(scene: Scene) -> list:
    skill = scene.cast.skill
    return [
        ("/", "main .cards"),
        ("/mentors/dashboard/", "main table"),
        ("/mentors/skills/", "main table"),
        (f"/mentors/skills/{skill.pk}/", "#id_name_sv"),
        (loan_url(scene.booked), ".status--booked"),
        (loan_url(scene.requested), "ul.slots button"),
        ("/mentors/", "#results .card"),
    ]


def unit_manager_visits(scene: Scene) -> list:
    unit = scene.cast.mentor.person.home_unit
    return [
        ("/", "main .cards"),
        (f"/mentors/units/{unit.pk}/figures/", "main table"),
        ("/profile/", "#id_person-name"),
    ]


VISITS = {
    "borrower": borrower_visits,
    "mentor": mentor_visits,
    "coordinator": coordinator_visits,
    "unit_manager": unit_manager_visits,
}


@pytest.mark.parametrize(
    ("role", "language"),
    [
        ("borrower", "sv"),
        ("mentor", "sv"),
        ("coordinator", "sv"),
        ("unit_manager", "sv"),
        ("borrower", "fi"),
        ("mentor", "fi"),
    ],
)
def test_pages_have_no_wcag_violations_for_each_role(open_page, role, language):
    scene = make_scene(language)
    page = open_page(scene.cast.person(role), language=language)

    audit = audit_pages(page, language, VISITS[role](scene))

    audit.assert_clean()
    assert len(audit.pages) == len(VISITS[role](scene))


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_public_pages_have_no_wcag_violations(open_page, language):
    person = PersonFactory(language=language)
    page = open_page(language=language)
    audit = audit_pages(
        page,
        language,
        [
            ("/", "main a.button[href='/login/']"),
            ("/login/", "#id_username"),
            ("/password/reset/", "#id_email"),
            ("/accessibility/", "main h2"),
            ("/privacy/", "main h2"),
        ],
    )

    page.goto("/password/reset/")
    page.locator("#id_email").fill(person.email)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/password/reset/sent/$"))
    audit.check(page, "password reset sent:")
    # Five wrong passwords lock the account for this address (django-axes).
    for _attempt in range(5):
        page.goto("/login/")
        page.locator("#id_username").fill(person.email)
        page.locator("#id_password").fill("wrong password")
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_password")).to_have_count(0)
    expect_language(page, language)
    audit.check(page, "locked out:")

    audit.assert_clean()
    assert navigation.value.status == 429
    assert page.locator("main a[href='/password/reset/']").count() == 1


def test_form_errors_are_tied_to_their_fields_and_pass_axe(open_page):
    world = make_library(language="sv")
    page = open_page(language="sv")
    audit = AccessibilityAudit()

    page.goto("/login/")
    page.locator("#id_username").fill(world.borrower.email)
    page.locator("#id_password").fill("wrong password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .errorlist")).to_be_visible()
    audit.check(page, "login with a wrong password:")
    log_in(page, world.borrower)
    page.goto("/mentors/request/")
    page.locator("#id_window-0-day").fill("")
    page.locator("form[hx-post] button[type=submit]").click()
    expect(page.locator("#id_need")).to_have_attribute("aria-invalid", "true")
    audit.check(page, "request form with errors:")

    audit.assert_clean()
    expect(page.locator("#id_window-0-day")).to_have_attribute("aria-invalid", "true")
    assert not Loan.objects.exists()


def test_mentor_adds_weekly_hours_in_a_row_left_empty(open_page):
    """The editor offers empty rows for new hours; the browser sends them as they are."""
    world = make_library(language="fi")
    resource = world.mentor.resource
    before = set(resource.availability.values_list("weekday", "start_time", "end_time"))
    page = open_page(language="fi")
    log_in(page, world.mentor.person)
    page.goto("/profile/")
    rows = page.locator("select[name^=weekly-][name$=-weekday]")
    empty = [i for i in range(rows.count()) if rows.nth(i).input_value() == ""]
    assert len(empty) >= 2, "the editor offers empty rows"

    # Saved as it stands, then with one empty row filled in: both save.
    page.locator("form:has(input[value=availability]) button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert not page.locator("form:has(input[value=availability]) .errorlist").count()
    row = empty[0]
    page.locator(f"#id_weekly-{row}-weekday").select_option("5")
    page.locator(f"#id_weekly-{row}-start").fill("17:00")
    page.locator(f"#id_weekly-{row}-end").fill("19:00")
    page.locator("form:has(input[value=availability]) button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()

    after = set(resource.availability.values_list("weekday", "start_time", "end_time"))
    assert after == before | {(5, dt.time(17), dt.time(19))}


# --- keyboard, phone, and a time taken under one's fingers ---------------------------------------


def press_until_focused(page: Page, key: str, selector: str, *, limit: int = 20) -> None:
    """Press `key` until the element focused is the one `selector` finds."""
    target = page.locator(selector)
    for _press in range(limit):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{key} pressed {limit} times never reached {selector}")


def test_keyboard_alone_skips_to_content_switches_language_and_logs_in(open_page):
    person = PersonFactory(name="Kim Tangentbord", language="sv")
    page = open_page(language="sv")
    page.goto("/")

    # The first Tab reaches the skip link, which shows itself and moves the focus to the content.
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0, box
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    # Back up to the language switcher and choose Finnish with Enter.
    press_until_focused(page, "Shift+Tab", ".language-switcher button[value=fi]")
    page.keyboard.press("Enter")
    expect_language(page, "fi")

    # Log in without the mouse: the e-mail field has the focus, Enter sends the form.
    press_until_focused(page, "Tab", "header a.login-link")
    page.keyboard.press("Enter")
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.locator("header .user-name")).to_have_text("Kim Tangentbord")
    expect(page.locator("header form.logout")).to_be_visible()


def test_phone_screen_needs_no_sideways_scrolling(open_page):
    scene = make_scene("sv")
    cast = scene.cast
    page = open_page(
        cast.borrower,
        language="sv",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    visits = [
        ("/mentors/", "#results .card"),
        (f"/mentors/?skill={cast.skill.slug}", "#results .card"),
        (f"/mentors/request/?skill={cast.skill.slug}", "#preview ul.matches > li"),
        (loan_url(scene.requested), "ul.slots button"),
        (loan_url(scene.booked), ".status--booked"),
    ]

    too_wide = {}
    for url, ready in visits:
        page.goto(url)
        expect(page.locator(ready).first).to_be_visible()
        if not no_horizontal_scroll(page):
            too_wide[url] = page.evaluate(
                "() => [document.documentElement.scrollWidth, "
                "document.documentElement.clientWidth]"
            )

    assert too_wide == {}, f"pages wider than the screen (scrollWidth, clientWidth): {too_wide}"


def test_booking_a_time_just_taken_by_someone_else_says_so_and_books_nothing_twice(open_page):
    cast = make_cast(book=False)
    cast.borrower.language = "sv"
    cast.borrower.save(update_fields=["language"])
    rival = make_loan(skills=[cast.skill], need="Någon annan hann före")
    page = open_page(cast.borrower, language="sv")
    page.goto(loan_url(cast.loan))
    button = slot_button(page, "Max Mentor")
    offered = button.locator("xpath=..").locator("input[name=start]").input_value()
    start = parse_iso(offered)
    book_session(loan=rival, mentor=cast.mentor, start=start, actor=rival.borrower)

    with page.expect_navigation() as navigation:
        button.click()

    assert navigation.value.status == 409
    with translation.override("sv"):
        expected = str(SlotTaken.message)
    expect(page.locator("main [role=alert]")).to_have_text(expected)
    expect(page.locator(f"input[name=start][value='{offered}']")).to_have_count(0)
    expect(page.locator("ul.slots button").first).to_be_visible()
    cast.loan.refresh_from_db()
    assert cast.loan.status == LoanStatus.REQUESTED
    assert not cast.loan.sessions.exists()
    end = start + cast.loan.duration
    overlapping = Booking.objects.filter(
        resource=cast.mentor.resource,
        status__in=ACTIVE_STATUSES,
        blocked_start__lt=end,
        blocked_end__gt=start,
    )
    assert [booking.owner for booking in overlapping] == [rival]
