"""The API's door: bearer tokens, who is asking, and the pieces every router of the API shares.

Tokens are issued by `POST /auth/token` for an e-mail and password, checked through
django.contrib.auth so that django-axes counts failures and locks out guessers, and stored
only as their SHA-256. Every other endpoint wants `Authorization: Bearer <token>`.
"""

import datetime as dt
from typing import Annotated, Literal

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer
from pydantic import AfterValidator, AwareDatetime

from lainaamo.core.bounds import Text
from lainaamo.core.errors import DomainError
from lainaamo.core.timeutil import HELSINKI

from .models import ApiToken, Language, Person
from .permissions import coordinated_municipality_ids
from .services import issue_api_token

# A token's last use is written at most this often, so that reading the API never queues
# behind the booking writes for SQLite's one write lock.
LAST_USED_PRECISION = dt.timedelta(minutes=5)

LanguageCode = Literal["fi", "sv", "en"]

# Every instant the API sends is shown in Helsinki time with its offset, e.g.
# 2026-12-01T09:00:00+02:00; what it receives must carry an offset (AwareDatetime).
LocalDateTime = Annotated[
    AwareDatetime, AfterValidator(lambda moment: moment.astimezone(HELSINKI))
]


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    message = _("The e-mail address or the password is wrong.")
    status = 401


class LockedOut(DomainError):
    code = "locked_out"
    message = _("Too many failed sign-in attempts. Please try again later.")
    status = 429


class Unauthorized(DomainError):
    code = "unauthorized"
    message = _("Sign in first: send the header Authorization: Bearer <token>.")
    status = 401


class TokenExpired(Unauthorized):
    code = "token_expired"
    message = _("This token has expired. Ask for a new one with POST /api/v1/auth/token.")


class FieldError(Schema):
    field: str = Field(description="Where the problem is, e.g. `windows.0.start`.")
    code: str = Field(description="The kind of problem, e.g. `missing`, `timezone_aware`.")
    message: str = Field(description="The problem in the request's language.")


class ErrorOut(Schema):
    """Every error the API answers: a stable code for machines and a message for people."""

    code: str = Field(description="Stable machine-readable code, e.g. `slot_taken`.")
    message: str = Field(description="What went wrong, in the language of Accept-Language.")
    errors: list[FieldError] | None = Field(
        default=None,
        description=(
            "For code `invalid`: every field that failed, in order; for a rule of the domain "
            "about one field, that field."
        ),
    )


