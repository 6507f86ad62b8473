"""Matching keeps a ranking of mentors in the cache a short while: what a mentor changes
through the services shows at once; hours lent, bookings and declines are never kept."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lainaamo.directory.models import Sector
from lainaamo.directory.tests.factories import PersonFactory, UnitFactory
from lainaamo.mentors.matching import find_matches
from lainaamo.mentors.matching_cache import LIFETIME, current_version
from lainaamo.mentors.models import MentorProfile
from lainaamo.mentors.services import (
    book_session,
    decline_loan,
    save_mentor_skills,
    update_mentor_profile,
)
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor
from lainaamo.scheduling.services import book, set_weekly_hours

MONDAY = dt.date(2027, 1, 4)


def at(day_offset: int, hour: int) -> dt.datetime:
    return dt.datetime.combine(
        MONDAY + dt.timedelta(days=day_offset), dt.time(hour), tzinfo=dt.UTC
    )


pytestmark = [pytest.mark.django_db, pytest.mark.clock(at(0, 7), tick=False)]

# Tuesday 9-12 UTC, inside the mentors' daily 8-16 Helsinki time.
WINDOW = (at(1, 9), at(1, 12))


@pytest.fixture
def borrower():
    return PersonFactory(home_unit=UnitFactory(sector=Sector.LIBRARY))


@pytest.fixture
def loan(skill, borrower):
    return make_loan(borrower=borrower, skills=[skill], windows=[WINDOW])


def offered(loan) -> list[MentorProfile]:
    return [match.mentor for match in find_matches(loan)]


def queries_of(loan) -> int:
    with CaptureQueriesContext(connection) as queries:
        find_matches(loan)
    return len(queries)


def change_profile(mentor: MentorProfile, **changes) -> None:
    """Save the mentor's profile through the service, as the profile page does."""
    arguments = {
        "bio": {"fi": mentor.bio_fi},
        "languages": mentor.language_codes,
        "municipality_ids": list(mentor.municipalities.values_list("pk", flat=True)),
        "on_site": mentor.on_site,
        "remote": mentor.remote,
        "monthly_hours": mentor.monthly_hours,
        "paused": mentor.paused,
        "returns_on": mentor.returns_on,
    }
    update_mentor_profile(mentor=mentor, **(arguments | changes))


@pytest.mark.parametrize(
    "change",
    [
        lambda m: save_mentor_skills(mentor=m, levels={SkillFactory().pk: 3}),
        lambda m: change_profile(m, languages=["sv"]),
        lambda m: change_profile(m, paused=True),
        lambda m: change_profile(m, remote=False),
        lambda m: change_profile(m, monthly_hours=Decimal("0.5")),
        lambda m: set_weekly_hours(resource=m.resource, rows=[(0, dt.time(8), dt.time(16))]),
    ],
    ids=["skills", "languages", "pause", "modes", "monthly-hours", "weekly-hours"],
)
def test_a_change_through_the_services_shows_in_matching_at_once(
    mentor, loan, change, django_capture_on_commit_callbacks
):
    assert offered(loan) == [mentor]

    with django_capture_on_commit_callbacks(execute=True):
        change(mentor)

    assert offered(loan) == []


def test_a_mentor_who_learns_a_skill_is_offered_at_once(
    skill, loan, django_capture_on_commit_callbacks
):
    mentor = make_mentor(skills={SkillFactory(): 2})
    assert offered(loan) == []

    with django_capture_on_commit_callbacks(execute=True):
        save_mentor_skills(mentor=mentor, levels={skill.pk: 2})

    assert offered(loan) == [mentor]


def test_rankings_move_on_only_when_the_change_commits(mentor, django_capture_on_commit_callbacks):
    # Before the commit, a ranking read by another request would see the old data and be kept
    # under the new version.
    before = current_version()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change_profile(mentor, paused=True)
    during = current_version()
    for callback in callbacks:
        callback()

    assert during == before
    assert current_version() != before


# Read from the database the first time only: the ranking (one query), the candidates' weekly
# hours (one) and the details of the mentors shown (four).
KEPT_QUERIES = 6


def test_what_matching_keeps_is_read_once_while_nothing_changes(mentor, loan):
    first = queries_of(loan)

    second = queries_of(loan)

    assert second == first - KEPT_QUERIES
    assert offered(loan) == [mentor]


