"""A grammar of hostile files, generated at test time from real return forms (nothing
over 1 MB is committed). Each generator takes a seeded `random.Random` and a path, writes
one file and returns what a correct intake must say about it: `refuse` with words the
Vietnamese reason must contain, or `read` (the figures must come out right)."""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hostile.returns import filled_return

Values = list[int]


@dataclass(frozen=True)
class Expect:
    refuse: tuple[str, ...] = ()  # any of these words in the reason (lower case)
    values: Values | None = None  # a correct reading: these five results for quan-hoa


def _rewrite(src: Path, dest: Path, edit: Callable[[str, bytes], bytes | None]) -> None:
    """Copy an Office zip, passing every member through `edit` (None drops it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)


def _base(rng: random.Random, tmp: Path) -> tuple[Path, Values]:
    values = [rng.randint(0, 9) for _ in range(5)]
    return filled_return(tmp / f".base-{rng.random():.6f}.xlsx", "quan-hoa", values), values


def _sheet_edit(fn: Callable[[str], str]) -> Callable[[str, bytes], bytes]:
    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return fn(data.decode("utf-8")).encode("utf-8")
        return data

    return edit


def merge_whole_sheet(rng: random.Random, dest: Path) -> Expect:
    """A merge over (nearly) the whole sheet: 17 billion cells from a kilobyte."""
    base, _ = _base(rng, dest.parent)
    last_col = rng.choice(["XFD", "ZZZ", "AMJ", "XFA"])
    last_row = rng.choice([1048576, 1000000, 500000])
    ref = f"A{rng.randint(11, 40)}:{last_col}{last_row}"

    def merge(x: str) -> str:
        return re.sub(
            r'<mergeCells count="(\d+)">',
            lambda m: f'<mergeCells count="{int(m.group(1)) + 1}"><mergeCell ref="{ref}"/>',
            x,
        )

    _rewrite(base, dest, _sheet_edit(merge))
    base.unlink()
    return Expect(refuse=("gộp",))


def many_merges(rng: random.Random, dest: Path) -> Expect:
    """Thousands of medium merges that add up to millions of cells."""
    base, _ = _base(rng, dest.parent)
    n = rng.randint(400, 900)
    refs = "".join(
        f'<mergeCell ref="A{100 + i * 3000}:CV{100 + i * 3000 + 2999}"/>' for i in range(n)
    )
    _rewrite(
        base,
        dest,
        _sheet_edit(
            lambda x: x.replace('<mergeCells count="3">', f'<mergeCells count="{n + 3}">{refs}')
        ),
    )
    base.unlink()
    return Expect(refuse=("gộp",))


def huge_dimension(rng: random.Random, dest: Path) -> Expect:
    """A sheet claiming a million rows, with one stray cell far away: read correctly
    (the reader clips to its row and column limits, the figures are where they were)."""
    base, values = _base(rng, dest.parent)
    far_row = rng.randint(100_000, 1_048_576)

    def far(x: str) -> str:
        x = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:XFD{far_row}"/>', x)
        return x.replace(
            "</sheetData>",
            f'<row r="{far_row}"><c r="A{far_row}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        )

    _rewrite(base, dest, _sheet_edit(far))
    base.unlink()
    return Expect(values=values)


def zip_bomb(rng: random.Random, dest: Path) -> Expect:
    """A sheet member that inflates hundreds of times its compressed size."""
    base, _ = _base(rng, dest.parent)
    size = rng.randint(40, 400) * 1_000_000
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with zout.open(info.filename, "w", force_zip64=True) as fh:
                    block = b" " * 1_000_000
                    for _ in range(size // 1_000_000):
                        fh.write(block)
            else:
                zout.writestr(info.filename, zin.read(info.filename))
    base.unlink()
    return Expect(refuse=("bom nén", "giải nén ra quá lớn"))


def nested_zip_bomb(rng: random.Random, dest: Path) -> Expect:
    """Many members each a little under the ratio check, together far too large."""
    base, _ = _base(rng, dest.parent)
    members = rng.randint(400, 700)
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        for i in range(members):
            zout.writestr(
                f"xl/media/pad{i}.bin", bytes(rng.getrandbits(8) for _ in range(64)) * 15_000
            )
    base.unlink()
    return Expect(refuse=("giải nén ra quá lớn", "bom nén", "quá nhiều"))


_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
{entities}
]>
"""


