"""What the benchmarks share: percentiles and API tokens."""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def make_token(email: str) -> str:
    from lainaamo.directory.models import ApiToken, Person

    return ApiToken.issue(Person.objects.get(email=email))[1]
