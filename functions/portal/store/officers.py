"""The officers of an agency, as the user pool knows them: who a dossier can be assigned to."""
from __future__ import annotations

from portal.store.aws import cognito_client

AGENCY_ATTRIBUTE = "custom:agency"


class OfficerDirectory:
    def __init__(self, user_pool_id: str | None):
        self.user_pool_id = user_pool_id

    def members(self, group: str, agency: str) -> dict[str, str]:
        """Enabled users of `group` who belong to `agency`: username → display name."""
        if not self.user_pool_id:
            return {}
        found: dict[str, str] = {}
        request: dict = {"UserPoolId": self.user_pool_id, "GroupName": group, "Limit": 60}
        while True:
            page = cognito_client().list_users_in_group(**request)
            for user in page.get("Users", []):
                attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
                if user.get("Enabled", True) and attributes.get(AGENCY_ATTRIBUTE) == agency:
                    found[user["Username"]] = attributes.get("name") or user["Username"]
            if not page.get("NextToken"):
                return found
            request["NextToken"] = page["NextToken"]
