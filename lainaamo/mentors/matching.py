"""Rank the mentors who could take a loan, with the reasons and their first free slots.

A match is a mentor who is active, works in the request's language and mode, comes on site
to the borrower's municipality when the help is on-site, has at least one of the skills asked
for, has hours left to lend this month, has not declined this request, and has a free slot in
one of the borrower's windows. Among those, skill fit and level count most; then fairness
(who has lent least of their monthly hours) and a preference for lending across sectors.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lainaamo.core.timeutil import month_bounds, now
from lainaamo.directory.models import Language, Sector
from lainaamo.scheduling.services import Slot, free_slots

from .models import Decline, Level, Loan, MentorLanguage, MentorProfile, MentorSkill, Mode
from .services import booked_hours, buffers_for

CHUNK = 25


@dataclass
class Match:
    mentor: MentorProfile
    score: float
    reasons: list[str] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)


def candidates(loan: Loan):
    """Mentors who pass every rule that does not depend on time."""
    today = now().date()
    skill_ids = list(loan.skills.values_list("id", flat=True))
    queryset = (
        MentorProfile.objects.active(on=today)
        .filter(
            Q(pk__in=MentorSkill.objects.filter(skill_id__in=skill_ids).values("mentor_id")),
            Q(pk__in=MentorLanguage.objects.filter(language=loan.language).values("mentor_id")),
        )
        .exclude(person_id=loan.borrower_id)
        .exclude(pk__in=Decline.objects.filter(loan=loan).values("mentor_id"))
    )
    if loan.mode == Mode.ON_SITE:
        queryset = queryset.filter(on_site=True, municipalities=loan.municipality_id)
    else:
        queryset = queryset.filter(remote=True)
    return queryset, skill_ids


def _window_months(windows: list[tuple[dt.datetime, dt.datetime]], current: dt.datetime) -> set:
    """The starts of the Helsinki months that the future part of the windows touches."""
    months = set()
    for start, end in windows:
        if end <= current:
            continue
        month, following = month_bounds(max(start, current))
        while month < end:
            months.add(month)
            month, following = following, month_bounds(following)[1]
    return months


def _skill_reason(names_levels: list[tuple[str, int]]) -> str:
    parts = [f"{name} ({Level(level).label.lower()})" for name, level in names_levels]
    return _("Knows %(skills)s") % {"skills": ", ".join(parts)}


def find_matches(loan: Loan, *, limit: int = 10, slots_per_mentor: int = 3) -> list[Match]:
    """The best mentors for the loan, best first, each with reasons and free slots."""
    queryset, skill_ids = candidates(loan)
    rows = list(
        queryset.values(
            "pk",
            "resource_id",
            "monthly_hours",
            "person__home_unit__sector",
        )
    )
    if not rows:
        return []
    mentor_ids = [row["pk"] for row in rows]
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    for mentor_id, skill_id, level in MentorSkill.objects.filter(
        mentor_id__in=mentor_ids, skill_id__in=skill_ids
    ).values_list("mentor_id", "skill_id", "level"):
        levels[mentor_id][skill_id] = level
    resource_ids_all = [row["resource_id"] for row in rows]
    current = now()
    used = booked_hours(resource_ids_all, current)
    needed = loan.duration_minutes / 60
    windows = list(loan.windows.values_list("start", "end"))
    # A session counts against the limit of its own month, as book_session checks it; the
    # windows may lie in another month than today, or in two.
    this_month = month_bounds(current)[0]
    used_in = {
        month: used if month == this_month else booked_hours(resource_ids_all, month)
        for month in _window_months(windows, current)
    }

    def has_room(row: dict, month: dt.datetime) -> bool:
        spent_then = used_in[month].get(row["resource_id"], 0.0)
        return spent_then + needed <= float(row["monthly_hours"])

    scored = []
    for row in rows:
        limit_hours = float(row["monthly_hours"])
        spent = used.get(row["resource_id"], 0.0)
        left = max(limit_hours - spent, 0.0)
        if not any(has_room(row, month) for month in used_in):
            continue
        fit = levels[row["pk"]]
        coverage = len(fit) / len(skill_ids)
        level = sum(fit.values()) / (3 * len(skill_ids))
        fairness = left / limit_hours if limit_hours else 0.0
        cross_sector = (row["person__home_unit__sector"] or Sector.OTHER) != loan.borrower_sector
        score = 50 * coverage + 25 * level + 15 * fairness + (10 if cross_sector else 0)
        if loan.requested_mentor_id == row["pk"]:
            score += 100
        scored.append((round(score, 1), row, left, limit_hours, cross_sector))
    scored.sort(key=lambda item: (-item[0], item[1]["pk"]))

    before, after = buffers_for(loan)
    chosen: list[tuple] = []
    for offset in range(0, len(scored), CHUNK):
        chunk = scored[offset : offset + CHUNK]
        resource_ids = [item[1]["resource_id"] for item in chunk]
        slots: dict[int, list[Slot]] = defaultdict(list)
        for start, end in windows:
            found = free_slots(
                resource_ids=resource_ids,
                start=start,
                end=end,
                duration=loan.duration,
                buffer_before=before,
                buffer_after=after,
                limit=slots_per_mentor,
            )
            for resource_id, window_slots in found.items():
                slots[resource_id].extend(window_slots)
        for item in chunk:
            mentor_slots = [
                slot
                for slot in slots[item[1]["resource_id"]]
                if has_room(item[1], month_bounds(slot.start)[0])
            ][:slots_per_mentor]
            if mentor_slots:
                chosen.append((item, mentor_slots))
            if len(chosen) >= limit:
                break
        if len(chosen) >= limit:
            break
    if not chosen:
        return []

    profiles = (
        MentorProfile.objects.filter(pk__in=[item[1]["pk"] for item, _slots in chosen])
        .select_related("person__home_unit__municipality")
        .prefetch_related("languages", "municipalities", "skill_levels__skill")
        .in_bulk()
    )
    language_names = dict(Language.choices)
    matches = []
    for (score, row, left, limit_hours, cross_sector), mentor_slots in chosen:
        mentor = profiles[row["pk"]]
        known = [
            (level.skill.name or level.skill.slug, level.level)
            for level in mentor.skill_levels.all()
            if level.skill_id in levels[row["pk"]]
        ]
        reasons = []
        if loan.requested_mentor_id == mentor.pk:
            reasons.append(_("You asked for this mentor"))
        reasons.append(_skill_reason(known))
        reasons.append(_("Works in %(language)s") % {"language": language_names[loan.language]})
        if loan.mode == Mode.ON_SITE:
            reasons.append(
                _("Comes on site in %(municipality)s") % {"municipality": loan.municipality.name}
            )
        else:
            reasons.append(_("Helps remotely"))
        reasons.append(
            ngettext(
                "Has %(left)s of %(limit)s hour left to lend this month",
                "Has %(left)s of %(limit)s hours left to lend this month",
                int(limit_hours),
            )
            % {"left": f"{left:g}", "limit": f"{limit_hours:g}"}
        )
        if cross_sector:
            sector = Sector(mentor.person.sector).label if mentor.person.home_unit_id else ""
            reasons.append(_("Lends across sectors, from %(sector)s") % {"sector": sector.lower()})
        matches.append(Match(mentor=mentor, score=score, reasons=reasons, slots=mentor_slots))
    return matches
