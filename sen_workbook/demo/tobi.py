"""Tobi's story: Year 4 to Year 6, communication and interaction and SEMH needs, an EHC
needs assessment refused, mediation and an appeal."""

from __future__ import annotations

from sen_workbook.demo.documents import _letter, _pdf, _png_playground
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
    _CASEWORKER,
    _DAD,
    _DOB,
    _LA,
    _MUM,
    _Document,
    _Scripted,
    _Story,
    _target,
)


def _tobi_story(c: _Calendar) -> list[_Scripted]:
    s = _Story()
    doyle, patel = "Mrs Harriet Doyle (SENCo)", "Miss Priya Patel (class teacher)"
    kerr, griffiths = "Mrs Lisa Kerr (teaching assistant)", "Mr Owen Griffiths (class teacher)"
    kirby, head = "Mrs Joanne Kirby (class teacher)", "Mr Martin Whitlock (headteacher)"
    salt = (
        "Rachel Adeyemi, Speech and Language Therapist, "
        "Hartshire Children's Speech and Language Therapy (NHS)"
    )
    ep = "Dr Simon Hale, Educational Psychologist, Hartshire Educational Psychology Service"
    ci, semh = "communication_interaction", "semh"

    t1 = _target(
        "T1",
        "Follow a two-step instruction given to the whole class, using the prompt card on his desk",
        ci,
        "Starts the task without an adult repeating the instruction in 4 of 5 observed lessons",
    )
    t2 = _target(
        "T2",
        "Use his 'I need a break' card to ask for a movement break instead "
        "of leaving the classroom",
        semh,
        "Leaves the classroom without asking no more than once a week (class log)",
    )
    t3 = _target(
        "T3",
        "Join a structured game with two classmates at lunchtime, taking turns",
        ci,
        "Takes part in the Lego club game for 15 minutes on 3 of 4 Fridays",
    )
    t4 = _target(
        "T4",
        "Tell an adult how he is feeling, using the 1 to 5 scale, at morning check-in",
        semh,
        "Gives a number at check-in on 4 of 5 days",
    )
    t5 = _target(
        "T5",
        "Ask for help using a sentence starter such as 'Can you say that again?'",
        ci,
        "Uses a sentence starter at least once a day, seen by Mrs Kerr",
    )
    t6 = _target(
        "T6",
        "Use the quiet base at lunchtime and come back to class on time",
        semh,
        "Back in class on time after lunch on 4 of 5 days",
    )
    t7 = _target(
        "T7",
        "Explain a maths method to a partner in two or three sentences",
        ci,
        "Does so in 3 of 4 observed maths lessons",
    )

    s.add(
        0,
        "observation",
        c.at(1, 0, TUE, "16:30"),
        title="Came out of school shaking on the second day",
        details=(
            "Tobi did not speak on the walk home and went under the kitchen table "
            'with his ear defenders for an hour. Later he said: "Miss Patel talks '
            "really fast and then everybody talks back at the same time. I don't "
            "know what I'm meant to do so I just wait.\" He ate a little tea and was "
            "asleep by seven."
        ),
        areas=[ci, semh],
    )
    s.add(
        0,
        "concern",
        c.at(1, 1, MON),
        key="concern1",
        title="Raised worries about instructions and distress after school",
        details=(
            "I emailed Miss Patel to say Tobi has come home distressed every day "
            "since term started, cannot tell me what he is meant to do in lessons "
            "and says he has no one to play with. I asked whether he is following "
            "instructions in class and whether she could talk to the SENCo."
        ),
        areas=[ci, semh],
        people=[patel],
        raised_by=_MUM,
        raised_with=patel,
        channel="Email",
        response=(
            "Miss Patel replied that Tobi is 'quiet but fine' in class, that she "
            "will keep an eye on him and pass my email to Mrs Doyle."
        ),
        response_date=c.iso(1, 1, THU),
    )
    s.add(
        0,
        "meeting",
        c.at(1, 3, WED, "15:30"),
        key="meeting1",
        title="Meeting with the SENCo about Tobi's communication",
        details=(
            "Mrs Doyle said school has also noticed Tobi 'freezing' when asked a "
            "question in front of the class and walking the edge of the field at "
            "playtime. Miss Patel said he often starts work late because he waits to "
            "copy others. We asked for a speech and language referral and Mrs Doyle "
            "agreed."
        ),
        areas=[ci, semh],
        people=[doyle, patel],
        attendees=[_MUM, _DAD, doyle, patel],
        purpose="Share what home and school have noticed and agree next steps",
        actions=[
            {
                "text": "Refer Tobi to the NHS speech and language therapy service",
                "owner": "Mrs Doyle",
                "due": c.iso(1, 5, FRI),
                "done": True,
            },
            {
                "text": "Start a home-school communication book, written in every day",
                "owner": "Miss Patel",
                "due": c.iso(1, 4, WED),
                "done": False,
            },
            {
                "text": "Write a SEN Support plan and put Tobi on the SEN register",
                "owner": "Mrs Doyle",
                "due": c.iso(1, 6, FRI),
                "done": True,
            },
            {
                "text": "Send school a weekly note of what Tobi says at home",
                "owner": "Ngozi (mum)",
                "due": c.iso(1, 4, FRI),
                "done": True,
            },
        ],
        follow_up_sent=c.iso(1, 3, WED),
    )
    s.add(
        0,
        "correspondence",
        c.at(1, 3, WED, "19:45"),
        links=("meeting1",),
        title="Email confirming what we agreed with the SENCo",
        details=(
            "Thanked Mrs Doyle and Miss Patel for meeting us and listed the four "
            "actions, who is doing each one and by when. Asked Mrs Doyle to tell me "
            "if I had got anything wrong, and asked for a copy of the SEN Support "
            "plan once it is written."
        ),
        areas=[ci],
        people=[doyle],
        direction="sent",
        sender=_MUM,
        to=doyle,
        subject="Today's meeting about Tobi: what we agreed",
        reply_due=c.iso(1, 4, WED),
    )
    s.add(
        0,
        "plan",
        c.at(1, 5, MON),
        key="plan1",
        title="SEN Support plan: autumn term, Year 4",
        details=(
            "Written by Mrs Doyle after the September meeting and sent home in "
            "Tobi's bag. Needs: communication and interaction (following spoken "
            "instructions, joining in) and social, emotional and mental health "
            "(distress at changes, leaving the classroom). We signed it and asked "
            "for the ELSA sessions to start straight away."
        ),
        areas=[ci, semh],
        people=[doyle, patel, kerr],
        start_date=c.iso(1, 5, MON),
        review_date=c.iso(1, 19, FRI),
        targets=[{**t, "by_date": c.iso(1, 19, FRI)} for t in (t1, t2, t3)],
        provision=[
            {
                "what": "Talkabout social communication group",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 30 minutes",
                "start": c.iso(1, 6, MON),
                "end": "",
            },
            {
                "what": "Visual timetable and now/next board on his desk",
                "who": "Miss Patel",
                "frequency": "Daily",
                "start": c.iso(1, 5, MON),
                "end": "",
            },
            {
                "what": "ELSA (emotional literacy support) sessions",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 30 minutes",
                "start": c.iso(1, 8, TUE),
                "end": "",
            },
            {
                "what": "Movement breaks at set times",
                "who": "Class team",
                "frequency": "Twice a day",
                "start": c.iso(1, 5, MON),
                "end": "",
            },
        ],
    )
    s.add(
        0,
        "incident",
        c.at(1, 9, TUE, "11:50"),
        key="senthome1",
        title="Asked to collect Tobi at lunchtime after he threw a chair",
        details=(
            "Mrs Doyle phoned me at work at 11:50 and asked me to collect Tobi 'to "
            "let him calm down at home'. He had thrown a chair when the seating plan "
            "was changed without warning; no one was hurt. I was not given a letter "
            "and was told it was 'not an exclusion'. He missed the afternoon."
        ),
        areas=[semh],
        people=[doyle],
        incident_type="sent_home",
        days_lost=0.5,
    )
    s.add(
        0,
        "review",
        c.at(1, 19, WED),
        key="review1",
        plan="plan1",
        title="Review of the autumn SEN Support plan",
        details=(
            "Review after school with Mrs Doyle and Miss Patel. Tobi gave his views "
            "beforehand with Mrs Kerr, using a scale and pictures. His reading is at "
            "the expected standard but his listening and attention scores are well "
            "below. The speech and language referral is still waiting."
        ),
        areas=[ci, semh],
        people=[doyle, patel],
        outcomes=[
            (
                "T1",
                "not_met",
                "Started the task unprompted in 1 of 5 lessons observed by "
                "Mrs Doyle; still waits and copies others.",
            ),
            (
                "T2",
                "partly",
                "Used the break card 6 times; left the room without asking "
                "4 times in the last 3 weeks (class log).",
            ),
            (
                "T3",
                "met",
                "Has joined Lego club every Friday since November and takes turns with two boys.",
            ),
        ],
        parent_views=(
            "We are pleased about Lego club: he talks about it all weekend. We "
            "are worried he still does not understand what to do in lessons and "
            "that he has been sent home early this term."
        ),
        child_views=(
            '"Lego club is the best bit. I like building with Jayden and Ollie. '
            "In class I still don't know what to do when Miss talks a lot. The "
            'card is embarrassing because people look at me."'
        ),
        next_steps=(
            "Keep T1 and T2. Add a target for naming feelings. Mrs Doyle to chase "
            "the speech and language referral. Review again after Easter."
        ),
    )
    s.add(
        0,
        "plan",
        c.at(1, 20, MON),
        key="plan2",
        title="SEN Support plan: spring term, Year 4",
        details=(
            "T1 and T2 carried over from the autumn plan because they were not met. "
            "New: a morning check-in with Mrs Kerr. We asked again for the "
            "home-school book, agreed in September and still not started, and for "
            "the speech and language assessment to be chased."
        ),
        areas=[ci, semh],
        people=[doyle, kerr],
        start_date=c.iso(1, 20, MON),
        review_date=c.iso(1, 35, FRI),
        targets=[{**t, "by_date": c.iso(1, 35, FRI)} for t in (t1, t2, t4)],
        provision=[
            {
                "what": "Talkabout social communication group",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 30 minutes",
                "start": c.iso(1, 6, MON),
                "end": "",
            },
            {
                "what": "ELSA (emotional literacy support) sessions",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 30 minutes",
                "start": c.iso(1, 8, TUE),
                "end": "",
            },
            {
                "what": "Morning check-in with a key adult",
                "who": "Mrs Kerr",
                "frequency": "Daily, 10 minutes",
                "start": c.iso(1, 20, MON),
                "end": "",
            },
            {
                "what": "Pre-teaching of topic words",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 20 minutes",
                "start": c.iso(1, 21, MON),
                "end": "",
            },
        ],
    )
    s.add(
        0,
        "assessment",
        c.at(1, 23, THU),
        key="salt",
        title="Speech and language therapy report",
        details=(
            "Assessment done at school over two sessions; the report was posted to us "
            "and copied to Mrs Doyle. Ms Adeyemi will not give ongoing therapy: the "
            "service gives advice and a programme for school to deliver, and will "
            "review in six months."
        ),
        areas=[ci],
        people=[salt],
        professional=salt,
        findings=(
            "Receptive language well below the expected range for his age (CELF-5 "
            "receptive language standard score 72); expressive language low average. "
            "Difficulty holding and acting on instructions of more than two parts, "
            "and with inference. Social communication differences noted."
        ),
        recommendations=[
            {
                "text": "Give instructions in short chunks, with a visual or written prompt",
                "implemented": "yes",
            },
            {"text": "Pre-teach topic vocabulary weekly in a small group", "implemented": "partly"},
            {
                "text": "Daily 10-minute language programme delivered by a trained teaching "
                "assistant",
                "implemented": "no",
            },
            {
                "text": "Check understanding by asking Tobi to show, not by asking whether "
                "he understands",
                "implemented": "unknown",
            },
            {
                "text": "Refer to the neurodevelopmental (autism) assessment pathway",
                "implemented": "yes",
            },
        ],
        document=_Document(
            f"SALT report {_month(c.day(1, 23, THU))}.pdf",
            "Speech and language therapy report from Ms Adeyemi",
            lambda: _pdf(
                "Speech and Language Therapy Report",
                [
                    "Name: Oluwatobi (Tobi) Okafor-Bennett",
                    f"Date of assessment: {_long(c.day(1, 22, TUE))}",
                    "Setting: Hollybrook Primary School, Year 4",
                    "",
                    "Assessment: CELF-5 (selected subtests), observation in class, "
                    "discussion with SENCo and parents.",
                    "Receptive language standard score 72 (well below the expected range).",
                    "Expressive language standard score 84 (low average).",
                    "",
                    "Recommendations:",
                    "1. Give instructions in short chunks with a visual or written prompt.",
                    "2. Pre-teach topic vocabulary weekly in a small group.",
                    "3. Daily 10-minute language programme delivered by a trained TA.",
                    "4. Check understanding by asking Tobi to show what to do.",
                    "5. Refer to the neurodevelopmental assessment pathway.",
                    "",
                    "Rachel Adeyemi, Speech and Language Therapist",
                ],
            ),
        ),
    )
    s.add(
        0,
        "review",
        c.at(1, 36, WED),
        key="review2",
        plan="plan2",
        title="Review of the spring SEN Support plan",
        details=(
            "Review in the SENCo's office, 40 minutes. Miss Patel brought Tobi's "
            "books: his writing is better when he has a word bank. The daily language "
            "programme from the speech and language report has not started because "
            "no assistant has been trained to deliver it."
        ),
        areas=[ci, semh],
        people=[doyle, patel],
        outcomes=[
            (
                "T1",
                "not_met",
                "Started unprompted in 1 of 5 observed lessons; no change since January.",
            ),
            (
                "T2",
                "met",
                "Asked for a break with the card every time in the last four "
                "weeks; has not left the room without asking since March.",
            ),
            ("T4", "met", "Gives a number at check-in most days and has started to say why."),
        ],
        parent_views=(
            "T1 has now not been met at two reviews in a row, and the daily "
            "language programme recommended by the therapist has not started. "
            "We told school we will ask the local authority for an EHC needs "
            "assessment."
        ),
        child_views=(
            "\"I'm mostly a 3. When Miss explains the maths I try to listen but "
            "the words go too quick and then it's too late to ask.\""
        ),
        next_steps=(
            "Mrs Doyle to ask the educational psychologist to see Tobi. Daily "
            "language programme to start after half-term. School will send its "
            "evidence for the EHC needs assessment request."
        ),
    )
    s.add(
        0,
        "request",
        c.at(1, 37, MON),
        key="ehcna",
        title="Request for an EHC needs assessment",
        details=(
            "Sent by email to the SEND Team with the speech and language report, both "
            "SEN Support plans and reviews, and a list of the days Tobi was sent home "
            "early. Asked for an acknowledgement. The decision whether to assess is "
            "due within six weeks."
        ),
        areas=[ci, semh],
        people=[_CASEWORKER],
        request_type="ehcna",
        sent_to=_LA,
        outcome=(
            "Refused: the local authority decided not to carry out an EHC needs "
            "assessment, saying Tobi's needs can be met from resources normally "
            "available to the school."
        ),
        outcome_date=c.iso(1, 42, THU),
        document=_Document(
            f"EHC needs assessment request {_month(c.day(1, 37, MON))}.txt",
            "Our letter asking for an EHC needs assessment",
            lambda: _letter(
                [
                    _MUM.split(" (")[0] + " and " + _DAD.split(" (")[0],
                    "",
                    _long(c.day(1, 37, MON)),
                    "",
                    "SEND Team",
                    "Hartshire County Council",
                ],
                "Dear SEND Team,",
                [
                    "Request for an EHC needs assessment: Oluwatobi (Tobi) Okafor-Bennett, "
                    f"born {_long(_DOB['tobi'](c))}, Year 4, Hollybrook Primary School.",
                    "We are Tobi's parents and we ask the local authority to carry out an "
                    "education, health and care needs assessment under section 36 of the "
                    "Children and Families Act 2014.",
                    "Tobi has special educational needs in communication and interaction "
                    "and in social, emotional and mental health. He has been on SEN Support "
                    f"since {_long(c.day(1, 5, MON))}. Despite two SEN Support plans he has "
                    "not met his main target, following a two-step class instruction, at "
                    "either review, and he has been sent home early more than once.",
                    "The speech and language therapist recommends a daily language "
                    "programme delivered by a trained assistant, which the school has not "
                    "been able to provide.",
                    "We believe Tobi has or may have special educational needs and that it "
                    "may be necessary for special educational provision to be made for him "
                    "in accordance with an EHC plan. We enclose the speech and language "
                    "report, the SEN Support plans and reviews, and our record of the days "
                    "he was sent home.",
                    "Please acknowledge this request and tell us the date by which you will "
                    "decide whether to assess.",
                ],
                "Yours faithfully,\nNgozi Okafor-Bennett and Dan Bennett",
            ),
        ),
    )

    # The rest of Year 4.
    s.add(
        1,
        "observation",
        c.at(1, 6, SAT),
        key="drawing",
        title="Tobi's drawing of playtime",
        details=(
            "Tobi drew the playground without being asked: everyone in the middle "
            "playing football, and himself on his own by the fence. When I asked about "
            'it he said: "That\'s me. I walk round and round until the bell." I took '
            "a photo of the drawing to share with Mrs Doyle."
        ),
        areas=[semh, ci],
        document=_Document(
            f"Tobi's drawing of playtime {_month(c.day(1, 6, SAT))}.png",
            "Photo of Tobi's drawing of the playground",
            lambda: _png_playground(),
        ),
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 8, WED),
        title="Letter from speech and language therapy: referral accepted",
        details=(
            "Letter from the children's speech and language therapy service to say "
            "Tobi's referral from school has been accepted. The current wait for an "
            "assessment is about 18 weeks. A therapist will contact school to arrange "
            "to see him there."
        ),
        areas=[ci],
        people=["Hartshire Children's Speech and Language Therapy"],
        direction="received",
        sender="Hartshire Children's Speech and Language Therapy",
        to="Parents of Tobi Okafor-Bennett",
        subject="Referral accepted",
    )
    s.add(
        1,
        "incident",
        c.at(1, 13, THU, "13:10"),
        key="senthome2",
        title="Sent home after refusing to go back into class",
        details=(
            "The office phoned at 13:10 and asked me to come and collect Tobi because "
            "he would not go back into class after lunch and was hiding under the "
            "stairs. I collected him at 13:40. Again there was no letter. Tobi told "
            "me the hall was 'too echoey' at lunch because of the Christmas "
            "rehearsal."
        ),
        areas=[semh],
        people=[doyle],
        incident_type="sent_home",
        days_lost=0.5,
    )
    s.add(
        1,
        "concern",
        c.at(1, 14, MON),
        key="concern2",
        links=("senthome1", "senthome2"),
        title="Asked the headteacher why Tobi is being sent home",
        details=(
            "Wrote to Mr Whitlock listing the two days I was asked to collect Tobi "
            "early, and asked whether they were recorded as exclusions, as the "
            "government guidance says they must be. I asked what support will be put "
            "in place so that it does not happen again."
        ),
        areas=[semh],
        people=[head],
        raised_by=_MUM,
        raised_with=head,
        channel="Letter",
    )
    s.add(
        1,
        "observation",
        c.at(1, 14, SUN, "18:00"),
        title='"I\'m the naughty one now"',
        details=(
            "Over tea Tobi said: \"I'm the naughty one now. Everyone knows I get sent "
            'home." He asked if he is allowed to go to school on Monday. He has '
            "started saying he is 'bad at school' and asked whether Father Christmas "
            "still comes to naughty children."
        ),
        areas=[semh],
    )
    s.add(
        1,
        "meeting",
        c.at(1, 26, TUE, "15:45"),
        key="meeting2",
        links=("salt",),
        title="Meeting with Ms Adeyemi and Mrs Doyle about the SALT report",
        details=(
            "Ms Adeyemi went through her report and showed Mrs Doyle and me the daily "
            "language programme. Mrs Doyle said there is no teaching assistant free to "
            "deliver it every day but she would look at the timetable. Ms Adeyemi said "
            "the programme only works if it is daily."
        ),
        areas=[ci],
        people=[salt, doyle],
        attendees=[_MUM, salt, doyle],
        purpose="Go through the speech and language report and how school will use it",
        actions=[
            {
                "text": "Train Mrs Kerr to deliver the daily language programme",
                "owner": "Mrs Doyle",
                "due": c.iso(1, 28, FRI),
                "done": False,
            },
            {
                "text": "Email the programme and resources to school",
                "owner": "Ms Adeyemi",
                "due": c.iso(1, 27, FRI),
                "done": True,
            },
        ],
    )
    s.add(
        1,
        "incident",
        c.at(1, 27, MON, "08:45"),
        key="parttime",
        title="Tobi put on a part-time timetable (mornings only)",
        details=(
            "Mrs Doyle told me at the gate that from today Tobi would attend 9:00 to "
            "12:00 'for two weeks while we put things in place'. I said I was not "
            "happy and asked for it in writing with an end date. It lasted until the "
            "Easter holiday: three weeks, 15 afternoons missed."
        ),
        areas=[semh],
        people=[doyle],
        incident_type="part_time_timetable",
        days_lost=7.5,
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 27, MON, "20:30"),
        links=("parttime",),
        title="Email asking for the part-time timetable in writing",
        details=(
            "Asked Mrs Doyle to send the part-time timetable in writing: why it is "
            "needed, what support will be in place, how it will be reviewed and the "
            "date it ends. I said we agreed to it only because we were told it was "
            "short-term, and that the afternoons he misses are lost education."
        ),
        areas=[semh],
        people=[doyle],
        direction="sent",
        sender=_MUM,
        to=doyle,
        subject="Tobi's part-time timetable",
        reply_due=c.iso(1, 28, MON),
    )
    s.add(
        1,
        "observation",
        c.at(1, 28, WED, "16:00"),
        title="Afternoons at home on the part-time timetable",
        details=(
            "Third week of mornings only. Tobi is calmer in the afternoons but asked: "
            '"Am I allowed to go to school all day when I\'m good?" He has started '
            "saying he doesn't need school. I am taking unpaid leave to be at home "
            "with him."
        ),
        areas=[semh],
    )
    s.add(
        1,
        "assessment",
        c.at(1, 41, TUE),
        key="ep",
        links=("review2",),
        title="Educational psychologist's report",
        details=(
            "Dr Hale saw Tobi in class and at lunchtime and met Mrs Doyle and us. The "
            "report was shared at a short meeting in school. He said Tobi described "
            "school as 'too loud and too fast' and that the recommendations need "
            "more than the school's usual resources."
        ),
        areas=[ci, semh],
        people=[ep],
        professional=ep,
        findings=(
            "Reasoning abilities broadly average, verbal comprehension a relative "
            "weakness. High anxiety around unstructured times and changes of "
            "routine. Findings consistent with the speech and language report."
        ),
        recommendations=[
            {
                "text": "A key adult to meet Tobi at the gate each morning and go through the day",
                "implemented": "yes",
            },
            {"text": "A quiet base he can use at break and lunchtime", "implemented": "partly"},
            {
                "text": "The daily language programme set by the speech and language therapist",
                "implemented": "no",
            },
            {
                "text": "Staff training on communication-friendly classrooms",
                "implemented": "unknown",
            },
        ],
        document=_Document(
            f"EP report {_month(c.day(1, 41, TUE))}.pdf",
            "Educational psychologist's report from Dr Hale",
            lambda: _pdf(
                "Educational Psychology Report",
                [
                    "Child: Oluwatobi (Tobi) Okafor-Bennett, Year 4",
                    f"Date of report: {_long(c.day(1, 41, TUE))}",
                    "",
                    "Tobi described school as 'too loud and too fast'.",
                    "Reasoning broadly average; verbal comprehension a relative weakness.",
                    "High anxiety around unstructured times and changes of routine.",
                    "",
                    "Recommendations:",
                    "1. A key adult to meet Tobi each morning and go through the day.",
                    "2. A quiet base at break and lunchtime.",
                    "3. The daily language programme set by the speech and language therapist.",
                    "4. Staff training on communication-friendly classrooms.",
                    "",
                    "Dr Simon Hale, Educational Psychologist",
                ],
            ),
        ),
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 42, THU),
        key="refusal",
        links=("ehcna",),
        title="Letter from the SEND Team: decision not to assess",
        details=(
            "The letter says the panel considered the evidence and that Tobi is "
            "making progress with SEN Support. It gives our right to appeal to the "
            "SEND Tribunal within two months, and says we must first contact a "
            "mediation adviser and get a certificate."
        ),
        areas=[ci, semh],
        people=[_CASEWORKER],
        direction="received",
        sender=_CASEWORKER,
        to=f"{_MUM}, {_DAD}",
        subject="Decision on your request for an EHC needs assessment",
        document=_Document(
            f"LA decision letter {_month(c.day(1, 42, THU))}.txt",
            "The local authority's letter refusing to assess",
            lambda: _letter(
                ["Hartshire County Council", "SEND Team", "", _long(c.day(1, 42, THU))],
                "Dear Mrs Okafor-Bennett and Mr Bennett,",
                [
                    "Re: Oluwatobi Okafor-Bennett, Hollybrook Primary School",
                    "Thank you for your request for an education, health and care needs "
                    "assessment. The SEND panel considered it with the evidence from school.",
                    "The panel decided not to carry out an assessment. It considers that "
                    "Tobi is making progress and that his needs can be met from resources "
                    "normally available to the school through SEN Support.",
                    "You have the right to appeal to the First-tier Tribunal (SEND) within "
                    "two months of this letter, or one month from a mediation certificate "
                    "if later. Before appealing you must contact a mediation adviser.",
                ],
                f"Yours sincerely,\n{_CASEWORKER}",
            ),
        ),
    )
    s.add(
        1,
        "request",
        c.at(1, 44, MON),
        key="mediation",
        links=("ehcna", "refusal"),
        title="Mediation about the refusal to assess",
        details=(
            "Contacted the mediation adviser named in the decision letter and said we "
            "want mediation. Sent a summary of why we think the decision is wrong: two "
            "reviews without progress on T1, the recommendations not delivered, and "
            "the days lost to being sent home."
        ),
        areas=[ci, semh],
        request_type="mediation",
        sent_to="Meadowvale Mediation Service",
        outcome=(
            "Mediation held by video call; the local authority kept its decision not "
            "to assess. Mediation certificate issued."
        ),
        outcome_date=c.iso(2, 4, WED),
    )

    # Year 5.
    s.add(
        1,
        "plan",
        c.at(2, 3, MON),
        key="plan3",
        title="SEN Support plan: autumn term, Year 5",
        details=(
            "T1 carried over again. Mrs Kerr has now been trained and the daily "
            "language programme starts this week. Mr Griffiths writes the steps of "
            "each task on the board. New targets for asking for help and for "
            "lunchtimes, which are the hardest part of Tobi's day."
        ),
        areas=[ci, semh],
        people=[doyle, griffiths, kerr],
        start_date=c.iso(2, 3, MON),
        review_date=c.iso(2, 19, FRI),
        targets=[{**t, "by_date": c.iso(2, 19, FRI)} for t in (t1, t5, t6)],
        provision=[
            {
                "what": "Daily language programme (from the SALT report)",
                "who": "Mrs Kerr",
                "frequency": "Daily, 10 minutes",
                "start": c.iso(2, 3, MON),
                "end": "",
            },
            {
                "what": "Key adult meets Tobi at the gate",
                "who": "Mrs Kerr",
                "frequency": "Daily",
                "start": c.iso(2, 0, MON),
                "end": "",
            },
            {
                "what": "Quiet base at lunchtime",
                "who": "Lunchtime team",
                "frequency": "Daily",
                "start": c.iso(2, 3, MON),
                "end": "",
            },
            {
                "what": "Lego-based therapy group",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 45 minutes",
                "start": c.iso(2, 4, THU),
                "end": "",
            },
        ],
    )
    s.add(
        1,
        "request",
        c.at(2, 6, MON),
        key="complaint1",
        links=("senthome1", "parttime"),
        title="Complaint stage 1: being sent home and the part-time timetable",
        details=(
            "Formal complaint to the headteacher under the school's complaints "
            "policy. Listed the days Tobi was sent home without a letter and the "
            "three weeks of mornings only with no written plan, and asked for them to "
            "be recorded correctly and for the lost time to be made up."
        ),
        areas=[semh],
        people=[head],
        request_type="complaint",
        sent_to="Mr Martin Whitlock, Headteacher, Hollybrook Primary School",
        outcome=(
            "Headteacher's reply: accepted that the early collections should have "
            "been recorded as exclusions and that the part-time timetable had no "
            "written plan; apologised and said staff will be reminded of the "
            "guidance."
        ),
        outcome_date=c.iso(2, 9, THU),
    )
    s.add(
        1,
        "request",
        c.at(2, 7, TUE),
        key="appeal",
        links=("ehcna", "mediation"),
        title="Appeal to the SEND Tribunal against the refusal to assess",
        details=(
            "Sent the appeal form to the Tribunal with the decision letter and the "
            "mediation certificate. Evidence: the speech and language and educational "
            "psychology reports, the plans and reviews, and our records. Advice from "
            "Hartshire SENDIASS helped with the form."
        ),
        areas=[ci, semh],
        request_type="appeal",
        sent_to="First-tier Tribunal (Special Educational Needs and Disability)",
        outcome=(
            "The local authority did not defend the appeal and agreed to carry out "
            "an EHC needs assessment; the Tribunal made a consent order."
        ),
        outcome_date=c.iso(2, 18, WED),
    )
    s.add(
        1,
        "request",
        c.at(2, 10, TUE),
        key="record",
        title="Request for Tobi's education record",
        details=(
            f"Wrote to the school asking for a copy of Tobi's education record since "
            f"{_long(c.day(1, 0, MON))}, including behaviour logs, incident forms and "
            "the register marks on the days he was sent home. The school is "
            "maintained by the council, so the 15 school day rule applies."
        ),
        areas=[semh],
        people=[head],
        request_type="education_record",
        sent_to="Mr Martin Whitlock, Headteacher, Hollybrook Primary School",
        outcome="Copy of the education record received; the incident forms were missing.",
        outcome_date=c.iso(2, 16, WED),
    )
    s.add(
        1,
        "observation",
        c.at(2, 12, THU, "17:30"),
        title="Tobi on Mr Griffiths' steps on the board",
        details=(
            'Tobi came home and said: "Mr G writes the steps on the board so I can '
            "look back. That's the trick.\" He finished his maths for the first time "
            "this year, he said. He also told me Mrs Kerr's 'word games' every morning "
            "are 'a bit babyish but OK'."
        ),
        areas=[ci],
    )
    s.add(
        1,
        "incident",
        c.at(2, 14, THU, "12:30"),
        key="suspension",
        title="One-day suspension after an incident in the lunch queue",
        details=(
            "Tobi hit another pupil in the lunch queue after being pushed; the other "
            "boy was not badly hurt. This time we had a suspension letter, the first "
            'formal one. Tobi said: "He pushed me and everyone was shouting and my '
            'hands just did it." We asked for a reintegration meeting.'
        ),
        areas=[semh],
        people=[head, doyle],
        incident_type="suspension",
        days_lost=1,
    )
    s.add(
        1,
        "review",
        c.at(2, 19, WED),
        key="review3",
        plan="plan3",
        title="Review of the autumn SEN Support plan (Year 5)",
        details=(
            "Review with Mrs Doyle and Mr Griffiths. The daily language programme has "
            "run since October with only a few days missed. Mr Griffiths said the "
            "steps on the board help the whole class. Lunchtimes are still hard; the "
            "suspension happened in the lunch queue."
        ),
        areas=[ci, semh],
        people=[doyle, griffiths],
        outcomes=[
            (
                "T1",
                "partly",
                "Started unprompted in 3 of 5 observed lessons since the language programme began.",
            ),
            ("T5", "met", "Mrs Kerr hears him use a sentence starter several times a day."),
            ("T6", "partly", "Back on time on 2 or 3 days a week; late after busy lunchtimes."),
        ],
        parent_views=(
            "The first real progress on T1, since the daily programme started. "
            "It shows what the right provision does; it should not depend on "
            "whether Mrs Kerr is free."
        ),
        child_views='"Mrs Kerr\'s word games help. Lunch is still too noisy."',
        next_steps="Keep T1 and T6. Lunchtime plan to be written. Review before Easter.",
    )

    # The rest of the story, kept at the larger sizes.
    s.add(
        2,
        "correspondence",
        c.at(1, 43, WED),
        title="Asked Hartshire SENDIASS for advice about the refusal",
        details=(
            "Emailed the local SEND Information, Advice and Support Service with the "
            "decision letter, asking whether we have grounds to appeal and how "
            "mediation works. They replied the next day offering a phone appointment "
            "and sending IPSEA's guide to refusals to assess."
        ),
        areas=[ci, semh],
        people=["Hartshire SENDIASS"],
        direction="sent",
        sender=_MUM,
        to="Hartshire SENDIASS",
        subject="Refusal to assess: advice please",
    )
    s.add(
        2,
        "observation",
        c.at(1, 48, TUE, "15:00"),
        title="Summer holiday: swimming every day",
        details=(
            "Tobi has been calmer since the holiday started. We went swimming every "
            "day this week and he swam a width on his own. He said: \"In the pool it's "
            'quiet under the water." He is sleeping well and drawing bus maps '
            "for hours."
        ),
        areas=[semh],
    )
    s.add(
        2,
        "meeting",
        c.at(2, 1, THU, "15:30"),
        title="Meeting Mr Griffiths at the start of Year 5",
        details=(
            "Mr Griffiths had read the SEN Support plans and the therapy reports over "
            "the summer. He asked what works at home and wrote it down. We agreed a "
            "seat near the front, away from the door, and that changes will be told "
            "to Tobi the day before."
        ),
        areas=[ci, semh],
        people=[griffiths, doyle],
        attendees=[_MUM, griffiths, doyle],
        purpose="Hand over what helps Tobi to his new class teacher",
        actions=[
            {
                "text": "Start the home-school book (agreed in Year 4)",
                "owner": "Mr Griffiths",
                "due": c.iso(2, 2, MON),
                "done": True,
            },
            {
                "text": "Train Mrs Kerr in the daily language programme",
                "owner": "Mrs Doyle",
                "due": c.iso(2, 3, FRI),
                "done": True,
            },
        ],
        follow_up_sent=c.iso(2, 1, THU),
    )
    s.add(
        2,
        "request",
        c.at(2, 11, MON),
        links=("complaint1",),
        title="Complaint stage 2: the language programme not delivered in Year 4",
        details=(
            "Asked the governors' complaints panel to consider why the daily language "
            "programme recommended in the spring of Year 4 was not delivered until "
            "Year 5, and why the stage 1 reply did not answer this part of the "
            "complaint."
        ),
        areas=[ci],
        request_type="complaint",
        sent_to="Chair of Governors, Hollybrook Primary School",
    )
    s.add(
        2,
        "meeting",
        c.at(2, 15, MON, "09:00"),
        links=("suspension",),
        title="Reintegration meeting after the suspension",
        details=(
            "Meeting with Mr Whitlock and Mrs Doyle before Tobi went back. Tobi came "
            "for the first ten minutes and said what happened in his own words. We "
            "agreed he will go into lunch five minutes early with a friend and eat in "
            "the quiet base on busy days."
        ),
        areas=[semh],
        people=[head, doyle],
        attendees=[_MUM, _DAD, head, doyle, "Tobi"],
        purpose="Plan Tobi's return after the suspension",
        actions=[
            {
                "text": "Add a lunchtime plan to the SEN Support plan",
                "owner": "Mrs Doyle",
                "due": c.iso(2, 16, FRI),
                "done": True,
            },
            {
                "text": "Talk to the lunchtime supervisors about Tobi's needs",
                "owner": "Mrs Doyle",
                "due": c.iso(2, 15, FRI),
                "done": False,
            },
        ],
    )
    s.add(
        2,
        "plan",
        c.at(2, 20, MON),
        key="plan4",
        title="SEN Support plan: spring term, Year 5",
        details=(
            "T1 and T6 carried over (partly met). New target for explaining his "
            "thinking in maths. The EHC needs assessment is now under way after the "
            "appeal, so this plan will be part of the evidence. Lunchtime plan "
            "added: early lunch and the quiet base."
        ),
        areas=[ci, semh],
        people=[doyle, griffiths, kerr],
        start_date=c.iso(2, 20, MON),
        review_date=c.iso(2, 36, FRI),
        targets=[{**t, "by_date": c.iso(2, 36, FRI)} for t in (t1, t6, t7)],
        provision=[
            {
                "what": "Daily language programme (from the SALT report)",
                "who": "Mrs Kerr",
                "frequency": "Daily, 10 minutes",
                "start": c.iso(2, 3, MON),
                "end": "",
            },
            {
                "what": "Early lunch with a friend, then the quiet base",
                "who": "Lunchtime team",
                "frequency": "Daily",
                "start": c.iso(2, 16, MON),
                "end": "",
            },
            {
                "what": "Maths talk partner with sentence frames",
                "who": "Mr Griffiths",
                "frequency": "Each maths lesson",
                "start": c.iso(2, 20, MON),
                "end": "",
            },
        ],
    )
    s.add(
        2,
        "assessment",
        c.at(2, 22, THU),
        title="CAMHS assessment letter",
        details=(
            "Letter after the CAMHS assessment appointment, copied to the GP and "
            "school. Tobi was seen with me for the first half and alone for the "
            "second. The practitioner said his anxiety is mostly about school and "
            "that the autism assessment wait is about 18 months."
        ),
        areas=[semh],
        people=["Sam Whitfield, Children's Wellbeing Practitioner, Hartshire CAMHS"],
        professional="Sam Whitfield, Children's Wellbeing Practitioner, Hartshire CAMHS",
        findings=(
            "Anxiety linked to noise, change and social demands at school; no "
            "concerns about mood at home. Offered six sessions of parent-led CBT. "
            "On the waiting list for the neurodevelopmental (autism) assessment."
        ),
        recommendations=[
            {
                "text": "School and home to use the same calm plan and words",
                "implemented": "partly",
            },
            {"text": "Reduce unstructured time at lunchtime", "implemented": "yes"},
        ],
    )
    s.add(
        2,
        "request",
        c.at(2, 35, TUE),
        key="draft",
        title="Draft EHC plan received",
        details=(
            "The draft EHC plan arrived by email. Section F says Tobi 'will have "
            "access to speech and language support' without saying how much, how "
            "often or who delivers it. We have 15 days to comment and to name the "
            "school we want in Section I."
        ),
        areas=[ci, semh],
        people=[_CASEWORKER],
        request_type="draft_plan",
        sent_to=_LA,
        outcome=(
            "Comments sent: asked for the speech and language provision to be "
            "specified and quantified in Section F, and for a named key adult."
        ),
        outcome_date=c.iso(2, 37, MON),
    )
    s.add(
        2,
        "review",
        c.at(2, 36, WED),
        plan="plan4",
        title="Review of the spring SEN Support plan (Year 5)",
        details=(
            "Last SEN Support review before the EHC plan. Mr Griffiths said Tobi now "
            "starts most tasks with the steps on the board and explains his maths "
            "with the sentence frames. Lunchtimes are much better with the early "
            "lunch."
        ),
        areas=[ci, semh],
        people=[doyle, griffiths],
        outcomes=[
            ("T1", "met", "Started unprompted in 5 of 5 observed lessons in May."),
            ("T6", "met", "Back on time every day for the last four weeks."),
            ("T7", "partly", "Explains his method with the sentence frame, not yet without it."),
        ],
        parent_views=(
            "We are proud of Tobi. T1 was met once the daily language programme "
            "was in place, which is what the therapist said."
        ),
        child_views='"I don\'t need Mrs Kerr to tell me again now. I look at the board."',
        next_steps="Targets to move into the EHC plan outcomes.",
    )
    s.add(
        2,
        "correspondence",
        c.at(2, 42, FRI),
        links=("draft",),
        title="Final EHC plan issued",
        details=(
            "The final EHC plan arrived with a covering letter. Section F now says 10 "
            "minutes of language work a day with a trained assistant, and a review by "
            "the speech and language therapist each term. Hollybrook is named in "
            "Section I. The first annual review is due within 12 months."
        ),
        areas=[ci, semh],
        people=[_CASEWORKER],
        direction="received",
        sender=_CASEWORKER,
        to=f"{_MUM}, {_DAD}",
        subject="Final EHC plan for Tobi",
        document=_Document(
            f"Final EHC plan {_month(c.day(2, 42, FRI))}.pdf",
            "Tobi's final EHC plan",
            lambda: _pdf(
                "Education, Health and Care Plan (final)",
                [
                    "Oluwatobi (Tobi) Okafor-Bennett",
                    f"Date issued: {_long(c.day(2, 42, FRI))}",
                    "",
                    "Section B: communication and interaction; social, emotional and mental",
                    "health.",
                    "Section F: 10 minutes of structured language work daily, delivered by a",
                    "trained teaching assistant; speech and language therapy review each term;",
                    "a named key adult at the start and end of each day; a quiet base.",
                    "Section I: Hollybrook Primary School.",
                ],
            ),
        ),
    )
    s.add(
        2,
        "meeting",
        c.at(3, 1, TUE, "15:30"),
        title="Start of Year 6: how the EHC plan will be delivered",
        details=(
            "Met Mrs Kirby and Mrs Doyle to go through Section F line by line and see "
            "when each part happens on the timetable. The termly therapy review is "
            "booked. We also talked about secondary school visits and the deadline "
            "for naming a school."
        ),
        areas=[ci, semh],
        people=[kirby, doyle],
        attendees=[_MUM, kirby, doyle],
        purpose="Check each part of Section F is on Tobi's timetable",
        actions=[
            {
                "text": "Send home Tobi's weekly timetable showing the language sessions",
                "owner": "Mrs Kirby",
                "due": c.iso(3, 2, FRI),
                "done": True,
            },
            {
                "text": "Arrange an extra transition visit to the secondary school",
                "owner": "Mrs Doyle",
                "due": c.iso(3, 10, FRI),
                "done": False,
            },
        ],
        follow_up_sent=c.iso(3, 1, TUE),
    )
    s.add(
        2,
        "observation",
        c.at(3, 5, SAT, "11:00"),
        title="Open morning at Castle Rise Academy",
        details=(
            "We visited Castle Rise, Amara's school, with Tobi. He coped well for 40 "
            "minutes and liked the library and the quiet room for the learning "
            "support base. He said: \"It's big but Amara knows where everything is, "
            'so I can ask her."'
        ),
        areas=[semh],
    )
    s.add(
        2,
        "incident",
        c.at(3, 20, TUE, "14:00"),
        title="Accident slip: hurt his hand in the playground",
        details=(
            "An accident slip came home saying Tobi had caught his hand in the gate "
            "at afternoon play; it was cleaned and a cold pack given. His hand was "
            "swollen at home so we went to the minor injuries unit; nothing broken. "
            "No phone call from school."
        ),
        areas=["other"],
        people=[kirby],
        incident_type="injury",
        days_lost=0,
    )
    s.add(
        2,
        "request",
        c.at(3, 39, WED),
        title="Annual review of Tobi's EHC plan",
        details=(
            "Annual review meeting at school with Mrs Kirby, Mrs Doyle, the speech and "
            "language therapist and the Castle Rise SENDCo. Everyone agreed the plan "
            "needs amending for secondary school, with the language work continuing "
            "and a named key adult there."
        ),
        areas=[ci, semh],
        people=[kirby, doyle],
        request_type="annual_review",
        sent_to=_LA,
        outcome=(
            "The local authority confirmed it will amend the plan and name Castle "
            "Rise Academy from September."
        ),
        outcome_date=c.iso(3, 41, TUE),
    )
    s.add(
        2,
        "observation",
        c.at(3, 45, FRI, "16:00"),
        title="Last day at Hollybrook",
        details=(
            "Tobi signed shirts with his class and gave Mrs Kerr a card he made "
            "himself. In the car he said: \"I'm a bit scared of big school but I know "
            'where the quiet room is." He cried a bit at bedtime, then asked to see '
            "his new timetable again."
        ),
        areas=[semh],
    )
    return s.items
