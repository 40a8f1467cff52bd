"""What template.yaml promises about security and operations, checked on the template as written
and as the SAM translator turns it into CloudFormation (the roles, the API stage): private
buckets reached only over TLS, the site behind CloudFront with its security headers, logs with
a retention, alarms, officers' MFA, and each function allowed exactly what its code does."""
import json
import re

import pytest

from infra.local import template as sam
from infra.local.security_headers import parse_policy, response_headers_policy, template_policy
from portal.store.documents import dossier_key, draft_key, pending_key
from portal.store.dossiers import (
    ID_NUMBER_INDEX,
    NAME_INDEX,
    OPEN_INDEX,
    QUEUE_INDEX,
    RECEIVED_INDEX,
    RETENTION_INDEX,
)

BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
XRAY_WRITE = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"
PENDING = pending_key("") + "*"  # uploads/pending/*
DOSSIER_FILES = dossier_key("", "", 0).split("/", 1)[0] + "/*"  # dossiers/*
DRAFT_FILES = draft_key("", "").split("/", 1)[0] + "/*"  # drafts/*


@pytest.fixture(scope="module")
def written():
    return sam.load()


@pytest.fixture(scope="module")
def translated():
    return sam.translated()["Resources"]


def of_type(resources: dict, resource_type: str) -> dict:
    return {lid: r for lid, r in resources.items() if r["Type"] == resource_type}


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def resource_name(resource) -> str:
    """An IAM resource as the logical ids it names: {"Fn::GetAtt": ["T", "Arn"]} is "T",
    {"Fn::Sub": "${B.Arn}/uploads/*"} is "B/uploads/*"."""
    if isinstance(resource, dict) and "Fn::GetAtt" in resource:
        logical_id, attribute = resource["Fn::GetAtt"]
        assert attribute == "Arn", resource
        return logical_id
    if isinstance(resource, dict) and "Fn::Sub" in resource:
        return re.sub(r"\$\{(\w+)\.Arn\}", r"\1", resource["Fn::Sub"])
    return resource


def granted(role: dict) -> set[tuple[str, str]]:
    """(action, resource) pairs the role's inline policies allow."""
    pairs = set()
    for policy in role["Properties"].get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            assert statement["Effect"] == "Allow", statement
            for action in _listed(statement["Action"]):
                for resource in _listed(statement["Resource"]):
                    pairs.add((action, resource_name(resource)))
    return pairs


def allowed_to(resources: dict, function_id: str) -> set[tuple[str, str]]:
    """What the function's role allows beyond AWS's logging and tracing policies."""
    role = resources[resources[function_id]["Properties"]["Role"]["Fn::GetAtt"][0]]
    assert sorted(role["Properties"]["ManagedPolicyArns"]) == sorted([BASIC_EXECUTION, XRAY_WRITE])
    return granted(role)


POLICY_HOLDERS = {"AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::S3::BucketPolicy",
                  "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy"}


def every_statement(resources: dict):
    """Every statement of every IAM and resource policy in the template."""
    for resource in resources.values():
        if resource["Type"] not in POLICY_HOLDERS:
            continue
        props = resource["Properties"]
        documents = [policy["PolicyDocument"] for policy in props.get("Policies", [])]
        if "PolicyDocument" in props:
            documents.append(props["PolicyDocument"])
        for document in documents:
            yield from document["Statement"]


# --- least privilege ---------------------------------------------------------------------


