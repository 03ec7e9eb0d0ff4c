package io.athenaworkflow.local.template;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to deploy a template locally: the stack name, region and account the names and ARNs are made of, parameter
 * overrides (like {@code sam deploy --parameter-overrides}) and where each function's code is (a CodeUri folder of
 * the template mapped to the jar built from it).
 *
 * @param stackName {@code AWS::StackName}; generated physical names start with it
 * @param region {@code AWS::Region}
 * @param accountId {@code AWS::AccountId} (12 digits)
 * @param parameters parameter overrides by parameter name
 * @param code CodeUri (as written in the template, e.g. {@code functions/}) → the jar (or classes folder) to run
 */
public record DeploymentConfig(
        String stackName,
        String region,
        String accountId,
        Map<String, String> parameters,
        Map<String, Path> code) {

    public static final String DEFAULT_STACK_NAME = "athena-workflow";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public DeploymentConfig {
        require(stackName != null && STACK_NAME.matcher(stackName).matches(), "stackName '" + stackName
                + "' is not a valid stack name: start with a letter, then letters, digits and '-', at most 128 characters");
        require(region != null && REGION.matcher(region).matches(), "region '" + region
                + "' is not an AWS region name such as us-east-1");
        require(accountId != null && ACCOUNT.matcher(accountId).matches(), "accountId '" + accountId
                + "' must be 12 digits, e.g. 000000000000");
        parameters = Map.copyOf(parameters);
        Map<String, Path> normalised = new LinkedHashMap<>();
        code.forEach((uri, path) -> normalised.put(normaliseCodeUri(uri), path));
        code = Map.copyOf(normalised);
    }

    /** Stack {@value #DEFAULT_STACK_NAME} in {@value #DEFAULT_REGION}, account {@value #DEFAULT_ACCOUNT_ID}, no overrides. */
    public static DeploymentConfig defaults() {
        return new DeploymentConfig(DEFAULT_STACK_NAME, DEFAULT_REGION, DEFAULT_ACCOUNT_ID, Map.of(), Map.of());
    }

    public DeploymentConfig withStackName(String name) {
        return new DeploymentConfig(name, region, accountId, parameters, code);
    }

    public DeploymentConfig withRegion(String newRegion) {
        return new DeploymentConfig(stackName, newRegion, accountId, parameters, code);
    }

    public DeploymentConfig withAccountId(String newAccountId) {
        return new DeploymentConfig(stackName, region, newAccountId, parameters, code);
    }

    /** Adds or replaces one parameter override. */
    public DeploymentConfig withParameter(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(parameters);
        next.put(name, value);
        return new DeploymentConfig(stackName, region, accountId, next, code);
    }

    /** Adds or replaces parameter overrides. */
    public DeploymentConfig withParameters(Map<String, String> overrides) {
        Map<String, String> next = new LinkedHashMap<>(parameters);
        next.putAll(overrides);
        return new DeploymentConfig(stackName, region, accountId, next, code);
    }

    /** Runs functions whose CodeUri is {@code codeUri} (e.g. {@code functions/}) from {@code jar}. */
    public DeploymentConfig withCode(String codeUri, Path jar) {
        Map<String, Path> next = new LinkedHashMap<>(code);
        next.put(codeUri, jar);
        return new DeploymentConfig(stackName, region, accountId, parameters, next);
    }

    /** {@code functions/}, {@code ./functions} and {@code functions} name the same folder. */
    static String normaliseCodeUri(String uri) {
        String value = uri.trim().replace('\\', '/');
        while (value.startsWith("./")) {
            value = value.substring(2);
        }
        while (value.endsWith("/") && value.length() > 1) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
