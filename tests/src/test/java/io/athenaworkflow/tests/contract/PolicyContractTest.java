package io.athenaworkflow.tests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.tests.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * policy.json is the functions' role statement for statement, grants every AWS operation the functions' code
 * calls, and grants nothing with wildcards.
 */
class PolicyContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** SDK client interfaces the functions may call, by the IAM service prefix of their actions. */
    private static final Map<String, String> CLIENTS = Map.of(
            "software/amazon/awssdk/services/athena/AthenaClient", "athena",
            "software/amazon/awssdk/services/s3/S3Client", "s3",
            "software/amazon/awssdk/services/sfn/SfnClient", "states");

    /** SDK operations whose IAM action has another name (AWS's Service Authorization Reference). */
    private static final Map<String, String> ACTION_OF_OPERATION = Map.of(
            "s3:ListObjectsV2", "s3:ListBucket",
            "s3:ListObjects", "s3:ListBucket",
            "s3:DeleteObjects", "s3:DeleteObject",
            "s3:HeadObject", "s3:GetObject");

    @Test
    void policyJson_whenComparedWithTemplateFunctionRole_isTheSameStatementForStatement() {
        Object templatePolicy = dig(ProjectFiles.template(), "Resources", "FunctionRole", "Properties", "Policies");
        JsonNode fromTemplate = JSON.valueToTree(plain(((List<?>) templatePolicy).getFirst() instanceof Map<?, ?> m
                ? m.get("PolicyDocument") : null));
        JsonNode policyJson = ProjectFiles.json("policy.json");

        assertThat(policyJson).isEqualTo(fromTemplate);
    }

    @Test
    void policyJson_whenScanned_hasNoWildcardActionOrResource() {
        for (JsonNode statement : ProjectFiles.json("policy.json").get("Statement")) {
            for (JsonNode action : list(statement.get("Action"))) {
                assertThat(action.asText()).as("action in %s", statement.get("Sid")).doesNotContain("*");
            }
            for (JsonNode resource : list(statement.get("Resource"))) {
                assertThat(resource.asText()).as("resource in %s", statement.get("Sid")).isNotEqualTo("*");
            }
        }
    }

    @Test
    void policyJson_whenFunctionsCodeIsScanned_allowsEveryAwsOperationItCalls() throws IOException {
        Set<String> called = awsActionsCalledByFunctions();
        Set<String> allowed = new HashSet<>();
        for (JsonNode statement : ProjectFiles.json("policy.json").get("Statement")) {
            list(statement.get("Action")).forEach(action -> allowed.add(action.asText()));
        }

        // The scan must see the calls we know about, or it proves nothing.
        assertThat(called).contains("athena:StartQueryExecution", "athena:GetQueryExecution", "s3:GetObject",
                "s3:ListBucket", "s3:DeleteObject", "states:GetExecutionHistory");
        assertThat(allowed).containsAll(called);
    }

    @Test
    void stateMachineRole_whenScanned_invokesOnlyTheFourAliasesAndUsesWildcardsOnlyWhereAwsAllowsNoScoping() {
        Object statements = dig(ProjectFiles.template(), "Resources", "StateMachineRole", "Properties", "Policies");
        JsonNode document = JSON.valueToTree(plain(((Map<?, ?>) ((List<?>) statements).getFirst()).get("PolicyDocument")));
        Set<String> unscopableActions = Set.of("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
                "logs:DescribeLogGroups", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                "xray:GetSamplingTargets");
        for (JsonNode statement : document.get("Statement")) {
            boolean wildcardResource = list(statement.get("Resource")).stream().anyMatch(r -> r.asText().equals("*"));
            for (JsonNode action : list(statement.get("Action"))) {
                assertThat(action.asText()).doesNotContain("*");
                if (wildcardResource) {
                    assertThat(unscopableActions).as("'*' resource for %s", action).contains(action.asText());
                }
                if (action.asText().equals("lambda:InvokeFunction")) {
                    assertThat(list(statement.get("Resource")).stream().map(JsonNode::asText).toList())
                            .containsExactlyInAnyOrder("${StartQueryFunction.Alias}", "${CheckStatusFunction.Alias}",
                                    "${FetchResultsFunction.Alias}", "${CleanupFunction.Alias}");
                }
            }
        }
    }

    /** IAM actions of the SDK client calls in the functions' own classes, read from their bytecode. */
    static Set<String> awsActionsCalledByFunctions() throws IOException {
        Set<String> actions = new TreeSet<>();
        Path classes = ProjectFiles.functionsArtifact().resolve("io/athenaworkflow");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
                for (MethodModel method : model.methods()) {
                    method.code().ifPresent(code -> code.forEach(element -> {
                        if (element instanceof InvokeInstruction invoke) {
                            // Operations are the clients' interface methods; builder() and create() are static.
                            String service = CLIENTS.get(invoke.owner().asInternalName());
                            if (service != null && invoke.opcode() == Opcode.INVOKEINTERFACE
                                    && !invoke.name().stringValue().equals("close")) {
                                actions.add(action(service, invoke.name().stringValue()));
                            }
                        }
                    }));
                }
            }
        }
        return actions;
    }

    private static String action(String service, String method) {
        String operation = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
        String action = service + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
        return ACTION_OF_OPERATION.getOrDefault(action, action);
    }

    /**
     * The template's policy with CloudFormation functions written the way policy.json writes them: {@code !Sub s}
     * as s, {@code !Ref P} as ${P}, a conditional statement as its statement, AWS::NoValue dropped.
     */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            switch (String.valueOf(only.getKey())) {
                case "Fn::Sub" -> {
                    return only.getValue();
                }
                case "Ref" -> {
                    return "${" + only.getValue() + "}";
                }
                case "Fn::If" -> {
                    return plain(((List<?>) only.getValue()).get(1));
                }
                default -> {
                }
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(k, plain(v)));
            return result;
        }
        if (value instanceof List<?> items) {
            List<Object> result = new ArrayList<>();
            items.stream().map(PolicyContractTest::plain).filter(v -> !"${AWS::NoValue}".equals(v)).forEach(result::add);
            return result;
        }
        return value;
    }

    static Object dig(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<?, ?>) current).get(key);
        }
        return current;
    }

    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node == null) {
            return items;
        }
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        return items;
    }
}
