"""The board paper's programme as plain data: people, governance groups, causes and the Engage timeline."""

from __future__ import annotations

from datetime import date

LETTER = date(2023, 11, 24)  # the Engage letter: the Causes of Concern are raised
SIX_MONTHS = date(2024, 5, 24)  # "Within six months" of the letter
VERIFIER = "dcc@portal.example"  # the executive who gives final sign-off

# (email, name, job title, role, scopes): DESIGN.md's nine accounts first and in its order, then the
# two gold leads the paper implies for the causes that have no listed account.
PEOPLE = (
    ("admin@portal.example", "Priya Shah", "Portal administrator, Digital Services", "admin", ()),
    ("dcc@portal.example", "Scott Green", "Deputy Chief Constable", "executive", ()),
    (
        "gold.investigations@portal.example",
        "Helen Carter",
        "Chief Superintendent, Operation Vanguard gold lead",
        "gold",
        ("INV",),
    ),
    (
        "gold.marac@portal.example",
        "Mark Ellis",
        "Detective Chief Superintendent, Public Protection",
        "gold",
        ("MARAC",),
    ),
    (
        "silver.outcomes@portal.example",
        "Aisha Rahman",
        "Superintendent, Outcomes silver lead",
        "silver",
        ("INV-4", "INV-5"),
    ),
    (
        "opcc@portal.example",
        "Tom Whitfield",
        "Policy Lead, Office of the Police and Crime Commissioner",
        "opcc",
        (),
    ),
    (
        "lpa.birmingham@portal.example",
        "Daniel Okafor",
        "Chief Superintendent, Birmingham LPA Commander",
        "lpa",
        ("Birmingham",),
    ),
    (
        "lpa.coventry@portal.example",
        "Rachel Moore",
        "Chief Superintendent, Coventry LPA Commander",
        "lpa",
        ("Coventry",),
    ),
    ("analyst@portal.example", "Sam Patel", "Senior Performance Analyst", "analyst", ()),
    (
        "gold.som@portal.example",
        "Claire Hughes",
        "Detective Superintendent, PPU (SOM gold lead)",
        "gold",
        ("RSO",),
    ),
    (
        "gold.ocset@portal.example",
        "James Doyle",
        "Detective Superintendent, PPU (OCSET gold lead)",
        "gold",
        ("OCSET",),
    ),
)

# The gold lead of each cause: approves completion of actions owned by silver and LPA leads.
GOLD_LEADS = {
    "INV": "gold.investigations@portal.example",
    "MARAC": "gold.marac@portal.example",
    "RSO": "gold.som@portal.example",
    "OCSET": "gold.ocset@portal.example",
}

# (name, kind, chair, cadence, parent, purpose): parents come before their children.
GROUPS = (
    (
        "HMICFRS Board",
        "board",
        "DCC",
        "monthly",
        None,
        "Every gold and silver group feeds in here (para 17).",
    ),
    (
        "Force Performance Board",
        "board",
        "DCC",
        "monthly",
        None,
        "Full-day monthly meeting; the Causes of Concern are a standing agenda item (para 17).",
    ),
    (
        "Investigations Gold Group",
        "gold",
        "Chief Superintendent, Operation Vanguard",
        "fortnightly",
        "HMICFRS Board",
        "Operation Vanguard: the Investigating Crime Cause of Concern (para 24).",
    ),
    (
        "MARAC Gold Group",
        "gold",
        "Detective Chief Superintendent, Public Protection",
        "fortnightly",
        "HMICFRS Board",
        "The Protecting Vulnerable People - MARAC Cause of Concern.",
    ),
    (
        "SOM Gold Group",
        "gold",
        "Detective Superintendent, PPU",
        "monthly",
        "HMICFRS Board",
        "The Sex Offender Managers Cause of Concern.",
    ),
    (
        "OCSET Gold Group",
        "gold",
        "Detective Superintendent, PPU",
        "monthly",
        "HMICFRS Board",
        "The OCSET Cause of Concern.",
    ),
    (
        "Investigative Skills Silver Group",
        "silver",
        "Superintendent, Investigations Improvement Unit",
        "monthly",
        "Investigations Gold Group",
        "Masterclasses, the training needs analysis with OL&D, Connect training and PIP2 (para 26).",
    ),
    (
        "Investigation Standards Silver Group",
        "silver",
        "Superintendent, Investigation Standards",
        "monthly",
        "Investigations Gold Group",
        "Supervision, the QATT and investigation plans (paras 27-28).",
    ),
    (
        "Outcomes Silver Group",
        "silver",
        "Superintendent, Outcomes silver lead",
        "fortnightly",
        "Investigations Gold Group",
        "Outcome rates, the Outcome Review Team and the OOCR review (paras 29-30).",
    ),
    (
        "Operation Willowbay",
        "silver",
        "Detective Superintendent, Safeguarding",
        "weekly",
        "MARAC Gold Group",
        "Initiated to address the backlog in MARAC referrals (para 31).",
    ),
    (
        "LPA DA Strategic Groups",
        "operational",
        "LPA Commanders",
        "monthly",
        "MARAC Gold Group",
        "The partnership meeting on each LPA, with MARAC as a standing agenda item (para 36a).",
    ),
    (
        "MARAC Strategic Governance Board",
        "board",
        "OPCC",
        "to be set",
        "MARAC Gold Group",
        "Partnership governance of MARAC, set up in early 2024 (para 36b).",
    ),
    (
        "Regional MARAC Operational Group",
        "operational",
        "Regional MARAC lead",
        "to be set",
        "MARAC Strategic Governance Board",
        "Regional operational arrangements for MARAC, set up in early 2024 (para 36b).",
    ),
    (
        "Operation Rosaria",
        "silver",
        "Detective Chief Inspector, SOM",
        "weekly",
        "SOM Gold Group",
        "The response to reduce the backlogs of work within SOMs (para 40a).",
    ),
    (
        "Workforce strategy meeting",
        "operational",
        "PPU",
        "fortnightly",
        "SOM Gold Group",
        "Critical staffing issues, vacancies and sickness (para 39c).",
    ),
    (
        "SOMs wellbeing forum",
        "forum",
        "Chief Inspectors",
        "bi-monthly",
        "SOM Gold Group",
        "Representatives from across SOMs; items tracked through its own action plan (para 42c).",
    ),
    (
        "SOM Digital Forensics Working Group",
        "operational",
        "Detective Inspector",
        "monthly",
        "SOM Gold Group",
        "Confidence in the digital tools available to SOMs (para 43).",
    ),
    (
        "OCSET Demand Silver Group",
        "silver",
        "Detective Chief Inspector, OCSET",
        "weekly",
        "OCSET Gold Group",
        "Packages, enforcement timescales, referrals and digital forensics demand (paras 46-51).",
    ),
)

