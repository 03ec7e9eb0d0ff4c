package io.athenaworkflow.local.template;

/**
 * Thrown when a parameter has no value (no Default and no override), an override names a parameter the template
 * does not declare, or a value breaks the parameter's AllowedValues, AllowedPattern, MinLength/MaxLength or
 * MinValue/MaxValue constraints.
 */
public final class TemplateParameterException extends TemplateException {

    public TemplateParameterException(String location, String message) {
        super(location, message);
    }
}
