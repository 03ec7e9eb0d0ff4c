package io.athenaworkflow.local.template;

/**
 * Thrown when the template uses something the local runtime cannot honour and that changes what runs: an intrinsic
 * function it does not implement, a resource type that would execute code (e.g. a plain AWS::Lambda::Function), or a
 * property such as Layers, InlineCode, an S3 CodeUri or a non-Java Runtime. The message says what to use instead.
 */
public final class UnsupportedTemplateFeatureException extends TemplateException {

    public UnsupportedTemplateFeatureException(String location, String message) {
        super(location, message);
    }
}
