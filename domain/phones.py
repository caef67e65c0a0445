"""Phone numbers are normalised once, at the edge, to E.164."""

from __future__ import annotations

import phonenumbers

from domain.errors import InvalidPhoneNumber


def normalize_phone(raw: str, default_region: str = "US") -> str:
    """Return `raw` as an E.164 string ("+13125550142") or raise InvalidPhoneNumber."""
    text = (raw or "").strip()
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(
            f"'{_redact(text)}' is not a phone number; use a full number such as +13125550142"
        ) from exc
    # 555-01xx demo numbers are not "valid" by carrier metadata but are well formed; a number that
    # could only be dialled locally (missing area code) is refused.
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise InvalidPhoneNumber(
            f"'{_redact(text)}' is not a complete phone number; include the country or area code, "
            "e.g. +13125550142"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(e164: str) -> str:
    """Show only the last four digits, for logs and screens that must not carry full numbers."""
    digits = "".join(ch for ch in e164 if ch.isdigit())
    return f"***{digits[-4:]}" if len(digits) >= 4 else "***"


def _redact(text: str) -> str:
    return text if len(text) <= 4 else f"{text[:2]}…{text[-2:]}"


def display_phone(e164: str, default_region: str = "US") -> str:
    """How a person writes the number ("(312) 555-0100" at home); as stored if it cannot parse."""
    try:
        number = phonenumbers.parse(e164, default_region)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
