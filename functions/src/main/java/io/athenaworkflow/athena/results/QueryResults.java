package io.athenaworkflow.athena.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.QueryStatistics;

import java.util.List;

/**
 * What FetchResults returns: the columns, a preview of the rows that fits the state payload, how many rows there
 * are in all, and where the whole result is.
 *
 * @param queryExecutionId the query
 * @param statementType Athena's StatementType (DML, DDL, UTILITY)
 * @param columns name and Athena type of each column
 * @param rows the preview: one JSON object per row, keyed by column name
 * @param rowCount how many rows the whole result has
 * @param truncated whether {@code rows} holds fewer rows than {@code rowCount}
 * @param resultLocation the result object (s3://…/id.csv or .txt), for readers of the whole result, or null
 * @param statistics the query's statistics with its estimated cost
 */
public record QueryResults(
        String queryExecutionId,
        String statementType,
        List<Column> columns,
        ArrayNode rows,
        long rowCount,
        boolean truncated,
        String resultLocation,
        QueryStatistics statistics) {

    /** A result column. */
    public record Column(String name, String type) {
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("queryExecutionId", queryExecutionId);
        node.put("statementType", statementType);
        ArrayNode columnArray = node.putArray("columns");
        for (Column column : columns) {
            columnArray.addObject().put("name", column.name()).put("type", column.type());
        }
        node.set("rows", rows);
        node.put("rowCount", rowCount);
        node.put("previewRowCount", rows.size());
        node.put("truncated", truncated);
        node.put("resultLocation", resultLocation);
        node.set("statistics", statistics.toJson());
        return node;
    }
}
