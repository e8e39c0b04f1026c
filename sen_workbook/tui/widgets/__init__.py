"""Widgets of the app's screens."""
