"""Write docs/openapi.json from the API's own routes and request models.

    python -m scripts.gen_openapi           # regenerate the committed file
    python -m scripts.gen_openapi --check   # exit 1 if the committed file is out of date

The file is generated, never edited: the pydantic models and route decorators are the contract.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "functions"))

OPENAPI_FILE = ROOT / "docs" / "openapi.json"
TITLE = "API Cổng dịch vụ công Thủy sản Quảng Ngãi"
VERSION = "0.1.0"
DESCRIPTION = (
    "Người dân: tạo chỗ tải lên, nộp hồ sơ (tiêu đề Idempotency-Key), tra cứu tình trạng. "
    "Cán bộ (JWT của Cognito): danh sách hồ sơ, chi tiết, tiếp nhận. "
    'Mọi lỗi có dạng {"error": {"code", "message", "fields": [{"path", "message"}]}}.'
)


def build_openapi() -> str:
    from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer

    from portal.handlers import citizen, officer
    from portal.handlers.app import make_app

    # CORS does not appear in the document: any origin will do here, and no environment is read.
    app = make_app([*citizen.ROUTERS, *officer.ROUTERS], site_origin="*")
    schema = json.loads(
        app.get_openapi_json_schema(
            title=TITLE,
            version=VERSION,
            description=DESCRIPTION,
            security_schemes={
                "officerJwt": HTTPBearer(
                    bearerFormat="JWT",
                    description="ID token của cán bộ (Cognito); nhóm và cơ quan lấy từ claims.",
                )
            },
        )
    )
    _drop_unused_schemas(schema)
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _drop_unused_schemas(schema: dict) -> None:
    """Powertools always adds its own validation-error schemas; our routes document the API's
    error shape instead, so leave out component schemas nothing refers to."""
    schemas = schema.get("components", {}).get("schemas", {})
    while True:
        text = json.dumps({k: v for k, v in schema.items() if k != "components"}) + json.dumps(
            list(schemas.values())
        )
        unused = [name for name in schemas if f'"#/components/schemas/{name}"' not in text]
        if not unused:
            return
        for name in unused:
            del schemas[name]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sinh docs/openapi.json từ mã nguồn API.")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi tệp")
    args = parser.parse_args(argv)
    text = build_openapi()
    if args.check:
        current = OPENAPI_FILE.read_text(encoding="utf-8") if OPENAPI_FILE.exists() else ""
        if current != text:
            print(f"{OPENAPI_FILE.relative_to(ROOT)} đã cũ: chạy `make openapi` rồi commit.", file=sys.stderr)
            return 1
        return 0
    OPENAPI_FILE.write_text(text, encoding="utf-8")
    print(f"đã ghi {OPENAPI_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
