"""Every mentor page in the languages a user may choose."""

import pytest
from django.urls import reverse

from lainaamo.mentors.tests.factories import make_cast

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["sv", "fi"])
@pytest.mark.parametrize(
    "name",
    [
        "mentors:catalogue",
        "mentors:request",
        "mentors:my_loans",
        "mentors:inbox",
        "mentors:loan_detail",
        "mentors:mentor_detail",
        "directory:profile",
    ],
)
def test_pages_render_in_the_chosen_language(client, language, name):
    cast = make_cast()
    client.force_login(cast.mentor.person)
    client.cookies["lainaamo_language"] = language
    args = {"mentors:loan_detail": [cast.loan.pk], "mentors:mentor_detail": [cast.mentor.pk]}

    response = client.get(reverse(name, args=args.get(name, [])))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