ERROR_DESCRIPTIONS = {
    400: "Bad input (code `invalid` or a rule of the domain, e.g. `start_in_past`).",
    401: "No valid bearer token (code `unauthorized`; `token_expired` for one past its expiry),"
    " or wrong credentials.",
    403: "The object is visible to you but the action is not yours (code `forbidden`).",
    404: "No such object, or you may not see it (code `not_found`).",
    409: "Conflicts with the current state (`slot_taken`, `invalid_transition`,"
    " `too_many_tokens`).",
    429: "Too many failed sign-in attempts (code `locked_out`).",
}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for the error statuses an operation can answer."""
    return dict.fromkeys(statuses, ErrorOut)


def active_language() -> str:
    code = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in Language.values else settings.LANGUAGE_CODE


def translated(
    instance: object, field: str, language: str | None = None
) -> tuple[str, str | None]:
    """A modeltranslation field in the language, and that language; ("", None) when missing.

    A missing translation is reported as missing (DESIGN: never silently Finnish).
    """
    language = language or active_language()
    text = getattr(instance, f"{field}_{language}", "") or ""
    return text, (language if text else None)


def person_of(request: HttpRequest) -> Person:
    """The person whose token authenticated the request."""
    return request.auth  # type: ignore[attr-defined]


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: one indexed lookup of the token's SHA-256."""

    def authenticate(self, request: HttpRequest, token: str) -> Person | None:
        token = token.strip()
        if not token:
            return None
        current = timezone.now()
        api_token = (
            ApiToken.objects.select_related("person")
            .filter(key_hash=ApiToken.hash_key(token), person__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        person = api_token.person
        # Names and messages follow Accept-Language; a client that sends none gets its
        # owner's chosen language rather than the site default (also for "expired").
        if "HTTP_ACCEPT_LANGUAGE" not in request.META and (
            settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            translation.activate(person.language)
            request.LANGUAGE_CODE = person.language
        if api_token.has_expired(current):
            raise TokenExpired()
        if api_token.last_used_at is None or (
            api_token.last_used_at < current - LAST_USED_PRECISION
        ):
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=current)
        person.api_token = api_token
        request.user = person
        return person


class TokenIn(Schema):
    username: Text = Field(min_length=1, max_length=254, description="The e-mail address.")
    password: Text = Field(min_length=1, max_length=4096)
    name: Text = Field(
        default="",
        max_length=100,
        description="What the token is for, e.g. `Outlook add-in`; shown on your profile page.",
    )


class TokenOut(Schema):
    token: str = Field(description="Send it as `Authorization: Bearer <token>`.")
    token_type: Literal["bearer"] = "bearer"
    expires_at: LocalDateTime = Field(description="When the token stops working.")


class UnitOut(Schema):
    id: int
    name: str
    sector: str = Field(description="library, culture, museum, youth, education, sports, ...")
    municipality: int = Field(description="The municipality's id.")
    municipality_name: str


class MeOut(Schema):
    id: int
    name: str
    email: str
    language: LanguageCode
    home_unit: UnitOut | None
    mentor: int | None = Field(description="Your mentor profile's id, if you are a mentor.")
    coordinates: list[int] = Field(description="Ids of the municipalities you coordinate.")


def unit_out(unit) -> dict | None:
    if unit is None:
        return None
    return {
        "id": unit.pk,
        "name": unit.name,
        "sector": unit.sector,
        "municipality": unit.municipality_id,
        "municipality_name": unit.municipality.name,
    }


router = Router(tags=["auth"])


class DatabaseUnavailable(DomainError):
    code = "database_unavailable"
    message = _("The database cannot be reached.")
    status = 503


class HealthOut(Schema):
    status: Literal["ok"] = "ok"


@router.get(
    "/health", auth=None, response={200: HealthOut, **errors(503)}, summary="Is the server up?"
)
def health(request: HttpRequest):
    """For load balancers and uptime checks: the server answers and reaches its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        raise DatabaseUnavailable() from error
    return {"status": "ok"}


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, **errors(400, 401, 409, 429)},
    summary="Get a bearer token for an e-mail address and password",
)
def create_token(request: HttpRequest, payload: TokenIn):
    """Failed attempts count per account and address; five lock the account out for a while.

    A token works for API_TOKEN_LIFETIME_DAYS (90 unless configured), until it is revoked, or
    until its owner's password changes. One person holds at most 10 at a time (409
    `too_many_tokens`); they see and revoke them on their profile page.
    """
    username = payload.username.strip().lower()
    person = authenticate(request=request, username=username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answer the lock-out here, in the API's own shape; left set, the flag would make
        # AxesMiddleware swap this response for the HTML lock-out page.
        request.axes_locked_out = False
        raise LockedOut()
    if person is None:
        raise InvalidCredentials()
    token, key = issue_api_token(person=person, name=payload.name)
    return {"token": key, "token_type": "bearer", "expires_at": token.expires_at}


@router.delete(
    "/auth/token",
    response={204: None, **errors(401)},
    summary="Revoke the token this request was made with",
)
def revoke_token(request: HttpRequest):
    person_of(request).api_token.delete()
    return Status(204, None)


@router.get("/me", response={200: MeOut, **errors(401)}, summary="Who the token belongs to")
def me(request: HttpRequest):
    person = person_of(request)
    unit = person.home_unit
    mentor = getattr(person, "mentor_profile", None)
    return {
        "id": person.pk,
        "name": person.name,
        "email": person.email,
        "language": person.language,
        "home_unit": unit_out(unit),
        "mentor": mentor.pk if mentor else None,
        "coordinates": sorted(coordinated_municipality_ids(person)),
    }


def lockout_retry_after(request: HttpRequest) -> int | None:
    """Seconds until a locked-out client may try again, for the Retry-After header."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds()) if cool_off else None


def add_retry_after(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    seconds = lockout_retry_after(request)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response


# Why a value was refused, by pydantic's error type, in words for people in fi/sv/en.
PROBLEMS = {
    "missing": _("This field is required."),
    "timezone_aware": _(
        "Give the time with its offset from UTC, for example 2026-12-01T09:00:00+02:00."
    ),
    "datetime_parsing": _(
        "Give a date and time in ISO 8601 with an offset, for example 2026-12-01T09:00:00+02:00."
    ),
    "datetime_from_date_parsing": _(
        "Give a date and time in ISO 8601 with an offset, for example 2026-12-01T09:00:00+02:00."
    ),
    "datetime_type": _(
        "Give a date and time in ISO 8601 with an offset, for example 2026-12-01T09:00:00+02:00."
    ),
    "int_parsing": _("Give a whole number."),
    "int_parsing_size": _("Give a whole number."),
    "int_type": _("Give a whole number."),
    "int_from_float": _("Give a whole number."),
    "float_parsing": _("Give a number."),
    "float_type": _("Give a number."),
    "decimal_parsing": _("Give a number."),
    "decimal_type": _("Give a number."),
    "finite_number": _("Give a number."),
    "bool_parsing": _("Give true or false."),
    "bool_type": _("Give true or false."),
    "string_type": _("Give text."),
    "list_type": _("Give a list."),
    "model_type": _("Give an object."),
    "model_attributes_type": _("Give an object."),
    "dict_type": _("Give an object."),
    "json_invalid": _("The request body is not valid JSON."),
    "string_pattern_mismatch": _("This value is not in the expected form."),
    "extra_forbidden": _("This field is not known."),
    "null_character": _("Remove the NUL character: text cannot contain one."),
}
# ... and where the words name a bound, the bounds they name, from the error's context.
BOUNDED_PROBLEMS = {
    "literal_error": (_("Choose one of: %(expected)s."), ("expected",)),
    "enum": (_("Choose one of: %(expected)s."), ("expected",)),
    "string_too_short": (_("Give at least %(min_length)s characters."), ("min_length",)),
    "string_too_long": (_("Give at most %(max_length)s characters."), ("max_length",)),
    "too_short": (_("Give at least %(min_length)s items."), ("min_length",)),
    "too_long": (_("Give at most %(max_length)s items."), ("max_length",)),
    "greater_than_equal": (_("Give a value of at least %(ge)s."), ("ge",)),
    "greater_than": (_("Give a value greater than %(gt)s."), ("gt",)),
    "less_than_equal": (_("Give a value of at most %(le)s."), ("le",)),
    "less_than": (_("Give a value less than %(lt)s."), ("lt",)),
    "decimal_max_places": (
        _("Give at most %(decimal_places)s decimals."),
        ("decimal_places",),
    ),
    "datetime_range": (_("Give a time in the years %(first)s to %(last)s."), ("first", "last")),
}
PARAMETER_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
# Body and query schemas are declared as parameters of these names; they are no part of a
# field's path as the client knows it.
WRAPPER_NAMES = {"payload", "filters"}


def describe_problem(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "string_too_short" and (error.get("ctx") or {}).get("min_length") == 1:
        return str(_("This field cannot be empty."))
    if kind in PROBLEMS:
        return str(PROBLEMS[kind])
    if kind in BOUNDED_PROBLEMS:
        text, keys = BOUNDED_PROBLEMS[kind]
        context = error.get("ctx") or {}
        if all(context.get(key) is not None for key in keys):
            return str(text) % {key: context[key] for key in keys}
    return str(_("This value is not valid."))


def field_path(location: tuple | list) -> str:
    """`("body", "payload", "windows", 0, "start")` -> `windows.0.start`."""
    parts = list(location)
    if parts and parts[0] in PARAMETER_SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in WRAPPER_NAMES:
        parts = parts[1:]
    return ".".join(str(part) for part in parts)


def describe_errors(raw_errors: list[dict]) -> list[dict]:
    """Pydantic's validation errors as `{"field", "code", "message"}`, messages translated."""
    problems = []
    for error in raw_errors:
        if "loc" not in error:
            problems.append({"field": "", "code": "invalid", "message": describe_problem({})})
            continue
        problems.append(
            {
                "field": field_path(error["loc"]),
                "code": str(error.get("type", "invalid")),
                "message": describe_problem(error),
            }
        )
    return problems
