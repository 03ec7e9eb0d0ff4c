"""Property-style S3 round trip: random keys, sizes and content types written through every client path.

Objects are written with boto3 (put_object, and upload_fileobj, which switches to multipart past its threshold),
the AWS CLI (aws s3 cp, multipart past its threshold) and curl with a presigned PUT URL. Afterwards every object
must list, head and read back byte-identical, and nothing else may exist in the bucket (no stray keys, prefixes or
open multipart uploads). Keys mix unicode, spaces, '+', '%' and lengths up to S3's 1024 bytes.

Usage: python3 s3_roundtrip.py <seed> [objects]
Prints one JSON line per check (the seed is in every failure); exit status 1 when any failed.
"""
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import uuid
from urllib.parse import unquote, urlsplit

from boto3.s3.transfer import TransferConfig

from s3_checks import CHECKS, check, client, curl, expect, run_checks

SEED = int(sys.argv[1])
OBJECTS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
MIB = 1024 * 1024
MULTIPART_THRESHOLD = 5 * MIB
ALPHABET = list("abcxyzABC019-_.!*'()&$@=;:, +%~") + ["é", "ß", "日本", "Ω", "🙂", "\u00a0"]
CONTENT_TYPES = ["application/x-www-form-urlencoded", "text/plain", "text/csv; charset=utf-8", "application/json",
                 "application/octet-stream", "image/png", "multipart/form-data; boundary=b", None]
CHANNELS = ["boto3-put", "boto3-upload", "cli-cp", "curl-presigned"]
# What a client sends when the caller names no content type is the client's choice (boto3's transfer manager guesses
# from the key, the CLI from the file name): the Content-Type each request actually carried is recorded, and S3 must
# return that one (binary/octet-stream when none was sent).
sent_content_types = {}


def record_content_type(request, **kwargs):
    if request.method in ("PUT", "POST") and ("uploads" in request.url or "uploadId" not in request.url):
        key = unquote(urlsplit(request.url).path.split("/", 2)[2])
        sent_content_types[key] = request.headers.get("Content-Type")




s3 = client()
s3.meta.events.register("before-send.s3.PutObject", record_content_type)
s3.meta.events.register("before-send.s3.CreateMultipartUpload", record_content_type)
rng = random.Random(SEED)
bucket = "roundtrip-" + uuid.uuid4().hex[:12]
written = {}  # key -> (md5, size, content type, channel)


# A key segment (between '/') is one file name on disk, written through a temporary file named
# "<segment>-<uuid>": at most 255 - 37 = 218 bytes (see docs/local-runtime.md).
MAX_SEGMENT_BYTES = 210


def random_segment(limit):
    segment = ""
    while len((segment + "x").encode()) < limit:
        segment += rng.choice(ALPHABET)
        if rng.random() < 0.15:
            break
    segment = segment.strip("/")
    return segment if segment not in ("", ".", "..") else "seg"


def random_key():
    if rng.random() < 0.1:  # very long: close to S3's 1024-byte limit, in segments the file system can hold
        parts = []
        while len("/".join(parts).encode()) < 900:
            segment = random_segment(100)
            parts.append(segment + "x" * (MAX_SEGMENT_BYTES - len(segment.encode())))
        key = "/".join(parts)
        while len(key.encode()) > 1024:
            key = key[:-1]
        return key.rstrip("/") or "long"
    depth = rng.randint(1, 4)
    return "/".join(random_segment(40) for _ in range(depth))


def fits_file_system(key):
    # The file-system store cannot hold both "a" and "a/b": a file and a directory of one name (docs/local-runtime.md).
    return all(not (other.startswith(key + "/") or key.startswith(other + "/")) for other in written)


def random_size():
    roll = rng.random()
    if roll < 0.1:
        return 0
    if roll < 0.8:
        return rng.randint(1, 64 * 1024)
    if roll < 0.9:
        return rng.randint(64 * 1024, MULTIPART_THRESHOLD - 1)
    return rng.randint(MULTIPART_THRESHOLD + 1, MULTIPART_THRESHOLD + MIB)


