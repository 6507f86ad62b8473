"""Every role against every page: who gets the page, who gets 404, who is sent to log in."""

import pytest
from django.urls import reverse

from lainaamo.mentors.tests.factories import ROLES, make_cast

pytestmark = pytest.mark.django_db


OK, LOGIN, NOT_FOUND = 200, "login", 404
EVERYONE = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**dict.fromkeys(ROLES, OK), "anonymous": LOGIN}
LOAN_PARTIES = {
    "anonymous": LOGIN,
    "borrower": OK,
    "mentor": OK,
    "coordinator": OK,
    "other_coordinator": NOT_FOUND,
    "unit_manager": NOT_FOUND,
}
MENTOR_ONLY = {**dict.fromkeys(ROLES, NOT_FOUND), "anonymous": LOGIN, "mentor": OK}
COORDINATORS = {
    **dict.fromkeys(ROLES, NOT_FOUND),
    "anonymous": LOGIN,
    "coordinator": OK,
    "other_coordinator": OK,
}
UNIT_MANAGER = {**dict.fromkeys(ROLES, NOT_FOUND), "anonymous": LOGIN, "unit_manager": OK}

PAGES = {
    "core:home": ((), EVERYONE),
    "core:accessibility": ((), EVERYONE),
    "core:privacy": ((), EVERYONE),
    "mentors:catalogue": ((), SIGNED_IN),
    "mentors:mentor_detail": (("mentor",), SIGNED_IN),
    "mentors:request": ((), SIGNED_IN),
    "mentors:my_loans": ((), SIGNED_IN),
    "directory:profile": ((), SIGNED_IN),
    "directory:password_change": ((), SIGNED_IN),
    "mentors:loan_detail": (("loan",), LOAN_PARTIES),
    "mentors:invitation": (("loan",), LOAN_PARTIES),
    "mentors:inbox": ((), MENTOR_ONLY),
    "mentors:dashboard": ((), COORDINATORS),
    "mentors:skills": ((), COORDINATORS),
    "mentors:skill_edit": (("skill",), COORDINATORS),
    "mentors:unit_figures": (("unit",), UNIT_MANAGER),
}


def url_for(cast, name: str, args: tuple) -> str:
    values = {
        "mentor": cast.mentor.pk,
        "loan": cast.loan.pk,
        "skill": cast.skill.pk,
        "unit": cast.mentor.person.home_unit_id,
    }
    return reverse(name, args=[values[arg] for arg in args])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_answers_each_role_as_its_rules_say(client, name, role):
    cast = make_cast()
    args, rules = PAGES[name]
    expected = rules[role]
    person = cast.person(role)
    if person is not None:
        client.force_login(person)

    response = client.get(url_for(cast, name, args))

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("directory:login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        ("mentors:accept", "other_coordinator", 404),
        ("mentors:accept", "unit_manager", 404),
        ("mentors:accept", "borrower", 403),
        ("mentors:decline", "coordinator", 403),
        ("mentors:cancel", "unit_manager", 404),
        ("mentors:cancel", "other_coordinator", 404),
        ("mentors:complete", "borrower", 403),
        ("mentors:confirm", "mentor", 403),
        ("mentors:book", "other_coordinator", 404),
    ],
)
def test_loan_action_of_someone_else_is_refused(client, action, role, expected):
    cast = make_cast()
    client.force_login(cast.person(role))
    data = {
        f"decline-{cast.loan.pk}-reason": "Busy",
        f"cancel-{cast.loan.pk}-reason": "No longer needed",
        f"complete-{cast.loan.pk}-hours": "1",
        f"complete-{cast.loan.pk}-outcome": "Done",
    }

    response = client.post(reverse(action, args=[cast.loan.pk]), data)

    cast.loan.refresh_from_db()
    assert response.status_code == expected
    assert cast.loan.status == "booked"


def test_anonymous_post_to_a_loan_action_is_sent_to_log_in(client):
    cast = make_cast()

    response = client.post(reverse("mentors:accept", args=[cast.loan.pk]))

    cast.loan.refresh_from_db()
    assert response.status_code == 302
    assert cast.loan.status == "booked"


def test_other_coordinator_dashboard_does_not_show_the_loan(client):
    cast = make_cast()
    client.force_login(cast.other_coordinator)

    response = client.get(reverse("mentors:dashboard"))

    assert cast.loan.need not in response.content.decode()


def test_coordinator_dashboard_shows_the_loan_of_their_municipality(client):
    cast = make_cast()
    client.force_login(cast.coordinator)

    response = client.get(reverse("mentors:dashboard"))

    assert cast.loan.need[:40] in response.content.decode()
