package io.athenaworkflow.local.sfn.asl.definition;

/** The query language of a state machine or a state: {@code JSONPath} (the default) or {@code JSONata}. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    /** The name as written in a definition's {@code QueryLanguage} field. */
    public String aslName() {
        return aslName;
    }

    static QueryLanguage fromAslName(String name) {
        for (QueryLanguage language : values()) {
            if (language.aslName.equals(name)) {
                return language;
            }
        }
        return null;
    }
}
