package io.athenaworkflow.local.template;

/**
 * Thrown when AWS's SAM transform ({@code AWS::Serverless-2016-10-31}) would refuse the template, so
 * {@code sam deploy} would stop before creating anything. The message after the location is the transform's own
 * (aws-sam-translator's wording), as CloudFormation and {@code cfn-lint} report it.
 */
public final class SamTransformException extends TemplateException {

    public SamTransformException(String location, String transformMessage) {
        super(location, transformMessage);
    }
}
