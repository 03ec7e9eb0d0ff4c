package io.athenaworkflow.local.template;

/**
 * Thrown when the template is well-formed YAML but not a valid template: a required property is missing, a value
 * has the wrong type (a list where a string is needed, a non-numeric Timeout), an intrinsic function has the wrong
 * arguments, or a state machine definition is not JSON after its substitutions.
 */
public final class InvalidTemplateException extends TemplateException {

    public InvalidTemplateException(String location, String message) {
        super(location, message);
    }

    public InvalidTemplateException(String location, String message, Throwable cause) {
        super(location, message, cause);
    }
}
