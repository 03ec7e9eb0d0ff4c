package io.athenaworkflow.local.athena;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects violations of the API model's constraints (required, length, range, pattern) and reports them all at
 * once the way AWS's request validation does: {@code "2 validation errors detected: <a>; <b>"}.
 */
final class Validation {

    private final List<String> violations = new ArrayList<>();

    void required(String path, Object value) {
        if (value == null) {
            violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
    }

    void length(String path, String value, int min, int max) {
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            violations.add(constraint(path, "Member must have length greater than or equal to " + min));
        } else if (length > max) {
            violations.add(constraint(path, "Member must have length less than or equal to " + max));
        }
    }

    void range(String path, Integer value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            violations.add(constraint(path, "Member must have value greater than or equal to " + min));
        } else if (value > max) {
            violations.add(constraint(path, "Member must have value less than or equal to " + max));
        }
    }

    void size(String path, List<?> value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value.size() < min) {
            violations.add(constraint(path, "Member must have length greater than or equal to " + min));
        } else if (value.size() > max) {
            violations.add(constraint(path, "Member must have length less than or equal to " + max));
        }
    }

    void pattern(String path, String value, String regex) {
        if (value != null && !Pattern.compile(regex).matcher(value).matches()) {
            violations.add(constraint(path, "Member must satisfy regular expression pattern: " + regex));
        }
    }

    void enumeration(String path, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            violations.add(constraint(path, "Member must satisfy enum value set: " + allowed));
        }
    }

    /** @throws io.athenaworkflow.local.edge.AwsServiceError InvalidRequestException when anything was violated */
    void check() {
        if (!violations.isEmpty()) {
            int count = violations.size();
            throw AthenaErrors.invalidInput(count + " validation error" + (count == 1 ? "" : "s") + " detected: "
                    + String.join("; ", violations));
        }
    }

    private static String constraint(String path, String rule) {
        return "Value at '" + path + "' failed to satisfy constraint: " + rule;
    }
}
