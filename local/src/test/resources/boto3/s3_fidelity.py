"""S3 fidelity of the local runtime, checked with real clients (boto3, the AWS CLI, curl with presigned URLs).

Each check is written from S3's documentation (the API reference and the user guide's pages on encryption,
conditional requests, ranges and bucket naming) and covers the categories of ceph/s3-tests this product's users
touch: objects, listing, multipart, copy, ranges, conditional requests, encryption, expected bucket owner, errors.
Every response is also checked against botocore's S3 model (see s3_checks.py).

Usage: python3 s3_fidelity.py   (prints one JSON line per check; exit status 1 when any failed)
"""
import base64
import hashlib
import os
import tempfile
import uuid
from datetime import timedelta
from urllib.parse import unquote

from s3_checks import CHECKS, aws, check, client, curl, error_of, expect, md5, run_checks

s3 = client()

CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "text/plain; charset=utf-8",
    "text/csv",
    "application/json",
    "application/xml",
    "application/octet-stream",
    "binary/octet-stream",
    "image/png",
    "application/gzip",
]
ALL_BYTES = bytes(range(256)) * 4 + b"a=b&c=d\r\n"


def new_bucket():
    name = "fidelity-" + uuid.uuid4().hex[:12]
    s3.create_bucket(Bucket=name)
    return name


def keys_of(bucket, **kwargs):
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, **kwargs).get("Contents", [])]


def ssec(key=b"k" * 32, prefix="SSECustomer"):
    return {prefix + "Algorithm": "AES256", prefix + "Key": key}


def ssec_raw_headers(key):
    """The SSE-C headers as sent on the wire (for curl)."""
    return {"x-amz-server-side-encryption-customer-algorithm": "AES256",
            "x-amz-server-side-encryption-customer-key": base64.b64encode(key).decode(),
            "x-amz-server-side-encryption-customer-key-MD5": base64.b64encode(hashlib.md5(key).digest()).decode()}


# --- objects: any body under any content type is stored byte for byte -------------------------------------------

@check
def put_object_every_content_type_storesSentBytes():
    bucket = new_bucket()
    for i, content_type in enumerate(CONTENT_TYPES + [None]):
        key = f"ct/{i}"
        extra = {} if content_type is None else {"ContentType": content_type}
        put = s3.put_object(Bucket=bucket, Key=key, Body=ALL_BYTES, **extra)
        expect(put["ETag"], f'"{md5(ALL_BYTES)}"', f"ETag of PUT under {content_type}")
        got = s3.get_object(Bucket=bucket, Key=key)
        expect(got["Body"].read(), ALL_BYTES, f"bytes read back under {content_type}")
        # Stored verbatim; Jetty re-spells a parameter on the way out ("a; charset=x" -> "a;charset=x").
        expect(got["ContentType"].replace("; ", ";"), (content_type or "binary/octet-stream").replace("; ", ";"),
               "content type read back")


@check
def put_object_emptyBody_storesEmptyObject():
    bucket = new_bucket()
    for content_type in ("application/x-www-form-urlencoded", "text/plain"):
        s3.put_object(Bucket=bucket, Key="empty", Body=b"", ContentType=content_type)
        expect(s3.head_object(Bucket=bucket, Key="empty")["ContentLength"], 0, "length of an empty object")
        expect(s3.get_object(Bucket=bucket, Key="empty")["Body"].read(), b"", "empty body")


@check
def presigned_put_curlDefaultContentType_storesSentBytes():
    # curl --data-binary sends Content-Type: application/x-www-form-urlencoded, as urllib does.
    bucket = new_bucket()
    url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "form.bin"})
    status, headers, _ = curl("-X", "PUT", "--data-binary", "@-", url, data=ALL_BYTES)
    expect(status, 200, "presigned PUT status")
    expect(headers.get("etag"), f'"{md5(ALL_BYTES)}"', "presigned PUT ETag")
    expect(s3.get_object(Bucket=bucket, Key="form.bin")["Body"].read(), ALL_BYTES, "bytes stored by curl")


