"""A placeholder emblem for the demo office's letterhead, drawn with Pillow.

A demo home must show where the office's logo goes on every document, but a real ministry
emblem is not ours to ship: this one is plainly a placeholder ("LOGO" in the centre) until the
office puts its own file in the profile's `logo`."""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 480  # pixels; printed 18-25 mm wide this is about 500-700 dpi
BLUE = (31, 78, 121, 255)
GOLD = (201, 162, 39, 255)
_FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")


def emblem_png() -> bytes:
    image = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    c = SIZE / 2
    draw.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=BLUE)
    draw.ellipse((34, 34, SIZE - 34, SIZE - 34), outline=GOLD, width=10)
    _star(draw, c, c - 78, 62, 26)
    # An open book: two pages meeting at the spine.
    draw.polygon([(c - 140, c - 10), (c - 6, c + 12), (c - 6, c + 106), (c - 140, c + 84)],
                 fill=(255, 255, 255, 255))
    draw.polygon([(c + 140, c - 10), (c + 6, c + 12), (c + 6, c + 106), (c + 140, c + 84)],
                 fill=(255, 255, 255, 255))
    draw.text((c, c + 150), "LOGO", fill=GOLD, font=_font(44), anchor="mm")
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, outer: float, inner: float) -> None:
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    draw.polygon(points, fill=GOLD)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(_FONT), size)
    except OSError:  # fonts not installed: a smaller built-in font still marks the placeholder
        return ImageFont.load_default(size)
