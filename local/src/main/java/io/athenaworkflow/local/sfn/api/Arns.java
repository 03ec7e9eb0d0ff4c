package io.athenaworkflow.local.sfn.api;

/** Validates the ARNs the API takes, with AWS's InvalidArn messages. */
final class Arns {

    private Arns() {
    }

    /** A state machine ARN: {@code arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME}. */
    static String stateMachine(String arn) {
        return checked(arn, "stateMachine");
    }

    /**
     * A state machine ARN, or one qualified with a version number or an alias name
     * ({@code ...:stateMachine:NAME:QUALIFIER}).
     */
    static String stateMachineOrQualified(String arn) {
        if (qualified(arn)) {
            stateMachine(arn.substring(0, arn.lastIndexOf(':')));
            return arn;
        }
        return stateMachine(arn);
    }

    /** Whether a state machine ARN carries a version or alias qualifier. */
    static boolean qualified(String arn) {
        String[] parts = prefixChecked(arn);
        return parts[5].startsWith("stateMachine:") && parts[5].split(":", -1).length == 3;
    }

    /** An execution ARN: {@code arn:PARTITION:states:REGION:ACCOUNT:execution:MACHINE:NAME}. */
    static String execution(String arn) {
        return checked(arn, "execution");
    }

    /** A Map Run ARN: {@code arn:PARTITION:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID}. */
    static String mapRun(String arn) {
        return checked(arn, "mapRun");
    }

    /** An IAM role ARN. */
    static String role(String arn) {
        String[] parts = prefixChecked(arn);
        if (!"iam".equals(parts[2]) || !parts[5].startsWith("role/") || parts[5].length() <= "role/".length()) {
            throw new InvalidArnException("Invalid Arn: 'Resource type not valid in this context: "
                    + (parts[5].contains("/") ? parts[5].substring(0, parts[5].indexOf('/')) : parts[5]) + "'");
        }
        return arn;
    }

    private static String checked(String arn, String resourceType) {
        String[] parts = prefixChecked(arn);
        if (!"states".equals(parts[2])) {
            throw new InvalidArnException("Invalid Arn: 'Service type not valid in this context: " + parts[2] + "'");
        }
        String[] resource = parts[5].split(":", -1);
        if (!resource[0].equals(resourceType)) {
            throw new InvalidArnException("Invalid Arn: 'Resource type not valid in this context: "
                    + resource[0].toLowerCase(java.util.Locale.ROOT) + "'");
        }
        int expected = resourceType.equals("execution") || resourceType.equals("mapRun") ? 3 : 2;
        if (resource.length != expected || java.util.Arrays.stream(resource).anyMatch(String::isEmpty)
                || !parts[4].matches("\\d{12}") || parts[3].isEmpty()) {
            throw new InvalidArnException("Invalid Arn: '" + arn + "'");
        }
        return arn;
    }

    /** Splits {@code arn:partition:service:region:account:resource} (the resource may contain colons). */
    private static String[] prefixChecked(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            throw new InvalidArnException("Invalid Arn: 'Invalid ARN prefix: " + arn + "'");
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[1].startsWith("aws") || parts[2].isEmpty() || parts[5].isEmpty()) {
            throw new InvalidArnException("Invalid Arn: '" + arn + "'");
        }
        return parts;
    }
}
