package io.athenaworkflow.local.cli;

import io.athenaworkflow.local.athena.engine.trino.TrinoStartException;
import io.athenaworkflow.local.edge.EdgeStartException;
import io.athenaworkflow.local.s3.S3StartException;
import io.athenaworkflow.local.sfn.api.StepFunctionsException;
import io.athenaworkflow.local.template.TemplateException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A subcommand: writes results to the command line's out stream and everything else to its err stream, and turns
 * failures into one message on err and a non-zero exit code. Usage errors ({@link ParameterException}) are left to
 * picocli (message, usage, exit 2).
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Runs the command; returns its exit code. */
    protected abstract int execute();

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (ParameterException usage) {
            throw usage;
        } catch (CliException e) {
            report(e.getMessage());
            return e.exitCode();
        } catch (EdgeStartException | S3StartException | TrinoStartException | TemplateException
                 | StepFunctionsException e) {
            // The runtime's own messages say what went wrong and how to fix it.
            report(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            report("unexpected error: " + e);
            e.printStackTrace(err());
            return 1;
        } finally {
            out().flush();
            err().flush();
        }
    }

    protected CommandLine commandLine() {
        return spec.commandLine();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error for this command. */
    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void report(String message) {
        err().println("athena-local " + spec.name() + ": " + message);
    }
}
