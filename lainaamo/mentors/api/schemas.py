"""The shapes of the mentors API: what it reads and what it answers."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from lainaamo.core.bounds import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_AHEAD,
    MAX_SPAN,
    Hours,
    Id,
    Instant,
    Offset,
    RequiredText,
    Slug,
    Text,
)
from lainaamo.directory.api import LanguageCode, LocalDateTime, UnitOut

ModeCode = Literal["on_site", "remote"]
LoanStatusCode = Literal["requested", "booked", "accepted", "completed", "cancelled"]
SessionStatusCode = Literal["tentative", "confirmed", "cancelled"]
AHEAD = f"In the years {FIRST_YEAR} to {LAST_YEAR}, and at most {MAX_AHEAD.days} days ahead."
SectorCode = Literal[
    "library", "culture", "museum", "youth", "education", "sports", "communications", "other"
]


class SkillOut(Schema):
    slug: str
    name: str = Field(description="In the language asked for; the slug when not translated.")
    name_language: LanguageCode | None = Field(
        description="The language of `name`; null when it has no translation in that language."
    )
    description: str


class MentorSkillOut(Schema):
    slug: str
    level: int = Field(ge=1, le=3, description="1 basics, 2 good, 3 expert.")
    name: str
    name_language: LanguageCode | None


class MunicipalityOut(Schema):
    id: int
    name: str


class MentorOut(Schema):
    id: int = Field(description="The mentor profile's id.")
    name: str
    skills: list[MentorSkillOut]
    languages: list[LanguageCode]
    sector: SectorCode = Field(description="The sector of the mentor's home unit.")
    unit: UnitOut | None = Field(description="The mentor's home unit.")
    modes: list[ModeCode]
    municipalities: list[MunicipalityOut] = Field(description="Where the mentor comes on site.")
    bio: str
    bio_language: LanguageCode | None
    monthly_hours: float = Field(description="Hours a month the mentor may lend.")
    paused: bool = Field(description="On a break (see `returns_on`); not offered in matches.")
    returns_on: dt.date | None


class PersonRef(Schema):
    id: int
    name: str


class MentorRef(Schema):
    id: int = Field(description="The mentor profile's id.")
    name: str


class SlotOut(Schema):
    start: LocalDateTime
    end: LocalDateTime


class SessionOut(Schema):
    id: int
    loan: int
    mentor: MentorRef | None
    start: LocalDateTime
    end: LocalDateTime
    status: SessionStatusCode
    sequence: int = Field(description="Raised on every change, as in the invitations.")


class LoanOut(Schema):
    id: int
    status: LoanStatusCode
    status_label: str = Field(description="The status in words, in the language asked for.")
    borrower: PersonRef
    mentor: MentorRef | None = Field(description="The mentor booked; null until a session is.")
    requested_mentor: MentorRef | None = Field(description="The mentor the borrower asked for.")
    municipality: MunicipalityOut
    skills: list[SkillOut]
    need: str
    language: LanguageCode
    mode: ModeCode
    place: str
    video_link: str
    duration_minutes: int
    group_size: int
    windows: list[SlotOut]
    sessions: list[SessionOut]
    hours: float | None
    outcome: str
    borrower_confirmed_at: LocalDateTime | None
    cancel_reason: str
    created_at: LocalDateTime
    updated_at: LocalDateTime


class MatchOut(Schema):
    mentor: MentorOut
    score: float
    reasons: list[str] = Field(description="Why this mentor, in the language asked for.")
    slots: list[SlotOut] = Field(description="The mentor's first free slots in the windows.")


class WindowIn(Schema):
    start: Instant = Field(description=AHEAD)
    end: Instant = Field(description=f"After `start`, at most {MAX_SPAN.days} days after it.")


# The rules of a request (at least one skill, the bounds of the duration and the group, one to
# 20 windows in the future, a place for on-site help) are the service's: its error names the
# field. The descriptions say them; the schema checks the shape.
class LoanIn(Schema):
    skills: list[Slug] = Field(min_length=1, max_length=20, description="Skill slugs.")
    need: RequiredText = Field(max_length=5000, description="The need in the borrower's words.")
    language: LanguageCode
    mode: ModeCode
    duration_minutes: int = Field(description="Length of one session: 15 to 480 minutes.")
    windows: list[WindowIn] = Field(
        description="Preferred time windows for the sessions: 1 to 20, ending in the future."
    )
    mentor: Id | None = Field(default=None, description="A mentor asked for by id (optional).")
    place: Text = Field(default="", max_length=300, description="Required for on-site help.")
    video_link: str = Field(default="", max_length=200, pattern=r"^(https?://[^\s\x00]+)?$")
    group_size: int = Field(default=1, ge=1, le=500)


class SessionIn(Schema):
    mentor: Id = Field(description="The mentor profile's id.")
    start: Instant = Field(description=AHEAD)


class RescheduleIn(Schema):
    start: Instant = Field(description=AHEAD)


class ReasonIn(Schema):
    reason: RequiredText = Field(max_length=2000)


class CompleteIn(Schema):
    hours: Hours = Field(
        description="Hours spent in all, more than 0 and at most 100, with at most 2 decimals."
    )
    outcome: RequiredText = Field(max_length=5000)


class Page(Schema):
    limit: int = Field(default=100, ge=1, le=500, description="Rows per page.")
    offset: Offset = Field(default=0, description="Rows to skip.")


class MentorFilters(Page):
    skill: Slug | None = Field(default=None, description="A skill slug the mentor has.")
    language: LanguageCode | None = Field(
        default=None, description="A language the mentor works in."
    )
    mode: ModeCode | None = None
    municipality: Id | None = Field(
        default=None, description="Id of a municipality the mentor comes on site to."
    )
    sector: SectorCode | None = Field(default=None, description="The sector of the mentor's unit.")
    include_paused: bool = Field(
        default=False,
        description="Coordinators only: include mentors on a break (ignored for others).",
    )


class SlotQuery(Schema):
    start: Instant = Field(description=AHEAD)
    end: Instant = Field(description=f"After `start`, at most {MAX_SPAN.days} days after it.")
    duration: int = Field(default=60, ge=15, le=480, description="Slot length in minutes.")
    mode: ModeCode = Field(
        default="remote", description="on_site keeps 15 minutes of travel free on each side."
    )


class LoanFilters(Page):
    status: LoanStatusCode | None = None
    role: Literal["borrower", "mentor", "coordinator"] | None = Field(
        default=None, description="Only the loans you are in as this."
    )


class MatchQuery(Schema):
    limit: int = Field(default=10, ge=1, le=50)
