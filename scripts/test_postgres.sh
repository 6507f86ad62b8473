#!/usr/bin/env bash
# The test suite on a throwaway PostgreSQL; arguments go to pytest.
exec "$(dirname "$0")/with_postgres.sh" "${PYTEST:-.venv/bin/pytest}" "$@"
