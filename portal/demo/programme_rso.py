"""The demo actions for Sex Offender Managers (paper paragraphs 38-43), with their progress logs."""

from __future__ import annotations

from datetime import date

GOLD = "gold.som@portal.example"

# Recommendation number -> actions. The row shapes are described in programme.py.
ACTIONS = {
    1: (
        (
            "Bring SOM teams under single PPU leadership",
            "Paras 38a-b: one Chief Inspector and three Inspectors in the PPU; SOMs stay based on the LPAs.",
            (GOLD, None, date(2023, 12, 15), None),
            (
                (
                    date(2023, 12, 1),
                    "complete",
                    "Operating model in place since April 2023; evidence filed.",
                    None,
                ),
                (date(2024, 1, 23), "verified", "Verified at the January HMICFRS Board.", None),
            ),
        ),
        (
            "Complete the SOM uplift of 2 sergeants and 12 constables",
            "Para 38c: the uplift into SOMs.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (date(2023, 12, 11), "in_progress", "Both sergeants and 9 of 12 constables posted.", None),
                (date(2024, 1, 29), "complete", "All 14 posts filled.", None),
            ),
        ),
        (
            "Train every new SOM on MOSOVO and ViSOR",
            "Para 38d: the 10-day MOSOVO and 3-day ViSOR courses; until then new staff work alongside an "
            "experienced SOM.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (
                    date(2024, 1, 8),
                    "in_progress",
                    "Courses booked; new starters paired with experienced SOMs.",
                    None,
                ),
                (date(2024, 2, 5), None, "9 of 14 new staff have completed both courses.", None),
            ),
        ),
        (
            "Run six-monthly CPD for all SOMs",
            "Para 38e: CPD every six months, as well as the wider PPU CPD sessions.",
            (GOLD, None, date(2024, 2, 29), None),
            (
                (date(2024, 1, 10), "in_progress", "Spring session planned with PPU training.", None),
                (date(2024, 2, 14), "complete", "Spring CPD held; the next is in August.", None),
            ),
        ),
    ),
    2: (
        (
            "Hold the fortnightly workforce strategy meeting",
            "Para 39c: critical staffing issues, vacancies and sickness monitored and addressed.",
            (GOLD, None, date(2024, 1, 12), "Workforce strategy meeting"),
            (
                (date(2023, 12, 8), "in_progress", "Terms of reference agreed with PPU HR.", None),
                (date(2024, 1, 12), "complete", "Meeting running fortnightly.", None),
            ),
        ),
        (
            "Put the SOM meeting structure in place at every level",
            "Para 39b: meetings at all levels so that decisions and action are timely.",
            (GOLD, None, date(2024, 2, 16), None),
            (
                (date(2024, 1, 15), "in_progress", "Team, area and PPU meetings scheduled.", None),
                (date(2024, 2, 9), "complete", "Structure running at all levels.", None),
            ),
        ),
        (
            "Model future SOM capability and capacity against demand",
            "Para 39: the evidence for fully informed decisions about current and future capacity.",
            (GOLD, None, date(2024, 2, 9), None),
            (
                (date(2024, 1, 10), "in_progress", "Demand model started with the business analysts.", None),
                (
                    date(2024, 2, 9),
                    None,
                    "Waiting on a ViSOR data cleanse; new date at the next workforce meeting.",
                    None,
                ),
            ),
        ),
    ),
    3: (
        (
            "Launch the SOM Qlik dashboard",
            "Paras 40b-c: RSOs, RMPs, ARMS and supervisor reviews by area, team and SOM, with mapping.",
            (GOLD, None, date(2024, 1, 19), None),
            (
                (
                    date(2023, 12, 12),
                    "in_progress",
                    "Built by the Performance team; testing with supervisors.",
                    None,
                ),
                (date(2024, 1, 15), "complete", "Dashboard live.", None),
                (date(2024, 2, 20), "verified", "Verified at the February HMICFRS Board.", None),
            ),
        ),
        (
            "Clear outstanding initial ARMS assessments",
            "Para 40d(i): 4 outstanding against 52 at inspection in June 2023.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (
                    date(2024, 1, 5),
                    "in_progress",
                    "Operation Rosaria daily review of outstanding ARMS.",
                    None,
                ),
                (date(2024, 2, 20), None, "4 outstanding (52 at inspection).", None),
            ),
        ),
        (
            "Reduce outstanding 12-month ARMS and RMP reviews",
            "Paras 40d(ii)-(iii): 36 12-month ARMS (219 at inspection) and 33 RMP reviews (178).",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (date(2024, 1, 5), "in_progress", "Worked through the daily demand review.", None),
                (date(2024, 2, 20), None, "12-month ARMS 36 (219); RMP reviews 33 (178).", None),
            ),
        ),
        (
            "Reduce outstanding RSO visits",
            "Paras 40d(iv)-e: 65 outstanding visits against 236 at inspection; resources flexed daily.",
            (GOLD, None, date(2024, 2, 16), None),
            (
                (date(2024, 1, 5), "in_progress", "Visits worked down LPA by LPA.", None),
                (
                    date(2024, 2, 14),
                    None,
                    "65 outstanding (236 at inspection).",
                    (date(2024, 3, 29), "Sickness in two SOM teams; resources flexed to initial ARMS first."),
                ),
            ),
        ),
    ),
    4: (
        (
            "Set the supervision standard for SOM case reviews",
            "Para 41: the expected standards for supervisory review intervals.",
            (GOLD, None, date(2024, 2, 2), None),
            (
                (date(2024, 1, 16), "in_progress", "Draft standard with the three Inspectors.", None),
                (date(2024, 2, 2), "complete", "Standard issued to all SOM supervisors.", None),
            ),
        ),
        (
            "Review team workloads weekly on the SOM dashboard",
            "Para 41a: the dashboard shows supervisors where work is due or overdue.",
            (GOLD, None, date(2024, 2, 29), None),
            (
                (date(2024, 2, 14), "in_progress", "Weekly reviews started on four LPAs.", None),
                (date(2024, 2, 26), None, "Six of seven LPAs now reviewing weekly.", None),
            ),
        ),
        (
            "Audit supervisory review intervals",
            "Para 41: check that reviews happen at the expected intervals.",
            (GOLD, None, date(2024, 3, 29), None),
            ((date(2024, 2, 16), None, "Audit sample to be drawn once the standard has run a month.", None),),
        ),
    ),
    5: (
        (
            "Offer psychological clinical screening to all SOMs",
            "Para 42a: screening offered, with referrals where necessary.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (date(2023, 12, 4), "in_progress", "Screening booked with Occupational Health.", None),
                (date(2024, 1, 26), "complete", "Offered to every SOM; referrals made where needed.", None),
            ),
        ),
        (
            "Make proactive TRIM referrals for officers viewing IIOC",
            "Para 42b: TRIM referrals where officers have viewed indecent images of children.",
            (GOLD, None, date(2024, 2, 29), None),
            ((date(2024, 2, 1), "in_progress", "Referral route agreed with Occupational Health.", None),),
        ),
        (
            "Hold the bi-monthly SOMs wellbeing forum",
            "Para 42c: chaired by Chief Inspectors; items tracked through the forum's action plan.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (date(2024, 1, 5), "in_progress", "Representatives nominated from every SOM team.", None),
                (date(2024, 1, 18), "complete", "First forum held; action plan opened.", None),
            ),
        ),
    ),
    6: (
        (
            "Set up the SOM and digital forensics working group",
            "Paras 43a-b: chaired by a Detective Inspector who also sits on the national MOSOVO group.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (date(2024, 1, 8), "in_progress", "Chair and members nominated.", None),
                (date(2024, 1, 22), "complete", "First meeting held.", None),
            ),
        ),
        (
            "Review the digital tools available to SOMs",
            "Para 43c: functionality, utilisation and training needs of the available tools.",
            (GOLD, None, date(2024, 2, 16), None),
            (
                (date(2024, 1, 22), "in_progress", "Tool inventory started.", None),
                (date(2024, 2, 16), "complete", "Review completed.", None),
            ),
        ),
        (
            "Agree next steps for SOM digital tools",
            "Para 43c: next steps from the completed review are being developed.",
            (GOLD, None, date(2024, 3, 29), None),
            ((date(2024, 2, 23), None, "Options paper due at the March working group.", None),),
        ),
    ),
}
