"""The mentor index is never stale: every way of writing matching's data changes its stamp."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone, translation

from lainaamo.directory.models import Person, Sector, Unit
from lainaamo.directory.tests.factories import PersonFactory, UnitFactory
from lainaamo.mentors.index import current_stamp, mentor_index
from lainaamo.mentors.matching import find_matches
from lainaamo.mentors.models import MentorLanguage, MentorProfile, MentorSkill, Skill
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor
from lainaamo.mentors.tests.helpers import MONDAY, WINDOW, at
from lainaamo.scheduling.models import WeeklyAvailability

pytestmark = [pytest.mark.django_db, pytest.mark.clock(at(0, 7), tick=False)]


@pytest.fixture
def loan(skill):
    borrower = PersonFactory(home_unit=UnitFactory(sector=Sector.LIBRARY))
    return make_loan(borrower=borrower, skills=[skill], windows=[WINDOW])


def offered(loan) -> list[MentorProfile]:
    return [match.mentor for match in find_matches(loan)]


def test_index_is_kept_while_nothing_changes(mentor, loan):
    first = mentor_index()
    assert offered(loan) == [mentor]
    assert mentor_index() is first


def test_a_login_does_not_rebuild_the_index(mentor):
    before = current_stamp()
    Person.objects.filter(pk=mentor.person_id).update(last_login=timezone.now())
    assert current_stamp() == before


@pytest.mark.parametrize(
    "write",
    [
        # Writes that no model signal would see.
        lambda m: MentorProfile.objects.filter(pk=m.pk).update(paused=True),
        lambda m: MentorLanguage.objects.filter(mentor=m).delete(),
        lambda m: MentorSkill.objects.filter(mentor=m).delete(),
        lambda m: Person.objects.filter(pk=m.person_id).update(is_active=False),
        lambda m: WeeklyAvailability.objects.filter(resource=m.resource).delete(),
        lambda m: (
            m.municipalities.clear() or MentorProfile.objects.filter(pk=m.pk).update(remote=False)
        ),
    ],
    ids=["pause", "languages", "skills", "account", "weekly-hours", "reach"],
)
def test_any_write_to_matching_data_takes_effect_at_once(mentor, loan, write):
    assert offered(loan) == [mentor]
    before = current_stamp()

    write(mentor)

    assert current_stamp() != before
    assert offered(loan) == []


def test_a_write_in_plain_sql_changes_the_stamp(mentor, loan):
    assert offered(loan) == [mentor]
    before = current_stamp()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE mentors_mentorprofile SET paused = %s WHERE id = %s", [True, mentor.pk]
        )
    assert current_stamp() != before
    assert offered(loan) == []


def test_a_bulk_insert_is_seen(skill, loan):
    mentor = make_mentor(skills={SkillFactory(): 2})
    assert offered(loan) == []

    MentorSkill.objects.bulk_create([MentorSkill(mentor=mentor, skill=skill, level=3)])

    assert offered(loan) == [mentor]


def test_a_change_of_sector_changes_the_reasons(mentor, loan):
    def across(loan) -> bool:
        return any("sectors" in reason for reason in find_matches(loan)[0].reasons)

    with translation.override("en"):
        assert across(loan)
        Unit.objects.filter(pk=mentor.person.home_unit_id).update(sector=Sector.LIBRARY)
        assert not across(loan)


def test_a_renamed_skill_is_named_anew(skill, mentor, loan):
    with translation.override("en"):
        assert f"Skill {skill.slug}" in find_matches(loan)[0].reasons[0]
        Skill.objects.filter(pk=skill.pk).update(name_en="Reels and stories")
        assert "Reels and stories" in find_matches(loan)[0].reasons[0]


def test_return_date_counts_from_the_day_not_from_the_index(mentor, loan, clock):
    """A pause that ends tomorrow lets the mentor back tomorrow, without any write."""
    MentorProfile.objects.filter(pk=mentor.pk).update(
        paused=True, returns_on=MONDAY + dt.timedelta(days=1)
    )
    assert offered(loan) == []
    clock.set(at(1, 6))
    assert offered(loan) == [mentor]


def test_every_table_matching_reads_has_its_triggers_after_all_migrations():
    # SQLite drops a table's triggers when a migration rebuilds the table; a migration that
    # rebuilds one of these must create them again (as 0006_skill_retired does).
    import importlib

    stamp = importlib.import_module("lainaamo.mentors.migrations.0003_index_stamp")
    watched = set(stamp.WHOLE_TABLES) | set(stamp.COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t"
                " JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            )
        triggers = cursor.fetchall()

    with_triggers = {table for table, name in triggers if name.startswith(f"{table}_index")}
    assert with_triggers == watched
    if connection.vendor == "sqlite":  # one per kind of write
        for table in stamp.WHOLE_TABLES:
            names = {name for owner, name in triggers if owner == table}
            assert names >= {f"{table}_index_{event}" for event in ("insert", "update", "delete")}
