package io.athenaworkflow.tests.deploy;

import io.athenaworkflow.tests.ExternalTools;
import io.athenaworkflow.tests.ProjectFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cfn-lint template.yaml}, as a user runs it before {@code sam deploy}: it runs the SAM transform first. */
class CfnLintTest {

    @BeforeAll
    static void requireCfnLint() {
        ExternalTools.require("cfn-lint (pip install cfn-lint)", "cfn-lint", "--version");
    }

    @Test
    void cfnLint_whenLintingTheTemplate_printsNothing() {
        ExternalTools.Result result = ExternalTools.run(ProjectFiles.root(), List.of("cfn-lint", "template.yaml"));

        assertThat(result.stdout() + result.stderr()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void cfnLint_whenRoleIsInGlobals_reportsTheTransformError(@TempDir Path work) throws IOException {
        Path template = work.resolve("template.yaml");
        Files.writeString(template, BrokenTemplates.roleInGlobals());

        ExternalTools.Result result = ExternalTools.run(work, List.of("cfn-lint", "template.yaml"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).contains("E0001 Error transforming template: 'Globals' section is invalid. 'Role'"
                + " is not a supported property of 'Function'.");
    }
}
