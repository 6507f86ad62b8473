"""The refusals of the mentors' services, each with a stable code."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from lainaamo.core.errors import DomainError


class InvalidRequest(DomainError):
    code = "invalid_request"


class NoHomeUnit(DomainError):
    code = "no_home_unit"
    message = _(
        "Your account has no home unit yet. Choose the unit you work in on your profile page "
        "first: the hours you borrow are counted for it."
    )


class MentorUnavailable(DomainError):
    code = "mentor_unavailable"
    message = _("This mentor cannot take this request.")


class ReasonRequired(DomainError):
    code = "reason_required"
    message = _("Please give a reason.")
    field = "reason"


class SessionsAhead(DomainError):
    code = "sessions_ahead"
    message = _("Some sessions are still to come. Complete the loan after the last session.")


class NothingHappenedYet(DomainError):
    code = "no_session_held"
    message = _("No session has taken place yet.")


class InvalidHours(DomainError):
    code = "invalid_hours"
    message = _("Give the hours as a number from %(least)s to %(most)s.")
    field = "hours"


# The hours a completed loan took: a quarter of an hour at least.
LEAST_HOURS = Decimal("0.25")
MOST_HOURS = Decimal(100)
