import pytest
from django.contrib import admin
from django.urls import reverse

from lainaamo.directory.tests.factories import PersonFactory
from lainaamo.mentors.tests.factories import make_loan, make_mentor

pytestmark = pytest.mark.django_db


def test_superuser_opens_every_admin_list_and_object(client):
    superuser = PersonFactory(is_staff=True, is_superuser=True)
    mentor = make_mentor()
    make_loan(skills=[mentor.skills.first()])
    client.force_login(superuser)
    failures = []

    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = client.get(changelist)
        if response.status_code != 200:
            failures.append((changelist, response.status_code))
        instance = model.objects.first()
        if instance is not None:
            change = reverse(
                f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk]
            )
            response = client.get(change)
            if response.status_code != 200:
                failures.append((change, response.status_code))

    assert failures == []


def test_staff_without_superuser_rights_cannot_change_people(client):
    client.force_login(PersonFactory(is_staff=True))

    response = client.get(reverse("admin:directory_person_changelist"))

    assert response.status_code == 403
