package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.List;

/** A parsed intrinsic-function expression: a call, or one of the arguments a call can take. */
sealed interface IntrinsicExpression {

    /** {@code States.Name(arg, ...)}. */
    record Call(String name, List<IntrinsicExpression> arguments) implements IntrinsicExpression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** A number, {@code true}, {@code false} or {@code null}. */
    record Literal(JsonNode value) implements IntrinsicExpression {
    }

    /**
     * A quoted string, with its escapes ({@code \'}, {@code \{}, {@code \}}, {@code \\}) decoded. {@code escaped}
     * marks the characters that were written escaped, so {@code States.Format} can tell a literal {@code \{} from
     * the start of a {@code {}} placeholder.
     */
    record StringLiteral(String value, BitSet escaped) implements IntrinsicExpression {
        public StringLiteral {
            escaped = (BitSet) escaped.clone();
        }

        boolean isEscaped(int index) {
            return escaped.get(index);
        }
    }

    /** A path: {@code $.x} (the input), {@code $$.x} (the context object) or {@code $name.x} (a variable). */
    record Path(String path) implements IntrinsicExpression {
    }
}
