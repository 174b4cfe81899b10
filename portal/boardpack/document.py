"""Writes the pack as a Word document (python-docx) in the board paper's structure."""

from __future__ import annotations

import re
import string
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from portal.boardpack import narrative
from portal.boardpack.charts import Chart, charts_for
from portal.boardpack.content import PackContent
from portal.boardpack.options import TitleBlock
from portal.boardpack.render import render
from portal.formatting import uk_date

MARKING = "OFFICIAL-SENSITIVE"
KEEP_TOGETHER_ROWS = 12
NUMBER = re.compile(r"-?[\d,]+(\.\d+)?%?")
WIDE_TABLE_COLUMNS = 6
CM_PER_CHAR, CELL_PADDING_CM = 0.24, 0.45  # Arial 11 pt bold, widest letters allowed for
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less two 2.5 cm margins


class Numbered:
    """The paper's running paragraph numbers (1., 2., …) across every section."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc, self.n = doc, 0

    def para(self, text: str, *, bold: bool = False) -> None:
        self.n += 1
        p = self.doc.add_paragraph()
        p.add_run(f"{self.n}. ")
        p.add_run(text).bold = bold

    def points(self, items: list[str]) -> None:
        for i, text in enumerate(items):
            letter = string.ascii_lowercase[i % 26] * (1 + i // 26)
            p = self.doc.add_paragraph(f"{letter}. {text}")
            p.paragraph_format.left_indent = Pt(24)


def _a4(doc: DocxDocument) -> None:
    """A4 with 2.5 cm margins, as UK papers are (python-docx starts from US Letter)."""
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)


def _marking(doc: DocxDocument) -> None:
    for section in doc.sections:
        for part in (section.header, section.footer):
            p = part.paragraphs[0]
            p.text = MARKING
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.runs[0].bold = True


def _widths(table: list[list[str]], points: int = 11) -> list[Cm]:
    """Column widths across the text width: no column narrower than its longest word at 11 pt bold
    ("Wolverhampton" stays whole), and what is left goes to the wordy columns (action titles)."""
    longest, mean = [], []
    for column in zip(*table, strict=True):
        longest.append(max((len(word) for text in column for word in text.split()), default=1))
        mean.append(sum(len(text) for text in column) / len(column))
    floors = [CM_PER_CHAR * points / 11 * n + CELL_PADDING_CM for n in longest]
    spare = TEXT_WIDTH_CM - sum(floors)
    if spare <= 0:
        return [Cm(TEXT_WIDTH_CM * f / sum(floors)) for f in floors]
    wordy = [max(m - n, 0.0) + 1.0 for m, n in zip(mean, longest, strict=True)]
    return [Cm(f + spare * w / sum(wordy)) for f, w in zip(floors, wordy, strict=True)]


def _row_flag(row: object, name: str) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _repeat_header(row: object) -> None:
    """The header row repeats at the top of each page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def _table(doc: DocxDocument, headers: list[str], rows: list[list[str]]) -> None:
    if doc.paragraphs and doc.paragraphs[-1].text.strip():
        doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the sentence introducing the table
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
            if NUMBER.fullmatch(text):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT  # figures line up by their units
    points = 11 if len(headers) < WIDE_TABLE_COLUMNS else 9  # the MARAC table's seven columns fit at 9 pt
    if points != 11:
        for row in table.rows:
            for cell in row.cells:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(points)
    # Word reads the cells' widths and LibreOffice the grid's, so both are set.
    table.autofit = False
    for column, width in zip(table.columns, _widths([headers, *rows], points), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    _repeat_header(table.rows[0])
    for row in table.rows:
        _row_flag(row, "w:cantSplit")  # a row never breaks across two pages
    if len(table.rows) <= KEEP_TOGETHER_ROWS:  # a short table moves to the next page whole
        for row in table.rows[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    doc.add_paragraph()


def _picture(doc: DocxDocument, chart: Chart, number: int) -> None:
    """The chart image, 15 cm wide, with alt text for screen readers and a numbered caption below it."""
    shape = doc.add_picture(BytesIO(render(chart)), width=Cm(15))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    for props in (shape._inline.docPr, shape._inline.graphic.graphicData.pic.nvPicPr.cNvPr):
        props.set("descr", chart.alt())
        props.set("title", chart.title)
    doc.add_paragraph(f"Figure {number}: {chart.caption}", style="Caption")


def _readiness(doc: DocxDocument, n: Numbered, content: PackContent) -> None:
    if not content.readiness:
        return
    steps = content.readiness[0].snapshots
    doc.add_heading("Readiness to leave Engage", level=1)
    n.para(
        "A Cause of Concern is ready to be closed when every recommendation is verified, evidence is "
        f"recorded, its figures have been within tolerance for {steps:,} consecutive snapshots and no "
        f"action is overdue. The position at {uk_date(content.as_of)}"
        + (" (assessed force-wide):" if content.lpa else ":")
    )
    _table(
        doc,
        ["Cause of Concern", "Recommendations verified", "Evidence", "Figures within tolerance", "Overdue"],
        [
            [
                r.title,
                f"{r.verified_share:.0f}% ({r.verified:,} of {r.recommendations:,})",
                f"{r.evidence:,}",
                f"{r.metrics_steady:,} of {r.metrics_banded:,}",
                f"{r.overdue:,}",
            ]
            for r in content.readiness
        ],
    )
    for r in content.readiness:
        if r.ready:
            n.para(f"{r.title}: ready to leave Engage; nothing stands in the way.")
        else:
            n.para(f"{r.title}: not yet ready. What still stands in the way:")
            n.points(r.blockers)


def write(content: PackContent, path: Path, *, title_block: TitleBlock) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    _a4(doc)
    _marking(doc)
    book = content.book
    presenter = title_block.presenter
    doc.add_heading(title_block.meeting, level=0)
    doc.add_paragraph(uk_date(title_block.meeting_date or content.as_of))
    doc.add_paragraph("Police and Crime Plan Priority: where appropriate")
    title = "HMICFRS Engage" + (f" – {content.lpa} LPA" if content.lpa else "")
    doc.add_paragraph().add_run(f"Title: {title}").bold = True
    doc.add_paragraph(f"Presented by: {presenter}")
    n = Numbered(doc)

    doc.add_heading("Purpose of paper", level=1)
    n.para(
        "To provide an update on the force's progress against the Causes of Concern raised by HMICFRS "
        "while the force is in the engaged status of enhanced monitoring, with figures as at "
        f"{uk_date(content.as_of)}."
    )
    if content.lpa:
        n.para(f"This pack shows the {content.lpa} LPA breakdown of each figure alongside force totals.")

    doc.add_heading("Background", level=1)
    for m in content.timeline:
        n.para(f"{uk_date(m.on_date)}: {m.title}." + (f" {m.detail}" if m.detail else ""))

    doc.add_heading("Governance and Performance Monitoring", level=1)
    n.para(
        "A number of gold and silver groups have been set up to address the Causes of Concern raised by "
        "HMICFRS. They feed in to the HMICFRS Board. The governance arrangements are:"
    )
    _table(
        doc, ["Board or group", "Chaired by", "Meets"], [[g.name, g.chair, g.cadence] for g in content.groups]
    )

    doc.add_heading("Causes of Concern", level=1)
    n.para(
        f"HMICFRS identified {len(content.causes)} Causes of Concern. The activity taking place to address "
        "each is detailed below"
        + (
            f"; progress is reported since the previous pack of {uk_date(content.since)}."
            if content.since
            else "."
        )
    )
    pictures = 0
    for cause in content.causes:
        doc.add_heading(cause.title, level=1)
        n.para(f"This Cause of Concern states '{cause.statement}'")
        n.para(
            f"HMICFRS made {len(cause.recommendations)} recommendations in relation to this Cause of Concern."
        )
        for rec in cause.recommendations:
            n.para(rec.text, bold=True)
            figures = narrative.lines(cause.code, rec.number, book)
            progress = rec.points or ["No progress has been recorded on its actions since the previous pack."]
            n.points(progress + figures)
            if (cause.code, rec.number) == ("INV", 4):
                _table(
                    doc,
                    ["Crime", "YTD crime", "YTD % change", "YTD positive outcomes", "YTD outcome rate"],
                    narrative.crime_rows(book),
                )
            if (cause.code, rec.number) == ("MARAC", 1):
                headers, rows = narrative.marac_table(book, content.lpa)
                if len(headers) > 1:
                    _table(doc, headers, rows)
            for chart in charts_for(cause.code, rec.number, book, content.lpa):
                pictures += 1
                _picture(doc, chart, pictures)

    _readiness(doc, n, content)
    doc.add_heading("Next Steps", level=1)
    for m in content.upcoming:
        n.para(f"{uk_date(m.on_date)}: {m.title}." + (f" {m.detail}" if m.detail else ""))
    if content.overdue:
        n.para(f"{len(content.overdue):,} actions are overdue at {uk_date(content.as_of)}:")
        _table(
            doc,
            ["Recommendation", "Action", "Owner", "LPA", "Due"],
            [[o.ref, o.title, o.owner, o.lpa or "Force-wide", uk_date(o.due)] for o in content.overdue],
        )
    else:
        n.para(f"No actions are overdue at {uk_date(content.as_of)}.")
    doc.add_paragraph(f"Author(s): {presenter}")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
