"""An analyst's boto3 program written for real Amazon Athena, run unchanged against the local runtime.

Creates a database and a CSV table whose values contain quoted commas, runs an aggregate and reads it typed,
checks the result file is Athena's CSV, runs a query with a syntax error, pages through a 2,500-row result, and
starts queries past the concurrency quota. Configuration comes from the environment (AWS_ENDPOINT_URL, ...).

Usage: python3 athena_real_program.py <data-bucket>
Prints one JSON object describing what happened.
"""
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError

athena = boto3.client("athena")
s3 = boto3.client("s3")


def run(sql):
    query_id = athena.start_query_execution(QueryString=sql, WorkGroup="primary")["QueryExecutionId"]
    while True:
        execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
        if execution["Status"]["State"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            return execution
        time.sleep(0.2)


def rows(query_id):
    result = []
    for page in athena.get_paginator("get_query_results").paginate(QueryExecutionId=query_id):
        types = [c["Type"] for c in page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]]
        for row in page["ResultSet"]["Rows"]:
            result.append([d.get("VarCharValue") for d in row["Data"]])
    return types, result


def main():
    bucket = sys.argv[1]
    s3.put_object(Bucket=bucket, Key="sales/part-0.csv", Body=(
        'region,product,amount\n'
        '"Europe","Widget, small",10.5\n'
        '"Europe","Gadget ""Pro""",4.5\n'
        '"Asia","Widget, small",7\n').encode())
    report = {}
    report["database"] = run("CREATE DATABASE IF NOT EXISTS analytics")["Status"]["State"]
    report["table"] = run(
        "CREATE EXTERNAL TABLE analytics.sales (region string, product string, amount double) "
        "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
        f"LOCATION 's3://{bucket}/sales/' TBLPROPERTIES ('skip.header.line.count'='1')")["Status"]["State"]

    aggregate = run("SELECT product, count(*) AS n, sum(amount) AS total FROM analytics.sales "
                    "GROUP BY product ORDER BY product")
    types, result = rows(aggregate["QueryExecutionId"])
    location = aggregate["ResultConfiguration"]["OutputLocation"]
    key = location.split("/", 3)[3]
    csv_text = s3.get_object(Bucket=location.split("/")[2], Key=key)["Body"].read().decode()
    report["aggregate"] = {"types": types, "rows": result, "csv": csv_text}

    # Athena rejects a statement that does not parse at once, in StartQueryExecution.
    try:
        athena.start_query_execution(QueryString="SELEC product FROM analytics.sales", WorkGroup="primary")
        report["syntaxError"] = {"code": None, "message": None}
    except ClientError as error:
        report["syntaxError"] = {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}

    paged = run("SELECT n FROM UNNEST(sequence(1, 2500)) AS t(n) ORDER BY n")
    _, paged_rows = rows(paged["QueryExecutionId"])
    report["paged"] = {"rows": len(paged_rows), "first": paged_rows[:2], "last": paged_rows[-1]}

    started, throttled = 0, None
    for _ in range(5):
        try:
            athena.start_query_execution(QueryString="SELECT count(*) FROM analytics.sales", WorkGroup="primary")
            started += 1
        except ClientError as error:
            throttled = {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}
            break
    report["quota"] = {"started": started, "throttled": throttled}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
