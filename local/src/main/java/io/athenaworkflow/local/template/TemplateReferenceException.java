package io.athenaworkflow.local.template;

/**
 * Thrown when a {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} variable, {@code Fn::FindInMap} key or condition
 * name points at something the template does not define (or at a resource whose condition is false), or when
 * names depend on each other in a circle.
 */
public final class TemplateReferenceException extends TemplateException {

    public TemplateReferenceException(String location, String message) {
        super(location, message);
    }
}
