"""The words of the planning-process pages (issue 7), merged into `voting.web.i18n.CATALOGUE`:
key → (Vietnamese, English)."""

from __future__ import annotations

PLANNING_TERMS: dict[str, tuple[str, str]] = {
    "planning.title": ("Quy trình quy hoạch cán bộ", "Planning processes"),
    "planning.link": ("Quy trình quy hoạch (các bước)", "Planning processes (all steps)"),
    "planning.list": ("Các quy trình", "Processes"),
    "planning.none": ("Chưa có quy trình nào.", "No process yet."),
    "planning.none_short": ("Không có.", "None."),
    "planning.new": ("Bắt đầu quy trình mới", "Start a process"),
    "planning.procedure": ("Quy trình", "Procedure"),
    "planning.term": ("Nhiệm kỳ", "Term"),
    "planning.term_start": ("Tháng bắt đầu nhiệm kỳ", "Term starts"),
    "planning.reference": ("Tháng lập hồ sơ (mốc tính tuổi)", "Reference month"),
    "planning.term.help": (
        "Quy hoạch nhiệm kỳ kế tiếp cần tháng bắt đầu nhiệm kỳ (tính đủ 60 tháng; để trống thì "
        "lấy theo danh mục nhiệm kỳ); rà soát hằng năm dùng nhiệm kỳ hiện tại. Ngày và địa điểm "
        "là mặc định cho các hội nghị, sửa được ở từng hội nghị.",
        "The next term needs its start month (60 months counted from it; left empty, the "
        "registry's terms give it); the annual review uses the current term. Date and place are "
        "the conferences' defaults, editable.",
    ),
    "planning.start": ("Bắt đầu quy trình", "Start the process"),
    "planning.status.running": ("Đang thực hiện", "Running"),
    "planning.status.submitted": ("Đã trình phê duyệt", "Submitted"),
    "planning.status.approved": ("Đã phê duyệt", "Approved"),
    "planning.steps": ("Các bước", "Steps"),
    "planning.step.waiting": ("Chưa đến", "Waiting"),
    "planning.step.current": ("Đang thực hiện", "Current"),
    "planning.step.done": ("Đã xong", "Done"),
    "planning.step.approved": ("Đã thực hiện ngày {d} ({by})", "Held on {d} ({by})"),
    "planning.step.record": (
        "Ghi nhận tập thể lãnh đạo đã thông qua kế hoạch và danh sách nguồn",
        "Record the approval of the plan and the source list",
    ),
    "planning.step.prepared": ("Ghi nhận đã chuẩn bị xong", "Record the preparation as done"),
    "planning.step.recorded": ("Đã ghi nhận bước {n}.", "Step {n} recorded."),
    "planning.note": ("Ghi chú", "Note"),
    "planning.review.automatic": (
        "Đưa ra khỏi quy hoạch không cần bỏ phiếu",
        "Removed without a vote",
    ),
    "planning.review.missing": (
        "Cán bộ trong quy hoạch nhưng không có trong danh sách cán bộ của cơ quan (vẫn giữ "
        "quy hoạch; cần bổ sung vào danh sách cán bộ)",
        "Planned but missing from the agency's registry (kept in the planning; add them to "
        "the registry)",
    ),
    "planning.review.propose": (
        "Đề nghị bỏ phiếu kín đưa ra khỏi quy hoạch",
        "Put to the secret removal ballot",
    ),
    "planning.conference": ("Mở hội nghị của bước này", "Open this step's conference"),
    "planning.ballot": ("Phiếu của bước này", "This step's ballot"),
    "planning.ballot.from_process": (
        "Phiếu của bước này do quy trình quy hoạch lập từ kết quả bước trước; không sửa tay.",
        "This step's ballot comes from the previous step's result; it is not edited by hand.",
    ),
    "planning.quota": ("chọn tối đa {n}", "at most {n}"),
    "planning.paper": ("Phiếu giấy", "Paper"),
    "planning.again": ("Tổ chức lại bằng điện tử", "Hold it again electronically"),
    "planning.again.help": (
        "hoặc nhập kết quả phiếu giấy bên dưới",
        "or enter the paper counts below",
    ),
    "planning.again.done": (
        "Đã lập lại hội nghị của bước {n} (cùng phiếu, danh sách triệu tập lập lại).",
        "Step {n}'s conference is set up again (same ballot, roster drawn again).",
    ),
    "planning.paper.fallback": (
        "Tổ chức bằng phiếu giấy (khi mạng hoặc máy tính gặp sự cố)",
        "Held on paper (when the Wi-Fi or the laptop fails)",
    ),
    "planning.paper.help": (
        "Nhập số liệu từ biên bản kiểm phiếu giấy. Kết quả chỉ được dùng khi hai thành viên "
        "ban kiểm phiếu nhập lại đúng các số này. Nếu hội nghị điện tử đã bắt đầu, hãy hủy "
        "cuộc bỏ phiếu (ghi lý do) trước.",
        "Enter the counts from the paper minutes. They count once two counting-committee "
        "members have typed them again. Abort a started electronic vote first.",
    ),
    "planning.convened": ("Số người được triệu tập", "Convened"),
    "planning.present": ("Số người có mặt", "Present"),
    "planning.paper.enter": ("Lưu kết quả phiếu giấy", "Save the paper counts"),
    "planning.paper.entered": (
        "Đã lưu; cần hai thành viên ban kiểm phiếu xác nhận.",
        "Saved; two committee members must confirm.",
    ),
    "planning.paper.entered_by": (
        "Do {by} nhập; đã có {n}/2 xác nhận.",
        "Entered by {by}; {n} of 2 confirmations.",
    ),
    "planning.paper.confirmed_by": ("Đã xác nhận", "Confirmed by"),
    "planning.paper.confirm_elsewhere": (
        "Hai thành viên ban kiểm phiếu xác nhận, mỗi người trên điện thoại ban kiểm phiếu hoặc "
        "tài khoản của mình — không phải tài khoản đã nhập kết quả, và không hai lần cùng một "
        "điện thoại hay tài khoản.",
        "Two committee members confirm, each on their own committee phone or account — not the "
        "account that entered the counts, and never twice the same phone or account.",
    ),
    "planning.paper.step": ("Bước {n}, bỏ phiếu giấy", "Step {n}, on paper"),
    "planning.paper.not_entered": (
        "Văn phòng chưa nhập kết quả phiếu giấy của bước này.",
        "The office has not entered this step's paper counts yet.",
    ),
    "planning.paper.done": (
        "Kết quả phiếu giấy của bước này đã đủ hai xác nhận.",
        "This step's paper counts have both confirmations.",
    ),
    "planning.paper.member": (
        "Họ và tên thành viên ban kiểm phiếu xác nhận",
        "Confirming committee member",
    ),
    "planning.paper.confirm": ("Xác nhận (nhập lại số phiếu)", "Confirm (type the counts again)"),
    "planning.paper.confirmed": ("Đã ghi nhận xác nhận.", "Confirmation recorded."),
    "planning.result.bases": (
        "Triệu tập {convened}, có mặt {present}",
        "Convened {convened}, present {present}",
    ),
    "planning.awaiting_head": (
        "Chờ người đứng đầu quyết định trường hợp bằng phiếu hoặc vượt ba chức danh.",
        "Waiting for the head's decision on a tie or a cadre over three positions.",
    ),
    "planning.source": ("Danh sách nguồn", "Source list"),
    "planning.source.help": (
        "Đề xuất theo điều kiện quy hoạch: người được đánh dấu sẽ vào phiếu. Người không đủ "
        "điều kiện hiện kèm lý do; có thể thêm người khác bằng mã cán bộ (kèm cảnh báo).",
        "Proposed from the eligibility rules: ticked cadres go on the ballot. Excluded people "
        "show their reasons; others can be added by id (with warnings).",
    ),
    "planning.source.frozen": (
        "Danh sách nguồn đã được tập thể lãnh đạo thông qua: không sửa được nữa.",
        "The source list has been approved and can no longer change.",
    ),
    "planning.source.add": ("Thêm theo mã cán bộ", "Add by id"),
    "planning.source.save": ("Lưu danh sách nguồn", "Save the source list"),
    "planning.source.saved": ("Đã lưu danh sách nguồn.", "Source list saved."),
    "planning.places": ("còn {n} chỗ", "{n} places open"),
    "planning.category": ("đối tượng {n}", "category {n}"),
    "planning.structure.line": (
        "Cơ cấu: {planned} người; dưới {y} tuổi {young} ({young_percent}%); nữ {women} "
        "({women_percent}%); nữ lãnh đạo chủ chốt {leaders}",
        "Structure: {planned} cadres; under {y} {young} ({young_percent}%); women {women} "
        "({women_percent}%); women key leaders {leaders}",
    ),
    "planning.structure": (
        "Cơ cấu (theo danh sách đang chọn)",
        "Structure (of the list as ticked)",
    ),
    "planning.structure.planned": ("Số người", "Cadres"),
    "planning.structure.young": (
        "Dưới {y} tuổi (mục tiêu ≥ {target}%)",
        "Under {y} (target ≥ {target}%)",
    ),
    "planning.structure.women": ("Nữ (mục tiêu ≥ {target}%)", "Women (target ≥ {target}%)"),
    "planning.structure.woman_key": (
        "Nữ trong chức danh lãnh đạo chủ chốt (cần ít nhất 1)",
        "Women among key leaders (at least 1)",
    ),
    "planning.structure.help": (
        "Chỉ để tham khảo, không bắt buộc; cập nhật ngay khi đánh dấu.",
        "Reported, not blocking; updates as you tick.",
    ),
    "planning.outcome": ("Kết quả quy trình", "Outcome"),
    "planning.outcome.none": ("Chưa xong bước cuối.", "The final step is not done."),
    "planning.list.submit": ("Danh sách đề nghị phê duyệt quy hoạch", "The list to submit"),
    "planning.list.approved": ("Danh sách được phê duyệt quy hoạch", "Approved planning list"),
    "planning.list.removed": ("Danh sách đưa ra khỏi quy hoạch", "Removed from planning"),
    "planning.removed.none": ("Không có.", "None."),
    "planning.reason": ("Lý do", "Reason"),
    "planning.removal.voted": (
        "Tập thể lãnh đạo bỏ phiếu kín đề nghị đưa ra khỏi quy hoạch",
        "Proposed for removal by the leadership's secret ballot",
    ),
    "planning.override": (
        "Không bảo đảm tiêu chuẩn, điều kiện ({why}); người đứng đầu quyết định đề nghị "
        "phê duyệt, lý do: {reason}",
        "Fails the conditions ({why}); put forward by the head's decision, reason: {reason}",
    ),
    "planning.unmet": ("Không bảo đảm tiêu chuẩn, điều kiện", "Fails the conditions"),
    "planning.unmet.help": (
        "Theo mục A.I của kế hoạch, không đề xuất, phê duyệt quy hoạch những trường hợp này. "
        "Danh sách không trình, không phê duyệt được cho đến khi người đứng đầu quyết định "
        "(ghi rõ lý do) hoặc danh sách được sửa.",
        "Under A.I of the plan these cannot be proposed or approved. The list cannot be "
        "submitted or approved until the head decides (with a reason).",
    ),
    "planning.override.reason": ("Lý do quyết định của người đứng đầu", "The head's reason"),
    "planning.override.record": (
        "Người đứng đầu quyết định đề nghị phê duyệt",
        "The head puts this cadre forward",
    ),
    "planning.approval_body": ("Cấp phê duyệt", "Approving body"),
    "planning.submitted_on": ("Ngày trình (hồ sơ đầy đủ)", "Submitted (complete dossier)"),
    "planning.deadline": ("Hạn phê duyệt (30 ngày làm việc)", "Approval due (30 working days)"),
    "planning.submit": ("Ghi nhận đã trình", "Record the submission"),
    "planning.approved_on": ("Ngày phê duyệt", "Approved on"),
    "planning.approval_late": ("Phê duyệt quá hạn", "Approved late"),
    "planning.approve": ("Ghi nhận đã phê duyệt", "Record the approval"),
    "planning.earliest_appointment": (
        "Sớm nhất được bổ nhiệm (sau 3 tháng)",
        "Earliest appointment (after 3 months)",
    ),
    "planning.published": ("Danh sách công bố", "Published lists"),
    "planning.published.draft": (
        "Bản dự thảo: danh sách chưa được phê duyệt.",
        "Draft: the list is not approved yet.",
    ),
    "planning.published.paper_steps": (
        "Các bước tổ chức bằng phiếu giấy",
        "Steps held on paper",
    ),
    "planning.published.paper_step": (
        "{title}, ngày {d}: số phiếu nhập từ biên bản kiểm phiếu giấy",
        "{title}, on {d}: counts entered from the paper minutes",
    ),
    "planning.published.final_paper": (
        "Bước cuối tổ chức bằng phiếu giấy: danh sách lập từ biên bản kiểm phiếu giấy.",
        "The final step was held on paper: the list comes from its paper minutes.",
    ),
    "planning.published.removal_paper": (
        "Bỏ phiếu đưa ra khỏi quy hoạch bằng phiếu giấy.",
        "The removal ballot was held on paper.",
    ),
    "planning.published.chosen_by_head": ("Người đứng đầu lựa chọn", "Chosen by the head"),
    "planning.decision": ("Quyết định của người đứng đầu", "The head's decision"),
    "planning.decision.by": (
        "Bước {n}: người quyết định {by}, thời điểm ghi nhận {at}",
        "Step {n}: decided by {by}, recorded at {at}",
    ),
    "planning.decision.paper": ("nhập từ biên bản giấy", "entered from the paper minutes"),
    "planning.decision.contested": ("Cần người đứng đầu quyết định", "Left to the head"),
    "planning.decision.chosen": ("Người đứng đầu lựa chọn", "The head chose"),
    "planning.decision.nobody": ("Không lựa chọn ai", "Nobody"),
    "planning.submission": ("Tờ trình", "Submission (Tờ trình)"),
    "planning.standards": (
        "Tiêu chuẩn các chức danh (công khai trước khi bỏ phiếu)",
        "The positions' standards (made known before voting)",
    ),
    "planning.dossier": (
        "Bảng tổng hợp kết quả kiểm phiếu ở các bước",
        "Tally summary of every step",
    ),
    "planning.log": ("Nhật ký thay đổi", "Change log"),
    "registry.link": ("Danh mục: cán bộ, quy hoạch, nhiệm kỳ, ngày lễ, hồ sơ", "Registry"),
    "appointments.title": ("Bổ nhiệm vào chức danh quy hoạch", "Appointments to planned positions"),
    "appointments.link": (
        "Bổ nhiệm, hết hiệu lực quy hoạch",
        "Appointments and the planning's end",
    ),
    "appointments.help": (
        "Quy hoạch hết hiệu lực khi cán bộ được bổ nhiệm vào chức danh quy hoạch hoặc kết thúc "
        "nhiệm kỳ (mục B.I.3). Quy trình bổ nhiệm chỉ thực hiện sau khi phê duyệt quy hoạch ít "
        "nhất 3 tháng và không thực hiện đồng thời với quy trình bổ sung quy hoạch cho cùng chức "
        "danh (mục A.II).",
        "The planning ends when the cadre is appointed to the planned position or when its term "
        "ends (B.I.3). An appointment starts at least 3 months after the planning's approval and "
        "never while a supplement for the same position runs (A.II).",
    ),
    "appointments.list": ("Các quy trình bổ nhiệm", "Appointments"),
    "appointments.new": ("Bắt đầu quy trình bổ nhiệm", "Start an appointment"),
    "appointments.entry": ("Cán bộ và chức danh quy hoạch", "Planned cadre and position"),
    "appointments.started_on": ("Ngày bắt đầu", "Started on"),
    "appointments.start": ("Bắt đầu quy trình bổ nhiệm", "Start the appointment"),
    "appointments.started": ("Đã bắt đầu quy trình bổ nhiệm.", "Appointment started."),
    "appointments.status": ("Tình trạng", "Status"),
    "appointments.status.running": ("Đang thực hiện", "Running"),
    "appointments.status.appointed": ("Đã bổ nhiệm", "Appointed"),
    "appointments.status.withdrawn": ("Đã dừng", "Withdrawn"),
    "appointments.action": ("Ghi nhận", "Record"),
    "appointments.appointed_on": ("Ngày bổ nhiệm", "Appointed on"),
    "appointments.decision": ("Số quyết định", "Decision no."),
    "appointments.decide": ("Ghi nhận đã bổ nhiệm", "Record the appointment"),
    "appointments.decided": (
        "Đã ghi nhận bổ nhiệm: quy hoạch chức danh này của cán bộ hết hiệu lực.",
        "Appointment recorded: that planning has ended.",
    ),
    "appointments.withdrawn_on": ("Ngày dừng", "Stopped on"),
    "appointments.withdraw": ("Dừng quy trình", "Withdraw"),
    "appointments.withdrawn": ("Đã dừng quy trình bổ nhiệm.", "Appointment withdrawn."),
    "appointments.term_end": ("Kết thúc nhiệm kỳ", "End of term"),
    "appointments.term_end.help": (
        "Đóng quy hoạch của các nhiệm kỳ (theo danh mục nhiệm kỳ) đã kết thúc trước ngày chọn.",
        "Close the planning of the terms (as the terms table dates them) ended before the day.",
    ),
    "appointments.term_end.on": ("Tính đến ngày", "As of"),
    "appointments.term_end.close": ("Đóng quy hoạch đã hết nhiệm kỳ", "Close ended terms"),
    "appointments.terms_closed": (
        "Đã đóng {n} mục quy hoạch do kết thúc nhiệm kỳ.",
        "{n} planning entries closed.",
    ),
    "registry.title": ("Danh mục của cơ quan", "The agency's registry"),
    "registry.help": (
        "Mỗi danh mục nhập từ tệp CSV (UTF-8) hoặc XLSX, thay toàn bộ danh mục; có dòng lỗi thì "
        "không nhập dòng nào. Tệp xuất ra nhập lại được nguyên vẹn.",
        "Each table is imported whole from a CSV (UTF-8) or XLSX file; any bad row refuses the "
        "file. An export re-imports unchanged.",
    ),
    "registry.people": ("Danh sách cán bộ", "People"),
    "registry.externals": ("Người ngoài cơ quan được triệu tập", "External attendees"),
    "registry.planning": ("Quy hoạch hiện hành", "Planning in force"),
    "registry.terms": ("Nhiệm kỳ", "Terms"),
    "registry.holidays": ("Lịch ngày nghỉ lễ (có Tết)", "Holidays (Tết included)"),
    "registry.documents": ("Hồ sơ nhân sự (ngày của từng tài liệu)", "Dossier documents"),
    "registry.count": ("{n} dòng", "{n} rows"),
    "registry.columns": ("Các cột", "Columns"),
    "registry.import": ("Nhập tệp (thay toàn bộ)", "Import a file (replaces the table)"),
    "registry.export": ("Xuất", "Export"),
    "registry.done": ("Đã nhập {n} dòng.", "{n} rows imported."),
    "registry.positions": ("Đơn vị và chức danh quy hoạch", "Units and planned positions"),
}
