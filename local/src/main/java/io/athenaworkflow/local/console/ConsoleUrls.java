package io.athenaworkflow.local.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The addresses of the console's pages on an endpoint (the page routes by the URL's fragment). */
public final class ConsoleUrls {

    private ConsoleUrls() {
    }

    /** The console's home: the state machines of {@code endpoint}. */
    public static String home(URI endpoint) {
        return base(endpoint) + ConsoleServlet.PATH;
    }

    /** The page of one execution: its graph, table and event views. */
    public static String execution(URI endpoint, String executionArn) {
        return home(endpoint) + "#/executions/" + URLEncoder.encode(executionArn, StandardCharsets.UTF_8);
    }

    private static String base(URI endpoint) {
        String text = endpoint.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
