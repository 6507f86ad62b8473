"""The JSON API under /api/v1/: one NinjaAPI, one router per app, one shape for every error."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError

from lainaamo.core.bounds import FIRST_YEAR, LAST_YEAR, MAX_AHEAD, MAX_SPAN
from lainaamo.core.errors import DomainError, NotFound, PermissionDenied
from lainaamo.core.middleware import OUT_OF_RANGE, too_large_message
from lainaamo.directory.api import (
    ERROR_DESCRIPTIONS,
    ApiTokenAuth,
    LockedOut,
    Unauthorized,
    add_retry_after,
    describe_errors,
)
from lainaamo.directory.api import router as directory_router
from lainaamo.mentors.api import router as mentors_router

logger = logging.getLogger("django.request")

DESCRIPTION = """
The JSON API of Lainaamo: skills, mentors, and loans of a mentor from request to completion.
It calls the same services as the web pages, so every rule of the domain holds here too.

**Authentication.** `POST /api/v1/auth/token` with `{"username": <e-mail>, "password"}` gives
`{"token"}`. Send it on every other request as `Authorization: Bearer <token>`. Only a hash
of the token is stored; `DELETE /api/v1/auth/token` revokes it. A token works for 90 days
unless the service sets another lifetime (`expires_at` in the answer; afterwards 401
`token_expired`), until it is revoked on its owner's profile page, or until its owner's password
changes. One person holds at most 10 tokens (409 `too_many_tokens`). Five failed sign-ins for
one account from one address lock it out for a while, as do failures for many accounts from one
address (429, code `locked_out`). Token requests need no CSRF token.

**Errors** are always JSON `{"code", "message"}`: `code` is stable for programs, `message` is
for people, in the language of `Accept-Language`. Bad input is **400** with code `invalid`, a
message that names the field, and `errors`: one `{"field", "code", "message"}` per problem
(400, not 422, so that every refused request reads the same way). Rules of the domain answer
400 (e.g. `start_in_past`, `reason_required`; with `errors` too when the rule is about one
field), 403 `forbidden` (you see the loan but the step
is not yours), 404 `not_found` (no such object, or not yours to see) and 409 (`slot_taken`:
someone else just booked the time; `invalid_transition`: not possible in the loan's state).
401 `unauthorized` means a missing, revoked or unknown token; `token_expired` an expired one.
A request body over 2.5 MB is
refused with **413** (code `too_large`).
"""
DESCRIPTION += f"""
**Bounds.** Ids are whole numbers from 1 to 2^63-1. Text holds no NUL character, in a body or
in the query. Instants lie in the years {FIRST_YEAR} to {LAST_YEAR}; a time window, a session and
a search for free slots reach at most {MAX_AHEAD.days} days ahead, and a window or a search
spans at most {MAX_SPAN.days} days. Beyond them a request is refused with 400, and nothing is
changed.
"""
DESCRIPTION += """
**Time.** Every instant is ISO 8601 with its offset, sent in Europe/Helsinki time, e.g.
`2026-12-01T09:00:00+02:00`. Instants you send must carry an offset (`+02:00`, `+03:00`, `Z`);
a time without one is refused with 400 (code `invalid`, field code `timezone_aware`), since a
wall-clock time alone is ambiguous around the daylight-saving changes.

**Languages.** `Accept-Language` (fi, sv, en) chooses the language of messages and names;
without it, the token owner's chosen language is used. Translated names come with
`name_language`: the language the name is in, or `null` when it has no translation in the
language asked for; then `name` is the identifier (slug), never another language in disguise.
"""


class LainaamoApi(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, *args, **kwargs):
        """The document, with each error status described by what it means in this API."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if int(status) in ERROR_DESCRIPTIONS:
                        response["description"] = ERROR_DESCRIPTIONS[int(status)]
        return schema


# No interactive docs page (docs_url=None): ninja is not an installed app here, so its Swagger
# page would load Swagger UI from a CDN, which the site's CSP (script-src 'self') blocks. The
# document itself is served at openapi.json.
api = LainaamoApi(
    title="Lainaamo API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=ApiTokenAuth(),
    docs_url=None,
)
api.add_router("", directory_router)
api.add_router("", mentors_router)

# Last: any other path under /api/v1/ answers in the API's own shape, not the site's HTML 404.
fallback_router = Router()


@fallback_router.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False
)
def unknown_path(request: HttpRequest, rest: str):
    raise NotFound()


api.add_router("", fallback_router)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, **extra: object
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    extra = {}
    if error.field:
        # A rule about one input names it, as the field errors of bad input do.
        extra["errors"] = [{"field": error.field, "code": error.code, "message": str(error)}]
    response = error_response(request, error.status, error.code, str(error), **extra)
    if isinstance(error, Unauthorized):
        response["WWW-Authenticate"] = "Bearer"
    if isinstance(error, LockedOut):
        add_retry_after(request, response)
    return response


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return domain_error(request, Unauthorized())


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return domain_error(request, NotFound())


@api.exception_handler(DjangoPermissionDenied)
def forbidden(request: HttpRequest, error: DjangoPermissionDenied) -> HttpResponse:
    return domain_error(request, PermissionDenied())


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if error.status_code == 400:
        # Ninja's only 400 of its own: a body it could not parse.
        message = _("The request body could not be read. Send JSON as application/json.")
        return error_response(request, 400, "invalid", message)
    code = {401: "unauthorized", 403: "forbidden", 404: "not_found"}.get(
        error.status_code, "error"
    )
    return error_response(request, error.status_code, code, str(error))


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    problems = describe_errors(error.errors)
    first = problems[0] if problems else {"field": "", "message": _("The request is not valid.")}
    if first["field"]:
        message = _("Check %(field)s: %(problem)s") % {
            "field": first["field"],
            "problem": first["message"],
        }
    else:
        message = first["message"]
    return error_response(request, 400, "invalid", message, errors=problems)


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    return error_response(request, 413, "too_large", too_large_message())


# The one place where a value that overflows, or that the database refuses, becomes 400: the
# bounded input types keep such values out, and this keeps any that slip past from being a 500.
@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.warning("Refused as out of range: %s", request.path, exc_info=error)
    return error_response(request, 400, "invalid", str(OUT_OF_RANGE))


@api.exception_handler(Exception)
def server_error(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=error,
        extra={"status_code": 500, "request": request},
    )
    return error_response(
        request, 500, "server_error", _("Something went wrong on our side. Please try again.")
    )
