"""The API against its own OpenAPI document: the document is valid, and real requests and
responses of every endpoint, errors included, are what the document says they are."""

import datetime as dt

import pytest
from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.deserializing.media_types.util import plain_loads
from openapi_spec_validator import validate

from lainaamo.core.timeutil import now
from lainaamo.directory.tests.factories import PASSWORD, PersonFactory, api_client
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor, next_weekday
from lainaamo.scheduling.models import Booking

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


@pytest.fixture
def document() -> dict:
    response = Client().get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    return response.json()


class Checker:
    """Sends requests and validates each request and response against the document."""

    def __init__(self, document: dict) -> None:
        # openapi-core reads JSON by itself; the iCalendar download is text, read as such.
        config = Config(extra_media_type_deserializers={"text/calendar": plain_loads})
        self.openapi = OpenAPI.from_dict(document, config=config)
        self.seen: set[tuple[str, str, int]] = set()

    def check(self, response, *, status: int):
        assert response.status_code == status, response.content
        request = DjangoOpenAPIRequest(response.wsgi_request)
        if status < 400:
            self.openapi.validate_request(request)
        self.openapi.validate_response(request, DjangoOpenAPIResponse(response))
        self.seen.add((request.method, request.path_pattern, status))
        return response

    def get(self, client, path, params=None, *, status=200):
        return self.check(client.get(BASE + path, params or {}), status=status)

    def post(self, client, path, body=None, *, status=200):
        response = client.post(BASE + path, body or {}, content_type="application/json")
        return self.check(response, status=status)

    def delete(self, client, path, *, status=204):
        return self.check(client.delete(BASE + path), status=status)


@pytest.fixture
def checker(document) -> Checker:
    return Checker(document)


def test_document_is_a_valid_openapi_document(document):
    validate(document)

    assert document["openapi"].startswith("3.1")


def test_document_describes_errors_and_bearer_auth_on_every_operation(document):
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert any(code.startswith("2") for code in responses), (method, path)
            for code, response in responses.items():
                if code.startswith("4"):
                    assert response["content"]["application/json"]["schema"] == error
            public = (
                path == f"{BASE}/auth/token" and method == "post"
            ) or path == f"{BASE}/health"
            if not public:
                assert operation["security"] == [{"ApiTokenAuth": []}], (method, path)
                assert "401" in responses


def test_document_holds_the_contract_paths(document):
    paths = set(document["paths"])

    assert {
        f"{BASE}/auth/token",
        f"{BASE}/skills",
        f"{BASE}/mentors",
        f"{BASE}/mentors/{{id}}",
        f"{BASE}/mentors/{{id}}/free-slots",
        f"{BASE}/loans",
        f"{BASE}/loans/{{id}}",
        f"{BASE}/loans/{{id}}/matches",
        f"{BASE}/loans/{{id}}/sessions",
        f"{BASE}/loans/{{id}}/sessions/{{sid}}/reschedule",
        f"{BASE}/loans/{{id}}/accept",
        f"{BASE}/loans/{{id}}/decline",
        f"{BASE}/loans/{{id}}/complete",
        f"{BASE}/loans/{{id}}/confirm",
        f"{BASE}/loans/{{id}}/cancel",
        f"{BASE}/loans/{{id}}/invitation.ics",
    } <= paths


