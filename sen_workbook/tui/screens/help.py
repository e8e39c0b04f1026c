"""Help: the keys, and in plain words the areas of need and the cycle of SEN Support."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.footer import KeyFooter, KeysInFirstFrame

KEYS = """\
## Keys

### Everywhere

- `?` / `f1`: this help (`f1` also where `?` would be typed)
- `ctrl+p`: find any action by name, and choose a colour theme
- `t`: the trash: deleted children and entries
- `u`: undo the delete you just made
- `ctrl+q`: quit (all is saved; it reopens on the child and tab you were on)

### Children

- `a` / `e` / `d`: add, edit, remove a child (removed children go to the trash)
- `n`: new entry for the highlighted child
- `enter`: open the child's workspace

### A child

- `1` `2` `3` `4`: Overview, Journal, Cycles, Timeline (on a list of choices too, where a letter typed chooses)
- `n`: new entry: choose its kind, then fill in the form
- `r`: review this plan (the latest one, or the one highlighted in Cycles), from any tab
- `p`: new plan, carrying targets over from this one, from any tab
- `t`: the trash
- `i`: import emails from a .eml or .mbox file, ticking the ones to keep
- `c`: put the dates still to come in your calendar (an .ics file)
- `l`: write a letter from the records: choose one of nine
- `escape`: back to the children

### Overview

- `w`: the letter for the highlighted item: chase a deadline, follow up a meeting...

### Journal

- `/`: search titles and notes as you type (from any tab); down or enter moves into the results
- `escape`: from the search box or a filter, back to the entries
- `o`: newest or oldest first
- `[` `]`: previous and next page of a long journal
- `home` `end`: the first and last row of the page
- `enter`: open the highlighted entry

### An entry

- `e` / `d` / `a`: edit it (the earlier version is kept), delete it (it asks first), attach files (type a path or choose them)
- `o` / `s`: open the highlighted file with your computer's own program, save a copy of it
- `w`: write the letter it calls for (a meeting's follow-up, a concern in writing...)

### A letter

- `ctrl+s`: record it as sent: it goes into the journal and its deadlines start
- `ctrl+o` / `ctrl+t`: export it to .txt, .md or .pdf; copy it all

### Timeline

- `ctrl+s`: export the evidence bundle
- `ctrl+o`: open the bundle just exported
- `o`: on a narrow screen, show or hide the options above the preview
- `[` `]`: previous and next page of the preview
"""

KEYS_FALLBACK = """\
### When a key does nothing

Some terminals keep a few keys for themselves: ctrl+s (and ctrl+q) pause and resume the
screen in some, and the function keys belong to macOS. No action here needs one of them:

- **Save a form**: the Save button (tab to it, then enter), or ctrl+p and "Save".
- **Export the evidence bundle**: the Export button on the Timeline tab, or ctrl+p and
  "Export the evidence bundle" from any tab.
- **Quit**: ctrl+p and "Quit the application".
- **Anything else**: ctrl+p lists every action of the screen you are on, by name.
"""

AREAS_OF_NEED = """\
## The four broad areas of need

The SEND Code of Practice (2015, paragraphs 6.28 to 6.35) groups special educational needs
into four broad areas. They help everyone talk about what a child needs; they do not put a
child in a box, and many children have needs in more than one.

- **Communication and interaction** (C&I in the lists): difficulty saying what they want to say, understanding
  what is said to them, or understanding and using the social rules of communication.
  Speech, language and communication needs and autism often show here.
- **Cognition and learning** (C&L in the lists): learning at a slower pace than others of the same age, even
  with good teaching, or a specific difficulty with one part of learning such as reading
  (dyslexia), numbers (dyscalculia) or coordination (dyspraxia).
- **Social, emotional and mental health** (SEMH in the lists): becoming withdrawn or isolated, behaviour that
  is hard to manage, anxiety, low mood, self-harm, or conditions such as ADHD or
  attachment difficulties.
- **Sensory and/or physical** (S&P in the lists): a hearing or vision impairment, or a physical disability,
  that means the child needs specialist support or equipment.

The workbook adds **Other** for anything else that matters, such as independence or health.
The lists show each area by its short name; the line below a list, and each entry, name
them in full.
"""

CYCLE = """\
## Assess, plan, do, review

When a school or setting decides a child needs SEN Support, the Code (paragraphs 6.44 to
6.56) says the help should follow a cycle of four steps, repeated and refined each time:

1. **Assess**: the teacher and the SENCo, with you and your child, work out what your
   child's needs are, using the teacher's assessment, the child's progress, your views,
   and reports from any professionals.
2. **Plan**: you are told what will be done: the targets (outcomes) your child is working
   towards, the support and teaching (provision) that will help, who will give it, and a
   date to review it.
3. **Do**: the class teacher stays responsible for your child's progress, working with
   any teaching assistants or specialists who give the support.
4. **Review**: on the agreed date, the school looks at how well the support worked and
   what difference it made, with you and your child, and decides the next steps.

In this workbook each **plan** opens a cycle and its **reviews** close it. The Cycles tab
shows every target against each review's result, so you can see whether progress is being
made. If a child keeps not making the expected progress despite relevant and purposeful
action, that is evidence for asking the local authority for an EHC needs assessment
(Code paragraph 9.14); the Timeline tab builds that evidence for you.
"""


class HelpScreen(KeysInFirstFrame, ModalScreen[None]):
    """The help page; escape, q or ? closes it."""

    CSS_PATH = [stylesheet("dialogs.tcss")]
    IS_HELP = True  # the help key opens nothing more here: the footer leaves out "f1 Help"
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def __init__(self, workbook_path: str = "") -> None:
        super().__init__()
        self.workbook_path = workbook_path

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            yield Static("Help \u2014 escape closes", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Markdown(
                    KEYS + "\n" + KEYS_FALLBACK + "\n" + AREAS_OF_NEED + "\n" + CYCLE,
                    id="help-text",
                    open_links=False,
                )
                if self.workbook_path:
                    yield Static(
                        f"This workbook is the file {self.workbook_path}",
                        id="help-path",
                        markup=False,
                    )
        # Its own keys, not those of the screen behind, which do nothing here.
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
