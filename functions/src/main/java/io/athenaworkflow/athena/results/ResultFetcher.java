package io.athenaworkflow.athena.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.QueryStatistics;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.AwsErrors;
import io.athenaworkflow.athena.errors.AwsService;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.ResultNotFoundException;
import io.athenaworkflow.athena.errors.ResultUnreadableException;
import io.athenaworkflow.athena.status.StatusChecker;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a succeeded query's result by streaming its object from S3 (one GET, however many rows) instead of paging
 * through GetQueryResults 1,000 rows at a time. Returns the typed columns, a preview of at most
 * {@code maxInlineRows} rows and {@link #MAX_PREVIEW_BYTES} bytes, the total row count and the object's location.
 */
public final class ResultFetcher {

    /** Budget for the preview rows, so the whole step output stays well under Step Functions' 256 KB payload limit. */
    public static final int MAX_PREVIEW_BYTES = 128 * 1024;

    private final AthenaClient athena;
    private final S3Client s3;
    private final ObjectMapper mapper;

    public ResultFetcher(AthenaClient athena, S3Client s3, ObjectMapper mapper) {
        this.athena = athena;
        this.s3 = s3;
        this.mapper = mapper;
    }

    /**
     * @throws InvalidInputException when the query has not SUCCEEDED
     * @throws ResultNotFoundException when its result object is gone
     * @throws ResultUnreadableException when the object is not Athena's CSV
     */
    public QueryResults fetch(QueryHandle handle) {
        String id = handle.queryExecutionId();
        QueryExecution execution = StatusChecker.describe(athena, id);
        if (!"SUCCEEDED".equals(execution.status().stateAsString())) {
            throw new InvalidInputException("Query " + id + " is " + execution.status().stateAsString()
                    + "; FetchResults reads only SUCCEEDED queries.");
        }
        QueryStatistics statistics = QueryStatistics.of(execution);
        String statementType = execution.statementTypeAsString();
        String output = execution.resultConfiguration() == null ? null : execution.resultConfiguration().outputLocation();
        List<QueryResults.Column> columns = columns(id);
        if (output == null) {
            return new QueryResults(id, statementType, columns, mapper.createArrayNode(), 0, false, null, statistics);
        }
        S3Location location = S3Location.parse(output, "ResultConfiguration.OutputLocation");
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(location.bucket()).key(location.key())
                .expectedBucketOwner(handle.expectedBucketOwner()))) {
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            Preview preview = new Preview(handle.maxInlineRows());
            long rows = location.key().endsWith(".csv")
                    ? readCsv(new AthenaCsvReader(reader), columns, preview)
                    : readText(new BufferedReader(reader, 64 * 1024), columns, preview);
            return new QueryResults(id, statementType, List.copyOf(columns), preview.rows, rows,
                    preview.rows.size() < rows, location.toString(), statistics);
        } catch (NoSuchKeyException e) {
            throw new ResultNotFoundException("The result of query " + id + " is missing at " + location
                    + ": it was deleted (a lifecycle rule or another process) before FetchResults read it.", e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsService.S3, "GetObject " + location);
        } catch (IOException e) {
            throw AwsErrors.readFailed(AwsService.S3, "GetObject " + location, e);
        }
    }

    private List<QueryResults.Column> columns(String id) {
        try {
            var metadata = athena.getQueryResults(r -> r.queryExecutionId(id).maxResults(1)).resultSet().resultSetMetadata();
            List<QueryResults.Column> columns = new ArrayList<>();
            if (metadata != null) {
                for (ColumnInfo info : metadata.columnInfo()) {
                    columns.add(new QueryResults.Column(info.name(), info.type()));
                }
            }
            return columns;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsService.ATHENA, "GetQueryResults " + id);
        }
    }

    /** A CSV result: a header row of column names, then the rows. */
    private long readCsv(AthenaCsvReader csv, List<QueryResults.Column> columns, Preview preview) {
        List<String> header = csv.next();
        if (header == null) {
            return 0;
        }
        if (columns.isEmpty()) {
            header.forEach(name -> columns.add(new QueryResults.Column(name, "varchar")));
        }
        Shape shape = new Shape(columns);
        long count = 0;
        while (preview.wantsMore()) {
            List<String> row = csv.next();
            if (row == null) {
                return count;
            }
            count++;
            preview.offer(shape.toJson(row, mapper));
        }
        while (csv.skip()) {
            count++;
        }
        return count;
    }

    /** A DDL or utility statement's text result: one row per line (tab-separated when there are several columns). */
    private long readText(BufferedReader lines, List<QueryResults.Column> columns, Preview preview) throws IOException {
        if (columns.isEmpty()) {
            columns.add(new QueryResults.Column("result", "varchar"));
        }
        Shape shape = new Shape(columns);
        long count = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            count++;
            if (preview.wantsMore()) {
                List<String> values = columns.size() == 1 ? List.of(line) : List.of(line.split("\t", -1));
                preview.offer(shape.toJson(values, mapper));
            }
        }
        return count;
    }

    /** The JSON key and conversion of each column; repeated names get a suffix so no value is lost. */
    private static final class Shape {
        private final String[] keys;
        private final ColumnType[] types;

        Shape(List<QueryResults.Column> columns) {
            keys = new String[columns.size()];
            types = new ColumnType[columns.size()];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < keys.length; i++) {
                String name = columns.get(i).name();
                String key = name;
                for (int n = 2; !seen.add(key); n++) {
                    key = name + "_" + n;
                }
                keys[i] = key;
                types[i] = ColumnType.of(columns.get(i).type());
            }
        }

        ObjectNode toJson(List<String> values, ObjectMapper mapper) {
            ObjectNode row = mapper.createObjectNode();
            for (int i = 0; i < keys.length; i++) {
                row.set(keys[i], types[i].toJson(i < values.size() ? values.get(i) : null));
            }
            return row;
        }
    }

    /** Collects rows until the row limit or the byte budget is reached. */
    private final class Preview {
        final ArrayNode rows = mapper.createArrayNode();
        private final int maxRows;
        /** The serialized array's size: its brackets, then each row and the comma before all but the first. */
        private long bytes = 1;
        private boolean full;

        Preview(int maxRows) {
            this.maxRows = maxRows;
        }

        boolean wantsMore() {
            return !full && rows.size() < maxRows;
        }

        void offer(ObjectNode row) {
            try {
                long size = mapper.writeValueAsBytes(row).length + 1L;
                if (bytes + size > MAX_PREVIEW_BYTES) {
                    full = true;
                    return;
                }
                bytes += size;
                rows.add(row);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A JSON tree always serialises", e);
            }
        }
    }
}
