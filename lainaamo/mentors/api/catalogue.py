"""Skills and the mentor catalogue: who can help, with what, and when they are free."""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from lainaamo.core.bounds import MAX_AHEAD, MAX_SPAN, Id
from lainaamo.core.errors import DomainError, NotFound
from lainaamo.core.timeutil import local, now
from lainaamo.directory.api import active_language, errors, person_of, translated, unit_out
from lainaamo.directory.models import Person, Sector
from lainaamo.directory.permissions import is_coordinator
from lainaamo.scheduling.services import InvalidInterval, TooFarAhead, free_slots

from .. import services
from ..models import (
    MentorLanguage,
    MentorProfile,
    MentorSkill,
    Mode,
    Skill,
    on_break,
    with_details,
)
from .schemas import MentorFilters, MentorOut, SkillOut, SlotOut, SlotQuery


class RangeTooLong(DomainError):
    code = "range_too_long"
    message = gettext_lazy("Ask for free times at most %(days)s days at a time.")


def is_active_mentor(mentor: MentorProfile) -> bool:
    """The rule of MentorQuerySet.active, for one row already loaded."""
    return not on_break(mentor.paused, mentor.returns_on, local(now()).date())


def mentor_queryset() -> QuerySet:
    """Mentors with what `mentor_out` shows of them in one row; `with_details` adds the rest."""
    return MentorProfile.objects.filter(person__is_active=True).select_related(
        "person__home_unit__municipality"
    )


def get_mentor(person: Person, mentor_id: int) -> MentorProfile:
    """A mentor the person may see: active ones, and any for a coordinator or themselves."""
    mentor = mentor_queryset().filter(pk=mentor_id).first()
    if mentor is None or not (
        is_active_mentor(mentor) or mentor.person_id == person.pk or is_coordinator(person)
    ):
        raise NotFound()
    return with_details([mentor])[0]


def skill_out(skill: Skill, language: str) -> dict:
    name, name_language = translated(skill, "name", language)
    description, _description_language = translated(skill, "description", language)
    return {
        "slug": skill.slug,
        "name": name or skill.slug,
        "name_language": name_language,
        "description": description,
    }


def mentor_out(mentor: MentorProfile, language: str) -> dict:
    """A mentor as the API shows them; `with_details` must have loaded them."""
    person, details = mentor.person, mentor.details
    skills = []
    for skill, level in sorted(details.levels, key=lambda row: (row[0].position, row[0].slug)):
        name, name_language = translated(skill, "name", language)
        skills.append(
            {
                "slug": skill.slug,
                "level": level,
                "name": name or skill.slug,
                "name_language": name_language,
            }
        )
    bio, bio_language = translated(mentor, "bio", language)
    return {
        "id": mentor.pk,
        "name": person.name,
        "skills": skills,
        "languages": sorted(details.languages),
        "sector": person.home_unit.sector if person.home_unit_id else Sector.OTHER,
        "unit": unit_out(person.home_unit),
        "modes": mentor.modes,
        "municipalities": [
            {"id": place.pk, "name": place.name}
            for place in sorted(details.municipalities, key=lambda place: place.name)
        ],
        "bio": bio,
        "bio_language": bio_language,
        "monthly_hours": float(mentor.monthly_hours),
        "paused": mentor.paused,
        "returns_on": mentor.returns_on,
    }


def mentor_ref(mentor: MentorProfile | None) -> dict | None:
    return {"id": mentor.pk, "name": mentor.person.name} if mentor else None


router = Router(tags=["mentors"])


@router.get(
    "/skills",
    response={200: list[SkillOut], **errors(401)},
    summary="The skills a mentor can lend",
)
def list_skills(request: HttpRequest):
    """The skills that can be asked for. Retired ones are left out; a loan still lists its own."""
    language = active_language()
    return [skill_out(skill, language) for skill in Skill.objects.offered()]


@router.get(
    "/mentors",
    response={200: list[MentorOut], **errors(400, 401)},
    summary="The mentor catalogue, filtered",
)
def list_mentors(request: HttpRequest, filters: Query[MentorFilters]):
    """Active mentors, by name; a page of `limit` rows (fewer rows means the last page)."""
    person = person_of(request)
    skill, language, mode = filters.skill, filters.language, filters.mode
    municipality, sector = filters.municipality, filters.sector
    queryset = mentor_queryset()
    if not (filters.include_paused and is_coordinator(person)):
        queryset = queryset.active(on=local(now()).date())
    if skill:
        queryset = queryset.filter(
            pk__in=MentorSkill.objects.filter(skill__slug=skill).values("mentor_id")
        )
    if language:
        queryset = queryset.filter(
            pk__in=MentorLanguage.objects.filter(language=language).values("mentor_id")
        )
    if mode == Mode.ON_SITE:
        queryset = queryset.filter(on_site=True)
    elif mode == Mode.REMOTE:
        queryset = queryset.filter(remote=True)
    if municipality is not None:
        queryset = queryset.filter(
            pk__in=MentorProfile.municipalities.through.objects.filter(
                municipality_id=municipality
            ).values("mentorprofile_id")
        )
    if sector:
        queryset = queryset.filter(person__home_unit__sector=sector)
    language_now = active_language()
    rows = queryset.order_by("person__name", "pk")[filters.offset : filters.offset + filters.limit]
    return [mentor_out(mentor, language_now) for mentor in with_details(rows)]


@router.get(
    "/mentors/{id}",
    response={200: MentorOut, **errors(400, 401, 404)},
    summary="One mentor",
)
def get_mentor_detail(request: HttpRequest, id: Id):
    return mentor_out(get_mentor(person_of(request), id), active_language())


@router.get(
    "/mentors/{id}/free-slots",
    response={200: list[SlotOut], **errors(400, 401, 404)},
    summary="A mentor's free slots between two instants",
)
def mentor_free_slots(request: HttpRequest, id: Id, filters: Query[SlotQuery]):
    """Free slots on a 30-minute grid; the range may span at most 31 days."""
    mentor = get_mentor(person_of(request), id)
    start, end = filters.start, filters.end
    if end <= start:
        raise InvalidInterval()
    if end - start > MAX_SPAN:
        raise RangeTooLong(days=MAX_SPAN.days)
    if start > now() + MAX_AHEAD:
        raise TooFarAhead(days=MAX_AHEAD.days)
    buffer = services.TRAVEL_BUFFER if filters.mode == Mode.ON_SITE else dt.timedelta()
    slots = free_slots(
        resource_ids=[mentor.resource_id],
        start=start,
        end=end,
        duration=dt.timedelta(minutes=filters.duration),
        buffer_before=buffer,
        buffer_after=buffer,
    )[mentor.resource_id]
    return [{"start": slot.start, "end": slot.end} for slot in slots]
