"""What the load sends: one procedure's valid submission, with the applicant's ID number varied."""
from __future__ import annotations

PROCEDURE = "nuoi-trong-long-be"
SLOT = "don-de-nghi"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
UPLOAD_SLOT = {"procedure_id": PROCEDURE, "slot": SLOT, "filename": "don.pdf",
               "content_type": "application/pdf", "size": len(PDF)}


def id_number(n: int) -> str:
    """A 12-digit citizen ID number of its own for the n-th applicant."""
    return f"051090{n % 1_000_000:06d}"


def submission(upload_id: str, applicant_id: str) -> dict:
    return {
        "procedure_id": PROCEDURE,
        "applicant": {
            "kind": "ca-nhan", "full_name": "Nguyễn Văn Bình", "id_number": applicant_id, "phone": "0905123456",
            "email": "binh@example.vn",
            "address": {"province": "Quảng Ngãi", "commune": "Phường Cẩm Thành", "street": "12 Hùng Vương"},
        },
        "answers": {
            "loai_giay": "cap-moi",
            "dia_diem_nuoi": {"province": "Quảng Ngãi", "commune": "Xã Bình Châu", "street": "Vịnh Dung Quất"},
            "doi_tuong_nuoi": "Cá bớp", "so_luong_long": 12, "the_tich_long": 1250.5,
            "ngay_bat_dau_nuoi": "2026-06-01",
        },
        "documents": [{"slot": SLOT, "upload_id": upload_id}],
        "consent": True,
    }
