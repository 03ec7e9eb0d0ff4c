package io.athenaworkflow.tests.deploy;

import io.athenaworkflow.tests.ProjectFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** template.yaml with one mistake AWS refuses, made in its text. */
final class BrokenTemplates {

    private static final String FUNCTION_ROLE = "      Role: !GetAtt FunctionRole.Arn\n";

    private BrokenTemplates() {
    }

    /** The template as it was before issue 8: the functions' Role in Globals, which the SAM transform refuses. */
    static String roleInGlobals() {
        String template = text();
        if (!template.contains(FUNCTION_ROLE) || !template.contains("    AutoPublishAlias: live\n")) {
            throw new IllegalStateException("template.yaml no longer sets Role on each function: update this fixture");
        }
        return template.replace(FUNCTION_ROLE, "")
                .replace("    AutoPublishAlias: live\n", "    AutoPublishAlias: live\n    Role: !GetAtt FunctionRole.Arn\n");
    }

    private static String text() {
        try {
            return Files.readString(ProjectFiles.root().resolve("template.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
