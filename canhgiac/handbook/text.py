"""Handbook-only interface strings per language (the shared ones live in canhgiac.ui)."""

from __future__ import annotations

from canhgiac.ui import strings as ui_strings

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "handbook_title": "Sổ tay tuyên truyền viên",
        "contents": "Mục lục",
        "session_plan": "Kế hoạch buổi sinh hoạt",
        "trainer_notes": "Hoạt động, thảo luận và ghi chú cho tuyên truyền viên",
        "worksheet": "Phiếu bài tập",
        "worksheet_help": "Đánh dấu vào ô trước câu trả lời bạn chọn.",
        "choose_all": "Chọn tất cả các câu trả lời đúng.",
        "order_help": "Ghi số thứ tự (1, 2, 3…) vào ô trước mỗi bước.",
        "name": "Họ và tên",
        "date": "Ngày",
        "place": "Địa điểm",
        "answer_key": "Đáp án và giải thích",
        "hotline_card": "Thẻ số điện thoại cần nhớ",
        "hotline_card_help": "Điền số của công an xã và Mặt trận xã vào dòng trống, cắt theo đường viền nét đứt, "
                             "phát cho mỗi nhà một thẻ.",
        "card_title": "Số điện thoại cần nhớ",
        "legal_refs": "Văn bản pháp luật được trích dẫn",
        "attendance": "Danh sách tham dự buổi sinh hoạt",
        "feedback": "Phiếu góp ý sau buổi sinh hoạt",
        "topic": "Chủ đề",
        "trainer": "Người hướng dẫn",
        "no": "STT",
        "birth_year": "Năm sinh",
        "hamlet": "Ấp, khóm",
        "phone_optional": "Điện thoại (không bắt buộc)",
        "signature": "Ký tên",
        "feedback_help": "Không cần ghi tên. Phiếu chỉ dùng để buổi sau làm tốt hơn.",
        "fb_clear": "Buổi sinh hoạt hôm nay có dễ hiểu không?",
        "fb_clear_scale": "Rất dễ hiểu|Dễ hiểu|Hơi khó|Khó hiểu",
        "fb_useful": "Nội dung có hữu ích cho gia đình anh chị không?",
        "fb_useful_scale": "Rất hữu ích|Hữu ích|Ít hữu ích",
        "fb_remember": "Điều anh chị nhớ nhất sau buổi hôm nay:",
        "fb_call": "Khi nghi ngờ có người bị lừa đi làm ăn xa, anh chị sẽ gọi số nào?",
        "fb_next": "Anh chị muốn buổi sau nói về chủ đề gì?",
        "fb_other": "Góp ý khác:",
        "scan": "Quét mã để mở bài trên trang web",
    },
    "en": {
        "handbook_title": "Trainer handbook",
        "contents": "Contents",
        "session_plan": "Session plan",
        "trainer_notes": "Activity, discussion and notes for outreach workers",
        "worksheet": "Worksheet",
        "worksheet_help": "Tick the box in front of the answer you choose.",
        "choose_all": "Tick every right answer.",
        "order_help": "Write the order (1, 2, 3…) in the box in front of each step.",
        "name": "Name",
        "date": "Date",
        "place": "Place",
        "answer_key": "Answer key and explanations",
        "hotline_card": "Hotline card",
        "hotline_card_help": "Fill in the numbers of your commune police and Front committee on the blank lines, "
                             "cut along the dashed border and give one card to each household.",
        "card_title": "Numbers to remember",
        "legal_refs": "Legal references",
        "attendance": "Attendance sheet",
        "feedback": "Session feedback form",
        "topic": "Topic",
        "trainer": "Trainer",
        "no": "No.",
        "birth_year": "Year of birth",
        "hamlet": "Hamlet",
        "phone_optional": "Phone (optional)",
        "signature": "Signature",
        "feedback_help": "No name needed. This form only helps us make the next session better.",
        "fb_clear": "Was today's session easy to understand?",
        "fb_clear_scale": "Very easy|Easy|Quite hard|Hard",
        "fb_useful": "Was it useful for your family?",
        "fb_useful_scale": "Very useful|Useful|Not very useful",
        "fb_remember": "What you remember most from today:",
        "fb_call": "If you suspect someone is being lured away for work, which number will you call?",
        "fb_next": "What topic would you like next time?",
        "fb_other": "Other comments:",
        "scan": "Scan to open the lesson on the website",
    },
}


def strings(lang: str) -> dict[str, str]:
    """Return the shared interface strings merged with the handbook's, for one language."""
    return {**ui_strings(lang), **STRINGS.get(lang, STRINGS["vi"])}
