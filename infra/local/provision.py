"""Create the template's tables, bucket and user pool in moto, from the translated template's
own resource properties, and give back the Lambda environment with every value resolved.

There is no hand-written resource definition here: each supported resource type has one
generic mapping from CloudFormation properties to the boto3 calls that create it (moto's own
CloudFormation would skip the bucket's CORS and the HTTP API, so we do not use it). Resources
the gateway stands in for (functions, roles, the HTTP API) are not created.

    with mock_aws():                     # in-process, as the API tests do
        env = provision()
    env = provision(endpoint_url="http://127.0.0.1:8001")   # a moto server
"""
from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import boto3
from botocore.exceptions import ClientError

from infra.local import template as sam

ACCOUNT_ID = "123456789012"  # moto's default account
DEMO_PASSWORD = "ThuySan@2026"  # demo-only, printed by `make run`; never used outside moto
DEMO_OFFICERS = (
    # (username, group, display name)
    ("tiepnhan", "receptionist", "Cán bộ tiếp nhận (demo)"),
    ("chuyenvien", "specialist", "Chuyên viên xử lý (demo)"),
    ("lanhdao", "leader", "Lãnh đạo Chi cục (demo)"),
)


class Unresolved(LookupError):
    """A reference to a resource not created yet (or not creatable locally)."""


_NO_VALUE = object()  # AWS::NoValue: the property is removed


