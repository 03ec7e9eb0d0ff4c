"""Does what `sam package` does to template.yaml, then runs AWS's SAM transform (aws-sam-translator) on the result.

Usage: python3 package_and_transform.py TEMPLATE OUTPUT.json [REGION]

Packaging: a local CodeUri (the function's own or the one it inherits from Globals) becomes an S3 URL string and a
local DefinitionUri becomes {"Bucket", "Key"}, the forms the AWS CLI's artifact exporter (ServerlessFunctionResource,
ServerlessStateMachineDefinitionResource) writes after uploading, with a digest of the content as the key.
Nothing is uploaded. Then samtranslator's Translator turns the packaged template into plain CloudFormation, as the
AWS::Serverless-2016-10-31 transform does at deployment, and this writes it as JSON. A template the transform refuses
prints the transform's own messages and exits with 1.
"""
import hashlib
import json
import os
import sys
from pathlib import Path

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.parser import parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

BUCKET = "athena-workflow-artifacts"


def content_md5(path: Path) -> str:
    digest = hashlib.md5()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(str(file.relative_to(path) if path.is_dir() else file.name).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def is_local(value) -> bool:
    return isinstance(value, str) and not value.startswith("s3://")


def package(template: dict, directory: Path) -> dict:
    global_code = template.get("Globals", {}).get("Function", {}).get("CodeUri")
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and "InlineCode" not in properties:
            code = properties.get("CodeUri", global_code)
            if is_local(code):
                properties["CodeUri"] = f"s3://{BUCKET}/{content_md5(directory / code)}"
        if resource.get("Type") == "AWS::Serverless::StateMachine" and is_local(properties.get("DefinitionUri")):
            properties["DefinitionUri"] = {"Bucket": BUCKET, "Key": content_md5(directory / properties["DefinitionUri"])}
    return template


def main() -> int:
    source, output = Path(sys.argv[1]), Path(sys.argv[2])
    os.environ["AWS_DEFAULT_REGION"] = sys.argv[3] if len(sys.argv) > 3 else "us-east-1"
    template = package(yaml_parse(source.read_text(encoding="utf-8")), source.parent)
    try:
        transformed = Translator(managed_policy_map={}, sam_parser=parser.Parser()).translate(
            sam_template=template, parameter_values={})
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(f"Error transforming template: {cause.message}", file=sys.stderr)
        return 1
    output.write_text(json.dumps(transformed, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
