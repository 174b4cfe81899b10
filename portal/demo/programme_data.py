"""The board paper's programme as plain data: groups, causes, recommendations, actions, milestones, people."""

from __future__ import annotations

from datetime import date

D = date
LETTER = D(2023, 11, 24)  # the Engage letter: Causes of Concern raised
SIX_MONTHS = D(2024, 5, 24)

# (email, name, job title, role, scopes) — the nine of DESIGN.md first, in its order.
PEOPLE = (
    ("admin@portal.example", "Priya Shah", "Portal administrator", "admin", ()),
    ("dcc@portal.example", "Scott Green", "Deputy Chief Constable", "executive", ()),
    (
        "gold.investigations@portal.example",
        "Helen Carter",
        "Chief Superintendent, Operation Vanguard",
        "gold",
        ("INV",),
    ),
    (
        "gold.marac@portal.example",
        "Mark Ellis",
        "Chief Superintendent, Public Protection",
        "gold",
        ("MARAC",),
    ),
    (
        "silver.outcomes@portal.example",
        "Aisha Rahman",
        "Superintendent, Outcomes workstream",
        "silver",
        ("INV-4", "INV-5"),
    ),
    ("opcc@portal.example", "Tom Whitfield", "Head of Policy, OPCC", "opcc", ()),
    (
        "lpa.birmingham@portal.example",
        "Daniel Okafor",
        "Chief Superintendent, Birmingham LPA",
        "lpa",
        ("Birmingham",),
    ),
    (
        "lpa.coventry@portal.example",
        "Rachel Moore",
        "Chief Superintendent, Coventry LPA",
        "lpa",
        ("Coventry",),
    ),
    ("analyst@portal.example", "Sam Patel", "Senior performance analyst", "analyst", ()),
    ("gold.som@portal.example", "Claire Hughes", "Detective Chief Superintendent, PPU", "gold", ("RSO",)),
    ("gold.ocset@portal.example", "James Doyle", "Detective Superintendent, OCSET", "gold", ("OCSET",)),
)

# (name, kind, chair, cadence, parent name, purpose)
GROUPS = (
    (
        "HMICFRS Board",
        "board",
        "DCC",
        "monthly",
        None,
        "Oversees every Cause of Concern; the gold groups report here.",
    ),
    (
        "Force Performance Board",
        "board",
        "DCC",
        "monthly",
        None,
        "Full-day performance meeting; the Causes of Concern are a standing item.",
    ),
    (
        "Investigations Gold Group (Operation Vanguard)",
        "gold",
        "ACC Crime",
        "fortnightly",
        "HMICFRS Board",
        "Investigating Crime Cause of Concern.",
    ),
    (
        "MARAC Gold Group (Op Willowbay)",
        "gold",
        "ACC Public Protection",
        "fortnightly",
        "HMICFRS Board",
        "Protecting Vulnerable People – MARAC Cause of Concern.",
    ),
    (
        "SOM Gold Group (Operation Rosaria)",
        "gold",
        "Detective Chief Superintendent PPU",
        "monthly",
        "HMICFRS Board",
        "Sex Offender Managers Cause of Concern.",
    ),
    (
        "OCSET Gold Group",
        "gold",
        "Detective Chief Superintendent PPU",
        "monthly",
        "HMICFRS Board",
        "Online child sexual exploitation Cause of Concern.",
    ),
    (
        "Investigative Skills Silver Group",
        "silver",
        "Superintendent, Investigations Improvement Unit",
        "monthly",
        "Investigations Gold Group (Operation Vanguard)",
        "Masterclasses, training needs, PIP2.",
    ),
    (
        "Investigation Standards Silver Group",
        "silver",
        "Superintendent, Investigation Standards",
        "monthly",
        "Investigations Gold Group (Operation Vanguard)",
        "Supervision, QATT, investigation plans.",
    ),
    (
        "Outcomes Silver Group",
        "silver",
        "Superintendent, Outcomes workstream",
        "monthly",
        "Investigations Gold Group (Operation Vanguard)",
        "Outcome rates, Outcome Review Team, OOCR.",
    ),
    (
        "MARAC Backlog Silver Group",
        "silver",
        "Detective Superintendent, Safeguarding",
        "weekly",
        "MARAC Gold Group (Op Willowbay)",
        "Backlog reduction and interim guidance.",
    ),
    (
        "SOM Performance Silver Group",
        "silver",
        "Detective Chief Inspector, SOM",
        "monthly",
        "SOM Gold Group (Operation Rosaria)",
        "ARMS, RMP reviews, visits, caseloads.",
    ),
    (
        "OCSET Demand Silver Group",
        "silver",
        "Detective Chief Inspector, OCSET",
        "weekly",
        "OCSET Gold Group",
        "Package backlog, enforcement timescales, DFU demand.",
    ),
    (
        "MARAC Strategic Governance Board",
        "board",
        "OPCC",
        "to be set",
        "HMICFRS Board",
        "Strategic partnership governance of MARAC (from early 2024).",
    ),
    (
        "Regional MARAC Operational Group",
        "operational",
        "Regional MARAC lead",
        "to be set",
        "MARAC Strategic Governance Board",
        "Operational consistency of MARAC across the region.",
    ),
    (
        "LPA DA Strategic Groups",
        "operational",
        "LPA commanders",
        "monthly",
        "MARAC Gold Group (Op Willowbay)",
        "Partnership meetings on each LPA with MARAC as a standing item.",
    ),
    (
        "SOMs wellbeing forum",
        "forum",
        "Chief Inspectors",
        "bi-monthly",
        "SOM Gold Group (Operation Rosaria)",
        "Wellbeing of sex offender managers; actions tracked in its own plan.",
    ),
    (
        "Workforce strategy meeting",
        "forum",
        "PPU",
        "fortnightly",
        "SOM Gold Group (Operation Rosaria)",
        "Critical staffing, vacancies and sickness in SOM and OCSET.",
    ),
)

