"""The words on the pages: Vietnamese first, English second (domain/ui-terms.md).

A plain catalogue, key → (Vietnamese, English). `?lang=en` or `?lang=vi` switches and the choice
is kept in the session, so the organiser's console and the desk stay in the chosen language.
"""

from __future__ import annotations

from typing import Any

from flask import g, request, session

from voting.kiosk.terms import KIOSK_TERMS
from voting.web.planning_terms import PLANNING_TERMS
from voting.web.verify_terms import VERIFY_TERMS

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
    "start.leadership": ("Trang của lãnh đạo", "Leadership's page"),
    "start.leadership.help": (
        "Xem mọi hội nghị, kết quả kiểm phiếu và tải tài liệu (chỉ xem).",
        "Every conference, its counts and documents (read only).",
    ),
    "start.head": ("Trang của người đứng đầu", "The head's page"),
    "start.head.help": (
        "Quyết định các trường hợp bằng phiếu hoặc quá ba chức danh ở bước cuối.",
        "Decide ties and cadres over three positions at the final step.",
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
    # Errors
    "error.title": ("Không thực hiện được", "Could not be done"),
    "error.csrf": (
        "Phiên làm việc đã hết hạn hoặc không hợp lệ: hãy tải lại trang.",
        "The session expired or is not valid: reload the page.",
    ),
    "error.back": ("Quay lại", "Back"),
    "error.start": ("Về trang đầu", "To the start page"),
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
    "organiser.rules": (
        "Bộ quy định áp dụng: {name} — {title} (mã {hash}…)",
        "Rule set applied: {name} — {title} (hash {hash}…)",
    ),
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
    "organiser.committee.issue": (
        "Cấp mã QR cho Ban kiểm phiếu",
        "Issue the committee's QR codes",
    ),
    "organiser.committee.replace": ("Thay điện thoại", "Replace the phone"),
    "organiser.committee.again": (
        "Tôi hiểu: cấp lại mã QR sẽ hủy việc tạo khóa đang làm; các điện thoại đã tham gia bị "
        "ngắt ngay và cả ban phải quét mã mới.",
        "I understand: issuing again discards the ceremony under way; the phones that joined "
        "are cut off at once and every member scans a new code.",
    ),
    "organiser.committee.again_complete": (
        "Tôi hiểu: cấp lại mã QR sẽ hủy khóa chung đã tạo; các điện thoại của Ban kiểm phiếu bị "
        "ngắt ngay, cả ban phải quét mã mới và tạo khóa lại, tệp bản sao khóa cũ không dùng được "
        "nữa.",
        "I understand: issuing again discards the joint key made; the committee's phones are "
        "cut off at once, every member scans a new code and the keys are made again, and the "
        "old backup files are of no use.",
    ),
    "organiser.committee.again_missing": (
        "Đã có thành viên tham gia: hãy đánh dấu ô xác nhận trước khi cấp lại mã QR.",
        "A member has joined: tick the confirmation before issuing the codes again.",
    ),
    "organiser.committee.replace.confirm": (
        "Điện thoại của thành viên {n} bị mất hoặc hỏng",
        "Member {n}'s phone is lost or broken",
    ),
    "organiser.committee.replacement": (
        "Điện thoại cũ của thành viên {n} đã bị ngắt. Thành viên quét mã này bằng điện thoại "
        "mới rồi chọn tệp bản sao khóa đã lưu (mã chỉ dùng được một lần, chỉ hiện một lần):",
        "Member {n}'s old phone is cut off. The member scans this code with the new phone and "
        "chooses the saved key backup file (the code works once and is shown once):",
    ),
    "organiser.committee.tokens_new": (
        "Mỗi thành viên quét mã của mình bằng điện thoại (mỗi mã chỉ dùng được một lần, chỉ hiện "
        "một lần):",
        "Each member scans their own code with their phone (each works once and is shown once):",
    ),
    "organiser.committee.joined": ("Đã tham gia", "Joined"),
    "organiser.committee.confirmed": ("Đã xác nhận khóa", "Key confirmed"),
    "organiser.committee.running": (
        "Đang tạo khóa của Ban kiểm phiếu…",
        "The committee's key ceremony is running…",
    ),
    "organiser.committee.complete": (
        "Đã tạo xong khóa chung: {fingerprint}",
        "The joint key is made: {fingerprint}",
    ),
    "organiser.committee.complaint": (
        "Một thành viên báo phần khóa không hợp lệ: cần làm lại.",
        "A member reported an invalid key share: the ceremony must be run again.",
    ),
    "organiser.committee.restart": ("Làm lại việc tạo khóa", "Run the ceremony again"),
    "organiser.committee.chair": ("Trưởng ban", "chair"),
    "organiser.committee.names.help": (
        "Họ và tên từng thành viên Ban kiểm phiếu, để in vào biên bản kiểm phiếu và dưới ô ký.",
        "Each committee member's full name, printed in the count minutes and under the "
        "signature boxes.",
    ),
    "organiser.committee.names.save": ("Lưu họ tên thành viên", "Save the members' names"),
    "organiser.committee.names.done": (
        "Đã lưu họ tên thành viên Ban kiểm phiếu.",
        "Committee members' names saved.",
    ),
    "organiser.committee.restarted": ("Đã cho làm lại việc tạo khóa.", "Ceremony restarted."),
    "organiser.cast": (
        "Số phiếu thu vào: {n} / {present} người có mặt",
        "Ballots cast: {n} of {present} present",
    ),
    "organiser.cards": (
        "Thẻ: tạo {pool} · đã phát {dealt} · thay thế {replaced} · chưa phát {undealt} · hủy "
        "{voided}",
        "Cards: made {pool} · dealt {dealt} · replaced {replaced} · undealt {undealt} · voided "
        "{voided}",
    ),
    "organiser.cards.undo": ("Ghi nhận thẻ đã phát", "Record the card as out"),
    "organiser.cards.undo.reason": (
        "Hủy điểm danh sau khi đã phát thẻ — lý do",
        "Check-in undone after its card was shown — reason",
    ),
    "organiser.cards.undo.done": (
        "Đã ghi nhận: thẻ đã phát, điểm danh đã hủy.",
        "Recorded: the card is out, the check-in undone.",
    ),
    "installation.key": (
        "Dấu khóa hệ thống (ký biên bản, hồ sơ): {fingerprint}",
        "Installation key fingerprint (signs records and minutes): {fingerprint}",
    ),
    "organiser.abort": ("Dừng bỏ phiếu", "Stop the vote"),
    "organiser.practice": ("Tạo cuộc bỏ phiếu thử", "Make a practice round"),
    "organiser.practice.hint": (
        "Bỏ phiếu thử trước khi bỏ phiếu thật: thẻ, khóa và hòm phiếu riêng; kết quả được công "
        "bố và ghi rõ là bỏ phiếu thử.",
        "A practice round before the real vote: its own cards, keys and box; its result is shown "
        "and marked as practice.",
    ),
    "organiser.practice.done": (
        "Đã tạo cuộc bỏ phiếu thử. Mở điểm danh và làm như hội nghị thật.",
        "The practice round is made. Open check-in and run it like the real conference.",
    ),
    "organiser.abort.reason": ("Lý do dừng bỏ phiếu", "Reason for stopping"),
    "organiser.abort.done": ("Đã dừng bỏ phiếu.", "The vote was stopped."),
    "organiser.record": ("Tải hồ sơ hội nghị (đã ký)", "Download the signed record"),
    "organiser.changed": (
        "Hội nghị đã chuyển giai đoạn hoặc đã có kết quả.",
        "The conference has moved on or its result is in.",
    ),
    "organiser.changed.reload": ("Tải lại trang để xem", "Reload to see it"),
    "phase.aborted": ("Đã dừng bỏ phiếu", "Vote stopped"),
    # Attendance list
    "attendance.title": ("Danh sách điểm danh", "Attendance list"),
    "attendance.time": ("Giờ điểm danh", "Checked in at"),
    "attendance.status": ("Có mặt / Vắng mặt", "Present / absent"),
    "attendance.present": ("Có mặt", "Present"),
    "attendance.signature": ("Ký tên", "Signature"),
    "attendance.print": ("In danh sách", "Print"),
    "attendance.printed_at": ("Lập lúc {at}", "Made at {at}"),
    "attendance.absence.reason": ("Lý do vắng mặt", "Reason for absence"),
    "attendance.absence.none": ("— chưa ghi lý do —", "— not recorded —"),
    "attendance.absence.note": ("Ghi rõ (nếu cần)", "Details (if needed)"),
    "attendance.absence.save": ("Ghi lý do", "Record the reason"),
    "attendance.absence.done": (
        "Đã ghi lý do vắng mặt; biên bản kiểm phiếu sẽ liệt kê.",
        "Absence reason recorded; the count minutes will list it.",
    ),
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
    "desk.undo.card_given": (
        "Đã đưa thẻ bỏ phiếu cho người này: thẻ vẫn tính là đã phát (ghi nhận cùng lý do)",
        "A voting card was given to this attendee: it stays counted as dealt (same reason)",
    ),
    "desk.cards.left": ("Còn {n} thẻ chưa phát trên máy này", "{n} undealt cards on this device"),
    "desk.cards.replace": ("Cấp thẻ thay thế (mất thẻ)", "Replacement for a lost card"),
    "desk.confirm.replace": (
        "Cấp một thẻ thay thế cho người bị mất thẻ? Thẻ thay thế được ghi vào biên bản và không "
        "lấy lại được.",
        "Deal a replacement for a lost card? It is recorded in the minutes and cannot be taken "
        "back.",
    ),
    "desk.confirm.return": (
        "Kết thúc phát thẻ? Máy này gửi danh sách thẻ chưa phát và không phát thêm thẻ nào nữa.",
        "Finish dealing? This device sends its undealt cards and deals no more.",
    ),
    "confirm.yes": ("Xác nhận", "Confirm"),
    "confirm.no": ("Không", "No"),
    "organiser.confirm.close": (
        "Kết thúc bỏ phiếu: sau đó không ai bỏ phiếu được nữa",
        "End voting: nobody can vote after this",
    ),
    "organiser.confirm.close_missing": (
        "Hãy đánh dấu ô xác nhận kết thúc bỏ phiếu: việc này không làm lại được.",
        "Tick the confirmation to end voting: it cannot be undone.",
    ),
    "desk.cards.replacement": ("Thẻ thay thế cho thẻ bị mất", "Replacement for a lost card"),
    "desk.cards.return": (
        "Kết thúc phát thẻ (gửi danh sách thẻ chưa phát)",
        "Finish dealing (send the undealt cards)",
    ),
    "desk.cards.returned": (
        "Đã gửi danh sách thẻ chưa phát: có thể mở bỏ phiếu.",
        "The undealt cards are sent: voting can open.",
    ),
    "desk.cards.hand": (
        "Đưa thẻ này cho người vừa điểm danh: quét mã QR bằng điện thoại, hoặc gõ mã thẻ tại "
        "máy bỏ phiếu.",
        "Give this card to the attendee just checked in: scan the QR with a phone, or type the "
        "code at the kiosk.",
    ),
    "desk.cards.done": ("Xong — đóng thẻ", "Done — close the card"),
    "desk.cards.print": ("In thẻ ra giấy", "Print the card on a slip"),
    # Projector
    "projector.slot": (
        "Dấu vân tay và số phiếu thu vào sẽ hiện ở đây khi mở bỏ phiếu.",
        "Fingerprints and ballots cast will show here when voting opens.",
    ),
    "projector.card_list": ("Dấu vân tay danh sách thẻ", "Card list fingerprint"),
    "projector.member_key": ("Khóa thành viên {n}", "Member {n}'s key"),
    "projector.joint_key": ("Khóa chung", "Joint key"),
    "projector.list_hash": ("Mã danh sách phiếu", "Ballot list hash"),
    "projector.final_hash": ("Mã danh sách phiếu (đã chốt)", "Ballot list hash (final)"),
    "projector.cards": (
        "Đã phát {dealt} · thay thế {replaced} · hủy {voided}",
        "Dealt {dealt} · replaced {replaced} · voided {voided}",
    ),
    "projector.bundles": ("SHA-256 mã chạy trên trình duyệt", "SHA-256 of the browser code"),
    "projector.page": ("Trang {n}/{total}", "Page {n} of {total}"),
    "projector.practice": ("BỎ PHIẾU THỬ", "PRACTICE ROUND"),
    "projector.aborted": ("Đã dừng bỏ phiếu: {reason}", "Voting was stopped: {reason}"),
    # Words of voting (ui-terms.md)
    "secret_ballot": ("Phiếu kín", "Secret ballot"),
    "card_code": ("Mã thẻ", "Card code"),
    "voting_card": ("Thẻ bỏ phiếu", "Voting card"),
    "ballots_cast": ("Số phiếu thu vào", "Ballots cast"),
    "cards_dealt": ("Số thẻ đã phát", "Cards dealt"),
    "result": ("Kết quả kiểm phiếu", "Result"),
    "result.sealed": (
        "Đã kiểm phiếu — kết quả không công bố tại hội nghị",
        "Counted — result not announced at this conference",
    ),
    "result.agree": ("Số phiếu đồng ý, tỉ lệ", "Agree count, percentage"),
    "result.base.present": ("so với tổng số người có mặt", "of those present"),
    "result.base.convened": (
        "so với tổng số người được triệu tập",
        "of those convened",
    ),
    "result.passed": ("Đạt", "Passes"),
    "result.outcome": ("Kết quả", "Outcome"),
    "result.base_line": ("Tỉ lệ {base} ({n})", "Percentages {base} ({n})"),
    "result.failed": ("Không đạt", "Does not pass"),
    "result.tie": (
        "Bằng phiếu — người đứng đầu xem xét, quyết định",
        "Tie — the head decides",
    ),
    "result.awaiting_head": (
        "Chờ người đứng đầu quyết định: {positions}",
        "Awaiting the head's decision: {positions}",
    ),
    "result.chosen": ("Được giới thiệu", "Chosen"),
    "result.over_cap": ("Vượt quá ba chức danh", "More than three positions"),
    "result.decided": ("Người đứng đầu đã quyết định", "The head has decided"),
    "result.decided_on": (
        "Người đứng đầu đã quyết định: {positions}",
        "The head has decided: {positions}",
    ),
    "result.by_head": (
        "Được giới thiệu (người đứng đầu quyết định)",
        "Chosen (the head's decision)",
    ),
    # The organiser's accounts page
    "accounts.link": ("Tài khoản", "Accounts"),
    "accounts.title": ("Tài khoản đăng nhập", "Accounts"),
    "accounts.list": ("Các tài khoản", "The accounts"),
    "accounts.username": ("Tên đăng nhập", "Username"),
    "accounts.role": ("Vai trò", "Role"),
    "accounts.role.organiser": ("Văn phòng (tổ chức hội nghị)", "Organising office"),
    "accounts.role.leadership": ("Lãnh đạo (chỉ xem)", "Leadership (read only)"),
    "accounts.role.head": ("Người đứng đầu", "Head"),
    "accounts.display_name": ("Họ và tên (in trên biên bản)", "Full name (on documents)"),
    "accounts.state": ("Tình trạng", "State"),
    "accounts.active": ("Đang hoạt động", "Active"),
    "accounts.disabled_state": ("Đã khóa", "Disabled"),
    "accounts.rename": ("Lưu tên", "Save the name"),
    "accounts.new_password": ("Mật khẩu mới cho {name}", "New password for {name}"),
    "accounts.reset": ("Đặt lại mật khẩu", "Reset the password"),
    "accounts.disable": ("Khóa tài khoản {name}", "Disable {name}"),
    "accounts.enable": ("Mở lại tài khoản {name}", "Enable {name}"),
    "accounts.new": ("Tạo tài khoản", "New account"),
    "accounts.password": ("Mật khẩu (ít nhất 8 ký tự)", "Password (at least 8 characters)"),
    "accounts.create": ("Tạo tài khoản", "Create the account"),
    "accounts.created": ("Đã tạo tài khoản {name}.", "Account {name} created."),
    "accounts.password_set": ("Đã đặt lại mật khẩu của {name}.", "{name}'s password was reset."),
    "accounts.renamed": ("Đã lưu tên của {name}.", "{name}'s name saved."),
    "accounts.disabled": (
        "Đã khóa tài khoản {name}: không đăng nhập được nữa.",
        "{name} is disabled: it can no longer log in.",
    ),
    "accounts.enabled": ("Đã mở lại tài khoản {name}.", "{name} is enabled again."),
    "accounts.not_yourself": (
        "Không thể tự khóa tài khoản đang dùng.",
        "You cannot disable the account you are using.",
    ),
    # Leadership's page and the documents
    "leadership.title": (
        "Lãnh đạo — các hội nghị và quy trình",
        "Leadership — conferences and processes",
    ),
    "leadership.help": (
        "Chỉ xem: tình hình, kết quả kiểm phiếu (kể cả bước không công bố) và tài liệu.",
        "Read only: the state, the counts (sealed steps too) and the documents.",
    ),
    "leadership.back": ("Các hội nghị", "Conferences"),
    "leadership.step": ("Bước {n}", "Step {n}"),
    "leadership.result.sealed": ("đã kiểm phiếu, không công bố", "counted, sealed"),
    "leadership.result.announced": ("đã công bố kết quả", "result announced"),
    "leadership.result.awaiting_head": (
        "chờ người đứng đầu quyết định",
        "awaiting the head's decision",
    ),
    "leadership.no_process": ("Chưa có quy trình quy hoạch nào.", "No planning process yet."),
    "leadership.committee.done": (
        "Ban kiểm phiếu đã tạo khóa xong",
        "The committee has made its keys",
    ),
    "leadership.committee.not_done": (
        "Ban kiểm phiếu chưa tạo khóa xong",
        "The committee has not made its keys yet",
    ),
    "documents": ("Tài liệu", "Documents"),
    "documents.minutes": ("Biên bản kiểm phiếu (PDF)", "Minutes of the count (PDF)"),
    "documents.csv": ("Số phiếu (CSV)", "Counts (CSV)"),
    "documents.xlsx": ("Số phiếu (Excel)", "Counts (Excel)"),
    # Committee member's phone
    "committee.cut_off": (
        "Điện thoại này không còn gắn với Ban kiểm phiếu: Văn phòng đã cấp lại mã hoặc thay "
        "điện thoại. Đừng dùng điện thoại này nữa; nếu bạn vẫn là thành viên, hãy quét mã QR mới.",
        "This phone no longer holds a committee seat: the office issued new codes or replaced "
        "the phone. Stop using it; if you are still a member, scan the new QR code.",
    ),
    "committee.document_failed": (
        "Không tải được tài liệu. Hãy thử lại.",
        "The document could not be downloaded. Try again.",
    ),
    "committee.member.title": ("Thành viên Ban kiểm phiếu", "Committee member"),
    "committee.member": ("Thành viên Ban kiểm phiếu số {n}", "Committee member {n}"),
    "committee.scan": (
        "Quét mã QR dành cho bạn trên màn hình của Văn phòng để tham gia.",
        "Scan your QR code on the organising office's screen to join.",
    ),
    "committee.starting": ("Đang kết nối…", "Connecting…"),
    "committee.waiting": (
        "Tạo khóa — bước {n}/{of}: chờ các thành viên khác…",
        "Making the key — step {n} of {of}: waiting for the other members…",
    ),
    "committee.waiting_members": (
        "Đã xác nhận {n}/{of} thành viên. Chờ các thành viên khác…",
        "{n} of {of} members confirmed. Waiting for the others…",
    ),
    "committee.complaint": (
        "Một phần khóa nhận được không hợp lệ — đã báo Văn phòng. Chờ Văn phòng cho làm lại.",
        "A key share received is not valid — reported. Wait for the office to restart.",
    ),
    "committee.backup": (
        "Lưu bản sao khóa, rồi xác nhận.",
        "Save the key backup, then confirm.",
    ),
    "committee.backup.title": ("Bản sao khóa", "Key backup"),
    "committee.backup.help": (
        "Tải tệp bản sao khóa và giữ ở nơi an toàn (không gửi cho ai). Nếu mất điện thoại, "
        "tệp này giúp bạn vẫn mở được hòm phiếu.",
        "Download the backup file and keep it safe (send it to nobody). If the phone is lost, "
        "this file still lets you open the ballot box.",
    ),
    "committee.backup.download": ("Tải tệp bản sao khóa", "Download the backup file"),
    "committee.backup.saved": ("Tôi đã lưu tệp — xác nhận", "I saved the file — confirm"),
    "committee.restore": (
        "Điện thoại mới: chọn tệp bản sao khóa đã lưu khi tạo khóa.",
        "New phone: choose the key backup file saved at the key ceremony.",
    ),
    "committee.restore.title": ("Khôi phục khóa trên điện thoại mới", "Restore the key"),
    "committee.restore.help": (
        "Chọn tệp bản sao khóa (.json) bạn đã tải về khi tạo khóa. Khóa chỉ nằm trên điện "
        "thoại này, không gửi lên máy chủ; điện thoại cũ không dùng được nữa.",
        "Choose the key backup file (.json) you downloaded at the key ceremony. The key stays "
        "on this phone, it is not sent to the server; the old phone no longer works.",
    ),
    "committee.restore.file": ("Tệp bản sao khóa", "Key backup file"),
    "committee.restore.wrong": (
        "Tệp này không phải bản sao khóa của hội nghị này. Hãy chọn đúng tệp đã lưu.",
        "This file is not a key backup of this conference. Choose the file you saved.",
    ),
    "committee.own_key": ("Khóa của bạn", "Your key"),
    "committee.in_joint": (
        "✓ Khóa của bạn nằm trong khóa chung",
        "✓ Your key is in the joint key",
    ),
    "committee.not_in_joint": (
        "Khóa của bạn KHÔNG nằm trong khóa chung — báo ngay cho Văn phòng.",
        "Your key is NOT in the joint key — tell the organising office now.",
    ),
    "committee.ready": (
        "Đã tạo khóa. Chờ mở bỏ phiếu.",
        "The key is made. Waiting for voting to open.",
    ),
    "committee.aborted": ("Cuộc bỏ phiếu đã bị dừng.", "The vote was stopped."),
    "committee.verifying": (
        "Đang bỏ phiếu: điện thoại kiểm tra từng phiếu khi phiếu đến.",
        "Voting: this phone checks each ballot as it arrives.",
    ),
    "committee.verified": (
        "Đã kiểm tra {n}/{of} phiếu thu vào",
        "{n} of {of} ballots cast verified",
    ),
    "committee.mismatch": (
        "Danh sách phiếu trên điện thoại chưa khớp với danh sách đã chốt — đang kiểm tra tiếp…",
        "This phone's ballot list does not yet match the final list — still checking…",
    ),
    "committee.can_open": (
        "Đã kiểm tra đủ mọi phiếu. So số phiếu và mã danh sách dưới đây với màn hình chiếu.",
        "Every ballot verified. Compare the count and the list hash below with the projector.",
    ),
    "committee.too_few": (
        "Không mở hòm phiếu: chỉ có {n} phiếu trong khi {present} người có mặt — quá ít phiếu, "
        "mở ra sẽ lộ phiếu của từng người. Báo ngay cho Văn phòng; bước này chuyển sang bỏ "
        "phiếu giấy.",
        "Not opening the box: only {n} ballots with {present} attendees present — too few, "
        "opening would reveal individual votes. Tell the organising office now; this step "
        "goes to paper.",
    ),
    "committee.paper.title": ("Xác nhận kết quả phiếu giấy", "Confirm the paper counts"),
    "committee.paper.help": (
        "Nhập lại số phiếu đồng ý của từng người từ biên bản kiểm phiếu giấy. Xác nhận trên "
        "điện thoại này là xác nhận của chính bạn; thành viên thứ hai xác nhận trên điện thoại "
        "hoặc tài khoản của mình.",
        "Type each candidate's agree count again from the paper minutes. Confirming on this "
        "phone is your own confirmation; the second member confirms on their own phone or "
        "account.",
    ),
    "committee.paper.waiting": (
        "Cuộc bỏ phiếu đã bị dừng; bước này bỏ phiếu giấy. Chờ Văn phòng nhập kết quả giấy.",
        "The vote was stopped; this step is held on paper. Waiting for the office to enter "
        "the paper counts.",
    ),
    "committee.paper.confirm": (
        "Bước này bỏ phiếu giấy: nhập lại số phiếu để xác nhận ({n}/{of} đã xác nhận).",
        "This step is held on paper: type the counts again to confirm ({n}/{of} confirmed).",
    ),
    "committee.paper.confirmed": (
        "Bạn đã xác nhận kết quả phiếu giấy.",
        "You confirmed the paper counts.",
    ),
    "committee.compare.title": ("So với màn hình chiếu", "Compare with the projector"),
    "committee.compare.help": (
        "Điện thoại này tự tính số phiếu và mã danh sách phiếu. Chỉ mở hòm phiếu khi cả hai "
        "giống hệt trên màn hình chiếu; nếu khác, không mở và báo ngay cho Văn phòng.",
        "This phone computed the count and the ballot list hash itself. Open the box only if "
        "both are exactly what the projector shows; if not, do not open and tell the office.",
    ),
    "committee.compare.count": (
        "Số phiếu thu vào / số người có mặt",
        "Ballots cast / attendees present",
    ),
    "committee.compare.count_value": ("{n} / {present}", "{n} / {present}"),
    "committee.compare.ok": (
        "Tôi đã so: số phiếu, số người có mặt và mã danh sách giống hệt trên màn hình chiếu",
        "I compared: the count, the attendees present and the list hash are exactly as on "
        "the projector",
    ),
    "committee.below_minimum": (
        "Chỉ có {n} phiếu, ít hơn mức tối thiểu {min} phiếu: mở hòm sẽ cho biết từng người đã "
        "bỏ phiếu thế nào. Hòm phiếu không được mở — bước này được kiểm phiếu giấy.",
        "Only {n} ballots, fewer than the minimum of {min}: opening the box would tell how each "
        "voter voted. The box stays closed — this step is counted on paper.",
    ),
    "committee.open": ("Mở hòm phiếu", "Open the ballot box"),
    "committee.partial_sent": (
        "Đã gửi phần giải mã. Chờ đủ thành viên mở hòm phiếu.",
        "Partial decryption sent. Waiting for enough members.",
    ),
    "committee.opened": ("Đã mở hòm phiếu.", "The ballot box is open."),
    "committee.signed": (
        "Đã mở hòm phiếu và ký xác nhận kết quả.",
        "Box opened and the counts signed.",
    ),
    "committee.failed": ("Có lỗi: {message}", "Something failed: {message}"),
    # Head's page
    "head.title": ("Người đứng đầu xem xét, quyết định", "The head decides"),
    "head.none": ("Không có trường hợp nào cần quyết định.", "Nothing waits for a decision."),
    "head.open": ("Còn {n} vị trí — chọn trong số:", "{n} places open — choose among:"),
    "head.reason": (
        "Lý do quyết định (ghi vào biên bản)",
        "Reason for the decision (written in the minutes)",
    ),
    "head.confirm": (
        "Tôi xác nhận quyết định này; sau khi ghi sẽ không sửa được.",
        "I confirm this decision; once recorded it cannot be changed.",
    ),
    "head.reason_missing": (
        "Hãy ghi lý do quyết định: lý do được ghi vào biên bản.",
        "Give the reason for the decision: the minutes carry it.",
    ),
    "head.confirm_missing": (
        "Hãy đánh dấu ô xác nhận quyết định trước khi ghi.",
        "Tick the confirmation before the decision is recorded.",
    ),
    "head.quota": ("chọn tối đa {k} người", "at most {k} chosen"),
    "head.case.tie": (
        "Bằng phiếu ở vị trí cuối cùng: số người bằng phiếu nhiều hơn số vị trí còn lại.",
        "A tie at the boundary: more cadres tied than places left.",
    ),
    "head.case.over_cap": (
        "Có người đạt quá ba chức danh (tính cả chức danh đã được quy hoạch).",
        "A cadre would hold more than three positions (counting those already planned).",
    ),
    "head.already": ("Đã được giới thiệu", "Already chosen"),
    "head.choose": ("Chọn", "Choose"),
    "head.tied": ("Bằng phiếu", "Tied"),
    "head.over": (
        "Đã được quy hoạch {held} chức danh; đạt ở: {positions}",
        "Already planned for {held} position(s); passes for: {positions}",
    ),
    "head.decide": ("Quyết định", "Decide"),
    "head.done": ("Đã ghi quyết định vào biên bản.", "The decision is recorded."),
    # Voter page
    "vote.title": ("Bỏ phiếu", "Vote"),
    "vote.code.title": ("Nhập mã thẻ bỏ phiếu", "Type your voting card's code"),
    "vote.code.go": ("Tiếp tục", "Continue"),
    "vote.code.help": (
        "Mã thẻ in dưới mã QR trên thẻ bỏ phiếu, gồm 27 ký tự.",
        "The code is printed under the QR code on the voting card: 27 characters.",
    ),
    "vote.code.mistyped": (
        "Mã thẻ chưa đúng — hãy kiểm tra lại từng ký tự.",
        "The card code is mistyped — check each character.",
    ),
    "vote.waiting": ("Chưa mở bỏ phiếu — vui lòng chờ", "Voting has not opened yet — please wait"),
    "vote.waiting.help": (
        "Giữ trang này mở. Phiếu sẽ hiện ra ngay khi Văn phòng mở bỏ phiếu.",
        "Keep this page open. The ballot appears as soon as voting opens.",
    ),
    "vote.progress": ("Chức danh {n}/{of}", "Position {n} of {of}"),
    "vote.quota": ("Chọn tối đa {k} người — đã chọn {n}", "Mark at most {k} — {n} marked"),
    "vote.standards": ("Tiêu chuẩn chức danh", "The position's standards"),
    "vote.quota.full": (
        "Đã chọn đủ {k} người. Bỏ chọn một người trước khi chọn người khác.",
        "{k} already marked. Unmark someone before marking another.",
    ),
    "vote.prev": ("Quay lại", "Back"),
    "vote.next": ("Tiếp", "Next"),
    "vote.review": ("Xem lại phiếu", "Review your ballot"),
    "vote.review.none": ("Không chọn ai", "Nobody marked"),
    "vote.edit": ("Sửa phiếu", "Change"),
    "vote.send": ("Gửi phiếu", "Cast the ballot"),
    "vote.sending": ("Đang mã hóa và gửi phiếu…", "Encrypting and sending the ballot…"),
    "vote.sending.failed": (
        "Mất kết nối: chưa nhận được trả lời của máy chủ, phiếu có thể đã được nhận hoặc chưa. "
        "Bấm “Gửi lại”: máy gửi lại đúng lá phiếu này, không bao giờ bị tính hai lần.",
        "Connection lost: no answer from the server, so the ballot may or may not have arrived. "
        "Tap “Send again”: the very same ballot is sent, and it never counts twice.",
    ),
    "code.typo.character": (
        "Ký tự “{c}” không có trên thẻ.",
        "“{c}” does not occur on a card.",
    ),
    "code.typo.length": (
        "Mã thẻ có 27 ký tự; đã nhập {n}.",
        "A card code has 27 characters; {n} were typed.",
    ),
    "code.typo.first": (
        "Ký tự đầu tiên của mã thẻ luôn là một chữ số từ 0 đến 7.",
        "A card code always begins with a digit from 0 to 7.",
    ),
    "code.typo.check": (
        "Có một ký tự gõ sai (hoặc hai ký tự đổi chỗ): hãy so lại từng nhóm 4 ký tự với thẻ.",
        "One character is mistyped (or two are swapped): compare each group of 4 with the card.",
    ),
    "code.typo.near": (
        "Ký tự thứ {from}–{to} có vẻ sai: hãy so lại nhóm này với thẻ.",
        "Characters {from}–{to} look wrong: compare this group with the card.",
    ),
    "vote.resending": (
        "Đang gửi lại đúng lá phiếu này…",
        "Sending this same ballot again…",
    ),
    "vote.retry": ("Gửi lại", "Send again"),
    "vote.received": ("Đã nhận phiếu", "Ballot received"),
    "vote.receipt": ("Mã biên nhận:", "Receipt:"),
    "vote.check": ("Kiểm tra trong danh sách phiếu", "Look it up in the ballot list"),
    "vote.check.found": (
        "✓ Phiếu của bạn có trong danh sách phiếu công bố.",
        "✓ Your ballot is on the published list.",
    ),
    "vote.check.missing": (
        "Không tìm thấy phiếu trong danh sách — hãy báo Ban kiểm phiếu.",
        "The ballot is not on the list — tell the counting committee.",
    ),
    "vote.in_app": (
        "Bạn đang mở trang trong ứng dụng {app}. Nếu trang không chạy, bấm nút ⋯ (hoặc ⋮) ở góc "
        "trên rồi chọn “Mở bằng trình duyệt” (Chrome hoặc Safari), hoặc quét lại mã QR bằng "
        "camera của điện thoại.",
        "You opened this page inside {app}. If it does not work, tap ⋯ (or ⋮) at the top and "
        "choose “Open in browser” (Chrome or Safari), or scan the QR code again with the "
        "phone's camera.",
    ),
    "vote.refused.title": ("Không bỏ phiếu được", "Cannot vote"),
    "vote.refused.card_used": (
        "Thẻ này đã được dùng để bỏ phiếu",
        "This card has already been used",
    ),
    "vote.refused.card_voided": (
        "Thẻ này đã bị hủy — hãy đến bàn điểm danh.",
        "This card was voided — go to the check-in desk.",
    ),
    "vote.refused.card_unknown": (
        "Thẻ không thuộc hội nghị này",
        "This card belongs to another conference",
    ),
    "vote.refused.wrong_conference": (
        "Thẻ không thuộc hội nghị này",
        "This card belongs to another conference",
    ),
    "vote.refused.voting_closed": (
        "Đã kết thúc bỏ phiếu — không nhận thêm phiếu.",
        "Voting is closed — no more ballots are accepted.",
    ),
    "vote.refused.vote_aborted": (
        "Cuộc bỏ phiếu đã bị dừng. Hãy nghe hướng dẫn của Văn phòng.",
        "The vote was stopped. Listen to the organising office.",
    ),
    "vote.refused.ballot_box_full": (
        "Số phiếu đã bằng số người có mặt: không nhận thêm phiếu.",
        "Ballots already equal those present: no more are accepted.",
    ),
    "vote.refused.build": (
        "Không tạo được phiếu trên điện thoại này: {message}",
        "The ballot could not be made on this phone: {message}",
    ),
    "vote.refused.other": ("Không gửi được phiếu.", "The ballot could not be cast."),
    "vote.none": ("Hiện không có cuộc bỏ phiếu nào", "No vote is open now"),
    "vote.none.help": (
        "Hãy quét lại mã QR trên thẻ khi Văn phòng mở bỏ phiếu.",
        "Scan the card's QR code again when voting opens.",
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
    "phase.aborted",
)


# What every page that shows a result (result-view.js) says about it.
RESULT_STRINGS = (
    "full_name",
    "result",
    "result.agree",
    "result.base.present",
    "result.base.convened",
    "result.passed",
    "result.failed",
    "result.tie",
    "result.chosen",
    "result.over_cap",
    "result.by_head",
    "result.outcome",
    "result.base_line",
    "result.awaiting_head",
    "result.decided_on",
)


CATALOGUE.update(PLANNING_TERMS)
CATALOGUE.update(KIOSK_TERMS)
CATALOGUE.update(VERIFY_TERMS)


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
