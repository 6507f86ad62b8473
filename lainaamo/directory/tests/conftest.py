import datetime as dt

import pytest


@pytest.fixture
def english(client):
    client.cookies["lainaamo_language"] = "en"
    return client


@pytest.fixture
def clock(time_machine):
    """Time stands at 8 December 2026, 10:00 in Helsinki until a test moves it."""
    time_machine.move_to(dt.datetime(2026, 12, 8, 8, 0, tzinfo=dt.UTC), tick=False)
    return time_machine