def test_the_citizen_function_may_do_exactly_what_its_code_does(translated):
    assert allowed_to(translated, "CitizenApiFunction") == {
        # Counters, code index, upload slots, rate limits; a new dossier's transaction; lookup.
        ("dynamodb:GetItem", "DossierTable"),
        ("dynamodb:PutItem", "DossierTable"),
        ("dynamodb:UpdateItem", "DossierTable"),
        ("dynamodb:Query", "DossierTable"),
        # Powertools idempotency records (deleted when a submission fails, so it can retry).
        ("dynamodb:GetItem", "IdempotencyTable"),
        ("dynamodb:PutItem", "IdempotencyTable"),
        ("dynamodb:UpdateItem", "IdempotencyTable"),
        ("dynamodb:DeleteItem", "IdempotencyTable"),
        # Presigned POST, the check of the upload, the copy's source, the cleanup.
        ("s3:PutObject", f"DocumentsBucket/{PENDING}"),
        ("s3:GetObject", f"DocumentsBucket/{PENDING}"),
        ("s3:DeleteObject", f"DocumentsBucket/{PENDING}"),
        # The copy into the dossier, and removing that version if the dossier is not recorded.
        ("s3:PutObject", f"DocumentsBucket/{DOSSIER_FILES}"),
        ("s3:DeleteObjectVersion", f"DocumentsBucket/{DOSSIER_FILES}"),
        # The private link's download links, signed with this role, name the bound version.
        ("s3:GetObject", f"DocumentsBucket/{DOSSIER_FILES}"),
        ("s3:GetObjectVersion", f"DocumentsBucket/{DOSSIER_FILES}"),
        # A saved draft's files: copied in (or onto themselves), read by a submission from the
        # draft, removed when dropped, and that very version when the save is not written.
        ("s3:PutObject", f"DocumentsBucket/{DRAFT_FILES}"),
        ("s3:GetObject", f"DocumentsBucket/{DRAFT_FILES}"),
        ("s3:DeleteObject", f"DocumentsBucket/{DRAFT_FILES}"),
        ("s3:DeleteObjectVersion", f"DocumentsBucket/{DRAFT_FILES}"),
    }


# The desk's lists, search and tracking book: Query on these indexes, nothing else.
DESK_INDEXES = (QUEUE_INDEX, OPEN_INDEX, ID_NUMBER_INDEX, NAME_INDEX, RECEIVED_INDEX)


def test_the_officer_function_reads_dossiers_and_writes_their_items_only(translated):
    assert allowed_to(translated, "OfficerApiFunction") == {
        ("dynamodb:GetItem", "DossierTable"),
        ("dynamodb:Query", "DossierTable"),
        *(("dynamodb:Query", f"DossierTable/index/{index}") for index in DESK_INDEXES),
        ("dynamodb:PutItem", "DossierTable"),
        ("dynamodb:UpdateItem", "DossierTable"),
        ("s3:GetObject", f"DocumentsBucket/{DOSSIER_FILES}"),
        ("s3:GetObjectVersion", f"DocumentsBucket/{DOSSIER_FILES}"),
        # A scan or a signed result: copied in, and that version removed if its write fails.
        ("s3:PutObject", f"DocumentsBucket/{DOSSIER_FILES}"),
        ("s3:DeleteObjectVersion", f"DocumentsBucket/{DOSSIER_FILES}"),
        # The desk's own uploads, checked and copied like the citizen's.
        ("s3:PutObject", f"DocumentsBucket/{PENDING}"),
        ("s3:GetObject", f"DocumentsBucket/{PENDING}"),
        ("s3:DeleteObject", f"DocumentsBucket/{PENDING}"),
        # A draft's files, for the pre-check's download links.
        ("s3:GetObject", f"DocumentsBucket/{DRAFT_FILES}"),
        ("s3:GetObjectVersion", f"DocumentsBucket/{DRAFT_FILES}"),
        # Who a dossier may be assigned to.
        ("cognito-idp:ListUsersInGroup", "OfficerUserPool"),
    }


def test_the_retention_job_may_find_due_dossiers_rewrite_their_items_and_delete_their_files_only(translated):
    assert allowed_to(translated, "RetentionFunction") == {
        # The due dossiers: one Query on the sparse closed-dossier index, never a Scan.
        ("dynamodb:Query", f"DossierTable/index/{RETENTION_INDEX}"),
        # Each one's items, the rewrite of its events and messages, its document records deleted.
        ("dynamodb:GetItem", "DossierTable"),
        ("dynamodb:Query", "DossierTable"),
        ("dynamodb:PutItem", "DossierTable"),
        ("dynamodb:DeleteItem", "DossierTable"),
        # Every version of the dossier's files, listed under dossiers/ only, then deleted.
        ("s3:ListBucketVersions", "DocumentsBucket"),
        ("s3:DeleteObjectVersion", f"DocumentsBucket/{DOSSIER_FILES}"),
    }
    role = translated[translated["RetentionFunction"]["Properties"]["Role"]["Fn::GetAtt"][0]]
    (listing,) = [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]
                  if s["Action"] == ["s3:ListBucketVersions"]]
    assert listing["Condition"] == {"StringLike": {"s3:prefix": DOSSIER_FILES}}


