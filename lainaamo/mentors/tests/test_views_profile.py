"""The mentor's part of the profile page: what they offer, their skills, weekly hours and
absences."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from lainaamo.core.timeutil import local, now
from lainaamo.mentors.models import MentorSkill
from lainaamo.mentors.tests.factories import SkillFactory, make_cast
from lainaamo.scheduling.models import Absence, WeeklyAvailability

pytestmark = pytest.mark.django_db


def test_profile_of_a_non_mentor_has_no_mentor_sections(english):
    cast = make_cast(book=False)
    english.force_login(cast.borrower)

    response = english.get(reverse("directory:profile"))

    assert "Weekly hours" not in response.content.decode()
    assert "Personal details" in response.content.decode()


def test_mentor_saves_what_they_offer(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)

    client.post(
        reverse("directory:profile"),
        {
            "section": "mentor",
            "mentor-bio_sv": "Jag hjälper med reels.",
            "mentor-languages": ["sv", "en"],
            "mentor-remote": "on",
            "mentor-monthly_hours": "6",
        },
    )

    cast.mentor.refresh_from_db()
    assert cast.mentor.bio_sv == "Jag hjälper med reels."
    assert sorted(cast.mentor.language_codes) == ["en", "sv"]
    assert not cast.mentor.on_site
    assert float(cast.mentor.monthly_hours) == 6


def test_mentor_on_site_without_municipalities_gets_an_error_and_nothing_changes(english):
    cast = make_cast(book=False)
    english.force_login(cast.mentor.person)

    response = english.post(
        reverse("directory:profile"),
        {
            "section": "mentor",
            "mentor-languages": ["fi"],
            "mentor-on_site": "on",
            "mentor-monthly_hours": "6",
        },
    )

    cast.mentor.refresh_from_db()
    page = response.content.decode()
    # The service's error, shown at the field it names.
    errors = re.search(r'<ul class="errorlist" id="id_mentor-municipalities_error">.*?</ul>', page)
    assert "Choose the municipalities you come to on site." in errors.group(0)
    assert float(cast.mentor.monthly_hours) == 8
    assert sorted(cast.mentor.language_codes) == ["fi", "sv"]


def test_mentor_saves_skill_levels(client):
    cast = make_cast(book=False)
    other = SkillFactory()
    client.force_login(cast.mentor.person)

    client.post(
        reverse("directory:profile"),
        {
            "section": "skills",
            f"skills-skill_{cast.skill.pk}": "",
            f"skills-skill_{other.pk}": "1",
        },
    )

    levels = dict(MentorSkill.objects.filter(mentor=cast.mentor).values_list("skill", "level"))
    assert levels == {other.pk: 1}


def availability_data(rows: list[tuple[str, str, str]], initial: int = 0) -> dict:
    data = {
        "section": "availability",
        "weekly-TOTAL_FORMS": str(len(rows)),
        "weekly-INITIAL_FORMS": str(initial),
    }
    for index, (weekday, start, end) in enumerate(rows):
        data.update(
            {
                f"weekly-{index}-weekday": weekday,
                f"weekly-{index}-start": start,
                f"weekly-{index}-end": end,
            }
        )
    return data


def test_mentor_replaces_weekly_hours(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)

    client.post(
        reverse("directory:profile"),
        availability_data([("1", "09:00", "11:00"), ("3", "13:00", "15:30")]),
    )

    rows = WeeklyAvailability.objects.filter(resource=cast.mentor.resource)
    assert [(r.weekday, r.start_time, r.end_time) for r in rows] == [
        (1, dt.time(9), dt.time(11)),
        (3, dt.time(13), dt.time(15, 30)),
    ]


def test_an_empty_weekly_row_starts_without_a_day(english):
    """A select always sends a value: an empty row with a preset day would count as filled."""
    cast = make_cast(book=False)
    english.force_login(cast.mentor.person)

    page = english.get(reverse("directory:profile")).content.decode()

    rows = re.findall(r'<select name="weekly-\d+-weekday"[^>]*>(.*?)</select>', page, re.S)
    empty = [row for row in rows if '<option value="" selected>' in row]
    assert len(rows) == len(empty) + cast.mentor.resource.availability.count()
    assert len(empty) == 2


def test_a_weekly_row_without_its_day_is_refused(english):
    cast = make_cast(book=False)
    english.force_login(cast.mentor.person)
    before = list(WeeklyAvailability.objects.filter(resource=cast.mentor.resource))

    response = english.post(
        reverse("directory:profile"), availability_data([("", "10:00", "12:00")])
    )

    assert "This field is required." in response.content.decode()
    assert list(WeeklyAvailability.objects.filter(resource=cast.mentor.resource)) == before


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("1", "11:00", "09:00")], "Each row must end after it starts."),
        ([("1", "09:00", "12:00"), ("1", "11:00", "14:00")], "Two rows overlap on tuesday."),
    ],
)
def test_bad_weekly_hours_show_the_error_and_change_nothing(english, rows, message):
    cast = make_cast(book=False)
    english.force_login(cast.mentor.person)
    before = WeeklyAvailability.objects.filter(resource=cast.mentor.resource).count()

    response = english.post(reverse("directory:profile"), availability_data(rows))

    assert message in response.content.decode()
    assert WeeklyAvailability.objects.filter(resource=cast.mentor.resource).count() == before


def test_mentor_adds_an_absence(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)
    first = now().date() + dt.timedelta(days=10)

    client.post(
        reverse("directory:profile"),
        {
            "section": "absences",
            "absence-TOTAL_FORMS": "1",
            "absence-INITIAL_FORMS": "0",
            "absence-0-first_day": first.isoformat(),
            "absence-0-last_day": (first + dt.timedelta(days=4)).isoformat(),
            "absence-0-reason": "Holiday",
        },
    )

    absence = Absence.objects.get(resource=cast.mentor.resource)
    assert local(absence.start).date() == first
    assert local(absence.end).date() == first + dt.timedelta(days=5)


def test_an_absence_already_over_is_refused_and_saves_nothing(client):
    cast = make_cast(book=False)
    client.force_login(cast.mentor.person)
    client.cookies["lainaamo_language"] = "sv"
    ended = local(now()).date() - dt.timedelta(days=1)

    response = client.post(
        reverse("directory:profile"),
        {
            "section": "absences",
            "absence-TOTAL_FORMS": "1",
            "absence-INITIAL_FORMS": "0",
            "absence-0-first_day": (ended - dt.timedelta(days=4)).isoformat(),
            "absence-0-last_day": ended.isoformat(),
            "absence-0-reason": "Holiday",
        },
    )

    assert response.status_code == 200
    assert "Den här frånvaron är redan över" in response.content.decode()
    assert not Absence.objects.filter(resource=cast.mentor.resource).exists()