# (code, title, HMICFRS statement, gold group). The words are the paper's; each ends with a full stop.
CAUSES = (
    (
        "INV",
        "Investigating Crime",
        "The force needs to make sure it carries out effective investigations which lead to satisfactory "
        "results for victims.",
        "Investigations Gold Group",
    ),
    (
        "MARAC",
        "Protecting Vulnerable People - MARAC",
        "The force needs to make sure that its multi-agency risk assessment conferences work effectively to "
        "keep vulnerable people safe.",
        "MARAC Gold Group",
    ),
    (
        "RSO",
        "Managing Offenders and Suspects - Sex Offender Managers",
        "The force does not manage the risk posed to the public by Registered Sex Offenders effectively.",
        "SOM Gold Group",
    ),
    (
        "OCSET",
        "Managing Offenders and Suspects - OCSET",
        "The force doesn't manage the risk posed by online child abuse offenders effectively.",
        "OCSET Gold Group",
    ),
)

# (date, kind, title, detail): the Engage timeline of paragraphs 2-16 and 52-54.
MILESTONES = (
    (date(2023, 1, 23), "notice", "HMICFRS notice of PEEL inspection", "The inspection period begins."),
    (
        date(2023, 5, 1),
        "inspection",
        "Victim Service Assessment",
        "100 crime files sampled from January, February and March 2023.",
    ),
    (
        date(2023, 6, 5),
        "inspection",
        "OCSET and SOM inspection",
        "Specialist inspection teams, at the beginning of June.",
    ),
    (
        date(2023, 7, 31),
        "submission",
        "Rapid improvement plan submitted",
        "Submitted to HMICFRS within the required 28 days.",
    ),
    (date(2023, 9, 11), "inspection", "PEEL field testing in force", "Two weeks of reality testing."),
    (
        date(2023, 10, 10),
        "meeting",
        "Debrief with the regional HMI",
        "Chief Constable and Force Executive Team; the MARAC concerns were raised.",
    ),
    (
        date(2023, 11, 24),
        "letter",
        "Engage letter: enhanced monitoring",
        "HMICFRS writes to the Chief Constable and the PCC: four Causes of Concern.",
    ),
    (date(2023, 12, 1), "report", "PEEL 2023-25 report published", "Published in December 2023."),
    (
        date(2024, 1, 16),
        "meeting",
        "Police Performance Oversight Group",
        "Attended by the Chief Constable and the PCC; positive feedback.",
    ),
    (
        date(2024, 2, 27),
        "meeting",
        "Strategic Policing and Crime Board",
        "HMICFRS Engage update presented by DCC Green.",
    ),
    (
        date(2024, 3, 5),
        "meeting",
        "HMICFRS Engage meeting",
        "The next meeting on the engaged status, at the beginning of March.",
    ),
)
