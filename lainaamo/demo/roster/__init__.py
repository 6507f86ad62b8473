"""Who is in the demo: thirty mentors from two cohorts, staff who borrow them, and leads.

Everyone here is fictional. Each mentor lends from a home unit in one sector; their weekly
windows are Helsinki wall-clock hours. The three printed logins are a coordinator, a mentor
who works in Swedish, and a staff member who borrows.
"""

from .autumn import AUTUMN_MENTORS
from .specs import (
    BORROWER,
    BORROWERS,
    COORDINATOR,
    DEMO_LOGINS,
    EMAIL_DOMAIN,
    LEADS,
    MENTOR,
    SHARED_PASSWORD,
    DemoLogin,
    MentorSpec,
)
from .spring import SPRING_MENTORS

MENTORS = [*AUTUMN_MENTORS, *SPRING_MENTORS]

__all__ = [
    "BORROWER",
    "BORROWERS",
    "COORDINATOR",
    "DEMO_LOGINS",
    "EMAIL_DOMAIN",
    "LEADS",
    "MENTOR",
    "MENTORS",
    "SHARED_PASSWORD",
    "DemoLogin",
    "MentorSpec",
]
