"""Femi's story: the nursery years, for the benchmarks' third child."""

from __future__ import annotations

from sen_workbook.demo.documents import _letter
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
    _LA,
    _MUM,
    _Document,
    _Scripted,
    _Story,
    _target,
)


def _femi_story(c: _Calendar) -> list[_Scripted]:
    s = _Story()
    aisha, barker = "Aisha Khan (key person)", "Jo Barker (nursery manager and SENCo)"
    area_senco = "Bev Collins (Early Years Area SENCo)"
    audiology = "Dr Hannah Price, Paediatric Audiology, Hartshire Community Health"
    bell, doyle = "Miss Laura Bell (Reception teacher)", "Mrs Harriet Doyle (SENCo)"
    ci, sp, semh = "communication_interaction", "sensory_physical", "semh"

    f1 = _target(
        "F1",
        "Use two-word phrases such as 'more juice' to ask for things",
        ci,
        "Heard using 10 different two-word phrases in a week",
    )
    f2 = _target(
        "F2",
        "Respond to his name from up to 2 metres, with a visual cue",
        ci,
        "Turns to his name on 4 of 5 tries",
    )
    f3 = _target(
        "F3",
        "Stay with a small group for a 5-minute story with pictures",
        semh,
        "Stays for the whole story on 3 of 5 days",
    )
    f4 = _target(
        "F4",
        "Take turns in a simple game with one other child and an adult",
        ci,
        "Takes three turns without leaving the game on 3 of 5 tries",
    )

    s.add(
        0,
        "observation",
        c.at(1, 2, SAT, "10:00"),
        title="How Femi talks at home",
        details=(
            "Femi uses about twenty words, mostly names of things. He pulls me to what "
            "he wants and gets upset when I don't understand. He doesn't turn round "
            "when I call him from behind, but he hears the biscuit tin from upstairs. "
            "He loves trains and bubbles."
        ),
        areas=[ci, sp],
    )
    s.add(
        0,
        "concern",
        c.at(1, 4, THU),
        title="Talked to Femi's key person about his speech and hearing",
        details=(
            "At pick-up I told Aisha that Femi's talking is well behind what his "
            "brother's was at three and that I'm not sure he always hears us. I asked "
            "what she sees at nursery and whether the nursery SENCo could observe "
            "him."
        ),
        areas=[ci, sp],
        people=[aisha],
        raised_by=_MUM,
        raised_with=aisha,
        channel="In person at pick-up",
        response=(
            "Aisha said Femi plays alone most of the session and does not respond to "
            "his name in a noisy room. She will talk to Jo Barker and suggested we ask "
            "the health visitor for a hearing test."
        ),
        response_date=c.iso(1, 4, THU),
    )
    s.add(
        0,
        "assessment",
        c.at(1, 12, TUE),
        key="hearing",
        title="Hearing test at the paediatric audiology clinic",
        details=(
            "Appointment at the audiology clinic after a referral from the health "
            "visitor. Femi sat on my knee for the play tests and coped well. The "
            "audiologist explained the results to us and wrote to the GP and the "
            "nursery."
        ),
        areas=[sp, ci],
        people=[audiology],
        professional=audiology,
        findings=(
            "Glue ear in both ears, with a mild to moderate hearing loss on the day. "
            "Review in three months; grommets to be considered if it does not clear."
        ),
        recommendations=[
            {"text": "Sit close to Femi and face him when speaking", "implemented": "yes"},
            {"text": "Reduce background noise at group times", "implemented": "partly"},
            {"text": "Refer to the Hearing Support Team", "implemented": "unknown"},
        ],
        document=_Document(
            f"Audiology letter {_month(c.day(1, 12, TUE))}.txt",
            "Letter from the audiology clinic",
            lambda: _letter(
                [
                    "Paediatric Audiology",
                    "Hartshire Community Health",
                    "",
                    _long(c.day(1, 12, TUE)),
                ],
                "Dear Dr Rao,",
                [
                    "Re: Femi Okafor-Bennett",
                    "I saw Femi today with his mother. Tympanometry shows flat traces in "
                    "both ears, consistent with glue ear. Play audiometry suggests a mild "
                    "to moderate hearing loss on the day.",
                    "I will review him in three months. If the fluid has not cleared we "
                    "will discuss grommets. In the meantime his nursery should face him "
                    "when speaking and reduce background noise at group times.",
                ],
                "Yours sincerely,\nDr Hannah Price, Paediatric Audiology",
            ),
        ),
    )
    s.add(
        0,
        "plan",
        c.at(1, 14, MON),
        key="fplan1",
        title="Early years SEN Support plan",
        details=(
            "Written by Jo Barker with Aisha after the hearing test. Femi is now "
            "seated close to the adult at group times and the nursery has started "
            "using Makaton signs with him. We were given a copy to sign and asked to "
            "use the same signs at home."
        ),
        areas=[ci, sp, semh],
        people=[barker, aisha],
        start_date=c.iso(1, 14, MON),
        review_date=c.iso(1, 28, FRI),
        targets=[{**t, "by_date": c.iso(1, 28, FRI)} for t in (f1, f2, f3)],
        provision=[
            {
                "what": "Small-group language activities",
                "who": "Aisha Khan",
                "frequency": "Daily, 10 minutes",
                "start": c.iso(1, 14, MON),
                "end": "",
            },
            {
                "what": "Makaton signing with his key person",
                "who": "Aisha Khan",
                "frequency": "Daily",
                "start": c.iso(1, 14, MON),
                "end": "",
            },
            {
                "what": "Quiet corner at group times",
                "who": "Nursery team",
                "frequency": "Daily",
                "start": c.iso(1, 14, MON),
                "end": "",
            },
        ],
    )
    s.add(
        0,
        "correspondence",
        c.at(1, 16, TUE),
        title="Letter from audiology: grommets operation date",
        details=(
            "Letter from the ENT department offering Femi an operation to fit grommets "
            "in both ears, after the review found the glue ear had not cleared. There "
            "is a pre-operation check by phone two weeks before."
        ),
        areas=[sp],
        people=["ENT department, Hartshire General Hospital"],
        direction="received",
        sender="ENT department, Hartshire General Hospital",
        to="Parents of Femi Okafor-Bennett",
        subject="Admission for grommets",
    )
    s.add(
        0,
        "incident",
        c.at(1, 18, WED, "12:40"),
        title="Asked to pick Femi up early because of staffing",
        details=(
            "Jo Barker phoned at 12:40: two staff were off sick and they 'couldn't "
            "give Femi the one-to-one he needs'. I collected him at 13:15. No other "
            "child was sent home. His funded hours do not allow for this and I had to "
            "leave work."
        ),
        areas=[ci],
        people=[barker],
        incident_type="sent_home",
        days_lost=0.5,
    )
    s.add(
        0,
        "meeting",
        c.at(1, 20, TUE, "13:30"),
        title="Meeting with the Area SENCo",
        details=(
            "Bev Collins observed Femi for an hour then met us with Jo Barker. She "
            "said his play skills are good but his understanding of language is like "
            "a child of about two. She suggested the nursery apply for inclusion "
            "funding and start gathering evidence."
        ),
        areas=[ci, sp],
        people=[area_senco, barker],
        attendees=[_MUM, area_senco, barker, aisha],
        purpose="Hear the Area SENCo's observation and plan next steps",
        actions=[
            {
                "text": "Apply for early years inclusion funding",
                "owner": "Jo Barker",
                "due": c.iso(1, 22, FRI),
                "done": True,
            },
            {
                "text": "Send the audiology letter to the Hearing Support Team",
                "owner": "Ngozi (mum)",
                "due": c.iso(1, 21, FRI),
                "done": False,
            },
        ],
        follow_up_sent=c.iso(1, 20, TUE),
    )
    s.add(
        0,
        "review",
        c.at(1, 28, WED),
        key="freview1",
        plan="fplan1",
        title="Review of the early years SEN Support plan",
        details=(
            "Review with Aisha and Jo Barker. Femi had his grommets fitted in "
            "February and the nursery has noticed him turning to sounds more often. "
            "He has started to sign 'more' and 'finished' and to say 'more bubbles'."
        ),
        areas=[ci, sp, semh],
        people=[aisha, barker],
        outcomes=[
            ("F1", "partly", "Six different two-word phrases heard in a week."),
            (
                "F2",
                "not_met",
                "Turns to his name on about 2 of 5 tries, better since the grommets.",
            ),
            ("F3", "met", "Stays for the whole story most days if he can hold a puppet."),
        ],
        parent_views=(
            "We are seeing more words at home since the grommets. We want the "
            "nursery to request an EHC needs assessment before he starts school."
        ),
        child_views="Femi pointed to the happy face for stories and the sad face for the hall.",
        next_steps="Carry over F1 and F2. Nursery to request an EHC needs assessment.",
    )
    s.add(
        0,
        "request",
        c.at(1, 32, TUE),
        key="fehcna",
        title="Request for an EHC needs assessment (made by the nursery)",
        details=(
            "Jo Barker sent the request with our support and our parent views. "
            "Evidence: the audiology letter, the SEN Support plan and review, the Area "
            "SENCo's observation and the inclusion funding application. Femi is due "
            "to start Reception in September."
        ),
        areas=[ci, sp],
        people=[barker],
        request_type="ehcna",
        sent_to=_LA,
        outcome="Agreed to assess.",
        outcome_date=c.iso(1, 37, FRI),
    )

    s.add(
        1,
        "observation",
        c.at(1, 24, SAT, "15:00"),
        title="Home after the grommets operation",
        details=(
            "Femi had grommets fitted yesterday as a day case. Today in the car he put "
            'his hands over his ears and shouted "Loud car!" and laughed. He has '
            "been turning when the kettle clicks, which he never did before. He "
            "slept for three hours this afternoon."
        ),
        areas=[sp],
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 33, SUN, "21:00"),
        links=("fehcna",),
        title="Sent our parent views for the EHC needs assessment",
        details=(
            "Emailed our parent views to the SEND Team: what Femi is like at home, "
            "what he can do and what he finds hard, what helps, and what we hope for "
            "him at school. Included photos of him signing and a short list of his "
            "words."
        ),
        areas=[ci, sp],
        people=[_CASEWORKER],
        direction="sent",
        sender=_MUM,
        to=_CASEWORKER,
        subject="Parent views: Femi Okafor-Bennett",
        reply_due=c.iso(1, 35, MON),
    )
    s.add(
        1,
        "assessment",
        c.at(1, 36, THU),
        title="Speech and language therapy advice for the EHC needs assessment",
        details=(
            "Ms Adeyemi saw Femi at nursery for the statutory assessment. She also "
            "talked to Aisha and to me on the phone. Her advice went to the SEND Team "
            "and a copy came to us two weeks later."
        ),
        areas=[ci],
        people=["Rachel Adeyemi, Speech and Language Therapist"],
        professional="Rachel Adeyemi, Speech and Language Therapist, Hartshire Children's "
        "Speech and Language Therapy (NHS)",
        findings=(
            "Understanding of language at about a 2 to 2 and a half year level; "
            "expressive vocabulary of around 60 words and signs. Good attention for "
            "play with trains. Progress since the grommets."
        ),
        recommendations=[
            {"text": "Daily small-group language work with a trained adult", "implemented": "yes"},
            {"text": "Makaton signing by all adults who work with Femi", "implemented": "partly"},
        ],
    )
    s.add(
        1,
        "meeting",
        c.at(1, 43, TUE, "10:00"),
        title="Transition meeting for Reception",
        details=(
            "Miss Bell and Mrs Doyle from Hollybrook came to nursery to meet Femi and "
            "Aisha. They watched him at play and asked about signing, the quiet "
            "corner and toileting. Mrs Doyle knows the family from Tobi, which made "
            "it easier."
        ),
        areas=[ci, semh],
        people=[bell, doyle, aisha],
        attendees=[_MUM, bell, doyle, aisha],
        purpose="Plan Femi's move from nursery to Reception",
        actions=[
            {
                "text": "Make a photo book of the Reception classroom for Femi",
                "owner": "Miss Bell",
                "due": c.iso(1, 45, FRI),
                "done": True,
            },
            {
                "text": "Arrange Makaton training for the Reception team",
                "owner": "Mrs Doyle",
                "due": c.iso(2, 2, FRI),
                "done": False,
            },
        ],
    )
    s.add(
        1,
        "request",
        c.at(1, 45, TUE),
        key="fdraft",
        links=("fehcna",),
        title="Draft EHC plan received for Femi",
        details=(
            "The draft plan arrived in the last week of term. Section F is specific "
            "about the daily language work but leaves out the Makaton training and the "
            "hearing support advice. We have 15 days to comment and asked for "
            "Hollybrook in Section I."
        ),
        areas=[ci, sp],
        request_type="draft_plan",
        sent_to=_LA,
        outcome="Comments sent asking for Makaton training and hearing support in Section F.",
        outcome_date=c.iso(1, 47, MON),
    )
    s.add(
        1,
        "observation",
        c.at(2, 0, WED, "15:30"),
        title="First day in Reception",
        details=(
            "Femi went in holding Miss Bell's hand and looking at the photo book. At "
            "pick-up he ran to me and said \"Femi school!\" and signed 'happy'. He was "
            "asleep by half past six. Tobi walked him to the classroom door in the "
            "morning."
        ),
        areas=[semh],
    )

    s.add(
        2,
        "incident",
        c.at(2, 0, MON, "08:50"),
        title="Mornings only for the first three weeks of Reception",
        details=(
            "Miss Bell said all the children are starting part-time, but Femi is to do "
            "mornings only for three weeks instead of one, because of his needs. I "
            "said that is not what his EHC plan says and asked for the reason in "
            "writing."
        ),
        areas=[ci],
        people=[bell],
        incident_type="part_time_timetable",
        days_lost=5,
    )
    s.add(
        2,
        "plan",
        c.at(2, 4, MON),
        key="fplan2",
        title="Reception support plan (from the EHC plan outcomes)",
        details=(
            "Mrs Doyle broke the EHC plan outcomes into termly targets. F1 and F2 are "
            "carried over from nursery so progress can be followed. New target for "
            "turn-taking. Makaton training for the Reception team is booked for "
            "October."
        ),
        areas=[ci, semh],
        people=[doyle, bell],
        start_date=c.iso(2, 4, MON),
        review_date=c.iso(2, 19, FRI),
        targets=[{**t, "by_date": c.iso(2, 19, FRI)} for t in (f1, f2, f4)],
        provision=[
            {
                "what": "Daily small-group language work",
                "who": "Mrs Ahmed",
                "frequency": "Daily, 15 minutes",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
            {
                "what": "Makaton signing by the Reception team",
                "who": "Reception team",
                "frequency": "Throughout the day",
                "start": c.iso(2, 8, MON),
                "end": "",
            },
        ],
    )
    s.add(
        2,
        "review",
        c.at(2, 19, WED),
        plan="fplan2",
        title="Review of Femi's Reception support plan",
        details=(
            "Review with Mrs Doyle and Miss Bell. Femi now says three-word phrases at "
            "home and school. He turns to his name in class but not in the hall or "
            "the playground. Turn-taking is best with trains."
        ),
        areas=[ci, semh],
        people=[doyle, bell],
        outcomes=[
            ("F1", "met", "More than 20 two-word phrases heard; some three-word ones."),
            ("F2", "partly", "Turns to his name in class, not yet in the hall."),
            ("F4", "partly", "Takes turns with trains; leaves other games after one go."),
        ],
        parent_views="Amazing progress with words. The hall is still too noisy for him.",
        child_views='"Femi like trains. Hall too loud."',
        next_steps="Carry over F2 and F4. Ask the Hearing Support Team to visit the hall.",
    )
    s.add(
        2,
        "incident",
        c.at(2, 10, THU, "11:15"),
        title="Accident slip: bumped head on the climbing frame",
        details=(
            "A head injury letter came home: Femi bumped his forehead on the climbing "
            "frame at morning play. A cold compress was given and he was watched for "
            "the rest of the day. There was a small bruise. Nobody phoned, which the "
            "letter says they would for any head bump."
        ),
        areas=["other"],
        people=[bell],
        incident_type="injury",
        days_lost=0,
    )
    s.add(
        2,
        "observation",
        c.at(3, 12, TUE, "18:30"),
        title="Femi read his first book to us",
        details=(
            "Femi read a whole reading book to us after tea, pointing to each word, and "
            'signed as he read. Tobi clapped. Femi said: "I reading! Now Tobi '
            'reading." A year ago he had about twenty words.'
        ),
        areas=[ci, "cognition_learning"],
    )
    return s.items