@check
def presigned_put_curlEveryContentTypeAndEmptyBody_storesSentBytes():
    bucket = new_bucket()
    for i, content_type in enumerate(CONTENT_TYPES):
        for body in (ALL_BYTES, b""):
            key = f"ct/{i}/{len(body)}"
            url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": key})
            status, _, _ = curl("-X", "PUT", "-H", f"Content-Type: {content_type}", "--data-binary", "@-", url,
                                data=body)
            expect(status, 200, f"presigned PUT under {content_type}")
            expect(s3.get_object(Bucket=bucket, Key=key)["Body"].read(), body, f"bytes under {content_type}")


@check
def presigned_get_curl_readsStoredBytes():
    bucket = new_bucket()
    s3.put_object(Bucket=bucket, Key="a b+c%d.bin", Body=ALL_BYTES)
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "a b+c%d.bin"})
    status, _, body = curl(url)
    expect(status, 200, "presigned GET status")
    expect(body, ALL_BYTES, "presigned GET bytes")


@check
def awsCli_cpAndPutObject_storeSentBytes():
    bucket = new_bucket()
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in.bin")
        with open(source, "wb") as f:
            f.write(ALL_BYTES)
        aws("s3", "cp", source, f"s3://{bucket}/cli/cp.bin", "--content-type", "application/x-www-form-urlencoded")
        aws("s3api", "put-object", "--bucket", bucket, "--key", "cli/put.bin", "--body", source,
            "--content-type", "application/x-www-form-urlencoded")
        out = os.path.join(tmp, "out.bin")
        aws("s3", "cp", f"s3://{bucket}/cli/cp.bin", out)
        with open(out, "rb") as f:
            expect(f.read(), ALL_BYTES, "bytes read back by aws s3 cp")
    expect(s3.get_object(Bucket=bucket, Key="cli/put.bin")["Body"].read(), ALL_BYTES, "aws s3api put-object bytes")


@check
def put_object_wrongContentMd5_leavesNothingBehind():
    bucket = new_bucket()
    wrong = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    code, status = error_of(lambda: s3.put_object(Bucket=bucket, Key="dir/sub/bad.txt", Body=b"abc",
                                                  ContentMD5=wrong))
    expect((code, status), ("BadDigest", 400), "PutObject with a wrong Content-MD5")
    listing = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    expect(listing.get("CommonPrefixes", []), [], "common prefixes after the refused PUT")
    expect(listing["KeyCount"], 0, "keys after the refused PUT")
    s3.delete_bucket(Bucket=bucket)  # BucketNotEmpty before the fix


@check
def head_object_metadataAndHeaders_roundTrip():
    bucket = new_bucket()
    s3.put_object(Bucket=bucket, Key="m", Body=b"x", Metadata={"color": "blue", "unicode": "caf%C3%A9"},
                  CacheControl="max-age=60", ContentDisposition="attachment", ContentEncoding="identity",
                  ContentLanguage="en")
    head = s3.head_object(Bucket=bucket, Key="m")
    expect(head["Metadata"], {"color": "blue", "unicode": "caf%C3%A9"}, "user metadata")
    expect((head["CacheControl"], head["ContentDisposition"], head["ContentLanguage"]),
           ("max-age=60", "attachment", "en"), "content headers")


@check
def delete_objects_whenSomeMissing_reportsEachDeleted():
    bucket = new_bucket()
    s3.put_object(Bucket=bucket, Key="a", Body=b"1")
    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "missing"}]})
    expect(sorted(d["Key"] for d in result["Deleted"]), ["a", "missing"], "deleted keys")
    expect(keys_of(bucket), [], "keys left")


# --- buckets and errors -----------------------------------------------------------------------------------------

@check
def create_bucket_invalidNames_answerInvalidBucketName():
    for name in ("Upper_Case_Name", "ab", "a" * 64, "-starts-with-dash", "ends-with-dash-", "two..dots",
                 "192.168.5.4", "xn--punycode", "name-s3alias", "under_score"):
        expect(error_of(lambda: s3.create_bucket(Bucket=name)), ("InvalidBucketName", 400), f"CreateBucket {name}")
    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    expect([n for n in names if n.lower().startswith(("upper", "xn--", "192."))], [], "invalid buckets created")
    s3.create_bucket(Bucket="valid.name-1-" + uuid.uuid4().hex[:8])


