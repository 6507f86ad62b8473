"""The mentor index's stamp, and the triggers that change it with matching's data.

Whatever writes a mentor's profile, skills, languages, municipalities served or weekly
hours, a skill or a municipality, a person's activity or home unit, or a unit's sector (the
ORM, a bulk insert, the admin, plain SQL), the stamp gets a new random value in the same
transaction. See lainaamo/mentors/index.py.
"""

from django.db import migrations, models

STAMP = "mentors_indexstamp"
# Every write to these tables changes what matching reads.
WHOLE_TABLES = [
    "mentors_mentorprofile",
    "mentors_mentorskill",
    "mentors_mentorlanguage",
    "mentors_mentorprofile_municipalities",
    "mentors_skill",
    "directory_municipality",
    "scheduling_weeklyavailability",
]
# Of these, only a change of the columns named.
COLUMNS = {
    "directory_person": ["is_active", "home_unit_id"],
    "directory_unit": ["sector"],
}


def _sqlite(whole_tables=WHOLE_TABLES, columns=COLUMNS):
    """The SQLite triggers; later migrations that rebuild one of the tables call it again.

    SQLite rebuilds a table for many schema changes, and the table's triggers go with the old
    one (see 0006_skill_retired).
    """
    touch = f"UPDATE {STAMP} SET value = random();"
    statements = []
    for table in whole_tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_index_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {touch} END;"
            )
    for table, names in columns.items():
        changed = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in names)
        statements.append(
            f"CREATE TRIGGER {table}_index_update AFTER UPDATE OF {', '.join(names)} "
            f"ON {table} WHEN {changed} BEGIN {touch} END;"
        )
    return statements


def _postgresql():
    statements = [
        f"""CREATE FUNCTION mentors_touch_index_stamp() RETURNS trigger AS $$
        BEGIN
            UPDATE {STAMP} SET value = floor(random() * 9000000000000000000)::bigint;
            RETURN NULL;
        END $$ LANGUAGE plpgsql;"""
    ]
    for table in WHOLE_TABLES:
        statements.append(
            f"CREATE TRIGGER {table}_index AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION mentors_touch_index_stamp();"
        )
    for table, columns in COLUMNS.items():
        changed = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns)
        statements.append(
            f"CREATE TRIGGER {table}_index AFTER UPDATE OF {', '.join(columns)} ON {table} "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION mentors_touch_index_stamp();"
        )
    return statements


def create_triggers(apps, schema_editor):
    apps.get_model("mentors", "IndexStamp").objects.create(pk=1, value=0)
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": _sqlite, "postgresql": _postgresql}[vendor]()
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    tables = WHOLE_TABLES + list(COLUMNS)
    if vendor == "postgresql":
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_index ON {table};")
        schema_editor.execute("DROP FUNCTION IF EXISTS mentors_touch_index_stamp();")
    else:
        for table in WHOLE_TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_index_{event};")
        for table in COLUMNS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_index_update;")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_place_names_in_each_language"),
        ("mentors", "0002_seed_skills"),
        ("scheduling", "0002_booking_no_overlap"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexStamp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "mentor index stamp",
                "verbose_name_plural": "mentor index stamps",
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
