"""The filler's vocabulary: observation themes, letters, meetings, incidents and concerns,
with placeholders for the child, pronouns and the people around them."""

from __future__ import annotations

from typing import Any

# Observation themes: a title, an opening, one or two details, maybe the child's own
# words, maybe a closing line.  Placeholders name the child, pronouns and the people
# around the child that school year, so the same pools serve every child and year.
_THEMES: tuple[dict[str, Any], ...] = (
    {
        "titles": (
            "Hard evening after {sch}",
            "Meltdown after pick-up",
            "Came home very upset",
            "Difficult end to the day",
        ),
        "openers": (
            "{name} held it together until we reached the car, then screamed and kicked the "
            "seat for about twenty minutes.",
            "{name} came out of {sch} last, with {his} coat half on, and would not speak on "
            "the way home.",
            "Within ten minutes of getting home {name} had thrown {his} bag across the hall "
            "and shut {him}self in {his} room.",
            "At pick-up {name} walked straight past me and would not hold my hand or look at me.",
        ),
        "middles": (
            "It was almost tea time before {he} could talk, and then only in one-word answers.",
            "We gave {him} quiet time with {comfort}, which helped after about half an hour.",
            "{He} did not eat tea and was awake until after 10pm going over the day.",
            "When {he} calmed down {he} said something had changed at school without warning "
            "but could not say what.",
            "{He} had chewed the sleeve of {his} jumper through again.",
            "{His} water bottle came home still full and {his} lunch was not eaten.",
        ),
        "closings": (
            "I have written a note to {teacher} in the home-school book.",
            "Nothing was mentioned at pick-up.",
            "I will ask {senco} whether anything happened today.",
            "This is the pattern on days when there is a supply teacher.",
        ),
        "words": "hard",
        "areas": ("semh", "communication_interaction"),
        "days": "school",
    },
    {
        "titles": (
            "Good day today",
            "A calmer day",
            "Happy after {sch}",
            "Proud moment",
            "Better week",
        ),
        "openers": (
            "{name} came out smiling and told me about {his} day before we had even left "
            "the playground.",
            "A really good day: {name} went in without any fuss and came out chatty.",
            "{name} wanted to show me {his} work as soon as we got home.",
            "This has been the calmest week for a while and {name} has been sleeping better.",
        ),
        "middles": (
            "{He} said {ta} had helped {him} first thing and {he} liked knowing what was "
            "coming next.",
            "{He} talked about {activity} all the way home.",
            "We had an easy evening and {he} was asleep by eight.",
            "{He} asked whether tomorrow would be the same, which shows how much the "
            "routine matters to {him}.",
            "{He} ate all of {his} lunch for once.",
        ),
        "closings": (
            "Worth telling {teacher} what worked.",
            "I sent a thank-you note in the home-school book.",
            "",
        ),
        "words": "good",
        "areas": ("semh",),
        "days": "school",
    },
    {
        "titles": ("Homework", "Homework took all evening", "Homework battle"),
        "openers": (
            "{name} spent most of the evening on one piece of homework and finished very "
            "little of it.",
            "Homework tonight was a sheet of questions; {name} could not work out what the "
            "questions were asking.",
            "We tried ten minutes of reading together after tea, as school suggested.",
            "Spelling practice for Friday's test: ten words, and {name} knew three of them "
            "by the end.",
        ),
        "middles": (
            "{He} knew the answers when we talked them through but could not get them down "
            "on paper.",
            "By the end {he} was in tears and said {he} would rather have the detention.",
            "I wrote down what {he} said and {he} copied it, which took forty minutes.",
            "{He} managed well when I read the words aloud and {he} gave the answers.",
        ),
        "closings": (
            "I have put a note on the homework to say how long it took and how much help {he} had.",
            "I will ask {teacher} whether the homework can be shortened or given on paper.",
        ),
        "words": "hard",
        "areas": ("cognition_learning", "communication_interaction"),
        "school_age": True,
        "days": "any",
    },
    {
        "titles": ("Sleep", "A bad night", "Bedtime and sleep"),
        "openers": (
            "{name} could not settle at bedtime and kept coming downstairs with questions "
            "about tomorrow.",
            "{name} woke at 2am and came into our room shaking, and did not go back to sleep "
            "until nearly 4.",
            "Bedtime took over an hour again, with {name} getting up five times.",
        ),
        "middles": (
            "{He} was worried about {worry}.",
            "We went through the visual timetable for the next day, which helped a little.",
            "{He} asked me three times whether {ta} would be in tomorrow.",
        ),
        "closings": (
            "{He} was very tired in the morning.",
            "I will mention the sleep at the next review.",
        ),
        "words": None,
        "areas": ("semh",),
        "days": "any",
    },
    {
        "titles": ("Hard morning before {sch}", "Difficult start to the day", "Getting to {sch}"),
        "openers": (
            "{name} said {his} tummy hurt and {he} could not go to {sch}, the same as most "
            "Mondays this term.",
            "It took an hour to get {name} dressed; {he} said the uniform felt scratchy and wrong.",
            "We got to the gate and {name} would not let go of my arm.",
        ),
        "middles": (
            "{ta} came out and walked {him} in, and {he} went after a few minutes.",
            "We were twenty minutes late and {he} had to go in through the office, which "
            "{he} hates.",
            "{He} calmed down once we looked at the now-and-next card together.",
        ),
        "closings": (
            "I told the office why we were late.",
            "I have emailed {teacher} so they know how the day started.",
        ),
        "words": "hard",
        "areas": ("semh",),
        "days": "school",
    },
    {
        "titles": ("Talked about lunchtime", "No one to play with", "Left out at lunchtime"),
        "openers": (
            "{name} told me {he} spent lunchtime walking round the edge of the playground "
            "on {his} own.",
            "{name} said the other children changed the rules of the game and told {him} "
            "{he} was out.",
            "{name} said nobody sat next to {him} at lunch and {he} ate on {his} own.",
        ),
        "middles": (
            "{He} said {he} does not know how to ask to join in.",
            "{He} said the lunchtime staff told {him} to go and play but did not help.",
            "{He} wanted to know why the others don't like {him}, which was hard to hear.",
        ),
        "closings": (
            "I will ask whether {he} can join a lunchtime club.",
            "I have asked {senco} about more structure at lunchtimes.",
        ),
        "words": "hard",
        "areas": ("communication_interaction", "semh"),
        "days": "school",
    },
    {
        "titles": ("Time with friends", "Playing with a friend", "A sociable day"),
        "openers": (
            "A friend from {his} class came round for tea and they played for two hours.",
            "{name} went to a birthday party and stayed for the whole thing, with {comfort} "
            "for the noisy part.",
            "{name} met a friend at the park and they played together without an adult helping.",
        ),
        "middles": (
            "{He} needed some quiet time afterwards but said it was fun.",
            "They spent most of the time on {activity}.",
            "{He} asked if the friend can come again next week.",
        ),
        "closings": ("", "A good sign for the social targets."),
        "words": "good",
        "areas": ("communication_interaction",),
        "days": "any",
    },
    {
        "titles": ("Out and about", "Family time", "A day away from {sch}"),
        "openers": (
            "We went to the supermarket together; {name} coped until the checkout, where "
            "the beeping was too much.",
            "Swimming lesson today. {name} went in the water on {his} own without a fuss.",
            "A quiet day at home; {name} spent most of it on {activity}.",
            "We visited grandma; the car journey and the busy house were a lot for {name}.",
        ),
        "middles": (
            "{He} needed a long rest afterwards.",
            "{He} was proud of {him}self and told everyone.",
            "We left early, which helped.",
            "{He} was happiest when we got home and {he} could do {activity}.",
        ),
        "closings": ("", "Recording this because it shows how much noise affects {him}."),
        "words": None,
        "areas": ("sensory_physical", "semh", "other"),
        "days": "home",
    },
    {
        "titles": (
            "What {name} said about {sch}",
            "In {his} own words",
            "Conversation at bedtime",
            "Talking in the car",
        ),
        "openers": (
            "In the car on the way home {name} started talking about {sch} without being asked.",
            "At bedtime {name} wanted to talk about the day.",
            "While we were cooking tea {name} told me about a lesson.",
        ),
        "middles": (
            "I wrote it down straight away, word for word.",
            "{He} had clearly been thinking about it all day.",
        ),
        "closings": ("",),
        "words": "either",
        "areas": ("semh", "communication_interaction"),
        "days": "school",
    },
)

