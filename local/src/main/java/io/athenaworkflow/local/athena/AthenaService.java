package io.athenaworkflow.local.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.SqlEngine;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.edge.AwsServiceError;
import io.athenaworkflow.local.s3.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Amazon Athena's JSON API ({@code X-Amz-Target: AmazonAthena.*}) over an {@link SqlEngine}: query executions with
 * Athena's lifecycle, result files and errors, the {@code primary} workgroup, and the {@code AwsDataCatalog}
 * catalog. Register it with the edge server.
 */
public final class AthenaService implements AwsJsonService, AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PRIMARY = "primary";
    private static final String WORKGROUP_PATTERN = "[a-zA-Z0-9._-]{1,128}";
    private static final int MAX_RESULTS = 1000;
    private static final int MAX_LIST_RESULTS = 50;
    private static final int DEFAULT_REUSE_MAX_AGE_MINUTES = 60;

    private final AthenaConfig config;
    private final ObjectStore store;
    private final AthenaCatalog catalog;
    private final RuntimeClock clock;
    private static final String SYNTAX_ERROR = "SYNTAX_ERROR: ";
    private final SqlEngine engine;
    private final QueryRunner runner;
    private final Instant workGroupCreated;
    // Guarded by this: executions in submission order, and ClientRequestTokens.
    private final Map<String, QueryExecution> executions = new LinkedHashMap<>();
    private final Map<String, TokenUse> tokens = new LinkedHashMap<>();

    private AthenaService(AthenaConfig config, SqlEngine engine, AthenaCatalog catalog, ObjectStore store,
            RuntimeClock clock) {
        this.config = config;
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.engine = engine;
        this.runner = new QueryRunner(engine, store, clock, config);
        this.workGroupCreated = clock.now();
    }

    /**
     * A service running queries on {@code engine}. The engine and store stay owned by the caller; closing the
     * service stops its workers.
     */
    public static AthenaService create(AthenaConfig config, SqlEngine engine, AthenaCatalog catalog,
            ObjectStore store, RuntimeClock clock) {
        return new AthenaService(Objects.requireNonNull(config, "config"), Objects.requireNonNull(engine, "engine"),
                Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String targetPrefix() {
        return "AmazonAthena";
    }

    @Override
    public String jsonVersion() {
        return "1.1";
    }

    @Override
    public String internalErrorType() {
        return "InternalServerException";
    }

    @Override
    public JsonNode handle(String operation, ObjectNode body) {
        JsonRequest request = JsonRequest.of(body);
        return switch (operation) {
            case "StartQueryExecution" -> startQueryExecution(request);
            case "GetQueryExecution" -> getQueryExecution(request);
            case "BatchGetQueryExecution" -> batchGetQueryExecution(request);
            case "GetQueryResults" -> getQueryResults(request);
            case "StopQueryExecution" -> stopQueryExecution(request);
            case "GetQueryRuntimeStatistics" ->
                    QueryRuntimeStatistics.response(requireQuery(queryExecutionId(request)), clock.now(), store);
            case "ListQueryExecutions" -> listQueryExecutions(request);
            case "GetWorkGroup" -> getWorkGroup(request);
            case "ListWorkGroups" -> listWorkGroups(request);
            case "ListDataCatalogs" -> listDataCatalogs(request);
            case "ListDatabases" -> listDatabases(request);
            case "GetDatabase" -> getDatabase(request);
            case "ListTableMetadata" -> listTableMetadata(request);
            case "GetTableMetadata" -> getTableMetadata(request);
            default -> throw AwsServiceError.client("UnknownOperationException", null);
        };
    }

    // ---- query executions ----

    /** Athena rejects a statement that does not parse at once: InvalidRequestException with the parser's message. */
    private void checkSyntax(String queryString) {
        try {
            engine.checkSyntax(queryString);
        } catch (QueryFailure e) {
            String message = e.getMessage();
            throw AwsServiceError.client("InvalidRequestException",
                    message.startsWith(SYNTAX_ERROR) ? message.substring(SYNTAX_ERROR.length()) : message);
        }
    }

    private JsonNode startQueryExecution(JsonRequest request) {
        String queryString = request.string("QueryString");
        String token = request.string("ClientRequestToken");
        JsonRequest context = request.structure("QueryExecutionContext");
        String database = context == null ? null : context.string("Database");
        String catalogName = context == null ? null : context.string("Catalog");
        JsonRequest resultConfiguration = request.structure("ResultConfiguration");
        String outputLocation = resultConfiguration == null ? null : resultConfiguration.string("OutputLocation");
        JsonRequest encryption = resultConfiguration == null ? null
                : resultConfiguration.structure("EncryptionConfiguration");
        String encryptionOption = encryption == null ? null : encryption.string("EncryptionOption");
        String kmsKey = encryption == null ? null : encryption.string("KmsKey");
        String expectedOwner = resultConfiguration == null ? null
                : resultConfiguration.string("ExpectedBucketOwner");
        JsonRequest acl = resultConfiguration == null ? null : resultConfiguration.structure("AclConfiguration");
        String aclOption = acl == null ? null : acl.string("S3AclOption");
        String workGroup = request.string("WorkGroup");
        List<String> parameters = request.strings("ExecutionParameters");
        JsonRequest reuse = request.structure("ResultReuseConfiguration");
        JsonRequest byAge = reuse == null ? null : reuse.structure("ResultReuseByAgeConfiguration");
        Boolean reuseEnabled = byAge == null ? null : byAge.bool("Enabled");
        Integer reuseMaxAge = byAge == null ? null : byAge.integer("MaxAgeInMinutes");

        Validation validation = new Validation();
        validation.required("queryString", queryString);
        validation.length("queryString", queryString, 1, 262_144);
        validation.length("clientRequestToken", token, 32, 128);
        validation.length("queryExecutionContext.database", database, 1, 255);
        validation.length("queryExecutionContext.catalog", catalogName, 1, 256);
        validation.pattern("workGroup", workGroup, WORKGROUP_PATTERN);
        if (encryption != null) {
            validation.required("resultConfiguration.encryptionConfiguration.encryptionOption", encryptionOption);
            validation.enumeration("resultConfiguration.encryptionConfiguration.encryptionOption", encryptionOption,
                    List.of("SSE_S3", "SSE_KMS", "CSE_KMS"));
        }
        validation.length("resultConfiguration.expectedBucketOwner", expectedOwner, 12, 12);
        validation.pattern("resultConfiguration.expectedBucketOwner", expectedOwner, "^[0-9]+$");
        if (acl != null) {
            validation.required("resultConfiguration.aclConfiguration.s3AclOption", aclOption);
            validation.enumeration("resultConfiguration.aclConfiguration.s3AclOption", aclOption,
                    List.of("BUCKET_OWNER_FULL_CONTROL"));
        }
        validation.size("executionParameters", parameters, 1, Integer.MAX_VALUE);
        if (parameters != null) {
            parameters.forEach(p -> validation.length("executionParameters.member", p, 1, 1024));
        }
        if (byAge != null) {
            validation.required("resultReuseConfiguration.resultReuseByAgeConfiguration.enabled", reuseEnabled);
            validation.range("resultReuseConfiguration.resultReuseByAgeConfiguration.maxAgeInMinutes", reuseMaxAge,
                    0, 10_080);
        }
        validation.check();
        if (token == null) {
            throw AthenaErrors.invalidInput("clientRequestToken is null or empty");
        }
        if (token.getBytes(StandardCharsets.UTF_8).length > 128) {
            throw AthenaErrors.invalidInput("clientRequestToken exceeds maximum allowed length 128");
        }
        String workGroupName = workGroup == null ? PRIMARY : workGroup;
        requireWorkGroup(workGroupName);
        checkSyntax(queryString);
        String location = outputLocation != null ? outputLocation : config.defaultOutputLocation();
        if (location == null) {
            throw AthenaErrors.invalidInput("No output location provided. An output location is required either "
                    + "through the Workgroup result configuration setting or as an API input.");
        }
        S3Location prefix = S3Location.parse(location)
                .orElseThrow(() -> AthenaErrors.invalidInput("outputLocation is not a valid S3 path."));
        ResultSettings results = new ResultSettings(prefix, outputLocation, encryptionOption, kmsKey, expectedOwner,
                aclOption);
        TokenUse use = new TokenUse(queryString, catalogName, database, outputLocation, null, clock.now());

        synchronized (this) {
            forgetExpiredTokens();
            TokenUse previous = tokens.get(token);
            if (previous != null) {
                if (!previous.sameRequest(use)) {
                    throw AthenaErrors.invalidRequest(AthenaErrors.IDEMPOTENT_PARAMETER_MISMATCH,
                            "Idempotent parameters do not match");
                }
                return queryIdResponse(previous.queryExecutionId());
            }
            if (!store.bucketExists(prefix.bucket())) {
                throw AthenaErrors.invalidInput("Unable to verify/create output bucket " + prefix.bucket());
            }
            QueryExecution query = new QueryExecution(UUID.randomUUID().toString(), queryString, catalogName, database,
                    workGroupName, parameters, results, Boolean.TRUE.equals(reuseEnabled), reuseMaxAge, clock.now());
            Optional<QueryExecution> reusable = query.reuseEnabled ? reusableResult(query) : Optional.empty();
            if (reusable.isEmpty() && activeQueries() >= config.concurrencyQuota()) {
                throw AthenaErrors.tooManyRequests();
            }
            executions.put(query.id, query);
            tokens.put(token, use.forQuery(query.id));
            if (reusable.isPresent()) {
                query.markReused(reusable.get(), clock.now());
            } else {
                runner.submit(query);
            }
            return queryIdResponse(query.id);
        }
    }

    /**
     * The latest successful execution Athena would reuse for {@code query}: same query string, catalog, database,
     * workgroup, parameters and result configuration, completed within the maximum age, result still present.
     */
    private Optional<QueryExecution> reusableResult(QueryExecution query) {
        Duration maxAge = Duration.ofMinutes(
                query.reuseMaxAgeMinutes == null ? DEFAULT_REUSE_MAX_AGE_MINUTES : query.reuseMaxAgeMinutes);
        Instant oldest = clock.now().minus(maxAge);
        List<QueryExecution> candidates = new ArrayList<>(executions.values());
        for (int i = candidates.size() - 1; i >= 0; i--) {
            QueryExecution previous = candidates.get(i);
            if (previous.state() == QueryState.SUCCEEDED && previous.csv()
                    && previous.query.equals(query.query)
                    && Objects.equals(previous.catalogAsSent, query.catalogAsSent)
                    && Objects.equals(previous.databaseAsSent, query.databaseAsSent)
                    && previous.workGroup.equals(query.workGroup)
                    && Objects.equals(previous.executionParameters, query.executionParameters)
                    && previous.results.sameResultConfiguration(query.results)
                    && !previous.completed().isBefore(oldest)
                    && store.file(previous.outputFile().bucket(), previous.outputFile().key()).isPresent()) {
                return Optional.of(previous);
            }
        }
        return Optional.empty();
    }

    private long activeQueries() {
        return executions.values().stream().filter(QueryExecution::isActive).count();
    }

    private void forgetExpiredTokens() {
        Instant oldest = clock.now().minus(config.tokenRetention());
        Iterator<TokenUse> uses = tokens.values().iterator();
        while (uses.hasNext()) {
            if (uses.next().at().isBefore(oldest)) {
                uses.remove();
            } else {
                break; // insertion order is time order
            }
        }
    }

    private static ObjectNode queryIdResponse(String id) {
        return JSON.objectNode().put("QueryExecutionId", id);
    }

    private JsonNode getQueryExecution(JsonRequest request) {
        QueryExecution query = requireQuery(queryExecutionId(request));
        ObjectNode response = JSON.objectNode();
        response.set("QueryExecution", query.toJson(clock.now()));
        return response;
    }

    private JsonNode batchGetQueryExecution(JsonRequest request) {
        List<String> ids = request.strings("QueryExecutionIds");
        Validation validation = new Validation();
        validation.required("queryExecutionIds", ids);
        validation.size("queryExecutionIds", ids, 1, 50);
        validation.check();
        ObjectNode response = JSON.objectNode();
        ArrayNode found = response.putArray("QueryExecutions");
        ArrayNode unprocessed = response.putArray("UnprocessedQueryExecutionIds");
        Instant now = clock.now();
        for (String id : ids) {
            QueryExecution query = find(id);
            if (query != null) {
                found.add(query.toJson(now));
            } else {
                unprocessed.addObject().put("QueryExecutionId", id)
                        .put("ErrorCode", AthenaErrors.QUERY_EXECUTION_NOT_FOUND)
                        .put("ErrorMessage", "QueryExecution " + id + " was not found");
            }
        }
        return response;
    }

    private JsonNode stopQueryExecution(JsonRequest request) {
        QueryExecution query = requireQuery(queryExecutionId(request));
        if (query.markCancelled(clock.now())) {
            query.cancellation.cancel();
        }
        return JSON.objectNode();
    }

    private JsonNode listQueryExecutions(JsonRequest request) {
        Integer maxResults = request.integer("MaxResults");
        String nextToken = request.string("NextToken");
        String workGroup = request.string("WorkGroup");
        Validation validation = new Validation();
        validation.length("nextToken", nextToken, 1, 1024);
        validation.range("maxResults", maxResults, 0, MAX_LIST_RESULTS);
        validation.pattern("workGroup", workGroup, WORKGROUP_PATTERN);
        validation.check();
        String workGroupName = workGroup == null ? PRIMARY : workGroup;
        requireWorkGroup(workGroupName);
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<>(executions.values().stream().filter(q -> q.workGroup.equals(workGroupName))
                    .map(q -> q.id).toList());
        }
        ids = ids.reversed(); // newest first, as Athena lists them
        int start = 0;
        if (nextToken != null) {
            start = ids.indexOf(decodeToken(nextToken, "lqe").orElse(""));
            if (start < 0) {
                throw AthenaErrors.malformedListToken(nextToken);
            }
        }
        int limit = maxResults == null || maxResults == 0 ? MAX_LIST_RESULTS : maxResults;
        int end = Math.min(ids.size(), start + limit);
        ObjectNode response = JSON.objectNode();
        ids.subList(start, end).forEach(response.putArray("QueryExecutionIds")::add);
        if (end < ids.size()) {
            response.put("NextToken", encodeToken("lqe", ids.get(end)));
        }
        return response;
    }

    // ---- results ----

    private JsonNode getQueryResults(JsonRequest request) {
        String id = request.string("QueryExecutionId");
        String nextToken = request.string("NextToken");
        Integer maxResults = request.integer("MaxResults");
        // Athena's order of checks: model constraints, the id, the maximum, the state, then the token.
        Validation validation = new Validation();
        validation.required("queryExecutionId", id);
        validation.length("queryExecutionId", id, 1, 128);
        validation.length("nextToken", nextToken, 1, 1024);
        validation.range("maxResults", maxResults, 1, Integer.MAX_VALUE);
        validation.check();
        QueryExecution query = requireQuery(id);
        if (maxResults != null && maxResults > MAX_RESULTS) {
            throw AthenaErrors.invalidInput("MaxResults is more than maximum allowed length " + MAX_RESULTS);
        }
        QueryState state = query.state();
        switch (state) {
            case QUEUED, RUNNING -> throw AthenaErrors.invalidRequest(AthenaErrors.INVALID_QUERY_EXECUTION_STATE,
                    "Query has not yet finished. Current state: " + state);
            case FAILED -> throw AthenaErrors.invalidRequest(AthenaErrors.INVALID_QUERY_EXECUTION_STATE,
                    "Query did not finish successfully. Final query state: FAILED");
            case CANCELLED -> throw AthenaErrors.invalidRequest(AthenaErrors.RESULT_NOT_FOUND,
                    "Could not find results");
            default -> {
                // SUCCEEDED: read the result file below
            }
        }
        long offset = 0;
        if (nextToken != null) {
            offset = decodeToken(nextToken, query.id).flatMap(AthenaService::parseLong)
                    .orElseThrow(() -> AthenaErrors.invalidInput("Malformed nextPageToken " + nextToken));
        }
        S3Location file = query.outputFile();
        Path path = store.file(file.bucket(), file.key()).orElseThrow(
                () -> AthenaErrors.invalidRequest(AthenaErrors.RESULT_NOT_FOUND, "Could not find results"));
        ResultMetadata metadata = store.file(file.bucket(), file.key() + ".metadata")
                .map(AthenaService::readMetadata).orElse(null);
        int limit = maxResults == null ? MAX_RESULTS : maxResults;
        ResultFileReader.Page page;
        try {
            page = query.csv() ? ResultFileReader.readCsv(path, offset, limit)
                    : ResultFileReader.readText(path, offset, limit);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the result file " + file.uri() + ": " + e.getMessage(), e);
        }
        ObjectNode response = JSON.objectNode();
        Long updateCount = updateCount(query, metadata);
        if (updateCount != null) {
            response.put("UpdateCount", updateCount);
        }
        ObjectNode resultSet = response.putObject("ResultSet");
        ArrayNode rows = resultSet.putArray("Rows");
        for (List<String> row : page.rows()) {
            ArrayNode data = rows.addObject().putArray("Data");
            for (String value : row) {
                ObjectNode datum = data.addObject();
                if (value != null) {
                    datum.put("VarCharValue", value);
                }
            }
        }
        ArrayNode columnInfo = resultSet.putObject("ResultSetMetadata").putArray("ColumnInfo");
        if (metadata != null) {
            for (ResultColumnInfo column : metadata.columns()) {
                columnInfo.addObject()
                        .put("CatalogName", "hive").put("SchemaName", "").put("TableName", "")
                        .put("Name", column.name()).put("Label", column.label()).put("Type", column.type())
                        .put("Precision", column.precisionOrZero()).put("Scale", column.scaleOrZero())
                        .put("Nullable", column.nullable()).put("CaseSensitive", column.caseSensitiveOrFalse());
            }
        }
        // Athena hands out a token with every full page, even when the next one turns out empty.
        if (page.rows().size() == limit) {
            response.put("NextToken", encodeToken(query.id, Long.toString(page.nextOffset())));
        }
        return response;
    }

    /** SELECT and SHOW answer 0, DML and CTAS their row count, other DDL and DESCRIBE nothing (as Athena). */
    private static Long updateCount(QueryExecution query, ResultMetadata metadata) {
        if (metadata != null && metadata.updateCount() != null) {
            return metadata.updateCount();
        }
        String substatement = query.substatementType();
        if (query.csv() && (substatement == null || substatement.equals("SELECT"))) {
            return 0L;
        }
        if (substatement != null && substatement.startsWith("SHOW_") && !substatement.startsWith("SHOW_CREATE")) {
            return 0L;
        }
        return null;
    }

    private static ResultMetadata readMetadata(Path path) {
        try {
            return ResultMetadata.decode(Files.readAllBytes(path));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the result metadata " + path + ": " + e.getMessage(), e);
        }
    }

    // ---- workgroups and catalogs ----

    private JsonNode getWorkGroup(JsonRequest request) {
        String name = request.string("WorkGroup");
        Validation validation = new Validation();
        validation.required("workGroup", name);
        validation.pattern("workGroup", name, WORKGROUP_PATTERN);
        validation.check();
        requireWorkGroup(name);
        ObjectNode workGroup = JSON.objectNode();
        workGroup.put("Name", PRIMARY);
        workGroup.put("State", "ENABLED");
        ObjectNode configuration = workGroup.putObject("Configuration");
        ObjectNode resultConfiguration = configuration.putObject("ResultConfiguration");
        if (config.defaultOutputLocation() != null) {
            resultConfiguration.put("OutputLocation", config.defaultOutputLocation());
        }
        configuration.put("EnforceWorkGroupConfiguration", false);
        configuration.put("PublishCloudWatchMetricsEnabled", false);
        configuration.put("RequesterPaysEnabled", false);
        configuration.set("EngineVersion", engineVersion());
        configuration.put("EnableMinimumEncryptionConfiguration", false);
        workGroup.put("CreationTime", QueryExecution.epochSeconds(workGroupCreated));
        ObjectNode response = JSON.objectNode();
        response.set("WorkGroup", workGroup);
        return response;
    }

    private JsonNode listWorkGroups(JsonRequest request) {
        Integer maxResults = request.integer("MaxResults");
        String nextToken = request.string("NextToken");
        Validation validation = new Validation();
        validation.length("nextToken", nextToken, 1, 1024);
        validation.range("maxResults", maxResults, 1, MAX_LIST_RESULTS);
        validation.check();
        if (nextToken != null) {
            throw AthenaErrors.malformedListToken(nextToken); // one workgroup: no token is ever handed out
        }
        ObjectNode response = JSON.objectNode();
        ObjectNode primary = response.putArray("WorkGroups").addObject();
        primary.put("Name", PRIMARY).put("State", "ENABLED").put("Description", "")
                .put("CreationTime", QueryExecution.epochSeconds(workGroupCreated));
        primary.set("EngineVersion", engineVersion());
        return response;
    }

    private JsonNode listDataCatalogs(JsonRequest request) {
        Integer maxResults = request.integer("MaxResults");
        String nextToken = request.string("NextToken");
        Validation validation = new Validation();
        validation.length("nextToken", nextToken, 1, 1024);
        validation.range("maxResults", maxResults, 2, MAX_LIST_RESULTS);
        validation.check();
        if (nextToken != null) {
            throw AthenaErrors.malformedListToken(nextToken);
        }
        ObjectNode response = JSON.objectNode();
        response.putArray("DataCatalogsSummary").addObject().put("CatalogName", AthenaCatalog.NAME).put("Type", "GLUE");
        return response;
    }

    private JsonNode listDatabases(JsonRequest request) {
        String catalogName = request.string("CatalogName");
        Integer maxResults = request.integer("MaxResults");
        String nextToken = request.string("NextToken");
        Validation validation = new Validation();
        validation.required("catalogName", catalogName);
        validation.length("catalogName", catalogName, 1, 256);
        validation.length("nextToken", nextToken, 1, 1024);
        validation.range("maxResults", maxResults, 1, MAX_LIST_RESULTS);
        validation.check();
        requireCatalog(catalogName);
        List<AthenaCatalog.Database> databases = catalog.databases().stream()
                .sorted(Comparator.comparing(AthenaCatalog.Database::name)).toList();
        return page(databases, AthenaService::databaseJson, "DatabaseList", maxResults, nextToken, "ldb");
    }

    private JsonNode getDatabase(JsonRequest request) {
        String catalogName = request.string("CatalogName");
        String databaseName = request.string("DatabaseName");
        Validation validation = new Validation();
        validation.required("catalogName", catalogName);
        validation.required("databaseName", databaseName);
        validation.length("databaseName", databaseName, 1, 128);
        validation.check();
        requireCatalog(catalogName);
        AthenaCatalog.Database database = catalog.database(databaseName)
                .orElseThrow(() -> AthenaErrors.entityNotFound("Database " + databaseName + " not found"));
        ObjectNode response = JSON.objectNode();
        response.set("Database", databaseJson(database));
        return response;
    }

    private JsonNode listTableMetadata(JsonRequest request) {
        String catalogName = request.string("CatalogName");
        String databaseName = request.string("DatabaseName");
        String expression = request.string("Expression");
        Integer maxResults = request.integer("MaxResults");
        String nextToken = request.string("NextToken");
        Validation validation = new Validation();
        validation.required("catalogName", catalogName);
        validation.required("databaseName", databaseName);
        validation.length("databaseName", databaseName, 1, 128);
        validation.length("expression", expression, 0, 256);
        validation.length("nextToken", nextToken, 1, 1024);
        validation.range("maxResults", maxResults, 1, MAX_LIST_RESULTS);
        validation.check();
        requireCatalog(catalogName);
        if (catalog.database(databaseName).isEmpty()) {
            throw AthenaErrors.entityNotFound("Database " + databaseName + " not found");
        }
        Pattern filter = expression == null || expression.isEmpty() ? null : tablePattern(expression);
        List<AthenaCatalog.Table> tables = catalog.tables(databaseName).stream()
                .filter(t -> filter == null || filter.matcher(t.name()).matches())
                .sorted(Comparator.comparing(AthenaCatalog.Table::name)).toList();
        return page(tables, AthenaService::tableJson, "TableMetadataList", maxResults, nextToken, "ltm");
    }

    private JsonNode getTableMetadata(JsonRequest request) {
        String catalogName = request.string("CatalogName");
        String databaseName = request.string("DatabaseName");
        String tableName = request.string("TableName");
        Validation validation = new Validation();
        validation.required("catalogName", catalogName);
        validation.required("databaseName", databaseName);
        validation.required("tableName", tableName);
        validation.length("tableName", tableName, 1, 128);
        validation.check();
        requireCatalog(catalogName);
        AthenaCatalog.Table table = catalog.table(databaseName, tableName).orElseThrow(
                () -> AthenaErrors.entityNotFound("Table " + databaseName + "." + tableName + " not found"));
        ObjectNode response = JSON.objectNode();
        response.set("TableMetadata", tableJson(table));
        return response;
    }

    private static <T> ObjectNode page(List<T> items, Function<T, ObjectNode> json, String field, Integer maxResults,
            String nextToken, String tokenKind) {
        int start = 0;
        if (nextToken != null) {
            start = decodeToken(nextToken, tokenKind).flatMap(AthenaService::parseLong)
                    .filter(n -> n >= 0 && n <= items.size()).map(Long::intValue)
                    .orElseThrow(() -> AthenaErrors.malformedListToken(nextToken));
        }
        int end = Math.min(items.size(), start + (maxResults == null ? MAX_LIST_RESULTS : maxResults));
        ObjectNode response = JSON.objectNode();
        ArrayNode array = response.putArray(field);
        items.subList(start, end).forEach(item -> array.add(json.apply(item)));
        if (end < items.size()) {
            response.put("NextToken", encodeToken(tokenKind, Integer.toString(end)));
        }
        return response;
    }

    /** Glue's table expression: a regular expression in which {@code *} alone means any characters. */
    private static Pattern tablePattern(String expression) {
        String regex = expression.replaceAll("(?<!\\.)\\*", ".*");
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw AthenaErrors.invalidInput("Expression is not a valid pattern: " + e.getDescription());
        }
    }

    private static ObjectNode databaseJson(AthenaCatalog.Database database) {
        ObjectNode node = JSON.objectNode();
        node.put("Name", database.name());
        if (database.description() != null && !database.description().isEmpty()) {
            node.put("Description", database.description());
        }
        if (!database.parameters().isEmpty()) {
            ObjectNode parameters = node.putObject("Parameters");
            database.parameters().forEach(parameters::put);
        }
        return node;
    }

    private static ObjectNode tableJson(AthenaCatalog.Table table) {
        ObjectNode node = JSON.objectNode();
        node.put("Name", table.name());
        if (table.createTime() != null) {
            node.put("CreateTime", QueryExecution.epochSeconds(table.createTime()));
        }
        if (table.tableType() != null) {
            node.put("TableType", table.tableType());
        }
        node.set("Columns", columnsJson(table.columns()));
        node.set("PartitionKeys", columnsJson(table.partitionKeys()));
        ObjectNode parameters = node.putObject("Parameters");
        table.parameters().forEach(parameters::put);
        return node;
    }

    private static ArrayNode columnsJson(List<AthenaCatalog.Column> columns) {
        ArrayNode array = JSON.arrayNode();
        for (AthenaCatalog.Column column : columns) {
            ObjectNode node = array.addObject().put("Name", column.name()).put("Type", column.type());
            if (column.comment() != null) {
                node.put("Comment", column.comment());
            }
        }
        return array;
    }

    private static ObjectNode engineVersion() {
        return JSON.objectNode().put("SelectedEngineVersion", "AUTO")
                .put("EffectiveEngineVersion", "Athena engine version 3");
    }

    private static void requireWorkGroup(String name) {
        if (!PRIMARY.equals(name)) {
            throw AthenaErrors.workGroupNotFound();
        }
    }

    private static void requireCatalog(String name) {
        if (!AthenaCatalog.NAME.equalsIgnoreCase(name)) {
            throw AthenaErrors.invalidInput("Catalog " + name + " is not found. This runtime has one data catalog, "
                    + AthenaCatalog.NAME + ".");
        }
    }

    // ---- helpers ----

    private static String queryExecutionId(JsonRequest request) {
        String id = request.string("QueryExecutionId");
        Validation validation = new Validation();
        validation.required("queryExecutionId", id);
        validation.length("queryExecutionId", id, 1, 128);
        validation.check();
        return id;
    }

    private synchronized QueryExecution find(String id) {
        return executions.get(id);
    }

    private QueryExecution requireQuery(String id) {
        QueryExecution query = find(id);
        if (query == null) {
            throw AthenaErrors.queryNotFound(id);
        }
        return query;
    }

    private static String encodeToken(String kind, String value) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> decodeToken(String token, String kind) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return decoded.startsWith(kind + ":") ? Optional.of(decoded.substring(kind.length() + 1))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the query workers; running queries are abandoned. */
    @Override
    public void close() {
        synchronized (this) {
            executions.values().forEach(q -> q.cancellation.cancel());
        }
        runner.close();
    }

    /**
     * A ClientRequestToken's first request: the parameters Athena compares on a retry (query string, catalog and
     * database as sent, OutputLocation as sent; not the parameters or the workgroup).
     */
    private record TokenUse(String queryString, String catalog, String database, String outputLocation,
            String queryExecutionId, Instant at) {

        boolean sameRequest(TokenUse other) {
            return queryString.equals(other.queryString) && Objects.equals(catalog, other.catalog)
                    && Objects.equals(database, other.database)
                    && Objects.equals(outputLocation, other.outputLocation);
        }

        TokenUse forQuery(String id) {
            return new TokenUse(queryString, catalog, database, outputLocation, id, at);
        }
    }
}
