"""Saved searches, watch alerts and watch folders (core; no Qt).

- ``saved``: saved searches (name, request, watched/muted/snoozed, "new since last looked").
- ``watch``: new articles x saved searches -> alerts (a step of ``Library.after_commit``).
- ``inbox``: listing alerts, unread counts, read state, the per-batch summary.
- ``stability`` and ``folders``: watch folders and the "file is finished" rule.
"""
