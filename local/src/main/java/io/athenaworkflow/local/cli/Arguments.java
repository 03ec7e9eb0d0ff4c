package io.athenaworkflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.athena.engine.trino.ExternalTrino;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Option values that may name a file ({@code @FILE}), and JSON option values; bad ones are usage errors (exit 2). */
final class Arguments {

    private Arguments() {
    }

    /** {@code value} itself, or the UTF-8 content of the file when it is {@code @FILE}. */
    static String textOrFile(CommandLine command, String option, String value) {
        if (value.startsWith("@")) {
            return read(command, option, Path.of(value.substring(1)));
        }
        return value;
    }

    /** The file's UTF-8 content. */
    static String read(CommandLine command, String option, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(command, "Cannot read the file of " + option + ": " + file + " ("
                    + describe(e) + ")");
        }
    }

    /** {@code --trino-url}'s value as a Trino server URL, or null when the option is not given. */
    static URI trinoUrl(CommandLine command, String value) {
        if (value == null) {
            return null;
        }
        try {
            return ExternalTrino.checkUrl(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, "--trino-url: " + e.getMessage());
        }
    }

    /** The JSON given inline or as {@code @FILE}. */
    static JsonNode json(CommandLine command, String option, String value) {
        String text = textOrFile(command, option, value);
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, option + " is not valid JSON: " + e.getMessage());
        }
    }

    private static String describe(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException ignored -> "no such file";
            case java.nio.file.AccessDeniedException ignored -> "permission denied";
            default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
    }
}