def test_the_retention_job_runs_daily_with_a_period_of_at_least_a_year(translated, written):
    (rule,) = of_type(translated, "AWS::Events::Rule").values()
    assert rule["Properties"]["ScheduleExpression"] == "cron(0 19 * * ? *)"  # 02:00 in Vietnam
    assert rule["Properties"]["Targets"][0]["Arn"] == {"Fn::GetAtt": ["RetentionFunction", "Arn"]}
    variables = translated["RetentionFunction"]["Properties"]["Environment"]["Variables"]
    assert variables["RETENTION_DAYS"] == {"Ref": "RetentionDays"}
    days = written["Parameters"]["RetentionDays"]
    assert days["MinValue"] >= 365 and days["Default"] >= days["MinValue"]


def test_no_policy_allows_a_wildcard_a_scan_or_deleting_a_table_or_bucket(translated):
    forbidden = {"dynamodb:Scan", "dynamodb:DeleteTable", "s3:DeleteBucket", "s3:DeleteBucketPolicy"}
    allowed = [s for s in every_statement(translated) if s["Effect"] == "Allow"]
    assert allowed, "no Allow statement found: the test reads the wrong place"
    for statement in allowed:
        actions = _listed(statement["Action"])
        assert not [a for a in actions if "*" in a or a in forbidden], statement
        if "NotResource" in statement:
            # The one exception, SMS (a phone number has no ARN): publish to anything but SNS's own
            # resources (test_the_sender_may_claim_outbox_items_send_from_its_address_and_text_phones_only).
            assert (statement["Action"], statement["NotResource"]) == (
                "sns:Publish", {"Fn::Sub": "arn:${AWS::Partition}:sns:*:*:*"}), statement
            continue
        assert "*" not in _listed(statement["Resource"]), statement
    assert not [lid for lid, r in translated.items() if r["Type"] == "AWS::IAM::ManagedPolicy"]


# --- buckets -------------------------------------------------------------------------------


