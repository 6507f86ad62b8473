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

from django.db.models import FloatField, Prefetch, Q
from django.db.models.functions import Cast
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lainaamo.core.i18n import language_label
from lainaamo.core.timeutil import local, month_bounds, now
from lainaamo.directory.models import Sector
from lainaamo.scheduling.services import Slot, free_slots

from .models import Decline, Level, Loan, MentorLanguage, MentorProfile, MentorSkill, Mode
from .services import booked_hours_by_month, buffers_for

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


def _hours(value: float) -> str:
    """Hours as people write them in the page's language: 4, 1,5 (fi, sv) or 1.5 (en)."""
    return f"{value:g}".replace(".", get_format("DECIMAL_SEPARATOR"))


def _skill_reason(names_levels: list[tuple[str, int]]) -> str:
    parts = [f"{name} ({Level(level).label.lower()})" for name, level in names_levels]
    return _("Knows %(skills)s") % {"skills": ", ".join(parts)}


# The most that fairness (hours left to lend this month) can add to a score.
FAIRNESS_WEIGHT = 15


@dataclass
class _Candidate:
    pk: int
    resource_id: int
    limit_hours: float
    cross_sector: bool
    base: float  # the score before fairness
    levels: dict[int, int]
    left: float = 0.0
    score: float = 0.0
    month: dt.datetime | None = None

    @property
    def best_key(self) -> tuple[float, int]:
        """The best sort key the candidate could reach: its score with all hours left."""
        return (-round(self.base + FAIRNESS_WEIGHT, 1), self.pk)

    @property
    def key(self) -> tuple[float, int]:
        return (-self.score, self.pk)


def _ranked_candidates(loan: Loan, skill_ids: list[int]) -> list[_Candidate]:
    """Every candidate with the part of its score that does not depend on time, best first."""
    queryset, _skill_ids = candidates(loan)
    # One row per candidate and skill asked for: the candidates and their levels in one query.
    rows = MentorSkill.objects.filter(
        skill_id__in=skill_ids, mentor_id__in=queryset.order_by().values("pk")
    ).values_list(
        "mentor_id",
        "skill_id",
        "level",
        "mentor__resource_id",
        Cast("mentor__monthly_hours", FloatField()),
        "mentor__person__home_unit__sector",
    )
    found: dict[int, _Candidate] = {}
    for pk, skill_id, level, resource_id, monthly_hours, sector in rows:
        candidate = found.get(pk)
        if candidate is None:
            cross_sector = (sector or Sector.OTHER) != loan.borrower_sector
            candidate = found[pk] = _Candidate(
                pk, resource_id, monthly_hours, cross_sector, 0.0, {}
            )
        candidate.levels[skill_id] = level
    for candidate in found.values():
        coverage = len(candidate.levels) / len(skill_ids)
        level = sum(candidate.levels.values()) / (3 * len(skill_ids))
        candidate.base = 50 * coverage + 25 * level + (10 if candidate.cross_sector else 0)
        if loan.requested_mentor_id == candidate.pk:
            candidate.base += 100
    return sorted(found.values(), key=lambda candidate: candidate.best_key)


