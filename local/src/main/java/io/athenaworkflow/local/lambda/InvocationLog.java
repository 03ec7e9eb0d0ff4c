package io.athenaworkflow.local.lambda;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;

/** The log lines of one invocation (Lambda's START/END/REPORT lines and what the function logged). */
final class InvocationLog {

    /** Lambda returns at most the last 4 KB of the log with {@code LogType=Tail}. */
    static final int TAIL_BYTES = 4096;
    private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

    private final String functionName;
    private final StringBuilder text = new StringBuilder();

    InvocationLog(String functionName) {
        this.functionName = functionName;
    }

    synchronized void line(String line) {
        text.append(line);
        if (!line.endsWith("\n")) {
            text.append('\n');
        }
        LOG.log(System.Logger.Level.DEBUG, "[{0}] {1}", functionName, line.stripTrailing());
    }

    /** The last {@value #TAIL_BYTES} bytes of the log, cut at a character boundary. */
    synchronized String tail() {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= TAIL_BYTES) {
            return text.toString();
        }
        int start = bytes.length - TAIL_BYTES;
        while (start < bytes.length && (bytes[start] & 0xC0) == 0x80) {
            start++;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        }
    }
}