def _billion_laughs(depth: int, width: int) -> str:
    ents = []
    for d in range(1, depth + 1):
        prev = "lol" if d == 1 else f"lol{d - 1}"
        ents.append(f' <!ENTITY lol{d} "' + f"&{prev};" * width + '">')
    return _LAUGHS.format(entities="\n".join(ents))


def xml_bomb_xlsx(rng: random.Random, dest: Path) -> Expect:
    """A billion-laughs DTD before the sheet, the entity used in a cell."""
    base, _ = _base(rng, dest.parent)
    depth, width = rng.randint(6, 10), rng.randint(8, 12)
    dtd = _billion_laughs(depth, width)
    member = rng.choice(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"])

    def edit(name: str, data: bytes) -> bytes:
        if name != member:
            return data
        text = data.decode("utf-8")
        text = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
        return (dtd + text).encode("utf-8")

    _rewrite(base, dest, edit)
    base.unlink()
    return Expect(refuse=("doctype",))


def xxe_xlsx(rng: random.Random, dest: Path) -> Expect:
    """An external entity pointing at a server file, used in a shared string."""
    base, _ = _base(rng, dest.parent)
    target = rng.choice(["file:///etc/passwd", "file:///etc/hostname", "http://127.0.0.1:9/x"])
    dtd = f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "{target}">]>\n'

    def edit(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        text = re.sub(r"^<\?xml[^>]*\?>\s*", "", data.decode("utf-8"))
        text = text.replace(
            "</sheetData>",
            '<row r="50"><c r="A50" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>',
        )
        return (dtd + text).encode("utf-8")

    _rewrite(base, dest, edit)
    base.unlink()
    return Expect(refuse=("doctype",))


def _docx_base(rng: random.Random) -> bytes:
    root = Path(__file__).resolve().parents[2]
    return (root / "samples" / "returns" / "docx" / "bc-quan-hoa.docx").read_bytes()


def xml_bomb_docx(rng: random.Random, dest: Path) -> Expect:
    src = dest.with_name(".src.docx")
    src.write_bytes(_docx_base(rng))
    dtd = _billion_laughs(rng.randint(7, 10), rng.randint(9, 12))

    def edit(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        text = re.sub(r"^<\?xml[^>]*\?>\s*", "", data.decode("utf-8"))
        text = text.replace("<w:t>", "<w:t>&lol3;", 1)
        return (dtd + text).encode("utf-8")

    _rewrite(src, dest, edit)
    src.unlink()
    return Expect(refuse=("doctype",))


def xxe_docx(rng: random.Random, dest: Path) -> Expect:
    src = dest.with_name(".src.docx")
    src.write_bytes(_docx_base(rng))

    def edit(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        text = re.sub(r"^<\?xml[^>]*\?>\s*", "", data.decode("utf-8"))
        text = text.replace("<w:t>", "<w:t>&xxe;", 1)
        return (
            '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            + text
        ).encode()

    _rewrite(src, dest, edit)
    src.unlink()
    return Expect(refuse=("doctype",))


def too_many_sheets(rng: random.Random, dest: Path) -> Expect:
    import openpyxl

    wb = openpyxl.Workbook()
    for i in range(rng.randint(150, 400)):
        wb.create_sheet(f"S{i}")
    wb.save(dest)
    return Expect(refuse=("trang tính",))


def encrypted_office(rng: random.Random, dest: Path) -> Expect:
    """The OLE2 container a password-protected .xlsx is (an EncryptionInfo stream)."""
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(rng.getrandbits(8) for _ in range(8))
        + b"\x00" * 496
    )
    entry = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\x00")
    dest.write_bytes(header + entry + b"\x00" * rng.randint(448, 4000))
    return Expect(refuse=("mật khẩu", "mã hóa"))


def encrypted_pdf(rng: random.Random, dest: Path) -> Expect:
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(rng.randint(1, 3)):
        pdf.add_blank_page(page_size=(595, 842))
    pw = "".join(rng.choice("abcxyz0123") for _ in range(8))
    pdf.save(dest, encryption=pikepdf.Encryption(user=pw, owner=pw, R=rng.choice([4, 6])))
    return Expect(refuse=("mật khẩu", "mã hóa"))


def cyclic_pdf(rng: random.Random, dest: Path) -> Expect:
    """A PDF whose page tree contains itself (a /Pages node among its own /Kids)."""
    depth = rng.randint(1, 3)
    objs = {1: "<< /Type /Catalog /Pages 2 0 R >>"}
    # 2 -> 3 -> ... -> 2+depth, and the last one points back at 2
    for i in range(depth):
        node = 2 + i
        kid = 3 + i if i < depth - 1 else 2
        objs[node] = f"<< /Type /Pages /Kids [{kid} 0 R {90 + i} 0 R] /Count 2 >>"
        objs[90 + i] = f"<< /Type /Page /Parent {node} 0 R /MediaBox [0 0 595 842] >>"
    body, offsets = b"%PDF-1.4\n", {}
    for n in sorted(objs):
        offsets[n] = len(body)
        body += f"{n} 0 obj\n{objs[n]}\nendobj\n".encode()
    xref = len(body)
    size = max(objs) + 1
    table = ["0000000000 65535 f "] + [
        f"{offsets[n]:010d} 00000 n " if n in offsets else "0000000000 65535 f "
        for n in range(1, size)
    ]
    body += f"xref\n0 {size}\n".encode() + "\n".join(table).encode() + b"\n"
    body += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    dest.write_bytes(body)
    return Expect(refuse=("trang", "hỏng", "không đọc", "quét", "số liệu"))


def png_header_bomb(rng: random.Random, dest: Path) -> Expect:
    """A PNG that declares a gigapixel image in under 100 bytes."""
    w, h = rng.randint(20_000, 65_000), rng.randint(20_000, 65_000)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    dest.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return Expect(refuse=("ảnh quá lớn",))


def truncated_xlsx(rng: random.Random, dest: Path) -> Expect:
    base, _ = _base(rng, dest.parent)
    data = base.read_bytes()
    dest.write_bytes(data[: rng.randint(len(data) // 4, len(data) - 30)])
    base.unlink()
    return Expect(refuse=("hỏng", "cắt cụt", "giải nén"))


def deep_nesting_docx(rng: random.Random, dest: Path) -> Expect:
    """Tables nested thousands deep inside one cell."""
    src = dest.with_name(".src.docx")
    src.write_bytes(_docx_base(rng))
    depth = rng.randint(3000, 6000)
    nest = "<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth

    def edit(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        return data.decode("utf-8").replace("<w:body>", "<w:body>" + nest, 1).encode("utf-8")

    _rewrite(src, dest, edit)
    src.unlink()
    return Expect(refuse=("hỏng", "lồng", "không đọc", "số liệu", "quá"))


GENERATORS: dict[str, tuple[Callable[[random.Random, Path], Expect], str]] = {
    "merge_whole_sheet": (merge_whole_sheet, ".xlsx"),
    "many_merges": (many_merges, ".xlsx"),
    "huge_dimension": (huge_dimension, ".xlsx"),
    "zip_bomb": (zip_bomb, ".xlsx"),
    "nested_zip_bomb": (nested_zip_bomb, ".xlsx"),
    "xml_bomb_xlsx": (xml_bomb_xlsx, ".xlsx"),
    "xxe_xlsx": (xxe_xlsx, ".xlsx"),
    "xml_bomb_docx": (xml_bomb_docx, ".docx"),
    "xxe_docx": (xxe_docx, ".docx"),
    "too_many_sheets": (too_many_sheets, ".xlsx"),
    "encrypted_office": (encrypted_office, ".xlsx"),
    "encrypted_pdf": (encrypted_pdf, ".pdf"),
    "cyclic_pdf": (cyclic_pdf, ".pdf"),
    "png_header_bomb": (png_header_bomb, ".png"),
    "truncated_xlsx": (truncated_xlsx, ".xlsx"),
    "deep_nesting_docx": (deep_nesting_docx, ".docx"),
}

del io
