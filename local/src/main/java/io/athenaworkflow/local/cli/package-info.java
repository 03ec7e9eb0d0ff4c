/**
 * The {@code athena-local} command line ({@link io.athenaworkflow.local.cli.AthenaLocal}): {@code demo}, {@code up},
 * {@code run} and {@code exec} on the embedded local runtime. Results go to standard output, progress and messages to
 * standard error. Rendering (progress lines, result tables) lives in small classes of its own so it can be tested
 * character for character.
 */
package io.athenaworkflow.local.cli;
