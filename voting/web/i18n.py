"""The words on the pages: Vietnamese first, English second (domain/ui-terms.md).

A plain catalogue, key → (Vietnamese, English). `?lang=en` or `?lang=vi` switches and the choice
is kept in the session, so the organiser's console and the desk stay in the chosen language.
"""

from __future__ import annotations

from typing import Any

from flask import g, request, session

LANGUAGES = ("vi", "en")
DEFAULT = "vi"

CATALOGUE: dict[str, tuple[str, str]] = {
    # Site and start page
    "app.name": ("Bỏ phiếu kín — quy hoạch cán bộ", "Secret ballot — cadre planning"),
    "start.title": ("Các trang của hệ thống", "The pages of the system"),
    "start.organiser": ("Bàn làm việc của Văn phòng", "Organising office console"),
    "start.organiser.help": (
        "Lập hội nghị, danh sách triệu tập, phiếu bầu, liên kết bàn điểm danh.",
        "Set up conferences, the roster, the ballot, check-in desk links.",
    ),
    "start.preflight": ("Kiểm tra trước hội nghị", "Pre-flight check"),
    "start.preflight.help": (
        "Địa chỉ điện thoại sẽ dùng, mã QR, và kiểm tra điện thoại kết nối được.",
        "The address phones will use, its QR, and a check that a phone reaches it.",
    ),
    "start.desk": ("Bàn điểm danh", "Check-in desk"),
    "start.desk.help": (
        "Mở bằng liên kết thiết bị do Văn phòng cấp.",
        "Opened through the device link the organising office issues.",
    ),
    "start.projector": ("Màn hình chiếu", "Projector"),
    "start.projector.help": (
        "Trang công khai của từng hội nghị; địa chỉ có trên bàn làm việc của Văn phòng.",
        "Each conference's public page; its address is on the organiser console.",
    ),
    "start.login": ("Đăng nhập", "Log in"),
    "start.logout": ("Đăng xuất", "Log out"),
    "start.signed_in": ("Đang đăng nhập: {name}", "Signed in: {name}"),
    "lang.other": ("English", "Tiếng Việt"),
    # Login
    "login.title": ("Đăng nhập", "Log in"),
    "login.username": ("Tên đăng nhập", "Username"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Log in"),
    "login.failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."),
    "login.no_page": (
        "Tài khoản này chưa có trang làm việc riêng ở giai đoạn này.",
        "This account has no page of its own yet.",
    ),
    # Errors
    "error.title": ("Không thực hiện được", "Could not be done"),
    "error.csrf": (
        "Phiên làm việc đã hết hạn hoặc không hợp lệ: hãy tải lại trang.",
        "The session expired or is not valid: reload the page.",
    ),
    "error.back": ("Quay lại", "Back"),
    "error.device_unknown": ("Liên kết thiết bị không hợp lệ.", "This device link is not valid."),
    "error.device_revoked": (
        "Liên kết thiết bị đã bị thu hồi. Hãy xin Văn phòng liên kết mới.",
        "This device link has been revoked. Ask the organising office for a new one.",
    ),
    "error.problems": ("Chi tiết lỗi", "Problems"),
    # Conference words (ui-terms.md)
    "conference": ("Hội nghị", "Conference"),
    "step": ("Bước", "Step"),
    "convened": ("Số người được triệu tập", "Convened"),
    "present": ("Số người có mặt", "Present"),
    "absent": ("Vắng mặt", "Absent"),
    "quorum.met": (
        "Đủ điều kiện tiến hành hội nghị (có mặt ít nhất 2/3)",
        "Quorum met (at least 2/3 present)",
    ),
    "quorum.not_met": ("Chưa đủ 2/3 số người được triệu tập", "Quorum not met"),
    "quorum.more": ("Cần thêm {n} người", "{n} more needed"),
    "checkin": ("Điểm danh", "Check-in"),
    "phase": ("Giai đoạn", "Phase"),
    "phase.setup": ("Chuẩn bị hội nghị", "Set-up"),
    "phase.checkin": ("Điểm danh", "Check-in"),
    "phase.voting": ("Đang bỏ phiếu", "Voting open"),
    "phase.closed": ("Đã kết thúc bỏ phiếu", "Voting closed"),
    "phase.opened": ("Đã mở hòm phiếu", "Ballot box opened"),
    "live.offline": (
        "Mất kết nối với máy chủ — đang kết nối lại…",
        "Connection to the server lost — reconnecting…",
    ),
    "held_on": ("Ngày", "Date"),
    "place": ("Địa điểm", "Place"),
    "title": ("Tên hội nghị", "Title"),
    "tier": ("Nhóm chức danh", "Tier"),
    "tier.province": (
        "Các chức danh thuộc diện Ban Thường vụ Tỉnh ủy quản lý",
        "Posts managed by the provincial Standing Committee",
    ),
    "tier.agency": (
        "Các chức danh thuộc diện tập thể lãnh đạo Sở quản lý",
        "Posts managed by the department's leadership collective",
    ),
    "committee": ("Ban kiểm phiếu", "Counting committee"),
    "committee.size": ("Số thành viên Ban kiểm phiếu", "Committee members"),
    "committee.threshold": (
        "Số thành viên cần để mở hòm phiếu",
        "Members needed to open the ballot box",
    ),
    "full_name": ("Họ và tên", "Full name"),
    "post": ("Chức vụ", "Post"),
    "unit": ("Đơn vị", "Unit"),
    "ref": ("Mã", "Id"),
    "source": ("Nguồn", "Source"),
    "source.registry": ("Cơ quan", "Agency"),
    "source.external": ("Ngoài cơ quan", "External"),
    "source.manual": ("Nhập tay", "By hand"),
    "number": ("STT", "No."),
    # Organiser console
    "organiser.title": ("Bàn làm việc của Văn phòng", "Organising office console"),
    "organiser.conferences": ("Các hội nghị", "Conferences"),
    "organiser.none": ("Chưa có hội nghị nào.", "No conference yet."),
    "organiser.people": ("Danh sách cán bộ của cơ quan", "The agency's people"),
    "organiser.people.count": ("Đã có {n} người trong danh sách.", "{n} people in the registry."),
    "organiser.people.import": ("Nhập danh sách (CSV hoặc XLSX)", "Import the list (CSV or XLSX)"),
    "organiser.people.help": (
        "Cột như tệp mẫu sample-agency.csv. Có dòng lỗi thì không nhập dòng nào.",
        "Columns as in sample-agency.csv. If any row is wrong, nothing is imported.",
    ),
    "organiser.people.done": ("Đã nhập {n} người.", "{n} people imported."),
    "organiser.import": ("Nhập", "Import"),
    "organiser.new": ("Lập hội nghị mới", "New conference"),
    "organiser.step_choice": ("Quy trình và bước", "Procedure and step"),
    "organiser.create": ("Lập hội nghị", "Create the conference"),
    "organiser.details": ("Sửa thông tin hội nghị", "Edit the conference's details"),
    "organiser.details.save": ("Lưu thông tin", "Save the details"),
    "organiser.details.done": ("Đã lưu thông tin hội nghị.", "Conference details saved."),
    "organiser.back": ("Các hội nghị", "All conferences"),
    "organiser.projector": ("Màn hình chiếu", "Projector"),
    "organiser.preflight": ("Kiểm tra trước hội nghị", "Pre-flight check"),
    "organiser.attendance": ("Danh sách điểm danh (in)", "Attendance list (print)"),
    "organiser.state": ("Tình hình điểm danh", "Check-in state"),
    "organiser.phase_to.checkin": ("Mở điểm danh", "Open check-in"),
    "organiser.phase_to.setup": ("Quay lại chuẩn bị", "Back to set-up"),
    "organiser.phase_to.voting": ("Mở bỏ phiếu (đóng điểm danh)", "Open voting (close check-in)"),
    "organiser.phase_to.closed": ("Kết thúc bỏ phiếu", "Close voting"),
    "organiser.phase.done": ("Đã chuyển sang: {phase}", "Moved to: {phase}"),
    "organiser.roster": ("Danh sách người được triệu tập", "Roster of convened attendees"),
    "organiser.roster.empty": ("Chưa có ai trong danh sách.", "Nobody on the roster yet."),
    "organiser.draw": (
        "Lập danh sách theo thành phần hội nghị",
        "Draw the roster by the step's composition",
    ),
    "organiser.draw.help": ("Thành phần: {groups}", "Composition: {groups}"),
    "organiser.draw.done": ("Đã lập danh sách: {n} người.", "Roster drawn: {n} attendees."),
    "organiser.externals": (
        "Người ngoài cơ quan (CSV hoặc XLSX)",
        "External attendees (CSV or XLSX)",
    ),
    "organiser.externals.help": (
        "Cột: id, full_name, post, unit (như sample-external-attendees.csv). Tệp mới thay danh "
        "sách cũ.",
        "Columns: id, full_name, post, unit (as sample-external-attendees.csv). A new file "
        "replaces the old list.",
    ),
    "organiser.externals.done": (
        "Đã nhập {n} người ngoài cơ quan.",
        "{n} external attendees imported.",
    ),
    "organiser.add": ("Thêm một người", "Add one attendee"),
    "organiser.add.submit": ("Thêm", "Add"),
    "organiser.add.done": ("Đã thêm {name}.", "{name} added."),
    "organiser.remove": ("Bỏ", "Remove"),
    "organiser.remove.done": ("Đã bỏ khỏi danh sách.", "Removed from the roster."),
    "organiser.setup_only": (
        "Danh sách và phiếu chỉ sửa được ở giai đoạn chuẩn bị.",
        "The roster and the ballot can only be changed during set-up.",
    ),
    "organiser.ballot": ("Phiếu bầu", "Ballot"),
    "ballot.nomination": ("Phiếu giới thiệu quy hoạch", "Planning nomination ballot"),
    "ballot.removal": ("Phiếu đưa ra khỏi quy hoạch", "Removal ballot"),
    "ballot.position": ("Chức danh", "Position"),
    "ballot.quota": ("Chọn tối đa K người", "Mark at most K"),
    "ballot.candidates": ("Danh sách (mỗi dòng một người)", "Candidates (one per line)"),
    "ballot.candidates.help": (
        "Mỗi dòng: Họ và tên; Chức vụ; Đơn vị. Để trống tên chức danh để bỏ mục đó.",
        "Each line: full name; post; unit. Leave the position empty to drop a section.",
    ),
    "ballot.new_section": ("Chức danh mới", "New position"),
    "ballot.save": ("Lưu phiếu", "Save the ballot"),
    "ballot.done": ("Đã lưu phiếu.", "Ballot saved."),
    "ballot.bad_line": (
        "Chức danh {section}, dòng {line}: cần đủ ba mục “Họ và tên; Chức vụ; Đơn vị”.",
        "Section {section}, line {line}: three fields “full name; post; unit” are needed.",
    ),
    "ballot.bad_quota": (
        "Chức danh {section}: số người tối đa phải là số nguyên.",
        "Section {section}: the quota must be a whole number.",
    ),
    "ballot.invalid": ("Phiếu chưa hợp lệ.", "The ballot is not valid."),
    "organiser.devices": ("Liên kết bàn điểm danh", "Check-in desk links"),
    "organiser.devices.label": ("Tên bàn", "Desk name"),
    "organiser.devices.create": ("Cấp liên kết", "Issue a link"),
    "organiser.devices.new": (
        "Liên kết mới (chỉ hiện một lần — mở trên máy tính bảng của bàn điểm danh):",
        "New link (shown once only — open it on the desk's tablet):",
    ),
    "organiser.devices.revoke": ("Thu hồi", "Revoke"),
    "organiser.devices.revoked": ("Đã thu hồi", "Revoked"),
    "organiser.devices.revoke.done": ("Đã thu hồi liên kết.", "Link revoked."),
    "organiser.devices.none": ("Chưa cấp liên kết nào.", "No link issued yet."),
    # Attendance list
    "attendance.title": ("Danh sách điểm danh", "Attendance list"),
    "attendance.time": ("Giờ điểm danh", "Checked in at"),
    "attendance.status": ("Có mặt / Vắng mặt", "Present / absent"),
    "attendance.present": ("Có mặt", "Present"),
    "attendance.signature": ("Ký tên", "Signature"),
    "attendance.print": ("In danh sách", "Print"),
    "attendance.printed_at": ("Lập lúc {at}", "Made at {at}"),
    # Pre-flight
    "preflight.title": ("Kiểm tra trước hội nghị", "Pre-flight check"),
    "preflight.address": ("Địa chỉ điện thoại sẽ dùng", "The address phones will use"),
    "preflight.no_address": (
        "Chưa đặt địa chỉ cho điện thoại. Đặt biến VOTING_PUBLIC_URL (ví dụ "
        "http://192.168.1.10:8000) rồi khởi động lại máy chủ.",
        "No address for phones yet. Set VOTING_PUBLIC_URL (e.g. http://192.168.1.10:8000) and "
        "restart the server.",
    ),
    "preflight.check": ("Kiểm tra điện thoại kết nối được", "Check that a phone reaches it"),
    "preflight.check.help": (
        "Dùng một điện thoại đang nối Wi-Fi của phòng họp, quét mã này. Khi điện thoại mở được "
        "trang, dòng dưới đây sẽ báo ngay.",
        "With a phone on the room's Wi-Fi, scan this code. When the phone opens the page, the "
        "line below says so at once.",
    ),
    "preflight.waiting": ("Đang chờ điện thoại…", "Waiting for a phone…"),
    "preflight.reached": (
        "Một điện thoại đã kết nối được tới máy chủ ({n} lần).",
        "A phone reached the server ({n} times).",
    ),
    "hello.title": ("Đã kết nối", "Connected"),
    "hello.body": (
        "Điện thoại này kết nối được tới máy chủ bỏ phiếu. Có thể đóng trang này.",
        "This phone reaches the voting server. You may close this page.",
    ),
    # Desk
    "desk.title": ("Bàn điểm danh", "Check-in desk"),
    "desk.search": (
        "Tìm theo tên (có dấu hoặc không dấu)",
        "Search by name (with or without diacritics)",
    ),
    "desk.mark": ("Có mặt", "Present"),
    "desk.marked": ("Đã điểm danh", "Checked in"),
    "desk.undo": ("Hủy điểm danh", "Undo"),
    "desk.undo.reason": ("Lý do hủy điểm danh", "Reason for undoing"),
    "desk.undo.default": ("Bấm nhầm", "Tapped by mistake"),
    "desk.undo.confirm": ("Xác nhận hủy", "Confirm undo"),
    "desk.cancel": ("Thôi", "Cancel"),
    "desk.closed": (
        "Đã đóng điểm danh: hội nghị đang ở giai đoạn “{phase}”.",
        "Check-in is closed: the conference is in “{phase}”.",
    ),
    "desk.log": ("Nhật ký thay đổi", "Log of changes"),
    "desk.log.checkin": ("điểm danh", "checked in"),
    "desk.log.undone": ("hủy điểm danh — lý do: {reason}", "check-in undone — reason: {reason}"),
    "desk.nothing": ("Không tìm thấy ai.", "Nobody found."),
    "desk.failed": ("Không thực hiện được: {message}", "Could not be done: {message}"),
    # Projector
    "projector.slot": (
        "Dấu vân tay và số phiếu thu vào sẽ hiện ở đây khi mở bỏ phiếu.",
        "Fingerprints and ballots cast will show here when voting opens.",
    ),
}


