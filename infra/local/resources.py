"""One creator per resource type of the translated template: each maps the resource's
CloudFormation properties, generically, to the boto3 calls that create it in moto, and gives
back its physical id and the attributes Fn::GetAtt may ask for. No resource is written out by
hand here; a property CloudFormation applies with another call (a table's TTL, a bucket's CORS)
gets that call.

Creating a resource that exists already reuses it, so provisioning twice is harmless.
"""
from __future__ import annotations

import base64
import json
import textwrap
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.exceptions import ClientError

from infra.local.references import Provisioned
from infra.local.template import ACCOUNT_ID

# --- boto3 clients ---------------------------------------------------------------------------


def aws_client(service: str, region: str, endpoint_url: str | None):
    if endpoint_url is None:
        return boto3.client(service, region_name=region)
    # Against the local moto server only: dummy credentials, so no real ones are ever sent.
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 - moto's dummy, not a secret
    )


def _accepted(client, operation: str, params: dict) -> dict:
    """Keep only the parameters the boto3 operation accepts (CloudFormation has extra ones that
    other calls apply, e.g. a table's TTL or point-in-time recovery)."""
    members = client.meta.service_model.operation_model(operation).input_shape.members
    return {k: v for k, v in params.items() if k in members}


def _renamed(mapping: Mapping, names: Mapping[str, str]) -> dict:
    return {names.get(k, k): v for k, v in mapping.items()}


def error_code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


# --- one creator per resource type ---------------------------------------------------------


@dataclass
class CreationContext:
    stack: Provisioned
    clients: dict = field(default_factory=dict)

    def client(self, service: str):
        if service not in self.clients:
            self.clients[service] = aws_client(service, self.stack.region, self.stack.endpoint_url)
        return self.clients[service]

    def name(self, logical_id: str) -> str:
        return f"{self.stack.prefix}-{logical_id}"


def _create_table(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    ddb = ctx.client("dynamodb")
    name = props.get("TableName") or ctx.name(logical_id)
    params = dict(props, TableName=name)
    if "SSESpecification" in params:
        params["SSESpecification"] = _renamed(params["SSESpecification"], {"SSEEnabled": "Enabled"})
    if "StreamSpecification" in params:
        # CloudFormation enables the stream by giving a view type; the API wants both.
        params["StreamSpecification"] = dict(params["StreamSpecification"], StreamEnabled=True)
    try:
        ddb.create_table(**_accepted(ddb, "CreateTable", params))
    except ClientError as error:
        if error_code(error) != "ResourceInUseException":  # provisioned before: reuse it
            raise
    if "TimeToLiveSpecification" in props:
        ttl = ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        if ttl.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
            ddb.update_time_to_live(TableName=name, TimeToLiveSpecification=props["TimeToLiveSpecification"])
    if "PointInTimeRecoverySpecification" in props:
        ddb.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification=props["PointInTimeRecoverySpecification"]
        )
    table = ddb.describe_table(TableName=name)["Table"]
    attributes = {"Arn": table["TableArn"]}
    if table.get("LatestStreamArn"):
        attributes["StreamArn"] = table["LatestStreamArn"]
    return name, attributes


_CORS_RULE_NAMES = {"Id": "ID", "ExposedHeaders": "ExposeHeaders", "MaxAge": "MaxAgeSeconds"}


def bucket_cors_rules(props: dict) -> list[dict]:
    """A bucket's CloudFormation CorsConfiguration as the S3 API's CORSRules."""
    rules = props.get("CorsConfiguration", {}).get("CorsRules", [])
    return [_renamed(rule, _CORS_RULE_NAMES) for rule in rules]