# (code, title, statement, gold group)
CAUSES = (
    (
        "INV",
        "Investigating Crime",
        "The force needs to make sure it carries out effective investigations which lead to satisfactory "
        "results for victims.",
        "Investigations Gold Group (Operation Vanguard)",
    ),
    (
        "MARAC",
        "Protecting Vulnerable People - MARAC",
        "The force needs to make sure that its multi-agency risk assessment conferences work effectively to "
        "keep vulnerable people safe",
        "MARAC Gold Group (Op Willowbay)",
    ),
    (
        "RSO",
        "Managing Offenders and Suspects - Sex Offender Managers",
        "The force does not manage the risk posed to the public by Registered Sex Offenders effectively.",
        "SOM Gold Group (Operation Rosaria)",
    ),
    (
        "OCSET",
        "Managing Offenders and Suspects - OCSET",
        "The force doesn't manage the risk posed by online child abuse offenders effectively",
        "OCSET Gold Group",
    ),
)

# (cause, number, text, deadline text, silver group, status, theme)
RECOMMENDATIONS = (
    (
        "INV",
        1,
        "Make sure staff and officers have sufficient skills and capabilities to carry out high quality "
        "investigations",
        "immediately",
        "Investigative Skills Silver Group",
        "being_progressed",
        "skills",
    ),
    (
        "INV",
        2,
        "Make sure it carries out proportionate, thorough and timely investigations into reported crimes, "
        "which are supervised effectively",
        "immediately",
        "Investigation Standards Silver Group",
        "being_progressed",
        "supervision",
    ),
    (
        "INV",
        3,
        "Make sure investigation plans are created where applicable and that all investigative "
        "opportunities are taken",
        "immediately",
        "Investigation Standards Silver Group",
        "being_progressed",
        "investigation plans",
    ),
    (
        "INV",
        4,
        "Make sure it consistently achieves appropriate outcomes for victims",
        "immediately",
        "Outcomes Silver Group",
        "being_progressed",
        "outcomes",
    ),
    (
        "INV",
        5,
        "Make sure it is using outcomes appropriately, in a way that complies with force and national "
        "policies, leading to satisfactory results for victims",
        "immediately",
        "Outcomes Silver Group",
        "being_progressed",
        "outcomes",
    ),
    (
        "MARAC",
        1,
        "Review the backlog of cases waiting to be discussed at multi-agency risk assessment conferences "
        "and make sure that high-risk victims and families receive the safeguarding support that they need",
        "immediately",
        "MARAC Backlog Silver Group",
        "being_progressed",
        "backlog",
    ),
    (
        "MARAC",
        2,
        "Prepare a plan for how it will reduce the backlog of multi-agency risk assessment conference cases",
        "immediately",
        "MARAC Backlog Silver Group",
        "being_progressed",
        "backlog",
    ),
    (
        "MARAC",
        3,
        "Introduce a multi-agency risk assessment conference structure that can manage current and "
        "future demand effectively",
        "within six months",
        "MARAC Backlog Silver Group",
        "being_progressed",
        "demand",
    ),
    (
        "MARAC",
        4,
        "Make sure that multi-agency risk assessment conferences have the right strategic and "
        "operational governance arrangements to reduce the likelihood of harm to high-risk victims and their "
        "families",
        "within six months",
        None,
        "awaiting_review",
        "governance",
    ),
    (
        "RSO",
        1,
        "Ensure the operating model supports the robust management of registered sex offenders by "
        "trained staff to minimise the risk to children",
        "immediately",
        "SOM Performance Silver Group",
        "being_progressed",
        "operating model",
    ),
    (
        "RSO",
        2,
        "Ensure that WMP implements an effective framework so that it can make fully informed decisions "
        "about the current and future capability and capacity it needs to protect children from "
        "registered sex "
        "offenders",
        "immediately",
        "SOM Performance Silver Group",
        "being_progressed",
        "capacity",
    ),
    (
        "RSO",
        3,
        "Ensure it uses information about its performance to accurately assess and respond to the demand "
        "faced by sex offender managers, including data on active risk management system assessments (ARMS), "
        "risk management plans (RMP's), visits and the number of cases per officer",
        "immediately",
        "SOM Performance Silver Group",
        "being_progressed",
        "demand",
    ),
    (
        "RSO",
        4,
        "Supervisors review cases at appropriate intervals in line with expected standards",
        "immediately",
        "SOM Performance Silver Group",
        "being_progressed",
        "supervision",
    ),
    (
        "RSO",
        5,
        "It supports sex offender managers' wellbeing",
        "immediately",
        None,
        "being_progressed",
        "wellbeing",
    ),
    (
        "RSO",
        6,
        "Sex offender managers use digital tools effectively to identify offending",
        "immediately",
        "SOM Performance Silver Group",
        "awaiting_review",
        "digital",
    ),
    (
        "OCSET",
        1,
        "Implement an effective management framework so it can make full informed decisions about the "
        "current and future capability and capacity it needs to protect children from online child abuse "
        "offenders",
        "immediately",
        "OCSET Demand Silver Group",
        "being_progressed",
        "capacity",
    ),
    (
        "OCSET",
        2,
        "To address the backlog of cases awaiting assessment by the online child sexual exploitation "
        "team, in particular any cases that are overdue, ensuring that intelligence is reviewed regularly "
        "to help "
        "risks to be assessed",
        "immediately",
        "OCSET Demand Silver Group",
        "being_progressed",
        "backlog",
    ),
    (
        "OCSET",
        3,
        "Ensure the speed and nature of the enforcement action it takes reflects risks and reduces the "
        "likelihood that evidence will be lost, and that warrants and arrests are prioritised",
        "immediately",
        "OCSET Demand Silver Group",
        "being_progressed",
        "enforcement",
    ),
    (
        "OCSET",
        4,
        "That safeguarding measures are used for potential victims and suspects, and referrals to "
        "social services are made as soon as a suspect is identified as having access to a child",
        "immediately",
        "OCSET Demand Silver Group",
        "being_progressed",
        "safeguarding",
    ),
    (
        "OCSET",
        5,
        "To assess the demand faced by the digital forensics unit and mitigates the effect of any "
        "delays caused by evidence not yet being available",
        "immediately",
        "OCSET Demand Silver Group",
        "being_progressed",
        "digital",
    ),
    (
        "OCSET",
        6,
        "It uses performance information to accurately assess and respond to the demands faced by the "
        "online child sexual exploitation team",
        "immediately",
        "OCSET Demand Silver Group",
        "awaiting_review",
        "demand",
    ),
)