@check
def errors_noSuchKeyAndBucket_areS3Documents():
    bucket = new_bucket()
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="missing")), ("NoSuchKey", 404), "GET missing key")
    expect(error_of(lambda: s3.list_objects_v2(Bucket="no-such-bucket-" + uuid.uuid4().hex[:8])),
           ("NoSuchBucket", 404), "list a missing bucket")
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    expect(error_of(lambda: s3.delete_bucket(Bucket=bucket)), ("BucketNotEmpty", 409), "delete a full bucket")


@check
def errors_listDelimiterS3ProxyRefuses_isInvalidRequestXml():
    # S3 accepts any delimiter; S3Proxy's filesystem store only '/', and its refusal reached clients as Jetty HTML.
    bucket = new_bucket()
    expect(error_of(lambda: s3.list_objects_v2(Bucket=bucket, Delimiter="#")), ("InvalidRequest", 400),
           "ListObjectsV2 with delimiter #")


@check
def errors_mismatchedExpectHeader_isInvalidRequest400():
    bucket = new_bucket()
    expecting = client()
    expecting.meta.events.register("before-send.s3.PutObject",
                                   lambda request, **kw: request.headers.__setitem__("Expect", "200-ok"))
    expect(error_of(lambda: expecting.put_object(Bucket=bucket, Key="e", Body=b"x")), ("InvalidRequest", 400),
           "PutObject with Expect: 200-ok (Jetty answers 417)")
    expect(keys_of(bucket), [], "keys after the refused PUT")


@check
def errors_oversizedHeaderSection_isS3Error():
    bucket = new_bucket()
    big = client()
    big.meta.events.register("before-send.s3.PutObject",
                             lambda request, **kw: request.headers.__setitem__("x-padding", "p" * 70000))
    expect(error_of(lambda: big.put_object(Bucket=bucket, Key="h", Body=b"x")),
           ("RequestHeaderSectionTooLarge", 400), "PutObject with a 70 kB header")


@check
def errors_jettyRefusals_neverHtml():
    bucket = new_bucket()
    for arguments in (["-X", "PUT", "-H", "Expect: 200-ok", "--data-binary", "x", f"{s3.meta.endpoint_url}/{bucket}/k"],
                      ["-H", "x-big: " + "b" * 70000, f"{s3.meta.endpoint_url}/{bucket}"]):
        status, headers, body = curl(*arguments)
        expect(status, 400, "status of a request Jetty refuses")
        expect(headers.get("content-type"), "application/xml", "content type of the refusal")
        if b"<Error><Code>" not in body or b"<html" in body.lower():
            raise AssertionError(f"not an S3 error document: {body[:200]!r}")


@check
def errors_expectedBucketOwnerOfAnotherAccount_isAccessDenied():
    bucket = new_bucket()
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", ExpectedBucketOwner="000000000000")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="k", ExpectedBucketOwner="111122223333")),
           ("AccessDenied", 403), "GET with another expected owner")
    expect(error_of(lambda: s3.copy_object(Bucket=bucket, Key="c", CopySource={"Bucket": bucket, "Key": "k"},
                                           ExpectedSourceBucketOwner="111122223333")),
           ("AccessDenied", 403), "copy with another expected source owner")


# --- listing ----------------------------------------------------------------------------------------------------

@check
def list_objects_v2_withoutTokenOrStartAfter_echoesNeither():
    bucket = new_bucket()
    s3.put_object(Bucket=bucket, Key="a", Body=b"1")
    status, _, body = curl(f"{s3.meta.endpoint_url}/{bucket}?list-type=2")
    expect(status, 200, "ListObjectsV2 status")
    for element in (b"<ContinuationToken", b"<StartAfter"):
        if element in body:
            raise AssertionError(f"{element.decode()} echoed although not sent: {body!r}")
    listing = s3.list_objects_v2(Bucket=bucket, StartAfter="0")
    expect(listing.get("StartAfter"), "0", "StartAfter echoed when sent")


@check
def list_objects_v2_pagination_visitsEveryKeyOnce():
    bucket = new_bucket()
    expected = sorted(f"p/{i:03d}" for i in range(25)) + ["q"]
    for key in expected:
        s3.put_object(Bucket=bucket, Key=key, Body=b"")
    seen, token_pages = [], 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 7}):
        seen += [o["Key"] for o in page.get("Contents", [])]
        token_pages += 1
    expect(seen, expected, "keys over all pages")
    expect(token_pages, 4, "pages of 7")
    listing = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    expect([p["Prefix"] for p in listing["CommonPrefixes"]], ["p/"], "common prefixes")
    expect([o["Key"] for o in listing["Contents"]], ["q"], "keys beside the prefixes")
    v1 = s3.list_objects(Bucket=bucket, Prefix="p/", Marker="p/020")
    expect([o["Key"] for o in v1["Contents"]], [f"p/{i:03d}" for i in range(21, 25)], "ListObjects after a marker")


