"""Matching reads through the ORM: the index stamp's triggers and its table go.

The triggers of 0003 (re-created on SQLite by 0006) are dropped first, on both databases,
because on SQLite a trigger whose body names a dropped table fails at its next write. Any of
them that a later rebuild of its table on SQLite already lost is skipped (IF EXISTS).
"""

import importlib

from django.db import migrations

index_stamp = importlib.import_module("lainaamo.mentors.migrations.0003_index_stamp")


def drop_triggers(apps, schema_editor):
    tables = index_stamp.WHOLE_TABLES + list(index_stamp.COLUMNS)
    if schema_editor.connection.vendor == "postgresql":
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_index ON {table};")
        schema_editor.execute("DROP FUNCTION IF EXISTS mentors_touch_index_stamp();")
    else:
        for table in index_stamp.WHOLE_TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_index_{event};")
        for table in index_stamp.COLUMNS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_index_update;")


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0006_skill_retired"),
    ]

    operations = [
        # Backwards, the table comes back first and then its row and triggers (0003's own).
        migrations.RunPython(drop_triggers, index_stamp.create_triggers, elidable=False),
        migrations.DeleteModel(name="IndexStamp"),
    ]
