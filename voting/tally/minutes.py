"""Biên bản kiểm phiếu: the count minutes for the personnel dossier, an A4 PDF made from the
signed record alone (so it can never disagree with `voting verify`), in Vietnamese or English.

Every page carries the installation key's fingerprint; the last part prints the record's hash,
the ballot-list hash, the browser bundles' hashes and a QR code of the record's hash, so a reader
can match the paper with the file.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from voting import canonical, fonts
from voting.crypto.dkg import Transcript
from voting.rules import rule_set_from_mapping
from voting.rules.source import document_title
from voting.tally.exports import CountRow, count_rows
from voting.tally.record import key_fingerprint
from voting.tally.shapes import RecordSelection, SignedRecord


@dataclass(frozen=True)
class Wording:
    """Every text the minutes print, in one language: a missing or misspelt one is a type
    error, not a KeyError at print time."""

    title: str
    nation: str
    motto: str
    voted_on: str
    opened_at: str
    absent: str
    excused: str
    unexcused: str
    unrecorded: str
    absentees: str
    no_reason: str
    valid: str
    invalid: str
    valid_note: str
    member_name: str
    member_named: str
    sealed: str
    rules: str
    date: str
    place: str
    committee: str
    member: str
    threshold: str
    convened: str
    present: str
    dealt: str
    replaced: str
    undone: str
    voided: str
    cast: str
    result: str
    position: str
    quota: str
    removal: str
    base: str
    base_present: str
    base_convened: str
    number: str
    name: str
    agree: str
    share: str
    passes: str
    fails: str
    removed: str
    kept: str
    outcome: str
    chosen: str
    none: str
    tie: str
    places: str
    open: str
    decision: str
    reason: str
    signatures: str
    sign_member: str
    sign_hint: str
    chair: str
    hashes: str
    record_hash: str
    list_hash: str
    bundle: str
    no_bundle: str
    installation: str
    fingerprint: str
    verify: str


VI = Wording(
    title="BIÊN BẢN KIỂM PHIẾU",
    nation="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto="Độc lập - Tự do - Hạnh phúc",
    voted_on="Ngày bỏ phiếu",
    opened_at="Thời điểm mở hòm phiếu, kiểm phiếu",
    absent="Số người vắng mặt",
    excused="có lý do: {n}",
    unexcused="không có lý do: {n}",
    unrecorded="chưa ghi lý do: {n}",
    absentees="Người vắng mặt",
    no_reason="chưa ghi lý do",
    valid="Số phiếu hợp lệ",
    invalid="Số phiếu không hợp lệ",
    valid_note="mỗi phiếu được kiểm chứng khi nhận",
    member_name="họ và tên: ....................................",
    member_named="họ và tên: {name}",
    sealed="Đã kiểm phiếu — kết quả không công bố tại hội nghị",
    rules="Căn cứ",
    date="Ngày",
    place="Địa điểm",
    committee="Ban kiểm phiếu",
    member="Thành viên Ban kiểm phiếu {n} — khóa {fp}",
    threshold="Cần {t}/{n} thành viên để mở hòm phiếu; đã mở: thành viên {who}.",
    convened="Số người được triệu tập",
    present="Số người có mặt",
    dealt="Số thẻ đã phát",
    replaced="trong đó thẻ thay thế",
    undone=(
        "trong đó {n} thẻ đã đưa cho người sau đó được hủy điểm danh: thẻ đã ra khỏi bàn nên "
        "vẫn được tính là đã phát (hệ thống không biết thẻ nào của ai nên không thu hồi được)"
    ),
    voided="Số thẻ bị hủy",
    cast="Số phiếu thu vào",
    result="Kết quả kiểm phiếu",
    position="Chức danh",
    quota="chọn tối đa {k} người",
    removal="phiếu đồng ý đưa ra khỏi quy hoạch",
    base="Tỉ lệ tính {named} ({n} người)",
    base_present="so với tổng số người có mặt",
    base_convened="so với tổng số người được triệu tập",
    number="STT",
    name="Họ và tên, chức vụ, đơn vị",
    agree="Số phiếu đồng ý",
    share="Tỉ lệ",
    passes="Đạt",
    fails="Không đạt",
    removed="Đề nghị đưa ra khỏi quy hoạch",
    kept="Giữ lại trong quy hoạch",
    outcome="Kết quả",
    chosen="Được lựa chọn",
    none="không có",
    tie="Bằng phiếu — người đứng đầu xem xét, quyết định",
    places="{n} chỗ",
    open="Còn {n} chỗ trống",
    decision="Người đứng đầu quyết định ({by}, {at})",
    reason="Lý do",
    signatures="Chữ ký",
    sign_member="Thành viên Ban kiểm phiếu {n}",
    sign_hint="(ký, ghi rõ họ tên)",
    chair="Trưởng Ban kiểm phiếu",
    hashes="Kiểm chứng",
    record_hash="Mã băm biên bản điện tử (SHA-256 của tệp)",
    list_hash="Mã băm danh sách phiếu",
    bundle="Mã băm chương trình trên trình duyệt",
    no_bundle="không ghi nhận",
    installation="Khóa của hệ thống",
    fingerprint="Dấu khóa hệ thống",
    verify="Kiểm tra: voting verify <tệp biên bản>",
)
EN = Wording(
    title="COUNT MINUTES",
    nation="SOCIALIST REPUBLIC OF VIETNAM",
    motto="Independence - Freedom - Happiness",
    voted_on="Voted on",
    opened_at="Box opened and counted at",
    absent="Absent",
    excused="with a reason: {n}",
    unexcused="without a reason: {n}",
    unrecorded="reason not recorded: {n}",
    absentees="Absent",
    no_reason="reason not recorded",
    valid="Valid ballots",
    invalid="Invalid ballots",
    valid_note="each ballot is verified when received",
    member_name="name: ....................................",
    member_named="name: {name}",
    sealed="Counted — the result is not announced at the conference",
    rules="Under",
    date="Date",
    place="Place",
    committee="Counting committee",
    member="Committee member {n} — key {fp}",
    threshold="{t} of {n} members open the box; opened by member(s) {who}.",
    convened="Convened",
    present="Present",
    dealt="Cards dealt",
    replaced="of which replacements",
    undone=(
        "of which {n} shown to someone whose check-in was then undone: the card left the desk "
        "and counts as dealt (nobody knows which card is whose, so it cannot be taken back)"
    ),
    voided="Cards voided",
    cast="Ballots cast",
    result="Result",
    position="Position",
    quota="mark at most {k}",
    removal="votes to remove from the planning",
    base="Percentage {named} ({n})",
    base_present="of those present",
    base_convened="of those convened",
    number="No.",
    name="Name, post, unit",
    agree="Agree",
    share="Percentage",
    passes="passes",
    fails="does not pass",
    removed="removal proposed",
    kept="kept in the planning",
    outcome="Outcome",
    chosen="Chosen",
    none="none",
    tie="Tie — the head decides",
    places="{n} place(s)",
    open="{n} place(s) open",
    decision="The head's decision ({by}, {at})",
    reason="Reason",
    signatures="Signatures",
    sign_member="Committee member {n}",
    sign_hint="(signature and full name)",
    chair="Head of the counting committee",
    hashes="Verification",
    record_hash="Record hash (SHA-256 of the file)",
    list_hash="Ballot-list hash",
    bundle="Browser bundle hash",
    no_bundle="not recorded",
    installation="Installation key",
    fingerprint="Installation key fingerprint",
    verify="Check with: voting verify <record file>",
)
TEXT = {"vi": VI, "en": EN}

FONT, BOLD, MONO = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono-Bold"


@dataclass(frozen=True)
class Absence:
    """A convened attendee who was not present, and why (both languages; "" if nobody
    recorded a reason). `excused`: True with a reason, False for "no reason", None unknown."""

    full_name: str
    reason: str
    reason_en: str
    excused: bool | None


@dataclass(frozen=True)
class RoomNotes:
    """What the room knows and the signed record does not hold: the committee members' names
    (member 1 first, "" for a seat not named) and the absent attendees with their reasons.
    The server passes them from its database; `voting minutes` from a record file alone has
    none, and the minutes leave those lines to be filled in by hand."""

    committee: tuple[str, ...] = ()
    absences: tuple[Absence, ...] = ()

    def member_name(self, member: int) -> str:
        """Member `member`'s name (from 1), or "" when not named."""
        return self.committee[member - 1] if 0 < member <= len(self.committee) else ""


