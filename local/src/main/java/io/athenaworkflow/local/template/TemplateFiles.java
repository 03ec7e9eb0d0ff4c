package io.athenaworkflow.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a template file (YAML or JSON) into a Jackson tree in which every CloudFormation short-form tag has been
 * rewritten to its long form: {@code !Ref X} → {@code {"Ref": "X"}}, {@code !GetAtt A.B} → {@code {"Fn::GetAtt":
 * ["A", "B"]}}, {@code !Condition C} → {@code {"Condition": "C"}} and {@code !Sub ...} → {@code {"Fn::Sub": ...}}.
 */
final class TemplateFiles {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The intrinsic functions that have a {@code !Short} form, each mapped to {@code Fn::<name>}. */
    private static final List<String> FN_TAGS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join",
            "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString",
            "ForEach");

    private TemplateFiles() {
    }

    static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateSyntaxException("", "Cannot read the template " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    static JsonNode parse(String text, String name) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new TemplateSyntaxException("", "The template " + name + " is not valid JSON: "
                        + e.getOriginalMessage(), e);
            }
        }
        Object tree;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            tree = new Yaml(new CloudFormationConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw new TemplateSyntaxException("", "The template " + name + " is not valid YAML at line "
                    + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1) + ": " + e.getProblem()
                    + ". Short-form tags must be CloudFormation's (!Ref, !Sub, !GetAtt, ...).", e);
        } catch (YAMLException e) {
            throw new TemplateSyntaxException("", "The template " + name + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new TemplateSyntaxException("", "The template " + name + " must be a YAML mapping with Resources, but is "
                    + (tree == null ? "empty" : "a " + tree.getClass().getSimpleName()) + ".");
        }
        return JSON.valueToTree(tree);
    }

    /** SafeConstructor plus the CloudFormation tags; timestamps stay strings (CloudFormation has no date type). */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String fn : FN_TAGS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private Object contents(Node node) {
            return switch (node) {
                case ScalarNode scalar -> scalar.getValue();
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw new YAMLException("Unexpected YAML node " + node.getNodeId());
            };
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put(key, contents(node));
                return value;
            }
        }

        /** {@code !GetAtt Resource.Attribute} (split at the first dot) or {@code !GetAtt [Resource, Attribute]}. */
        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object contents = contents(node);
                if (contents instanceof String text) {
                    int dot = text.indexOf('.');
                    contents = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                }
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("Fn::GetAtt", contents);
                return value;
            }
        }
    }
}
