package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.S3Location;
import io.athenaworkflow.local.athena.engine.catalog.CatalogColumn;
import io.athenaworkflow.local.athena.engine.catalog.CatalogPartition;
import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import io.athenaworkflow.local.s3.ObjectStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Athena partition projection ({@code projection.enabled}=true): instead of registered partitions, the partitions
 * are the folders present under the table location that match {@code storage.location.template} (or the
 * default {@code key=value/} layout) and whose values the projection allows ({@code enum} values, {@code integer}
 * ranges; {@code date} and {@code injected} keys accept any value present).
 */
public final class PartitionProjection {

    private PartitionProjection() {
    }

    /** Whether the table uses partition projection. */
    public static boolean enabled(CatalogTable table) {
        return "true".equalsIgnoreCase(table.tableProperties().get("projection.enabled")) && !table.partitionKeys().isEmpty();
    }

    /** The projected partitions that hold data. */
    public static List<CatalogPartition> partitions(CatalogTable table, ObjectStore store) {
        S3Location root = S3Location.parse(table.location()).orElseThrow();
        String template = table.tableProperties().get("storage.location.template");
        StringBuilder regex = new StringBuilder();
        List<String> order = new ArrayList<>();
        if (template != null) {
            Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
                order.add(m.group(1).toLowerCase());
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
        } else {
            regex.append(Pattern.quote(root.uri()));
            for (int i = 0; i < table.partitionKeys().size(); i++) {
                String key = table.partitionKeys().get(i).name();
                regex.append(i == 0 ? "" : "/").append(Pattern.quote(key + "=")).append("([^/]+)");
                order.add(key);
            }
        }
        Pattern folder = Pattern.compile(regex + "/?.*");
        Map<List<String>, CatalogPartition> found = new LinkedHashMap<>();
        if (!store.bucketExists(root.bucket())) {
            return List.of();
        }
        for (String key : store.listKeys(root.bucket(), root.prefix())) {
            String uri = "s3://" + root.bucket() + "/" + key;
            Matcher m = folder.matcher(uri);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> byKey = new LinkedHashMap<>();
            for (int g = 0; g < order.size(); g++) {
                byKey.put(order.get(g), URLDecoder.decode(m.group(g + 1), StandardCharsets.UTF_8));
            }
            List<String> values = new ArrayList<>();
            boolean allowed = true;
            for (CatalogColumn k : table.partitionKeys()) {
                String v = byKey.get(k.name());
                allowed &= v != null && allows(table.tableProperties(), k.name(), v);
                values.add(v);
            }
            if (allowed && !found.containsKey(values)) {
                String location = uri.substring(0, m.end(order.size())) + "/";
                found.put(values, new CatalogPartition(values, location, Instant.EPOCH));
            }
        }
        return List.copyOf(found.values());
    }

    private static boolean allows(Map<String, String> properties, String key, String value) {
        String type = properties.getOrDefault("projection." + key + ".type", "injected").toLowerCase();
        return switch (type) {
            case "enum" -> List.of(properties.getOrDefault("projection." + key + ".values", "").split("\\s*,\\s*")).contains(value);
            case "integer" -> {
                String[] range = properties.getOrDefault("projection." + key + ".range", "").split("\\s*,\\s*");
                try {
                    long v = Long.parseLong(value);
                    yield range.length != 2 || (v >= Long.parseLong(range[0]) && v <= Long.parseLong(range[1]));
                } catch (NumberFormatException e) {
                    yield false;
                }
            }
            default -> true;
        };
    }
}
