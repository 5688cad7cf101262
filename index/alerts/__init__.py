"""Saved searches, watch alerts and watch folders (core; no Qt).

- ``saved``: saved searches (name, request, watched/muted/snoozed, "new since last looked").
- ``watch``: new articles x saved searches -> alerts (the AFTER_COMMIT hook).
- ``inbox``: listing alerts, unread counts, read state, the per-batch summary.
- ``stability`` and ``folders``: watch folders and the "file is finished" rule.
"""
