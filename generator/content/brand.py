"""The clinic's brand in `content/site.yaml`: its files exist, and its colours can be read.

Every brand colour is checked against the text drawn on it (WCAG 2.1 AA, 4.5:1): the header
colour against the white header text, the link colour against the light page background and
the dark-mode link colour against the dark page background. The urgent-help colours are the
site's own and never take brand colours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import Problem
from .load import Document
from .model import Brand

AA = 4.5
"""The contrast WCAG 2.1 AA asks of normal text."""
WHITE = "#ffffff"
LIGHT_BACKGROUND = "#ffffff"
"""Material's page background in light mode."""
DARK_BACKGROUND = "#1e2129"
"""Material's page background in dark mode (slate: hsl(225, 15%, 14%))."""
IMAGE_TYPES = {"logo": (".svg", ".png"), "favicon": (".svg", ".png", ".ico")}
MAX_IMAGE_BYTES = 512 * 1024


def rgb(colour: str) -> tuple[int, int, int]:
    """`#1a5f7a` or `#16a` as red, green and blue from 0 to 255."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(red: int, green: int, blue: int) -> str:
    return f"#{red:02x}{green:02x}{blue:02x}"


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG 2.1 defines it."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def shown_ratio(ratio: float) -> str:
    """A ratio as people write it, rounded down so a failing one never reads as 4.5:1."""
    return f"{int(ratio * 10) / 10:.1f}:1"


def lightened(colour: str, background: str = DARK_BACKGROUND) -> str:
    """`colour` mixed with white, in small steps, until it reaches AA on `background`."""
    red, green, blue = rgb(colour)
    for step in range(21):
        mix = step / 20
        candidate = hex_colour(*(round(v + (255 - v) * mix) for v in (red, green, blue)))
        if contrast(candidate, background) >= AA:
            return candidate
    return WHITE


def dark_accent(brand: Brand) -> str | None:
    """The link colour in dark mode: `accent_dark`, else `accent` lightened until readable."""
    if brand.accent_dark:
        return brand.accent_dark
    return lightened(brand.accent) if brand.accent else None


def brand_problems(brand: Brand, doc: Document, project: Path) -> Iterator[Problem]:
    """Colours without enough contrast, and logo or favicon files that are not usable."""
    pairs = (("primary", brand.primary, WHITE, "the white header text"),
             ("accent", brand.accent, LIGHT_BACKGROUND,
              f"the light page background ({LIGHT_BACKGROUND})"),
             ("accent_dark", brand.accent_dark, DARK_BACKGROUND,
              f"the dark page background ({DARK_BACKGROUND})"))
    for name, colour, against, what in pairs:
        if colour is None:
            continue
        ratio = contrast(colour, against)
        if ratio < AA:
            yield Problem(doc.path, doc.line_of(("brand", name)),
                          f"'brand.{name}' {colour} has a contrast of {shown_ratio(ratio)} with "
                          f"{what}; WCAG AA needs {AA}:1")
    for name in ("logo", "favicon"):
        value = getattr(brand, name)
        if value is None:
            continue
        message = image_problem(project / "content", value, IMAGE_TYPES[name])
        if message:
            yield Problem(doc.path, doc.line_of(("brand", name)), f"'brand.{name}' {message}")


def image_problem(content_dir: Path, value: str, suffixes: tuple[str, ...]) -> str | None:
    """Why `value` (a path inside content/) is not a usable image, or None."""
    relative = Path(value)
    if relative.is_absolute() or ".." in relative.parts or "\\" in value:
        return (f"'{value}' must be a path inside content/, such as 'brand/logo{suffixes[0]}'")
    if relative.suffix.lower() not in suffixes:
        return f"'{value}' must be a {', '.join(s[1:].upper() for s in suffixes)} file"
    path = content_dir / relative
    if not path.is_file():
        return f"'{value}': file not found in content/"
    data = path.read_bytes()
    if len(data) > MAX_IMAGE_BYTES:
        return (f"'{value}' is {len(data) // 1024} KB; keep it under "
                f"{MAX_IMAGE_BYTES // 1024} KB so pages load fast")
    signatures = {".png": (b"\x89PNG",), ".ico": (b"\x00\x00\x01\x00",)}
    suffix = relative.suffix.lower()
    if suffix == ".svg" and b"<svg" not in data[:4096]:
        return f"'{value}' is not an SVG image"
    if suffix == ".svg" and re.search(rb"<script|\son[a-z]+\s*=", data, re.IGNORECASE):
        return (f"'{value}' holds a script or an event handler; save it as a plain SVG "
                "image (or as PNG)")
    if suffix in signatures and not data.startswith(signatures[suffix]):
        return f"'{value}' is not a {suffix[1:].upper()} image"
    return None
