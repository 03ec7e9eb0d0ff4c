/**
 * The local Step Functions console: the static page at {@code /console/} on the edge port, bundled from
 * {@code local/console/} by the Maven build. The page uses only the public Step Functions JSON API.
 */
package io.athenaworkflow.local.console;
