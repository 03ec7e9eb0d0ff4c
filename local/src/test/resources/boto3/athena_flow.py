"""A program written for real Amazon Athena, run unchanged against the local runtime.

It starts a query, polls GetQueryExecution until the query finishes, reads every result page with the
get_query_results paginator, then deletes exactly that query's result objects with the S3 resource API.
Configuration comes from the environment as for any boto3 program (AWS_ENDPOINT_URL, AWS_REGION, credentials).

Usage: python3 athena_flow.py "<sql>" [database]
Prints one JSON object describing what happened.
"""
import json
import sys
import time
from urllib.parse import urlparse

import boto3


def main():
    sql = sys.argv[1]
    database = sys.argv[2] if len(sys.argv) > 2 else "default"
    athena = boto3.client("athena")
    s3 = boto3.resource("s3")

    query_id = athena.start_query_execution(
        QueryString=sql,
        QueryExecutionContext={"Database": database},
        WorkGroup="primary",
    )["QueryExecutionId"]

    states = []
    while True:
        execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
        state = execution["Status"]["State"]
        if not states or states[-1] != state:
            states.append(state)
        if state in ("SUCCEEDED", "FAILED", "CANCELLED"):
            break
        time.sleep(0.1)

    rows = []
    columns = []
    if state == "SUCCEEDED":
        for page in athena.get_paginator("get_query_results").paginate(QueryExecutionId=query_id):
            columns = [c["Name"] for c in page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]]
            for row in page["ResultSet"]["Rows"]:
                rows.append([datum.get("VarCharValue") for datum in row["Data"]])

    output = urlparse(execution["ResultConfiguration"]["OutputLocation"])
    bucket = s3.Bucket(output.netloc)
    prefix = output.path.lstrip("/").rsplit("/", 1)[0]
    own_prefix = (prefix + "/" if prefix and not output.path.lstrip("/").startswith(query_id) else "") + query_id
    deleted = []
    for response in bucket.objects.filter(Prefix=own_prefix).delete():
        deleted.extend(d["Key"] for d in response.get("Deleted", []))

    print(json.dumps({
        "queryExecutionId": query_id,
        "states": states,
        "reason": execution["Status"].get("StateChangeReason"),
        "columns": columns,
        "rowCount": len(rows),
        "firstRows": rows[:3],
        "lastRow": rows[-1] if rows else None,
        "deleted": sorted(deleted),
    }))


if __name__ == "__main__":
    main()
