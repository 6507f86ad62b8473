import pytest


@pytest.fixture
def english(client):
    client.cookies["lainaamo_language"] = "en"
    return client
