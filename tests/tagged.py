"""An independent reader of tagged PDFs: structure tree, marked content and reading order.

Written against ISO 32000-1 §14.6–14.8 with pikepdf only; it imports nothing from
`generator`, so a mistake in the writer is not repeated here. `python -m tests.tagged
FILE.pdf` prints the structure tree's text in reading order, as a screen reader gets it.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
NEW_LINE = {"T*", "Td", "TD", "Tm", "'", '"', "BT"}  # a reader hears a word break here
PAINT_OPERATORS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI"}


@dataclass
class Node:
    """A structure element as read back: its type, attributes and what it contains."""

    role: str
    alt: str | None = None
    lang: str | None = None
    kids: list[Node] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    links: int = 0  # OBJR kids
    annotations: list[pikepdf.Dictionary] = field(default_factory=list)  # what they point at
    order: list[Node | tuple[int, int]] = field(default_factory=list)  # kids as they come

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


@dataclass
class PageContent:
    """What one page's content stream draws, by marked-content sequence."""

    text: dict[int, str] = field(default_factory=dict)  # MCID: text drawn in it
    mcids: list[int] = field(default_factory=list)  # in stream order, repeats kept
    untagged: list[str] = field(default_factory=list)  # operators drawn outside both
    artifact_text: list[str] = field(default_factory=list)
    left: dict[int, float] = field(default_factory=dict)  # MCID: x where its text starts


def _decode(font: pikepdf.Dictionary | None, data: bytes) -> str:
    """Text of a string operand through the font's ToUnicode map (single-byte codes), or
    its WinAnsiEncoding (Windows-1252, as every reader decodes it)."""
    if font is not None and font.get("/Encoding") == "/WinAnsiEncoding":
        return data.decode("cp1252", errors="replace")
    if font is None or "/ToUnicode" not in font:
        return data.decode("latin-1")
    table: dict[int, str] = {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    for block in cmap.split("beginbfchar")[1:]:
        body = block.split("endbfchar")[0]
        tokens = body.replace("<", " <").split()
        for code, value in zip(tokens[::2], tokens[1::2], strict=False):
            table[int(code.strip("<>"), 16)] = bytes.fromhex(value.strip("<>")).decode(
                "utf-16-be")
    for block in cmap.split("beginbfrange")[1:]:
        body = block.split("endbfrange")[0]
        tokens = body.replace("<", " <").split()
        for start, end, value in zip(tokens[::3], tokens[1::3], tokens[2::3], strict=False):
            first = int(value.strip("<>"), 16)
            for offset, code in enumerate(range(int(start.strip("<>"), 16),
                                                int(end.strip("<>"), 16) + 1)):
                table[code] = chr(first + offset)
    return "".join(table.get(byte, "\ufffd") for byte in data)


def page_content(page: pikepdf.Page) -> PageContent:
    """Walk the page's content stream with a stack of marked-content sequences."""
    found = PageContent()
    fonts = page.Resources.get("/Font", {})
    stack: list[int | str | None] = []  # MCID, "artifact", or None for other tags
    font = None
    origin = [(0.0, 1.0)]  # x translation and scale of the CTM, saved by q, restored by Q
    line_x = 0.0
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "q":
            origin.append(origin[-1])
        elif name == "Q":
            origin.pop()
        elif name == "cm":
            x, scale = origin[-1]
            origin[-1] = (x + scale * float(operands[4]), scale * float(operands[0]))
        elif name == "Tm":
            line_x = float(operands[4])
        elif name in ("Td", "TD"):
            line_x += float(operands[0])
        if name == "BDC":
            properties = operands[1]
            mcid = int(properties["/MCID"]) if isinstance(
                properties, pikepdf.Dictionary) and "/MCID" in properties else None
            tag = str(operands[0])
            stack.append("artifact" if tag == "/Artifact" else mcid)
            if mcid is not None:
                found.mcids.append(mcid)
        elif name == "BMC":
            stack.append("artifact" if str(operands[0]) == "/Artifact" else None)
        elif name == "EMC":
            stack.pop()
        elif name == "Tf":
            font = fonts.get(str(operands[0]))
        if name in NEW_LINE:
            inside = next((entry for entry in reversed(stack) if isinstance(entry, int)), None)
            if inside is not None and found.text.get(inside):
                found.text[inside] += " "
        if name in TEXT_OPERATORS or name in PAINT_OPERATORS:
            inside = next((entry for entry in reversed(stack) if entry is not None), None)
            text = ""
            if name in TEXT_OPERATORS:
                argument = operands[-1]
                if isinstance(argument, pikepdf.Array):
                    text = "".join(_decode(font, bytes(a)) for a in argument
                                   if isinstance(a, pikepdf.String))
                else:
                    text = _decode(font, bytes(argument))
            if inside is None:
                found.untagged.append(f"{name} {text!r}")
            elif inside == "artifact":
                found.artifact_text.append(text)
            else:
                found.text[inside] = found.text.get(inside, "") + text  # type: ignore[index]
                if name in TEXT_OPERATORS and inside not in found.left:
                    x, scale = origin[-1]
                    found.left[inside] = x + scale * line_x  # type: ignore[index]
    return found


def structure(pdf: pikepdf.Pdf) -> Node:
    """The structure tree from the catalogue's StructTreeRoot, kids in order."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

    def read(element: pikepdf.Dictionary, page: int | None) -> Node:
        node = Node(str(element.get("/S", "")).lstrip("/"), _text(element.get("/Alt")),
                    _text(element.get("/Lang")))
        if "/Pg" in element:
            page = pages[element.Pg.objgen]
        kids = element.get("/K")
        if kids is None:
            return node
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, int):
                node.content.append((page, int(kid)))  # type: ignore[arg-type]
                node.order.append(node.content[-1])
            elif kid.get("/Type") == "/MCR":
                node.content.append((pages[kid.Pg.objgen], int(kid.MCID)))
                node.order.append(node.content[-1])
            elif kid.get("/Type") == "/OBJR":
                node.links += 1
                node.annotations.append(kid.Obj)
            else:
                node.kids.append(read(kid, page))
                node.order.append(node.kids[-1])
        return node

    root = pdf.Root.StructTreeRoot
    kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
    document = Node("StructTreeRoot")
    document.kids = [read(kid, None) for kid in kids]
    return document


def _text(value: object) -> str | None:
    return None if value is None else str(value)


INLINE = {"Link", "Span"}  # read within the sentence they stand in


def reading_text(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    """(element type, text) for every element with content, in structure-tree order.

    A link or span inside a paragraph is read where it stands in it; a figure is read
    as its alternative text, in brackets.
    """
    contents = [page_content(page) for page in pdf.pages]
    inlined: set[int] = set()

    def text_of(node: Node) -> str:
        if node.role == "Figure":
            return f"[{node.alt}]"
        parts = []
        for item in node.order:
            if isinstance(item, Node):
                if item.role in INLINE and node.content:
                    inlined.add(id(item))
                    parts.append(text_of(item))
            else:
                parts.append(contents[item[0]].text.get(item[1], ""))
        return "".join(parts)

    lines = []
    for node in structure(pdf).walk():
        if id(node) in inlined:
            continue
        text = text_of(node)
        if text.strip():  # line ends and runs of spaces become one space; no-break spaces stay
            lines.append((node.role, re.sub(r"[ \t\r\n]+", " ", text).strip()))
    return lines


def main(path: str) -> None:
    with pikepdf.open(path) as pdf:
        for role, text in reading_text(pdf):
            print(f"{role:>6}  {text}")


if __name__ == "__main__":
    main(sys.argv[1])
