"""The local resources are the template's: what DynamoDB, S3 and Cognito report after
provision() equals what template.yaml declares."""
import boto3
import pytest
from moto import mock_aws

from infra.local import template as sam
from infra.local.officers import DEMO_PASSWORD, seed_officers
from infra.local.provision import provision
from infra.local.resources import bucket_cors_rules

REGION = "ap-southeast-1"


@pytest.fixture(scope="module")
def template_resources():
    return sam.resources()


@pytest.fixture
def env():
    with mock_aws():
        yield provision().env


def _of_type(resources, type_name):
    return {k: r["Properties"] for k, r in resources.items() if r["Type"] == type_name}


def test_tables_have_the_templates_keys_and_indexes(env, template_resources):
    ddb = boto3.client("dynamodb", region_name=REGION)
    tables = _of_type(template_resources, "AWS::DynamoDB::Table")
    assert set(tables) == {"DossierTable", "IdempotencyTable"}
    names = {"DossierTable": env["TABLE_NAME"], "IdempotencyTable": env["IDEMPOTENCY_TABLE_NAME"]}
    for logical_id, props in tables.items():
        described = ddb.describe_table(TableName=names[logical_id])["Table"]
        assert described["KeySchema"] == props["KeySchema"]
        by_name = lambda attrs: sorted(attrs, key=lambda a: a["AttributeName"])  # noqa: E731
        assert by_name(described["AttributeDefinitions"]) == by_name(props["AttributeDefinitions"])
        described_indexes = {
            i["IndexName"]: {"KeySchema": i["KeySchema"], "Projection": i["Projection"]}
            for i in described.get("GlobalSecondaryIndexes", [])
        }
        template_indexes = {
            i["IndexName"]: {"KeySchema": i["KeySchema"], "Projection": i["Projection"]}
            for i in props.get("GlobalSecondaryIndexes", [])
        }
        assert described_indexes == template_indexes
        assert described["BillingModeSummary"]["BillingMode"] == props["BillingMode"]


def test_dossier_table_keeps_its_safety_settings(env):
    ddb = boto3.client("dynamodb", region_name=REGION)
    table = ddb.describe_table(TableName=env["TABLE_NAME"])["Table"]
    assert table["DeletionProtectionEnabled"] is True
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    backups = ddb.describe_continuous_backups(TableName=env["TABLE_NAME"])["ContinuousBackupsDescription"]
    assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"


def test_idempotency_records_expire_on_the_templates_ttl_attribute(env):
    ddb = boto3.client("dynamodb", region_name=REGION)
    ttl = ddb.describe_time_to_live(TableName=env["IDEMPOTENCY_TABLE_NAME"])["TimeToLiveDescription"]
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expiration"}


def test_bucket_is_private_versioned_encrypted_with_the_templates_cors(env, template_resources):
    s3 = boto3.client("s3", region_name=REGION)
    bucket = env["DOCUMENTS_BUCKET"]
    props = template_resources["DocumentsBucket"]["Properties"]
    expected_cors = bucket_cors_rules(props)
    expected_cors[0]["AllowedOrigins"] = ["http://127.0.0.1:8000"]  # the SiteOrigin default
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == expected_cors
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    assert s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"] == props[
        "PublicAccessBlockConfiguration"]
    rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    lifecycle = {r["ID"]: r for r in s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]}
    assert lifecycle["ExpireAbandonedUploads"]["Filter"] == {"Prefix": "uploads/pending/"}
    assert lifecycle["ExpireAbandonedUploads"]["Expiration"] == {"Days": 1}
    # A draft's files outlive the draft's 30 days after its last save (services/draft_files.py).
    assert lifecycle["ExpireDraftFiles"]["Filter"] == {"Prefix": "drafts/"}
    assert lifecycle["ExpireDraftFiles"]["Expiration"] == {"Days": 31}


def test_site_origin_parameter_reaches_cors_and_the_environment():
    with mock_aws():
        env = provision(parameters={"SiteOrigin": "http://127.0.0.1:8765"}).env
        cors = boto3.client("s3", region_name=REGION).get_bucket_cors(Bucket=env["DOCUMENTS_BUCKET"])
    assert cors["CORSRules"][0]["AllowedOrigins"] == ["http://127.0.0.1:8765"]
    assert env["SITE_ORIGIN"] == "http://127.0.0.1:8765"


def test_pool_has_the_templates_groups_and_client(env, template_resources):
    idp = boto3.client("cognito-idp", region_name=REGION)
    groups = idp.list_groups(UserPoolId=env["USER_POOL_ID"])["Groups"]
    expected = {p["GroupName"] for p in _of_type(template_resources, "AWS::Cognito::UserPoolGroup").values()}
    assert {g["GroupName"] for g in groups} == expected == {"receptionist", "specialist", "leader", "admin"}
    client = idp.describe_user_pool_client(UserPoolId=env["USER_POOL_ID"], ClientId=env["USER_POOL_CLIENT_ID"])
    assert client["UserPoolClient"]["ExplicitAuthFlows"] == ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert "ClientSecret" not in client["UserPoolClient"]
    pool = idp.describe_user_pool(UserPoolId=env["USER_POOL_ID"])["UserPool"]
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert "custom:agency" in {a["Name"] for a in pool["SchemaAttributes"]}


def test_environment_is_the_templates_globals_resolved(env):
    assert env["AGENCY_CODE"] == "000.00.15.H55"
    assert env["POWERTOOLS_SERVICE_NAME"] == "portal"
    assert env["POWERTOOLS_METRICS_NAMESPACE"] == "FisheriesPortal"
    assert env["AWS_DEFAULT_REGION"] == REGION
    assert env["USER_POOL_ID"].startswith(REGION + "_")
    tables = boto3.client("dynamodb", region_name=REGION).list_tables()["TableNames"]
    assert {env["TABLE_NAME"], env["IDEMPOTENCY_TABLE_NAME"]} <= set(tables)


def test_seeded_officers_sign_in_without_a_new_password_challenge(env):
    officers = seed_officers(env)
    assert [(o["username"], o["group"]) for o in officers] == [
        ("tiepnhan", "receptionist"), ("chuyenvien", "specialist"), ("lanhdao", "leader"), ("quantri", "admin")]
    idp = boto3.client("cognito-idp", region_name=REGION)
    answer = idp.initiate_auth(
        ClientId=env["USER_POOL_CLIENT_ID"], AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "lanhdao", "PASSWORD": DEMO_PASSWORD},
    )
    assert "ChallengeName" not in answer and answer["AuthenticationResult"]["IdToken"]


def test_provisioning_twice_reuses_the_resources():
    with mock_aws():
        first = provision().env
        assert provision().env == first


def test_refuses_to_run_against_a_real_account():
    with pytest.raises(RuntimeError):
        provision()  # no endpoint and no mock_aws: it would reach AWS
