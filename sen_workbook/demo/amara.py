"""Amara's story: secondary school with dyslexia, SEN Support plans and reviews."""

from __future__ import annotations

from sen_workbook.demo.documents import _pdf
from sen_workbook.demo.school_calendar import (
    FRI,
    MON,
    SAT,
    SUN,
    THU,
    TUE,
    WED,
    _Calendar,
    _long,
    _month,
)
from sen_workbook.demo.story import (
    _DAD,
    _MUM,
    _Document,
    _Scripted,
    _Story,
    _target,
)


def _amara_story(c: _Calendar) -> list[_Scripted]:
    s = _Story()
    morton, reid = "Ms Claire Morton (SENDCo)", "Mr Jamal Reid (Head of Year)"
    head = "Mrs Susan Hargreaves (headteacher)"
    farrow = "Helen Farrow, specialist teacher assessor (private assessment)"
    ot = "Megan Lloyd, Children's Occupational Therapist, Hartshire Community Health"
    cl, sp, semh = "cognition_learning", "sensory_physical", "semh"

    a1 = _target(
        "A1",
        "Read a Year 8 science text with a reader pen and answer three questions about it",
        cl,
        "Answers 3 questions correctly on 3 of 4 tries",
    )
    a2 = _target(
        "A2",
        "Touch-type at 20 words a minute",
        cl,
        "20 words a minute on the typing programme's test",
    )
    a3 = _target(
        "A3",
        "Write for 20 minutes with a sloped board and pen grip without hand pain",
        sp,
        "Writes for 20 minutes in English without stopping for pain",
    )
    a4 = _target(
        "A4",
        "Use the agreed exit card to go to the learning support base when overwhelmed",
        semh,
        "Uses the card rather than walking out, every time",
    )
    a5 = _target(
        "A5",
        "Use a laptop for extended writing in class and tests",
        cl,
        "Uses the laptop in every lesson with extended writing",
    )

    s.add(
        0,
        "observation",
        c.at(1, 1, SUN, "20:30"),
        title="History homework took two and a half hours",
        details=(
            "A one-page history homework took Amara two and a half hours and ended in "
            'tears. She said: "I know what I want to say, it just comes out wrong '
            'when I write it and then I have to start again." She knew the answers '
            "when we talked them through."
        ),
        areas=[cl],
    )
    s.add(
        0,
        "concern",
        c.at(1, 2, TUE),
        title="Raised worries about reading and homework with the SENDCo",
        details=(
            "Emailed Ms Morton that Amara's homework takes hours, that she avoids "
            "reading aloud, and that her handwriting hurts after a few lines. Asked "
            "what her reading age is and whether she could be assessed for dyslexia "
            "in school."
        ),
        areas=[cl, sp],
        people=[morton],
        raised_by=_MUM,
        raised_with=morton,
        channel="Email",
        response=(
            "Ms Morton said Amara's reading age was tested in Year 7 as 9 years 4 "
            "months, that she is on the literacy intervention list, and that the "
            "school does not diagnose dyslexia."
        ),
        response_date=c.iso(1, 3, MON),
    )
    s.add(
        0,
        "assessment",
        c.at(1, 8, SAT),
        key="dyslexia",
        title="Specialist teacher dyslexia assessment",
        details=(
            "We paid for a private assessment by a specialist teacher because school "
            "does not assess for dyslexia. Three hours on a Saturday morning; Amara "
            "was tired but said Mrs Farrow 'got it'. We sent the report to Ms Morton "
            "the same day."
        ),
        areas=[cl, sp],
        people=[farrow],
        professional=farrow,
        findings=(
            "Profile consistent with dyslexia: phonological processing and working "
            "memory well below average, single-word reading standard score 78, "
            "spelling 74; verbal reasoning above average. Handwriting speed 11 words "
            "a minute."
        ),
        recommendations=[
            {"text": "A laptop for extended writing in class and tests", "implemented": "no"},
            {
                "text": "25% extra time in tests, to be assessed for exam access arrangements",
                "implemented": "partly",
            },
            {"text": "Printed copies of slides and homework instructions", "implemented": "yes"},
            {
                "text": "Structured, multisensory literacy programme three times a week",
                "implemented": "unknown",
            },
        ],
        document=_Document(
            f"Dyslexia assessment report {_month(c.day(1, 8, SAT))}.pdf",
            "Specialist teacher's dyslexia assessment report",
            lambda: _pdf(
                "Diagnostic Assessment Report (Specific Learning Difficulties)",
                [
                    "Name: Amara Okafor-Bennett, Year 8, Castle Rise Academy",
                    f"Date of assessment: {_long(c.day(1, 8, SAT))}",
                    "",
                    "Single-word reading: standard score 78.",
                    "Spelling: standard score 74.",
                    "Verbal reasoning: above average.",
                    "Handwriting speed: 11 words per minute.",
                    "",
                    "The profile is consistent with dyslexia.",
                    "",
                    "Recommendations: laptop for extended writing; 25% extra time;",
                    "printed slides and homework; structured multisensory literacy teaching.",
                    "",
                    "Helen Farrow, Specialist Teacher Assessor",
                ],
            ),
        ),
    )
    s.add(
        0,
        "plan",
        c.at(1, 11, MON),
        key="aplan1",
        title="SEN Support plan: Year 8",
        details=(
            "First SEN Support plan at Castle Rise, written by Ms Morton after the "
            "dyslexia report. All teachers have been sent a one-page profile. We "
            "asked for the laptop recommendation to be included and were told it "
            "would be 'considered at review'."
        ),
        areas=[cl, sp],
        people=[morton],
        start_date=c.iso(1, 11, MON),
        review_date=c.iso(1, 23, FRI),
        targets=[{**t, "by_date": c.iso(1, 23, FRI)} for t in (a1, a2, a3)],
        provision=[
            {
                "what": "Literacy intervention (small group)",
                "who": "Mr Lewis",
                "frequency": "3 times a week, 20 minutes",
                "start": c.iso(1, 12, MON),
                "end": "",
            },
            {
                "what": "Touch-typing club",
                "who": "Learning support",
                "frequency": "Weekly, lunchtime",
                "start": c.iso(1, 12, WED),
                "end": "",
            },
            {
                "what": "Sloped writing board and pen grip",
                "who": "Class teachers",
                "frequency": "Every lesson",
                "start": c.iso(1, 11, MON),
                "end": "",
            },
            {
                "what": "Printed homework instructions",
                "who": "Class teachers",
                "frequency": "Every homework",
                "start": c.iso(1, 11, MON),
                "end": "",
            },
        ],
    )
    s.add(
        0,
        "meeting",
        c.at(1, 13, THU, "17:10"),
        title="Year 8 parents' evening",
        details=(
            "Five-minute appointments with each teacher. English and science said "
            "Amara's spoken answers are among the best in the class but her written "
            "work does not show it. Two teachers had not seen the one-page profile. "
            "Mr Reid said he would remind staff."
        ),
        areas=[cl],
        people=[reid],
        attendees=[_MUM, _DAD, reid, "Amara"],
        purpose="Hear from each teacher how Amara is doing",
        actions=[
            {
                "text": "Remind all Amara's teachers about printed homework instructions",
                "owner": "Mr Reid",
                "due": c.iso(1, 14, FRI),
                "done": False,
            },
            {
                "text": "Look at the typing programme at home with Amara",
                "owner": "Dan (dad)",
                "due": c.iso(1, 15, FRI),
                "done": True,
            },
        ],
    )
    s.add(
        0,
        "correspondence",
        c.at(1, 5, THU),
        title="Email from the Head of Year about missing homework",
        details=(
            "Mr Reid emailed to say Amara has had three homework detentions for "
            "incomplete work. I replied the same evening that each piece took her "
            "over two hours and that she is waiting for a dyslexia assessment, and "
            "asked whether detentions could stop while this is sorted out."
        ),
        areas=[cl],
        people=[reid],
        direction="received",
        sender=reid,
        to=_MUM,
        subject="Amara: homework detentions",
    )
    s.add(
        0,
        "incident",
        c.at(1, 15, MON, "10:20"),
        key="asuspension",
        title="One-day suspension after walking out of English",
        details=(
            "Amara was asked to read a passage aloud in English, said no, and when the "
            "teacher insisted she walked out and sat in the toilets. She was given a "
            "one-day suspension for 'defiance and truancy from lesson'. The letter "
            "came by email at 16:10. Her teachers were told about her dyslexia in "
            "November."
        ),
        areas=[cl, semh],
        people=[reid, head],
        incident_type="suspension",
        days_lost=1,
    )
    s.add(
        0,
        "review",
        c.at(1, 23, WED),
        key="areview1",
        plan="aplan1",
        title="Review of the Year 8 SEN Support plan",
        details=(
            "Review with Ms Morton; Amara came for the last ten minutes. The literacy "
            "group has happened most weeks. Typing club clashed with lunch and she "
            "went twice. Ms Morton said exam access arrangements are assessed in Year "
            "9, not Year 8."
        ),
        areas=[cl, sp],
        people=[morton],
        outcomes=[
            ("A1", "partly", "Answered 2 of 3 questions correctly on most tries."),
            ("A2", "not_met", "Typing club attended twice; 9 words a minute."),
            (
                "A3",
                "not_met",
                "Stops after about 8 minutes with hand pain; the sloped "
                "board is not in every classroom.",
            ),
        ],
        parent_views=(
            "The reader pen is helping. The laptop was recommended in October and "
            "still has not been tried. We would like the typing club moved to a "
            "lesson time."
        ),
        child_views=(
            '"The reader pen is good but I don\'t want to use it in front of everyone in science."'
        ),
        next_steps="Move typing to a morning registration slot. Ask for an OT referral.",
    )
    s.add(
        0,
        "request",
        c.at(1, 18, MON),
        links=("asuspension",),
        title="Subject access request for Amara's records",
        details=(
            "Emailed the trust's data protection officer asking for all personal data "
            "held about Amara, including behaviour records, the suspension paperwork, "
            "emails between staff about her and the notes of the decision to "
            "suspend. Asked for it electronically."
        ),
        areas=[semh],
        request_type="subject_access",
        sent_to="Data Protection Officer, Castle Rise Academy Trust",
    )

    s.add(
        1,
        "incident",
        c.at(1, 26, WED, "11:00"),
        key="isolation",
        title="Put in the isolation room for not having homework",
        details=(
            "Amara spent periods 3 to 5 in the isolation room because her homework "
            "was not handed in. She had done half of it and could not finish it. She "
            "said she was not allowed to speak or to go to the toilet without asking, "
            "and missed two lessons and lunch with friends."
        ),
        areas=[cl, semh],
        people=[reid],
        incident_type="restraint",
        days_lost=0.5,
    )
    s.add(
        1,
        "request",
        c.at(1, 27, MON),
        links=("asuspension", "isolation"),
        title="Complaint stage 1: isolation and the suspension",
        details=(
            "Complaint to the headteacher that Amara has been punished for the effects "
            "of her dyslexia: homework detentions, the isolation room and the "
            "suspension after refusing to read aloud. Asked for the suspension to be "
            "removed from her record."
        ),
        areas=[cl, semh],
        people=[head],
        request_type="complaint",
        sent_to="Mrs Susan Hargreaves, Headteacher, Castle Rise Academy",
        outcome=(
            "The headteacher said the suspension stands, but agreed Amara will not be "
            "asked to read aloud without warning and that isolation will not be used "
            "for missing homework."
        ),
        outcome_date=c.iso(1, 29, TUE),
    )
    s.add(
        1,
        "assessment",
        c.at(1, 34, TUE),
        key="ot",
        title="Occupational therapy report",
        details=(
            "Amara was seen at the child development centre after a GP referral in "
            "the autumn. The therapist watched her write, use scissors and do some "
            "balance tasks, and talked to her about PE, which she dreads. Report "
            "copied to school."
        ),
        areas=[sp],
        people=[ot],
        professional=ot,
        findings=(
            "Motor co-ordination difficulties consistent with developmental "
            "co-ordination disorder, with joint hypermobility in the hands. "
            "Handwriting is slow and tiring; pain after ten minutes."
        ),
        recommendations=[
            {"text": "A laptop for all extended writing", "implemented": "no"},
            {"text": "Sloped board and pen grip in every classroom", "implemented": "yes"},
            {"text": "Rest breaks in long writing tasks", "implemented": "partly"},
        ],
        document=_Document(
            f"OT report {_month(c.day(1, 34, TUE))}.pdf",
            "Occupational therapy report from Ms Lloyd",
            lambda: _pdf(
                "Occupational Therapy Report",
                [
                    "Name: Amara Okafor-Bennett",
                    f"Seen: {_long(c.day(1, 34, TUE))}",
                    "",
                    "Findings: motor co-ordination difficulties consistent with DCD;",
                    "joint hypermobility in the hands; pain after ten minutes of writing.",
                    "",
                    "Recommendations: laptop for all extended writing; sloped board and pen",
                    "grip; rest breaks in long writing tasks.",
                    "",
                    "Megan Lloyd, Children's Occupational Therapist",
                ],
            ),
        ),
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 34, THU),
        links=("ot",),
        title="Sent the OT report to the SENDCo and asked about the laptop",
        details=(
            "Emailed the occupational therapy report to Ms Morton. Pointed out that "
            "the laptop has now been recommended by two professionals, and asked for a "
            "decision and a start date before the end of the summer term."
        ),
        areas=[cl, sp],
        people=[morton],
        direction="sent",
        sender=_MUM,
        to=morton,
        subject="OT report and the laptop",
        reply_due=c.iso(1, 36, THU),
    )
    s.add(
        1,
        "review",
        c.at(1, 39, WED),
        key="areview2",
        plan="aplan1",
        title="Summer review of the Year 8 SEN Support plan",
        details=(
            "Second review of the same plan. Typing moved to morning registration in "
            "April. Ms Morton said the laptop will be tried from September. Amara's "
            "English teacher sent a note saying her ideas are strong and the gap is "
            "in getting them written down."
        ),
        areas=[cl, sp],
        people=[morton],
        outcomes=[
            ("A1", "met", "Answered all three questions on 3 of 4 tries."),
            ("A2", "not_met", "14 words a minute; practice only since April."),
            ("A3", "partly", "Writes for about 12 minutes before needing a break."),
        ],
        parent_views=(
            "Typing has now not been met twice, but it only really started in "
            "April. We want the laptop in place from the first day of Year 9."
        ),
        child_views=(
            "\"I'm not stupid, I just can't get it down fast enough. Typing is "
            "better than writing even when it's slow.\""
        ),
        next_steps="Carry over A2 and A3. Laptop trial from September. Add anxiety target.",
    )
    s.add(
        1,
        "observation",
        c.at(1, 41, SAT, "10:00"),
        title="Amara talking about next year",
        details=(
            'Amara said she is worried about Year 9: "Everyone watches when I read '
            "out loud. If they make me do it again I'll just walk out again.\" She "
            "spent the afternoon painting and was much happier. Art is the one "
            "subject where she says 'nobody cares about spelling'."
        ),
        areas=[semh],
    )
    s.add(
        1,
        "plan",
        c.at(2, 4, MON),
        key="aplan2",
        title="SEN Support plan: Year 9",
        details=(
            "A2 and A3 carried over. New target for anxiety after the events of Year "
            "8. Laptop trial started this week. Amara has an exit card she can show "
            "to go to the learning support base instead of walking out."
        ),
        areas=[cl, sp, semh],
        people=[morton],
        start_date=c.iso(2, 4, MON),
        review_date=c.iso(2, 20, FRI),
        targets=[{**t, "by_date": c.iso(2, 20, FRI)} for t in (a2, a3, a4)],
        provision=[
            {
                "what": "Laptop for extended writing (trial)",
                "who": "Learning support",
                "frequency": "Every lesson",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
            {
                "what": "Touch-typing practice",
                "who": "Mr Lewis",
                "frequency": "Daily, registration",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
            {
                "what": "Exit card and learning support base",
                "who": "All staff",
                "frequency": "As needed",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
        ],
    )
    s.add(
        1,
        "review",
        c.at(2, 20, WED),
        plan="aplan2",
        title="Review of the Year 9 SEN Support plan",
        details=(
            "Review with Ms Morton and Amara. The laptop trial is going well in most "
            "subjects, but two teachers still ask for handwritten work. Amara has used "
            "the exit card four times and once walked out before she could show it."
        ),
        areas=[cl, sp, semh],
        people=[morton],
        outcomes=[
            ("A2", "met", "22 words a minute in the January test."),
            ("A3", "partly", "Less writing by hand now; still pain after 12 minutes."),
            ("A4", "partly", "Used the card four times; walked out once."),
        ],
        parent_views="Typing is met. The laptop must be used in every subject, not most.",
        child_views='"The laptop is the best thing that\'s happened at this school."',
        next_steps="Laptop to be her normal way of working. Exam access assessment booked.",
    )

    s.add(
        2,
        "meeting",
        c.at(2, 3, THU, "16:00"),
        title="Meeting with Ms Morton about exam access arrangements",
        details=(
            "Asked how Amara will be assessed for exam access arrangements before "
            "GCSEs. Ms Morton explained the school's assessor tests in Year 9 and that "
            "the laptop must be her 'normal way of working' in class for it to be "
            "allowed in exams."
        ),
        areas=[cl],
        people=[morton],
        attendees=[_MUM, morton],
        purpose="Plan the exam access arrangements assessment",
        actions=[
            {
                "text": "Assess Amara for extra time and a word processor",
                "owner": "Ms Morton",
                "due": c.iso(2, 12, FRI),
                "done": False,
            },
            {
                "text": "Tell all teachers the laptop is her normal way of working",
                "owner": "Ms Morton",
                "due": c.iso(2, 5, FRI),
                "done": True,
            },
        ],
        follow_up_sent=c.iso(2, 3, FRI),
    )
    s.add(
        2,
        "incident",
        c.at(2, 13, TUE, "08:40"),
        title="Absent: could not get out of the car at the gate",
        details=(
            "We got to the gate and Amara could not get out of the car. She was "
            "shaking and said her chest hurt. We sat in the car park for forty minutes "
            "and then went home. I phoned the attendance line and told Mr Reid why. "
            "Third time this half-term."
        ),
        areas=[semh],
        people=[reid],
        incident_type="absence",
        days_lost=1,
    )
    s.add(
        2,
        "correspondence",
        c.at(2, 14, MON),
        title="Letter from the GP: referral to CAMHS",
        details=(
            "The GP has referred Amara to CAMHS for anxiety and school avoidance, and "
            "sent us a copy of the referral letter. It mentions her dyslexia, the "
            "suspension in Year 8 and the mornings she cannot get into school. "
            "Expected wait: 12 to 16 weeks."
        ),
        areas=[semh],
        people=["Dr Anita Rao (GP)"],
        direction="received",
        sender="Dr Anita Rao, Meadow Lane Surgery",
        to=_MUM,
        subject="Referral to Hartshire CAMHS",
    )
    s.add(
        2,
        "assessment",
        c.at(2, 30, TUE),
        title="CAMHS assessment summary",
        details=(
            "Amara had her CAMHS assessment after school. She chose to be seen alone "
            "for most of it. The practitioner's summary came a week later, copied to "
            "the GP and to Ms Morton with Amara's agreement."
        ),
        areas=[semh],
        people=["Hartshire CAMHS"],
        professional="Jo Brennan, Mental Health Practitioner, Hartshire CAMHS",
        findings=(
            "Anxiety centred on reading aloud, being singled out and fear of "
            "punishment for things she cannot help. Good relationships at home and "
            "with friends. Offered eight sessions of CBT."
        ),
        recommendations=[
            {
                "text": "Never ask Amara to read aloud without agreeing it first",
                "implemented": "yes",
            },
            {
                "text": "A named member of staff to check in with her each morning",
                "implemented": "no",
            },
        ],
    )
    s.add(
        2,
        "plan",
        c.at(3, 3, MON),
        key="aplan3",
        title="SEN Support plan: Year 10",
        details=(
            "A3 and A4 carried over. New target to make the laptop her normal way of "
            "working in every subject before GCSE exam access arrangements are "
            "decided. Amara helped write the one-page profile this year."
        ),
        areas=[cl, sp, semh],
        people=[morton],
        start_date=c.iso(3, 3, MON),
        review_date=c.iso(3, 18, FRI),
        targets=[{**t, "by_date": c.iso(3, 18, FRI)} for t in (a3, a4, a5)],
        provision=[
            {
                "what": "Laptop for all extended writing",
                "who": "All teachers",
                "frequency": "Every lesson",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
            {
                "what": "Morning check-in with Mr Lewis",
                "who": "Mr Lewis",
                "frequency": "Daily, 5 minutes",
                "start": c.iso(3, 3, MON),
                "end": "",
            },
        ],
    )
    s.add(
        2,
        "review",
        c.at(3, 19, WED),
        plan="aplan3",
        title="Review of the Year 10 SEN Support plan",
        details=(
            "Review with Ms Morton, Mr Lewis and Amara. The laptop is now used in "
            "every subject and the exam access assessment has given her 25% extra "
            "time and a word processor. Attendance this term is 96%."
        ),
        areas=[cl, sp, semh],
        people=[morton],
        outcomes=[
            ("A3", "met", "Rarely writes by hand now; no pain reported this term."),
            ("A4", "met", "Used the exit card when needed; no walk-outs this term."),
            ("A5", "met", "Laptop in every lesson; confirmed by each subject teacher."),
        ],
        parent_views="A good term. Thank you to Mr Lewis for the morning check-ins.",
        child_views="\"I'm actually doing OK. Art's still my favourite.\"",
        next_steps="Keep the morning check-in. Next review in the summer term.",
    )
    s.add(
        2,
        "observation",
        c.at(3, 30, WED, "18:00"),
        title="Amara's art project",
        details=(
            "Amara finished her GCSE art project on the theme of 'Identity': a "
            "painting of herself with words she has been called crossed out. She said: "
            '"This is the first thing at school I\'ve done that says what I mean." Her '
            "art teacher emailed to say it was outstanding."
        ),
        areas=[semh],
    )
    return s.items
