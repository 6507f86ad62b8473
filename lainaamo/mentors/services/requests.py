"""A staff member's request for a mentor: checked as a draft, then saved."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lainaamo.core.bounds import MAX_AHEAD, MAX_SPAN
from lainaamo.core.timeutil import local, now
from lainaamo.directory.models import Language, Person

from ..models import (
    Loan,
    LoanEventKind,
    LoanWindow,
    MentorProfile,
    Mode,
    Skill,
    on_break,
)
from .errors import InvalidRequest, NoHomeUnit
from .steps import _record

MAX_WINDOWS = 20


def _clean_windows(windows: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple]:
    if not windows:
        raise InvalidRequest(_("Give at least one time window."), field="windows")
    if len(windows) > MAX_WINDOWS:
        raise InvalidRequest(_("Give at most 20 time windows."), field="windows")
    current = now()
    for start, end in windows:
        if end <= start:
            raise InvalidRequest(_("Each time window must end after it starts."), field="windows")
        if end <= current:
            raise InvalidRequest(_("The time windows must be in the future."), field="windows")
        # Matching searches every window for every candidate: its work grows with both.
        if end - start > MAX_SPAN:
            raise InvalidRequest(
                _("A time window can be at most %(days)s days long."),
                days=MAX_SPAN.days,
                field="windows",
            )
        if end > current + MAX_AHEAD:
            raise InvalidRequest(
                _("The time windows can reach at most %(days)s days ahead."),
                days=MAX_AHEAD.days,
                field="windows",
            )
    return sorted(windows)


@dataclass(frozen=True)
class LoanDraft:
    """A request that keeps every rule, not saved: the loan, its skills and its windows."""

    loan: Loan
    skills: list[Skill]
    windows: list[tuple[dt.datetime, dt.datetime]]


def draft_loan(
    *,
    borrower: Person,
    skills: list[Skill],
    need: str,
    language: str,
    mode: str,
    duration_minutes: int,
    windows: list[tuple[dt.datetime, dt.datetime]],
    place: str = "",
    video_link: str = "",
    group_size: int = 1,
    mentor: MentorProfile | None = None,
) -> LoanDraft:
    """Check a staff member's request for a mentor against the rules, without saving it."""
    if borrower.home_unit_id is None:
        raise NoHomeUnit()
    if mentor is not None and (
        not mentor.person.is_active
        or on_break(mentor.paused, mentor.returns_on, local(now()).date())
    ):
        raise InvalidRequest(
            _("The mentor you asked for is not taking requests at the moment."), field="mentor"
        )
    need = need.strip()
    if not need:
        raise InvalidRequest(_("Describe what you need help with."), field="need")
    if not skills:
        raise InvalidRequest(_("Choose at least one skill."), field="skills")
    retired = [skill for skill in skills if skill.retired]
    if retired:
        raise InvalidRequest(
            _("The skill %(name)s is no longer offered.") % {"name": retired[0]}, field="skills"
        )
    if language not in Language.values:
        raise InvalidRequest(
            _("Choose the language: Finnish, Swedish or English."), field="language"
        )
    if mode not in Mode.values:
        raise InvalidRequest(_("Choose whether the help is on-site or remote."), field="mode")
    if mode == Mode.ON_SITE and not place.strip():
        raise InvalidRequest(_("Give the place for on-site help."), field="place")
    if not 15 <= duration_minutes <= 480:
        raise InvalidRequest(
            _("The duration must be between 15 minutes and 8 hours."), field="duration_minutes"
        )
    if not 1 <= group_size <= 500:
        raise InvalidRequest(_("The group size must be between 1 and 500."), field="group_size")
    # The windows last: while their shape is wrong, the request form asks for the other errors
    # by passing none.
    windows = _clean_windows(windows)
    unit = borrower.home_unit
    loan = Loan(
        borrower=borrower,
        borrower_unit=unit,
        borrower_sector=unit.sector,
        municipality_id=unit.municipality_id,
        need=need,
        language=language,
        mode=mode,
        place=place.strip() if mode == Mode.ON_SITE else "",
        video_link=video_link.strip(),
        duration_minutes=duration_minutes,
        group_size=group_size,
        requested_mentor=mentor,
    )
    return LoanDraft(loan=loan, skills=list(skills), windows=windows)


@transaction.atomic
def request_loan(
    *,
    borrower: Person,
    skills: list[Skill],
    need: str,
    language: str,
    mode: str,
    duration_minutes: int,
    windows: list[tuple[dt.datetime, dt.datetime]],
    place: str = "",
    video_link: str = "",
    group_size: int = 1,
    mentor: MentorProfile | None = None,
) -> Loan:
    """Record a staff member's request for a mentor."""
    draft = draft_loan(
        borrower=borrower,
        skills=skills,
        need=need,
        language=language,
        mode=mode,
        duration_minutes=duration_minutes,
        windows=windows,
        place=place,
        video_link=video_link,
        group_size=group_size,
        mentor=mentor,
    )
    loan = draft.loan
    loan.save()
    loan.skills.set(draft.skills)
    LoanWindow.objects.bulk_create(
        LoanWindow(loan=loan, start=start, end=end) for start, end in draft.windows
    )
    _record(loan, LoanEventKind.REQUESTED, borrower)
    return loan
