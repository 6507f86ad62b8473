"""Skills, mentor profiles, cohorts, and loans of a mentor with their sessions.

profiles.py holds skills, cohorts and mentor profiles; loans.py the loans and their sessions,
windows, declines and history. Every model is imported here, where Django and the rest of the
code find them: `from lainaamo.mentors.models import Loan`.
"""

from .loans import (
    OPEN_STATUSES,
    Decline,
    Loan,
    LoanEvent,
    LoanEventKind,
    LoanQuerySet,
    LoanSession,
    LoanStatus,
    LoanWindow,
)
from .loans import _now as _now  # migration 0004 names LoanEvent.at's default by this path
from .profiles import (
    Cohort,
    Level,
    MentorDetails,
    MentorLanguage,
    MentorProfile,
    MentorQuerySet,
    MentorSkill,
    Mode,
    Skill,
    SkillQuerySet,
    on_break,
    with_details,
)

__all__ = [
    "OPEN_STATUSES",
    "Cohort",
    "Decline",
    "Level",
    "Loan",
    "LoanEvent",
    "LoanEventKind",
    "LoanQuerySet",
    "LoanSession",
    "LoanStatus",
    "LoanWindow",
    "MentorDetails",
    "MentorLanguage",
    "MentorProfile",
    "MentorQuerySet",
    "MentorSkill",
    "Mode",
    "Skill",
    "SkillQuerySet",
    "on_break",
    "with_details",
]
