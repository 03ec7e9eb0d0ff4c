package io.athenaworkflow.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The project's deployable files, read the way the contract tests need them. */
public final class ProjectFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectFiles() {
    }

    /** The repository root: {@code athena.project.root} (set by the build) or the nearest folder with template.yaml. */
    public static Path root() {
        String configured = System.getProperty("athena.project.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No template.yaml above " + Path.of("").toAbsolutePath());
    }

    /** The functions' deployment package: the {@code sam build} layout (classes + {@code lib/}) in functions/target. */
    public static Path functionsArtifact() {
        String configured = System.getProperty("athena.functions.artifact");
        return configured != null ? Path.of(configured) : root().resolve("functions/target/lambda");
    }

    public static JsonNode json(String relativePath) {
        try {
            return JSON.readTree(root().resolve(relativePath).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * template.yaml as plain maps and lists; a CloudFormation short-form tag becomes a one-entry map in its long
     * form ({@code !Sub x} → {@code {"Fn::Sub": x}}, {@code !Ref x} → {@code {"Ref": x}}).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> template() {
        try {
            return (Map<String, Object>) new Yaml(new CloudFormationConstructor())
                    .load(Files.readString(root().resolve("template.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String name : new String[] {"Ref", "Condition"}) {
                yamlConstructors.put(new Tag("!" + name), new LongForm(name));
            }
            for (String name : new String[] {"Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join", "Select",
                    "Split", "FindInMap", "Base64", "ImportValue", "GetAZs", "Cidr"}) {
                yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("Unexpected node " + node);
                };
                return Map.of(key, value);
            }
        }
    }
}