def minutes_pdf(
    record: bytes, lang: str = "vi", notes: RoomNotes | None = None, parent: str = ""
) -> bytes:
    """The minutes of the record `record` (the signed file's bytes) in `lang` ("vi" or "en"),
    with the room's `notes` (names, absence reasons) when the caller has them, headed by
    `parent` (the managing body above the agency, cơ quan chủ quản: an installation's setting,
    not part of the signed record) and the agency."""
    fonts.register()
    document = SignedRecord.from_json(canonical.loads(record))
    t = TEXT[lang]
    fingerprint = key_fingerprint(document.public_key)
    out = io.BytesIO()
    pdf = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=20 * mm,
        title=f"{VI.title} — {document.conference.title}",
        invariant=True,
    )

    def footer(canvas: Canvas, _: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(18 * mm, 10 * mm, f"{t.fingerprint}: {fingerprint}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, str(canvas.getPageNumber()))
        canvas.restoreState()

    story = _story(
        document, hashlib.sha256(record).hexdigest(), t, lang, notes or RoomNotes(), parent
    )
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


@dataclass(frozen=True)
class Styles:
    """The minutes' paragraph styles."""

    base: ParagraphStyle
    title: ParagraphStyle
    centre: ParagraphStyle
    header: ParagraphStyle
    parent: ParagraphStyle
    rules: ParagraphStyle
    sealed: ParagraphStyle
    head: ParagraphStyle
    small: ParagraphStyle
    value: ParagraphStyle
    value_centre: ParagraphStyle
    cell: ParagraphStyle
    cellb: ParagraphStyle


def _styles() -> Styles:
    base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=13)
    return Styles(
        base=base,
        title=ParagraphStyle("title", base, fontName=BOLD, fontSize=15, leading=20, alignment=1),
        centre=ParagraphStyle("centre", base, alignment=1),
        header=ParagraphStyle("header", base, fontName=BOLD, fontSize=9, alignment=1),
        parent=ParagraphStyle("parent", base, fontSize=9, alignment=1),
        rules=ParagraphStyle("rules", base, fontSize=8.5, leading=11, alignment=1),
        sealed=ParagraphStyle(
            "sealed", base, fontName=BOLD, textColor=colors.darkred, alignment=1, spaceBefore=4
        ),
        head=ParagraphStyle("head", base, fontName=BOLD, fontSize=11.5, spaceBefore=8),
        small=ParagraphStyle("small", base, fontSize=8.5, leading=11),
        value=ParagraphStyle("value", base, fontName=BOLD),
        value_centre=ParagraphStyle("value_centre", base, fontName=BOLD, alignment=1),
        cell=ParagraphStyle("cell", base, fontSize=9, leading=11.5),
        cellb=ParagraphStyle("cellb", base, fontName=BOLD, fontSize=9, leading=11.5),
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _story(
    document: SignedRecord,
    record_hash: str,
    t: Wording,
    lang: str,
    notes: RoomNotes,
    parent: str,
) -> list[Any]:
    s = _styles()
    conference = document.conference
    rule_set = rule_set_from_mapping(document.rules, "record rule set")
    step = rule_set.step(conference.procedure, conference.step)
    # The day the vote was held (voting opened), in the room's time: not the date the
    # conference was first set for.
    voted = _moment(document, "phase.changed", "voting")
    held_on = (
        voted.strftime("%d/%m/%Y")
        if voted
        else date.fromisoformat(conference.held_on).strftime("%d/%m/%Y")
    )
    header = Table(
        [
            [
                [
                    *([_p(parent.upper(), s.parent)] if parent.strip() else []),
                    _p(conference.agency.upper(), s.header),
                ],
                [_p(t.nation, s.header), _p(t.motto, s.header)],
            ]
        ],
        colWidths=[86 * mm, 88 * mm],
    )
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    step_title = step.title if lang == "vi" else step.title_en
    story: list[Any] = [
        header,
        Spacer(1, 6),
        _p(t.title, s.title),
        # The step's title once: alone when it holds the conference's own title ("Bước 4:
        # Hội nghị …" for a conference titled "Hội nghị …"), left out when that title holds it.
        *(
            [_p(step_title, s.centre)]
            if conference.title.casefold() in step_title.casefold()
            else [
                _p(conference.title, s.centre),
                *([_p(step_title, s.centre)] if step_title not in conference.title else []),
            ]
        ),
        _p(f"{t.date}: {held_on} — {t.place}: {conference.place}", s.centre),
        _p(f"{t.rules}: {rule_set.title}", s.rules),
    ]
    if not step.announced:
        story.append(_p(t.sealed, s.sealed))
    transcript = Transcript.from_json(document.committee)
    story += _committee(document, transcript, t, s, notes)
    story += _attendance(document, t, s, notes, lang)
    story += _counts(document, t, s, removal=step.ballot == "removal")
    story += _signatures(transcript.ceremony.members, t, s, notes)
    story += _verification(document, record_hash, t, s)
    return story


def _committee(
    document: SignedRecord, transcript: Transcript, t: Wording, s: Styles, notes: RoomNotes
) -> list[Any]:
    ceremony = transcript.ceremony
    lines = [_p(t.committee, s.head)]
    for member in range(1, ceremony.members + 1):
        key = transcript.public_share(member).hex()
        role = f" ({t.chair})" if member == 1 else ""
        text = t.member.format(n=member, fp=key_fingerprint(key)) + role
        named = notes.member_name(member)
        who = t.member_named.format(name=named) if named else t.member_name
        lines.append(_p(f"{text}; {who}", s.base))
    lines.append(
        _p(
            t.threshold.format(
                t=ceremony.threshold,
                n=ceremony.members,
                who=", ".join(map(str, document.opened_by)),
            ),
            s.base,
        )
    )
    return lines


def _attendance(
    document: SignedRecord, t: Wording, s: Styles, notes: RoomNotes, lang: str
) -> list[Any]:
    cards = document.cards
    dealt = cards.dealt + cards.replaced
    frozen = document.frozen
    cast = document.ballots
    opened = _moment(document, "box.opened")
    rows = [
        [t.convened, str(frozen.convened)],
        [t.present, str(frozen.present)],
        [t.absent, _absent_count(frozen.convened - frozen.present, notes, t)],
        [
            t.dealt,
            f"{dealt} ({t.replaced}: {cards.replaced})"
            + (f"; {t.undone.format(n=cards.undone)}" if cards.undone else ""),
        ],
        [t.voided, str(len(cards.voided))],
        [t.cast, str(cast)],
        [t.valid, str(cast)],
        [t.invalid, f"0 ({t.valid_note})"],
        *([[t.opened_at, opened.strftime("%H:%M %d/%m/%Y")]] if opened else []),
    ]
    table = Table(
        [[_p(a, s.base), _p(b, s.value)] for a, b in rows],
        colWidths=[70 * mm, 104 * mm],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [Spacer(1, 4), table, *_absentees(notes, t, s, lang)]


def _absent_count(absent: int, notes: RoomNotes, t: Wording) -> str:
    """ "3 (có lý do: 2; không có lý do: 1)": the record's count, split by the room's reasons
    when it has them."""
    if not notes.absences:
        return str(absent)
    split = [
        (t.excused, sum(1 for a in notes.absences if a.excused is True)),
        (t.unexcused, sum(1 for a in notes.absences if a.excused is False)),
        (t.unrecorded, sum(1 for a in notes.absences if a.excused is None)),
    ]
    parts = [label.format(n=n) for label, n in split if n]
    return f"{absent} ({'; '.join(parts)})"


def _absentees(notes: RoomNotes, t: Wording, s: Styles, lang: str) -> list[Any]:
    """The absent attendees by name, each with the reason recorded."""
    if not notes.absences:
        return []
    each = [
        f"{a.full_name} ({(a.reason if lang == 'vi' else a.reason_en) or t.no_reason})"
        for a in notes.absences
    ]
    return [Spacer(1, 2), _p(f"{t.absentees}: {'; '.join(each)}.", s.small)]


def _counts(document: SignedRecord, t: Wording, s: Styles, removal: bool) -> list[Any]:
    """The counts of each position. A removal ballot's section asks agree or not to remove
    each planned cadre: no "choose at most" there."""
    story: list[Any] = [_p(t.result, s.head)]
    rows = count_rows(document)
    quotas = {section.id: section.quota for section in document.ballot.sections}
    for position in document.positions:
        mine = [r for r in rows if r.position_id == position.id]
        base = mine[0] if mine else None
        rule = t.removal if removal else t.quota.format(k=quotas[position.id])
        # The unit's own title, as every document writes it (Chánh Thanh tra Sở, …).
        heading = f"{t.position}: {document_title(position.title)} ({rule})"
        story.append(_p(heading, s.cellb))
        if base is not None:
            named = t.base_present if base.base == "present" else t.base_convened
            story.append(_p(t.base.format(named=named, n=base.base_count), s.cell))
        data: list[list[Any]] = [
            [_p(text, s.cellb) for text in (t.number, t.name, t.agree, t.share, t.outcome)]
        ]
        for number, row in enumerate(mine, start=1):
            share = row.percent.replace(".", ",") if t is VI else row.percent
            data.append(
                [
                    _p(str(number), s.cell),
                    Paragraph(
                        f"{escape(row.full_name)}<br/>"
                        f"<font size=8>{escape(row.post)}, {escape(row.unit)}</font>",
                        s.cell,
                    ),
                    _p(str(row.agree), s.cellb),
                    _p(f"{share}% ({row.agree}/{row.base_count})", s.cell),
                    _p(_outcome(t, row.passed, removal), s.cell),
                ]
            )
        table = Table(data, colWidths=[11 * mm, 72 * mm, 22 * mm, 42 * mm, 27 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story += [Spacer(1, 3), table]
        if document.selection is not None:
            story += _selection(document, document.selection, position.id, mine, t, s)
        story.append(Spacer(1, 6))
    return story


def _outcome(t: Wording, passed: bool, removal: bool) -> str:
    """What passing means: on a removal ballot, that the removal is proposed."""
    if removal:
        return t.removed if passed else t.kept
    return t.passes if passed else t.fails


def _selection(
    document: SignedRecord,
    selection: RecordSelection,
    position: str,
    rows: list[CountRow],
    t: Wording,
    s: Styles,
) -> list[Any]:
    names = {r.candidate_id: r.full_name for r in rows}
    chosen = [names[c] for c in selection.chosen.get(position, ())]
    lines = [Spacer(1, 3), _p(f"{t.chosen}: {', '.join(chosen) or t.none}", s.cellb)]
    if position in selection.ties:
        tie = selection.ties[position]
        among = ", ".join(names[c] for c in tie.among)
        places = t.places.format(n=tie.places)
        lines.append(_p(f"{t.tie} ({places}): {among}", s.cell))
    if position in selection.open_places:
        lines.append(_p(t.open.format(n=selection.open_places[position]), s.cell))
    decision = document.decision
    if decision is not None and position in decision.chosen:
        picked = ", ".join(names[c] for c in decision.chosen[position]) or t.none
        at = datetime.fromisoformat(decision.decided_at).astimezone(
            ZoneInfo(document.conference.timezone)
        )
        head = t.decision.format(by=decision.decided_by, at=at.strftime("%H:%M %d/%m/%Y"))
        lines.append(_p(f"{head}: {picked}", s.cell))
        if decision.note:
            lines.append(_p(f"{t.reason}: {decision.note}", s.cell))
    return lines


def _moment(document: SignedRecord, kind: str, to: str | None = None) -> datetime | None:
    """When the record's event log first shows `kind` (a phase change to `to`), in the room's
    time zone; None if the log does not hold it."""
    for event in document.events:
        if event.kind == kind and (to is None or event.data.get("to") == to):
            at = datetime.fromisoformat(event.at.replace("Z", "+00:00"))
            return at.astimezone(ZoneInfo(document.conference.timezone))
    return None


def _signatures(members: int, t: Wording, s: Styles, notes: RoomNotes) -> list[Any]:
    """One box per committee member (member 1 chairs): no more boxes than signers, each with
    the member's name under it when the room named them."""
    cells = [
        t.sign_member.format(n=n) + (f" — {t.chair}" if n == 1 else "")
        for n in range(1, members + 1)
    ]
    grid = [
        [
            Paragraph(f"{escape(c)}<br/><font size=8>{escape(t.sign_hint)}</font>", s.centre)
            for c in cells[i : i + 3]
        ]
        for i in range(0, len(cells), 3)
    ]
    names = [
        _p(notes.member_name(n), s.value_centre) if notes.member_name(n) else ""
        for n in range(1, members + 1)
    ]
    rows: list[list[Any]] = []
    for start, line in zip(range(0, members, 3), grid, strict=True):
        rows.append(line + [""] * (3 - len(line)))
        rows.append(["", "", ""])
        rows.append(names[start : start + 3] + [""] * (3 - len(line)))
    table = Table(rows, colWidths=[58 * mm] * 3, rowHeights=[None, 18 * mm, None] * len(grid))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [KeepTogether([_p(t.signatures, s.head), Spacer(1, 4), table])]


class _Qr(Flowable):
    """A QR code of a text, `size` wide."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text, self.size = text, size
        self.width = self.height = size

    def draw(self) -> None:
        widget = QrCodeWidget(self.text)
        left, bottom, right, top = widget.getBounds()
        drawing = Drawing(
            self.size,
            self.size,
            transform=[self.size / (right - left), 0, 0, self.size / (top - bottom), 0, 0],
        )
        drawing.add(widget)
        drawing.drawOn(self.canv, 0, 0)


def _verification(document: SignedRecord, record_hash: str, t: Wording, s: Styles) -> list[Any]:
    public_key = document.public_key
    bundles = document.bundles
    lines = [
        (t.record_hash, record_hash),
        (t.list_hash, document.ballot_list_hash),
        *((f"{t.bundle} {name}", digest) for name, digest in bundles.items()),
        *(() if bundles else ((t.bundle, t.no_bundle),)),
        (t.installation, public_key),
        (t.fingerprint, key_fingerprint(public_key)),
    ]
    text = [
        Paragraph(f"{escape(label)}:<br/><font name={MONO}>{escape(value)}</font>", s.small)
        for label, value in lines
    ]
    text.append(_p(t.verify, s.small))
    table = Table([[text, _Qr(record_hash, 34 * mm)]], colWidths=[136 * mm, 38 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [KeepTogether([_p(t.hashes, s.head), Spacer(1, 2), table])]
