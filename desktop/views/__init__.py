"""Widgets of the main window, one panel per module."""
