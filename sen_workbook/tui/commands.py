"""The command palette (ctrl+p): every action of the screen in front, found by typing.

The commands are read from the key bindings active where the palette was opened, so
whatever a key does, the palette offers by name too, and the two never drift apart.
Colour themes are offered as well, light and dark first and the full list behind "More
themes"; the app remembers the one chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# Actions Textual's own palette entries already cover.
_LEFT_TO_TEXTUAL = {"command_palette", "quit", "app.quit"}


def _ours(node: object, action: str) -> bool:
    """Whether a binding was given by the app's own code (a screen, a pane, the app)
    rather than by Textual's widgets ("Focus Next", "Press button"), which mean nothing
    to a parent looking for what to do."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("sen_workbook") and any(
            getattr(b, "action", None) == action for b in cls.__dict__.get("BINDINGS", ())
        ):
            return True
    return False


class WorkbookCommands(Provider):
    """Actions of the current screen (with their keys), and the colour themes."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            if binding.action in _LEFT_TO_TEXTUAL or binding.description in seen:
                continue
            if not _ours(active.node, binding.action):
                continue
            seen.add(binding.description)
            shown_key = binding.key_display or self.app.get_key_display(binding)
            yield (
                binding.description,
                f"Key: {shown_key or key}",
                partial(self.app.run_action, binding.action, active.node),
            )
        # Commands a screen offers beyond its keys (an action of another tab, say).
        more = getattr(self.screen, "palette_commands", None)
        for name, help_text, command in more() if more is not None else ():
            if name not in seen:
                seen.add(name)
                yield name, help_text, command
        # The two themes most people want, first; the full list one step further.
        for name, theme in (("Light", "textual-light"), ("Dark", "textual-dark")):
            if theme in self.app.available_themes:
                yield (
                    f"Theme: {name}",
                    "Use this colour theme (remembered next time)",
                    partial(setattr, self.app, "theme", theme),
                )
        yield (
            "Theme: More themes\u2026",
            "Choose among every colour theme",
            self.app.search_themes,
        )

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text)
