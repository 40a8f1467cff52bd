"""template.yaml is valid CloudFormation and says what the other parts rely on."""
from infra.local import template as sam

CONTRACT_ENVIRONMENT = {
    "TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "DOCUMENTS_BUCKET", "AGENCY_CODE", "SITE_ORIGIN",
    "USER_POOL_ID", "USER_POOL_CLIENT_ID", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE",
    "NOTIFY_FROM",
    # Online payment (docs/architecture.md, "Payments").
    "PAYMENT_PROVIDER", "SANDBOX_PAYMENT_SECRET", "VNPAY_TMN_CODE", "VNPAY_HASH_SECRET", "VNPAY_PAY_URL",
}


def test_cfn_lint_passes():
    from cfnlint.api import lint_file

    matches = lint_file(sam.TEMPLATE_PATH)  # the same rules `make lint` runs, warnings included
    assert matches == [], "\n".join(str(m) for m in matches)


def test_routes_are_the_contracts_http_api():
    routes = {(r.method, r.path): (r.handler, r.authorizer) for r in sam.routes()}
    citizen = ("portal.handlers.citizen.lambda_handler", None)
    officer = ("portal.handlers.officer.lambda_handler", "OfficerAuthorizer")
    assert routes == {
        ("POST", "/api/uploads"): citizen,
        ("POST", "/api/dossiers"): citizen,
        ("POST", "/api/lookup"): citizen,
        ("ANY", "/api/{proxy+}"): citizen,  # any other /api/ path: not_found in the error shape
        ("GET", "/api/officer/queue"): officer,
        ("GET", "/api/officer/search"): officer,
        ("GET", "/api/officer/book"): officer,
        ("GET", "/api/officer/dossiers/{dossier_id}"): officer,
        ("POST", "/api/officer/dossiers/{dossier_id}/{action}"): officer,
        ("POST", "/api/officer/intake"): officer,
        ("POST", "/api/officer/uploads"): officer,
        ("POST", "/api/dossiers/{dossier_id}/withdraw"): citizen,
        **{("POST", f"/api/dossiers/{{dossier_id}}/{route}"): citizen for route in ("view", "supply", "delivery", "rating")},
        ("POST", "/api/dossiers/{dossier_id}/payment"): citizen,
        ("POST", "/api/dossiers/{dossier_id}/receipt"): citizen,
        ("GET", "/api/payments/ipn"): citizen,
        ("GET", "/api/payments/return"): citizen,
        ("POST", "/api/drafts"): citizen,
        ("POST", "/api/drafts/{draft_id}/view"): citizen,
        ("PUT", "/api/drafts/{draft_id}"): citizen,
        ("POST", "/api/drafts/{draft_id}/precheck"): citizen,
        ("GET", "/api/officer/prechecks"): officer,
        ("GET", "/api/officer/prechecks/{draft_id}"): officer,
        ("POST", "/api/officer/prechecks/{draft_id}/answer"): officer,
    }


def test_every_function_gets_exactly_the_contracts_environment():
    functions = {lid: r for lid, r in sam.resources().items() if r["Type"] == "AWS::Lambda::Function"}
    assert len(functions) == 4  # citizen, officer, notification sender, retention
    for logical_id, function in functions.items():
        # The retention period is the retention job's own setting (docs/operations.md).
        own = {"RETENTION_DAYS"} if logical_id == "RetentionFunction" else set()
        assert set(function["Properties"]["Environment"]["Variables"]) == CONTRACT_ENVIRONMENT | own


def test_officer_authorizer_trusts_only_the_pool_and_its_client():
    sam_template = sam.load()
    jwt_config = sam_template["Resources"]["PortalHttpApi"]["Properties"]["Auth"]["Authorizers"][
        "OfficerAuthorizer"]["JwtConfiguration"]
    assert jwt_config["issuer"] == {
        "Fn::Sub": "https://cognito-idp.${AWS::Region}.amazonaws.com/${OfficerUserPool}"
    }
    assert jwt_config["audience"] == [{"Ref": "OfficerUserPoolClient"}]


def test_short_tags_are_read_in_their_long_form(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("A: !Ref X\nB: !GetAtt T.StreamArn\nC: !Sub '${X}-y'\nD: !Join [',', [a, !Ref Y]]\n")
    assert sam.load(path) == {
        "A": {"Ref": "X"},
        "B": {"Fn::GetAtt": ["T", "StreamArn"]},
        "C": {"Fn::Sub": "${X}-y"},
        "D": {"Fn::Join": [",", ["a", {"Ref": "Y"}]]},
    }
