package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The intermediate values of one state's data flow (afterInputPath, afterParameters, result, ...), collected while a
 * state runs under TestState with inspectionLevel DEBUG or TRACE. Field names are those of botocore's InspectionData.
 */
public final class Inspection {

    private final Map<String, JsonNode> values = new LinkedHashMap<>();

    synchronized void record(String field, JsonNode value) {
        values.put(field, value);
    }

    /** The values recorded, in the order the data flow produced them. */
    public synchronized Map<String, JsonNode> values() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
