package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ResultWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A Distributed Map's ResultWriter: the children's records grouped by status into {@code SUCCEEDED_0.json},
 * {@code FAILED_0.json} (failed, timed out and aborted children) and {@code PENDING_0.json} (children never started),
 * plus {@code manifest.json}, under {@code <Prefix>/<Map Run id>/} of the bucket, in AWS's documented shapes; the
 * state's result is then {@code {MapRunArn, ResultWriterDetails: {Bucket, Key}}}. Without Resource (only a
 * WriterConfig) the state's result is the transformed array instead.
 */
final class ResultExport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The timestamps of the result records: ISO-8601 with milliseconds, as AWS writes them. */
    private static final DateTimeFormatter DATES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * One child (item or batch): its execution ({@code null} if it never started), input, result and number of items.
     */
    record Child(Execution execution, JsonNode input, JsonNode output, int itemCount) {
    }

    private final TaskInvoker invoker;

    ResultExport(TaskInvoker invoker) {
        this.invoker = invoker;
    }

    /**
     * The state's result: the export's location when the writer exports to S3 ({@code arguments} are its evaluated
     * Parameters/Arguments), else the children's results as the WriterConfig shapes them.
     *
     * @throws StatesError States.ResultWriterFailed when a file cannot be written; States.Runtime for bad arguments
     */
    JsonNode result(ResultWriter writer, JsonNode arguments, MapRun run, List<Child> children) {
        if (!writer.exports()) {
            return shaped(writer.transformation(), children.stream()
                    .filter(child -> child.execution() != null).toList());
        }
        if (!(arguments instanceof ObjectNode request) || !request.path("Bucket").isTextual()
                || request.has("Prefix") && !request.get("Prefix").isTextual()) {
            throw StatesError.runtime("The ResultWriter Parameters/Arguments must be an object with a string Bucket"
                    + " and an optional string Prefix, got " + Json.compact(arguments));
        }
        String bucket = request.get("Bucket").asText();
        String prefix = request.path("Prefix").asText("");
        String id = run.arn().substring(run.arn().lastIndexOf(':') + 1);
        String folder = (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + id + "/";
        ObjectNode manifest = NODES.objectNode();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", run.arn());
        ObjectNode files = manifest.putObject("ResultFiles");
        List<Child> succeeded = children.stream().filter(c -> status(c) == ExecutionStatus.SUCCEEDED).toList();
        List<Child> failed = children.stream().filter(c -> c.execution() != null
                && status(c) != ExecutionStatus.SUCCEEDED).toList();
        List<Child> pending = children.stream().filter(c -> c.execution() == null).toList();
        write(bucket, folder, "FAILED", shaped(ResultWriter.Transformation.NONE, failed), writer, files);
        write(bucket, folder, "PENDING", pendingRecords(pending), writer, files);
        write(bucket, folder, "SUCCEEDED", shaped(writer.transformation(), succeeded), writer, files);
        String manifestKey = folder + "manifest.json";
        put(bucket, manifestKey, Json.compact(manifest));
        List<Child> ran = children.stream().filter(c -> c.execution() != null).toList();
        run.resultsWritten(ran.stream().mapToLong(Child::itemCount).sum(), ran.size());
        ObjectNode result = NODES.objectNode();
        result.put("MapRunArn", run.arn());
        ObjectNode details = result.putObject("ResultWriterDetails");
        details.put("Bucket", bucket);
        details.put("Key", manifestKey);
        return result;
    }

    /** Writes {@code <STATUS>_0.json} when there are records, listing it (or nothing) in the manifest. */
    private void write(String bucket, String folder, String status, ArrayNode records, ResultWriter writer,
                       ObjectNode files) {
        ArrayNode listed = files.putArray(status);
        if (records.isEmpty()) {
            return;
        }
        String body;
        if (writer.outputType() == ResultWriter.OutputType.JSONL) {
            StringBuilder lines = new StringBuilder();
            records.forEach(record -> lines.append(Json.compact(record)).append('\n'));
            body = lines.toString();
        } else {
            body = Json.compact(records);
        }
        String key = folder + status + "_0.json";
        put(bucket, key, body);
        ObjectNode file = listed.addObject();
        file.put("Key", key);
        file.put("Size", body.getBytes(StandardCharsets.UTF_8).length);
    }

    private void put(String bucket, String key, String body) {
        try {
            invoker.writeResult(bucket, key, body);
        } catch (StatesError e) {
            if (ErrorNames.RUNTIME.equals(e.error())) {
                throw e;
            }
            throw new StatesError("States.ResultWriterFailed", "Writing s3://" + bucket + "/" + key + " failed: "
                    + e.error() + ": " + e.cause());
        }
    }

    /** The children's results: whole records (NONE), outputs (COMPACT) or outputs with arrays spread (FLATTEN). */
    private static ArrayNode shaped(ResultWriter.Transformation transformation, List<Child> children) {
        ArrayNode shaped = NODES.arrayNode();
        for (Child child : children) {
            // A failed child's result is always its whole record, whatever the transformation.
            if (transformation == ResultWriter.Transformation.NONE || status(child) != ExecutionStatus.SUCCEEDED) {
                shaped.add(record(child));
            } else if (transformation == ResultWriter.Transformation.FLATTEN && child.output().isArray()) {
                shaped.addAll((ArrayNode) child.output());
            } else {
                shaped.add(child.output());
            }
        }
        return shaped;
    }

    private static ExecutionStatus status(Child child) {
        return child.execution() == null ? null
                : child.execution().result().map(ExecutionResult::status).orElse(ExecutionStatus.RUNNING);
    }

    /** A child's record as AWS writes it (fields in AWS's order). */
    private static ObjectNode record(Child child) {
        Execution execution = child.execution();
        ExecutionResult result = execution.result().orElseThrow();
        boolean succeeded = result.status() == ExecutionStatus.SUCCEEDED;
        ObjectNode record = NODES.objectNode();
        if (!succeeded && result.cause() != null) {
            record.put("Cause", result.cause());
        }
        if (!succeeded && result.error() != null) {
            record.put("Error", result.error());
        }
        record.put("ExecutionArn", execution.context().executionArn());
        record.put("Input", execution.context().inputJson());
        record.putObject("InputDetails").put("Included", true);
        record.put("Name", execution.context().name());
        if (succeeded) {
            record.put("Output", result.output());
        }
        record.putObject("OutputDetails").put("Included", true);
        record.put("RedriveCount", 0);
        if (succeeded) {
            record.put("RedriveStatus", "NOT_REDRIVABLE");
            record.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
        } else {
            record.put("RedriveStatus", "REDRIVABLE_BY_MAP_RUN");
        }
        record.put("StartDate", date(execution.startDate()));
        record.put("StateMachineArn", execution.context().stateMachineArn());
        record.put("Status", result.status().name());
        record.put("StopDate", date(result.stopDate()));
        return record;
    }

    /** Children never started: only their input is known. */
    private static ArrayNode pendingRecords(List<Child> pending) {
        ArrayNode records = NODES.arrayNode();
        for (Child child : pending) {
            ObjectNode record = records.addObject();
            record.put("Input", Json.compact(child.input()));
            record.putObject("InputDetails").put("Included", true);
        }
        return records;
    }

    private static String date(Instant instant) {
        return DATES.format(instant);
    }
}
