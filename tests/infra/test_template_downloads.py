"""What template.yaml promises about downloads (docs/operations.md, "Downloads"), on the template
as the SAM translator turns it into CloudFormation: the dossiers' files are served only by their
own distribution, which takes only links signed by the KMS key the functions sign with, reads
the bucket through its origin access control, passes on only what S3 needs to answer the link,
and adds `X-Content-Type-Options: nosniff` and a sandboxing CSP to every answer."""
import pytest

from infra.local import template as sam
from infra.local.downloads import SIGNING_PARAMETERS
from infra.local.security_headers import parse_policy
from portal.store.documents import dossier_key, draft_key
from portal.store.download_links import SIGNING_ALGORITHM

DOSSIER_FILES = dossier_key("", "", 0).split("/", 1)[0] + "/*"  # dossiers/*
DRAFT_FILES = draft_key("", "").split("/", 1)[0] + "/*"  # drafts/* (the desk's pre-check)
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # AWS's managed cache policy


@pytest.fixture(scope="module")
def resources():
    return sam.translated()["Resources"]


@pytest.fixture(scope="module")
def behaviour(resources):
    config = resources["DocumentsDistribution"]["Properties"]["DistributionConfig"]
    assert not config.get("CacheBehaviors")  # one behaviour: every path is a signed download
    return config["DefaultCacheBehavior"]


def _properties(resources, reference) -> dict:
    return resources[reference["Ref"]]["Properties"]


