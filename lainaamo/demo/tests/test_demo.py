import datetime as dt
import io
from collections import defaultdict
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation

from lainaamo.core.tests.clock import default_instant, travel
from lainaamo.core.timeutil import HELSINKI, local, now, wall_clock, working_days_between
from lainaamo.demo.loader import DEMO_LOGINS, load_demo
from lainaamo.directory.models import Municipality, Person, Region, Role, RoleKind, Unit
from lainaamo.mentors.models import (
    Cohort,
    Decline,
    Loan,
    LoanEvent,
    LoanSession,
    LoanStatus,
    MentorLanguage,
    MentorProfile,
    MentorSkill,
    Skill,
)
from lainaamo.scheduling.models import Booking, WeeklyAvailability

pytestmark = pytest.mark.django_db

seed_migration = import_module("lainaamo.mentors.migrations.0002_seed_skills")

COUNTED = [
    Region,
    Unit,
    Person,
    Role,
    Cohort,
    MentorProfile,
    MentorSkill,
    MentorLanguage,
    WeeklyAvailability,
    Loan,
    LoanSession,
    Booking,
    Decline,
    Skill,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the tests of a class and rolled back after them.

    Class scope, not module: the transactional test at the end must not find it loaded. It is
    loaded before the tests' own clock is set, at the instant where theirs will start; that
    clock stands still during the load, so that nothing in the demo comes after the tests' now.
    """
    with django_db_blocker.unblock(), travel(default_instant(), tick=False):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# The class's demo is loaded before any per-test fixture runs, so with the production hashers.
@pytest.mark.argon2
class TestTheLoadedDemo:
    def test_loading_the_demo_twice_changes_nothing(self, demo):
        before = counts()

        second = load_demo()

        assert demo.created is True
        assert second.created is False
        assert counts() == before

    def test_demo_places_are_named_in_each_official_language(self, demo):
        region = Region.objects.get(name_fi="Pohjanmaa")
        finnish_names = ["Vaasa", "Mustasaari", "Laihia"]
        places = [region, *(Municipality.objects.get(name_fi=name) for name in finnish_names)]

        names = {}
        for language in ("fi", "sv", "en"):
            with translation.override(language):
                names[language] = [place.name for place in places]

        assert names == {
            "fi": ["Pohjanmaa", "Vaasa", "Mustasaari", "Laihia"],
            "sv": ["Österbotten", "Vasa", "Korsholm", "Laihia"],
            "en": ["Ostrobothnia", "Vaasa", "Mustasaari", "Laihia"],
        }
        assert [(place.finnish, place.swedish) for place in places[1:]] == [
            (True, True),
            (True, True),
            (True, False),
        ]

    def test_demo_has_about_thirty_mentors_across_sectors_cohorts_and_languages(self, demo):
        mentors = MentorProfile.objects.select_related("person__home_unit", "cohort")
        paused = mentors.filter(paused=True)
        assert 25 <= mentors.count() <= 35
        assert len({mentor.person.home_unit.sector for mentor in mentors}) >= 5
        assert {mentor.cohort.language for mentor in mentors} == {"fi", "sv"}
        assert {"fi", "sv", "en"} <= set(MentorLanguage.objects.values_list("language", flat=True))
        assert all(4 <= mentor.monthly_hours <= 12 for mentor in mentors)
        assert paused.count() >= 2
        assert all(mentor.returns_on > local(now()).date() for mentor in paused)

    def test_demo_logins_printed_by_the_command_authenticate(self, demo):
        out = io.StringIO()

        call_command("demo_logins", stdout=out)

        printed = out.getvalue()
        for login in DEMO_LOGINS:
            assert login.email in printed and login.password in printed
            person = authenticate(
                request=RequestFactory().post("/"), username=login.email, password=login.password
            )
            assert person is not None
            assert person.language == login.language
            validate_password(login.password, user=person)
        mentor = Person.objects.get(email=DEMO_LOGINS[1].email)
        assert mentor.mentor_profile.loans.filter(status=LoanStatus.BOOKED).exists()
        assert mentor.language == "sv"
        coordinator = Person.objects.get(email=DEMO_LOGINS[0].email)
        assert coordinator.roles.filter(kind=RoleKind.COORDINATOR, region__isnull=False).exists()

    def test_demo_has_open_requests_unanswered_for_over_two_working_days(self, demo):
        moment = now()
        open_loans = list(Loan.objects.open())
        overdue = [
            loan for loan in open_loans if working_days_between(loan.created_at, moment) > 2
        ]
        assert len(overdue) >= 2
        assert any(loan.status == LoanStatus.REQUESTED for loan in overdue)
        assert any(loan.status == LoanStatus.BOOKED for loan in open_loans)
        assert Loan.objects.filter(
            status=LoanStatus.ACCEPTED, sessions__booking__start__gt=moment
        ).exists()

    def test_demo_history_has_completed_loans_with_hours_over_past_months(self, demo):
        completed = Loan.objects.filter(status=LoanStatus.COMPLETED)
        starts = list(
            Booking.objects.filter(loan_session__loan__in=completed).values_list(
                "start", flat=True
            )
        )
        assert completed.count() >= 20
        assert all(loan.hours and loan.hours > 0 and loan.outcome for loan in completed)
        assert max(starts) < now()
        assert min(starts) < now() - dt.timedelta(days=90)

    def test_every_demo_loan_has_a_history_that_reads_in_order(self, demo):
        for loan in Loan.objects.prefetch_related("events"):
            events = list(loan.events.all())
            assert events, loan
            assert events[0].kind == "requested"
            assert events[0].at == loan.created_at
            assert all(event.at <= now() for event in events)
            assert all(event.actor_id for event in events)
            timed = [event for event in events if event.kind in ("booked", "session_added")]
            assert all(event.start for event in timed), loan
        kinds = set(LoanEvent.objects.values_list("kind", flat=True))
        assert {"requested", "booked", "accepted", "declined", "completed", "cancelled"} <= kinds

    def test_demo_never_books_a_resource_twice_for_overlapping_time(self, demo):
        spans = defaultdict(list)
        for booking in Booking.objects.active():
            spans[booking.resource_id].append((booking.blocked_start, booking.blocked_end))
        clashes = [
            (resource_id, earlier, later)
            for resource_id, intervals in spans.items()
            for earlier, later in zip(sorted(intervals), sorted(intervals)[1:], strict=False)
            if later[0] < earlier[1]
        ]
        assert sum(len(intervals) for intervals in spans.values()) > 50
        assert clashes == []

    def test_demo_sessions_lie_inside_the_mentors_weekly_windows(self, demo):
        windows = defaultdict(list)
        for rule in WeeklyAvailability.objects.all():
            windows[rule.resource_id].append(rule)
        outside = []
        for booking in Booking.objects.filter(resource__mentor__isnull=False):
            day = local(booking.start).date()
            if not any(
                rule.weekday == day.weekday()
                and wall_clock(day, rule.start_time) <= booking.start
                and booking.end <= wall_clock(day, rule.end_time)
                for rule in windows[booking.resource_id]
            ):
                outside.append(booking)
        assert outside == []

    def test_every_skill_has_finnish_swedish_and_english_names(self, demo):
        skills = list(Skill.objects.all())
        assert len(skills) >= 18
        assert all(skill.name_fi and skill.name_sv and skill.name_en for skill in skills)
        assert all(
            skill.description_fi and skill.description_sv and skill.description_en
            for skill in skills
        )


# The demo's dates are relative to the moment it is loaded: it must look current whenever that
# is, including just after midnight (the UTC date still yesterday's), on the nights the clocks
# change, on New Year's Eve and on a Friday evening.
AWKWARD_INSTANTS = [
    pytest.param(moment, id=label, marks=pytest.mark.clock(moment, tick=False))
    for label, moment in [
        ("first-of-february-00.05", dt.datetime(2027, 2, 1, 0, 5, tzinfo=HELSINKI)),
        ("spring-forward-night-00.30", dt.datetime(2027, 3, 28, 0, 30, tzinfo=HELSINKI)),
        ("fall-back-night-03.30", dt.datetime(2027, 10, 31, 3, 30, fold=1, tzinfo=HELSINKI)),
        ("new-years-eve-23.30", dt.datetime(2027, 12, 31, 23, 30, tzinfo=HELSINKI)),
        ("friday-21.00", dt.datetime(2027, 1, 15, 21, tzinfo=HELSINKI)),
    ]
]


@pytest.mark.parametrize("moment", AWKWARD_INSTANTS)
def test_demo_loaded_at_an_awkward_instant_looks_current(moment):
    today = moment.date()

    load_demo()

    current = now()
    open_loans = list(Loan.objects.open().prefetch_related("windows"))
    requested = [loan for loan in open_loans if loan.status == LoanStatus.REQUESTED]
    overdue = [loan for loan in open_loans if working_days_between(loan.created_at, current) > 2]
    starts = Booking.objects.filter(loan_session__loan__status=LoanStatus.COMPLETED).values_list(
        "start", flat=True
    )
    ahead = Booking.objects.active().filter(loan_session__isnull=False, start__gt=current)
    mentor_login = Person.objects.get(email=DEMO_LOGINS[1].email)
    assert current == moment.astimezone(dt.UTC)  # one zone: fold=1 would never equal UTC
    assert len(overdue) >= 2
    assert requested and all(
        any(window.end > current for window in loan.windows.all()) for loan in requested
    )
    assert all(loan.created_at <= current for loan in open_loans)
    assert mentor_login.mentor_profile.loans.filter(status=LoanStatus.BOOKED).exists()
    assert ahead.filter(loan_session__loan__status=LoanStatus.ACCEPTED).exists()
    assert max(starts) < current
    assert not LoanEvent.objects.filter(at__gt=current).exists()
    assert all(mentor.returns_on > today for mentor in MentorProfile.objects.filter(paused=True))
    for booking in ahead:
        day = local(booking.start).date()
        assert day > today or booking.start > current
        assert WeeklyAvailability.objects.filter(
            resource_id=booking.resource_id,
            weekday=day.weekday(),
            start_time__lte=local(booking.start).time(),
            end_time__gte=local(booking.end).time(),
        ).exists(), booking


def test_seeding_the_skills_again_changes_nothing():
    before = list(Skill.objects.order_by("slug").values_list("slug", "name_sv", "position"))

    seed_migration.seed_skills(apps)

    after = list(Skill.objects.order_by("slug").values_list("slug", "name_sv", "position"))
    assert after == before
    assert ("information-literacy", "Informationskompetens", 160) in after


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_loading_the_demo_sends_no_mail(mailoutbox):
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert Loan.objects.filter(status=LoanStatus.ACCEPTED).exists()
    assert "30" in out.getvalue()
    assert mailoutbox == []
