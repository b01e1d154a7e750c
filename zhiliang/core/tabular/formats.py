"""Recognise what an uploaded file really is from its bytes, and decode CSV text.

Schools rename files freely, and several Chinese school systems export HTML pages named ".xls", so the
extension is never trusted: the first bytes decide.
"""

import codecs
import csv
import io
import re
import zipfile
from enum import StrEnum

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary (MS-CFB): .xls, .doc, encrypted .xlsx


def _directory_entry(name: str) -> bytes:
    """How a stream called `name` starts its directory entry in an OLE compound file (MS-CFB 2.6.1): the
    name in UTF-16LE padded with NULs to 64 bytes, then the name's length in bytes with its NUL terminator.
    Matching the whole entry, not just the name, keeps a cell that happens to contain the text from
    counting."""
    encoded = name.encode("utf-16-le")
    return encoded.ljust(64, b"\x00") + (len(encoded) + 2).to_bytes(2, "little")


_ENCRYPTED_PACKAGE = _directory_entry("EncryptedPackage")  # MS-OFFCRYPTO: password-protected OOXML
_XLS_STREAMS = (_directory_entry("Workbook"), _directory_entry("Book"))  # BIFF8 / BIFF5 workbook stream

# Magic numbers of files people upload by mistake.
_OTHER_BINARY = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BM")


class Kind(StrEnum):
    XLSX = "xlsx"  # also .xlsm and .xltx: the same OOXML package
    XLSB = "xlsb"
    ODS = "ods"
    XLS = "xls"
    CSV = "csv"
    EMPTY = "empty"
    ENCRYPTED = "encrypted"
    WEB_PAGE = "web_page"
    CORRUPT = "corrupt"
    NOT_SPREADSHEET = "not_spreadsheet"


def detect_kind(data: bytes) -> Kind:
    """What `data` is, judged from its content only."""
    if not data.lstrip(codecs.BOM_UTF8).strip():
        return Kind.EMPTY
    if data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            return Kind.ENCRYPTED
        if any(name in data for name in _XLS_STREAMS):
            return Kind.XLS
        return Kind.NOT_SPREADSHEET  # a Word .doc or another compound file
    if data.startswith(_OTHER_BINARY):
        return Kind.NOT_SPREADSHEET
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Kind.CSV  # Excel's "Unicode text" export: UTF-16, tab-separated
    head = data[:4096]
    if b"\x00" in head:
        return Kind.NOT_SPREADSHEET
    lowered = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<?xml", b"<head")):
        return Kind.WEB_PAGE
    return Kind.CSV


def _zip_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return Kind.XLSX
            if "xl/workbook.bin" in names:
                return Kind.XLSB
            if "content.xml" in names and "mimetype" in names:
                mimetype = archive.read("mimetype")
                return Kind.ODS if b"spreadsheet" in mimetype else Kind.NOT_SPREADSHEET
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return Kind.CORRUPT
    return Kind.NOT_SPREADSHEET  # .docx, .pptx, a zip of photos...


class UndecodableText(ValueError):
    def __init__(self, line: int) -> None:
        super().__init__(f"undecodable text on line {line}")
        self.line = line


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK and
    GB2312, what Excel on Chinese Windows writes for "CSV"). Raises UndecodableText naming the first bad line.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "gb18030")
    if text.isascii() or _EAST_ASIAN.search(text):
        return text
    # Valid UTF-8 without a single Chinese character or full-width form, yet not ASCII: a short GBK file can
    # be valid UTF-8 by accident ("注" in GBK, D7 A2, is the Hebrew letter ע in UTF-8). Files schools upload have Chinese in
    # them (at least their headers), so if GB18030 reads Chinese from the same bytes, GB18030 it is.
    try:
        alternative = data.decode("gb18030")
    except UnicodeDecodeError:
        return text
    return alternative if _CJK.search(alternative) else text


_CJK = re.compile(r"[\u4e00-\u9fff]")
# CJK radicals, punctuation, kana, ideographs, Hangul, compatibility and full-width forms.
_EAST_ASIAN = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UndecodableText(data[: error.start].count(b"\n") + 1) from None


def parse_csv(text: str) -> list[list[str]]:
    """Split CSV text into records, guessing the delimiter among comma, tab and semicolon.

    Record i is the row Excel shows as row i + 1 when it opens the file: a quoted cell may span lines, and a
    leading "sep=;" line, which Excel reads as a delimiter hint and hides, is not a record.
    """
    first_line, _, rest = text.partition("\n")
    hint = first_line.strip()
    if len(hint) == 5 and hint.lower().startswith("sep="):
        delimiter, text = hint[4], rest
    else:
        delimiter = sniff_delimiter(text)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


_CANDIDATES = (",", "\t", ";")


def _field_counts(sample: str, delimiter: str, records: int = 60) -> list[int]:
    """Fields per record in the first `records` records that are not blank lines, parsed as CSV (so a quoted
    cell with a line break or a delimiter inside does not count as two)."""
    counts: list[int] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if len(record) > 1 or (record and record[0].strip()):  # not a blank line
                counts.append(len(record))
                if len(counts) == records:
                    break
    except csv.Error:
        pass  # the sample ends inside a quoted cell: the records read so far are enough
    return counts


def sniff_delimiter(text: str) -> str:
    """The delimiter among comma, tab and semicolon that splits the sample most consistently.

    For each candidate, the records (parsed as CSV, first 60 non-empty ones) that split into more than one
    field vote for their field count; the candidate wins whose most common count covers the largest share
    of all records, then the one with more fields. A share of half or less is no evidence (a one-column list
    whose cells contain a ";"), and then it is comma. Excel pads every row with delimiters to the width of
    the table, so its CSV files split consistently, title rows included. Ties go to comma, then tab.
    """
    sample = text[:65536]
    best, best_score = ",", (0.0, 0)
    for delimiter in _CANDIDATES:
        counts = _field_counts(sample, delimiter)
        multi = [count for count in counts if count > 1]
        if not multi:
            continue
        modal = max(sorted(set(multi)), key=multi.count)
        score = (multi.count(modal) / len(counts), modal)
        if score[0] > 0.5 and score > best_score:
            best, best_score = delimiter, score
    return best
