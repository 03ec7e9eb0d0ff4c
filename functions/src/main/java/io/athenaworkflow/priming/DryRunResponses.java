package io.athenaworkflow.priming;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The answers a dry run gets: one well-formed response per operation the handlers call on their first invocation,
 * shaped like the service's (Athena's JSON 1.1 protocol, S3's REST-XML), about one succeeded query
 * {@value #QUERY_ID} whose result is {@value #RESULT}. The sample payloads the handlers prime with
 * ({@code HandlerPriming}) name the same query, so each first call runs to its normal end. An operation missing
 * here is answered with an error, which fails the priming loudly rather than sending anything.
 */
public final class DryRunResponses {

    public static final String QUERY_ID = "00000000-0000-4000-8000-00000000d2a1";
    public static final String RESULTS_PREFIX = "s3://dry-run-results/priming/";
    public static final String RESULT = RESULTS_PREFIX + QUERY_ID + ".csv";

    private static final String JSON = "application/x-amz-json-1.1";
    private static final String XML = "application/xml";

    /** A response: status, content type and body. */
    public record Answer(int status, String contentType, byte[] body) {

        static Answer of(String contentType, String body) {
            return new Answer(200, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private DryRunResponses() {
    }

    /**
     * @param method the HTTP method
     * @param queryParameters the names of the request's query parameters (S3 picks the operation by them)
     * @param target the {@code X-Amz-Target} header of a JSON-protocol request, or null
     */
    public static Answer answer(String method, Set<String> queryParameters, String target) {
        if (target != null) {
            return athena(target.substring(target.indexOf('.') + 1));
        }
        if ("POST".equals(method) && queryParameters.contains("delete")) {
            return Answer.of(XML, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
                    <Deleted><Key>priming/%1$s.csv</Key></Deleted>\
                    <Deleted><Key>priming/%1$s.csv.metadata</Key></Deleted></DeleteResult>""".formatted(QUERY_ID));
        }
        if ("GET".equals(method) && queryParameters.contains("list-type")) {
            return Answer.of(XML, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
                    <Name>dry-run-results</Name><Prefix>priming/%1$s</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>\
                    <IsTruncated>false</IsTruncated>\
                    <Contents><Key>priming/%1$s.csv</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>\
                    <ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag><Size>14</Size><StorageClass>STANDARD</StorageClass></Contents>\
                    <Contents><Key>priming/%1$s.csv.metadata</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>\
                    <ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag><Size>10</Size><StorageClass>STANDARD</StorageClass></Contents>\
                    </ListBucketResult>""".formatted(QUERY_ID));
        }
        if ("GET".equals(method)) {
            return Answer.of("text/csv", "\"n\",\"s\"\n\"1\",\"a\"\n");
        }
        return error(XML, "<Error><Code>NotImplemented</Code><Message>The dry run has no answer for " + method + " "
                + queryParameters + "</Message></Error>");
    }

    private static Answer athena(String operation) {
        return switch (operation) {
            case "StartQueryExecution" -> Answer.of(JSON, "{\"QueryExecutionId\":\"" + QUERY_ID + "\"}");
            case "StopQueryExecution" -> Answer.of(JSON, "{}");
            case "GetQueryExecution" -> Answer.of(JSON, """
                    {"QueryExecution":{"QueryExecutionId":"%s","Query":"SELECT 1 AS n, 'a' AS s","StatementType":"DML",\
                    "ResultConfiguration":{"OutputLocation":"%s"},"ResultReuseConfiguration":{"ResultReuseByAgeConfiguration":{"Enabled":false}},\
                    "QueryExecutionContext":{"Catalog":"awsdatacatalog"},\
                    "Status":{"State":"SUCCEEDED","SubmissionDateTime":1.7040672E9,"CompletionDateTime":1.704067201E9},\
                    "Statistics":{"EngineExecutionTimeInMillis":120,"DataScannedInBytes":0,"TotalExecutionTimeInMillis":180,\
                    "QueryQueueTimeInMillis":20,"ServicePreProcessingTimeInMillis":10,"QueryPlanningTimeInMillis":30,\
                    "ServiceProcessingTimeInMillis":20,"ResultReuseInformation":{"ReusedPreviousResult":false}},\
                    "WorkGroup":"primary","EngineVersion":{"SelectedEngineVersion":"AUTO","EffectiveEngineVersion":"Athena engine version 3"}}}\
                    """.formatted(QUERY_ID, RESULT));
            case "GetQueryResults" -> Answer.of(JSON, """
                    {"UpdateCount":0,"ResultSet":{"Rows":[{"Data":[{"VarCharValue":"n"},{"VarCharValue":"s"}]}],\
                    "ResultSetMetadata":{"ColumnInfo":[\
                    {"CatalogName":"hive","SchemaName":"","TableName":"","Name":"n","Label":"n","Type":"integer","Precision":10,"Scale":0,"Nullable":"UNKNOWN","CaseSensitive":false},\
                    {"CatalogName":"hive","SchemaName":"","TableName":"","Name":"s","Label":"s","Type":"varchar","Precision":1,"Scale":0,"Nullable":"UNKNOWN","CaseSensitive":true}]}}}\
                    """);
            default -> error(JSON, "{\"__type\":\"InvalidRequestException\",\"Message\":\"The dry run has no answer for "
                    + operation + "\"}");
        };
    }

    private static Answer error(String contentType, String body) {
        return new Answer(400, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