# Letters and emails: (direction, title, subject, to/from key, openings, follow-ups).
_CORRESPONDENCE: tuple[tuple[str, str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "sent",
        "Email to {teacher} about homework",
        "{name}'s homework",
        "teacher_full",
        (
            "I wrote that last night's homework took well over an hour and that {name} needed "
            "every question read aloud.",
            "I explained that {name} was in tears over the homework again and did not finish it.",
        ),
        (
            "I asked whether the homework could be shortened, or set on paper rather than online.",
            "I asked what {he} is expected to manage alone, so that we know how much to help.",
        ),
    ),
    (
        "sent",
        "Email to {senco} asking for an update on the plan",
        "Update on {name}'s support plan",
        "senco_full",
        (
            "I asked how {name} is getting on with the targets in the current plan and whether "
            "the small-group sessions are happening every week.",
            "I asked for the notes of the last review, which we have not received.",
        ),
        (
            "I asked for a reply by the end of next week.",
            "I said we would be happy to come in to talk about it.",
        ),
    ),
    (
        "sent",
        "Note in the home-school book",
        "Home-school book",
        "teacher_full",
        (
            "I wrote that {name} had a very unsettled weekend and may be tired today.",
            "I wrote that {name} has been worried about {worry} and asked whether someone could "
            "talk it through with {him}.",
        ),
        (
            "I asked for a line back at the end of the day about how it went.",
            "I said we would do the same from home.",
        ),
    ),
    (
        "sent",
        "Email confirming today's phone call with {senco}",
        "Our call today",
        "senco_full",
        (
            "I summarised this afternoon's phone call with {senco}: what school has noticed this "
            "week and what will change.",
            "I wrote down what {senco} told me on the phone so that we both have the same record.",
        ),
        (
            "I asked {senco} to tell me if anything in my summary is wrong.",
            "I listed the two things school said it would do and asked when they would start.",
        ),
    ),
    (
        "sent",
        "Email asking for the behaviour log",
        "{name}'s behaviour records",
        "head_full",
        (
            "I asked for a copy of the behaviour log and any incident forms about {name} since the "
            "start of term.",
            "I asked for the records of the last two incidents, as {name}'s account is different "
            "from what I was told at the gate.",
        ),
        (
            "I explained we want to understand what happens before the incidents.",
            "I asked for them in writing rather than a summary at pick-up.",
        ),
    ),
    (
        "received",
        "Reply from {senco}",
        "Re: {name}",
        "senco_full",
        (
            "{senco} replied that {name} has had a settled week and that the small-group "
            "sessions are going ahead.",
            "{senco} replied that the review will be held next month and a date will be sent out.",
        ),
        (
            "There was no answer to my question about the sessions that were missed.",
            "{senco} offered a meeting if we want one.",
        ),
    ),
    (
        "received",
        "Email from {teacher}",
        "{name} today",
        "teacher_full",
        (
            "{teacher} wrote that {name} had a difficult afternoon after a change to the "
            "timetable.",
            "{teacher} wrote to say {name} had a good day and joined in during group work.",
        ),
        (
            "{teacher} said {he} calmed down in the quiet area with {ta}.",
            "{teacher} asked whether anything had happened at home.",
        ),
    ),
    (
        "received",
        "Letter about a clinic appointment",
        "Appointment for {name}",
        "clinic",
        (
            "A letter giving {name} an appointment at the community clinic in six weeks' time.",
            "A letter saying {name} is still on the waiting list and will be contacted when an "
            "appointment is available.",
        ),
        (
            "I have put the date in the calendar and told school.",
            "The letter gives no estimate of how long the wait will be.",
        ),
    ),
    (
        "received",
        "Text message from the school office",
        "Message from {school}",
        "school",
        (
            "The school office texted to say {name} had been unwell after lunch and was resting "
            "in the medical room.",
            "The school office texted to remind parents about next week's trip, with nothing "
            "about support for {name}.",
        ),
        (
            "I phoned back and was told {he} was fine to stay.",
            "I replied asking what the plan is for {name} on the day.",
        ),
    ),
)