def test_requests_alike_share_a_ranking_without_offering_the_borrower_themself(
    skill, borrower, mentor
):
    other = make_mentor(skills={skill: 3}, unit=UnitFactory(sector=Sector.LIBRARY))
    first = make_loan(borrower=borrower, skills=[skill], windows=[WINDOW])
    # The other mentor borrows too, from a unit of the same sector: the same inputs.
    own = make_loan(borrower=other.person, skills=[skill], windows=[WINDOW])
    ranked_anew = queries_of(first)

    shared = queries_of(own)

    # The ranking's query; the weekly hours and details read are of other mentors than before.
    assert shared == ranked_anew - 1
    assert offered(own) == [mentor]
    assert set(offered(first)) == {mentor, other}


def test_a_write_made_otherwise_is_seen_within_the_lifetime(mentor, loan, clock):
    assert offered(loan) == [mentor]

    MentorProfile.objects.filter(pk=mentor.pk).update(paused=True)

    assert offered(loan) == [mentor]  # kept: no service has told matching
    clock.advance(dt.timedelta(seconds=LIFETIME + 1))

    assert offered(loan) == []


def test_hours_lent_bookings_and_declines_are_read_on_every_request(skill, borrower):
    full = make_mentor(skills={skill: 3}, monthly_hours=2)
    busy = make_mentor(skills={skill: 3})
    declining = make_mentor(skills={skill: 3})
    loan = make_loan(borrower=borrower, skills=[skill], windows=[WINDOW])
    assert set(offered(loan)) == {full, busy, declining}

    book(resource=full.resource, start=at(2, 8), end=at(2, 10))
    book(resource=busy.resource, start=WINDOW[0], end=WINDOW[1])
    book_session(loan=loan, mentor=declining, start=WINDOW[0], actor=borrower)
    decline_loan(loan=loan, actor=declining.person, reason="Busy")

    assert offered(loan) == []


def test_a_return_date_counts_from_the_day_not_from_the_ranking(mentor, loan, clock):
    """A pause that ends tomorrow lets the mentor back tomorrow, without any write."""
    MentorProfile.objects.filter(pk=mentor.pk).update(
        paused=True, returns_on=MONDAY + dt.timedelta(days=1)
    )
    assert offered(loan) == []

    clock.set(at(1, 6))

    assert offered(loan) == [mentor]


def test_a_skill_renamed_in_the_admin_is_named_anew_at_once(
    client, skill, mentor, loan, django_capture_on_commit_callbacks
):
    client.force_login(PersonFactory(is_staff=True, is_superuser=True))
    with translation.override("en"):
        assert f"Skill {skill.slug}" in find_matches(loan)[0].reasons[0]
    fields = {"slug": skill.slug, "position": skill.position, "name_fi": skill.name_fi}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:mentors_skill_change", args=[skill.pk]),
            fields | {"name_en": "Reels and stories"},
        )

    assert response.status_code == 302
    with translation.override("en"):
        assert "Reels and stories" in find_matches(loan)[0].reasons[0]


def test_a_mentor_paused_in_the_admin_is_not_offered_at_once(
    client, mentor, loan, django_capture_on_commit_callbacks
):
    client.force_login(PersonFactory(is_staff=True, is_superuser=True))
    assert offered(loan) == [mentor]
    levels = list(mentor.skill_levels.all())
    fields = {
        "person": mentor.person_id,
        "bio_fi": mentor.bio_fi,
        "municipalities": list(mentor.municipalities.values_list("pk", flat=True)),
        "on_site": "on",
        "remote": "on",
        "monthly_hours": mentor.monthly_hours,
        "paused": "on",
        "skill_levels-TOTAL_FORMS": len(levels),
        "skill_levels-INITIAL_FORMS": len(levels),
    }
    for number, row in enumerate(levels):
        fields |= {
            f"skill_levels-{number}-id": row.pk,
            f"skill_levels-{number}-mentor": mentor.pk,
            f"skill_levels-{number}-skill": row.skill_id,
            f"skill_levels-{number}-level": row.level,
        }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:mentors_mentorprofile_change", args=[mentor.pk]), fields
        )

    assert response.status_code == 302
    assert offered(loan) == []
