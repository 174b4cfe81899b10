"""The demo actions for Investigating Crime (paper paragraphs 26-30), with their progress logs."""

from __future__ import annotations

from datetime import date

GOLD = "gold.investigations@portal.example"
OUTCOMES = "silver.outcomes@portal.example"
BIRMINGHAM = "lpa.birmingham@portal.example"
COVENTRY = "lpa.coventry@portal.example"

# Recommendation number -> actions. The row shapes are described in programme.py.
ACTIONS = {
    1: (
        (
            "Deliver investigation masterclasses to all eligible staff",
            "Para 26a: the masterclasses continue; the last of this round are scheduled in mid-February.",
            (GOLD, None, date(2024, 2, 16), None),
            (
                (date(2023, 12, 14), "in_progress", "71% of eligible staff have attended so far.", None),
                (date(2024, 1, 25), None, "86% complete; final sessions booked for 12-16 February.", None),
                (
                    date(2024, 2, 16),
                    "complete",
                    "Round finished: 92% of those eligible have completed the masterclass. The rest are "
                    "long-term absent or new starters and join the next round.",
                    None,
                ),
            ),
        ),
        (
            "Gather masterclass feedback on further training needs",
            "Para 26b: feedback from attendees identifies further requirements, including Connect training.",
            (GOLD, None, date(2024, 2, 29), None),
            (
                (date(2024, 1, 11), "in_progress", "Feedback form added to every masterclass.", None),
                (
                    date(2024, 2, 19),
                    "complete",
                    "Themes collated for the training needs analysis; Connect navigation is the top request.",
                    None,
                ),
            ),
        ),
        (
            "Design the training-needs survey with OL&D",
            "Paras 26c-d: an online survey designed by the Investigations Improvement Unit and Organisation "
            "Learning and Development, so a training needs analysis can be completed.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (
                    date(2023, 12, 18),
                    "in_progress",
                    "Scope agreed with OL&D: all investigators and first-line supervisors.",
                    None,
                ),
                (
                    date(2024, 1, 29),
                    None,
                    "Questions signed off; go-live moved.",
                    (
                        date(2024, 3, 15),
                        "OL&D survey platform licence renewal delayed; cannot go live before.",
                    ),
                ),
                (
                    date(2024, 2, 22),
                    None,
                    "Platform renewed; pilot with two Birmingham teams on 4 March.",
                    None,
                ),
            ),
        ),
        (
            "Arrange dedicated Connect training",
            "Para 26e: identified through 30 ideas in 30 days and masterclass feedback; opportunities to "
            "facilitate it are being explored.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (
                    date(2024, 2, 12),
                    None,
                    "Options explored with the Connect product team; no trainer capacity until April.",
                    None,
                ),
            ),
        ),
        (
            "Review PIP2 qualification numbers on LPAs and departments",
            "Para 26f: a review of formal qualifications to make sure there are enough investigators on LPAs "
            "and departments where required.",
            (GOLD, None, date(2024, 2, 9), None),
            (
                (
                    date(2024, 1, 8),
                    "in_progress",
                    "Establishment and qualification data requested from HR.",
                    None,
                ),
                (
                    date(2024, 2, 20),
                    None,
                    "Five of seven LPAs reviewed; Sandwell and Walsall short of PIP2 investigators. "
                    "Department data still awaited from HR.",
                    None,
                ),
            ),
        ),
    ),
    2: (
        (
            "Introduce the Quality Assurance Thematic Tool (QATT)",
            "Paras 27b-d: QATT grades victim focus, suspect management, investigation standards and "
            "supervisor review out of 5; over 3,700 completed to date.",
            (GOLD, None, date(2023, 12, 29), None),
            (
                (date(2023, 12, 1), "in_progress", "QATT live for inspectors on every LPA.", None),
                (date(2024, 1, 5), "complete", "In use across all LPAs and departments.", None),
                (date(2024, 1, 23), "verified", "Verified at the January HMICFRS Board.", None),
            ),
        ),
        (
            "Set the QATT baseline from November to January",
            "Paras 27e-f: the first three months give the baseline while inspectors get used to the tool.",
            (GOLD, None, date(2024, 2, 9), None),
            (
                (
                    date(2024, 1, 15),
                    "in_progress",
                    "January returns being checked with the Performance team.",
                    None,
                ),
                (
                    date(2024, 2, 7),
                    "complete",
                    "Baseline 2.5 overall: victim focus 2.5, suspect management 2.8, investigation "
                    "standards 2.7, supervisor review 2.1.",
                    None,
                ),
            ),
        ),
        (
            "Publish monthly QATT results on the Qlik dashboard",
            "Para 27g: results uploaded each month to a Qlik dashboard for supervisors and above.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (date(2024, 1, 10), "in_progress", "Data model built with the Performance team.", None),
                (date(2024, 1, 30), "complete", "Dashboard live for supervisors and above.", None),
                (date(2024, 2, 20), "verified", "Verified at the February HMICFRS Board.", None),
            ),
        ),
        (
            "Raise supervisor review compliance on investigations open over 28 days",
            "Paras 27h-i: tracked at performance day, ACC governance boards and LPA Service Improvement "
            "Meetings.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (
                    date(2023, 12, 12),
                    "in_progress",
                    "Compliance added to every LPA's Service Improvement Meeting.",
                    None,
                ),
                (
                    date(2024, 2, 23),
                    None,
                    "Snapshot: 82% of investigations open over 28 days have a supervisor review (almost "
                    "half had none at the VSA).",
                    None,
                ),
            ),
        ),
        (
            "Feed back QATT findings to Birmingham supervisors below standard",
            "Para 27j: where standards are not met, feedback is given to the supervisors concerned.",
            (BIRMINGHAM, "Birmingham", date(2024, 2, 23), None),
            (
                (
                    date(2024, 1, 18),
                    "in_progress",
                    "40 supervisors scoring 1 or 2 on supervisor review; feedback sessions booked.",
                    None,
                ),
                (
                    date(2024, 2, 22),
                    None,
                    "26 of 40 sessions held; the rest rebooked around abstractions.",
                    None,
                ),
            ),
        ),
        (
            "Feed back QATT findings to Coventry supervisors below standard",
            "Para 27j: where standards are not met, feedback is given to the supervisors concerned.",
            (COVENTRY, "Coventry", date(2024, 3, 8), None),
            (
                (
                    date(2024, 2, 5),
                    "in_progress",
                    "18 Coventry supervisors identified; sessions start 12 February.",
                    None,
                ),
            ),
        ),
    ),
    3: (
        (
            "Introduce the investigation plan template in Connect",
            "Para 28a: a template and Connect changes guide investigators through investigation plans.",
            (GOLD, None, date(2023, 12, 15), None),
            (
                (date(2023, 12, 4), "in_progress", "Connect change request raised.", None),
                (date(2023, 12, 13), "complete", "Template live in Connect.", None),
                (date(2024, 1, 23), "verified", "Verified at the January HMICFRS Board.", None),
            ),
        ),
        (
            "Build the Qlik dashboard of investigation plan completion",
            "Paras 28b-c: initial investigation plans and investigators' plans on one dashboard.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (
                    date(2024, 1, 9),
                    "in_progress",
                    "Fields mapped for Force Contact, Force Response and IIT.",
                    None,
                ),
                (date(2024, 1, 26), "complete", "Live: 92% of investigations have the plan completed.", None),
            ),
        ),
        (
            "Assess the quality of investigation plans through QATT",
            "Para 28d: the dashboard shows compliance; QATT assesses the standard (baseline 2.7 of 5).",
            (GOLD, None, date(2024, 3, 29), None),
            ((date(2024, 2, 7), "in_progress", "Baseline 2.7 of 5; LPA improvement targets drafted.", None),),
        ),
        (
            "Review the investigations policy on filing lower-level crime",
            "Para 28e: an internal VSA Team audit found the policy is leading to lower-level crimes being "
            "filed where there may be opportunities to bring offenders to justice.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (
                    date(2023, 12, 20),
                    "in_progress",
                    "Review started from the VSA Team's audit findings.",
                    None,
                ),
                (
                    date(2024, 1, 30),
                    None,
                    "Redraft ready; consultation added before sign-off.",
                    (
                        date(2024, 3, 22),
                        "Criminal Justice and Legal Services must be consulted on the redraft.",
                    ),
                ),
            ),
        ),
    ),
    4: (
        (
            "Lift the positive outcome rate through performance days",
            "Para 29a: YTD positive outcome rate 8.15%, up 1.58% since the last paper.",
            (OUTCOMES, None, date(2024, 3, 29), None),
            (
                (
                    date(2023, 12, 15),
                    "in_progress",
                    "YTD rate 6.6%; performance days review files near charge.",
                    None,
                ),
                (
                    date(2024, 2, 26),
                    None,
                    "YTD rate 8.15%: 22,989 positive outcomes, 5,676 more than at this point last year.",
                    None,
                ),
            ),
        ),
        (
            "Double the victim-based positive outcome rate from inspection",
            "Para 29b: victim-based outcomes at 6.41%, double the figure HMICFRS reported at inspection.",
            (OUTCOMES, None, date(2024, 3, 29), None),
            (
                (date(2024, 1, 17), "in_progress", "Victim-based rate now tracked separately.", None),
                (date(2024, 2, 26), None, "6.41% YTD (15,727 positive outcomes).", None),
            ),
        ),
        (
            "Publish a monthly outcomes report by LPA",
            "Para 29: outcome rates by LPA and crime type for each Service Improvement Meeting.",
            (OUTCOMES, None, date(2024, 2, 29), None),
            (
                (date(2024, 1, 5), "in_progress", "Report format agreed with the LPA Commanders.", None),
                (
                    date(2024, 2, 23),
                    "complete_proposed",
                    "December and January reports issued; proposed complete.",
                    None,
                ),
            ),
        ),
        (
            "Coventry outcomes improvement plan",
            "Para 29: an LPA plan to bring Coventry's positive outcome rate up to the force average.",
            (COVENTRY, "Coventry", date(2024, 1, 31), None),
            (
                (
                    date(2024, 1, 8),
                    "in_progress",
                    "Plan drafted: burglary and neighbourhood crime first.",
                    None,
                ),
                (
                    date(2024, 1, 30),
                    None,
                    "Sign-off moved to February.",
                    (date(2024, 2, 23), "The Community Safety Partnership meeting moved from January."),
                ),
                (
                    date(2024, 2, 26),
                    None,
                    "Partnership sign-off still outstanding; chased with the chair.",
                    None,
                ),
            ),
        ),
        (
            "Birmingham outcomes improvement plan",
            "Para 29: an LPA plan for Birmingham's neighbourhood and investigation teams.",
            (BIRMINGHAM, "Birmingham", date(2024, 3, 15), None),
            (
                (
                    date(2024, 2, 14),
                    None,
                    "To follow the Coventry model; drafting inspectors nominated.",
                    None,
                ),
            ),
        ),
    ),
    5: (
        (
            "Set up the Outcome Review Team",
            "Para 30a: a dedicated team reconsiders filed crimes where the outcome may have been misapplied.",
            (OUTCOMES, None, date(2023, 12, 22), None),
            (
                (
                    date(2023, 12, 11),
                    "in_progress",
                    "Reviewers drawn from the Investigations Improvement Unit.",
                    None,
                ),
                (
                    date(2023, 12, 29),
                    "complete_proposed",
                    "Team in place and working; proposed complete.",
                    None,
                ),
                (date(2024, 1, 3), "complete", "Approved by the gold lead.", None),
            ),
        ),
        (
            "Claim positive outcomes for crimes wrongly filed as NFA",
            "Para 30a: in seven weeks, over 500 positive outcomes claimed for crimes wrongly filed as NFA.",
            (OUTCOMES, None, date(2024, 3, 29), None),
            (
                (date(2024, 1, 19), "in_progress", "First three weeks: 190 positive outcomes claimed.", None),
                (date(2024, 2, 21), None, "Seven weeks in: over 500 positive outcomes claimed.", None),
            ),
        ),
        (
            "Review Divert community resolutions filed as NFA",
            "Para 30a: the Criminal Justice OOCR team reviews community resolutions for the Divert programme "
            "filed as NFA for technical reasons.",
            (OUTCOMES, None, date(2024, 2, 16), None),
            (
                (date(2024, 1, 10), "in_progress", "OOCR team started on the January list.", None),
                (
                    date(2024, 2, 9),
                    "blocked",
                    "Blocked: completion needs the Divert provider's records and there is no data-sharing "
                    "agreement. Escalated to the gold group.",
                    None,
                ),
            ),
        ),
        (
            "Train staff on the appropriate use of outcomes",
            "Para 30b: Operation Vanguard rolls out training on what outcomes are and when to use them.",
            (OUTCOMES, None, date(2024, 4, 30), None),
            ((date(2024, 2, 21), None, "Learning from both reviews being collated for the package.", None),),
        ),
    ),
}