# Letters a parent might write at a weekend or in the holidays; the rest are school-day ones.
_ANY_DAY_LETTERS = frozenset(
    {
        "Email to {senco} asking for an update on the plan",
        "Note in the home-school book",
        "Email asking for the behaviour log",
    }
)

_MEETINGS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Catch-up with {senco}",
        "Check how the SEN Support plan is going",
        "senco_full",
        (
            "{senco} said {name} is using the strategies in the plan most days but still finds "
            "the start of lessons hard.",
            "We went through the plan target by target; {senco} had notes from {ta} for each.",
        ),
    ),
    (
        "Parents' evening",
        "Hear how {name} is doing this term",
        "teacher_full",
        (
            "{teacher} said {name} is trying hard and has lovely ideas but needs a lot of adult "
            "help to get started.",
            "Ten minutes with {teacher}. {name}'s books show better work when there is an adult "
            "nearby.",
        ),
    ),
    (
        "Phone call with {teacher}",
        "Talk about a hard week",
        "teacher_full",
        (
            "{teacher} phoned after school to talk about the week; {name} has left the classroom "
            "several times.",
            "{teacher} rang to say {name} has been unsettled since the class moved rooms.",
        ),
    ),
    (
        "Meeting about lunchtimes",
        "Make lunchtimes manageable for {name}",
        "senco_full",
        (
            "We met {senco} because lunchtimes are the hardest part of {name}'s day.",
            "{senco} agreed that the playground at lunch is where most of the problems start.",
        ),
    ),
    (
        "Meeting about the school trip",
        "Plan support for the trip",
        "teacher_full",
        (
            "We met {teacher} to plan the class trip so that {name} can go with the others.",
            "{teacher} went through the day of the trip with us hour by hour.",
        ),
    ),
    (
        "Meeting with {ta} about the home-school book",
        "Agree how the book will be used",
        "ta_full",
        (
            "{ta} showed me the home-school book and we agreed three lines a day, good and hard.",
            "We agreed with {ta} what goes in the book and what needs a phone call instead.",
        ),
    ),
)
_MEETING_HOURS = {"Parents' evening": (16, 19), "Phone call with {teacher}": (15, 18)}
_MEETING_MIDDLES = (
    "I said what we see at home: calm at weekends, very tired and upset on school days.",
    "We agreed to try it for three weeks and then talk again.",
    "I asked for the agreed changes to be added to the SEN Support plan.",
    "I asked for the next review date and was told it would be confirmed.",
)
_ACTIONS = (
    ("Send home a visual timetable for next week", "teacher"),
    ("Add the new strategies to the SEN Support plan", "senco"),
    ("Write in the home-school book every day", "teacher"),
    ("Share the latest clinic letter with school", "parent"),
    ("Arrange a visit to the new classroom before the change", "senco"),
    ("Find out whether the trip venue has a quiet area", "teacher"),
    ("Show lunchtime staff {name}'s calm plan", "senco"),
    ("Send school a list of what helps at home", "parent"),
    ("Check the small-group sessions are on the timetable", "senco"),
    ("Let {name} know about changes the day before", "ta"),
)

