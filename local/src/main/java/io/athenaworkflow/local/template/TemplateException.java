package io.athenaworkflow.local.template;

/**
 * Base of the errors a template can fail to load with. Every message names where in the template the problem is
 * ({@link #location()}, e.g. {@code Resources.StartQueryFunction.Properties.Handler}) and what to change.
 */
public abstract sealed class TemplateException extends RuntimeException
        permits TemplateSyntaxException, TemplateParameterException, TemplateReferenceException,
        UnsupportedTemplateFeatureException, InvalidTemplateException, SamTransformException {

    private final String location;

    protected TemplateException(String location, String message) {
        super(location.isEmpty() ? message : location + ": " + message);
        this.location = location;
    }

    protected TemplateException(String location, String message, Throwable cause) {
        super(location.isEmpty() ? message : location + ": " + message, cause);
        this.location = location;
    }

    /** Where in the template the problem is: a dotted path such as {@code Resources.X.Properties.Y}, or "" for the file. */
    public String location() {
        return location;
    }
}
