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
"""

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


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


def make_token(email: str) -> str:
    from lainaamo.directory.models import ApiToken, Person

    return ApiToken.issue(Person.objects.get(email=email))[1]


def bench_matching(data: dict, *, requests: int) -> dict:
    from django.test import Client

    from lainaamo.mentors.services import request_loan

    borrower = data["borrowers"][0]
    skills = data["skills"]
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    loans = []
    for i in range(20):
        loans.append(
            request_loan(
                borrower=borrower,
                skills=[skills[i % len(skills)], skills[(i * 5 + 3) % len(skills)]],
                need="Benchmark request",
                language=["fi", "sv", "en"][i % 3],
                mode="remote" if i % 2 else "on_site",
                place="Bench",
                duration_minutes=60,
                windows=[(start, start + dt.timedelta(days=14))],
            )
        )
    token = make_token(borrower.email)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    timings, sizes = [], []
    for i in range(requests + 20):
        loan = loans[i % len(loans)]
        began = time.perf_counter()
        response = client.get(f"/api/v1/loans/{loan.pk}/matches")
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, response.content
        if i >= 20:  # the first round warms caches
            timings.append(elapsed)
            sizes.append(len(response.json()))
    return {
        "requests": len(timings),
        "p50_ms": round(percentile(timings, 0.5), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "mean_matches": round(statistics.mean(sizes), 1),
    }


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Requests of each kind every client makes before the measured ones.
WARM_UP = 5

# The production server as the README runs it: threaded workers, two per core.
GUNICORN_OPTIONS = [
    "--worker-class",
    "gthread",
    "--workers",
    str(2 * (os.cpu_count() or 1)),
    "--threads",
    "4",
]


def start_server(database_url: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "AXES_ENABLED": "false",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            *GUNICORN_OPTIONS,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def load(port: int, clients: int, requests_per_client: int, make_request) -> dict:
    """Run `clients` threads, each with one keep-alive connection; time every request."""
    timings: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def worker(number: int) -> None:
        connection = HTTPConnection("127.0.0.1", port, timeout=30)
        barrier.wait()
        for i in range(requests_per_client):
            method, path, body, headers = make_request(number, i)
            began = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                timings.append(elapsed)
                statuses[response.status] = statuses.get(response.status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "requests": len(timings),
        "throughput_rps": round(len(timings) / wall, 1),
        "p50_ms": round(percentile(timings, 0.5), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "statuses": statuses,
    }


def booking_pool(data: dict) -> list:
    """The mentors the booking benchmarks book: 24 active ones of the first 40."""
    return [p for p in data["profiles"][:40] if not p.paused][:24]


def hourly_slots(profiles: list, *, from_day: int, days: int) -> list:
    """(mentor, start) on the hour 8-19, for `days` days from `from_day` days ahead."""
    from lainaamo.core.timeutil import HELSINKI

    day = (dt.datetime.now(HELSINKI) + dt.timedelta(days=from_day)).date()
    return [
        (profile, dt.datetime.combine(day + dt.timedelta(days=d), dt.time(h), tzinfo=HELSINKI))
        for d in range(days)
        for h in range(8, 20)
        for profile in profiles
    ]


def remote_loans(borrower, skill, slots: list, count: int) -> list:
    """`count` requests of an hour, remote, in Finnish, whose window holds every slot."""
    from lainaamo.mentors.services import request_loan

    windows = [(slots[0][1] - dt.timedelta(hours=1), slots[-1][1] + dt.timedelta(days=1))]
    return [
        request_loan(
            borrower=borrower,
            skills=[skill],
            need="Benchmark",
            language="fi",
            mode="remote",
            duration_minutes=60,
            windows=windows,
        )
        for _ in range(count)
    ]


def bench_booking(database_url: str, data: dict, *, clients: int, per_client: int) -> dict:
    from django.db import connection

    from lainaamo.scheduling.models import Booking, WeeklyAvailability

    # A pool of mentors open every day 8-20, each client its own loan and borrower. Clients
    # pick slots from one shared list, so many attempts collide on the same mentor and hour.
    profiles = booking_pool(data)
    WeeklyAvailability.objects.filter(resource__mentor__in=profiles).delete()
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(
            resource_id=p.resource_id, weekday=d, start_time=dt.time(8), end_time=dt.time(20)
        )
        for p in profiles
        for d in range(7)
    )
    for profile in profiles:
        profile.monthly_hours = 150
        profile.save(update_fields=["monthly_hours"])
    skill = profiles[0].skills.first()
    for profile in profiles:
        profile.skill_levels.get_or_create(skill=skill, defaults={"level": 2})
        profile.languages.get_or_create(language="fi")
    slots = hourly_slots(profiles, from_day=2, days=20)
    loans_and_tokens = []
    for n in range(clients):
        borrower = data["borrowers"][n + 10]
        loans = remote_loans(borrower, skill, slots, per_client + WARM_UP)
        loans_and_tokens.append((loans, make_token(borrower.email)))
    connection.close()

    import random

    rng = random.Random(7)
    picks = [[rng.randrange(len(slots) // 4) for _ in range(per_client)] for _ in range(clients)]

    def booking_request(number: int, i: int):
        loans, token = loans_and_tokens[number]
        profile, start = slots[picks[number][i]]
        body = json.dumps({"mentor": profile.pk, "start": start.isoformat()})
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        return "POST", f"/api/v1/loans/{loans[i].pk}/sessions", body, headers

    def warm_up_booking(number: int, i: int):
        # Each client its own slots in the last quarter, which the measured picks never reach.
        loans, token = loans_and_tokens[number]
        profile, start = slots[-1 - number * WARM_UP - i]
        body = json.dumps({"mentor": profile.pk, "start": start.isoformat()})
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        return "POST", f"/api/v1/loans/{loans[per_client + i].pk}/sessions", body, headers

    def trivial_request(number: int, i: int):
        return "GET", "/api/v1/health", None, {}

    port = free_port()
    server = start_server(database_url, port)
    try:
        # Every worker's first requests import, compile and fill caches; neither measure pays.
        load(port, clients, WARM_UP, trivial_request)
        warm = load(port, clients, WARM_UP, warm_up_booking)
        assert warm["statuses"] == {201: clients * WARM_UP}, warm["statuses"]
        trivial = load(port, clients, per_client, trivial_request)
        booking = load(port, clients, per_client, booking_request)
    finally:
        server.terminate()
        server.wait(timeout=30)

    active = list(
        Booking.objects.active()
        .filter(resource__mentor__in=profiles)
        .order_by("resource_id", "blocked_start")
        .values_list("resource_id", "blocked_start", "blocked_end")
    )
    double = sum(
        1 for a, b in zip(active, active[1:], strict=False) if a[0] == b[0] and b[1] < a[2]
    )
    return {
        "clients": clients,
        "booking": booking,
        "trivial": trivial,
        "ratio": round(booking["throughput_rps"] / trivial["throughput_rps"], 2),
        "double_bookings": double,
        "created": booking["statuses"].get(201, 0),
    }


class DatabaseClock:
    """Time spent in the database: every statement, and every commit."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.seconds = 0.0
        self.statements = 0

    def statement(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - began
            self.statements += 1

    def __enter__(self):
        commit = self.connection._commit

        def timed_commit() -> None:
            began = time.perf_counter()
            try:
                commit()
            finally:
                self.seconds += time.perf_counter() - began

        self.connection._commit = timed_commit
        self._wrapper = self.connection.execute_wrapper(self.statement)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._wrapper.__exit__(*exc)
        del self.connection._commit


def booking_breakdown(data: dict, *, requests: int = 100) -> dict:
    """One client, in-process: what a booking and the trivial request cost, and the database's
    share. A booking cannot cost less than the trivial request's framework work plus its own
    statements and commit, so `ceiling` bounds the throughput ratio on this machine however
    little the booking's own Python did."""
    from django.db import connection
    from django.test import Client

    profiles = booking_pool(data)
    skill = profiles[0].skills.first()
    # Days the load test never reaches, after its twenty.
    slots = hourly_slots(profiles, from_day=30, days=10)[: requests + WARM_UP]
    borrower = data["borrowers"][5]
    loans = remote_loans(borrower, skill, slots, len(slots))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {make_token(borrower.email)}")

    def book(i: int) -> None:
        profile, start = slots[i]
        response = client.post(
            f"/api/v1/loans/{loans[i].pk}/sessions",
            json.dumps({"mentor": profile.pk, "start": start.isoformat()}),
            content_type="application/json",
        )
        assert response.status_code == 201, response.content

    def trivial(i: int) -> None:
        assert client.get("/api/v1/health").status_code == 200

    figures = {}
    for name, call in (("booking", book), ("trivial", trivial)):
        for i in range(WARM_UP):
            call(i)
        with DatabaseClock(connection) as clock:
            began = time.perf_counter()
            for i in range(WARM_UP, WARM_UP + requests):
                call(i)
            elapsed = time.perf_counter() - began
        figures[name] = {
            "ms": round(elapsed / requests * 1000, 2),
            "database_ms": round(clock.seconds / requests * 1000, 2),
            "statements": round(clock.statements / requests, 1),
        }
    booking, trivial_ = figures["booking"], figures["trivial"]
    floor = trivial_["ms"] + booking["database_ms"] - trivial_["database_ms"]
    figures["ceiling"] = round(trivial_["ms"] / floor, 2)
    figures["in_process_ratio"] = round(trivial_["ms"] / booking["ms"], 2)
    connection.close()
    return figures


LIST_PAGES = ["/mentors/", "/mentors/loans/", "/mentors/inbox/", "/mentors/dashboard/"]


def fill_every_list(data: dict) -> None:
    """Give the viewer a few rows in every section of every list page, at any data size.

    A section that is empty skips its queries; counts are compared with every section filled.
    """
    from lainaamo.core.timeutil import HELSINKI, month_bounds, now
    from lainaamo.mentors.models import LoanSession, LoanStatus
    from lainaamo.mentors.services import request_loan
    from lainaamo.scheduling.services import book

    mentor = data["profiles"][1]
    others = data["borrowers"][:3]
    skill = mentor.skills.first()
    day = (dt.datetime.now(HELSINKI) + dt.timedelta(days=10)).date()
    month_start = month_bounds(now())[0]
    for number, borrower in enumerate(others):
        start = dt.datetime.combine(day, dt.time(8 + 2 * number), tzinfo=HELSINKI)
        window = [(start, start + dt.timedelta(days=5))]
        arguments = {
            "skills": [skill],
            "need": "Benchmark",
            "language": "fi",
            "mode": "remote",
            "duration_minutes": 60,
            "windows": window,
        }
        request_loan(borrower=borrower, **arguments)  # open, on the dashboard
        request_loan(borrower=mentor.person, **arguments)  # the viewer's own request
        booked = request_loan(borrower=borrower, **arguments)  # awaiting the viewer's answer
        held = request_loan(borrower=borrower, **arguments)  # accepted, held, to complete
        # Early on the month's first day: this month's, and clear of the generated history.
        held_at = month_start + dt.timedelta(hours=5 + number)
        for loan, status, when, allow_past in (
            (booked, LoanStatus.BOOKED, start, False),
            (held, LoanStatus.ACCEPTED, held_at, True),
        ):
            booking = book(
                resource=mentor.resource,
                start=when,
                end=when + dt.timedelta(hours=1),
                allow_past=allow_past,
            )
            LoanSession.objects.create(loan=loan, booking=booking)
            loan.mentor, loan.status = mentor, status
            loan.save(update_fields=["mentor", "status"])


def list_page_queries(data: dict) -> dict[str, int]:
    """Queries each list page makes, seen by a coordinator who also borrows and mentors."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lainaamo.directory.models import Role, RoleKind

    viewer = data["profiles"][1].person
    Role.objects.get_or_create(person=viewer, kind=RoleKind.COORDINATOR, region=data["region"])
    fill_every_list(data)
    client = Client()
    client.force_login(viewer)
    counts = {}
    for path in LIST_PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = len(queries)
    return counts


def bench_trivial(database_url: str, *, clients: int, per_client: int) -> dict:
    """The trivial endpoint's throughput over HTTP, as the booking part measures it."""

    def trivial_request(number: int, i: int):
        return "GET", "/api/v1/health", None, {}

    port = free_port()
    server = start_server(database_url, port)
    try:
        load(port, clients, WARM_UP, trivial_request)
        return load(port, clients, per_client, trivial_request)
    finally:
        server.terminate()
        server.wait(timeout=30)


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