@check
def list_objects_v2_encodingTypeUrl_roundTripsOddKeys():
    bucket = new_bucket()
    keys = sorted(["sp ace", "plus+sign", "pct%41", "uni-café-日本", "amp&lt"])
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    listed = keys_of(bucket, EncodingType="url")
    expect(sorted(unquote(key) for key in listed), keys, "keys listed with encoding-type=url, decoded")
    expect(sorted(keys_of(bucket)), keys, "keys listed without an encoding")


# --- multipart --------------------------------------------------------------------------------------------------

@check
def multipart_completed_storesConcatenation():
    bucket = new_bucket()
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big", ContentType="application/x-www-form-urlencoded")
    first, second = os.urandom(5 * 1024 * 1024), b"tail=1&x=2"
    parts = []
    for number, data in ((1, first), (2, second)):
        etag = s3.upload_part(Bucket=bucket, Key="big", UploadId=upload["UploadId"], PartNumber=number,
                              Body=data)["ETag"]
        parts.append({"PartNumber": number, "ETag": etag})
    listed = s3.list_parts(Bucket=bucket, Key="big", UploadId=upload["UploadId"])
    expect([p["Size"] for p in listed["Parts"]], [len(first), len(second)], "listed part sizes")
    uploads = s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    expect([u["UploadId"] for u in uploads], [upload["UploadId"]], "open uploads")
    s3.complete_multipart_upload(Bucket=bucket, Key="big", UploadId=upload["UploadId"],
                                 MultipartUpload={"Parts": parts})
    got = s3.get_object(Bucket=bucket, Key="big")
    expect(got["Body"].read(), first + second, "completed object bytes")
    expect(got["ContentType"], "application/x-www-form-urlencoded", "content type from CreateMultipartUpload")
    expect(keys_of(bucket), ["big"], "keys after completion")


@check
def multipart_aborted_listPartsAndUploadPartAnswerNoSuchUpload():
    bucket = new_bucket()
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="dir/gone")["UploadId"]
    s3.upload_part(Bucket=bucket, Key="dir/gone", UploadId=upload_id, PartNumber=1, Body=b"part")
    s3.abort_multipart_upload(Bucket=bucket, Key="dir/gone", UploadId=upload_id)
    expect(error_of(lambda: s3.list_parts(Bucket=bucket, Key="dir/gone", UploadId=upload_id)),
           ("NoSuchUpload", 404), "ListParts after abort")
    expect(error_of(lambda: s3.list_parts(Bucket=bucket, Key="dir/gone", UploadId="never-started")),
           ("NoSuchUpload", 404), "ListParts of an unknown upload")
    expect(error_of(lambda: s3.upload_part(Bucket=bucket, Key="dir/gone", UploadId=upload_id, PartNumber=2,
                                           Body=b"late")), ("NoSuchUpload", 404), "UploadPart after abort")
    expect(s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []), [], "open uploads after abort")
    listing = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    expect((listing["KeyCount"], listing.get("CommonPrefixes", [])), (0, []), "nothing listed after abort")


# --- copy -------------------------------------------------------------------------------------------------------

@check
def copy_object_metadataDirectives_asS3():
    bucket = new_bucket()
    s3.put_object(Bucket=bucket, Key="src", Body=ALL_BYTES, ContentType="text/csv", Metadata={"a": "1"})
    s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "src"})
    head = s3.head_object(Bucket=bucket, Key="copy")
    expect((head["ContentType"], head["Metadata"]), ("text/csv", {"a": "1"}), "COPY directive keeps metadata")
    s3.copy_object(Bucket=bucket, Key="replaced", CopySource={"Bucket": bucket, "Key": "src"},
                   MetadataDirective="REPLACE", ContentType="application/json", Metadata={"b": "2"})
    head = s3.head_object(Bucket=bucket, Key="replaced")
    expect((head["ContentType"], head["Metadata"]), ("application/json", {"b": "2"}), "REPLACE directive")
    expect(s3.get_object(Bucket=bucket, Key="replaced")["Body"].read(), ALL_BYTES, "copied bytes")
    expect(error_of(lambda: s3.copy_object(Bucket=bucket, Key="x", CopySource={"Bucket": bucket, "Key": "none"})),
           ("NoSuchKey", 404), "copy of a missing source")


