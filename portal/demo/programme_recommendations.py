"""The 21 recommendations of the board paper in its words, with deadline, silver group, status, theme."""

# (cause, number, text without a closing full stop, deadline text, silver group, status, theme).
# "awaiting_review" marks those whose substantive actions are done and reported to HMICFRS, awaiting
# its review; the rest are "being_progressed" (none is complete while any of its actions is open).
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
        "Operation Willowbay",
        "being_progressed",
        "backlog",
    ),
    (
        "MARAC",
        2,
        "Prepare a plan for how it will reduce the backlog of multi-agency risk assessment conference cases",
        "immediately",
        "Operation Willowbay",
        "awaiting_review",
        "backlog",
    ),
    (
        "MARAC",
        3,
        "Introduce a multi-agency risk assessment conference structure that can manage current and "
        "future demand effectively",
        "within six months",
        "Operation Willowbay",
        "being_progressed",
        "demand",
    ),
    (
        "MARAC",
        4,
        "Make sure that multi-agency risk assessment conferences have the right strategic and operational "
        "governance arrangements to reduce the likelihood of harm to high-risk victims and their families",
        "within six months",
        "LPA DA Strategic Groups",
        "being_progressed",
        "governance",
    ),
    (
        "RSO",
        1,
        "Ensure the operating model supports the robust management of registered sex offenders by "
        "trained staff to minimise the risk to children",
        "immediately",
        "Workforce strategy meeting",
        "awaiting_review",
        "skills",
    ),
    (
        "RSO",
        2,
        "Ensure that WMP implements an effective framework so that it can make fully informed decisions "
        "about the current and future capability and capacity it needs to protect children from "
        "registered sex offenders",
        "immediately",
        "Workforce strategy meeting",
        "being_progressed",
        "capacity",
    ),
    (
        "RSO",
        3,
        "Ensure it uses information about its performance to accurately assess and respond to the demand "
        "faced by sex offender managers, including data on active risk management system assessments "
        "(ARMS), risk management plans (RMP's), visits and the number of cases per officer",
        "immediately",
        "Operation Rosaria",
        "being_progressed",
        "demand",
    ),
    (
        "RSO",
        4,
        "Supervisors review cases at appropriate intervals in line with expected standards",
        "immediately",
        "Operation Rosaria",
        "being_progressed",
        "supervision",
    ),
    (
        "RSO",
        5,
        "It supports sex offender managers' wellbeing",
        "immediately",
        "SOMs wellbeing forum",
        "being_progressed",
        "wellbeing",
    ),
    (
        "RSO",
        6,
        "Sex offender managers use digital tools effectively to identify offending",
        "immediately",
        "SOM Digital Forensics Working Group",
        "being_progressed",
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
        "to help risks to be assessed",
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
        "That safeguarding measures are used for potential victims and suspects, and referrals to social "
        "services are made as soon as a suspect is identified as having access to a child",
        "immediately",
        "OCSET Demand Silver Group",
        "awaiting_review",
        "safeguarding",
    ),
    (
        "OCSET",
        5,
        "To assess the demand faced by the digital forensics unit and mitigates the effect of any delays "
        "caused by evidence not yet being available",
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
        "being_progressed",
        "demand",
    ),
)
