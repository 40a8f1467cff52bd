"""The demo officers of the local stack, one per working role, so the officer desk can be
tried at once. Their password is for moto only and is printed by `make run`."""
from __future__ import annotations

from collections.abc import Mapping

from botocore.exceptions import ClientError

from infra.local.resources import aws_client, error_code

DEMO_PASSWORD = "ThuySan@2026"  # noqa: S105 - demo-only, printed by `make run`, never used outside moto
DEMO_OFFICERS = (
    # (username, group, display name)
    ("tiepnhan", "receptionist", "Cán bộ tiếp nhận (demo)"),
    ("chuyenvien", "specialist", "Chuyên viên xử lý (demo)"),
    ("lanhdao", "leader", "Lãnh đạo Chi cục (demo)"),
    ("quantri", "admin", "Quản trị hệ thống (demo)"),
)


def seed_officers(env: Mapping[str, str], endpoint_url: str | None = None) -> list[dict]:
    """The demo officers in the pool, with the demo password set permanently so they sign in
    without a new-password challenge."""
    idp = aws_client("cognito-idp", env["AWS_DEFAULT_REGION"], endpoint_url)
    pool_id = env["USER_POOL_ID"]
    officers = []
    for username, group, display_name in DEMO_OFFICERS:
        try:
            idp.admin_create_user(
                UserPoolId=pool_id,
                Username=username,
                UserAttributes=[
                    {"Name": "name", "Value": display_name},
                    {"Name": "custom:agency", "Value": env["AGENCY_CODE"]},
                ],
                MessageAction="SUPPRESS",
            )
        except ClientError as error:
            if error_code(error) != "UsernameExistsException":
                raise
        idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=DEMO_PASSWORD, Permanent=True)
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=group)
        officers.append({"username": username, "password": DEMO_PASSWORD, "group": group, "name": display_name})
    return officers
