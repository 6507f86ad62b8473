"""Booking: concurrent clients against the production server, and one client in-process.

The load test books through gunicorn as the README runs it and counts double bookings (must be
0); the breakdown measures what a booking and a trivial request cost in-process, and the
database's share of each.
"""

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

from bench.common import make_token, percentile

ROOT = Path(__file__).resolve().parent.parent


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
