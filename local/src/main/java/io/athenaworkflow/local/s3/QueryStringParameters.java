package io.athenaworkflow.local.s3;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The request as S3 reads it: parameters from the query string alone. The servlet API also reads an
 * {@code application/x-www-form-urlencoded} body as parameters the first time any parameter is asked for, which
 * consumes it: S3Proxy asks for parameters before it reads the object, so a PutObject sent with that content type (the
 * default of curl and urllib for a presigned PUT) was stored empty. S3 parameters only ever travel in the query
 * string, and an S3 body is opaque bytes under whatever content type the client names.
 */
final class QueryStringParameters extends HttpServletRequestWrapper {

    private Map<String, String[]> parameters;

    QueryStringParameters(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    // Decoded on first use, inside S3Proxy's handler, which answers a malformed query string with 400.
    private Map<String, String[]> parameters() {
        if (parameters == null) {
            String query = getQueryString();
            MultiMap<String> decoded = query == null ? new MultiMap<>() : UrlEncoded.decodeQuery(query);
            Map<String, String[]> map = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> entry : decoded.entrySet()) {
                map.put(entry.getKey(), entry.getValue().toArray(String[]::new));
            }
            parameters = Collections.unmodifiableMap(map);
        }
        return parameters;
    }
}
