"""OCR of scanned letters with OCRmyPDF and Tesseract (Indonesian). ocrmypdf is imported here
only; this module is also the OCRmyPDF plugin that conditions the image Tesseract sees.

The output is a searchable PDF/A copy; the original scan is filed untouched beside it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import ocrmypdf
from ocrmypdf import hookimpl
from PIL import Image, ImageFilter, ImageOps

from archiva.intake.content import Unreadable, pillow

LANGUAGE = "ind"
UPSCALE_BELOW_DPI = 250  # low-resolution scans read far better at twice the size
A4_WIDTH_INCHES = 8.27

logging.getLogger("ocrmypdf").setLevel(logging.ERROR)


@hookimpl
def filter_ocr_image(page: object, image: Image.Image) -> Image.Image:
    """Autocontrast, a median filter against speckle, and 2x upscaling of low-resolution
    scans: word recall on noisy 150 dpi scans went from ~0.9 to ~0.99 (engineering notes).
    Only the image OCR sees changes; the PDF shows the scan as it was."""
    dpi = image.info.get("dpi", (300, 300))
    gray = ImageOps.autocontrast(image.convert("L"), cutoff=1).filter(ImageFilter.MedianFilter(3))
    if min(dpi) < UPSCALE_BELOW_DPI:
        gray = gray.resize((gray.width * 2, gray.height * 2), Image.Resampling.LANCZOS)
        dpi = (dpi[0] * 2, dpi[1] * 2)
    gray.info["dpi"] = (round(dpi[0]), round(dpi[1]))
    return gray


def image_dpi(path: Path) -> int:
    """The scan's resolution: from the file, else from its width as an A4 page."""
    with pillow().open(path) as img:
        dpi = img.info.get("dpi")
        if dpi and dpi[0] and dpi[0] > 1:
            return round(float(dpi[0]))
        return max(72, min(600, round(img.width / A4_WIDTH_INCHES)))


def _for_ocr(src: Path, work: Path) -> Path:
    """The image as OCRmyPDF takes it: JPEG, and PNG or TIFF without transparency, as they
    are; anything else (transparency, as phones and screenshot tools save; GIF, WebP, HEIC)
    flattened onto white as a lossless TIFF, every page kept. The original is what is filed."""
    with pillow().open(src) as img:
        if img.format in ("JPEG", "MPO"):  # MPO: a phone's JPEG with a preview image after it
            return src
        if img.format in ("PNG", "TIFF") and not _any_transparent(img):
            return src
        dpi = img.info.get("dpi")
        pages = []
        for i in range(getattr(img, "n_frames", 1) if img.format != "GIF" else 1):
            img.seek(i)
            pages.append(_flattened(img))
    out = work / "for-ocr.tiff"
    extra = {"dpi": dpi} if dpi else {}
    pages[0].save(out, "TIFF", compression="tiff_deflate", save_all=True,
                  append_images=pages[1:], **extra)
    return out


def _any_transparent(img: Image.Image) -> bool:
    """Whether any page has transparency (a later page of a TIFF may, the first not)."""
    for i in range(getattr(img, "n_frames", 1)):
        img.seek(i)
        if img.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in img.info:
            return True
    img.seek(0)
    return False


def _flattened(img: Image.Image) -> Image.Image:
    frame = img.convert("RGBA")
    white = Image.new("RGBA", frame.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, frame).convert("RGB")


def searchable_pdf(src: Path, out: Path, kind: str, jobs: int | None = None) -> str:
    """Write a searchable PDF/A of a scanned PDF or image to `out`; returns the text read.

    The text comes from Tesseract's own text output, which keeps each line of the letter
    (the PDF's text layer, read back, ran the columns and lines together)."""
    options: dict[str, object] = {}
    if kind == "image":
        options["image_dpi"] = image_dpi(src)
        src = _for_ocr(src, out.parent)
    else:
        # Every page is read again: Debian 12's Ghostscript (10.0.0) corrupts PDFs whose
        # existing text is kept (OCRmyPDF refuses skip-text with it). The copy is re-rendered;
        # the original is filed untouched beside it.
        options["force_ocr"] = True
    sidecar = out.with_suffix(".txt")
    try:
        code = ocrmypdf.ocr(
            src, out, language=[LANGUAGE], output_type="pdfa", jobs=jobs or os.cpu_count(),
            progress_bar=False, plugins=[__name__], optimize=1, sidecar=sidecar, **options,
        )
    except ocrmypdf.exceptions.EncryptedPdfError:
        raise Unreadable("encrypted", "the PDF is password-protected") from None
    except (ocrmypdf.exceptions.InputFileError, ocrmypdf.exceptions.DpiError) as exc:
        raise Unreadable("corrupt", f"the scan cannot be read for OCR ({exc or type(exc).__name__})"
                         ) from None
    except ocrmypdf.exceptions.MissingDependencyError as exc:
        raise Unreadable("ocr-failed", f"OCR is not installed ({exc}); run the set-up "
                                       "command") from None
    except ocrmypdf.exceptions.ExitCodeException as exc:
        raise Unreadable("ocr-failed", f"OCR failed ({type(exc).__name__}: {exc})") from None
    if code != ocrmypdf.ExitCode.ok or not out.is_file():
        raise Unreadable("ocr-failed", f"OCR ended with code {code}")
    text = sidecar.read_text("utf-8", errors="replace")
    sidecar.unlink()
    return text  # pages separated by form feeds
