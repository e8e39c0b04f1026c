"""The sample family: each child's record, school years and the people around them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sen_workbook import model
from sen_workbook.demo.amara import _amara_story
from sen_workbook.demo.femi import _femi_story
from sen_workbook.demo.school_calendar import _Calendar
from sen_workbook.demo.story import _DOB, _Scripted
from sen_workbook.demo.tobi import _tobi_story


@dataclass(frozen=True)
class _Person:
    """A child of the sample family, as the record shows them at the end of the story,
    and the words the filler uses about them."""

    key: str
    name: str
    preferred: str
    setting: str
    phase: str
    year_group: str
    senco: str
    areas: tuple[str, ...]
    status: str
    notes: str
    pronouns: tuple[str, str, str]  # he, his, him
    young: bool  # too young for homework
    comfort: str  # what helps after a hard day
    activities: tuple[str, ...]
    worries: tuple[str, ...]
    hard_words: tuple[str, ...]
    good_words: tuple[str, ...]
    years: tuple[dict[str, str], ...]  # the people around the child in each school year
    story: Callable[[_Calendar], list[_Scripted]]

    def record(self, calendar: _Calendar, child_id: str) -> model.Child:
        return model.new_child(
            id=child_id,
            name=self.name,
            preferred_name=self.preferred,
            date_of_birth=_DOB[self.key](calendar).isoformat(),
            setting=self.setting,
            setting_phase=self.phase,
            year_group=self.year_group,
            senco=self.senco,
            areas=list(self.areas),
            status=self.status,
            notes=self.notes,
        )


def _school_year(
    school: str, year: str, teacher: str, senco: str, ta: str, head: str
) -> dict[str, str]:
    """The people around a child for one school year, full and as a parent calls them."""
    return {
        "school": school,
        "year": year,
        "teacher_full": teacher,
        "teacher": _short(teacher),
        "senco_full": senco,
        "senco": _short(senco),
        "ta_full": ta,
        "ta": _short(ta),
        "head_full": head,
        "head": _short(head),
    }


def _short(full: str) -> str:
    """'Mrs Harriet Doyle (SENCo)' -> 'Mrs Doyle'; 'Aisha Khan (key person)' -> 'Aisha'."""
    words = full.split(" (")[0].split()
    if words[0] in ("Mr", "Mrs", "Miss", "Ms", "Dr"):
        return f"{words[0]} {words[-1]}"
    return words[0]


_HOLLYBROOK = "Hollybrook Primary School"
_FAMILY: tuple[_Person, ...] = (
    _Person(
        key="tobi",
        name="Oluwatobi Okafor-Bennett",
        preferred="Tobi",
        setting=_HOLLYBROOK,
        phase="school",
        year_group="Year 6",
        senco="Mrs Harriet Doyle",
        areas=("communication_interaction", "semh"),
        status="ehc_plan",
        notes=(
            "Loves Lego, swimming and drawing bus maps. Ear defenders help in noisy "
            "places. Waiting for a neurodevelopmental (autism) assessment."
        ),
        pronouns=("he", "his", "him"),
        young=False,
        comfort="his ear defenders",
        activities=("Lego club", "drawing bus maps", "building with Lego", "swimming"),
        worries=(
            "a supply teacher tomorrow",
            "the fire alarm going off again",
            "moving classrooms",
            "the school trip",
            "a change to the seating plan",
        ),
        hard_words=(
            '"Everyone was loud and I couldn\'t think."',
            '"I didn\'t know what we were meant to do so I just sat there."',
            '"Why does everything change without telling me?"',
            '"I\'m rubbish at school."',
            '"Nobody let me play. I just walked round."',
        ),
        good_words=(
            '"Lego club was the best bit."',
            '"Mrs Kerr saved me a seat at the front."',
            '"I knew what to do today because it was on the board."',
            '"Ollie said I can be on his team tomorrow."',
        ),
        years=(
            _school_year(
                _HOLLYBROOK,
                "Year 4",
                "Miss Priya Patel (class teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Lisa Kerr (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
            _school_year(
                _HOLLYBROOK,
                "Year 5",
                "Mr Owen Griffiths (class teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Lisa Kerr (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
            _school_year(
                _HOLLYBROOK,
                "Year 6",
                "Mrs Joanne Kirby (class teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Lisa Kerr (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
        ),
        story=_tobi_story,
    ),
    _Person(
        key="amara",
        name="Amara Okafor-Bennett",
        preferred="",
        setting="Castle Rise Academy",
        phase="school",
        year_group="Year 10",
        senco="Ms Claire Morton",
        areas=("cognition_learning", "sensory_physical", "semh"),
        status="sen_support",
        notes=(
            "Dyslexia (private specialist assessment) and developmental co-ordination "
            "disorder. Loves art and plays the guitar. Uses a laptop for writing."
        ),
        pronouns=("she", "her", "her"),
        young=False,
        comfort="her headphones and music",
        activities=("art club", "painting", "guitar practice", "drawing"),
        worries=(
            "a spelling test",
            "having to read aloud in English",
            "a supply teacher in maths",
            "a homework detention",
            "the PE changing room",
        ),
        hard_words=(
            "\"I'm not stupid, I just can't get it down fast enough.\"",
            '"Everyone watches when I read out loud."',
            "\"I can't go in today. I just can't.\"",
            '"They think I\'m lazy. I worked on it for two hours."',
        ),
        good_words=(
            '"Art was good, nobody cares about spelling in art."',
            '"I used the laptop and finished first for once."',
            '"Mr Lewis said my answer was the best in the group."',
        ),
        years=tuple(
            _school_year(
                "Castle Rise Academy",
                year,
                "Mr Jamal Reid (Head of Year)",
                "Ms Claire Morton (SENDCo)",
                "Mr Tom Lewis (learning support assistant)",
                "Mrs Susan Hargreaves (headteacher)",
            )
            for year in ("Year 8", "Year 9", "Year 10")
        ),
        story=_amara_story,
    ),
    _Person(
        key="femi",
        name="Femi Okafor-Bennett",
        preferred="",
        setting=_HOLLYBROOK,
        phase="school",
        year_group="Year 1",
        senco="Mrs Harriet Doyle",
        areas=("communication_interaction", "sensory_physical"),
        status="ehc_plan",
        notes=(
            "Glue ear; grommets fitted in nursery. Uses Makaton signs alongside words. "
            "Loves trains and bubbles."
        ),
        pronouns=("he", "his", "him"),
        young=True,
        comfort="his ear defenders",
        activities=("the train set", "bubbles outside", "the water tray", "the sand pit"),
        worries=(
            "going back after the weekend",
            "the hand dryer in the toilets",
            "the noisy hall",
            "a new adult in the room",
        ),
        hard_words=('"No school. Home."', '"Too noisy!"', '"Femi sad."'),
        good_words=('"Femi did it!"', '"More bubbles!"', '"Trains! Me and Zain."'),
        years=(
            _school_year(
                "Little Acorns Day Nursery",
                "Nursery",
                "Aisha Khan (key person)",
                "Jo Barker (nursery manager and SENCo)",
                "Aisha Khan (key person)",
                "Jo Barker (nursery manager)",
            ),
            _school_year(
                _HOLLYBROOK,
                "Reception",
                "Miss Laura Bell (Reception teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Samira Ahmed (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
            _school_year(
                _HOLLYBROOK,
                "Year 1",
                "Mr Imran Shah (class teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Samira Ahmed (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
        ),
        story=_femi_story,
    ),
)
