"""Fixtures the mentors' test modules share. A module that needs another skill, mentor or loan
defines its own under the same name. The English client (`english`) and the clock are the
project's (conftest.py at the root)."""

import pytest
from django.utils import translation

from lainaamo.mentors.tests.factories import SkillFactory, make_mentor


@pytest.fixture
def in_english():
    """Texts made outside a request (a service's reasons and errors) read in English; their
    translations are tested elsewhere. A module asks for it with `usefixtures`."""
    with translation.override("en"):
        yield


@pytest.fixture
def skill():
    return SkillFactory()


@pytest.fixture
def mentor(skill):
    """A mentor who knows the skill at level 2, every day 8-16 (make_mentor's hours)."""
    return make_mentor(skills={skill: 2})
