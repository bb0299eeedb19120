"""The verifier page's words (`/verify` and the offline verify.html), Vietnamese first: what an
observer reads while their own browser re-checks a record (docs/verify.md)."""

from __future__ import annotations

VERIFY_TERMS: dict[str, tuple[str, str]] = {
    "verify.title": ("Kiểm tra biên bản hội nghị", "Verify a conference record"),
    "verify.intro": (
        "Chọn hoặc thả tệp biên bản (.json). Việc kiểm tra chạy ngay trên máy của bạn; tệp "
        "không được gửi đi đâu.",
        "Choose or drop the record file (.json). It is checked on your own device; the file "
        "is sent nowhere.",
    ),
    "verify.file": (
        "Thả tệp biên bản vào đây, hoặc bấm để chọn",
        "Drop the record here, or tap to choose",
    ),
    "verify.key": (
        "Khóa hệ thống (64 ký tự, in trên biên bản kiểm phiếu) — nên nhập",
        "Installation key (64 hex digits, printed on the minutes) — recommended",
    ),
    "verify.receipt": ("Mã biên nhận của bạn (nếu có)", "Your receipt (if you voted)"),
    "verify.checks": ("Các bước kiểm tra", "The checks"),
    "verify.check.1": ("Tệp đúng dạng chuẩn, đủ các trường", "A canonical file with every field"),
    "verify.check.2": ("Chữ ký của hệ thống", "The installation's signature"),
    "verify.check.3": ("Hội nghị, bộ quy tắc và bước", "Conference, rule set and step"),
    "verify.check.4": (
        "Phiếu, chức danh, thẻ và số người đúng dạng",
        "Ballot, positions, cards and attendance well formed",
    ),
    "verify.check.5": ("Đủ số người có mặt khi mở bỏ phiếu", "Quorum at the opening"),
    "verify.check.6": ("Số thẻ khớp nhau", "The cards add up"),
    "verify.check.7": ("Khóa của tổ kiểm phiếu", "The committee's keys"),
    "verify.check.8": ("Dấu vân tay hội nghị", "The conference fingerprint"),
    "verify.check.9": ("Từng lá phiếu hợp lệ", "Every ballot is valid"),
    "verify.check.10": (
        "Thứ tự, mã danh sách phiếu và tổng mã hóa",
        "Ballot order, list hash and aggregate",
    ),
    "verify.check.11": (
        "Giải mã của tổ kiểm phiếu cho ra kết quả",
        "The committee's decryptions give the counts",
    ),
    "verify.check.12": (
        "Chữ ký kết quả của tổ kiểm phiếu",
        "The committee's signatures on the counts",
    ),
    "verify.check.13": ("Đạt / không đạt theo quy tắc", "Passed / failed by the rules"),
    "verify.check.14": ("Quyết định và kết quả lựa chọn", "Decision and selection"),
    "verify.check.15": ("Chuỗi sự kiện liền mạch", "The event chain is intact"),
    "verify.check.16": ("Nhật ký khớp với biên bản", "The log tells this record's story"),
    "verify.check.17": ("Mã chạy trên trình duyệt", "Browser code hashes"),
    "verify.running": ("Đang kiểm tra…", "Checking…"),
    "verify.ok": (
        "ĐÃ KIỂM TRA: biên bản đứng vững qua cả {n} bước.",
        "VERIFIED: the record holds through all {n} checks.",
    ),
    "verify.failed": ("KHÔNG ĐẠT ở bước {n}: {reason}", "NOT VERIFIED at check {n}: {reason}"),
    "verify.unreadable": ("Không đọc được tệp.", "The file cannot be read."),
    "verify.unpinned": (
        "Chưa nhập khóa hệ thống: một biên bản giả hoàn toàn cũng qua được mọi bước. Hãy nhập "
        "khóa, hoặc ít nhất so dấu khóa dưới đây với chân trang trên màn chiếu.",
        "No installation key entered: a wholly fabricated record passes every check too. "
        "Enter the key, or at least compare its fingerprint below with the projector's footer.",
    ),
    "verify.pinned": (
        "Biên bản do đúng khóa hệ thống bạn nhập ký.",
        "The record is signed by the installation key you entered.",
    ),
    "verify.compare": (
        "Đối chiếu với những gì màn chiếu đã hiện",
        "Compare with what the projector showed",
    ),
    "verify.installation": ("Dấu khóa hệ thống (chân trang)", "Installation key (page footer)"),
    "verify.receipt_found": (
        "Có phiếu mang mã biên nhận của bạn trong danh sách.",
        "A ballot with your receipt is in the list.",
    ),
    "verify.receipt_missing": (
        "KHÔNG có phiếu nào mang mã biên nhận này. Hãy báo người chủ trì và tổ kiểm phiếu.",
        "NO ballot carries this receipt. Tell the head of the conference and the committee.",
    ),
    "verify.receipt_invalid": (
        "Mã biên nhận gồm 16 ký tự 0–9, A–F.",
        "A receipt is 16 characters 0–9, A–F.",
    ),
    "verify.offline": (
        "Trang này chạy được không cần mạng: tải tệp verify.html về, chép vào USB.",
        "This page works without a network: download verify.html and copy it to a USB stick.",
    ),
}
