"""Figures: the coordinator's dashboard, a unit's figures, and the skills coordinators edit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from lainaamo.core.timeutil import HELSINKI
from lainaamo.directory.models import Sector
from lainaamo.directory.tests.factories import (
    PersonFactory,
    UnitFactory,
    api_client,
    coordinator_of,
)
from lainaamo.mentors import figures
from lainaamo.mentors.models import LoanSession, Skill
from lainaamo.mentors.tests.factories import (
    SkillFactory,
    make_cast,
    make_completed_loan,
    make_loan,
    make_mentor,
)
from lainaamo.mentors.tests.helpers import queries_for
from lainaamo.scheduling import services as scheduling
from lainaamo.scheduling.models import BookingStatus

# A Wednesday in March: "this month" is March 2027, "this year" 2027.
TODAY = dt.datetime(2027, 3, 17, 12, tzinfo=HELSINKI)


pytestmark = [pytest.mark.django_db, pytest.mark.clock(TODAY, tick=False)]


def at(month: int, day: int, year: int = 2027) -> dt.datetime:
    return dt.datetime(year, month, day, 10, tzinfo=HELSINKI)


# --- figures -----------------------------------------------------------------------------------


def test_hours_between_sectors_sums_completed_hours_of_the_period(clock):
    cast = make_cast(book=False)
    culture = make_mentor(unit=UnitFactory(municipality=cast.municipality, sector=Sector.CULTURE))
    make_completed_loan(mentor=cast.mentor, borrower=cast.borrower, held_at=at(3, 10), hours="1.5")
    make_completed_loan(mentor=cast.mentor, borrower=cast.borrower, held_at=at(1, 12), hours="2")
    make_completed_loan(mentor=culture, borrower=cast.borrower, held_at=at(2, 3), hours="3")
    make_completed_loan(mentor=culture, borrower=cast.borrower, held_at=at(12, 1, 2026), hours="9")
    start, end = figures.year_range(2027)

    table = figures.hours_between_sectors(
        municipality_ids={cast.municipality.pk}, start=start, end=end
    )

    assert table.cells == {
        (Sector.YOUTH, Sector.LIBRARY): Decimal("3.5"),
        (Sector.CULTURE, Sector.LIBRARY): Decimal("3"),
    }
    assert table.total == Decimal("6.5")


def test_a_loan_counts_in_the_year_its_last_active_session_began(clock):
    cast = make_cast(book=False)
    loan = make_completed_loan(
        mentor=cast.mentor, borrower=cast.borrower, held_at=at(12, 20, 2026), hours="4"
    )
    for start, status in ((at(1, 15), BookingStatus.CONFIRMED), (at(1, 20, 2028), None)):
        booking = scheduling.book(
            resource=cast.mentor.resource,
            start=start,
            end=start + dt.timedelta(hours=1),
            status=BookingStatus.CONFIRMED,
            allow_past=True,
        )
        if status is None:  # a cancelled session was never held
            scheduling.set_status(booking=booking, status=BookingStatus.CANCELLED)
        LoanSession.objects.create(loan=loan, booking=booking)

    def year(number: int) -> dict:
        start, end = figures.year_range(number)
        return figures.hours_between_sectors(
            municipality_ids={cast.municipality.pk}, start=start, end=end
        ).cells

    assert year(2027) == {(Sector.YOUTH, Sector.LIBRARY): Decimal("4")}
    assert year(2026) == year(2028) == {}


def test_hours_between_sectors_leaves_out_other_municipalities(clock):
    cast = make_cast(book=False)
    make_completed_loan(mentor=cast.mentor, borrower=cast.borrower, held_at=at(3, 10), hours="1")
    start, end = figures.year_range(2027)

    table = figures.hours_between_sectors(
        municipality_ids={cast.other_municipality.pk}, start=start, end=end
    )

    assert table.cells == {}


def test_open_requests_are_flagged_after_two_working_days(clock):
    cast = make_cast()
    clock.advance(dt.timedelta(days=2))
    fresh = make_loan(borrower=cast.borrower, need="Fresh request")
    clock.set(dt.datetime(2027, 3, 22, 12, tzinfo=HELSINKI))

    rows = figures.open_requests(municipality_ids={cast.municipality.pk})

    flags = {row.loan.pk: (row.working_days, row.unanswered) for row in rows}
    assert flags == {cast.loan.pk: (3, True), fresh.pk: (1, False)}


def test_unit_hours_count_this_month_and_this_year_by_borrowing_sector(clock):
    cast = make_cast(book=False)
    youth_borrower = PersonFactory(
        home_unit=UnitFactory(municipality=cast.municipality, sector=Sector.EDUCATION)
    )
    make_completed_loan(mentor=cast.mentor, borrower=cast.borrower, held_at=at(3, 10), hours="1.5")
    make_completed_loan(mentor=cast.mentor, borrower=cast.borrower, held_at=at(1, 12), hours="2")
    make_completed_loan(mentor=cast.mentor, borrower=youth_borrower, held_at=at(2, 1), hours="4")
    make_completed_loan(
        mentor=cast.mentor, borrower=youth_borrower, held_at=at(6, 1, 2026), hours="8"
    )

    with translation.override("en"):
        rows = figures.unit_hours_by_sector(unit_id=cast.mentor.person.home_unit_id)

    summary = {row.label: (row.month_hours, row.year_hours, row.loans) for row in rows}
    assert summary == {
        "Education": (Decimal("0"), Decimal("4"), 1),
        "Library": (Decimal("1.5"), Decimal("3.5"), 2),
    }


# --- the dashboard -----------------------------------------------------------------------------


def test_dashboard_shows_open_requests_and_the_sector_table(english, clock):
    cast = make_cast()
    make_completed_loan(mentor=cast.mentor, borrower=cast.borrower, held_at=at(3, 10), hours="1.5")
    english.force_login(cast.coordinator)

    response = english.get(reverse("mentors:dashboard"))

    page = response.content.decode()
    assert "Open requests" in page
    assert reverse("mentors:loan_detail", args=[cast.loan.pk]) in page
    assert "Hours lent in 2027" in page
    assert '<th scope="row">Youth</th>' in page
    assert "1.5" in page


def test_dashboard_flags_requests_waiting_too_long(english, clock):
    cast = make_cast()
    clock.advance(dt.timedelta(days=7))
    english.force_login(cast.coordinator)

    response = english.get(reverse("mentors:dashboard"))

    assert 'class="flagged"' in response.content.decode()


def test_dashboard_query_count_does_not_grow_with_requests(client, clock):
    cast = make_cast()
    client.force_login(cast.coordinator)
    for _ in range(2):
        make_loan(borrower=cast.borrower)
    with_three = queries_for(client, reverse("mentors:dashboard"))

    for _ in range(17):
        make_loan(borrower=cast.borrower)
    for day in range(1, 8):
        make_completed_loan(
            mentor=cast.mentor, borrower=cast.borrower, held_at=at(3, day), hours="1"
        )
    with_twenty = queries_for(client, reverse("mentors:dashboard"))

    assert with_twenty == with_three


# --- a unit's figures --------------------------------------------------------------------------


def test_unit_figures_show_the_hours_lent_out_of_the_unit(english, clock):
    cast = make_cast(book=False)
    make_completed_loan(
        mentor=cast.mentor, borrower=cast.borrower, held_at=at(3, 10), hours="2.25"
    )
    english.force_login(cast.unit_manager)

    response = english.get(reverse("mentors:unit_figures", args=[cast.mentor.person.home_unit_id]))

    page = response.content.decode()
    assert "Figures of Nuorisotalo" in page
    assert "2.25" in page
    assert "Max Mentor" in page


def test_unit_figures_query_count_does_not_grow_with_loans(client, clock):
    cast = make_cast(book=False)
    client.force_login(cast.unit_manager)
    url = reverse("mentors:unit_figures", args=[cast.mentor.person.home_unit_id])
    for day in range(1, 4):
        make_completed_loan(
            mentor=cast.mentor, borrower=cast.borrower, held_at=at(1, day), hours="1"
        )
    with_three = queries_for(client, url)

    for day in range(4, 21):
        other = make_mentor(unit=cast.mentor.person.home_unit, skills={cast.skill: 1})
        make_completed_loan(mentor=other, borrower=cast.borrower, held_at=at(2, day), hours="1")
    with_twenty = queries_for(client, url)

    assert with_twenty == with_three


# --- skills ------------------------------------------------------------------------------------


def skill_data(**changes) -> dict:
    return {
        "slug": "mastodon",
        "name_fi": "Mastodon",
        "name_sv": "Mastodon",
        "name_en": "Mastodon",
        "position": "200",
        **changes,
    }


def test_coordinator_adds_a_skill_named_in_three_languages(client):
    coordinator = coordinator_of(make_cast(book=False).municipality)
    client.force_login(coordinator)

    response = client.post(reverse("mentors:skills"), skill_data(name_sv="Mastodon (sv)"))

    skill = Skill.objects.get(slug="mastodon")
    assert response.status_code == 302
    assert (skill.name_fi, skill.name_sv, skill.name_en) == (
        "Mastodon",
        "Mastodon (sv)",
        "Mastodon",
    )


def test_skill_without_a_swedish_name_is_refused_and_not_saved(english):
    cast = make_cast(book=False)
    english.force_login(cast.coordinator)

    response = english.post(reverse("mentors:skills"), skill_data(name_sv=""))

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Skill.objects.filter(slug="mastodon").exists()


def test_coordinator_renames_a_skill(client):
    cast = make_cast(book=False)
    client.force_login(cast.coordinator)

    client.post(
        reverse("mentors:skill_edit", args=[cast.skill.pk]),
        skill_data(slug="instagram", name_en="Instagram and Threads"),
    )

    cast.skill.refresh_from_db()
    assert cast.skill.name_en == "Instagram and Threads"


def test_coordinator_describes_a_skill_in_three_languages_and_the_api_shows_it(client):
    cast = make_cast(book=False)
    client.force_login(cast.coordinator)

    client.post(
        reverse("mentors:skill_edit", args=[cast.skill.pk]),
        skill_data(
            slug=cast.skill.slug,
            description_fi="Tilin perustaminen ja julkaisut",
            description_sv="Att skapa ett konto och publicera",
            description_en="Setting up an account and posting",
        ),
    )

    page = client.get(reverse("mentors:skills")).content.decode()
    assert "Att skapa ett konto och publicera" in page
    skills = api_client(cast.borrower, language="sv").get("/api/v1/skills").json()
    (described,) = [skill for skill in skills if skill["slug"] == cast.skill.slug]
    assert described["description"] == "Att skapa ett konto och publicera"


def test_skills_page_query_count_does_not_grow_with_skills(client):
    cast = make_cast(book=False)
    client.force_login(cast.coordinator)
    SkillFactory.create_batch(3)
    with_three = queries_for(client, reverse("mentors:skills"))

    SkillFactory.create_batch(17)
    with_twenty = queries_for(client, reverse("mentors:skills"))

    assert with_twenty == with_three


@pytest.mark.parametrize("language", ["sv", "fi"])
@pytest.mark.parametrize("name", ["mentors:dashboard", "mentors:skills"])
def test_coordinator_pages_render_in_the_chosen_language(client, language, name):
    cast = make_cast()
    client.force_login(cast.coordinator)
    client.cookies["lainaamo_language"] = language

    response = client.get(reverse(name))

    assert f'<html lang="{language}">' in response.content.decode()


def test_a_retired_skill_is_no_longer_offered_but_loans_and_mentors_keep_it(english):
    from lainaamo.mentors.models import MentorSkill
    from lainaamo.mentors.services import InvalidRequest, save_mentor_skills

    cast = make_cast(book=True)
    other = SkillFactory(slug="tiktok", name_en="TikTok")
    english.force_login(cast.coordinator)

    response = english.post(
        reverse("mentors:skill_edit", args=[cast.skill.pk]),
        skill_data(slug=cast.skill.slug, retired="on"),
    )

    assert response.status_code == 302
    cast.skill.refresh_from_db()
    assert cast.skill.retired
    assert "Retired" in english.get(reverse("mentors:skills")).content.decode()
    # Not offered: the request form, the catalogue's filter, the API.
    english.force_login(cast.borrower)
    request_form = english.get(reverse("mentors:request")).content.decode()
    assert f'name="skills" value="{other.pk}"' in request_form
    assert f'name="skills" value="{cast.skill.pk}"' not in request_form
    catalogue = english.get(reverse("mentors:catalogue")).content.decode()
    assert 'value="tiktok"' in catalogue
    assert 'value="instagram"' not in catalogue
    api = api_client(cast.borrower, language="en")
    assert cast.skill.slug not in {skill["slug"] for skill in api.get("/api/v1/skills").json()}
    refused = api.post(
        "/api/v1/loans",
        {
            "skills": [cast.skill.slug],
            "need": "Reels",
            "language": "fi",
            "mode": "remote",
            "duration_minutes": 60,
            "windows": [
                {"start": "2027-03-01T09:00:00+02:00", "end": "2027-03-05T16:00:00+02:00"}
            ],
        },
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_request"
    # Kept: the booked loan still lists it, and the mentor keeps their level when saving others.
    loan_json = api.get(f"/api/v1/loans/{cast.loan.pk}").json()
    assert [skill["slug"] for skill in loan_json["skills"]] == [cast.skill.slug]
    save_mentor_skills(mentor=cast.mentor, levels={other.pk: 2})
    assert set(
        MentorSkill.objects.filter(mentor=cast.mentor).values_list("skill__slug", "level")
    ) == {("instagram", 3), ("tiktok", 2)}
    with pytest.raises(InvalidRequest):
        save_mentor_skills(mentor=cast.mentor, levels={cast.skill.pk: 1})
