package io.athenaworkflow.local.sfn.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque nextToken of a listing: which listing it belongs to and where the next page starts. Tokens name a
 * position by key (an event id, an execution's start sequence, a state machine name), not by offset, so pages stay
 * consistent while new events or executions arrive.
 */
record PageToken(String listing, String position) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + "\n" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position in {@code token}, or null for the first page. */
    static String decode(String token, String listing) {
        if (token == null) {
            return null;
        }
        if (token.length() > 1024) {
            throw new StepFunctionsValidationException("1 validation error detected: Value at 'nextToken' failed to"
                    + " satisfy constraint: Member must have length less than or equal to 1024");
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline > 0 && text.substring(0, newline).equals(listing)) {
                return text.substring(newline + 1);
            }
        } catch (IllegalArgumentException notBase64) {
            // Falls through to the error below.
        }
        throw new InvalidTokenException("Invalid Token: '" + token + "'");
    }

    /** The numeric position in {@code token}, or null for the first page. */
    static Long decodeLong(String token, String listing) {
        String position = decode(token, listing);
        if (position == null) {
            return null;
        }
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new InvalidTokenException("Invalid Token: '" + token + "'");
        }
    }
}
