"""The whole API fuzzed from its own OpenAPI document (schemathesis), as a signed-in borrower and
as a coordinator, over demo-like data: no request may answer 5xx, every answer must be one the
document describes (status, content type, body), and a request the document calls invalid must
be refused.

Requests are generated from the document, valid and invalid ones, 25 per operation and role,
derandomised, so that a run is the same every time; half of the valid ones name real loans,
sessions, mentors and skills and bookable times, so that the steps of a loan are reached too.
The clock is frozen. The run takes 40-70 s on SQLite or on PostgreSQL here.

It calls the WSGI application in-process (schemathesis's pytest plugin does not run under
pytest 9), in the test's transaction.
"""

import datetime as dt

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from config.api import api
from lainaamo.core.timeutil import HELSINKI
from lainaamo.directory.models import ApiToken
from lainaamo.directory.tests.factories import (
    MunicipalityFactory,
    PersonFactory,
    UnitFactory,
    coordinator_of,
)
from lainaamo.mentors.models import LoanSession, MentorProfile
from lainaamo.mentors.services import accept_loan, book_session
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor, next_weekday

# A Tuesday morning in Helsinki: the demo's loans and windows lie around it.
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=HELSINKI)
pytestmark = pytest.mark.clock(NOW, tick=False)
EXAMPLES_PER_OPERATION = 25

CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"deterministic": True, "with-security-parameters": False},
    }
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(params=["borrower", "coordinator"])
def actor(request) -> str:
    return request.param


@pytest.fixture
def demo(db, monkeypatch, actor):
    """Mentors, a borrower with loans in each state, and a coordinator of their municipality."""
    vaasa = MunicipalityFactory(name="Vaasa")
    library = UnitFactory(municipality=vaasa, name="Pääkirjasto")
    youth = UnitFactory(municipality=vaasa, sector="youth", name="Nuorisotalo")
    skills = [SkillFactory(slug=slug) for slug in ("instagram", "e-books", "streaming")]
    mentors = [
        make_mentor(skills={skills[n % 3]: 3, skills[(n + 1) % 3]: 1}, unit=youth)
        for n in range(4)
    ]
    borrower = PersonFactory(home_unit=library, name="Bea Borrower")
    requested = make_loan(borrower=borrower, skills=skills[:2])
    booked = make_loan(borrower=borrower, skills=[skills[0]])
    book_session(loan=booked, mentor=mentors[0], start=next_weekday(1, 9), actor=borrower)
    accepted = make_loan(borrower=borrower, skills=[skills[0]])
    book_session(loan=accepted, mentor=mentors[0], start=next_weekday(2, 9), actor=borrower)
    accept_loan(loan=accepted, actor=mentors[0].person)
    people = {"borrower": borrower, "coordinator": coordinator_of(vaasa, name="Cora")}
    return {
        "person": people[actor],
        "loans": [requested.pk, booked.pk, accepted.pk],
        "sessions": list(LoanSession.objects.values_list("pk", flat=True)),
        "mentors": list(MentorProfile.objects.values_list("pk", flat=True)),
        "skills": [skill.slug for skill in skills],
    }


@pytest.fixture
def wsgi_app(db):
    """The project's WSGI application, with the database connection kept between requests.

    A real server closes it at the end of each request, which would end the test's
    transaction; Django's test client keeps it open the same way.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app, config=CONFIG)


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every operation the document holds, for the tests' names."""
    document = api.get_openapi_schema()
    paths = document["paths"]
    return [(method.upper(), path) for path, items in paths.items() for method in items]


def _known_values(case, demo, choice: int) -> None:
    """Point a generated request at real objects and at times that can be booked: a loan and
    its session or a mentor, real skills, and a start within the mentors' hours next week."""
    start = NOW + dt.timedelta(days=1 + choice % 7, hours=choice % 6)
    parameters = case.path_parameters or {}
    if "id" in parameters:
        mentors = case.operation.path.startswith("/api/v1/mentors")
        ids = demo["mentors"] if mentors else demo["loans"]
        parameters["id"] = ids[choice % len(ids)]
    if "sid" in parameters:
        parameters["sid"] = demo["sessions"][choice % len(demo["sessions"])]
    if case.query and "start" in case.query:
        case.query.update(start=start.isoformat(), end=(start + dt.timedelta(days=2)).isoformat())
    if isinstance(case.body, dict):
        body = case.body
        if "mentor" in body:
            body["mentor"] = demo["mentors"][choice % len(demo["mentors"])]
        if "start" in body:
            body["start"] = start.isoformat()
        if "skills" in body:
            body["skills"] = [demo["skills"][choice % len(demo["skills"])]]
        if "windows" in body:
            end = start + dt.timedelta(days=7)
            body["windows"] = [{"start": start.isoformat(), "end": end.isoformat()}]


def _strategy(operation):
    """Valid and invalid requests of the operation."""
    return st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


@pytest.mark.parametrize(("method", "path"), _operations())
def test_api_answers_as_documented_whatever_it_is_sent(api_schema, demo, method, path):
    operation = api_schema[path][method]
    person = demo["person"]

    @given(case=_strategy(operation), choice=st.one_of(st.none(), st.integers(0, 11)))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_documented(case, choice):
        # Valid requests name real objects and times half of the time; invalid ones stay as
        # generated.
        if choice is not None and not case.meta.generation.mode.is_negative:
            _known_values(case, demo, choice)
        _token, key = ApiToken.issue(person)

        response = case.call(headers={"Authorization": f"Bearer {key}"})

        case.validate_response(response, checks=CHECKS)

    answers_as_documented()
