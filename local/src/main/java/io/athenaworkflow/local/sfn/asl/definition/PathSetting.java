package io.athenaworkflow.local.sfn.asl.definition;

/**
 * An InputPath, ResultPath or OutputPath as written: absent (the whole document, {@code $}), a JSON {@code null}
 * (discard: an empty object for InputPath/OutputPath, the input unchanged for ResultPath) or a path.
 */
public record PathSetting(Kind kind, String path) {

    /** What the field holds. */
    public enum Kind { ABSENT, DISCARD, PATH }

    public static final PathSetting ABSENT = new PathSetting(Kind.ABSENT, null);
    public static final PathSetting DISCARD = new PathSetting(Kind.DISCARD, null);

    public static PathSetting of(String path) {
        return new PathSetting(Kind.PATH, path);
    }
}