# What every live page's script says about the quorum and the phase.
LIVE_STRINGS = (
    "quorum.met",
    "quorum.not_met",
    "quorum.more",
    "live.offline",
    "phase.setup",
    "phase.checkin",
    "phase.voting",
    "phase.closed",
    "phase.opened",
)


def choose_language() -> str:
    """The language of this request: `?lang=` (then remembered in the session), else the
    session's choice, else Vietnamese."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
        return asked
    remembered = session.get("lang")
    return remembered if remembered in LANGUAGES else DEFAULT


def language() -> str:
    """The language chosen for this request."""
    if "lang" not in g:
        g.lang = choose_language()
    chosen: str = g.lang
    return chosen


def translate(key: str, **values: Any) -> str:
    """The text of `key` in the request's language, with `{name}` placeholders filled."""
    vi, en = CATALOGUE[key]
    text = en if language() == "en" else vi
    return text.format(**values) if values else text


def both(key: str) -> tuple[str, str]:
    """The Vietnamese and English texts of `key`, for an error that carries both."""
    return CATALOGUE[key]


def localized(vi: str, en: str) -> str:
    """One of two texts given in both languages (the domain's errors carry both)."""
    return en if language() == "en" else vi


def strings(*keys: str) -> dict[str, str]:
    """Texts for a page script, unfilled: the script fills `{n}` itself."""
    return {key: translate(key) for key in keys}
