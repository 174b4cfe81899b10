"""The demo actions for OCSET (paper paragraphs 46-51), with their progress logs."""

from __future__ import annotations

from datetime import date

GOLD = "gold.ocset@portal.example"
BIRMINGHAM = "lpa.birmingham@portal.example"

# Recommendation number -> actions. The row shapes are described in programme.py.
ACTIONS = {
    1: (
        (
            "Complete the OCSET uplift of 1 sergeant and 7 constables",
            "Para 46a: the uplift from the business analysts' review of demand and time per investigation.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (date(2023, 12, 6), "in_progress", "Posts advertised.", None),
                (date(2024, 2, 12), None, "Sergeant and four constables in post; three in vetting.", None),
            ),
        ),
        (
            "Qualify OCSET investigators in PIP2 and SCAIDP",
            "Para 46b: over half of investigators hold both; the remaining staff are making progress.",
            (GOLD, None, date(2024, 6, 28), None),
            ((date(2024, 2, 12), "in_progress", "Over half hold both; the rest are enrolled.", None),),
        ),
        (
            "Report OCSET demand to the PPU SIM and the ACC Crime QPR",
            "Para 46c: demand reported at the monthly PPU SIM and the QPR with the ACC for crime.",
            (GOLD, None, date(2023, 12, 29), None),
            (
                (date(2023, 12, 4), "in_progress", "Demand pack drafted for the December SIM.", None),
                (date(2023, 12, 20), "complete", "Standing item at the PPU SIM and ACC Crime QPR.", None),
            ),
        ),
        (
            "Report OCSET demand weekly to PPU SLT and ACC Crime",
            "Para 46d: weekly reporting so that the improvements are sustained.",
            (GOLD, None, date(2024, 1, 12), None),
            (
                (date(2024, 1, 12), "complete", "Weekly report in place.", None),
                (date(2024, 2, 20), "verified", "Verified at the February HMICFRS Board.", None),
            ),
        ),
    ),
    2: (
        (
            "Reduce packages awaiting enforcement (13, from over 80)",
            "Paras 47a-b: over 80 packages awaiting enforcement at inspection; 13 now.",
            (GOLD, None, date(2024, 2, 29), None),
            (
                (date(2023, 12, 11), "in_progress", "Enforcement days planned with the LPAs.", None),
                (date(2024, 2, 1), None, "13 packages awaiting enforcement.", None),
            ),
        ),
        (
            "Reduce intelligence packages in development (32, from over 100)",
            "Paras 47a-b: over 100 intelligence packages in development at inspection; 32 now.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (date(2023, 12, 11), "in_progress", "Intelligence reviewed weekly to assess risk.", None),
                (date(2024, 2, 1), None, "32 intelligence packages in development.", None),
            ),
        ),
        (
            "Escalate packages outside national timescales",
            "Para 47c: an escalation process for packages outside the nationally recognised timescales.",
            (GOLD, None, date(2024, 1, 19), None),
            (
                (date(2024, 1, 5), "in_progress", "Escalation route agreed with PPU SLT.", None),
                (date(2024, 1, 19), "complete", "Escalation process live.", None),
            ),
        ),
        (
            "Use overtime to manage demand until the uplift is in post",
            "Para 47e: overtime where necessary while the recruitment of new staff continues.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (
                    date(2024, 1, 8),
                    "in_progress",
                    "Overtime budget agreed with Finance to end of March.",
                    None,
                ),
            ),
        ),
    ),
    3: (
        (
            "Enforce packages within the national timescales",
            "Paras 48a-b: very high risk 48 hours, high 7 days, medium 21 days, standard 60 days.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (date(2023, 12, 13), "in_progress", "Timescales set in line with national standards.", None),
                (
                    date(2024, 2, 20),
                    None,
                    "No very high or high risk packages; 5 medium (oldest 7 days), 5 standard (oldest 35).",
                    None,
                ),
            ),
        ),
        (
            "Develop OCSET enforcement performance monitoring",
            "Para 48c: performance monitoring in this area continues to be developed.",
            (GOLD, None, date(2024, 2, 16), None),
            (
                (date(2024, 1, 10), "in_progress", "Measures drafted with the Performance team.", None),
                (
                    date(2024, 2, 16),
                    None,
                    "Waiting for the new demand tracking process.",
                    (date(2024, 4, 26), "Depends on the OCSET demand tracking process (recommendation 6)."),
                ),
            ),
        ),
        (
            "Prioritise warrants and arrests by risk",
            "Para 48: enforcement ordered by risk so that evidence is not lost.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (date(2024, 1, 9), "in_progress", "Prioritisation matrix drafted.", None),
                (date(2024, 1, 31), "complete", "Risk-based prioritisation agreed.", None),
            ),
        ),
    ),
    4: (
        (
            "Run the Birmingham early referral pilot",
            "Paras 49a-c: earlier referrals to social services, complying with the national OCSET plan; no "
            "investigations compromised.",
            (BIRMINGHAM, "Birmingham", date(2023, 12, 22), None),
            (
                (date(2023, 12, 1), "in_progress", "Pilot running with Birmingham Children's Trust.", None),
                (
                    date(2023, 12, 21),
                    "complete_proposed",
                    "Pilot complete: no investigation compromised, better information sharing.",
                    None,
                ),
                (date(2024, 1, 4), "complete", "Approved by the gold lead; roll-out to follow.", None),
            ),
        ),
        (
            "Roll out early referrals to all 7 local authorities",
            "Para 49d: the successful pilot rolled out to all seven local authorities.",
            (GOLD, None, date(2024, 2, 9), None),
            (
                (date(2024, 1, 8), "in_progress", "Briefings with each local authority booked.", None),
                (date(2024, 2, 9), "complete", "Live with all 7 local authorities.", None),
                (date(2024, 2, 20), "verified", "Verified at the February HMICFRS Board.", None),
            ),
        ),
        (
            "Audit early referral compliance weekly",
            "Para 49e: weekly audits for compliance and any adverse impact.",
            (GOLD, None, date(2024, 3, 29), None),
            ((date(2024, 2, 16), "in_progress", "Weekly audits running; no adverse impact found.", None),),
        ),
    ),
    5: (
        (
            "Reduce unallocated digital forensics cases (89, from 110)",
            "Para 50: unallocated cases 89, down from 110 in December; 251 received in January 2024.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (date(2023, 12, 15), "in_progress", "110 unallocated; triage by risk started.", None),
                (date(2024, 2, 20), None, "89 unallocated despite 251 received in January.", None),
            ),
        ),
        (
            "Agree interim measures while digital evidence is awaited",
            "Para 50: mitigate the effect of delays caused by evidence not yet being available.",
            (GOLD, None, date(2024, 2, 9), None),
            (
                (
                    date(2024, 2, 12),
                    None,
                    "Not started: the DFU lead is on leave; acting lead to pick up.",
                    None,
                ),
            ),
        ),
        (
            "Forecast digital forensics demand",
            "Para 50b: the number of cases received continues to increase.",
            (GOLD, None, date(2024, 3, 15), None),
            (
                (
                    date(2024, 2, 20),
                    None,
                    "Forecast to use the January intake; analyst booked for March.",
                    None,
                ),
            ),
        ),
    ),
    6: (
        (
            "Introduce the OCSET demand tracking process",
            "Para 51a: a new process to track and report areas of OCSET demand.",
            (GOLD, None, date(2024, 3, 29), None),
            ((date(2024, 2, 14), "in_progress", "Process designed; testing on January data.", None),),
        ),
        (
            "Break down OCSET timeliness by stage and outcome",
            "Para 51b: timeliness at each stage, tied to the outcome of the activity.",
            (GOLD, None, date(2024, 4, 26), None),
            ((date(2024, 2, 14), None, "Follows the tracking process.", None),),
        ),
        (
            "Report OCSET stage timeliness to the HMICFRS Board",
            "Para 51: the board sees timeliness by stage once the tracking process is live.",
            (GOLD, None, date(2024, 5, 31), None),
            ((date(2024, 2, 14), None, "Report template agreed with the board secretariat.", None),),
        ),
    ),
}
