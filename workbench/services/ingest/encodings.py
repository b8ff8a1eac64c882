"""Decoding text of unknown encoding: BOMs, UTF-8, then a guess, with a second look at short or Cyrillic text.

charset-normalizer is good on long text but guesses Russian single-byte encodings
wrongly below about 64 bytes (KOI8-R read as cp1251 and the reverse, or as Latin),
and it may call any single-byte Cyrillic text "cp1125" or "mac_cyrillic". So short
input, and any input it calls single-byte Cyrillic, is decoded with each plausible
candidate and the reading that looks most like natural language wins: Russian letters
weighted by how common they are, no cAsE flips inside words, Latin accents alone
between plain letters, common Chinese characters rather than rare ones.
"""

from __future__ import annotations

import codecs

from ...core.errors import InvalidInputError
from ...core.text import is_cjk

SHORT_INPUT = 256  # bytes: below this the detector's statistics are too thin to trust
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CYRILLIC_SINGLE_BYTE = {"cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5", "cp1125", "kz1048",
                         "ptcp154", "cp855"}
_CANDIDATES_SHORT = ("cp1251", "koi8_r", "gb18030", "cp1252")
_CANDIDATES_CYRILLIC = ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")
# Russian letters from most to least common.
_RUSSIAN_RANK = {ch: i for i, ch in enumerate("оеаинтсрвлкмдпуяызьбгчйхжшюцщэфъё")}
_COMMON_LATIN_ACCENTS = set("éèàùâêîôûçëïüäöñáíóúãõßøåæœ")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\n\r\t\f\x1a\x1b")
    return controls > max(8, len(head) // 200)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: every other byte of ASCII-range text is zero."""
    head = data[:4096]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.6 * half and even == 0:
        return "utf-16-le"
    if even > 0.6 * half and odd == 0:
        return "utf-16-be"
    return None


def plausibility(text: str) -> float:
    """How much ``text`` reads like natural language, per non-ASCII character (higher is better)."""
    score = 0.0
    count = 0
    prev = " "
    for ch in text:
        if ch < "\x80":
            prev = ch
            continue
        count += 1
        low = ch.lower()
        if low in _RUSSIAN_RANK:
            score += 1.2 - _RUSSIAN_RANK[low] / 40
            if ch.isupper() and prev.islower():
                score -= 2.5  # "яПХБЕР": KOI8 read as cp1251 flips case inside words
            if prev.isascii() and prev.isalpha():
                score -= 2.5  # "Sociйtй": Latin-1 accents read as Cyrillic sit inside Latin words
        elif low in _COMMON_LATIN_ACCENTS:
            score += 0.6 if prev.isascii() else -1.0  # a real accent sits among plain letters
        elif is_cjk(ch):
            score += 0.8 if _common_hanzi(ch) else -1.0
        elif ch in "。，、；：？！“”‘’（）《》—…·" or ch.isspace():
            score += 0.5
        else:
            score -= 2.0
        prev = ch
    return score / count if count else 0.0


def _common_hanzi(ch: str) -> bool:
    """In GB2312's first level: the 3,755 most used characters."""
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7


def _best_candidate(data: bytes, candidates: tuple[str, ...]) -> tuple[str, str] | None:
    readings = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings.append((plausibility(text), encoding, text))
    if not readings:
        return None
    _, encoding, text = max(readings, key=lambda r: r[0])
    return text, encoding


def _guess(data: bytes, name: str) -> tuple[str, str]:
    if len(data) < SHORT_INPUT:
        found = _best_candidate(data, _CANDIDATES_SHORT)
        if found:
            return found
    from charset_normalizer import from_bytes  # imported here: only text that is not UTF-8 needs it

    best = from_bytes(data).best()
    if best is None:
        raise InvalidInputError(f"{name}: not readable as text in any known encoding; give one with --encoding")
    encoding = codecs.lookup(best.encoding).name.replace("-", "_")
    if encoding in _CYRILLIC_SINGLE_BYTE:
        found = _best_candidate(data, _CANDIDATES_CYRILLIC)
        if found:
            return found
    return str(best), encoding


def decode_text(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read in. ``encoding`` forces one (and nothing is guessed)."""
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InvalidInputError(f"{name}: unknown encoding {encoding!r}") from None
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            raise InvalidInputError(f"{name}: not valid {codec} text (bad byte at position {exc.start})") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise InvalidInputError(f"{name}: damaged {codec.upper()} text") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InvalidInputError(f"{name}: binary data, not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess(data, name)
