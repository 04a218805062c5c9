"""QR codes for certificates, as a tiny PNG (one pixel per module).

The certificate template shows it with `image-rendering: pixelated`, so it prints sharp at any
size. An SVG path looked the same but cost ~50 ms per certificate in WeasyPrint's SVG parser."""

from __future__ import annotations

import base64
import io

import qrcode
from qrcode.image.pil import PilImage


def qr_png_data_uri(payload: str) -> str:
    qr = qrcode.QRCode(border=1, box_size=1, image_factory=PilImage,
                       error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(payload)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image().save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
