"""QR codes as SVG (vector: sharp at any size and only a few KB in the PDF)."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg


def qr_svg_data_uri(payload: str) -> str:
    img = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage, border=1,
                      error_correction=qrcode.constants.ERROR_CORRECT_M)
    return "data:image/svg+xml;base64," + base64.b64encode(img.to_string()).decode("ascii")
