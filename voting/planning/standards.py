"""The standards of each position a process plans for, as voters must be told them: KH 331
B.V.1, "Các tiêu chuẩn chung và tiêu chuẩn cụ thể của từng chức danh cán bộ lãnh đạo, quản lý
phải được công khai để cán bộ, đảng viên tham gia bỏ phiếu giới thiệu quy hoạch ... được biết".
From the rule set: the source categories (B.I.2), the professional and political-theory
standards (B.II.1), the months of work required (B.II.2) and the general conditions (A.I)."""

from __future__ import annotations

from typing import Any

from voting.planning.processes import RULES
from voting.rules.eligibility import term_kind
from voting.store import Process

GENERAL = (
    "Có phẩm chất, năng lực, uy tín, triển vọng phát triển; bảo đảm tiêu chuẩn chính trị; "
    "không trong thời hạn xử lý kỷ luật từ khiển trách trở lên (mục A.I, B.II.3)."
)
PROFESSIONAL = "Có trình độ chuyên môn, nghiệp vụ tương ứng với chức danh bổ nhiệm (mục B.II.1)."
_THEORY = {"cao_cap": "Cao cấp", "trung_cap": "Trung cấp", "so_cap": "Sơ cấp"}


def of_process(process: Process) -> list[dict[str, Any]]:
    """Each position kind of the process's tier with its standards, in Vietnamese."""
    posts = {key: post.title for key, post in RULES.posts.items()}
    kind_of_term = term_kind(process.procedure, process.reference, process.term_start)
    out = []
    for kind in RULES.positions.values():
        if kind.tier != process.tier:
            continue
        sources = {
            n: ", ".join(posts.get(k, k) for k, c in kind.categories.items() if c == n)
            for n in (1, 2)
        }
        if kind_of_term == "next":
            months = [
                f"Đủ tuổi công tác ít nhất trọn nhiệm kỳ kế tiếp "
                f"({RULES.next_term_months} tháng tính từ khi nhiệm kỳ bắt đầu) (mục B.II.2)."
            ]
        else:
            needed = RULES.tiers[kind.tier].current_term_months
            months = [
                f"Đối tượng {n}: còn ít nhất {needed[n]} tháng công tác (mục B.II.2)."
                for n in (1, 2)
                if sources[n]
            ]
        level = _THEORY.get(kind.political_theory or "", kind.political_theory)
        theory = (
            f"Trình độ lý luận chính trị: {level} trở lên (hoặc đang học); chưa đạt thì sau "
            "khi quy hoạch phải có kế hoạch đào tạo, bồi dưỡng (mục B.II.1)."
            if kind.political_theory
            else ""
        )
        out.append(
            {
                "position": kind.title,
                "sources": [f"Đối tượng {n}: {s}" for n, s in sources.items() if s],
                "standards": [GENERAL, PROFESSIONAL, *([theory] if theory else []), *months],
            }
        )
    return out