# Incidents: type, days lost, titles, what happened, what followed.
_INCIDENTS: tuple[tuple[str, float, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "sent_home",
        0.5,
        ("Asked to collect {name} early", "Phone call to collect {name}", "Sent home after lunch"),
        (
            "The office phoned at {time} and asked me to collect {name} because {he} was 'too "
            "unsettled to stay'.",
            "{senco} phoned at {time} and said {name} needed to go home after an upset in the "
            "classroom.",
        ),
        (
            "No letter was given and I was told it was not an exclusion.",
            "{He} missed the whole afternoon and no work was sent home.",
        ),
    ),
    (
        "absence",
        1,
        (
            "Kept off school: too anxious to go in",
            "Absent: could not get into school",
            "Off school after a very bad night",
        ),
        (
            "{name} was awake most of the night and was shaking and crying at breakfast.",
            "We got as far as the gate and {name} could not go in.",
        ),
        (
            "I phoned the attendance line and explained it was anxiety, not illness.",
            "I emailed {teacher} to ask for work to do at home and for a plan to get {him} back "
            "in.",
        ),
    ),
    (
        "injury",
        0,
        ("Accident slip: bumped head", "Hurt hand in the playground", "Scratch from another child"),
        (
            "An accident slip came home saying {name} was hurt at playtime at {time}.",
            "{name} came home with a graze and an accident slip from lunchtime.",
        ),
        (
            "Nobody phoned; I only found out from the slip in {his} bag.",
            "{He} said {he} was pushed in the line; the slip says {he} fell.",
        ),
    ),
    (
        "other",
        0,
        (
            "Kept in at playtime to finish work",
            "Missed PE because of kit",
            "Left out of the class assembly",
        ),
        (
            "{name} told me {he} was kept in at playtime because {his} work was not finished.",
            "{name} missed a lesson today and sat in another class instead.",
        ),
        (
            "This is support {he} needs, not a sanction, and I have asked {teacher} about it.",
            "I have asked for it to stop, as it is connected to {his} needs.",
        ),
    ),
)