# --- ranges and conditional requests ----------------------------------------------------------------------------

@check
def get_object_ranges_asS3():
    bucket = new_bucket()
    s3.put_object(Bucket=bucket, Key="r", Body=b"0123456789")
    got = s3.get_object(Bucket=bucket, Key="r", Range="bytes=2-4")
    expect((got["Body"].read(), got["ContentRange"], got["ResponseMetadata"]["HTTPStatusCode"]),
           (b"234", "bytes 2-4/10", 206), "bytes=2-4")
    expect(s3.get_object(Bucket=bucket, Key="r", Range="bytes=-3")["Body"].read(), b"789", "suffix range")
    expect(s3.get_object(Bucket=bucket, Key="r", Range="bytes=7-")["Body"].read(), b"789", "open range")
    expect(s3.get_object(Bucket=bucket, Key="r", Range="bytes=5-100")["Body"].read(), b"56789", "range past the end")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="r", Range="bytes=20-30")), ("InvalidRange", 416),
           "unsatisfiable range")


@check
def get_object_conditionalHeaders_asS3():
    bucket = new_bucket()
    etag = s3.put_object(Bucket=bucket, Key="c", Body=b"v1")["ETag"]
    expect(s3.get_object(Bucket=bucket, Key="c", IfMatch=etag)["Body"].read(), b"v1", "If-Match hit")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="c", IfMatch='"0000"')), ("PreconditionFailed", 412),
           "If-Match miss")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="c", IfNoneMatch=etag))[1], 304, "If-None-Match hit")
    modified = s3.head_object(Bucket=bucket, Key="c")["LastModified"]
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="c", IfModifiedSince=modified + timedelta(hours=1)))[1],
           304, "If-Modified-Since after the last modification")
    expect(s3.get_object(Bucket=bucket, Key="c", IfModifiedSince=modified - timedelta(hours=1))["Body"].read(), b"v1",
           "If-Modified-Since before the last modification")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="c",
                                          IfUnmodifiedSince=modified - timedelta(hours=1))),
           ("PreconditionFailed", 412), "If-Unmodified-Since before the last modification")
    expect(error_of(lambda: s3.put_object(Bucket=bucket, Key="c", Body=b"v2", IfNoneMatch="*")),
           ("PreconditionFailed", 412), "conditional create of an existing key")
    expect(s3.get_object(Bucket=bucket, Key="c")["Body"].read(), b"v1", "object after refused conditional PUT")


# --- server-side encryption -------------------------------------------------------------------------------------

@check
def sse_s3_recordedAndEchoed():
    bucket = new_bucket()
    expect(s3.put_object(Bucket=bucket, Key="plain", Body=b"x")["ServerSideEncryption"], "AES256",
           "default encryption on PUT (S3 encrypts every object since 2023)")
    expect(s3.head_object(Bucket=bucket, Key="plain")["ServerSideEncryption"], "AES256", "default on HEAD")
    put = s3.put_object(Bucket=bucket, Key="s3", Body=b"x", ServerSideEncryption="AES256")
    expect(put["ServerSideEncryption"], "AES256", "SSE-S3 on PUT")
    expect(s3.get_object(Bucket=bucket, Key="s3")["ServerSideEncryption"], "AES256", "SSE-S3 on GET")
    expect(error_of(lambda: s3.put_object(Bucket=bucket, Key="bad", Body=b"x", ServerSideEncryption="AES128")),
           ("InvalidArgument", 400), "an unknown algorithm")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="s3", SSECustomerAlgorithm="AES256",
                                          SSECustomerKey=b"k" * 32)), ("InvalidRequest", 400),
           "a customer key for an object without one")


