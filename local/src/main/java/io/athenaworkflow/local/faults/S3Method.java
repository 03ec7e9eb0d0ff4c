package io.athenaworkflow.local.faults;

/**
 * The HTTP method of an S3 request, which with the key tells the operation: GET an object (or list a bucket, with no
 * key), PUT an object (or a part), HEAD an object, DELETE an object, POST a bucket ({@code ?delete}: DeleteObjects).
 */
public enum S3Method {
    GET, PUT, HEAD, DELETE, POST
}
