"""Wagtail's PostgreSQL search backend, matching titles and bodies each against its own index.

Wagtail's compiler joins every page's title and body vectors into one before matching, which
no index can serve and which costs a copy of both per page; matching each on its own lets
PostgreSQL use the GIN indexes and leaves ranking, weights and indexing as Wagtail has them.
"""

from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not

from django.db.models import Q


class SeparateVectorsQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None, backend=None):
        if self.fields is not None or isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return super().search(config, start, stop, score_field, backend)
        search_query = self.build_tsquery(self.query, config=config)
        rank = self._build_rank_expression(self.get_index_vectors(search_query), config)
        queryset = self.queryset.filter(
            Q(index_entries__title=search_query) | Q(index_entries__body=search_query)
        )
        return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)


class SearchBackend(PostgresSearchBackend):
    query_compiler_class = SeparateVectorsQueryCompiler
