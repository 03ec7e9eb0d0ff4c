"""Shared plumbing of the S3 checks run by real clients against the local runtime.

Every boto3 client made here checks each response it receives against botocore's own S3 model (service-2.json):
an XML body may only carry elements the operation's output shape declares, and an error must be S3's error
document (Error with a non-empty Code, Message and RequestId). Violations fail the check that made the call.

Configuration comes from the environment as for any boto3 program (AWS_ENDPOINT_URL, AWS_REGION, credentials).
"""
import hashlib
import json
import os
import subprocess
import sys
import traceback
import xml.etree.ElementTree as ET

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["AWS_ENDPOINT_URL"]
CHECKS = []


def check(function):
    """Registers a check (run by run_checks in the order defined)."""
    CHECKS.append(function)
    return function


class ModelViolation(AssertionError):
    pass


def _local(tag):
    return tag.split("}", 1)[-1]


def _check_structure(element, shape, path, violations):
    members = {}
    for name, member in shape.members.items():
        if member.serialization.get("location") in ("header", "headers", "statusCode", "querystring", "uri"):
            continue
        members[member.serialization.get("name", name)] = member
    for child in element:
        tag = _local(child.tag)
        member = members.get(tag)
        if member is None:
            violations.append(f"{path}/{tag} is not in the model's {shape.name}")
            continue
        if member.type_name == "structure":
            _check_structure(child, member, f"{path}/{tag}", violations)
        elif member.type_name == "list":
            item = member.member
            if member.serialization.get("flattened"):
                if item.type_name == "structure":
                    _check_structure(child, item, f"{path}/{tag}", violations)
            else:
                item_name = item.serialization.get("name", "member")
                for grandchild in child:
                    if _local(grandchild.tag) != item_name:
                        violations.append(f"{path}/{tag}/{_local(grandchild.tag)} is not {item_name}")
                    elif item.type_name == "structure":
                        _check_structure(grandchild, item, f"{path}/{tag}/{item_name}", violations)


def _model_check(http_response, parsed, model, **kwargs):
    status = http_response.status_code
    if model.has_streaming_output and status < 300:
        return
    body = http_response.content
    violations = []
    if status >= 300 and status != 304:
        if kwargs.get("context", {}).get("skip_model_check"):
            return
        if body:
            try:
                root = ET.fromstring(body)
            except ET.ParseError as e:
                raise ModelViolation(f"{model.name}: error body is not XML ({e}): {body[:200]!r}")
            if _local(root.tag) != "Error":
                violations.append(f"error document root is {_local(root.tag)}, not Error")
            for required in ("Code", "Message", "RequestId"):
                found = root.find(required)
                if found is None or not (found.text or "").strip():
                    violations.append(f"error document has no {required}")
        elif model.http.get("method") != "HEAD":
            violations.append("error without a body")
    elif body and model.output_shape is not None and not model.output_shape.serialization.get("payload"):
        root = ET.fromstring(body)
        _check_structure(root, model.output_shape, _local(root.tag), violations)
    if violations:
        raise ModelViolation(f"{model.name} answered unlike botocore's S3 model: {violations}")


def client(**config):
    s3 = boto3.client("s3", endpoint_url=ENDPOINT, config=Config(retries={"max_attempts": 1}, **config))
    s3.meta.events.register("after-call.s3", _model_check)
    return s3


def error_of(call):
    """Runs call, which must fail; returns (code, status)."""
    try:
        call()
    except ClientError as e:
        return e.response["Error"].get("Code"), e.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError("the call succeeded; an error was expected")


def expect(actual, expected, what):
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")


def md5(data):
    return hashlib.md5(data).hexdigest()


def curl(*arguments, data=None):
    """Runs curl; returns (status, headers dict lower-cased, body bytes)."""
    command = ["curl", "-sS", "-D", "-", "-o", "-", *arguments]
    run = subprocess.run(command, input=data, capture_output=True, timeout=120)
    if run.returncode != 0:
        raise AssertionError(f"curl failed ({run.returncode}): {run.stderr.decode()}")
    out = run.stdout
    head, _, body = out.partition(b"\r\n\r\n")
    while head.startswith(b"HTTP/1.1 100"):
        head, _, body = body.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def aws(*arguments):
    """Runs the AWS CLI against the endpoint; returns its standard output."""
    run = subprocess.run(["aws", "--endpoint-url", ENDPOINT, *arguments], capture_output=True, timeout=120)
    if run.returncode != 0:
        raise AssertionError(f"aws {' '.join(arguments)} failed ({run.returncode}): {run.stderr.decode()}")
    return run.stdout


def run_checks(checks):
    """Runs every check; prints one JSON line per check; exits 1 when any failed."""
    failed = 0
    for check in checks:
        try:
            check()
            print(json.dumps({"check": check.__name__, "ok": True}), flush=True)
        except Exception as e:  # a failed check is reported, and the others still run
            failed += 1
            print(json.dumps({"check": check.__name__, "ok": False,
                              "error": f"{type(e).__name__}: {e}",
                              "trace": traceback.format_exc(limit=4)}), flush=True)
    sys.exit(1 if failed else 0)
