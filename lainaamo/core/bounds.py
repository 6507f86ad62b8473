"""The bounds every input is held to, in one place: ids, instants and dates, text, and how far
ahead and how long a time may reach.

Pages and the API share them: the API through the pydantic types below (which its OpenAPI
document states), the pages through the form fields and the path converter. A value outside
them is bad input (400 with a translated message), never an overflow deep inside.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, AwareDatetime, Field, StringConstraints
from pydantic_core import PydanticCustomError

# Ids are 64-bit on both databases (BigAutoField); a larger number names nothing.
MAX_ID = 2**63 - 1

# Instants and dates people send lie in these years. Far enough from the ends of Python's
# calendar (years 1 and 9999) that moving to UTC or adding a year never overflows.
FIRST_YEAR = 2000
LAST_YEAR = 2099

# How far ahead a time may be asked for, and how long one time window or one search for free
# slots may be: the work of a request grows with both.
MAX_AHEAD = dt.timedelta(days=365)
MAX_SPAN = dt.timedelta(days=31)

# What one request may make the server compute: mentor-days searched for free slots.
MAX_MENTOR_DAYS = 20_000

# Text: no NUL character (PostgreSQL cannot store one), and, where required, not blank.
NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^\s*[^\s\x00][^\x00]*$"
SLUG = r"^[-a-zA-Z0-9_]+$"

HOURS_PATTERN = r"^(?!0*(\.([01][0-9]?|2[0-4]?)?)?$)(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)$"


def year_in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def id_or_none(text: object) -> int | None:
    """An id written in ASCII digits within the id range, or None.

    `str.isdigit` says yes to "²" and int() reads Arabic-Indic digits: neither is an id.
    """
    text = str(text or "")
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


# --- the API's input types (pydantic) ------------------------------------------------------


def _instant_in_range(moment: dt.datetime) -> dt.datetime:
    # The year as written: checked before any arithmetic, which could overflow near year 1.
    if not year_in_range(moment.year):
        raise PydanticCustomError(
            "datetime_range",
            "Give a time in the years {first} to {last}.",
            {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return moment


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise PydanticCustomError("null_character", "Text cannot hold the character NUL.")
    return text


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Offset = Annotated[int, Field(ge=0, le=MAX_ID)]

Instant = Annotated[
    AwareDatetime,
    AfterValidator(_instant_in_range),
    Field(description=f"ISO 8601 with an offset, in the years {FIRST_YEAR} to {LAST_YEAR}."),
]

Slug = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=SLUG)]


# Text without NUL; give its `max_length` with the field. RequiredText is documented as not
# blank, and the service that reads it refuses a blank one with its own code (e.g.
# `reason_required`): the rule is checked once, where it belongs.
Text = Annotated[str, Field(json_schema_extra={"pattern": NO_NUL}), AfterValidator(_no_nul)]
RequiredText = Annotated[
    str,
    Field(json_schema_extra={"minLength": 1, "pattern": NOT_BLANK}),
    AfterValidator(_no_nul),
]

# Hours logged: from 0.25 to 100, at most two decimals. As documented here; the service
# (complete_loan) refuses any other with its code `invalid_hours`.
Hours = Annotated[
    Decimal,
    Field(
        json_schema_extra={
            "anyOf": [
                {"type": "number", "minimum": 0.25, "maximum": 100, "multipleOf": 0.01},
                {"type": "string", "pattern": HOURS_PATTERN},
            ]
        },
    ),
]


# --- the pages' input (forms and paths) ----------------------------------------------------


class BoundedDateField(forms.DateField):
    """A date in the years people may send (see FIRST_YEAR, LAST_YEAR)."""

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not year_in_range(day.year):
            raise ValidationError(
                _("Give a date in the years %(first)s to %(last)s."),
                code="date_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return day


class ModelIdChoiceField(forms.ModelChoiceField):
    """A choice of a row by its id: a value that is no id ("²", 2^64) is an invalid choice
    before the database is asked."""

    def to_python(self, value):
        if (
            value not in self.empty_values
            and not isinstance(value, self.queryset.model)
            and self.to_field_name is None
            and id_or_none(value) is None
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rows chosen by their ids; a value that is no id is refused before the database is asked
    (SQLite cannot compare an integer past 64 bits in a list)."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                if id_or_none(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


class IdConverter:
    """`<id:pk>` in a path: ASCII digits naming a 64-bit id; anything larger matches nothing."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def searchable(
    windows: list[tuple[dt.datetime, dt.datetime]], current: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The part of each window that may still be searched: from now to MAX_AHEAD, at most
    MAX_SPAN long. Nothing is left when every window has passed.

    Requests are held to these bounds when made; a window stored before they were, or one
    that has passed since, costs no search and breaks no page.
    """
    horizon = current + MAX_AHEAD
    parts = []
    for start, end in windows:
        start, end = max(start, current), min(end, horizon)
        if start < end:
            parts.append((start, min(end, start + MAX_SPAN)))
    return parts
