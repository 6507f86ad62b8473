"""Rank the mentors who could take a loan, with the reasons and their first free slots.

A match is a mentor who is active, works in the request's language and mode, comes on site
to the borrower's municipality when the help is on-site, has at least one of the skills asked
for, has hours left to lend this month, has not declined this request, and has a free slot in
one of the borrower's windows. Among those, skill fit and level count most; then fairness
(who has lent least of their monthly hours) and a preference for lending across sectors.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lainaamo.core.bounds import MAX_MENTOR_DAYS, searchable
from lainaamo.core.i18n import language_label
from lainaamo.core.timeutil import local, month_bounds, now
from lainaamo.directory.models import Sector
from lainaamo.scheduling.services import Slot, free_slots, weekly_rules

from .matching_cache import kept
from .models import (
    Decline,
    Level,
    Loan,
    MentorProfile,
    MentorSkill,
    Mode,
    with_details,
)
from .services import booked_hours_by_month, buffers_for

CHUNK = 25


@dataclass
class MatchQuery:
    """What matching reads of a request: a saved loan's (`MatchQuery.of(loan)`), or a request
    not saved yet, whose skills and windows are given as lists (the request form's preview)."""

    loan_id: int | None  # of a saved loan, whose decliners are left out
    borrower_id: int
    borrower_sector: str
    municipality_id: int
    municipality_name: str  # for on-site help, named in the reasons
    language: str
    mode: str
    duration_minutes: int
    requested_mentor_id: int | None
    skill_ids: list[int]
    windows: list[tuple[dt.datetime, dt.datetime]]

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.duration_minutes)

    @classmethod
    def of(
        cls,
        loan: Loan,
        *,
        skill_ids: list[int] | None = None,
        windows: list[tuple[dt.datetime, dt.datetime]] | None = None,
    ) -> "MatchQuery":
        """The loan's request; an unsaved loan's skills and windows are given."""
        if skill_ids is None:
            skill_ids = list(loan.skills.values_list("id", flat=True))
        if windows is None:
            windows = list(loan.windows.values_list("start", "end"))
        return cls(
            loan_id=loan.pk,
            borrower_id=loan.borrower_id,
            borrower_sector=loan.borrower_sector,
            municipality_id=loan.municipality_id,
            municipality_name=loan.municipality.name if loan.mode == Mode.ON_SITE else "",
            language=loan.language,
            mode=loan.mode,
            duration_minutes=loan.duration_minutes,
            requested_mentor_id=loan.requested_mentor_id,
            skill_ids=skill_ids,
            windows=windows,
        )


@dataclass
class Match:
    mentor: MentorProfile
    score: float
    reasons: list[str] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)


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
    score: float = 0.0
    left: float = 0.0
    month: dt.datetime | None = None

    @property
    def best_key(self) -> tuple[float, int]:
        """The best sort key the candidate could reach: its score with all hours left."""
        return (-(self.base + FAIRNESS_WEIGHT), self.pk)

    @property
    def key(self) -> tuple[float, int]:
        return (-self.score, self.pk)


def _ranked(query: MatchQuery, skill_ids: list[int]) -> Iterator[_Candidate]:
    """The candidates best first, by the part of the score that does not depend on time.

    Every active mentor who knows a skill asked for, works in the request's language and mode
    and comes on site to its municipality when needed. Kept in the cache a short while under
    the ranking's inputs, so that requests alike share it (`lainaamo.mentors.matching_cache`);
    who has declined the loan, and the borrower themself, are left out after.
    """
    on_site = query.mode == Mode.ON_SITE
    today = local(now()).date()
    inputs = {
        "skills": sorted(skill_ids),
        "language": query.language,
        "place": query.municipality_id if on_site else None,
        "sector": query.borrower_sector,
        "asked_for": query.requested_mentor_id,
        "today": today.isoformat(),
    }
    rows = kept("ranking", sorted(inputs.items()), lambda: _rank(query, skill_ids, today))
    declined = set()
    if query.loan_id is not None:
        declined = set(
            Decline.objects.filter(loan_id=query.loan_id).values_list("mentor_id", flat=True)
        )
    # One by one: most requests look at the first few dozen of thousands.
    for pk, person_id, resource_id, limit_hours, across, base in rows:
        if pk not in declined and person_id != query.borrower_id:
            yield _Candidate(pk, resource_id, limit_hours, across, base)