def _lifecycle_rule(rule: dict) -> dict:
    converted: dict[str, Any] = {"Status": rule["Status"], "Filter": {"Prefix": rule.get("Prefix", "")}}
    for key, value in rule.items():
        if key == "Id":
            converted["ID"] = value
        elif key == "ExpirationInDays":
            converted.setdefault("Expiration", {})["Days"] = value
        elif key == "ExpiredObjectDeleteMarker":
            converted.setdefault("Expiration", {})["ExpiredObjectDeleteMarker"] = value
        elif key == "NoncurrentVersionExpirationInDays":
            converted["NoncurrentVersionExpiration"] = {"NoncurrentDays": value}
        elif key in ("NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload"):
            converted[key] = value
        elif key not in ("Status", "Prefix"):
            warnings.warn(f"lifecycle rule property {key} is not applied by the local stack", stacklevel=2)
    return converted


def _create_bucket(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    s3 = ctx.client("s3")
    name = props.get("BucketName") or ctx.name(logical_id).lower()
    create: dict[str, Any] = {"Bucket": name}
    if ctx.stack.region != "us-east-1":
        create["CreateBucketConfiguration"] = {"LocationConstraint": ctx.stack.region}
    try:
        s3.create_bucket(**create)
    except ClientError as error:
        if error_code(error) != "BucketAlreadyOwnedByYou":
            raise
    if "OwnershipControls" in props:
        s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls=props["OwnershipControls"])
    if "PublicAccessBlockConfiguration" in props:
        s3.put_public_access_block(
            Bucket=name, PublicAccessBlockConfiguration=props["PublicAccessBlockConfiguration"]
        )
    if "VersioningConfiguration" in props:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=props["VersioningConfiguration"])
    if "BucketEncryption" in props:
        rules = [
            _renamed(rule, {"ServerSideEncryptionByDefault": "ApplyServerSideEncryptionByDefault"})
            for rule in props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        ]
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
    if "CorsConfiguration" in props:
        s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": bucket_cors_rules(props)})
    if "LifecycleConfiguration" in props:
        rules = [_lifecycle_rule(rule) for rule in props["LifecycleConfiguration"]["Rules"]]
        s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": rules})
    return name, {
        "Arn": f"arn:aws:s3:::{name}",
        "DomainName": f"{name}.s3.amazonaws.com",
        "RegionalDomainName": f"{name}.s3.{ctx.stack.region}.amazonaws.com",
    }


