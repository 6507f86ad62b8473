"""One's API tokens on the profile page, in a real browser, with axe-core checking the page."""

import re

import pytest
from playwright.sync_api import expect

from lainaamo.core.tests.browser import AccessibilityAudit
from lainaamo.directory.models import ApiToken
from lainaamo.directory.tests.factories import PersonFactory

# Seeded skills (a data migration) must survive the flush after each test.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_tokens_on_the_profile_are_listed_and_revoked_and_pass_axe(open_page, language):
    person = PersonFactory(language=language)
    ApiToken.issue(person, name="Outlook")
    ApiToken.issue(person)  # without a name
    page = open_page(person, language=language)
    audit = AccessibilityAudit()

    page.goto("/profile/")
    rows = page.locator("#tokens-heading ~ div table tbody tr")
    expect(rows).to_have_count(2)
    audit.check(page, "profile with tokens:")
    revoke = page.get_by_role("button", name=re.compile("Outlook"))
    with page.expect_navigation():
        revoke.click()

    expect(page).to_have_url(re.compile("/profile/$"))
    expect(rows).to_have_count(1)
    audit.check(page, "profile after revoking:")
    audit.assert_clean()
    assert list(ApiToken.objects.values_list("name", flat=True)) == [""]
