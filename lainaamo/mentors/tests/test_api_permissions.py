"""Who may see a loan and take each step, through the API.

A loan is visible to its borrower, its mentor and the coordinators of its municipality (directly
or through the region); anyone else gets 404, as if it did not exist. A visible loan whose step
is not the person's answers 403. Without a token, 401.
"""

import datetime as dt
from dataclasses import dataclass

import pytest

from lainaamo.core.timeutil import now
from lainaamo.directory.models import Role, RoleKind
from lainaamo.directory.tests.factories import (
    MunicipalityFactory,
    PersonFactory,
    UnitFactory,
    api_client,
    coordinator_of,
    unit_manager_of,
)
from lainaamo.mentors.services import accept_loan, book_session, complete_loan
from lainaamo.mentors.tests.factories import SkillFactory, make_loan, make_mentor, next_weekday
from lainaamo.scheduling.models import Booking

pytestmark = pytest.mark.django_db


ROLES = [
    "borrower",
    "mentor",
    "coordinator",
    "region_coordinator",
    "other_coordinator",
    "unit_manager",
    "staff",
    "anonymous",
]


def make_world(state: str) -> dict:
    """A loan in `state` (booked, accepted, held, completed) between a borrower and a mentor."""
    skill = SkillFactory()
    mentor = make_mentor(skills={skill: 2})
    loan = make_loan(skills=[skill])
    book_session(loan=loan, mentor=mentor, start=next_weekday(1, 9), actor=loan.borrower)
    if state in {"accepted", "held", "completed"}:
        accept_loan(loan=loan, actor=mentor.person)
    if state in {"held", "completed"}:
        start = now() - dt.timedelta(days=1)
        end = start + dt.timedelta(hours=1)
        Booking.objects.filter(loan_session__loan=loan).update(
            start=start, end=end, blocked_start=start, blocked_end=end
        )
    if state == "completed":
        complete_loan(loan=loan, actor=mentor.person, hours=1, outcome="Valmis")
    return {"loan": loan, "mentor": mentor, "session": loan.sessions.get()}


def person_for(role: str, world: dict):
    loan = world["loan"]
    municipality = loan.municipality
    if role == "borrower":
        return loan.borrower
    if role == "mentor":
        return world["mentor"].person
    if role == "coordinator":
        return coordinator_of(municipality)
    if role == "region_coordinator":
        person = PersonFactory()
        Role.objects.create(person=person, kind=RoleKind.COORDINATOR, region=municipality.region)
        return person
    if role == "other_coordinator":
        return coordinator_of(MunicipalityFactory(region=municipality.region))
    if role == "unit_manager":
        return unit_manager_of(UnitFactory(municipality=municipality))
    if role == "staff":
        return PersonFactory(home_unit=UnitFactory(municipality=municipality))
    return None


@dataclass(frozen=True)
class Endpoint:
    state: str  # the loan's state before the call: booked, accepted, held, completed
    method: str
    path: str
    allowed: frozenset  # roles that succeed
    forbidden: frozenset = frozenset()  # roles that see the loan but may not take the step
    body: object = None


SEE = frozenset({"borrower", "mentor", "coordinator", "region_coordinator"})
COORDINATORS = frozenset({"coordinator", "region_coordinator"})

ENDPOINTS = {
    "detail": Endpoint("booked", "get", "", allowed=SEE),
    "invitation": Endpoint("booked", "get", "/invitation.ics", allowed=SEE),
    "matches": Endpoint(
        "booked", "get", "/matches", allowed=COORDINATORS | {"borrower"}, forbidden={"mentor"}
    ),
    "book": Endpoint(
        "booked",
        "post",
        "/sessions",
        allowed=COORDINATORS | {"borrower"},
        forbidden={"mentor"},
        body="book",
    ),
    "reschedule": Endpoint(
        "booked", "post", "/sessions/{sid}/reschedule", allowed=SEE, body="reschedule"
    ),
    "accept": Endpoint(
        "booked", "post", "/accept", allowed={"mentor"}, forbidden=COORDINATORS | {"borrower"}
    ),
    "decline": Endpoint(
        "booked",
        "post",
        "/decline",
        allowed={"mentor"},
        forbidden=COORDINATORS | {"borrower"},
        body={"reason": "Lomalla"},
    ),
    "complete": Endpoint(
        "held",
        "post",
        "/complete",
        allowed={"mentor"},
        forbidden=COORDINATORS | {"borrower"},
        body={"hours": 1, "outcome": "Valmis"},
    ),
    "confirm": Endpoint(
        "completed", "post", "/confirm", allowed={"borrower"}, forbidden=COORDINATORS | {"mentor"}
    ),
    "cancel": Endpoint("accepted", "post", "/cancel", allowed=SEE, body={"reason": "Ei tarvetta"}),
}


def expected_status(endpoint: str, role: str) -> int:
    spec = ENDPOINTS[endpoint]
    if role == "anonymous":
        return 401
    if role in spec.allowed:
        return 201 if endpoint == "book" else 200
    if role in spec.forbidden:
        return 403
    return 404


CASES = [(endpoint, role) for endpoint in ENDPOINTS for role in ROLES]


@pytest.mark.parametrize(("endpoint", "role"), CASES, ids=[f"{e}-{r}" for e, r in CASES])
def test_loan_endpoint_answers_each_role(endpoint, role):
    spec = ENDPOINTS[endpoint]
    world = make_world(spec.state)
    loan = world["loan"]
    body = spec.body
    if body == "book":
        body = {"mentor": world["mentor"].pk, "start": next_weekday(3, 13).isoformat()}
    elif body == "reschedule":
        body = {"start": next_weekday(3, 14).isoformat()}
    url = f"/api/v1/loans/{loan.pk}" + spec.path.format(sid=world["session"].pk)
    client = api_client(person_for(role, world))

    if spec.method == "get":
        response = client.get(url)
    else:
        response = client.post(url, body or {}, content_type="application/json")

    expected = expected_status(endpoint, role)
    assert response.status_code == expected, response.content
    if expected >= 400:
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found"}[expected]
        assert response.json()["code"] == code


@pytest.mark.parametrize("role", ROLES)
def test_loan_list_holds_the_loan_only_for_those_who_may_see_it(role):
    world = make_world("booked")
    client = api_client(person_for(role, world))

    response = client.get("/api/v1/loans")

    if role == "anonymous":
        assert response.status_code == 401
    else:
        ids = [row["id"] for row in response.json()]
        visible = expected_status("detail", role) == 200
        assert ids == ([world["loan"].pk] if visible else [])


def test_forbidden_step_changes_nothing():
    world = make_world("booked")
    loan = world["loan"]

    response = api_client(loan.borrower).post(
        f"/api/v1/loans/{loan.pk}/accept", {}, content_type="application/json"
    )

    loan.refresh_from_db()
    assert response.status_code == 403
    assert loan.status == "booked"


@pytest.mark.parametrize(
    "url", ["/api/v1/skills", "/api/v1/mentors", "/api/v1/loans", "/api/v1/me"]
)
def test_lists_need_a_token(url):
    response = api_client().get(url)

    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
