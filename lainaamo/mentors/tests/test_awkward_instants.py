"""The date logic that matters, run at the instants where it goes wrong if it takes the UTC date
for the Helsinki one or steps through a day of 23 or 25 hours.

Just after midnight in Helsinki the UTC date is still the day before; on the last Sunday of
March the clocks jump from 03:00 to 04:00, and on the last Sunday of October they show 03:00-04:00
twice; on New Year's Eve the next working day is in another month and year; on a Friday evening
it is three days away. Each case writes out what a person in Helsinki would answer (the date,
the next working days, the first free hour), so that the code cannot agree with itself by
making the same mistake twice.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse

from lainaamo.core.timeutil import local, month_bounds, now, wall_clock
from lainaamo.directory.models import Sector
from lainaamo.directory.tests.factories import (
    MunicipalityFactory,
    PersonFactory,
    UnitFactory,
    api_client,
    coordinator_of,
)
from lainaamo.mentors import figures
from lainaamo.mentors.forms import next_working_days
from lainaamo.mentors.matching import find_matches
from lainaamo.mentors.models import Loan, LoanStatus
from lainaamo.mentors.services import book_session
from lainaamo.mentors.tests.factories import make_loan, make_mentor, next_weekday
from lainaamo.scheduling.services import free_slots

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Instant:
    """An awkward moment, with what a person in Helsinki would say about it."""

    moment: dt.datetime  # Helsinki time
    today: dt.date
    next_working_days: list[dt.date]
    first_free_hour: dt.datetime  # the first 8-16 hour that has not begun
    next_tuesday: dt.date  # at least a day ahead, as tests' next_weekday() means it


def helsinki(*args, fold: int = 0) -> dt.datetime:
    return wall_clock(dt.date(*args[:3]), dt.time(*args[3:], fold=fold))


def case(label: str, instant: Instant):
    return pytest.param(instant, id=label, marks=pytest.mark.clock(instant.moment, tick=False))


INSTANTS = [
    # The night the two tests that assumed next Tuesday comes before next Thursday failed.
    case(
        "tuesday-01.23",
        Instant(
            moment=helsinki(2026, 12, 8, 1, 23),  # 23:23 on Monday in UTC
            today=dt.date(2026, 12, 8),
            next_working_days=[dt.date(2026, 12, 9), dt.date(2026, 12, 10), dt.date(2026, 12, 11)],
            first_free_hour=helsinki(2026, 12, 8, 8),
            next_tuesday=dt.date(2026, 12, 15),
        ),
    ),
    case(
        "first-of-february-00.05",
        Instant(
            moment=helsinki(2027, 2, 1, 0, 5),  # still 31 January in UTC
            today=dt.date(2027, 2, 1),
            next_working_days=[dt.date(2027, 2, 2), dt.date(2027, 2, 3), dt.date(2027, 2, 4)],
            first_free_hour=helsinki(2027, 2, 1, 8),
            next_tuesday=dt.date(2027, 2, 2),
        ),
    ),
    case(
        "spring-forward-night-00.30",
        Instant(
            moment=helsinki(2027, 3, 28, 0, 30),  # 27 March in UTC; at 03:00 clocks show 04:00
            today=dt.date(2027, 3, 28),
            next_working_days=[dt.date(2027, 3, 29), dt.date(2027, 3, 30), dt.date(2027, 3, 31)],
            first_free_hour=helsinki(2027, 3, 28, 8),
            next_tuesday=dt.date(2027, 3, 30),
        ),
    ),
    case(
        "fall-back-night-second-03.30",
        Instant(
            moment=helsinki(2027, 10, 31, 3, 30, fold=1),  # the second 03:30, in EET
            today=dt.date(2027, 10, 31),
            next_working_days=[dt.date(2027, 11, 1), dt.date(2027, 11, 2), dt.date(2027, 11, 3)],
            first_free_hour=helsinki(2027, 10, 31, 8),
            next_tuesday=dt.date(2027, 11, 2),
        ),
    ),
    case(
        "new-years-eve-23.30",
        Instant(
            moment=helsinki(2027, 12, 31, 23, 30),
            today=dt.date(2027, 12, 31),
            next_working_days=[dt.date(2028, 1, 3), dt.date(2028, 1, 4), dt.date(2028, 1, 5)],
            first_free_hour=helsinki(2028, 1, 1, 8),
            next_tuesday=dt.date(2028, 1, 4),
        ),
    ),
    case(
        "friday-21.00",
        Instant(
            moment=helsinki(2027, 1, 15, 21),
            today=dt.date(2027, 1, 15),
            next_working_days=[dt.date(2027, 1, 18), dt.date(2027, 1, 19), dt.date(2027, 1, 20)],
            first_free_hour=helsinki(2027, 1, 16, 8),
            next_tuesday=dt.date(2027, 1, 19),
        ),
    ),
]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.parametrize("instant", INSTANTS),
    pytest.mark.usefixtures("in_english"),
]


@pytest.fixture
def municipality():
    return MunicipalityFactory(name="Vaasa")


@pytest.fixture
def borrower(municipality):
    unit = UnitFactory(municipality=municipality, sector=Sector.LIBRARY)
    return PersonFactory(home_unit=unit)


def mentor_for(skill, municipality, **fields):
    """A youth worker who lends every day from 8 to 16."""
    unit = UnitFactory(municipality=municipality, sector=Sector.YOUTH)
    mentor = make_mentor(skills={skill: 2}, unit=unit)
    for name, value in fields.items():
        setattr(mentor, name, value)
    mentor.save()
    return mentor


def working_days_after(day: dt.date, today: dt.date) -> int:
    """Weekdays after `day` up to and including `today`: counted here by hand."""
    return sum(1 for n in range(1, (today - day).days + 1) if (day + n * DAY).weekday() < 5)


# --- the clock itself ----------------------------------------------------------------------


def test_the_day_is_the_helsinki_day(instant):
    # In UTC: a Helsinki datetime with fold=1 never equals one in another zone.
    assert now() == instant.moment.astimezone(dt.UTC)
    assert local(now()).date() == instant.today


def test_this_month_is_the_helsinki_month(instant):
    start, end = month_bounds(now())

    assert start == wall_clock(instant.today.replace(day=1), dt.time())
    assert start <= now() < end
    assert local(end).day == 1 and local(end).time() == dt.time()
    assert local(end - DAY).month == instant.today.month


def test_loans_this_month_count_from_the_helsinki_first(instant, borrower, skill):
    made_now = make_loan(borrower=borrower, skills=[skill])
    last_month = make_loan(borrower=borrower, skills=[skill])
    first_of_month = wall_clock(instant.today.replace(day=1), dt.time())
    Loan.objects.filter(pk=last_month.pk).update(
        created_at=first_of_month - dt.timedelta(minutes=1)
    )

    summary = figures.loans_this_month(municipality_ids={borrower.home_unit.municipality_id})

    assert made_now.created_at == now()
    assert summary.requested == 1


# --- the days ahead ------------------------------------------------------------------------


def test_the_request_form_proposes_the_next_working_days(instant):
    assert next_working_days(3) == instant.next_working_days


def test_the_first_free_slot_is_the_first_hour_that_has_not_begun(instant, skill, municipality):
    mentor = mentor_for(skill, municipality)

    slots = free_slots(
        resource_ids=[mentor.resource_id], start=now(), end=now() + 7 * DAY, duration=HOUR
    )[mentor.resource_id]

    assert slots[0].start == instant.first_free_hour
    assert all(slot.start >= now() for slot in slots)
    assert all(
        dt.time(8) <= local(slot.start).time() and local(slot.end).time() <= dt.time(16)
        for slot in slots
    )
    assert len({local(slot.start).date() for slot in slots}) == 7


def test_a_session_next_tuesday_is_booked_on_that_tuesday(instant, borrower, skill, municipality):
    mentor = mentor_for(skill, municipality)
    loan = make_loan(borrower=borrower, skills=[skill])
    start = next_weekday(1, 9)

    book_session(loan=loan, mentor=mentor, start=start, actor=borrower)

    booking = Loan.objects.get(pk=loan.pk).sessions.get().booking
    assert local(booking.start) == wall_clock(instant.next_tuesday, dt.time(9))
    assert booking.end - booking.start == HOUR
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.BOOKED


# --- open requests -------------------------------------------------------------------------


def test_requests_age_in_helsinki_working_days(instant, borrower, skill):
    made = {}
    for days_ago in range(0, 9):
        day = instant.today - days_ago * DAY
        loan = make_loan(borrower=borrower, skills=[skill])
        created = min(wall_clock(day, dt.time(12)), now())
        Loan.objects.filter(pk=loan.pk).update(created_at=created)
        made[loan.pk] = day

    rows = figures.open_requests(municipality_ids={borrower.home_unit.municipality_id})

    ages = {row.loan.pk: (row.working_days, row.unanswered) for row in rows}
    expected = {
        pk: (working_days_after(day, instant.today), working_days_after(day, instant.today) > 2)
        for pk, day in made.items()
    }
    assert ages == expected


def test_the_dashboard_and_the_loan_page_answer_at_the_instant(
    instant, client, borrower, skill, municipality
):
    mentor_for(skill, municipality)
    loan = make_loan(borrower=borrower, skills=[skill])
    client.force_login(coordinator_of(municipality))

    dashboard = client.get(reverse("mentors:dashboard"))
    client.force_login(borrower)
    loan_page = client.get(reverse("mentors:loan_detail", args=[loan.pk]))

    assert dashboard.status_code == 200
    assert loan_page.status_code == 200
    assert loan_page.context["matches"]


# --- matching ------------------------------------------------------------------------------


def test_a_mentor_back_from_a_break_today_is_matched_from_the_first_free_hour(
    instant, borrower, skill, municipality
):
    back_today = mentor_for(skill, municipality, paused=True, returns_on=instant.today)
    mentor_for(skill, municipality, paused=True, returns_on=instant.today + DAY)
    loan = make_loan(borrower=borrower, skills=[skill], windows=[(now() - HOUR, now() + 3 * DAY)])

    matches = find_matches(loan)

    assert [match.mentor for match in matches] == [back_today]
    first = matches[0].slots[0].start
    assert first == instant.first_free_hour
    month = f"{local(first):%B %Y}"
    assert any(month in reason for reason in matches[0].reasons), matches[0].reasons


def test_the_catalogue_lists_a_mentor_back_from_a_break_today(
    instant, client, borrower, skill, municipality
):
    back_today = mentor_for(skill, municipality, paused=True, returns_on=instant.today)
    mentor_for(skill, municipality, paused=True, returns_on=instant.today + DAY)
    client.force_login(borrower)

    page = client.get(reverse("mentors:catalogue"))
    listed = api_client(borrower).get("/api/v1/mentors").json()

    assert page.status_code == 200
    assert list(page.context["mentors"]) == [back_today]
    assert [row["id"] for row in listed] == [back_today.pk]
