"""Widgets: the panels, panes, dialogs and the tray icon the window is made of, one per module.
main_window.py and the *_wiring.py modules above compose them; models/ holds their item models."""
