package io.athenaworkflow.local.sfn.api;

/**
 * The naming rule shared by state machines and executions: 1 to 80 characters, no white space, no
 * {@code < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /}, no control characters.
 */
final class Names {

    private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

    private Names() {
    }

    static String valid(String name) {
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > 80) {
            throw new InvalidNameException("Invalid Name: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || FORBIDDEN.indexOf(c) >= 0 || c <= 0x1F || c >= 0x7F && c <= 0x9F
                    || c == 0xFFFE || c == 0xFFFF) {
                throw new InvalidNameException("Invalid Name: '" + name + "'");
            }
        }
        return name;
    }
}
