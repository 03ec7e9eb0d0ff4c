package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Distributed Map's {@code ResultWriter}: where and how the child executions' results are exported.
 * {@code resource} is {@code arn:aws:states:::s3:putObject} and {@code arguments} the {@code Parameters} (JSONPath) or
 * {@code Arguments} (JSONata) template naming the {@code Bucket} and {@code Prefix}, both {@code null} when only a
 * {@code WriterConfig} shapes the state output. {@code outputType} and {@code transformation} are the
 * {@code WriterConfig} settings, already defaulted as AWS documents: JSON, and NONE when exporting (COMPACT when not).
 */
public record ResultWriter(String resource, JsonNode arguments, OutputType outputType, Transformation transformation) {

    public static final String PUT_OBJECT = "arn:aws:states:::s3:putObject";

    /** {@code WriterConfig.OutputType}: a JSON array, or JSON Lines. */
    public enum OutputType { JSON, JSONL }

    /**
     * {@code WriterConfig.Transformation}: each child's whole execution record (NONE), its output only (COMPACT), or
     * its output with arrays flattened into the result (FLATTEN).
     */
    public enum Transformation { NONE, COMPACT, FLATTEN }

    /** Whether the results go to S3 (otherwise only the state output is shaped). */
    public boolean exports() {
        return resource != null;
    }
}
