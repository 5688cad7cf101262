"""The store's query engine over Whoosh segments: query language, fast facet counting over integer
columns, exact phrases from word pairs, ranking and highlighting. Used by the Store (whoosh_store.py)."""
