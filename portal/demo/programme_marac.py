"""The demo actions for Protecting Vulnerable People - MARAC (paper paragraphs 31-36), with their logs."""

from __future__ import annotations

from datetime import date

GOLD = "gold.marac@portal.example"
BIRMINGHAM = "lpa.birmingham@portal.example"
COVENTRY = "lpa.coventry@portal.example"

# Recommendation number -> actions. The row shapes are described in programme.py.
ACTIONS = {
    1: (
        (
            "Clear Birmingham MARAC backlog (65 awaiting)",
            "Para 33a: 285 cases awaiting MARAC on 6 October 2023, 95 on 4 January, 65 on 1 February; "
            "maximum 7 working days.",
            (BIRMINGHAM, "Birmingham", date(2024, 1, 31), None),
            (
                (date(2024, 1, 4), "in_progress", "95 awaiting; two extra conferences a week agreed.", None),
                (
                    date(2024, 1, 30),
                    None,
                    "Falling, but the extra conferences need partner chairs.",
                    (date(2024, 3, 28), "Partner agencies cannot chair the extra conferences until March."),
                ),
                (date(2024, 2, 1), None, "65 awaiting; maximum wait 7 working days.", None),
            ),
        ),
        (
            "Clear Coventry MARAC backlog (17 awaiting)",
            "Para 33a: 132 cases awaiting on 6 October 2023, 20 on 4 January, 17 on 1 February; maximum 13 "
            "working days.",
            (COVENTRY, "Coventry", date(2024, 2, 29), None),
            (
                (
                    date(2024, 1, 4),
                    "in_progress",
                    "20 awaiting; Coventry partners added a monthly conference.",
                    None,
                ),
                (date(2024, 2, 1), None, "17 awaiting; maximum wait 13 working days.", None),
            ),
        ),
        (
            "Clear Sandwell MARAC backlog (30 awaiting)",
            "Para 33a: 90 cases awaiting on 6 October 2023, 33 on 4 January, 30 on 1 February; maximum 18 "
            "working days.",
            (GOLD, "Sandwell", date(2024, 2, 16), None),
            (
                (
                    date(2024, 1, 4),
                    "in_progress",
                    "33 awaiting; extra conference requested from partners.",
                    None,
                ),
                (
                    date(2024, 2, 1),
                    None,
                    "30 awaiting, longest wait 18 working days; still short of chairs.",
                    None,
                ),
            ),
        ),
        (
            "Clear Walsall MARAC backlog (13 awaiting)",
            "Para 33a: 28 cases awaiting on 6 October 2023, 6 on 4 January, 13 on 1 February; maximum 19 "
            "working days.",
            (GOLD, "Walsall", date(2024, 1, 31), None),
            (
                (date(2024, 1, 4), "in_progress", "6 awaiting; on track.", None),
                (
                    date(2024, 2, 1),
                    None,
                    "13 awaiting after a rise in January referrals.",
                    (date(2024, 3, 15), "January referrals doubled; backlog grew from 6 to 13."),
                ),
            ),
        ),
        (
            "Hold Dudley, Solihull and Wolverhampton MARAC cases at business as usual",
            "Para 33a: on 1 February Dudley had 8 awaiting (91 in October), Solihull 3 (26) and "
            "Wolverhampton 8 (116).",
            (GOLD, None, date(2024, 2, 9), None),
            (
                (date(2024, 1, 4), "in_progress", "Dudley 4, Solihull 9, Wolverhampton 11 awaiting.", None),
                (
                    date(2024, 2, 2),
                    "complete",
                    "Dudley 8, Solihull 3, Wolverhampton 8: within the capacity of scheduled conferences.",
                    None,
                ),
            ),
        ),
        (
            "Keep every MARAC within the 28 days SafeLives recommends",
            "Paras 33b-c: over the last three months the numbers have remained within 28 days.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (date(2023, 12, 8), "in_progress", "Weekly check of time to MARAC by LPA started.", None),
                (date(2024, 2, 20), None, "Three months within 28 days on every LPA.", None),
            ),
        ),
    ),
    2: (
        (
            "Scope MARAC practice with other forces",
            "Para 34b: the interim guidance was developed by a scoping exercise with other forces.",
            (GOLD, None, date(2023, 12, 8), None),
            (
                (date(2023, 12, 1), "in_progress", "Scoping calls with other forces under way.", None),
                (
                    date(2023, 12, 7),
                    "complete",
                    "Scoping complete; findings feed the interim guidance.",
                    None,
                ),
                (date(2024, 1, 23), "verified", "Verified at the January HMICFRS Board.", None),
            ),
        ),
        (
            "Issue interim MARAC guidance",
            "Para 34a: the backlog has been reduced through the implementation of interim guidance.",
            (GOLD, None, date(2023, 12, 15), None),
            (
                (date(2023, 12, 8), "in_progress", "Draft guidance shared with partners.", None),
                (date(2023, 12, 15), "complete", "Interim guidance agreed with partners and issued.", None),
                (date(2024, 1, 23), "verified", "Verified at the January HMICFRS Board.", None),
            ),
        ),
        (
            "Write the MARAC backlog reduction plan",
            "Para 34: a plan for how the backlog of MARAC cases will be reduced, LPA by LPA.",
            (GOLD, None, date(2024, 1, 19), None),
            (
                (
                    date(2023, 12, 18),
                    "in_progress",
                    "LPA trajectories drafted with Operation Willowbay.",
                    None,
                ),
                (date(2024, 1, 19), "complete", "Plan shared with the seven local authorities.", None),
            ),
        ),
        (
            "Evaluate the interim guidance against the backlog",
            "Para 34a: check that the interim guidance keeps the backlog down.",
            (GOLD, None, date(2024, 3, 8), None),
            ((date(2024, 2, 12), "in_progress", "Combined with the business rules analysis (rec 3).", None),),
        ),
    ),
    3: (
        (
            "Model the business rules of the interim guidance",
            "Paras 35a-b: a business analyst assesses the volume and impact of the business rules.",
            (GOLD, None, date(2024, 3, 29), None),
            (
                (
                    date(2024, 1, 15),
                    "in_progress",
                    "Business analyst aligned; referral data extracted.",
                    None,
                ),
                (date(2024, 2, 15), None, "Early result: incoming demand reduced by more than 21%.", None),
            ),
        ),
        (
            "Agree the SLA for additional MARACs with the OPCC",
            "Para 35c: in-principle funding agreed with the OPCC for additional MARACs; an SLA is being "
            "developed.",
            (GOLD, None, date(2024, 2, 2), None),
            (
                (date(2024, 1, 11), "in_progress", "In-principle funding agreed with the OPCC.", None),
                (
                    date(2024, 2, 2),
                    None,
                    "Draft SLA with the OPCC.",
                    (date(2024, 3, 22), "The OPCC asked for a legal review of the draft SLA."),
                ),
            ),
        ),
        (
            "Consult strategic partners on future MARAC arrangements",
            "Para 35d: consultation with key strategic partners so MARAC arrangements are future proofed.",
            (GOLD, None, date(2024, 4, 30), None),
            (
                (
                    date(2024, 2, 7),
                    "in_progress",
                    "Consultation opened with local authorities and health.",
                    None,
                ),
            ),
        ),
        (
            "Set MARAC tolerance levels and trigger plans",
            "Para 35e: tolerance levels with trigger plans for use when they are breached.",
            (GOLD, None, date(2024, 3, 15), None),
            (
                (
                    date(2024, 2, 21),
                    "in_progress",
                    "Draft tolerances by LPA shared with the gold group.",
                    None,
                ),
            ),
        ),
    ),
    4: (
        (
            "Keep MARAC a standing item at every LPA DA Strategic Group",
            "Para 36a: existing partnership meetings on each LPA have MARAC as a standing agenda item.",
            (GOLD, None, date(2024, 1, 31), None),
            (
                (date(2024, 1, 12), "in_progress", "Agendas checked on all seven LPAs.", None),
                (date(2024, 1, 25), "complete", "Standing item confirmed on every LPA.", None),
            ),
        ),
        (
            "Set up the MARAC Strategic Governance Board",
            "Para 36b(i): a new board, chaired by the OPCC, in early 2024.",
            (GOLD, None, date(2024, 3, 29), "MARAC Strategic Governance Board"),
            (
                (date(2024, 1, 17), "in_progress", "Terms of reference drafted with the OPCC.", None),
                (date(2024, 2, 19), None, "Membership agreed; first meeting pencilled for March.", None),
            ),
        ),
        (
            "Set up the Regional MARAC Operational Group",
            "Para 36b(ii): a new group, chaired by the regional MARAC lead, in early 2024.",
            (GOLD, None, date(2024, 3, 29), "Regional MARAC Operational Group"),
            (
                (
                    date(2024, 2, 19),
                    None,
                    "Chair confirmed; starts after the strategic board is agreed.",
                    None,
                ),
            ),
        ),
    ),
}
