"""Written-out queries: prepared once per database connection on PostgreSQL."""

import pytest

from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext

from content.sql import fetch_all

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepared statements"),
]


def _prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_query_is_prepared_on_its_first_run_and_only_executed_after():
    sql = "SELECT %s::int + %s::int AS total"
    with CaptureQueriesContext(connection) as queries:
        assert fetch_all(sql, [1, 2]) == [(3,)]
        assert fetch_all(sql, [20, 22]) == [(42,)]
    first, second = (query["sql"] for query in queries)
    assert first.startswith("PREPARE ") and "EXECUTE " in first
    assert second.startswith("EXECUTE ")
    assert sum("$1::int + $2::int" in statement for statement in _prepared_statements()) == 1


def test_a_failed_run_leaves_the_next_one_working():
    sql = "SELECT %s::int * 2 AS doubled"
    with pytest.raises(DataError), transaction.atomic():
        fetch_all(sql, ["not a number"])  # prepared, then its execution failed
    assert fetch_all(sql, [21]) == [(42,)]
    assert fetch_all(sql, [5]) == [(10,)]