def test_every_bucket_is_private_encrypted_versioned_and_refuses_plain_http(translated):
    buckets = of_type(translated, "AWS::S3::Bucket")
    policies = {p["Properties"]["Bucket"]["Ref"]: p for p in of_type(translated, "AWS::S3::BucketPolicy").values()}
    assert set(buckets) == {"DocumentsBucket", "SiteBucket"}
    for logical_id, bucket in buckets.items():
        props = bucket["Properties"]
        assert set(props["PublicAccessBlockConfiguration"].values()) == {True}, logical_id
        assert props["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
        assert props["VersioningConfiguration"] == {"Status": "Enabled"}
        assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert "WebsiteConfiguration" not in props
        deny_plain_http = {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [{"Fn::GetAtt": [logical_id, "Arn"]}, {"Fn::Sub": f"${{{logical_id}.Arn}}/*"}],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
        assert deny_plain_http in policies[logical_id]["Properties"]["PolicyDocument"]["Statement"], logical_id


# --- the site: private bucket, CloudFront, security headers ---------------------------------


def test_only_the_distribution_reads_the_site_bucket_through_origin_access_control(translated):
    (distribution_id, distribution), = of_type(translated, "AWS::CloudFront::Distribution").items()
    config = distribution["Properties"]["DistributionConfig"]
    (origin,) = config["Origins"]
    assert origin["DomainName"] == {"Fn::GetAtt": ["SiteBucket", "RegionalDomainName"]}
    (oac_id,) = of_type(translated, "AWS::CloudFront::OriginAccessControl")
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": [oac_id, "Id"]}
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # no legacy identity
    oac = translated[oac_id]["Properties"]["OriginAccessControlConfig"]
    assert (oac["OriginAccessControlOriginType"], oac["SigningBehavior"], oac["SigningProtocol"]) == (
        "s3", "always", "sigv4")

    site_policy = next(
        p for p in of_type(translated, "AWS::S3::BucketPolicy").values() if p["Properties"]["Bucket"] == {"Ref": "SiteBucket"}
    )
    (read,) = [s for s in site_policy["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert read["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert read["Action"] == "s3:GetObject"
    assert read["Resource"] == {"Fn::Sub": "${SiteBucket.Arn}/*"}
    source = read["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]
    assert source.endswith(f":distribution/${{{distribution_id}}}")


def test_the_distribution_serves_https_only_with_the_security_headers(translated):
    (distribution,) = of_type(translated, "AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    (policy_id,) = of_type(translated, "AWS::CloudFront::ResponseHeadersPolicy")
    behaviours = [config["DefaultCacheBehavior"], *config.get("CacheBehaviors", [])]
    for behaviour in behaviours:
        assert behaviour["ViewerProtocolPolicy"] in ("redirect-to-https", "https-only")
        assert behaviour["ResponseHeadersPolicyId"] == {"Ref": policy_id}
        assert set(behaviour["AllowedMethods"]) == {"GET", "HEAD"}
    with_certificate = config["ViewerCertificate"]["Fn::If"][1]
    assert with_certificate["MinimumProtocolVersion"] >= "TLSv1.2_2021"
    assert with_certificate["SslSupportMethod"] == "sni-only"


def test_the_content_security_policy_runs_only_the_sites_own_code():
    policy = template_policy()
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]  # no inline script (built pages: test_site_inline_code.py)
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    every_source = {source for sources in policy.values() for source in sources}
    assert not {s for s in every_source if "unsafe" in s or s in ("*", "http:", "https:", "blob:")}


def test_the_site_may_connect_only_to_itself_the_api_the_documents_bucket_and_the_user_pool(written):
    policy = template_policy()
    value = response_headers_policy(written)["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    _, origins = value["Fn::Sub"]
    assert policy["connect-src"] == ["'self'", *(f"${{{name}}}" for name in origins)]
    assert {name: origin["Fn::Sub"] for name, origin in origins.items()} == {
        "ApiOrigin": "https://${PortalHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}",
        "DocumentsOrigin": "https://${DocumentsBucket}.s3.${AWS::URLSuffix}",
        "DocumentsRegionalOrigin": "https://${DocumentsBucket}.s3.${AWS::Region}.${AWS::URLSuffix}",
        "IdentityOrigin": "https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}",
    }


def test_the_upload_url_the_function_signs_in_the_cloud_is_an_allowed_origin(written, monkeypatch):
    """The browser posts each file to the URL the citizen function presigns: with the cloud's
    S3 client (no local endpoint), that URL's origin must be one the CSP names."""
    from portal.services import deps
    from portal.store.documents import DocumentStore

    bucket, region = "portal-documentsbucket-abc123", "ap-southeast-1"
    for name, value in {"TABLE_NAME": "t", "IDEMPOTENCY_TABLE_NAME": "i", "DOCUMENTS_BUCKET": bucket,
                        "AGENCY_CODE": "a", "AWS_DEFAULT_REGION": region}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    deps.reset()
    try:
        url = DocumentStore(bucket).presign_upload("u1", "application/pdf", 1000)["url"]
    finally:
        monkeypatch.undo()
        deps.reset()
    value = response_headers_policy(written)["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    names = {"DocumentsBucket": bucket, "AWS::Region": region, "AWS::URLSuffix": "amazonaws.com"}
    allowed = {
        re.sub(r"\$\{([^}]+)\}", lambda m: names.get(m.group(1), m.group(0)), origin["Fn::Sub"])
        for origin in value["Fn::Sub"][1].values()
    }
    assert re.match(r"https://[^/]+", url).group(0) in allowed, (url, allowed)


def test_the_other_security_headers_are_strict(written):
    config = response_headers_policy(written)["SecurityHeadersConfig"]
    assert all(setting["Override"] is True for setting in config.values())
    assert "ContentTypeOptions" in config  # X-Content-Type-Options: nosniff
    assert config["FrameOptions"]["FrameOption"] == "DENY"
    assert config["ReferrerPolicy"]["ReferrerPolicy"] in ("no-referrer", "same-origin", "strict-origin")
    hsts = config["StrictTransportSecurity"]
    assert hsts["AccessControlMaxAgeSec"] >= 365 * 24 * 3600 and hsts["IncludeSubdomains"] is True


# --- logs, alarms, failures -----------------------------------------------------------------


def _retention(translated, written, log_group_id) -> int:
    group = translated[log_group_id]
    assert group["Type"] == "AWS::Logs::LogGroup"
    assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    parameter = written["Parameters"]["LogRetentionDays"]
    assert max(parameter["AllowedValues"]) <= 365
    return parameter["Default"]


def test_each_function_logs_to_its_own_group_with_a_retention(translated, written):
    functions = of_type(translated, "AWS::Lambda::Function")
    groups = {f["Properties"]["LoggingConfig"]["LogGroup"]["Ref"] for f in functions.values()}
    assert len(groups) == len(functions) == 4  # citizen, officer, notification sender, retention
    for group in groups:
        assert _retention(translated, written, group) == 90


def test_the_api_writes_json_access_logs_with_a_retention(translated, written):
    (stage,) = of_type(translated, "AWS::ApiGatewayV2::Stage").values()
    settings = stage["Properties"]["AccessLogSettings"]
    group = settings["DestinationArn"]["Fn::GetAtt"][0]
    assert _retention(translated, written, group) == 90
    fields = json.loads(settings["Format"])
    assert {"requestId", "ip", "routeKey", "status", "latencyMs"} <= set(fields)
    assert all(value.startswith("$context.") for value in fields.values())


def test_errors_throttles_and_server_errors_raise_alarms(translated):
    alarms = of_type(translated, "AWS::CloudWatch::Alarm").values()
    watched = {
        (a["Properties"]["Namespace"], a["Properties"]["MetricName"],
         tuple((d["Name"], d["Value"].get("Ref") or d["Value"]["Fn::GetAtt"][0]) for d in a["Properties"]["Dimensions"]))
        for a in alarms
    }
    expected = {("AWS/ApiGateway", "5xx", (("ApiId", "PortalHttpApi"),))}
    dead_letters = (("QueueName", "NotificationDeadLetterQueue"),)  # its name, by Fn::GetAtt
    for function_id in of_type(translated, "AWS::Lambda::Function"):
        expected |= {("AWS/Lambda", metric, (("FunctionName", function_id),)) for metric in ("Errors", "Throttles")}
    expected.add(("AWS/SQS", "ApproximateNumberOfMessagesVisible", dead_letters))
    assert watched == expected
    (topic,) = of_type(translated, "AWS::SNS::Topic")
    for alarm in alarms:
        assert {"Ref": topic} in alarm["Properties"]["AlarmActions"]
        assert alarm["Properties"]["Threshold"] == 1


def test_functions_fed_by_a_stream_send_their_failures_to_a_queue(translated):
    """The records a stream-fed function (the notification sender) cannot process go to a
    dead-letter queue, not retried until they expire."""
    mappings = of_type(translated, "AWS::Lambda::EventSourceMapping").values()
    assert [m for m in mappings if "StreamArn" in json.dumps(m["Properties"]["EventSourceArn"])]
    for mapping in of_type(translated, "AWS::Lambda::EventSourceMapping").values():
        source = json.dumps(mapping["Properties"]["EventSourceArn"])
        if "StreamArn" in source or "kinesis" in source.lower():
            assert mapping["Properties"]["DestinationConfig"]["OnFailure"]["Destination"], mapping
            assert mapping["Properties"].get("BisectBatchOnFunctionError") is True, mapping


# --- officers' sign-in ------------------------------------------------------------------------


def test_officers_need_an_authenticator_app_in_the_cloud(written):
    pool = written["Resources"]["OfficerUserPool"]["Properties"]
    assert pool["MfaConfiguration"] == {"Ref": "OfficerMfa"}
    assert pool["EnabledMfas"] == ["SOFTWARE_TOKEN_MFA"]  # TOTP, never SMS
    assert written["Parameters"]["OfficerMfa"]["AllowedValues"] == ["ON", "OPTIONAL"]
    # The local stack keeps the default (its demo officers sign in with a password); any other
    # SiteOrigin is a cloud deployment, which the rule refuses without MFA.
    rule = written["Rules"]["OfficerMfaInTheCloud"]
    local_origin = written["Parameters"]["SiteOrigin"]["Default"]
    assert rule["RuleCondition"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "SiteOrigin"}, local_origin]}]}
    assert rule["Assertions"][0]["Assert"] == {"Fn::Equals": [{"Ref": "OfficerMfa"}, "ON"]}


def test_only_administrators_create_officers_with_strong_passwords(written):
    pool = written["Resources"]["OfficerUserPool"]["Properties"]
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    passwords = pool["Policies"]["PasswordPolicy"]
    assert passwords["MinimumLength"] >= 10
    assert all(passwords[k] for k in ("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols"))
    assert pool["AccountRecoverySetting"]["RecoveryMechanisms"] == [{"Name": "admin_only", "Priority": 1}]
    assert pool["DeletionProtection"] == "ACTIVE"


def test_the_local_stack_gets_the_same_policy_with_local_origins():
    from infra.local.security_headers import local_security_headers

    headers = local_security_headers("http://127.0.0.1:8000", "http://127.0.0.1:5000/")
    local = parse_policy(headers["Content-Security-Policy"])
    cloud = template_policy()
    assert {k: v for k, v in local.items() if k != "connect-src"} == {
        k: v for k, v in cloud.items() if k != "connect-src"}
    assert local["connect-src"] == ["'self'", "http://127.0.0.1:8000", "http://127.0.0.1:5000"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"


def test_what_the_store_writes_to_expire_expires_on_the_dossier_tables_ttl(monkeypatch):
    """Upload slots and rate-limit windows name their own expiry; the table must delete them
    on that attribute, or they pile up for ever."""
    import boto3
    from moto import mock_aws

    from infra.local.provision import provision
    from portal.services import deps

    with mock_aws():
        env = provision().env
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        deps.reset()
        try:
            deps.rate_limits().hit("lookup#127.0.0.1", limit=5, window_seconds=60)
            deps.dossier_store().put_upload("u1", {"procedure_id": "p", "slot": "s"}, ttl_seconds=3600)
            ddb = boto3.client("dynamodb", region_name=env["AWS_DEFAULT_REGION"])
            ttl = ddb.describe_time_to_live(TableName=env["TABLE_NAME"])["TimeToLiveDescription"]
            items = ddb.scan(TableName=env["TABLE_NAME"])["Items"]
        finally:
            monkeypatch.undo()
            deps.reset()
    assert ttl["TimeToLiveStatus"] == "ENABLED"
    assert len(items) == 2
    assert all("N" in item[ttl["AttributeName"]] for item in items), items


def test_the_lookup_route_has_a_tighter_throttle_than_the_rest_of_the_api(written):
    api = written["Resources"]["PortalHttpApi"]["Properties"]
    default = api["DefaultRouteSettings"]
    lookup = api["RouteSettings"]["POST /api/lookup"]
    assert lookup["ThrottlingRateLimit"] < default["ThrottlingRateLimit"]
    assert lookup["ThrottlingBurstLimit"] < default["ThrottlingBurstLimit"]


# --- notifications: the outbox's sender (docs/architecture.md, "Notifications (outbox)") -----

SENDER = "NotificationSenderFunction"
DYNAMODB_STREAM_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"


def _sender_mapping(translated) -> dict:
    (mapping,) = [m["Properties"] for m in of_type(translated, "AWS::Lambda::EventSourceMapping").values()
                  if m["Properties"]["FunctionName"] == {"Ref": SENDER}]
    return mapping


def test_the_sender_may_claim_outbox_items_send_from_its_address_and_text_phones_only(translated):
    role = translated[translated[SENDER]["Properties"]["Role"]["Fn::GetAtt"][0]]
    # Reading the stream comes with the event source (AWS's policy for stream-fed functions).
    assert sorted(role["Properties"]["ManagedPolicyArns"]) == sorted(
        [BASIC_EXECUTION, XRAY_WRITE, DYNAMODB_STREAM_EXECUTION])
    statements = {s.get("Sid", "SamDeadLetter"): s for p in role["Properties"]["Policies"]
                  for s in p["PolicyDocument"]["Statement"]}
    assert statements.pop("OutboxItems")["Action"] == ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    email = statements.pop("SendEmailFromTheNotifyAddress")
    assert email["Action"] == "ses:SendEmail"
    assert email["Resource"]["Fn::Sub"].endswith(":identity/${NotifyFromAddress}")
    assert email["Condition"] == {"StringEquals": {"ses:FromAddress": {"Ref": "NotifyFromAddress"}}}
    # A phone number has no ARN: publishing is allowed to anything but SNS's own resources.
    sms = statements.pop("SendSmsOnly")
    assert (sms["Action"], sms["NotResource"]) == ("sns:Publish", {"Fn::Sub": "arn:${AWS::Partition}:sns:*:*:*"})
    assert "Resource" not in sms
    (dead_letters,) = statements.values()
    assert (dead_letters["Action"], dead_letters["Resource"]) == (
        "sqs:SendMessage", {"Fn::GetAtt": ["NotificationDeadLetterQueue", "Arn"]})


def test_only_pending_outbox_items_invoke_the_sender_and_failures_end_in_the_queue(translated):
    from infra.local.streams import matches

    mapping = _sender_mapping(translated)
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": ["DossierTable", "StreamArn"]}
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["BisectBatchOnFunctionError"] is True
    assert 0 < mapping["MaximumRetryAttempts"] <= 10
    assert mapping["DestinationConfig"]["OnFailure"]["Destination"] == {
        "Fn::GetAtt": ["NotificationDeadLetterQueue", "Arn"]}
    (pattern,) = [json.loads(f["Pattern"]) for f in mapping["FilterCriteria"]["Filters"]]

    def record(event_name: str, **image) -> dict:
        return {"eventName": event_name, "dynamodb": {"NewImage": {k: {"S": v} for k, v in image.items()}}}

    assert matches(pattern, record("INSERT", kind="outbox", status="pending"))
    assert matches(pattern, record("MODIFY", kind="outbox", status="pending"))  # an operator's requeue
    assert not matches(pattern, record("MODIFY", kind="outbox", status="sending"))
    assert not matches(pattern, record("MODIFY", kind="outbox", status="sent"))
    assert not matches(pattern, record("INSERT", action="receive"))  # an event, META, anything else
    assert not matches(pattern, {"eventName": "REMOVE", "dynamodb": {}})


def test_the_dead_letter_queue_is_encrypted_keeps_messages_14_days_and_raises_an_alarm(translated):
    queue = translated["NotificationDeadLetterQueue"]["Properties"]
    assert queue["SqsManagedSseEnabled"] is True or "KmsMasterKeyId" in queue
    assert queue["MessageRetentionPeriod"] == 14 * 24 * 3600
    (alarm,) = [a["Properties"] for a in of_type(translated, "AWS::CloudWatch::Alarm").values()
                if a["Properties"]["Namespace"] == "AWS/SQS"]
    assert alarm["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert alarm["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["NotificationDeadLetterQueue", "QueueName"]}}]
    assert alarm["Threshold"] == 1 and alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"


def test_the_cloud_needs_a_real_sender_address(written):
    rule = written["Rules"]["NotifyFromARealAddressInTheCloud"]
    local_origin = written["Parameters"]["SiteOrigin"]["Default"]
    assert rule["RuleCondition"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "SiteOrigin"}, local_origin]}]}
    default = written["Parameters"]["NotifyFromAddress"]["Default"]
    assert rule["Assertions"][0]["Assert"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "NotifyFromAddress"}, default]}]}
    assert written["Resources"]["NotifyFromIdentity"]["Properties"]["EmailIdentity"] == {"Ref": "NotifyFromAddress"}
