"""Which kind of entry to add: the nine kinds, with what each is for."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sen_workbook import model, vocabulary
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.footer import KeyFooter, KeysInFirstFrame

KIND_HINTS: dict[str, str] = {
    "concern": "a worry you raised with the setting",
    "assessment": "a professional's assessment or report",
    "plan": "targets and the help promised (an IEP or provision map)",
    "review": "how a plan went, target by target",
    "meeting": "who was there, what was agreed, actions",
    "correspondence": "a letter, email or phone call, sent or received",
    "incident": "sent home, excluded, part-time timetable, injury, absence",
    "observation": "what you see at home, your child's own words",
    "request": "EHC needs assessment, complaint, appeal, records request",
}


class KindPicker(KeysInFirstFrame, ModalScreen[str | None]):
    """A short list to choose from; 1 to 9 choose at once, escape cancels."""

    CSS_PATH = [stylesheet("dialogs.tcss")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # In the footer once, for all nine: "1-9 Choose".
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *(Binding(str(number), f"choose({number})", show=False) for number in range(2, 10)),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="kind-picker", classes="dialog"):
            yield Static("What do you want to record?", classes="dialog-title")
            options = []
            for number, (kind, name) in enumerate(vocabulary.KIND_LABELS.items(), 1):
                prompt = Text(f"{number} ")
                prompt.append(name, style="bold")
                prompt.append(f" \u2014 {KIND_HINTS[kind]}", style="dim")
                options.append(Option(prompt, id=kind))
            yield OptionList(*options, id="kind-list")
        # Its own keys, not those of the screen behind, which do nothing here.
        yield KeyFooter()

    @on(OptionList.OptionSelected, "#kind-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_choose(self, number: int) -> None:
        self.dismiss(list(model.KINDS)[number - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)
