import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import factory

from lainaamo.core.timeutil import HELSINKI, now
from lainaamo.directory.models import Sector, Unit
from lainaamo.directory.tests.factories import PersonFactory, UnitFactory
from lainaamo.mentors.models import (
    Loan,
    LoanSession,
    LoanStatus,
    LoanWindow,
    MentorLanguage,
    MentorProfile,
    MentorSkill,
    Skill,
)
from lainaamo.mentors.services import request_loan
from lainaamo.scheduling import services as scheduling
from lainaamo.scheduling.models import BookingStatus, Resource, ResourceKind, WeeklyAvailability

ALL_WEEK = [(weekday, dt.time(8), dt.time(16)) for weekday in range(7)]


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name_fi = factory.LazyAttribute(lambda skill: f"Taito {skill.slug}")
    name_sv = factory.LazyAttribute(lambda skill: f"Färdighet {skill.slug}")
    name_en = factory.LazyAttribute(lambda skill: f"Skill {skill.slug}")


def make_mentor(
    *,
    skills: dict[Skill, int] | None = None,
    languages: tuple[str, ...] = ("fi", "sv"),
    unit: Unit | None = None,
    sector: str = Sector.YOUTH,
    municipalities=None,
    availability=ALL_WEEK,
    monthly_hours: float = 8,
    on_site: bool = True,
    remote: bool = True,
    **person_fields,
) -> MentorProfile:
    """A mentor with skills, languages, areas served and weekly hours (every day 8-16)."""
    unit = unit or UnitFactory(sector=sector)
    person = PersonFactory(home_unit=unit, **person_fields)
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name=person.name)
    mentor = MentorProfile.objects.create(
        person=person,
        resource=resource,
        monthly_hours=monthly_hours,
        on_site=on_site,
        remote=remote,
        bio_fi="Autan mielelläni.",
    )
    for skill, level in (skills or {SkillFactory(): 2}).items():
        MentorSkill.objects.create(mentor=mentor, skill=skill, level=level)
    for language in languages:
        MentorLanguage.objects.create(mentor=mentor, language=language)
    mentor.municipalities.set(municipalities or [unit.municipality])
    for weekday, start, end in availability:
        WeeklyAvailability.objects.create(
            resource=resource, weekday=weekday, start_time=start, end_time=end
        )
    return mentor


def next_weekday(weekday: int, hour: int, *, weeks_ahead: int = 1) -> dt.datetime:
    """The given weekday and hour in Helsinki, at least a day from now."""
    day = now().astimezone(HELSINKI).date() + dt.timedelta(days=1)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    day += dt.timedelta(weeks=weeks_ahead - 1)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)


def make_loan(
    *,
    borrower=None,
    skills=None,
    mode="remote",
    language="fi",
    windows=None,
    duration_minutes=60,
    **fields,
) -> Loan:
    """A requested loan whose one window is the coming week."""
    borrower = borrower or PersonFactory()
    start = now() + dt.timedelta(days=1)
    return request_loan(
        borrower=borrower,
        skills=skills or [SkillFactory()],
        need=fields.pop("need", "Instagram-tilin perustaminen nuorisotalolle"),
        language=language,
        mode=mode,
        place=fields.pop("place", "Kirjastonkatu 13, Vaasa" if mode == "on_site" else ""),
        duration_minutes=duration_minutes,
        windows=windows or [(start, start + dt.timedelta(days=14))],
        **fields,
    )


def make_completed_loan(
    *,
    mentor: MentorProfile,
    borrower,
    held_at: dt.datetime,
    hours: str,
    skill: Skill | None = None,
    length: dt.timedelta = dt.timedelta(hours=1),
    outcome: str = "Done",
) -> Loan:
    """A loan completed with `hours`, its one session held with the mentor at `held_at`."""
    loan = make_loan(borrower=borrower, skills=[skill or mentor.skills.first()])
    booking = scheduling.book(
        resource=mentor.resource,
        start=held_at,
        end=held_at + length,
        status=BookingStatus.CONFIRMED,
        allow_past=True,
    )
    LoanSession.objects.create(loan=loan, booking=booking)
    Loan.objects.filter(pk=loan.pk).update(
        status=LoanStatus.COMPLETED,
        hours=Decimal(hours),
        outcome=outcome,
        mentor=mentor,
        mentor_unit_id=mentor.person.home_unit_id,
        mentor_sector=mentor.person.sector,
    )
    return loan


__all__ = ["LoanWindow", "SkillFactory", "make_loan", "make_mentor", "next_weekday"]


@dataclass
class Cast:
    """One person in each role around one booked loan, for page and permission tests."""

    municipality: object
    other_municipality: object
    skill: Skill
    borrower: object
    mentor: MentorProfile
    coordinator: object
    other_coordinator: object
    unit_manager: object
    loan: Loan

    def person(self, role: str):
        if role == "anonymous":
            return None
        if role == "mentor":
            return self.mentor.person
        return getattr(self, role)


def make_cast(*, book: bool = True) -> Cast:
    """A bilingual municipality with a borrower (library), a mentor (youth), its coordinator,
    the mentor's unit manager, and a coordinator of another municipality; the borrower's loan
    is booked with the mentor unless `book` is False."""
    from lainaamo.directory.tests.factories import (
        MunicipalityFactory,
        coordinator_of,
        unit_manager_of,
    )
    from lainaamo.mentors.services import book_session

    municipality = MunicipalityFactory(name="Vaasa", finnish=True, swedish=True)
    other = MunicipalityFactory(name="Laihia", finnish=True, swedish=False)
    skill = SkillFactory(
        slug="instagram", name_fi="Instagram", name_sv="Instagram", name_en="Instagram"
    )
    library = UnitFactory(municipality=municipality, sector=Sector.LIBRARY, name="Pääkirjasto")
    youth = UnitFactory(municipality=municipality, sector=Sector.YOUTH, name="Nuorisotalo")
    borrower = PersonFactory(home_unit=library, name="Bea Borrower")
    mentor = make_mentor(skills={skill: 3}, unit=youth, name="Max Mentor")
    loan = make_loan(borrower=borrower, skills=[skill])
    if book:
        start = next_weekday(1, 9)
        book_session(loan=loan, mentor=mentor, start=start, actor=borrower)
        loan.refresh_from_db()
    return Cast(
        municipality=municipality,
        other_municipality=other,
        skill=skill,
        borrower=borrower,
        mentor=mentor,
        coordinator=coordinator_of(municipality, name="Cora Coordinator"),
        other_coordinator=coordinator_of(other, name="Otto Other"),
        unit_manager=unit_manager_of(youth, name="Uma Manager"),
        loan=loan,
    )


ROLES = ["anonymous", "borrower", "mentor", "coordinator", "other_coordinator", "unit_manager"]
