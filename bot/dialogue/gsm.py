"""SMS-safe text: only the GSM 03.38 alphabet, so one segment holds 160 characters, not 70."""

from __future__ import annotations

import unicodedata

# The GSM 7-bit default alphabet and its extension table (the latter costs two characters each).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€")

MAX_REPLY = 320  # two concatenated segments at most

_LOOKALIKES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "...", "\u00a0": " ", "\u2022": "-",
    "\t": " ",
}


def is_gsm(text: str) -> bool:
    return all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text)


def to_gsm(text: str) -> str:
    """Replace look-alikes and accents outside the GSM alphabet; drop what has no stand-in."""
    out: list[str] = []
    for ch in text:
        if ch in GSM_BASIC or ch in GSM_EXTENDED:
            out.append(ch)
            continue
        if ch in _LOOKALIKES:
            out.append(_LOOKALIKES[ch])
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if c in GSM_BASIC)
        out.append(plain)
    return "".join(out)


def clip(text: str, limit: int) -> str:
    """Cut a variable part (a name, an address) so that templates stay within their budget."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 3]
    word = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return (word if len(word) >= limit // 2 else cut).rstrip(" ,;:-") + "..."  # at a word's end


def sms(text: str) -> str:
    """The final form of every reply: GSM-only and at most MAX_REPLY characters."""
    text = to_gsm(text).strip()
    return text if len(text) <= MAX_REPLY else text[: MAX_REPLY - 3].rstrip() + "..."
