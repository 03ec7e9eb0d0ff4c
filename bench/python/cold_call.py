"""The cold-call benchmark's Python baseline: a short boto3 script making the same AWS calls as one handler.

    python3 cold_call.py start|status|fetch|cleanup|paginate PAYLOAD_FILE

Reads the same payload file the Java handler gets, makes the handler's calls with boto3 (endpoint, region and
credentials from AWS_ENDPOINT_URL / AWS_REGION / AWS_ACCESS_KEY_ID ...), and prints the response as the first line
of stdout, where the benchmark stops its clock. Validation and typing are reduced to what the calls need: this
is the floor a Python Lambda would start from, not a port of the handlers. `paginate` (for the results benchmark)
reads every page of GetQueryResults and reports the seconds that took, measured inside Python.
"""
import csv
import hashlib
import io
import json
import os
import sys

import boto3


def start(payload):
    request = payload["request"]
    args = {
        "QueryString": request["sql"],
        "ClientRequestToken": hashlib.sha256(payload["executionArn"].encode()).hexdigest(),
        "WorkGroup": request.get("workgroup", os.environ.get("ATHENA_WORKGROUP", "primary")),
        "QueryExecutionContext": {"Catalog": "AwsDataCatalog",
                                  "Database": request.get("database", os.environ.get("ATHENA_DATABASE"))},
        "ResultConfiguration": {"OutputLocation": os.environ["ATHENA_OUTPUT_LOCATION"],
                                "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}},
    }
    if request.get("parameters"):
        args["ExecutionParameters"] = request["parameters"]
    query_id = boto3.client("athena").start_query_execution(**args)["QueryExecutionId"]
    return {"queryExecutionId": query_id, "startedAt": payload["now"]}


def status(payload):
    execution = boto3.client("athena").get_query_execution(
        QueryExecutionId=payload["query"]["queryExecutionId"])["QueryExecution"]
    return {"state": execution["Status"]["State"], "statistics": execution.get("Statistics", {})}


def fetch(payload):
    athena = boto3.client("athena")
    query_id = payload["query"]["queryExecutionId"]
    execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
    columns = athena.get_query_results(QueryExecutionId=query_id, MaxResults=1)[
        "ResultSet"]["ResultSetMetadata"]["ColumnInfo"]
    bucket, key = execution["ResultConfiguration"]["OutputLocation"][len("s3://"):].split("/", 1)
    body = boto3.client("s3").get_object(Bucket=bucket, Key=key)["Body"]
    reader = csv.reader(io.TextIOWrapper(body, encoding="utf-8", newline=""))
    header = next(reader, [])
    rows, count = [], 0
    for row in reader:
        count += 1
        if len(rows) < payload["query"].get("maxInlineRows", 100):
            rows.append(dict(zip(header, row)))
    return {"queryExecutionId": query_id, "columns": [{"name": c["Name"], "type": c["Type"]} for c in columns],
            "rows": rows, "rowCount": count}


def cleanup(payload):
    query_id = payload["query"]["queryExecutionId"]
    execution = boto3.client("athena").get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
    bucket, key = execution["ResultConfiguration"]["OutputLocation"][len("s3://"):].split("/", 1)
    folder = key[:key.rfind("/") + 1]
    s3 = boto3.client("s3")
    own = {folder + query_id + suffix for suffix in (".csv", ".csv.metadata", ".txt", ".txt.metadata", "-manifest.csv")}
    listed = s3.list_objects_v2(Bucket=bucket, Prefix=folder + query_id).get("Contents", [])
    targets = [{"Key": o["Key"]} for o in listed if o["Key"] in own]
    deleted = s3.delete_objects(Bucket=bucket, Delete={"Objects": targets})["Deleted"] if targets else []
    return {"queryExecutionId": query_id, "deleted": sorted(d["Key"] for d in deleted)}


def paginate(payload):
    """Every page of GetQueryResults at 1,000 rows, as the old Python module would have to; timed inside Python."""
    import time
    athena = boto3.client("athena")
    begin = time.perf_counter()
    rows, calls, token = 0, 0, None
    while True:
        args = {"QueryExecutionId": payload["query"]["queryExecutionId"], "MaxResults": 1000}
        if token:
            args["NextToken"] = token
        page = athena.get_query_results(**args)
        rows += len(page["ResultSet"]["Rows"]) - (1 if calls == 0 else 0)
        calls += 1
        token = page.get("NextToken")
        if not token:
            break
    return {"rowCount": rows, "calls": calls, "seconds": time.perf_counter() - begin}


if __name__ == "__main__":
    action, payload_file = sys.argv[1], sys.argv[2]
    with open(payload_file, encoding="utf-8") as f:
        response = {"start": start, "status": status, "fetch": fetch, "cleanup": cleanup,
                    "paginate": paginate}[action](json.load(f))
    print(json.dumps(response, default=str), flush=True)
