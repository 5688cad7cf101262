"""Query language, fast facet counting over integer columns, highlighting."""
