"""The kiosk's words, merged into `voting.web.i18n.CATALOGUE`: key → (Vietnamese, English)."""

from __future__ import annotations

KIOSK_TERMS: dict[str, tuple[str, str]] = {
    "organiser.kiosk.label": ("Tên máy bỏ phiếu chung (kiosk)", "Kiosk name"),
    "organiser.kiosk.create": ("Đăng ký máy bỏ phiếu chung", "Register a kiosk"),
    "organiser.kiosk.help": (
        "Mở địa chỉ được cấp trên máy tính bảng đặt trong hội trường, cho người không có điện "
        "thoại thông minh. Thu hồi liên kết thì máy không dùng được nữa.",
        "Open the address on the tablet in the room, for attendees without a smartphone. "
        "Revoking the link stops it at once.",
    ),
    "kiosk.title": ("Máy bỏ phiếu chung", "Voting kiosk"),
    "kiosk.start": ("Mời nhập mã thẻ bỏ phiếu", "Enter your voting card's code"),
    "kiosk.help": (
        "Gõ mã in trên thẻ (hoặc mã bàn điểm danh đã đọc cho ông/bà) bằng bàn phím dưới đây, "
        "hoặc đưa mã QR của thẻ in vào đầu đọc mã.",
        "Type the code on your card (or the one the desk gave you) on the keypad below, or hold "
        "a printed card's QR code to the scanner.",
    ),
    "kiosk.code": ("Mã thẻ", "Card code"),
    "kiosk.backspace": ("Xóa", "Delete"),
    "kiosk.clear": ("Xóa hết", "Clear"),
    "kiosk.go": ("Tiếp tục", "Continue"),
    "kiosk.mistyped": (
        "Mã thẻ không đúng. Kiểm tra lại từng ký tự trên thẻ rồi nhập lại.",
        "That code is not right. Check each character on the card and type it again.",
    ),
    "kiosk.camera": ("Quét mã QR bằng camera", "Scan the QR code with the camera"),
    "kiosk.camera.stop": ("Tắt camera", "Stop the camera"),
    "kiosk.fullscreen": ("Toàn màn hình", "Full screen"),
    "kiosk.done": ("Xong — mời người tiếp theo", "Done — next voter"),
    "kiosk.clears_in": (
        "Màn hình sẽ tự xóa sau {n} giây; không còn lưu gì của ông/bà trên máy này.",
        "The screen clears itself in {n} seconds; nothing of yours stays on this tablet.",
    ),
    "kiosk.retrying": (
        "Mất kết nối khi gửi phiếu. Máy đang tự gửi lại đúng lá phiếu này (không bao giờ bị tính "
        "hai lần) — xin chờ, đừng rời máy.",
        "The connection dropped while sending. The tablet is sending this same ballot again (it "
        "can never count twice) — please wait here.",
    ),
}