def _create_user_pool(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    idp = ctx.client("cognito-idp")
    params = _renamed(props, {"UserPoolName": "PoolName"})
    params.setdefault("PoolName", ctx.name(logical_id))
    existing = [
        pool
        for page in idp.get_paginator("list_user_pools").paginate(MaxResults=60)
        for pool in page["UserPools"]
        if pool["Name"] == params["PoolName"]
    ]
    if existing:
        pool = idp.describe_user_pool(UserPoolId=existing[0]["Id"])["UserPool"]
    else:
        pool = idp.create_user_pool(**_accepted(idp, "CreateUserPool", params))["UserPool"]
    return pool["Id"], {
        "Arn": pool["Arn"],
        "ProviderName": f"cognito-idp.{ctx.stack.region}.amazonaws.com/{pool['Id']}",
        "ProviderURL": f"https://cognito-idp.{ctx.stack.region}.amazonaws.com/{pool['Id']}",
    }


def _create_user_pool_client(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    idp = ctx.client("cognito-idp")
    params = dict(props)
    params.setdefault("ClientName", ctx.name(logical_id))
    existing = [
        client
        for client in idp.list_user_pool_clients(UserPoolId=params["UserPoolId"], MaxResults=60)["UserPoolClients"]
        if client["ClientName"] == params["ClientName"]
    ]
    if existing:
        return existing[0]["ClientId"], {}
    client = idp.create_user_pool_client(**_accepted(idp, "CreateUserPoolClient", params))["UserPoolClient"]
    return client["ClientId"], {}


def _create_user_pool_group(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    idp = ctx.client("cognito-idp")
    params = dict(props)
    params.setdefault("GroupName", ctx.name(logical_id))
    try:
        idp.create_group(**_accepted(idp, "CreateGroup", params))
    except ClientError as error:
        if error_code(error) != "GroupExistsException":
            raise
    return params["GroupName"], {}


def _create_queue(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    sqs = ctx.client("sqs")
    name = props.get("QueueName") or ctx.name(logical_id)
    # CloudFormation states attributes as properties; the API takes them as strings.
    attributes = {key: str(value).lower() if isinstance(value, bool) else str(value)
                  for key, value in props.items() if key != "QueueName" and not isinstance(value, (dict, list))}
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, {"Arn": arn, "QueueName": name, "QueueUrl": url}


def _create_email_identity(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    """The sender's address: moto verifies it at once (in the cloud, its owner confirms a message)."""
    ctx.client("ses").verify_email_identity(EmailAddress=props["EmailIdentity"])
    return props["EmailIdentity"], {}


def _create_kms_key(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    """A KMS key, found again by an alias named after it (keys have no name of their own)."""
    kms = ctx.client("kms")
    alias = f"alias/{ctx.name(logical_id)}"
    try:
        key = kms.describe_key(KeyId=alias)["KeyMetadata"]
    except ClientError as error:
        if error_code(error) != "NotFoundException":
            raise
        params = _renamed(props, {"KeyPolicy": "Policy"})
        if isinstance(params.get("Policy"), dict):
            params["Policy"] = json.dumps(params["Policy"])
        key = kms.create_key(**_accepted(kms, "CreateKey", params))["KeyMetadata"]
        kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    return key["KeyId"], {"Arn": key["Arn"], "KeyId": key["KeyId"]}


def _create_kms_public_key_pem(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    """The custom resource `Custom::KmsPublicKeyPem`: what its function answers in the cloud
    (DownloadPublicKeyReaderFunction), the KMS key's public half as PEM."""
    der = ctx.client("kms").get_public_key(KeyId=props["KeyId"])["PublicKey"]
    body = "\n".join(textwrap.wrap(base64.b64encode(der).decode("ascii"), 64))
    return props["KeyId"], {"Pem": f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n"}


def _create_cloudfront_public_key(ctx: CreationContext, logical_id: str, props: dict) -> tuple[str, dict]:
    cloudfront = ctx.client("cloudfront")
    config = props["PublicKeyConfig"]
    listed = cloudfront.list_public_keys().get("PublicKeyList", {}).get("Items", [])
    existing = [key for key in listed if key["Name"] == config["Name"]]
    if existing:
        return existing[0]["Id"], {}
    return cloudfront.create_public_key(PublicKeyConfig=config)["PublicKey"]["Id"], {}


# Resources the local stack stands in for (the gateway runs the functions, infra/local/downloads.py
# is the documents distribution): not created, but what other resources read of them resolves.
STAND_INS: dict[str, Callable[[Provisioned, str], dict]] = {
    "AWS::Lambda::Function": lambda stack, logical_id: {
        "Arn": f"arn:aws:lambda:{stack.region}:{ACCOUNT_ID}:function:{stack.prefix}-{logical_id}"},
    "AWS::CloudFront::Distribution": lambda stack, logical_id: {
        "DomainName": f"{logical_id.lower()}.cloudfront.invalid", "Id": logical_id},
}


CREATORS: dict[str, Callable[[CreationContext, str, dict], tuple[str, dict]]] = {
    "AWS::DynamoDB::Table": _create_table,
    "AWS::S3::Bucket": _create_bucket,
    "AWS::Cognito::UserPool": _create_user_pool,
    "AWS::Cognito::UserPoolClient": _create_user_pool_client,
    "AWS::Cognito::UserPoolGroup": _create_user_pool_group,
    "AWS::SQS::Queue": _create_queue,
    "AWS::SES::EmailIdentity": _create_email_identity,
    "AWS::KMS::Key": _create_kms_key,
    "Custom::KmsPublicKeyPem": _create_kms_public_key_pem,
    "AWS::CloudFront::PublicKey": _create_cloudfront_public_key,
}
