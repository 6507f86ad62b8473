"""Create the demo's people: accounts, roles, mentor profiles with skills and weekly hours."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from lainaamo.core.timeutil import wall_clock
from lainaamo.directory.models import Person, Role, RoleKind
from lainaamo.mentors.models import MentorLanguage, MentorProfile, MentorSkill, Skill
from lainaamo.scheduling.models import Absence, Resource, ResourceKind, WeeklyAvailability

from .places import Places
from .roster import BORROWERS, EMAIL_DOMAIN, LEADS, MENTORS, SHARED_PASSWORD, MentorSpec


def email_for(name: str) -> str:
    """firstname.lastname@demo.lainaamo.fi, with the Nordic letters folded to ASCII."""
    folded = name.lower().translate(str.maketrans("äöåé", "aoae")).replace(" ", ".")
    return f"{folded}@{EMAIL_DOMAIN}"


@dataclass
class Cast:
    mentors: list[tuple[MentorSpec, MentorProfile]]
    borrowers: dict[str, Person]
    leads: list[Person]

    def mentor(self, name: str) -> MentorProfile:
        return next(profile for spec, profile in self.mentors if spec.name == name)


def _person(places: Places, name: str, unit: str, language: str, login, shared_hash) -> Person:
    person = Person.objects.create(
        email=login.email if login else email_for(name),
        name=name,
        language=language,
        home_unit=places.units[unit],
        password=make_password(login.password) if login else shared_hash,
    )
    Role.objects.create(
        person=person, kind=RoleKind.STAFF, municipality=person.home_unit.municipality
    )
    return person


def _mentor(places: Places, spec: MentorSpec, skills: dict[str, Skill], shared_hash, today):
    person = _person(places, spec.name, spec.unit, spec.language, spec.login, shared_hash)
    resource = Resource.objects.create(kind=ResourceKind.MENTOR, name=spec.name)
    profile = MentorProfile.objects.create(
        person=person,
        resource=resource,
        bio_fi=spec.bio[0],
        bio_sv=spec.bio[1],
        bio_en=spec.bio[2],
        on_site="on_site" in spec.modes,
        remote="remote" in spec.modes,
        monthly_hours=spec.hours,
        paused=bool(spec.paused_days),
        returns_on=today + dt.timedelta(days=spec.paused_days) if spec.paused_days else None,
        cohort=places.cohorts[spec.cohort],
    )
    MentorSkill.objects.bulk_create(
        MentorSkill(mentor=profile, skill=skills[slug], level=level)
        for slug, level in spec.skill_levels.items()
    )
    MentorLanguage.objects.bulk_create(
        MentorLanguage(mentor=profile, language=code) for code in spec.speaks.split()
    )
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(resource=resource, weekday=day, start_time=start, end_time=end)
        for day, start, end in spec.weekly_windows
    )
    served = [places.municipalities[key] for key in spec.serves.split()]
    profile.municipalities.set(served or [places.units[spec.unit].municipality])
    return profile


def create_people(places: Places, skills: dict[str, Skill], today: dt.date) -> Cast:
    """Mentors with profiles and weekly hours, borrowing staff, coordinators and managers."""
    shared_hash = make_password(SHARED_PASSWORD)
    mentors = [(spec, _mentor(places, spec, skills, shared_hash, today)) for spec in MENTORS]
    borrowers = {
        key: _person(places, name, unit, language, login, shared_hash)
        for key, (name, unit, language, login) in BORROWERS.items()
    }
    leads = []
    for name, unit, language, login, kind, scope in LEADS:
        person = _person(places, name, unit, language, login, shared_hash)
        if scope == "region":
            Role.objects.create(person=person, kind=kind, region=places.region)
        elif scope in places.municipalities:
            Role.objects.create(
                person=person, kind=kind, municipality=places.municipalities[scope]
            )
        else:
            Role.objects.create(person=person, kind=kind, unit=places.units[scope])
        leads.append(person)
    cast = Cast(mentors, borrowers, leads)
    _add_absences(cast, today)
    return cast


def _add_absences(cast: Cast, today: dt.date) -> None:
    """A training day and a week off, so that free slots visibly skip them."""

    def next_weekday(weekday: int, weeks: int) -> dt.date:
        day = today + dt.timedelta(days=1)
        while day.weekday() != weekday:
            day += dt.timedelta(days=1)
        return day + dt.timedelta(weeks=weeks)

    training_day = next_weekday(2, 0)
    Absence.objects.create(
        resource=cast.mentor("Tuomas Niemi").resource,
        start=wall_clock(training_day, dt.time(0)),
        end=wall_clock(training_day + dt.timedelta(days=1), dt.time(0)),
        reason="Koulutuspäivä",
    )
    week_off = next_weekday(0, 1)
    Absence.objects.create(
        resource=cast.mentor("Sari Ylinen").resource,
        start=wall_clock(week_off, dt.time(0)),
        end=wall_clock(week_off + dt.timedelta(days=5), dt.time(0)),
        reason="Loma",
    )
