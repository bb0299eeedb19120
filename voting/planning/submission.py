"""The Tờ trình (KH 331 B.VI, dossier item 1: "Tờ trình và bảng tổng hợp kết quả kiểm phiếu ở
các bước") for a process: the agency's header (cơ quan chủ quản, cơ quan, Quốc hiệu – Tiêu
ngữ), number, place and date, addressee, the body drawn from the process, the lists proposed
for approval and for removal, and the signature block, as the typed `Submission` that
`voting.tally.submission` prints as PDF and DOCX (the office edits the DOCX before signing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from sqlalchemy.orm import Session

from voting.planning.conditions import overridden
from voting.planning.lists import approval_of
from voting.planning.outcome import approving_body
from voting.planning.processes import RULES, registry_people
from voting.planning.state import outcome_of, result_of
from voting.planning.steps import removed_entries, rule_step
from voting.rules.people import PlannedPosition
from voting.rules.source import document_title
from voting.rules.structure import structure_report
from voting.store import Process
from voting.tally.submission import DocumentHeader, ProposedCadre, RemovedCadre, Submission

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BASES = (
    "Căn cứ Quy định số 50-QĐ/TW ngày 27/12/2021 của Bộ Chính trị về công tác quy hoạch cán bộ;",
    "Căn cứ Hướng dẫn số 16-HD/BTCTW ngày 15/02/2022 của Ban Tổ chức Trung ương về một số nội "
    "dung cụ thể về công tác quy hoạch cán bộ;",
)
ATTACHED = (
    "Bảng tổng hợp kết quả kiểm phiếu ở các bước;",
    "Sơ yếu lý lịch theo mẫu 2C-TCTW có dán ảnh màu 4x6;",
    "Nhận xét, đánh giá của cấp ủy, tập thể lãnh đạo cơ quan, đơn vị;",
    "Kết luận về tiêu chuẩn chính trị của cấp có thẩm quyền;",
    "Bản kê khai tài sản, thu nhập;",
    "Bản sao có giá trị pháp lý các văn bằng, chứng chỉ.",
)
_SEX = {"M": "Nam", "F": "Nữ"}


@dataclass(frozen=True)
class Header:
    """The agency as its documents head them: the body it reports to (cơ quan chủ quản, e.g.
    "UBND TỈNH NAM ĐỊNH"), its own name, the place written before the date, the abbreviation
    in its document numbers ("SCT" in "15/TTr-SCT"), and who signs (title and name)."""

    parent: str
    agency: str
    place: str
    code: str
    signer_title: str
    signer_name: str


def submission(
    session: Session, process: Process, header: Header, number: str, on: date
) -> Submission:
    """The Tờ trình of a process whose final step is done: `number` is the document number
    ("" leaves it to be written by hand), `on` its date."""
    outcome = outcome_of(process)
    if outcome is None:
        raise ValueError("the process has no outcome to submit")
    people = {person.id: person for person in registry_people(session)}
    procedure = RULES.procedures[process.procedure]
    tier = RULES.tiers[process.tier]
    review = process.procedure == "annual_review"
    what = "bổ sung quy hoạch" if review else "quy hoạch"
    subject = (
        f"Về việc đề nghị phê duyệt {'kết quả rà soát, bổ sung quy hoạch' if review else what} "
        f"cán bộ {tier.title[0].lower()}{tier.title[1:]}, nhiệm kỳ {process.term}"
    )
    forced = overridden(process)
    planned: list[ProposedCadre] = []
    for section in outcome.planned:
        for cadre in section.cadres:
            person = people.get(cadre.cadre)
            override = forced.get((section.position, cadre.cadre))
            planned.append(
                ProposedCadre(
                    full_name=cadre.full_name,
                    born=str(person.born.year) if person else "",
                    sex=_SEX.get(person.sex, "") if person else "",
                    post=f"{cadre.post} {cadre.unit}".strip(),
                    position=document_title(section.position),
                    agree=cadre.agree,
                    note=(
                        "Không bảo đảm tiêu chuẩn, điều kiện ("
                        + "; ".join(override.unmet)
                        + f"); người đứng đầu quyết định đề nghị, lý do: {override.reason}"
                    )
                    if override
                    else "",
                )
            )
    removed = [
        RemovedCadre(
            full_name=r.full_name,
            position=document_title(r.position),
            reason="; ".join(x.vi for x in r.reasons)
            if r.automatic
            else "Tập thể lãnh đạo bỏ phiếu kín đề nghị đưa ra khỏi quy hoạch",
        )
        for r in removed_entries(process)
    ]
    steps = []
    for item in process.steps:
        step = rule_step(process, item.number)
        result = result_of(item)
        recorded = approval_of(item).recorded
        held = (result.held_on if result else None) or (recorded.held_on if recorded else None)
        line = step.title if step.title.startswith("Bước") else f"Bước {item.number}: {step.title}"
        if held:
            line += f", ngày {date.fromisoformat(held):%d/%m/%Y}"
        if result is not None and result.convened:
            line += (
                f" ({result.convened} người được triệu tập, {result.present} người có mặt"
                + (", kiểm phiếu giấy" if result.paper else "")
                + ")"
            )
        steps.append(line + ";")
    entries = [
        PlannedPosition(c.cadre, p.position)
        for p in outcome.planned
        for c in p.cadres
        if c.cadre in people
    ]
    shares = structure_report(entries, people, process.reference, RULES)
    body = [
        f"Thực hiện Kế hoạch rà soát, bổ sung quy hoạch và xây dựng quy hoạch cán bộ, "
        f"{header.agency} đã tiến hành quy trình {procedure.title[0].lower()}"
        f"{procedure.title[1:]} nhiệm kỳ {process.term} đối với {tier.title[0].lower()}"
        f"{tier.title[1:]}, gồm các bước:",
    ]
    percent = _percent
    structure = (
        f"Cơ cấu danh sách đề nghị: {shares.planned} cán bộ; cán bộ trẻ (dưới "
        f"{RULES.structure.young_under_years} tuổi) {shares.young} người, "
        f"{percent(shares.young_share)}; cán bộ nữ {shares.women} người, "
        f"{percent(shares.women_share)}."
        if shares.planned
        else ""
    )
    body_name = approving_body(process.tier, header.agency)
    return Submission(
        header=DocumentHeader(
            parent=header.parent.upper(),
            agency=header.agency.upper(),
            nation=NATION,
            motto=MOTTO,
            number=f"Số: {number or '       '}/TTr-{header.code}",
            place_date=f"{header.place}, {document_date(on)}",
        ),
        title="TỜ TRÌNH",
        subject=subject,
        addressee=f"Kính gửi: {body_name}",
        bases=list(BASES),
        body=body,
        steps=steps,
        planned=planned,
        removed=removed,
        structure=structure,
        closing=f"{header.agency} kính trình {body_name} xem xét, phê duyệt./.",
        attached=list(ATTACHED),
        recipients=["Như trên;", "Lưu: VT."],
        signer_title=header.signer_title.upper(),
        signer_name=header.signer_name,
    )


def _percent(share: Fraction) -> str:
    """A share as the documents write it: one decimal, decimal comma ("12,5%")."""
    return f"{float(share) * 100:.1f}".replace(".", ",") + "%"


def document_date(on: date) -> str:
    """The date of an administrative document as NĐ 30/2020/NĐ-CP (Phụ lục I) writes it: a
    day under 10 and the months 1 and 2 with a leading zero, "ngày 04 tháng 5 năm 2022",
    "ngày 15 tháng 01 năm 2023"."""
    month = f"{on.month:02d}" if on.month <= 2 else str(on.month)
    return f"ngày {on.day:02d} tháng {month} năm {on.year}"
