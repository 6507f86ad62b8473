"""Lainaamo's benchmarks. Prints the figures quoted in the README.

    python bench/run.py                 # SQLite, in var/bench/
    DATABASE_URL=postgres://... python bench/run.py

1. Matching: p50/p95 of GET /api/v1/loans/{id}/matches among 5,000 mentors with 200,000 past
   sessions (in-process, through the whole Django stack: middleware, auth, view, queries).
2. Booking: 16 concurrent clients POST /api/v1/loans/{id}/sessions against the production
   server (gunicorn, with the production task queue in the database), throughput and p95, their
   ratio to a trivial endpoint of the same server, and a count of double bookings (must be 0).
   Every client first makes a few requests of each kind, which are not measured.
   In-process, one client: what a booking and the trivial request cost and the database's part
   of each, which bounds the ratio however little the booking's own Python did.
3. List pages: query counts at two sizes (must not grow with the rows).

    python bench/run.py --only matching   # matching alone, with the trivial endpoint's figure

The machine's speed drifts between days, so a matching figure is quoted beside the trivial
endpoint's throughput of the same run (16 clients against gunicorn, as in the booking part).

This module is the command line and what it prints; each benchmark is a module of its own
(matching.py, booking.py, pages.py), data.py generates the data they run on.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["AXES_ENABLED"] = "false"
    # As in production: DEBUG would record every query and slow the measured stack down.
    os.environ.setdefault("DEBUG", "false")
    # As in production: mail is queued in the database for the worker, not sent in the request.
    os.environ.setdefault("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    import django

    django.setup()


def fresh_database(database_url: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentors", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-client", type=int, default=50)
    parser.add_argument(
        "--only",
        choices=["matching"],
        help="run one part: matching, with the trivial endpoint's throughput of the same run",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lainaamo-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    setup_django(database_url)
    from django.db import connection

    from bench.booking import bench_booking, bench_trivial, booking_breakdown
    from bench.matching import bench_matching
    from bench.pages import LIST_PAGES, list_page_queries

    try:
        fresh_database(database_url)
        from bench.data import generate

        small = list_page_queries(generate(mentors=10, past_sessions=40, prefix="small"))
        began = time.perf_counter()
        data = generate(mentors=args.mentors, past_sessions=args.sessions)
        if connection.vendor == "postgresql":
            # A database in use has planner statistics; a freshly filled one gets them now.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        generated = time.perf_counter() - began
        print(
            f"database: {connection.vendor}; data: {args.mentors} mentors, "
            f"{args.sessions} past sessions (generated in {generated:.0f} s)"
        )
        matching = bench_matching(data, requests=args.requests)
        print(
            f"matching  GET /loans/{{id}}/matches: p50 {matching['p50_ms']} ms, "
            f"p95 {matching['p95_ms']} ms over {matching['requests']} requests "
            f"({matching['mean_matches']} matches each on average)"
        )
        if args.only == "matching":
            connection.close()
            t = bench_trivial(database_url, clients=args.clients, per_client=args.per_client)
            print(
                f"trivial   GET /health, {args.clients} clients: {t['throughput_rps']} req/s, "
                f"p95 {t['p95_ms']} ms"
            )
            return 0
        booking = bench_booking(
            database_url, data, clients=args.clients, per_client=args.per_client
        )
        b, t = booking["booking"], booking["trivial"]
        print(
            f"booking   POST /loans/{{id}}/sessions, {booking['clients']} clients: "
            f"{b['throughput_rps']} req/s, p95 {b['p95_ms']} ms, statuses {b['statuses']}"
        )
        print(
            f"trivial   GET /health, {booking['clients']} clients: {t['throughput_rps']} req/s, "
            f"p95 {t['p95_ms']} ms"
        )
        print(
            f"ratio     booking / trivial throughput: {booking['ratio']}; "
            f"double bookings: {booking['double_bookings']}"
        )
        parts = booking_breakdown(data)
        b, t = parts["booking"], parts["trivial"]
        print(
            f"in-process, one client: booking {b['ms']} ms, of which the database "
            f"{b['database_ms']} ms ({b['statements']} statements and the commit); "
            f"trivial {t['ms']} ms, of which the database {t['database_ms']} ms"
        )
        print(
            f"ceiling   ratio if the booking's own Python cost nothing: {parts['ceiling']} "
            f"(in-process ratio now: {parts['in_process_ratio']})"
        )
        large = list_page_queries(data)
        for path in LIST_PAGES:
            print(
                f"queries   {path}: {small[path]} with 10 mentors, "
                f"{large[path]} with {args.mentors}"
            )
        steady = all(small[path] == large[path] for path in LIST_PAGES)
        return 0 if booking["double_bookings"] == 0 and steady else 1
    finally:
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