def find_matches(loan: Loan, *, limit: int = 10, slots_per_mentor: int = 3) -> list[Match]:
    """The best mentors for the loan, best first, each with reasons and free slots.

    Candidates are taken in the order of the best score they could reach; hours lent and
    free slots, which cost queries, are looked up a chunk at a time, until no candidate left
    could rank above the last match found.
    """
    skill_ids = list(loan.skills.values_list("id", flat=True))
    ranked = _ranked_candidates(loan, skill_ids) if skill_ids else []
    if not ranked:
        return []
    current = now()
    needed = loan.duration_minutes / 60
    windows = list(loan.windows.values_list("start", "end"))
    # A session counts against the limit of its own month, as book_session checks it; the
    # windows may lie in another month than today, or in two.
    months = _window_months(windows, current)
    before, after = buffers_for(loan)

    found: list[tuple[_Candidate, list[Slot]]] = []
    for offset in range(0, len(ranked), CHUNK):
        chunk = ranked[offset : offset + CHUNK]
        resource_ids = [candidate.resource_id for candidate in chunk]
        used_in = booked_hours_by_month(resource_ids, months)

        def has_room(candidate: _Candidate, month: dt.datetime, used_in=used_in) -> bool:
            spent_then = used_in[month].get(candidate.resource_id, 0.0)
            return spent_then + needed <= candidate.limit_hours

        open_chunk = [c for c in chunk if any(has_room(c, month) for month in months)]
        slots: dict[int, list[Slot]] = defaultdict(list)
        for start, end in windows:
            for resource_id, window_slots in free_slots(
                resource_ids=[c.resource_id for c in open_chunk],
                start=start,
                end=end,
                duration=loan.duration,
                buffer_before=before,
                buffer_after=after,
                limit=slots_per_mentor,
            ).items():
                slots[resource_id].extend(window_slots)
        for candidate in open_chunk:
            mentor_slots = [
                slot
                for slot in slots[candidate.resource_id]
                if has_room(candidate, month_bounds(slot.start)[0])
            ][:slots_per_mentor]
            if not mentor_slots:
                continue
            # Fairness looks at the month of the first time offered: that is the month the
            # session would count in.
            candidate.month = month_bounds(mentor_slots[0].start)[0]
            spent = used_in[candidate.month].get(candidate.resource_id, 0.0)
            candidate.left = max(candidate.limit_hours - spent, 0.0)
            fairness = candidate.left / candidate.limit_hours if candidate.limit_hours else 0.0
            candidate.score = round(candidate.base + FAIRNESS_WEIGHT * fairness, 1)
            found.append((candidate, mentor_slots))
        found.sort(key=lambda item: item[0].key)
        following = offset + CHUNK
        if len(found) >= limit and (
            following >= len(ranked) or found[limit - 1][0].key < ranked[following].best_key
        ):
            break
    chosen = found[:limit]
    if not chosen:
        return []

    profiles = (
        MentorProfile.objects.filter(pk__in=[candidate.pk for candidate, _slots in chosen])
        .select_related("person__home_unit__municipality")
        .prefetch_related(
            "languages",
            "municipalities",
            Prefetch("skill_levels", MentorSkill.objects.select_related("skill")),
        )
        .in_bulk()
    )
    matches = []
    for candidate, mentor_slots in chosen:
        mentor = profiles[candidate.pk]
        left, limit_hours = candidate.left, candidate.limit_hours
        known = [
            (level.skill.name or level.skill.slug, level.level)
            for level in mentor.skill_levels.all()
            if level.skill_id in candidate.levels
        ]
        reasons = []
        if loan.requested_mentor_id == mentor.pk:
            reasons.append(_("You asked for this mentor"))
        reasons.append(_skill_reason(known))
        reasons.append(_("Works in %(language)s") % {"language": language_label(loan.language)})
        if loan.mode == Mode.ON_SITE:
            reasons.append(
                _("Comes on site in %(municipality)s") % {"municipality": loan.municipality.name}
            )
        else:
            reasons.append(_("Helps remotely"))
        reasons.append(
            ngettext(
                "Has %(left)s of %(limit)s hour left to lend in %(month)s",
                "Has %(left)s of %(limit)s hours left to lend in %(month)s",
                int(limit_hours),
            )
            % {
                "left": _hours(left),
                "limit": _hours(limit_hours),
                "month": date_format(local(candidate.month), "F Y"),
            }
        )
        if candidate.cross_sector:
            sector = Sector(mentor.person.sector).label if mentor.person.home_unit_id else ""
            reasons.append(_("Lends across sectors, from %(sector)s") % {"sector": sector.lower()})
        matches.append(
            Match(mentor=mentor, score=candidate.score, reasons=reasons, slots=mentor_slots)
        )
    return matches