@check
def sse_kms_recordedAndEchoedOnPutHeadGetCopyMultipart():
    bucket = new_bucket()
    key_arn = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"secret", ServerSideEncryption="aws:kms", SSEKMSKeyId=key_arn,
                        BucketKeyEnabled=True)
    expect((put["ServerSideEncryption"], put["SSEKMSKeyId"], put.get("BucketKeyEnabled")),
           ("aws:kms", key_arn, True), "SSE-KMS on PUT")
    for response, what in ((s3.head_object(Bucket=bucket, Key="k"), "HEAD"),
                           (s3.get_object(Bucket=bucket, Key="k"), "GET")):
        expect((response["ServerSideEncryption"], response["SSEKMSKeyId"], response.get("BucketKeyEnabled")),
               ("aws:kms", key_arn, True), f"SSE-KMS on {what}")
    copy = s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "k"},
                          ServerSideEncryption="aws:kms", SSEKMSKeyId=key_arn)
    expect((copy["ServerSideEncryption"], copy["SSEKMSKeyId"]), ("aws:kms", key_arn), "SSE-KMS on copy")
    expect(s3.head_object(Bucket=bucket, Key="copy")["SSEKMSKeyId"], key_arn, "copy target's key")
    plain_copy = s3.copy_object(Bucket=bucket, Key="plain-copy", CopySource={"Bucket": bucket, "Key": "k"})
    expect(plain_copy["ServerSideEncryption"], "AES256", "a copy naming no encryption gets the default")
    upload = s3.create_multipart_upload(Bucket=bucket, Key="mpu", ServerSideEncryption="aws:kms",
                                        SSEKMSKeyId=key_arn)
    expect((upload["ServerSideEncryption"], upload["SSEKMSKeyId"]), ("aws:kms", key_arn), "SSE-KMS on create")
    part = s3.upload_part(Bucket=bucket, Key="mpu", UploadId=upload["UploadId"], PartNumber=1, Body=b"p")
    expect((part["ServerSideEncryption"], part["SSEKMSKeyId"]), ("aws:kms", key_arn), "SSE-KMS on UploadPart")
    done = s3.complete_multipart_upload(Bucket=bucket, Key="mpu", UploadId=upload["UploadId"],
                                        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    expect((done["ServerSideEncryption"], done["SSEKMSKeyId"]), ("aws:kms", key_arn), "SSE-KMS on complete")
    expect(s3.head_object(Bucket=bucket, Key="mpu")["SSEKMSKeyId"], key_arn, "completed object's key")
    expect(error_of(lambda: s3.put_object(Bucket=bucket, Key="bad", Body=b"x", ServerSideEncryption="AES256",
                                          SSEKMSKeyId=key_arn)), ("InvalidArgument", 400), "a KMS key with AES256")
    # No key named: S3 uses the account's AWS managed key for S3 (aws s3 cp --sse aws:kms sends none).
    managed = "arn:aws:kms:us-east-1:000000000000:alias/aws/s3"
    put = s3.put_object(Bucket=bucket, Key="managed", Body=b"x", ServerSideEncryption="aws:kms")
    expect((put["ServerSideEncryption"], put["SSEKMSKeyId"]), ("aws:kms", managed), "aws:kms without a key")
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in.txt")
        with open(source, "wb") as f:
            f.write(b"cli")
        aws("s3", "cp", source, f"s3://{bucket}/cli-kms", "--sse", "aws:kms")
    head = s3.head_object(Bucket=bucket, Key="cli-kms")
    expect((head["ServerSideEncryption"], head["SSEKMSKeyId"]), ("aws:kms", managed), "aws s3 cp --sse aws:kms")


@check
def sse_c_validatedAndReadableOnlyWithTheSameKey():
    bucket = new_bucket()
    key = os.urandom(32)
    put = s3.put_object(Bucket=bucket, Key="c", Body=ALL_BYTES, **ssec(key))
    key_md5 = base64.b64encode(hashlib.md5(key).digest()).decode()
    expect((put["SSECustomerAlgorithm"], put["SSECustomerKeyMD5"]), ("AES256", key_md5), "SSE-C on PUT")
    got = s3.get_object(Bucket=bucket, Key="c", **ssec(key))
    expect((got["Body"].read(), got["SSECustomerKeyMD5"]), (ALL_BYTES, key_md5), "GET with the key")
    expect(s3.head_object(Bucket=bucket, Key="c", **ssec(key))["SSECustomerAlgorithm"], "AES256", "HEAD with key")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="c")), ("InvalidRequest", 400), "GET without the key")
    expect(error_of(lambda: s3.head_object(Bucket=bucket, Key="c"))[1], 400, "HEAD without the key")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="c", **ssec(os.urandom(32))))[1], 400,
           "GET with another key")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "c"})
    status, _, body = curl(url)
    expect(status, 400, "presigned GET without the key")
    if ALL_BYTES[:64] in body:
        raise AssertionError("the object's bytes were returned without its key")
    headers = [arg for name, value in ssec_raw_headers(key).items() for arg in ("-H", f"{name}: {value}")]
    status, _, body = curl(*headers, url)
    expect((status, body), (200, ALL_BYTES), "presigned GET with the key headers")