def test_every_operation_answers_as_documented(document, checker):
    skill = SkillFactory(slug="api-doc-skill")
    mentor = make_mentor(skills={skill: 3})
    other_mentor = make_mentor(skills={skill: 2})
    borrower = PersonFactory()
    stranger = api_client(PersonFactory())
    as_borrower = api_client(borrower, language="sv")
    as_mentor = api_client(mentor.person)
    window_start = now().replace(microsecond=0) + dt.timedelta(days=1)
    window = {
        "start": window_start.isoformat(),
        "end": (window_start + dt.timedelta(days=14)).isoformat(),
    }

    assert checker.get(Client(), "/health").json() == {"status": "ok"}
    token = checker.post(
        Client(), "/auth/token", {"username": borrower.email, "password": PASSWORD}
    ).json()["token"]
    checker.post(
        Client(), "/auth/token", {"username": borrower.email, "password": "wrong"}, status=401
    )
    checker.post(Client(), "/auth/token", {"username": borrower.email}, status=400)
    checker.get(Client(headers={"authorization": f"Bearer {token}"}), "/me")
    checker.delete(Client(headers={"authorization": f"Bearer {token}"}), "/auth/token")
    checker.get(Client(), "/me", status=401)

    checker.get(as_borrower, "/skills")
    checker.get(as_borrower, "/mentors", {"skill": skill.slug, "language": "fi"})
    checker.get(as_borrower, "/mentors", {"mode": "flying"}, status=400)
    checker.get(as_borrower, f"/mentors/{mentor.pk}")
    checker.get(as_borrower, "/mentors/999999", status=404)
    day = next_weekday(1, 0)
    checker.get(
        as_borrower,
        f"/mentors/{mentor.pk}/free-slots",
        {
            "start": day.isoformat(),
            "end": (day + dt.timedelta(days=2)).isoformat(),
            "duration": 60,
        },
    )
    checker.get(
        as_borrower,
        f"/mentors/{mentor.pk}/free-slots",
        {"start": day.isoformat(), "end": (day + dt.timedelta(days=40)).isoformat()},
        status=400,
    )

    body = {
        "skills": [skill.slug],
        "need": "Reels-videot kirjastolle",
        "language": "fi",
        "mode": "remote",
        "duration_minutes": 60,
        "windows": [window],
        "mentor": mentor.pk,
    }
    loan_id = checker.post(as_borrower, "/loans", body, status=201).json()["id"]
    checker.post(as_borrower, "/loans", {**body, "windows": []}, status=400)
    checker.get(as_borrower, "/loans", {"status": "requested"})
    checker.get(as_borrower, f"/loans/{loan_id}")
    checker.get(stranger, f"/loans/{loan_id}", status=404)
    matches = checker.get(as_borrower, f"/loans/{loan_id}/matches").json()
    assert matches[0]["mentor"]["id"] == mentor.pk

    start = next_weekday(1, 9)
    session_id = checker.post(
        as_borrower,
        f"/loans/{loan_id}/sessions",
        {"mentor": mentor.pk, "start": start.isoformat()},
        status=201,
    ).json()["id"]
    rival = make_loan(skills=[skill])
    book_session(loan=rival, mentor=mentor, start=next_weekday(2, 9), actor=rival.borrower)
    checker.post(
        as_borrower,
        f"/loans/{loan_id}/sessions",
        {"mentor": mentor.pk, "start": next_weekday(2, 9).isoformat()},
        status=409,
    )
    checker.post(
        as_borrower,
        f"/loans/{loan_id}/sessions/{session_id}/reschedule",
        {"start": next_weekday(1, 11).isoformat()},
    )
    checker.post(as_borrower, f"/loans/{loan_id}/accept", status=403)
    checker.get(as_mentor, f"/loans/{loan_id}/matches", status=403)
    checker.post(as_mentor, f"/loans/{loan_id}/decline", {"reason": "Lomalla"})
    checker.post(
        as_borrower,
        f"/loans/{loan_id}/sessions",
        {"mentor": other_mentor.pk, "start": start.isoformat()},
        status=201,
    )
    as_other = api_client(other_mentor.person)
    checker.post(as_other, f"/loans/{loan_id}/accept")
    checker.post(as_other, f"/loans/{loan_id}/accept", status=409)
    checker.get(as_borrower, f"/loans/{loan_id}/invitation.ics")
    checker.get(stranger, f"/loans/{loan_id}/invitation.ics", status=404)

    held = now() - dt.timedelta(days=1)
    Booking.objects.filter(loan_session__loan_id=loan_id, status="confirmed").update(
        start=held,
        end=held + dt.timedelta(hours=1),
        blocked_start=held,
        blocked_end=held + dt.timedelta(hours=1),
    )
    checker.post(as_other, f"/loans/{loan_id}/complete", {"hours": 1.5, "outcome": "Videot tehty"})
    checker.post(as_borrower, f"/loans/{loan_id}/confirm")

    second = make_loan(skills=[skill], borrower=borrower)
    book_session(loan=second, mentor=mentor, start=next_weekday(4, 9), actor=borrower)
    accept_loan(loan=second, actor=mentor.person)
    checker.post(as_borrower, f"/loans/{second.pk}/cancel", {"reason": "Ei tarvetta"})
    checker.post(as_borrower, f"/loans/{second.pk}/cancel", {"reason": "Uudestaan"}, status=409)

    documented = {
        (method, path) for path, operations in document["paths"].items() for method in operations
    }
    exercised = {(method, path) for method, path, _status in checker.seen}
    assert documented == exercised
    statuses = {status for _method, _path, status in checker.seen}
    assert {200, 201, 204, 400, 401, 403, 404, 409} <= statuses


def test_locked_out_answer_is_as_documented(checker):
    person = PersonFactory()
    for _attempt in range(5):
        checker.post(
            Client(),
            "/auth/token",
            {"username": person.email, "password": "x"},
            status=401 if _attempt < 4 else 429,
        )

    checker.post(
        Client(), "/auth/token", {"username": person.email, "password": PASSWORD}, status=429
    )
