"""Write a small PDF with a real text layer, for tests and fixtures (no PDF library needed).

One page, Helvetica, one text line per entry; a title and creation date in the Info dictionary.
pypdf (the reader presswatch uses) extracts the lines back in order.
"""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_text_pdf(lines: list[str], title: str, created: str = "D:20210115120000Z") -> bytes:
    operations = ["BT", "/F1 10 Tf", "13 TL", "60 760 Td"]
    operations += [f"({_escape(line)}) Tj T*" for line in lines]
    operations.append("ET")
    stream = "\n".join(operations).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title ("
        + _escape(title).encode("latin-1")
        + b") /CreationDate ("
        + created.encode()
        + b") >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


LARCHMONT_COMMENT = [
    "Larchmont Institute - Comment on remedies in FTC v. Facebook",
    "1. The Larchmont Institute submits this comment on the remedies the Federal Trade",
    "Commission has asked the court to order against Facebook.",
    "2. The complaint asks the court to order Facebook to divest Instagram and WhatsApp,",
    "which Facebook bought in 2012 and 2014.",
    "3. A divestiture ordered a decade after the fact must rebuild what years of integra-",
    "tion took apart.",
    "4. Shared infrastructure, shared accounts and shared advertising systems would all",
    "have to be separated before either app could stand alone.",
]
