"""Interface strings of the leaflets and posters, per language."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "key_messages": "Hãy nhớ",
        "what_to_do": "Cần làm gì",
        "call": "Gọi ngay",
        "keep": "Giữ lại",
        "never": "Không bao giờ",
        "default_call": "Nghi ngờ thì gọi 113 hoặc 111, hoặc báo công an xã, phường.",
        "default_keep": "Giữ lại tin nhắn, ảnh, số điện thoại, giấy tờ làm bằng chứng.",
        "default_never": "Không đưa giấy tờ tùy thân, tiền hay mã OTP cho người lạ.",
        "hotlines": "Số điện thoại cần nhớ",
        "hotlines_title": "Số điện thoại cần nhớ",
        "local": "Ở xã, phường của bạn",
        "write_number": "Số điện thoại:",
        "scan": "Quét mã để đọc bài trên điện thoại",
        "scan_hotlines": "Quét mã để xem các số điện thoại trên điện thoại",
        "free": "Gọi miễn phí",
        "lesson": "Bài",
        "leaflet": "Tờ rơi",
        "poster": "Áp phích",
        "hotline_poster": "Áp phích số điện thoại cần nhớ",
        "bilingual": "song ngữ Việt – Anh",
    },
    "en": {
        "key_messages": "Remember",
        "what_to_do": "What to do",
        "call": "Call",
        "keep": "Keep",
        "never": "Never",
        "default_call": "If in doubt, call 113 or 111, or tell the commune or ward police.",
        "default_keep": "Keep messages, photos, phone numbers and papers as evidence.",
        "default_never": "Never hand your ID papers, money or OTP codes to a stranger.",
        "hotlines": "Numbers to remember",
        "hotlines_title": "Numbers to remember",
        "local": "In your commune or ward",
        "write_number": "Phone:",
        "scan": "Scan the code to read the lesson on a phone",
        "scan_hotlines": "Scan the code to see these numbers on a phone",
        "free": "Free to call",
        "lesson": "Lesson",
        "leaflet": "Leaflet",
        "poster": "Poster",
        "hotline_poster": "Hotline poster",
        "bilingual": "Vietnamese and English",
    },
}


def strings(lang: str) -> dict[str, str]:
    """The strings of one language (English for a language without its own)."""
    return STRINGS.get(lang, STRINGS["en"])