@check
def sse_c_malformedKeys_answerS3Errors():
    bucket = new_bucket()
    key = b"k" * 32
    good_md5 = base64.b64encode(hashlib.md5(key).digest()).decode()
    cases = [
        ("algorithm AES128", {"SSECustomerAlgorithm": "AES128", "SSECustomerKey": key}),
        ("a 16-byte key", {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": b"k" * 16}),
        ("a wrong key MD5", {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key.decode(),
                             "SSECustomerKeyMD5": base64.b64encode(hashlib.md5(b"x").digest()).decode()}),
    ]
    for what, arguments in cases:
        expect(error_of(lambda: s3.put_object(Bucket=bucket, Key="bad", Body=b"x", **arguments)),
               ("InvalidArgument", 400), f"SSE-C with {what}")
    # botocore always adds the key MD5 itself: send the incomplete triples with curl.
    url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "bad"})
    for what, headers in (("no key", {"x-amz-server-side-encryption-customer-algorithm": "AES256"}),
                          ("no key MD5", {"x-amz-server-side-encryption-customer-algorithm": "AES256",
                                          "x-amz-server-side-encryption-customer-key":
                                              base64.b64encode(key).decode()})):
        arguments = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
        status, _, body = curl("-X", "PUT", *arguments, "--data-binary", "x", url)
        expect(status, 400, f"SSE-C PUT with {what}")
        if b"<Code>InvalidArgument</Code>" not in body:
            raise AssertionError(f"SSE-C PUT with {what}: {body!r}")
    expect(keys_of(bucket), [], f"objects stored by refused SSE-C writes (good MD5 was {good_md5})")


@check
def sse_c_copyAndMultipart_requireTheKey():
    bucket = new_bucket()
    key, other = os.urandom(32), os.urandom(32)
    s3.put_object(Bucket=bucket, Key="src", Body=b"source", **ssec(key))
    expect(error_of(lambda: s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"}))[1],
           400, "copy of an SSE-C source without its key")
    s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"},
                   **ssec(key, "CopySourceSSECustomer"), **ssec(other))
    expect(s3.get_object(Bucket=bucket, Key="dst", **ssec(other))["Body"].read(), b"source",
           "copy re-encrypted under another key")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="dst", **ssec(key)))[1], 400, "copy read with old key")
    upload = s3.create_multipart_upload(Bucket=bucket, Key="mpu", **ssec(key))
    expect(error_of(lambda: s3.upload_part(Bucket=bucket, Key="mpu", UploadId=upload["UploadId"], PartNumber=1,
                                           Body=b"p"))[1], 400, "UploadPart without the upload's key")
    part = s3.upload_part(Bucket=bucket, Key="mpu", UploadId=upload["UploadId"], PartNumber=1, Body=b"p", **ssec(key))
    s3.complete_multipart_upload(Bucket=bucket, Key="mpu", UploadId=upload["UploadId"],
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]}, **ssec(key))
    expect(s3.get_object(Bucket=bucket, Key="mpu", **ssec(key))["Body"].read(), b"p", "multipart SSE-C object")
    expect(error_of(lambda: s3.get_object(Bucket=bucket, Key="mpu"))[1], 400, "multipart SSE-C without key")


@check
def sse_bucketDefaultKms_appliesToWritesNamingNone():
    bucket = new_bucket()
    key_arn = "arn:aws:kms:us-east-1:000000000000:key/bucket-default"
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn}}]})
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    expect((put["ServerSideEncryption"], put["SSEKMSKeyId"]), ("aws:kms", key_arn), "bucket default on PUT")
    rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    expect(rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"], key_arn, "GetBucketEncryption")


if __name__ == "__main__":
    run_checks(CHECKS)
