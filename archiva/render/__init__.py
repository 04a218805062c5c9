"""Document rendering. Each engine is imported in exactly one module here:
docxtpl in docx.py, WeasyPrint in pdf.py, qrcode in qr.py, LibreOffice (a process) in office.py."""
