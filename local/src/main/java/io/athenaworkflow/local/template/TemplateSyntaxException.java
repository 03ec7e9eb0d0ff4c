package io.athenaworkflow.local.template;

/** Thrown when the template file cannot be read or is not valid YAML/JSON (including an unknown {@code !Tag}). */
public final class TemplateSyntaxException extends TemplateException {

    public TemplateSyntaxException(String location, String message, Throwable cause) {
        super(location, message, cause);
    }

    public TemplateSyntaxException(String location, String message) {
        super(location, message);
    }
}
