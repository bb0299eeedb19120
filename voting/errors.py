"""The registry of refusals: each name → its code, HTTP status and its text in Vietnamese (for
the person in the room) and English (for logs and the second language of the interface).

Every refusal — a service's, a planning step's or the web layer's own (authentication, a
malformed body: 400, 401, 403, 413, 500) — is written here once and raised by name
(`voting.conference.errors.refused`); no raise site writes its own text
(tests/unit/test_errors.py checks), so the same code never says two different things by
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
TOO_MANY_REQUESTS = 429
UNAVAILABLE = 503
BAD_REQUEST = 400
TOO_LARGE = 413
SERVER_ERROR = 500


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
_UNMET_VI = (
    ": cán bộ không bảo đảm tiêu chuẩn, điều kiện (KH 331 mục A.I) — {unmet_vi}. "
    "Chỉ người đứng đầu có thể quyết định giữ lại, ghi rõ lý do."
)
_UNMET_EN = (
    ": cadres fail the conditions (KH 331 A.I) — {unmet_en}. Only the head's recorded decision, "
    "with a reason, lets them through."
)
_FIELD_VI = "Trường “{field}” {what_vi}."
_FIELD_EN = "Field {field!r} {what_en}."
_FORBIDDEN_VI = "Tài khoản hoặc thiết bị này không được phép làm việc này."

REFUSALS: dict[str, Refusal] = {
    # The conference's services (voting/conference)
    "busy": Refusal(
        "busy",
        UNAVAILABLE,
        "Máy chủ đang bận kiểm tra mật khẩu khác. Hãy thử lại sau ít giây.",
        "All password checks are busy: try again shortly.",
    ),
    "too_many_attempts": Refusal(
        "too_many_attempts",
        TOO_MANY_REQUESTS,
        "Đã nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau {seconds} giây.",
        "Too many wrong passwords: try again in {seconds} s.",
    ),
    "too_many_attempts.minutes": Refusal(
        "too_many_attempts",
        TOO_MANY_REQUESTS,
        "Đã nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau {minutes} phút.",
        "Too many wrong passwords: try again in {seconds} s.",
    ),
    "absence_reason_unknown": Refusal(
        "absence_reason_unknown",
        UNPROCESSABLE,
        "Lý do vắng mặt không hợp lệ; chọn một trong: {allowed}.",
        "Unknown absence reason {reason!r}; one of {reasons}.",
    ),
    "absence_note_required": Refusal(
        "absence_note_required",
        UNPROCESSABLE,
        "Với “Lý do khác”, hãy ghi rõ lý do vắng mặt.",
        "An 'other' absence reason needs the reason written out.",
    ),
    "absence_note_too_long": Refusal(
        "absence_note_too_long",
        UNPROCESSABLE,
        "Lý do vắng mặt tối đa {note_limit} ký tự.",
        "An absence reason is {note_limit} characters at most.",
    ),
    "attendee_present": Refusal(
        "attendee_present",
        CONFLICT,
        "{full_name} đã có mặt (đã điểm danh), không ghi lý do vắng mặt.",
        "{full_name} is checked in, so has no absence reason.",
    ),
    "password_short": Refusal(
        "password_short",
        UNPROCESSABLE,
        "Mật khẩu phải có ít nhất {min_password} ký tự.",
        "The password must have at least {min_password} characters.",
    ),
    "invalid_input.username": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Tên đăng nhập phải có từ 1 đến 64 ký tự, không có dấu cách.",
        "The username must have 1 to 64 characters and no spaces.",
    ),
    "invalid_input.role": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Vai trò phải là organiser, leadership hoặc head.",
        "Unknown role {role!r}: expected organiser, leadership or head.",
    ),
    "username_taken": Refusal(
        "username_taken",
        UNPROCESSABLE,
        "Tên đăng nhập “{username}” đã có.",
        "The username {username!r} is taken.",
    ),
    "invalid_input.display_name": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Họ và tên hiển thị dài quá 200 ký tự.",
        "The display name is over 200 characters.",
    ),
    "account_unknown": Refusal(
        "account_unknown",
        NOT_FOUND,
        "Không có tài khoản “{username}”.",
        "No account {username!r}.",
    ),
    "ballot_from_process": Refusal(
        "ballot_from_process",
        CONFLICT,
        "Phiếu của bước này được lập tự động từ kết quả bước trước của quy trình quy hoạch; không "
        "sửa tay được.",
        "This step's ballot comes from its planning process and cannot be edited.",
    ),
    "box_not_closed": Refusal(
        "box_not_closed",
        CONFLICT,
        "Hòm phiếu chưa được chốt danh sách.",
        "The ballot list is not frozen yet.",
    ),
    "card_key_invalid": Refusal(
        "card_key_invalid",
        UNPROCESSABLE,
        "Mỗi khóa thẻ là 64 ký tự hex chữ thường.",
        "Every card key is 64 lowercase hex characters.",
    ),
    "card_keys_unsorted": Refusal(
        "card_keys_unsorted",
        UNPROCESSABLE,
        "Danh sách khóa thẻ phải được sắp xếp và không trùng lặp.",
        "The card keys must be sorted and distinct.",
    ),
    "card_batch_size": Refusal(
        "card_batch_size",
        UNPROCESSABLE,
        "Một lô có từ 1 đến {max_batch} thẻ.",
        "A batch holds 1 to {max_batch} cards.",
    ),
    "card_batch_foreign": Refusal(
        "card_batch_foreign",
        UNPROCESSABLE,
        "Tệp khóa thẻ này được tạo cho một hội nghị khác.",
        "This keys file was made for another conference.",
    ),
    "card_list_hash_mismatch": Refusal(
        "card_list_hash_mismatch",
        UNPROCESSABLE,
        "Mã băm danh sách thẻ không khớp với các khóa: tệp bị hỏng.",
        "card_list_hash does not match the keys: the file is damaged.",
    ),
    "card_duplicate": Refusal(
        "card_duplicate",
        CONFLICT,
        "{count} thẻ trong lô này đã có trong danh sách.",
        "{count} card(s) of this batch are already on the list.",
    ),
    "cards_exhausted": Refusal(
        "cards_exhausted",
        CONFLICT,
        "Đã phát hết thẻ: hãy tạo thêm một lô thẻ.",
        "Every card has been dealt: add a batch.",
    ),
    "nothing_to_undo": Refusal(
        "nothing_to_undo",
        CONFLICT,
        "Chưa có thẻ nào được phát để hủy.",
        "No dealt card to undo.",
    ),
    "card_unknown.keys": Refusal(
        "card_unknown",
        UNPROCESSABLE,
        "{count} khóa không có trong danh sách thẻ của hội nghị.",
        "{count} key(s) are not on this conference's card list.",
    ),
    "card_used": Refusal(
        "card_used",
        CONFLICT,
        "Thẻ biểu quyết này đã được dùng để bỏ phiếu. Mỗi thẻ chỉ bỏ được một phiếu.",
        "This card has already cast a ballot: one card, one ballot.",
    ),
    "voting_not_open.cast": Refusal(
        "voting_not_open",
        CONFLICT,
        "Hội nghị chưa mở bỏ phiếu. Xin chờ Văn phòng mở bỏ phiếu rồi gửi lại.",
        "Voting has not opened yet; wait for the opening and send again.",
    ),
    "vote_aborted": Refusal(
        "vote_aborted",
        CONFLICT,
        "Cuộc bỏ phiếu đã bị hủy: phiếu không được nhận.",
        "This vote was aborted: no ballot is accepted.",
    ),
    "voting_closed": Refusal(
        "voting_closed",
        CONFLICT,
        "Đã kết thúc bỏ phiếu: phiếu gửi sau không được nhận.",
        "Voting has closed: the ballot was not accepted.",
    ),
    "wrong_conference": Refusal(
        "wrong_conference",
        UNPROCESSABLE,
        "Thẻ biểu quyết này thuộc một hội nghị khác.",
        "This ballot (and its card) belongs to another conference.",
    ),
    "card_unknown": Refusal(
        "card_unknown",
        UNPROCESSABLE,
        "Thẻ biểu quyết này không có trong danh sách thẻ của hội nghị.",
        "This card is not on the conference's card list.",
    ),
    "card_voided": Refusal(
        "card_voided",
        CONFLICT,
        "Thẻ biểu quyết này đã bị hủy (thẻ chưa phát khi mở bỏ phiếu).",
        "This card was voided (undealt at the opening).",
    ),
    "receipt_unknown": Refusal(
        "receipt_unknown",
        NOT_FOUND,
        "Không có phiếu nào với mã biên nhận này trong danh sách.",
        "No ballot with this receipt is on the list.",
    ),
    "ballot_malformed": Refusal(
        "ballot_malformed",
        UNPROCESSABLE,
        "Phiếu gửi lên không đúng định dạng.",
        "Malformed ballot: {error}",
    ),
    "ballot_invalid": Refusal(
        "ballot_invalid",
        UNPROCESSABLE,
        "Phiếu không hợp lệ (chữ ký hoặc chứng minh không đúng, hoặc chọn quá số lượng).",
        "Invalid ballot: {error}",
    ),
    "ballot_box_full": Refusal(
        "ballot_box_full",
        CONFLICT,
        "Số phiếu đã bằng số người có mặt ({present}): không nhận thêm phiếu.",
        "As many ballots as attendees present ({present}): no more are accepted.",
    ),
    "wrong_fingerprint": Refusal(
        "wrong_fingerprint",
        UNPROCESSABLE,
        "Phiếu được lập cho thông số hội nghị khác (mã nhận diện hội nghị không khớp). Hãy tải "
        "lại trang và bỏ phiếu lại.",
        "The ballot was built for another conference fingerprint: {error}",
    ),
    "ceremony_waiting.hashes": Refusal(
        "ceremony_waiting",
        CONFLICT,
        "Còn chờ mã băm cam kết của thành viên {members}.",
        "Still waiting for the commitment hashes of member(s) {missing}.",
    ),
    "ceremony_waiting.reveals": Refusal(
        "ceremony_waiting",
        CONFLICT,
        "Còn chờ cam kết của thành viên {members}.",
        "Still waiting for the reveals of member(s) {missing}.",
    ),
    "ceremony_waiting.shares": Refusal(
        "ceremony_waiting",
        CONFLICT,
        "Còn chờ phần khóa của thành viên {members}.",
        "Still waiting for the shares of member(s) {missing}.",
    ),
    "rejoin_required": Refusal(
        "rejoin_required",
        CONFLICT,
        "Ban kiểm phiếu đã tạo khóa chung: điện thoại mới cần tệp bản sao khóa.",
        "The ceremony is complete: a new phone rejoins with the member's backup.",
    ),
    "join_token_unknown": Refusal(
        "join_token_unknown",
        NOT_FOUND,
        "Mã tham gia ban kiểm phiếu không đúng hoặc đã được thay.",
        "Unknown committee join token (or it was replaced).",
    ),
    "join_token_used": Refusal(
        "join_token_used",
        CONFLICT,
        "Mã của thành viên {member} đã được dùng trên một điện thoại khác.",
        "Member {member}'s join token was already used.",
    ),
    "committee_done": Refusal(
        "committee_done",
        CONFLICT,
        "Ban kiểm phiếu không còn việc gì ở hội nghị này.",
        "Nothing is left for the committee to do (aborted, or the record is written).",
    ),
    "ceremony_complete": Refusal(
        "ceremony_complete",
        CONFLICT,
        "Ban kiểm phiếu đã tạo xong khóa.",
        "The key ceremony is already complete.",
    ),
    "ceremony_stopped": Refusal(
        "ceremony_stopped",
        CONFLICT,
        "Vòng tạo khóa đã dừng vì có khiếu nại; Văn phòng cần cho bắt đầu lại.",
        "This round stopped on a complaint; the organiser must restart the ceremony.",
    ),
    "not_joined": Refusal(
        "not_joined",
        CONFLICT,
        "Thành viên này chưa tham gia.",
        "This member has not joined.",
    ),
    "already_sent": Refusal(
        "already_sent",
        CONFLICT,
        "Thành viên này đã gửi mã băm cam kết.",
        "This member already sent its commitment hash.",
    ),
    "reveal_mismatch": Refusal(
        "reveal_mismatch",
        UNPROCESSABLE,
        "Cam kết không khớp với mã băm đã công bố.",
        "The reveal does not match the hash published first.",
    ),
    "shares_incomplete": Refusal(
        "shares_incomplete",
        UNPROCESSABLE,
        "Cần đúng một phần khóa niêm phong cho mỗi thành viên khác.",
        "Send exactly one sealed share to each other member {others}.",
    ),
    "backup_required": Refusal(
        "backup_required",
        UNPROCESSABLE,
        "Hãy lưu bản sao khóa trước khi xác nhận.",
        'Confirm with {{"backup_saved": true, "joint_key", "public_share"}} after saving the '
        "backup.",
    ),
    "key_not_in_joint_key": Refusal(
        "key_not_in_joint_key",
        UNPROCESSABLE,
        "Khóa của thành viên không nằm trong khóa chung: không xác nhận được.",
        "The member's key is not in the joint key (Y_j or Y differs).",
    ),
    "no_tokens": Refusal(
        "no_tokens",
        CONFLICT,
        "Chưa phát mã cho ban kiểm phiếu.",
        "No join tokens issued yet.",
    ),
    "backup_not_for_seat": Refusal(
        "backup_not_for_seat",
        UNPROCESSABLE,
        "Tệp bản sao khóa không phải của thành viên {member} trong hội nghị này.",
        "The rejoin proof is not member {member}'s of this conference: {error}",
    ),
    "reveal_proof_invalid": Refusal(
        "reveal_proof_invalid",
        UNPROCESSABLE,
        "Chứng minh sở hữu khóa không hợp lệ.",
        "{error}",
    ),
    "committee_key_shared": Refusal(
        "committee_key_shared",
        UNPROCESSABLE,
        "Khóa của thành viên này trùng với khóa của một thành viên khác: mỗi thành viên phải dùng "
        "điện thoại và khóa riêng. Văn phòng cần làm lại việc tạo khóa.",
        "{error}",
    ),
    "not_checked_in": Refusal(
        "not_checked_in",
        CONFLICT,
        "{full_name} chưa được điểm danh.",
        "{full_name} is not checked in.",
    ),
    "committee_member_unknown": Refusal(
        "committee_member_unknown",
        UNPROCESSABLE,
        "Ban kiểm phiếu có {committee_size} thành viên; không có thành viên số {members}.",
        "The committee has {committee_size} members; no member {members}.",
    ),
    "committee_name_too_long": Refusal(
        "committee_name_too_long",
        UNPROCESSABLE,
        "Họ và tên tối đa {name_limit} ký tự (thành viên {members}).",
        "A name is {name_limit} characters at most (member {members}).",
    ),
    "no_ballot_step": Refusal(
        "no_ballot_step",
        UNPROCESSABLE,
        "{title} không bỏ phiếu kín: không lập hội nghị bỏ phiếu cho bước này.",
        "{title_en} holds no secret ballot.",
    ),
    "unknown_step": Refusal(
        "unknown_step",
        UNPROCESSABLE,
        "Bộ quy định {rule_set} không có bước {step_number} của quy trình “{procedure}”.",
        "{error}",
    ),
    "invalid_input.details": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "{name_vi} phải có từ 1 đến 300 ký tự.",
        "The {name_en} must have 1 to 300 characters.",
    ),
    "partial_malformed": Refusal(
        "partial_malformed",
        UNPROCESSABLE,
        "Phần giải mã không đúng định dạng: {error}",
        "Malformed partial decryption: {error}",
    ),
    "signature_malformed": Refusal(
        "signature_malformed",
        UNPROCESSABLE,
        "Chữ ký kết quả không đúng định dạng: {error}",
        "Malformed count signature: {error}",
    ),
    "refusal_invalid": Refusal(
        "refusal_invalid",
        UNPROCESSABLE,
        "Lý do từ chối không đúng: số phiếu không ít hơn một nửa số người có mặt.",
        "{ballots} ballots with {present} present is no refusal reason.",
    ),
    "box_opened": Refusal(
        "box_opened",
        CONFLICT,
        "Hòm phiếu đã được mở.",
        "The box is already open.",
    ),
    "record_not_written": Refusal(
        "record_not_written",
        CONFLICT,
        "Biên bản chưa được lập: cần đủ chữ ký của ban kiểm phiếu.",
        "The record is not written yet: the committee's signatures are missing.",
    ),
    "partial_invalid": Refusal(
        "partial_invalid",
        UNPROCESSABLE,
        "Phần giải mã không kiểm chứng được với tổng các phiếu đã lưu.",
        "The partial decryption does not verify against the stored ballots: {error}",
    ),
    "signature_invalid": Refusal(
        "signature_invalid",
        UNPROCESSABLE,
        "Chữ ký kết quả không đúng với số phiếu đã kiểm.",
        "The signature does not verify over the counts.",
    ),
    "invalid_input.device_kind": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Loại thiết bị phải là bàn điểm danh (checkin_desk) hoặc máy bỏ phiếu chung (kiosk).",
        "Unknown device kind {kind!r}: expected checkin_desk or kiosk.",
    ),
    "invalid_input.device_label": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Tên thiết bị phải có từ 1 đến 200 ký tự.",
        "The device label must have 1 to 200 characters.",
    ),
    "import_rejected": Refusal(
        "import_rejected",
        UNPROCESSABLE,
        "Không nhập {what_vi}: {count} lỗi, chưa có dòng nào được nhập. Sửa tệp rồi nhập lại.",
        "{what_en} not imported: {count} problem(s); nothing was imported.",
    ),
    "no_cards": Refusal(
        "no_cards",
        CONFLICT,
        "Chưa có thẻ biểu quyết nào: hãy tải lên các khóa thẻ.",
        "No voting cards: upload the card keys first.",
    ),
    "cards_mismatch": Refusal(
        "cards_mismatch",
        CONFLICT,
        "Số thẻ không khớp: {pool} thẻ trừ {undealt} thẻ chưa phát là {expected}, nhưng đã ghi "
        "nhận {dealt} thẻ được phát. Bàn điểm danh cần gửi lại danh sách thẻ chưa phát.",
        "Cards do not add up: pool {pool} − undealt {undealt} = {expected}, but {dealt} were "
        "recorded as dealt. The desk must upload its undealt keys again.",
    ),
    "cards_exceed_present": Refusal(
        "cards_exceed_present",
        CONFLICT,
        "Số thẻ đã phát nhiều hơn số người có mặt: đã phát {out} thẻ (kể cả {cards_replaced} thẻ "
        "thay thế, đã trừ {cards_undone} thẻ hủy), nhưng chỉ có {present} người có mặt và "
        "{cards_replaced} thẻ thay thế đã ghi nhận. Văn phòng cần ghi nhận thẻ bị hủy (kèm lý do) "
        "hoặc kiểm tra lại điểm danh.",
        "More cards out than people present: {out} dealt (replacements included, undone deducted) "
        "but {present} present and {cards_replaced} recorded replacements. Record the undone "
        "cards (with a reason) or check the check-in.",
    ),
    "voting_not_open": Refusal(
        "voting_not_open",
        CONFLICT,
        "Chưa mở bỏ phiếu.",
        "Voting has not opened.",
    ),
    "box_below_minimum": Refusal(
        "box_below_minimum",
        CONFLICT,
        "Chỉ có {count} phiếu, ít hơn mức tối thiểu {least} phiếu để mở hòm phiếu điện tử: mở hòm "
        "sẽ cho biết từng người đã bỏ phiếu thế nào. Hòm phiếu không được mở; Văn phòng hủy cuộc "
        "bỏ phiếu điện tử (ghi lý do) và bước này được kiểm phiếu giấy.",
        "Only {count} ballot(s), fewer than the rule set's minimum of {least} to open an "
        "electronic box: its totals would tell how each voter voted. The box stays closed; the "
        "organiser aborts the electronic vote and the step is counted on paper.",
    ),
    "empty_roster": Refusal(
        "empty_roster",
        CONFLICT,
        "Chưa có danh sách người được triệu tập.",
        "The roster is empty.",
    ),
    "no_ballot": Refusal(
        "no_ballot",
        CONFLICT,
        "Chưa lập phiếu bầu.",
        "The ballot is not set up.",
    ),
    "committee_too_large": Refusal(
        "committee_too_large",
        CONFLICT,
        "Ban kiểm phiếu ({committee_size} người) đông hơn số người được triệu tập.",
        "The counting committee is larger than the roster.",
    ),
    "already_checked_in": Refusal(
        "already_checked_in",
        CONFLICT,
        "Đã có {present} người điểm danh: không quay lại giai đoạn chuẩn bị được.",
        "{present} attendee(s) already checked in: set-up cannot be reopened.",
    ),
    "quorum_not_met": Refusal(
        "quorum_not_met",
        CONFLICT,
        "Chưa đủ 2/3 số người được triệu tập: cần thêm {more_needed} người.",
        "No quorum: {more_needed} more needed.",
    ),
    "step_on_paper": Refusal(
        "step_on_paper",
        CONFLICT,
        "Bước {on_paper} đã nhập kết quả kiểm phiếu giấy: hội nghị điện tử của bước này không "
        "được tổ chức nữa.",
        "Step {on_paper}'s counts were entered from paper: its electronic conference is not held "
        "any more.",
    ),
    "already_practice": Refusal(
        "already_practice",
        CONFLICT,
        "Đây đã là một cuộc bỏ phiếu thử.",
        "This is already a practice round.",
    ),
    "already_decided": Refusal(
        "already_decided",
        CONFLICT,
        "Người đứng đầu đã quyết định.",
        "The head has already decided.",
    ),
    "nobody_to_draw": Refusal(
        "nobody_to_draw",
        UNPROCESSABLE,
        "Danh sách cán bộ của cơ quan chưa có ai thuộc thành phần hội nghị này: hãy nhập danh "
        "sách cán bộ trước.",
        "No person of the registry belongs to the groups {groups}.",
    ),
    "invalid_input.full_name": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Họ và tên phải có từ 1 đến 200 ký tự.",
        "The full name must have 1 to 200 characters.",
    ),
    "invalid_input.sex": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Giới tính phải là M hoặc F.",
        "Sex must be M or F.",
    ),
    "not_found.attendee": Refusal(
        "not_found",
        NOT_FOUND,
        "Không có người này trong danh sách triệu tập.",
        "No attendee {attendee_id} in this conference.",
    ),
    "duplicate_attendee": Refusal(
        "duplicate_attendee",
        UNPROCESSABLE,
        "Mã {clashes} đã có trong danh sách triệu tập.",
        "Id(s) {clashes} already on the roster (adding from {source}).",
    ),
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
    # voting/planning: appointments (KH 331 A.II)
    "appointment_running": Refusal(
        "appointment_running",
        CONFLICT,
        "Đang có quy trình bổ nhiệm chức danh “{position}”.",
        "An appointment to {position!r} is already running.",
    ),
    "appointment_running.supplement": Refusal(
        "appointment_running",
        CONFLICT,
        "Đang thực hiện quy trình bổ nhiệm chức danh “{position}”: không thực hiện đồng "
        "thời quy trình bổ sung quy hoạch cho chức danh này (mục A.II).",
        "An appointment to {position!r} is running: no supplement of its planning at the "
        "same time (A.II).",
    ),
    "supplement_running": Refusal(
        "supplement_running",
        CONFLICT,
        "Quy trình “{title}” đang bổ sung quy hoạch chức danh “{position}”: không thực hiện "
        "đồng thời quy trình bổ nhiệm (mục A.II).",
        "The process {title!r} is supplementing the planning of {position!r}: no appointment "
        "at the same time (A.II).",
    ),
    "too_early": Refusal(
        "too_early",
        UNPROCESSABLE,
        "Quy hoạch được phê duyệt ngày {approved_on}: chỉ được thực hiện quy trình bổ nhiệm "
        "sau khi phê duyệt quy hoạch ít nhất 3 tháng, tức từ ngày {earliest} (mục A.II).",
        "The planning was approved on {approved_on}: an appointment may start 3 months later, "
        "from {earliest} (A.II).",
    ),
    "not_planned": Refusal(
        "not_planned",
        UNPROCESSABLE,
        "{cadre} không có trong quy hoạch đang có hiệu lực cho chức danh “{position}”: chỉ bổ "
        "nhiệm vào chức danh quy hoạch cán bộ đã được quy hoạch.",
        "{cadre} is not planned for {position!r} (no planning in force).",
    ),
    "invalid_date.appointed": Refusal(
        "invalid_date",
        UNPROCESSABLE,
        "Ngày bổ nhiệm không thể trước ngày bắt đầu quy trình bổ nhiệm.",
        "The appointment cannot precede the start of its procedure.",
    ),
    "invalid_input.decision_number": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Hãy ghi số quyết định bổ nhiệm.",
        "The appointment decision's number is required.",
    ),
    "not_found.appointment": Refusal(
        "not_found", NOT_FOUND, "Không có quy trình bổ nhiệm này.", "No such appointment."
    ),
    "appointment_ended": Refusal(
        "appointment_ended",
        CONFLICT,
        "Quy trình bổ nhiệm này đã kết thúc.",
        "This appointment has already ended.",
    ),
    # voting/planning: processes, their steps, source list, conditions and outcome
    "term_ended": Refusal(
        "term_ended",
        UNPROCESSABLE,
        "Nhiệm kỳ {term} đã kết thúc ngày {ended_on}: quy hoạch của nhiệm kỳ này đã hết hiệu "
        "lực (mục B.I.3).",
        "The term {term} ended on {ended_on}: its planning is no longer in force (B.I.3).",
    ),
    "no_registry": Refusal(
        "no_registry",
        UNPROCESSABLE,
        "Danh sách cán bộ của cơ quan đang trống: hãy nhập danh sách cán bộ trước.",
        "The registry has no people: import them first.",
    ),
    "unknown_procedure": Refusal(
        "unknown_procedure",
        UNPROCESSABLE,
        "Không có quy trình “{procedure}”.",
        "Unknown procedure {procedure!r}.",
    ),
    "invalid_input.term": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Cần ghi nhiệm kỳ (ví dụ 2025-2030).",
        "The term is required (e.g. 2025-2030).",
    ),
    "invalid_input.place": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Cần ghi địa điểm (tối đa 300 ký tự).",
        "The place is required.",
    ),
    "not_found.step": Refusal(
        "not_found",
        NOT_FOUND,
        "Quy trình không có bước {number}.",
        "The process has no step {number}.",
    ),
    "step_holds_ballot": Refusal(
        "step_holds_ballot",
        CONFLICT,
        "Bước này bỏ phiếu kín: kết quả lấy từ hội nghị hoặc biên bản giấy.",
        "This step holds a secret ballot; its result comes from the vote.",
    ),
    "invalid_input.note": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Ghi chú tối đa 1000 ký tự.",
        "The note has at most 1000 characters.",
    ),
    "no_removal_ballot": Refusal(
        "no_removal_ballot",
        UNPROCESSABLE,
        "Bước này không bỏ phiếu đưa ra khỏi quy hoạch.",
        "This step holds no removal ballot.",
    ),
    "not_aborted": Refusal(
        "not_aborted",
        CONFLICT,
        "Chỉ tổ chức lại được bước có cuộc bỏ phiếu đã bị hủy.",
        "Only a step whose vote was aborted can be held again.",
    ),
    "paper_confirmed": Refusal(
        "paper_confirmed",
        CONFLICT,
        "Kết quả phiếu giấy của bước này đã được thành viên ban kiểm phiếu xác nhận: không "
        "tổ chức lại bằng điện tử.",
        "The step's paper counts were confirmed by a committee member: it is not held again "
        "electronically.",
    ),
    "not_current_step": Refusal(
        "not_current_step",
        CONFLICT,
        "Bước {number} không phải bước đang thực hiện.",
        "Step {number} is not the current step.",
    ),
    "position_outside_tier": Refusal(
        "position_outside_tier",
        UNPROCESSABLE,
        "Chức danh không thuộc nhóm “{tier}” của quy trình này, không thể đưa ra khỏi quy "
        "hoạch ở đây: {outside}.",
        "Not a position of this process's tier ({tier_code}), so not removable here: {outside}.",
    ),
    "not_planned.review": Refusal(
        "not_planned",
        UNPROCESSABLE,
        "Không có trong danh sách quy hoạch đang rà soát của quy trình: {unknown}.",
        "Not in the planning this process reviews: {unknown}.",
    ),
    "source_frozen": Refusal(
        "source_frozen",
        CONFLICT,
        "Danh sách nguồn đã được tập thể lãnh đạo thông qua: không sửa được nữa.",
        "The source list has been approved and can no longer change.",
    ),
    "unknown_position": Refusal(
        "unknown_position",
        UNPROCESSABLE,
        "Danh sách nguồn không có chức danh “{position}”.",
        "The source list has no position {position!r}.",
    ),
    "unknown_cadre": Refusal(
        "unknown_cadre",
        UNPROCESSABLE,
        "Mã cán bộ không có trong danh sách hoặc bị lặp: {unknown}.",
        "Unknown or repeated cadre ids: {unknown}.",
    ),
    "unknown_cadre.repeated": Refusal(
        "unknown_cadre",
        UNPROCESSABLE,
        "Mã cán bộ không có trong danh sách hoặc bị lặp: lặp.",
        "Unknown or repeated cadre ids: repeated.",
    ),
    "conditions_unmet.submit": Refusal(
        "conditions_unmet",
        CONFLICT,
        "Không trình danh sách" + _UNMET_VI,
        "Cannot submit the list" + _UNMET_EN,
    ),
    "conditions_unmet.approve": Refusal(
        "conditions_unmet",
        CONFLICT,
        "Không phê duyệt" + _UNMET_VI,
        "Cannot approve the list" + _UNMET_EN,
    ),
    "nothing_to_override": Refusal(
        "nothing_to_override",
        UNPROCESSABLE,
        "Cán bộ này không thuộc danh sách đề nghị hoặc đã bảo đảm tiêu chuẩn, điều kiện.",
        "The cadre is not on the list or meets the conditions.",
    ),
    "submitted": Refusal(
        "submitted", CONFLICT, "Danh sách đã được trình.", "The list was already submitted."
    ),
    "not_submitted": Refusal(
        "not_submitted",
        CONFLICT,
        "Danh sách chưa được trình phê duyệt.",
        "The list has not been submitted.",
    ),
    "invalid_date.approved": Refusal(
        "invalid_date",
        UNPROCESSABLE,
        "Ngày phê duyệt không thể trước ngày trình.",
        "The approval cannot precede the submission.",
    ),
    # voting/planning: paper counts
    "not_a_paper_step": Refusal(
        "not_a_paper_step",
        CONFLICT,
        "Hội nghị này không phải bước đang thực hiện của một quy trình quy hoạch.",
        "This conference is not the current step of a planning process.",
    ),
    "no_paper_counts": Refusal(
        "no_paper_counts",
        CONFLICT,
        "Chưa nhập kết quả kiểm phiếu giấy của bước này.",
        "No paper counts were entered for this step.",
    ),
    "invalid_input.member_name": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Cần ghi họ và tên thành viên ban kiểm phiếu xác nhận.",
        "The confirming committee member's name is required.",
    ),
    "confirm_by_another": Refusal(
        "confirm_by_another",
        CONFLICT,
        "Người đã nhập kết quả không tự xác nhận được: hai thành viên ban kiểm phiếu khác "
        "xác nhận, mỗi người trên điện thoại hoặc tài khoản của mình.",
        "Whoever entered the counts cannot confirm them: two other members confirm, each from "
        "their own phone or account.",
    ),
    "paper_mismatch": Refusal(
        "paper_mismatch",
        UNPROCESSABLE,
        "Số phiếu nhập lại không khớp với số đã nhập: hãy đối chiếu biên bản giấy.",
        "The re-typed counts differ from the entered ones.",
    ),
    "decide_on_conference": Refusal(
        "decide_on_conference",
        CONFLICT,
        "Bước này bỏ phiếu điện tử: người đứng đầu quyết định trên trang Người đứng đầu, ở "
        "hội nghị của bước.",
        "This step was voted electronically: the head decides on the head's page, for the "
        "step's conference (POST /api/conferences/<id>/decision).",
    ),
    "conference_running": Refusal(
        "conference_running",
        CONFLICT,
        "Hội nghị điện tử của bước này đã bắt đầu: hãy hủy cuộc bỏ phiếu (ghi lý do) trước "
        "khi nhập kết quả giấy.",
        "The step's electronic conference has started: abort its vote before entering paper "
        "counts.",
    ),
    "convened_not_roster": Refusal(
        "convened_not_roster",
        UNPROCESSABLE,
        "Số người được triệu tập ({convened}) khác danh sách triệu tập của hội nghị ({listed} "
        "người): hãy nhập đúng số, hoặc sửa danh sách triệu tập ở trang hội nghị trước.",
        "Convened ({convened}) differs from the conference's roster ({listed}): enter the "
        "roster's number, or correct the roster on the conference's page first.",
    ),
    "no_quorum": Refusal(
        "no_quorum",
        UNPROCESSABLE,
        "Không đủ 2/3 số người được triệu tập có mặt: hội nghị không được tiến hành.",
        "Fewer than 2/3 of the convened were present: the conference could not proceed.",
    ),
    # voting/web: requests, bodies and uploads
    "bad_request.object": Refusal(
        "bad_request",
        BAD_REQUEST,
        "Nội dung gửi lên phải là một đối tượng JSON.",
        "The request body must be a JSON object.",
    ),
    "bad_request.field": Refusal("bad_request", BAD_REQUEST, _FIELD_VI, _FIELD_EN),
    "bad_request.string": Refusal(
        "bad_request",
        BAD_REQUEST,
        "Trường “{field}” phải là chuỗi ký tự.",
        "Field {field!r} must be a string.",
    ),
    "bad_request.date": Refusal(
        "bad_request",
        BAD_REQUEST,
        "Trường “{field}” phải là ngày dạng YYYY-MM-DD.",
        "Field {field!r} must be a date YYYY-MM-DD.",
    ),
    "bad_request.too_long": Refusal(
        "bad_request",
        BAD_REQUEST,
        "Trường “{field}” tối đa {most} ký tự.",
        "Field {field!r} at most {most} characters.",
    ),
    "bad_request.format": Refusal(
        "bad_request", BAD_REQUEST, "Định dạng phải là csv hoặc xlsx.", "format: csv|xlsx"
    ),
    "bad_request.conference": Refusal(
        "bad_request", BAD_REQUEST, "Thiếu mã hội nghị.", 'Send {{"conference": id}}.'
    ),
    "invalid_input.field": Refusal("invalid_input", UNPROCESSABLE, _FIELD_VI, _FIELD_EN),
    "body_too_large": Refusal(
        "body_too_large",
        TOO_LARGE,
        "Nội dung gửi lên quá lớn (tối đa {kib} KiB).",
        "The JSON body is larger than {limit} bytes.",
    ),
    "json_too_deep": Refusal(
        "json_too_deep",
        BAD_REQUEST,
        "Nội dung gửi lên lồng nhau quá sâu (tối đa {depth} cấp).",
        "The JSON body is nested deeper than {depth} levels.",
    ),
    "bad_upload": Refusal(
        "bad_upload",
        BAD_REQUEST,
        "Cần gửi một tệp .csv hoặc .xlsx trong trường “file”.",
        "Send one .csv or .xlsx file in the multipart field 'file'.",
    ),
    "ballot_malformed.body": Refusal(
        "ballot_malformed",
        BAD_REQUEST,
        "Phiếu gửi lên không đúng định dạng.",
        "The body must be the ballot's JSON.",
    ),
    # voting/web: who may do what
    "bad_credentials": Refusal(
        "bad_credentials",
        UNAUTHORISED,
        "Sai tên đăng nhập hoặc mật khẩu.",
        "Wrong username or password.",
    ),
    "bad_authorization": Refusal(
        "bad_authorization",
        UNAUTHORISED,
        "Thông tin xác thực không hợp lệ.",
        "Only 'Authorization: Device <token>' or 'Member <token>' is accepted.",
    ),
    "unauthenticated": Refusal(
        "unauthenticated", UNAUTHORISED, "Cần đăng nhập để làm việc này.", "Log in first."
    ),
    "forbidden": Refusal("forbidden", FORBIDDEN, _FORBIDDEN_VI, "{role} may not {action}."),
    "forbidden.conference": Refusal(
        "forbidden", FORBIDDEN, _FORBIDDEN_VI, "{role} may not {action} on this conference."
    ),
    # voting/web: the pages' forms, the room and the server
    "no_public_url": Refusal(
        "no_public_url",
        CONFLICT,
        "Chưa đặt địa chỉ cho điện thoại (biến VOTING_PUBLIC_URL), ví dụ http://192.168.1.10:8000.",
        "No public address configured: set VOTING_PUBLIC_URL.",
    ),
    "list_not_public_yet": Refusal(
        "list_not_public_yet",
        CONFLICT,
        "Danh sách phiếu được công bố khi kết thúc bỏ phiếu, để không ai biết thứ tự các "
        "phiếu đến.",
        "The ballot list is published when voting closes, so nobody learns the order the "
        "ballots arrived in.",
    ),
    "not_found.registry_table": Refusal(
        "not_found", NOT_FOUND, "Không có danh mục này.", "No registry table {kind!r}."
    ),
    "invalid_input.whole_number": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Trường “{field}” phải là số nguyên.",
        "Field {field!r} must be a whole number.",
    ),
    "invalid_input.phase": Refusal(
        "invalid_input", UNPROCESSABLE, "Giai đoạn không hợp lệ.", "Unknown phase {phase!r}."
    ),
    "invalid_input.lost_phone": Refusal(
        "invalid_input",
        UNPROCESSABLE,
        "Hãy đánh dấu rằng điện thoại của thành viên bị mất hoặc hỏng.",
        "Confirm that the member's phone is lost or broken.",
    ),
    "invalid_input.section": Refusal(
        "invalid_input", UNPROCESSABLE, "Biểu mẫu không hợp lệ.", "No section {index}."
    ),
    "own_account": Refusal(
        "own_account",
        UNPROCESSABLE,
        "Không thể tự khóa tài khoản đang dùng.",
        "You cannot disable the account you are using.",
    ),
    "reason_missing": Refusal(
        "reason_missing",
        UNPROCESSABLE,
        "Hãy ghi lý do quyết định: lý do được ghi vào biên bản.",
        "Give the reason for the decision: the minutes carry it.",
    ),
    "internal_error": Refusal(
        "internal_error",
        SERVER_ERROR,
        "Lỗi máy chủ; thao tác chưa được ghi nhận.",
        "Server error.",
    ),
}