# Worries raised with school: the topic, what was said, and what school answered.
_CONCERNS = (
    (
        "lunchtimes",
        "{name} is spending lunchtimes alone and coming home upset",
        "{who} agreed {name} can join a lunchtime club from Monday.",
    ),
    (
        "homework",
        "homework is taking over an hour a night and ending in tears",
        "{who} said homework can be cut to 20 minutes and {name} should stop there.",
    ),
    (
        "changes of staff",
        "{name} has had several different adults this half-term and is more anxious",
        "{who} said staff absence is the reason and it should settle after half-term.",
    ),
    (
        "the reading book",
        "{name}'s reading book is too hard for {him} to read on {his} own",
        "{who} agreed to check {his} reading level and change the book this week.",
    ),
    (
        "the support sessions",
        "{name} says the small-group sessions have not happened for two weeks",
        "{who} replied that the sessions would restart next week.",
    ),
    (
        "PE changing",
        "the changing area before PE is too noisy and {name} refuses to change",
        "{who} agreed {name} can change in the quiet room before the others.",
    ),
    (
        "seating",
        "{name} has been moved to sit by the door, where it is noisiest",
        "{who} said school had not noticed a problem but would keep an eye on it.",
    ),
)
_CONCERN_ASKS = (
    "I asked what could change and when.",
    "I asked for this to be added to the SEN Support plan.",
    "I said this matches what we see at home and asked for a reply in writing.",
)
_CHANNELS = ("Email", "In person at pick-up", "Phone call", "Home-school book")

# On a school day: mostly home observations and letters, then meetings and incidents.
_TERM_KINDS = ("observation", "correspondence", "meeting", "incident", "concern")
_TERM_CUMULATIVE = (34, 62, 78, 90)  # out of 100
