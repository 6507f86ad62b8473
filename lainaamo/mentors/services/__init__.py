"""Every write that matters for mentors and loans: the loan's life from request to completion.

A loan moves requested -> booked (a session is booked with a mentor) -> accepted (the mentor
said yes) -> completed (the mentor logged hours and outcome; the borrower then confirms).
A decline sends it back to requested; either side may cancel an unfinished loan with a reason.
Any other step raises InvalidTransition.
"""

from .answers import (
    accept_loan,
    accepted_before,
    answers_new_time,
    cancel_loan,
    decline_loan,
)
from .booking import (
    book_session,
    reschedule_session,
)
from .completion import (
    complete_loan,
    confirm_completion,
)
from .errors import (
    LEAST_HOURS,
    MOST_HOURS,
    InvalidHours,
    InvalidRequest,
    MentorUnavailable,
    NoHomeUnit,
    NothingHappenedYet,
    ReasonRequired,
    SessionsAhead,
)
from .profiles import (
    save_mentor_skills,
    update_mentor_profile,
)
from .requests import (
    MAX_WINDOWS,
    LoanDraft,
    draft_loan,
    request_loan,
)
from .rules import (
    TRAVEL_BUFFER,
    booked_hours_by_month,
    buffers_for,
    has_hours_left,
    why_ineligible,
)

__all__ = [
    "InvalidHours",
    "InvalidRequest",
    "LEAST_HOURS",
    "LoanDraft",
    "MAX_WINDOWS",
    "MOST_HOURS",
    "MentorUnavailable",
    "NoHomeUnit",
    "NothingHappenedYet",
    "ReasonRequired",
    "SessionsAhead",
    "TRAVEL_BUFFER",
    "accept_loan",
    "accepted_before",
    "answers_new_time",
    "book_session",
    "booked_hours_by_month",
    "buffers_for",
    "cancel_loan",
    "complete_loan",
    "confirm_completion",
    "decline_loan",
    "draft_loan",
    "has_hours_left",
    "request_loan",
    "reschedule_session",
    "save_mentor_skills",
    "update_mentor_profile",
    "why_ineligible",
]
