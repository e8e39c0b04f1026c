"""A command line that names its command plainly is parsed by a parser holding that
command's options alone: what it finds, the help it prints and the sentence it refuses
with are exactly the whole parser's."""

from __future__ import annotations

import contextlib
import io

import pytest

from sen_workbook import cli

COMMAND_LINES = [
    ["timeline", "Sam", "--purpose", "ehcna", "--as-of", "2026-08-31"],
    ["--db", "/tmp/w.json", "timeline", "Sam", "--area", "sensory", "--kind", "concern"],
    ["--db=/tmp/w.json", "timeline", "Sam", "--from", "2025-01-01", "--to", "2025-12-31"],
    ["--db", "timeline", "timeline", "Sam"],
    ["timeline", "Sam", "--purpose", "nonsense"],
    ["timeline", "Sam", "--as-of", "31/08/2026"],
    ["timeline"],
    ["timeline", "Sam", "--unknown"],
    ["timeline", "--help"],
    ["bundle", "Sam", "--out", "b.zip", "--max-pages", "0"],
    ["bundle", "Sam", "--help"],
    ["bundle", "Sam"],
    ["check"],
    ["check", "extra"],
    ["archive", "out.zip", "--force"],
    ["import", "a.eml", "--child", "Sam"],
    ["add", "Sam", "concern", "A title", "--field", "x=y"],
    ["calendar", "Sam", "--out", "c.ics"],
    ["letter", "--list"],
    ["letter", "Sam", "chaser", "--as-of", "2026-13-01"],
    ["letter", "--help"],
]


def parsed(parser_of, argv: list[str]) -> tuple[str, str]:
    """What a parser makes of ``argv``: the options found, or the refusal's sentence,
    and what it printed (the help)."""
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        try:
            found = repr(sorted(vars(parser_of().parse_args(argv)).items()))
        except cli.UsageError as error:
            found = f"refused: {error}"
        except SystemExit as leaving:
            found = f"left with {leaving.code}"
    return found, shown.getvalue()


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=" ".join)
def test_a_command_named_plainly_is_parsed_as_by_the_whole_parser(argv, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    command = cli.named_command(argv)
    assert command == next(token for token in argv if token in cli.COMMANDS)
    one = parsed(lambda: cli.build_parser(command), argv)
    assert one == parsed(cli.build_parser, argv)
    assert one[0].startswith(("[", "refused: ", "left with 0"))


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["--version"],
        ["--demo"],
        ["--db"],
        ["--db", "--demo", "timeline", "Sam"],
        ["--d", "x", "timeline", "Sam"],
        ["-h", "timeline"],
        ["timelines", "Sam"],
        ["--", "timeline", "Sam"],
        ["-5", "timeline"],
    ],
    ids=" ".join,
)
def test_any_other_command_line_has_the_whole_parser(argv):
    assert cli.named_command(argv) is None


def test_the_help_still_lists_every_command(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    found, shown = parsed(cli.build_parser, ["--help"])
    assert found == "left with 0"
    places = [shown.find(f"\n    {command} ") for command in cli.COMMANDS]
    assert -1 not in places
    assert places == sorted(places)  # in the order of COMMANDS
