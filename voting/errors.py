"""The registry of refusals: each name → its code, HTTP status and its text in Vietnamese (for
the person in the room) and English (for logs and the second language of the interface).

A refusal raised in more than one place is written here once and raised by name
(`voting.conference.errors.refused`), so the same code never says two different things by
accident. Pure Python: the rules, the services and the web layer all read it, none through Flask.
A code may have several texts (a reason is required for different acts); their names are
`code.variant`. `{name}` placeholders are filled when the refusal is raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

UNPROCESSABLE = 422
NOT_FOUND = 404
CONFLICT = 409
UNAUTHORISED = 401
FORBIDDEN = 403


@dataclass(frozen=True)
class Refusal:
    """One registered refusal: what a client reads (`code`, status) and a person reads."""

    code: str
    status: int
    vi: str
    en: str

    def texts(self, **values: Any) -> tuple[str, str]:
        """The Vietnamese and English texts with `values` filled in."""
        return self.vi.format(**values), self.en.format(**values)


_UNREADABLE_VI = (
    "Không đọc được tệp: cần tệp CSV (UTF-8) hoặc XLSX có dòng tiêu đề với các cột {columns}."
)
_DEVICE_UNKNOWN_VI = "Liên kết thiết bị không hợp lệ."
_DEVICE_REVOKED_VI = "Liên kết thiết bị đã bị thu hồi. Hãy xin Văn phòng liên kết mới."
_CSRF_VI = "Phiên làm việc đã hết hạn hoặc không hợp lệ: hãy tải lại trang."

REFUSALS: dict[str, Refusal] = {
    # Files imported by the organiser (registry tables, external attendees)
    "empty_file": Refusal(
        "empty_file", UNPROCESSABLE, "Tệp không có dòng dữ liệu nào.", "The file has no data rows."
    ),
    "unreadable_file": Refusal("unreadable_file", UNPROCESSABLE, _UNREADABLE_VI, "{detail}"),
    "unreadable_file.cannot_read": Refusal(
        "unreadable_file", UNPROCESSABLE, _UNREADABLE_VI, "Cannot read the file: {detail}."
    ),
    "unreadable_file.missing_columns": Refusal(
        "unreadable_file",
        UNPROCESSABLE,
        "Tệp thiếu cột {missing}. Dòng tiêu đề đọc được các cột: {found}. Bảng này có các cột "
        "{columns} (bắt buộc: {required}).{hint_vi}",
        "Missing column(s) {missing}; the header has: {found}. The table's columns are "
        "{columns} (required: {required}).{hint_en}",
    ),
    # Links, sessions and phones
    "device_unknown": Refusal(
        "device_unknown", UNAUTHORISED, _DEVICE_UNKNOWN_VI, "Unknown device token."
    ),
    "device_unknown.page": Refusal(
        "device_unknown", UNAUTHORISED, _DEVICE_UNKNOWN_VI, "This device link is not valid."
    ),
    "device_revoked": Refusal(
        "device_revoked", UNAUTHORISED, _DEVICE_REVOKED_VI, "This device link has been revoked."
    ),
    "device_revoked.page": Refusal(
        "device_revoked",
        UNAUTHORISED,
        _DEVICE_REVOKED_VI,
        "This device link has been revoked. Ask the organising office for a new one.",
    ),
    "csrf_failed": Refusal(
        "csrf_failed",
        FORBIDDEN,
        _CSRF_VI,
        "Missing or wrong {header} header (get it from GET /api/session).",
    ),
    "csrf_failed.page": Refusal(
        "csrf_failed", FORBIDDEN, _CSRF_VI, "The session expired or is not valid: reload the page."
    ),
    "member_unknown": Refusal(
        "member_unknown",
        UNAUTHORISED,
        "Điện thoại này không còn gắn với ban kiểm phiếu. Hãy xin Văn phòng mã mới.",
        "Unknown committee member binding.",
    ),
    "member_unknown.seat": Refusal(
        "member_unknown",
        NOT_FOUND,
        "Không có thành viên {member} trong ban kiểm phiếu.",
        "No committee member {member}.",
    ),
    # Things that do not exist
    "not_found.conference": Refusal(
        "not_found", NOT_FOUND, "Không tìm thấy hội nghị.", "No conference {conference_id!r}."
    ),
    "not_found.process": Refusal(
        "not_found",
        NOT_FOUND,
        "Không tìm thấy quy trình quy hoạch.",
        "No process {process_id!r}.",
    ),
    "not_found.device": Refusal(
        "not_found", NOT_FOUND, "Không tìm thấy thiết bị.", "No device link {device_id}."
    ),
    "not_found.device_here": Refusal(
        "not_found", NOT_FOUND, "Không tìm thấy thiết bị.", "No device link {device_id} here."
    ),
    # Set-up and phases
    "wrong_phase": Refusal(
        "wrong_phase",
        CONFLICT,
        "Hội nghị đang ở giai đoạn “{now_vi}”; việc này chỉ làm được ở giai đoạn {wanted_vi}.",
        "The conference is in {now_en}; this is only possible in {wanted_en}.",
    ),
    "wrong_phase.move": Refusal(
        "wrong_phase",
        CONFLICT,
        "Không chuyển được từ “{now}” sang “{to}”.",
        "No move from {now_code} to {to_code}.",
    ),
    "unknown_tier": Refusal(
        "unknown_tier",
        UNPROCESSABLE,
        "Nhóm chức danh “{tier}” không có trong bộ quy định (có: {known}).",
        "Unknown tier {tier!r} (known: {known}).",
    ),
    "unknown_tier.process": Refusal(
        "unknown_tier",
        UNPROCESSABLE,
        "Không có nhóm chức danh “{tier}”.",
        "Unknown tier {tier!r}.",
    ),
    "invalid_committee.size": Refusal(
        "invalid_committee",
        UNPROCESSABLE,
        "Ban kiểm phiếu có từ 3 đến 5 thành viên.",
        "The counting committee has 3 to 5 members.",
    ),
    "invalid_committee.threshold": Refusal(
        "invalid_committee",
        UNPROCESSABLE,
        "Số thành viên cần để mở hòm phiếu phải từ {low} đến {high}.",
        "The threshold must be from {low} to {high}.",
    ),
    "invalid_ballot": Refusal(
        "invalid_ballot",
        UNPROCESSABLE,
        "Phiếu chưa hợp lệ: {count} lỗi.",
        "The ballot is not valid: {count} problem(s).",
    ),
    "invalid_ballot.form": Refusal(
        "invalid_ballot", UNPROCESSABLE, "Phiếu chưa hợp lệ.", "The ballot is not valid."
    ),
    # Confirmations a person must tick
    "confirm_missing.head": Refusal(
        "confirm_missing",
        UNPROCESSABLE,
        "Hãy đánh dấu ô xác nhận quyết định trước khi ghi.",
        "Tick the confirmation before the decision is recorded.",
    ),
    "confirm_missing.close": Refusal(
        "confirm_missing",
        UNPROCESSABLE,
        "Hãy đánh dấu ô xác nhận kết thúc bỏ phiếu: việc này không làm lại được.",
        "Tick the confirmation to end voting: it cannot be undone.",
    ),
    "confirm_missing.reissue": Refusal(
        "confirm_missing",
        UNPROCESSABLE,
        "Đã có thành viên tham gia: hãy đánh dấu ô xác nhận trước khi cấp lại mã QR.",
        "A member has joined: tick the confirmation before issuing the codes again.",
    ),
    # Reasons a person must give
    "reason_required.decision": Refusal(
        "reason_required",
        UNPROCESSABLE,
        "Cần ghi lý do quyết định (từ 10 đến 1000 ký tự).",
        "The decision needs a reason (10 to 1000 characters).",
    ),
    "reason_required.card": Refusal(
        "reason_required",
        UNPROCESSABLE,
        "Cần ghi lý do (tối đa 500 ký tự).",
        "A reason is needed (500 characters at most).",
    ),
    "reason_required.abort": Refusal(
        "reason_required",
        UNPROCESSABLE,
        "Cần ghi lý do hủy cuộc bỏ phiếu (tối đa 500 ký tự).",
        "Aborting a vote needs a reason (500 characters at most).",
    ),
    "reason_required.checkin": Refusal(
        "reason_required",
        UNPROCESSABLE,
        "Cần ghi lý do hủy điểm danh (tối đa 500 ký tự).",
        "Undoing a check-in needs a reason (500 characters at most).",
    ),
    # The committee's key ceremony and opening
    "ceremony_incomplete": Refusal(
        "ceremony_incomplete",
        CONFLICT,
        "Ban kiểm phiếu chưa tạo xong khóa.",
        "The committee's key ceremony is not complete.",
    ),
    "ceremony_incomplete.replace": Refusal(
        "ceremony_incomplete",
        CONFLICT,
        "Ban kiểm phiếu chưa tạo xong khóa chung: hãy cấp lại mã QR cho cả ban.",
        "The ceremony is not complete: issue the join tokens again instead.",
    ),
    "committee_message_foreign": Refusal(
        "committee_message_foreign",
        UNPROCESSABLE,
        "Thông điệp này không phải của thành viên này hoặc của hội nghị này.",
        "This message belongs to another member or another conference.",
    ),
    "committee_message_foreign.named": Refusal(
        "committee_message_foreign",
        UNPROCESSABLE,
        "{what_vi} này không phải của thành viên này hoặc của hội nghị này.",
        "This {what_en} belongs to another member or conference.",
    ),
    "committee_message_foreign.reveal": Refusal(
        "committee_message_foreign",
        UNPROCESSABLE,
        "Cam kết được tạo cho một ban kiểm phiếu khác (số thành viên hoặc ngưỡng).",
        "The reveal is for another committee size or threshold.",
    ),
    "committee_message_invalid": Refusal(
        "committee_message_invalid",
        UNPROCESSABLE,
        "Thông điệp của ban kiểm phiếu không hợp lệ: {error}",
        "Malformed committee message: {error}",
    ),
    "committee_message_invalid.shares": Refusal(
        "committee_message_invalid",
        UNPROCESSABLE,
        'Cần gửi {{"shares": [...]}}.',
        'Send {{"shares": [...]}}.',
    ),
    # The head's decisions and the planning process
    "nothing_to_decide": Refusal(
        "nothing_to_decide",
        CONFLICT,
        "Không có trường hợp nào cần người đứng đầu quyết định.",
        "Nothing is left to the head at this step.",
    ),
    "invalid_decision": Refusal(
        "invalid_decision",
        UNPROCESSABLE,
        "Quyết định không hợp lệ: {vi}.",
        "The decision breaks the rules: {en}",
    ),
    "already_recorded.decision": Refusal(
        "already_recorded",
        CONFLICT,
        "Người đứng đầu đã quyết định về trường hợp này.",
        "The head has already decided this case.",
    ),
    "already_recorded.step": Refusal(
        "already_recorded", CONFLICT, "Bước này đã được ghi nhận.", "This step is already recorded."
    ),
    "no_outcome": Refusal(
        "no_outcome",
        CONFLICT,
        "Quy trình chưa xong bước cuối: chưa có danh sách để trình.",
        "The final step is not done: there is no list to submit.",
    ),
    "no_outcome.override": Refusal(
        "no_outcome",
        CONFLICT,
        "Chỉ quyết định được khi đã có danh sách và chưa phê duyệt.",
        "Only a list that exists and is not yet approved can be overridden.",
    ),
    "invalid_term": Refusal(
        "invalid_term",
        UNPROCESSABLE,
        "Không tính được điều kiện quy hoạch: {error}.",
        "{error}",
    ),
    "invalid_term.start": Refusal(
        "invalid_term",
        UNPROCESSABLE,
        "Quy hoạch nhiệm kỳ kế tiếp cần tháng bắt đầu nhiệm kỳ.",
        "The next term needs its start month.",
    ),
    "already_confirmed.device": Refusal(
        "already_confirmed",
        CONFLICT,
        "Điện thoại hoặc tài khoản này đã xác nhận; thành viên thứ hai xác nhận trên điện thoại "
        "hoặc tài khoản của mình.",
        "This phone or account has already confirmed; the second member confirms from their own.",
    ),
    "already_confirmed.member": Refusal(
        "already_confirmed",
        CONFLICT,
        "Thành viên này đã xác nhận; cần một thành viên khác.",
        "This member has already confirmed; another member must.",
    ),
    "invalid_counts.present": Refusal(
        "invalid_counts",
        UNPROCESSABLE,
        "Số người có mặt phải từ 1 đến số người được triệu tập.",
        "Present must be from 1 to the number convened.",
    ),
    "invalid_counts": Refusal(
        "invalid_counts",
        UNPROCESSABLE,
        "Kết quả kiểm phiếu giấy chưa hợp lệ: {count} lỗi.",
        "The paper counts are not valid: {count} problem(s).",
    ),
}
