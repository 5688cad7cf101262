"""The team library: the Store (and the library's state) on a shared PostgreSQL server.

``store.PgStore`` has the Whoosh Store's API and behaviour on PostgreSQL's own machinery:
tsvector columns per language configuration with GIN indexes (``migrations.py``), the query
language as SQL and tsquery (``query_sql.py``), facets as GROUP BY over the facet values and
``ts_headline`` snippets (``search_sql.py``), exports read through a server-side cursor
(``scan.py``). ``connect.py`` holds addresses, passwords and pools; ``cluster.py`` starts a
throwaway server in a folder (tests, benchmarks, trying it out).
"""
