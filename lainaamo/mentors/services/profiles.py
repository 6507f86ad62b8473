"""What a mentor offers: skills, languages, areas, modes, hours and any break."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lainaamo.core.timeutil import local, now
from lainaamo.directory.models import Language
from lainaamo.scheduling import services as scheduling

from ..matching_cache import mentors_changed
from ..models import (
    Level,
    MentorLanguage,
    MentorProfile,
    MentorSkill,
    Skill,
)
from .errors import InvalidRequest


@transaction.atomic
def save_mentor_skills(*, mentor: MentorProfile, levels: dict[int, int]) -> None:
    """Replace a mentor's skills with `levels` (skill id -> level 1-3)."""
    if any(level not in Level.values for level in levels.values()):
        raise InvalidRequest(_("A skill level is 1 (basics), 2 (good) or 3 (expert)."))
    if Skill.objects.filter(pk__in=levels, retired=True).exists():
        raise InvalidRequest(_("A retired skill cannot be added to a profile."))
    scheduling.lock_resources([mentor.resource_id])  # a booking reads the skills under it
    # Retired skills are not on the form: the mentor keeps them as they were.
    MentorSkill.objects.filter(mentor=mentor, skill__retired=False).exclude(
        skill_id__in=levels
    ).delete()
    for skill_id, level in levels.items():
        MentorSkill.objects.update_or_create(
            mentor=mentor, skill_id=skill_id, defaults={"level": level}
        )
    mentors_changed()


@transaction.atomic
def update_mentor_profile(
    *,
    mentor: MentorProfile,
    bio: dict[str, str],
    languages: list[str],
    municipality_ids: list[int],
    on_site: bool,
    remote: bool,
    monthly_hours: Decimal,
    paused: bool,
    returns_on: dt.date | None = None,
) -> MentorProfile:
    """Save what a mentor offers: introduction, languages, areas, modes, hours and any break."""
    languages = [code for code in Language.values if code in languages]
    if not languages:
        raise InvalidRequest(_("Choose at least one language you help in."), field="languages")
    if not (on_site or remote):
        raise InvalidRequest(_("Choose on-site, remote or both."), field="remote")
    if on_site and not municipality_ids:
        raise InvalidRequest(
            _("Choose the municipalities you come to on site."), field="municipalities"
        )
    if not Decimal(0) <= Decimal(monthly_hours) <= Decimal(160):
        raise InvalidRequest(
            _("The hours a month must be between 0 and 160."), field="monthly_hours"
        )
    if paused and returns_on is not None and returns_on < local(now()).date():
        raise InvalidRequest(_("The return date has already passed."), field="returns_on")
    scheduling.lock_resources([mentor.resource_id])  # a booking reads all this under it
    for code in Language.values:
        setattr(mentor, f"bio_{code}", bio.get(code, "").strip())
    mentor.on_site = on_site
    mentor.remote = remote
    mentor.monthly_hours = monthly_hours
    mentor.paused = paused
    mentor.returns_on = returns_on if paused else None
    mentor.save(
        update_fields=[f"bio_{code}" for code in Language.values]
        + ["on_site", "remote", "monthly_hours", "paused", "returns_on"]
    )
    MentorLanguage.objects.filter(mentor=mentor).exclude(language__in=languages).delete()
    for code in languages:
        MentorLanguage.objects.get_or_create(mentor=mentor, language=code)
    mentor.municipalities.set(municipality_ids)
    mentors_changed()
    return mentor