def _rank(query: MatchQuery, skill_ids: list[int], today: dt.date) -> list[tuple]:
    """The rows `_ranked` keeps, best first, from one query (a row per mentor and skill asked
    for): mentor, person, resource, monthly hours, across sectors, score before fairness."""
    mentors = MentorProfile.objects.active(on=today).filter(
        person__is_active=True, languages__language=query.language
    )
    if query.mode == Mode.ON_SITE:
        mentors = mentors.filter(on_site=True, municipalities=query.municipality_id)
    else:
        mentors = mentors.filter(remote=True)
    rows = MentorSkill.objects.filter(
        skill_id__in=skill_ids, mentor__in=mentors.order_by().values("pk")
    ).values_list(
        "mentor_id",
        "level",
        "mentor__person_id",
        "mentor__resource_id",
        "mentor__monthly_hours",
        "mentor__person__home_unit__sector",
    )
    known: dict[int, list] = {}  # mentor id -> [skills known, sum of levels, the mentor's row]
    for pk, level, *mentor in rows:
        tally = known.get(pk)
        if tally is None:
            known[pk] = [1, level, mentor]
        else:
            tally[0] += 1
            tally[1] += level
    asked = len(skill_ids)
    # The score before fairness times 3 x skills asked for, so that it is an integer:
    # 50 x coverage + 25 x mean level / 3 + 10 across sectors + 100 asked for by name.
    scored = []
    for pk, (count, levels, (person_id, resource_id, monthly_hours, sector)) in known.items():
        across = (sector or Sector.OTHER) != query.borrower_sector
        key = 150 * count + 25 * levels + 30 * asked * across
        if pk == query.requested_mentor_id:
            key += 300 * asked
        scored.append((-key, pk, person_id, resource_id, float(monthly_hours), across))
    scored.sort(key=lambda row: row[:2])
    return [
        (pk, person_id, resource_id, limit_hours, across, -key / (3 * asked))
        for key, pk, person_id, resource_id, limit_hours, across in scored
    ]


def find_matches(
    need: Loan | MatchQuery, *, limit: int = 10, slots_per_mentor: int = 3
) -> list[Match]:
    """The best mentors for the loan or request, best first, each with reasons and free slots.

    Candidates are taken in the order of the best score they could reach; hours lent and
    free slots, which cost queries, are looked up a chunk at a time, until no candidate left
    could rank above the last match found.
    """
    query = need if isinstance(need, MatchQuery) else MatchQuery.of(need)
    skill_ids = query.skill_ids
    if not skill_ids:
        return []
    current = now()
    # Only what is still ahead: when every window has passed, nobody can be offered.
    windows = searchable(list(query.windows), current)
    if not windows:
        return []
    # The work one request may cause: at most MAX_MENTOR_DAYS of free-slot search, so the
    # best-placed candidates only when the windows are long.
    days = sum((end - start).days + 1 for start, end in windows)
    ranked = islice(_ranked(query, skill_ids), max(CHUNK, MAX_MENTOR_DAYS // days))
    chunk = list(islice(ranked, CHUNK))
    if not chunk:
        return []
    needed = query.duration_minutes / 60
    # A session counts against the limit of its own month, as book_session checks it; the
    # windows may lie in another month than today, or in two.
    months = _window_months(windows, current)
    before, after = buffers_for(query)

    found: list[tuple[_Candidate, list[Slot]]] = []
    while chunk:
        following = list(islice(ranked, CHUNK))
        resource_ids = [candidate.resource_id for candidate in chunk]
        used_in = booked_hours_by_month(resource_ids, months)

        def has_room(candidate: _Candidate, month: dt.datetime, used_in=used_in) -> bool:
            spent_then = used_in[month].get(candidate.resource_id, 0.0)
            return spent_then + needed <= candidate.limit_hours

        open_chunk = [c for c in chunk if any(has_room(c, month) for month in months)]
        rules = kept("weekly-hours", resource_ids, lambda ids=resource_ids: weekly_rules(ids))
        open_ids = [c.resource_id for c in open_chunk]
        slots: dict[int, list[Slot]] = defaultdict(list)
        for start, end in windows:
            for resource_id, window_slots in free_slots(
                resource_ids=open_ids,
                start=start,
                end=end,
                duration=query.duration,
                buffer_before=before,
                buffer_after=after,
                limit=slots_per_mentor,
                rules=rules,
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
            candidate.score = candidate.base + FAIRNESS_WEIGHT * fairness
            found.append((candidate, mentor_slots))
        found.sort(key=lambda item: item[0].key)
        if len(found) >= limit and (
            not following or found[limit - 1][0].key < following[0].best_key
        ):
            break
        chunk = following
    chosen = found[:limit]
    if not chosen:
        return []

    profiles = MentorProfile.objects.select_related("person__home_unit__municipality").in_bulk(
        [candidate.pk for candidate, _slots in chosen]
    )

    def load_details() -> dict:
        return {mentor.pk: mentor.details for mentor in with_details(profiles.values())}

    details = kept("details", sorted(profiles), load_details)
    for mentor in profiles.values():
        mentor.details = details[mentor.pk]
    matches = []
    for candidate, mentor_slots in chosen:
        mentor = profiles[candidate.pk]
        left, limit_hours = candidate.left, candidate.limit_hours
        known = [
            (skill.name or skill.slug, level)
            for skill, level in sorted(
                mentor.details.levels, key=lambda row: (row[0].position, row[0].slug)
            )
            if skill.pk in skill_ids
        ]
        reasons = []
        if query.requested_mentor_id == mentor.pk:
            reasons.append(_("You asked for this mentor"))
        reasons.append(_skill_reason(known))
        reasons.append(_("Works in %(language)s") % {"language": language_label(query.language)})
        if query.mode == Mode.ON_SITE:
            reasons.append(
                _("Comes on site in %(municipality)s") % {"municipality": query.municipality_name}
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
            Match(
                mentor=mentor,
                score=round(candidate.score, 1),
                reasons=reasons,
                slots=mentor_slots,
            )
        )
    return matches