@dataclass
class Provisioned:
    """What provisioning produced: physical ids by logical id, and how to resolve template values."""

    region: str
    prefix: str
    parameters: dict[str, str]
    endpoint_url: str | None = None
    physical_ids: dict[str, str] = field(default_factory=dict)
    attributes: dict[tuple[str, str], str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        """A template value with Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::Select resolved."""
        if isinstance(value, list):
            items = [self.resolve(v) for v in value]
            return [v for v in items if v is not _NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref":
                return self._ref(arg)
            if key == "Fn::GetAtt":
                resource, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                return self._get_att(resource, attribute)
            if key == "Fn::Sub":
                return self._sub(arg)
            if key == "Fn::Join":
                separator, items = arg
                return separator.join(str(v) for v in self.resolve(items))
            if key == "Fn::Select":
                index, items = arg
                return self.resolve(items)[int(self.resolve(index))]
            if key.startswith("Fn::"):
                raise NotImplementedError(f"the local stack cannot resolve {key}")
        resolved = {k: self.resolve(v) for k, v in value.items()}
        return {k: v for k, v in resolved.items() if v is not _NO_VALUE}

    def _ref(self, name: str) -> Any:
        pseudo = {
            "AWS::Region": self.region,
            "AWS::AccountId": ACCOUNT_ID,
            "AWS::StackName": self.prefix,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::NoValue": _NO_VALUE,
        }
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        if name in self.physical_ids:
            return self.physical_ids[name]
        raise Unresolved(name)

    def _get_att(self, resource: str, attribute: str) -> str:
        try:
            return self.attributes[(resource, attribute)]
        except KeyError:
            raise Unresolved(f"{resource}.{attribute}") from None

    def _sub(self, arg: str | list) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.resolve(arg[1]))

        def substitute(match: re.Match) -> str:
            name = match.group(1)
            if name.startswith("!"):  # ${!Literal} stays literal
                return "${" + name[1:] + "}"
            if name in variables:
                return str(variables[name])
            if "." in name and not name.startswith("AWS::"):
                return str(self._get_att(*name.split(".", 1)))
            return str(self._ref(name))

        return re.sub(r"\$\{([^}]+)\}", substitute, text)


# --- boto3 clients ---------------------------------------------------------------------------


def _client(service: str, region: str, endpoint_url: str | None):
    if endpoint_url is None:
        return boto3.client(service, region_name=region)
    # Against the local moto server only: dummy credentials, so no real ones are ever sent.
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _accepted(client, operation: str, params: dict) -> dict:
    """Keep only the parameters the boto3 operation accepts (CloudFormation has extra ones that
    other calls apply, e.g. a table's TTL or point-in-time recovery)."""
    members = client.meta.service_model.operation_model(operation).input_shape.members
    return {k: v for k, v in params.items() if k in members}


def _renamed(mapping: Mapping, names: Mapping[str, str]) -> dict:
    return {names.get(k, k): v for k, v in mapping.items()}


def _error_code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


# --- one creator per resource type ---------------------------------------------------------


@dataclass
class _Context:
    stack: Provisioned
    clients: dict = field(default_factory=dict)

    def client(self, service: str):
        if service not in self.clients:
            self.clients[service] = _client(service, self.stack.region, self.stack.endpoint_url)
        return self.clients[service]

    def name(self, logical_id: str) -> str:
        return f"{self.stack.prefix}-{logical_id}"


def _create_table(ctx: _Context, logical_id: str, props: dict) -> tuple[str, dict]:
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
        if _error_code(error) != "ResourceInUseException":  # provisioned before: reuse it
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


def _create_bucket(ctx: _Context, logical_id: str, props: dict) -> tuple[str, dict]:
    s3 = ctx.client("s3")
    name = props.get("BucketName") or ctx.name(logical_id).lower()
    create: dict[str, Any] = {"Bucket": name}
    if ctx.stack.region != "us-east-1":
        create["CreateBucketConfiguration"] = {"LocationConstraint": ctx.stack.region}
    try:
        s3.create_bucket(**create)
    except ClientError as error:
        if _error_code(error) != "BucketAlreadyOwnedByYou":
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


def _create_user_pool(ctx: _Context, logical_id: str, props: dict) -> tuple[str, dict]:
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


def _create_user_pool_client(ctx: _Context, logical_id: str, props: dict) -> tuple[str, dict]:
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


def _create_user_pool_group(ctx: _Context, logical_id: str, props: dict) -> tuple[str, dict]:
    idp = ctx.client("cognito-idp")
    params = dict(props)
    params.setdefault("GroupName", ctx.name(logical_id))
    try:
        idp.create_group(**_accepted(idp, "CreateGroup", params))
    except ClientError as error:
        if _error_code(error) != "GroupExistsException":
            raise
    return params["GroupName"], {}


CREATORS: dict[str, Callable[[_Context, str, dict], tuple[str, dict]]] = {
    "AWS::DynamoDB::Table": _create_table,
    "AWS::S3::Bucket": _create_bucket,
    "AWS::Cognito::UserPool": _create_user_pool,
    "AWS::Cognito::UserPoolClient": _create_user_pool_client,
    "AWS::Cognito::UserPoolGroup": _create_user_pool_group,
}


# --- provisioning -----------------------------------------------------------------------------


def _inside_mock_aws() -> bool:
    from moto.core.models import MockAWS

    return MockAWS._nested_count > 0


def parameter_values(sam_template: dict, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The template's parameters: each default, unless overridden."""
    values = {name: str(spec.get("Default", "")) for name, spec in sam_template.get("Parameters", {}).items()}
    unknown = set(overrides or {}) - set(values)
    if unknown:
        raise KeyError(f"template.yaml has no parameter {sorted(unknown)}")
    values.update(overrides or {})
    return values


def provision_stack(
    *,
    endpoint_url: str | None = None,
    region: str = sam.DEFAULT_REGION,
    template_path: str | os.PathLike = sam.TEMPLATE_PATH,
    prefix: str = "portal-local",
    parameters: Mapping[str, str] | None = None,
) -> Provisioned:
    """Create every supported resource of the template; see `provision` for the short form."""
    if endpoint_url is None and not _inside_mock_aws():
        # Without an endpoint, boto3 would talk to a real AWS account.
        raise RuntimeError("provision() without endpoint_url must run inside moto.mock_aws()")
    sam_template = sam.load(template_path)
    stack = Provisioned(
        region=region, prefix=prefix, parameters=parameter_values(sam_template, parameters), endpoint_url=endpoint_url
    )
    ctx = _Context(stack)
    pending = {
        logical_id: resource
        for logical_id, resource in sam.resources(template_path, region).items()
        if resource["Type"] in CREATORS
    }
    # Resources refer to each other (a client to its pool): create whatever can be resolved,
    # then retry the rest, until nothing is left or nothing moves.
    while pending:
        progressed = False
        for logical_id, resource in list(pending.items()):
            try:
                props = stack.resolve(resource.get("Properties", {}))
            except Unresolved:
                continue
            physical_id, attributes = CREATORS[resource["Type"]](ctx, logical_id, props)
            stack.physical_ids[logical_id] = physical_id
            stack.attributes.update({(logical_id, name): value for name, value in attributes.items()})
            del pending[logical_id]
            progressed = True
        if not progressed:
            raise Unresolved(f"cannot resolve the references of {sorted(pending)}")
    variables = sam_template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    stack.env = {name: _as_env_value(stack.resolve(value)) for name, value in variables.items()}
    stack.env["AWS_DEFAULT_REGION"] = region
    return stack


def _as_env_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def provision(
    *,
    endpoint_url: str | None = None,
    region: str = sam.DEFAULT_REGION,
    template_path: str | os.PathLike = sam.TEMPLATE_PATH,
    prefix: str = "portal-local",
    parameters: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Create the template's tables, bucket and user pool in moto (in-process `mock_aws` when
    `endpoint_url` is None, else the moto server there) and return the Lambda environment:
    the template's Globals variables resolved, plus AWS_DEFAULT_REGION. `parameters` overrides
    template parameters (e.g. {"SiteOrigin": "http://127.0.0.1:8765"})."""
    return provision_stack(
        endpoint_url=endpoint_url, region=region, template_path=template_path, prefix=prefix, parameters=parameters
    ).env


def seed_officers(env: Mapping[str, str], endpoint_url: str | None = None) -> list[dict]:
    """The three demo officers (receptionist, specialist, leader) in the pool, with the demo
    password set permanently so they sign in without a new-password challenge."""
    idp = _client("cognito-idp", env["AWS_DEFAULT_REGION"], endpoint_url)
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
            if _error_code(error) != "UsernameExistsException":
                raise
        idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=DEMO_PASSWORD, Permanent=True)
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=group)
        officers.append({"username": username, "password": DEMO_PASSWORD, "group": group, "name": display_name})
    return officers
