/**
 * Baseline handlers for the cold-call benchmark: the product's handlers (same package, so their client-taking
 * constructors are reachable) with every SDK client from {@code XxxClient.create()} — the SDK's defaults: its
 * default HTTP client (Apache 5 for SDK 2.50.2), the default region provider chain and the default credential
 * provider chain. The calls made and the JSON handled are the product's, so the only differences measured are
 * those defaults (and, in the benchmark, the JVM flags).
 */
package io.athenaworkflow.handlers;
