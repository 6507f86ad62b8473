"""Matching: p50/p95 of GET /api/v1/loans/{id}/matches, in-process, through the whole stack."""

import datetime as dt
import statistics
import time

from bench.common import make_token, percentile


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