def write(channel, key, data, content_type, work):
    extra = {} if content_type is None else {"ContentType": content_type}
    if channel == "boto3-put":
        s3.put_object(Bucket=bucket, Key=key, Body=data, **extra)
    elif channel == "boto3-upload":
        source = os.path.join(work, "upload.bin")
        with open(source, "wb") as f:
            f.write(data)
        with open(source, "rb") as f:
            s3.upload_fileobj(f, bucket, key, ExtraArgs=extra,
                              Config=TransferConfig(multipart_threshold=MULTIPART_THRESHOLD,
                                                    multipart_chunksize=MULTIPART_THRESHOLD, use_threads=False))
    elif channel == "cli-cp":
        source = os.path.join(work, "cli.bin")
        with open(source, "wb") as f:
            f.write(data)
        config = os.path.join(work, "aws-config")
        with open(config, "w") as f:
            f.write("[default]\ns3 =\n  multipart_threshold = 5MB\n  multipart_chunksize = 5MB\n")
        arguments = ["aws", "--endpoint-url", s3.meta.endpoint_url, "s3", "cp", source, f"s3://{bucket}/{key}"]
        if content_type is not None:
            arguments += ["--content-type", content_type]
        run = subprocess.run(arguments, capture_output=True, timeout=120, env={**os.environ, "AWS_CONFIG_FILE": config})
        if run.returncode != 0:
            raise AssertionError(f"aws s3 cp failed: {run.stderr.decode()}")
    else:
        url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": key, **extra})
        headers = [] if content_type is None else ["-H", f"Content-Type: {content_type}"]
        status, _, body = curl("-X", "PUT", *headers, "--data-binary", "@-", url, data=data)
        expect(status, 200, f"presigned PUT ({body[:200]!r})")


def seeded(message):
    return f"{message} [seed {SEED}; rerun: python3 s3_roundtrip.py {SEED} {OBJECTS}]"


@check
def roundTrip_everyClientPath_storesSentBytes():
    s3.create_bucket(Bucket=bucket)
    with tempfile.TemporaryDirectory() as work:
        for _ in range(OBJECTS):
            key = random_key()
            while not fits_file_system(key):
                key = random_key()
            data = rng.randbytes(random_size())
            channel = rng.choice(CHANNELS)
            # curl --data-binary would send the form content type; the CLI would guess from the local file name.
            content_type = rng.choice(CONTENT_TYPES if channel.startswith("boto3") else CONTENT_TYPES[:-1])
            try:
                write(channel, key, data, content_type, work)
            except Exception as e:
                raise AssertionError(seeded(f"{channel} of {key!r} ({len(data)} bytes, {content_type}): {e}"))
            stored_type = content_type or sent_content_types.get(key) or "binary/octet-stream"
            written[key] = (hashlib.md5(data).hexdigest(), len(data), stored_type, channel)


@check
def roundTrip_everyObject_listsHeadsAndReadsBackIdentical():
    listed = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 13}):
        for item in page.get("Contents", []):
            if item["Key"] in listed:
                raise AssertionError(seeded(f"{item['Key']!r} listed twice"))
            listed[item["Key"]] = item["Size"]
    expect(sorted(listed), sorted(written), seeded("listed keys"))
    for key, (digest, size, content_type, channel) in written.items():
        expect(listed[key], size, seeded(f"listed size of {key!r}"))
        head = s3.head_object(Bucket=bucket, Key=key)
        expect((head["ContentLength"], head["ContentType"].replace("; ", ";")), (size, content_type.replace("; ", ";")),
               seeded(f"HEAD of {key!r} written by {channel}"))
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        expect(hashlib.md5(body).hexdigest(), digest, seeded(f"bytes of {key!r} ({size} bytes) written by {channel}"))


@check
def roundTrip_afterwards_nothingElseExists():
    top = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    expected_prefixes = sorted({key.split("/")[0] + "/" for key in written if "/" in key})
    expect(sorted(p["Prefix"] for p in top.get("CommonPrefixes", [])), expected_prefixes, seeded("top-level prefixes"))
    expect(s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []), [], seeded("open multipart uploads"))
    for key in written:
        s3.delete_object(Bucket=bucket, Key=key)
    remaining = s3.list_objects_v2(Bucket=bucket)
    expect(remaining["KeyCount"], 0, seeded("keys after deleting every written key"))
    s3.delete_bucket(Bucket=bucket)


if __name__ == "__main__":
    run_checks(CHECKS)