def test_the_distribution_takes_only_links_signed_by_the_functions_kms_key(resources, behaviour):
    (group,) = behaviour["TrustedKeyGroups"]
    (public_key,) = _properties(resources, group)["KeyGroupConfig"]["Items"]
    config = _properties(resources, public_key)["PublicKeyConfig"]
    # The public half of the very key the functions sign with, read from KMS, never pasted in.
    pem = resources[config["EncodedKey"]["Fn::GetAtt"][0]]
    assert config["EncodedKey"]["Fn::GetAtt"][1] == "Pem"
    assert pem["Properties"]["KeyId"] == {"Ref": "DownloadSigningKey"}
    assert pem["Properties"]["ServiceToken"] == {"Fn::GetAtt": ["DownloadPublicKeyReaderFunction", "Arn"]}
    key = resources["DownloadSigningKey"]["Properties"]
    assert (key["KeySpec"], key["KeyUsage"]) == ("RSA_2048", "SIGN_VERIFY")  # CloudFront: RSA 2048
    assert SIGNING_ALGORITHM == "RSASSA_PKCS1_V1_5_SHA_256"  # what CloudFront checks with Hash-Algorithm=SHA256
    # What the functions are told: this distribution, this public key, this KMS key.
    variables = sam.load()["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["DOWNLOADS_ORIGIN"] == {"Fn::Sub": "https://${DocumentsDistribution.DomainName}"}
    assert variables["DOWNLOAD_KEY_PAIR_ID"] == public_key
    assert variables["DOWNLOAD_SIGNING_KEY"] == {"Fn::GetAtt": ["DownloadSigningKey", "Arn"]}
    # The reader may read that public key and nothing else.
    reader_role = resources[resources["DownloadPublicKeyReaderFunction"]["Properties"]["Role"]["Fn::GetAtt"][0]]
    (policy,) = reader_role["Properties"]["Policies"]
    (statement,) = policy["PolicyDocument"]["Statement"]
    assert (statement["Action"], statement["Resource"]) == (
        "kms:GetPublicKey", {"Fn::GetAtt": ["DownloadSigningKey", "Arn"]})


def test_only_the_citizen_and_officer_functions_may_sign(resources):
    signers = set()
    for logical_id, resource in resources.items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for policy in resource["Properties"].get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                if "kms:Sign" in statement["Action"]:
                    assert statement["Resource"] == {"Fn::GetAtt": ["DownloadSigningKey", "Arn"]}
                    signers.add(logical_id)
    assert signers == {"CitizenApiFunctionRole", "OfficerApiFunctionRole"}


def test_every_download_is_https_uncached_and_read_through_origin_access_control(resources, behaviour):
    config = resources["DocumentsDistribution"]["Properties"]["DistributionConfig"]
    (origin,) = config["Origins"]
    assert origin["DomainName"] == {"Fn::GetAtt": ["DocumentsBucket", "RegionalDomainName"]}
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    oac = resources[origin["OriginAccessControlId"]["Fn::GetAtt"][0]]["Properties"]["OriginAccessControlConfig"]
    assert (oac["OriginAccessControlOriginType"], oac["SigningBehavior"], oac["SigningProtocol"]) == (
        "s3", "always", "sigv4")
    assert behaviour["ViewerProtocolPolicy"] == "https-only"
    assert set(behaviour["AllowedMethods"]) == {"GET", "HEAD"}
    assert behaviour["CachePolicyId"] == CACHING_DISABLED  # each answer is one citizen's file
    # S3 gets the version and the type and disposition the link names, and nothing else (never
    # the signature, the viewer's headers or cookies).
    request = _properties(resources, behaviour["OriginRequestPolicyId"])["OriginRequestPolicyConfig"]
    assert request["QueryStringsConfig"] == {
        "QueryStringBehavior": "whitelist",
        "QueryStrings": ["versionId", "response-content-type", "response-content-disposition"],
    }
    assert not set(request["QueryStringsConfig"]["QueryStrings"]) & set(SIGNING_PARAMETERS)
    assert request["HeadersConfig"] == {"HeaderBehavior": "none"}
    assert request["CookiesConfig"] == {"CookieBehavior": "none"}


def test_only_the_distribution_reads_the_dossiers_and_drafts_files_and_nothing_else_of_the_bucket(resources):
    policy = next(p for p in resources.values() if p["Type"] == "AWS::S3::BucketPolicy"
                  and p["Properties"]["Bucket"] == {"Ref": "DocumentsBucket"})
    (read,) = [s for s in policy["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert read["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert sorted(read["Action"]) == ["s3:GetObject", "s3:GetObjectVersion"]
    assert read["Resource"] == [{"Fn::Sub": f"${{DocumentsBucket.Arn}}/{prefix}"} for prefix in (DOSSIER_FILES, DRAFT_FILES)]
    source = read["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]
    assert source.endswith(":distribution/${DocumentsDistribution}")
    # No function reads the dossiers' files itself (the citizen's reads a draft's kept files to
    # submit them): every download goes through it.
    for logical_id in ("CitizenApiFunctionRole", "OfficerApiFunctionRole"):
        for statement in resources[logical_id]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]:
            if f"DocumentsBucket.Arn}}/{DOSSIER_FILES}" in str(statement["Resource"]):
                assert not {"s3:GetObject", "s3:GetObjectVersion"} & set(statement["Action"]), logical_id


def test_every_download_is_never_sniffed_and_runs_in_a_sandbox_if_opened(resources, behaviour):
    config = _properties(resources, behaviour["ResponseHeadersPolicyId"])["ResponseHeadersPolicyConfig"]
    security = config["SecurityHeadersConfig"]
    assert all(setting["Override"] is True for setting in security.values())
    assert "ContentTypeOptions" in security  # X-Content-Type-Options: nosniff
    csp = parse_policy(security["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    assert csp["default-src"] == ["'none'"]
    assert csp["sandbox"] == []  # no allow-scripts, no allow-same-origin: an opaque origin, no script
    assert csp["frame-ancestors"] == ["'none'"]
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "no-referrer"  # the link is a credential
    custom = {item["Header"]: item for item in config["CustomHeadersConfig"]["Items"]}
    assert custom["Cache-Control"]["Value"] == "private, no-store" and custom["Cache-Control"]["Override"] is True


def test_downloads_have_an_origin_of_their_own(resources):
    """Never the site's: a file a browser rendered in spite of everything could not read the
    officer's session (sessionStorage) or call the API as the site."""
    site = resources["SiteDistribution"]["Properties"]["DistributionConfig"]
    documents = resources["DocumentsDistribution"]["Properties"]["DistributionConfig"]
    assert "Aliases" not in documents
    assert [o["DomainName"] for o in site["Origins"]] == [{"Fn::GetAtt": ["SiteBucket", "RegionalDomainName"]}]
