"""After all migrations, the triggers of the old mentor index (mentors/0003) are gone."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_no_triggers_or_stamp_table_are_left_after_all_migrations():
    # The database's own catalogue: Django's introspection does not list triggers.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal UNION ALL "
                "SELECT proname FROM pg_proc WHERE proname = 'mentors_touch_index_stamp'"
            )
        left = [name for (name,) in cursor.fetchall()]

    assert left == []
    assert "mentors_indexstamp" not in connection.introspection.table_names()
