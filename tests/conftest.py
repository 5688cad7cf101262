"""Shared pytest set-up. Qt must run headless: the platform is chosen before any Qt import."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
