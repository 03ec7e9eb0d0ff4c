package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A statement's tokens nested by brackets: a token, or a bracketed group of nodes. */
sealed interface Node {

    /** The first token of this node. */
    Token first();

    /** A single token. */
    record Leaf(Token token) implements Node {
        public Token first() {
            return token;
        }
    }

    /** {@code ( ... )} or {@code [ ... ]}. */
    record Group(Token open, List<Node> children, Token close) implements Node {
        public Token first() {
            return open;
        }

        boolean isParen() {
            return open.isSymbol("(");
        }
    }

    /**
     * Nests {@code tokens} (without the EOF token) by brackets.
     *
     * @throws io.athenaworkflow.local.athena.engine.QueryFailure SYNTAX_ERROR for an unbalanced bracket
     */
    static List<Node> build(List<Token> tokens) {
        Deque<List<Node>> stack = new ArrayDeque<>();
        Deque<Token> opens = new ArrayDeque<>();
        List<Node> current = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == TokenKind.EOF) {
                break;
            }
            if (t.isSymbol("(") || t.isSymbol("[")) {
                stack.push(current);
                opens.push(t);
                current = new ArrayList<>();
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                Token open = opens.peek();
                if (open == null || (open.isSymbol("(") != t.isSymbol(")"))) {
                    throw AthenaErrors.syntax(t.line(), t.column(), "mismatched input '" + t.text() + "'");
                }
                opens.pop();
                Group group = new Group(open, List.copyOf(current), t);
                current = stack.pop();
                current.add(group);
            } else {
                current.add(new Leaf(t));
            }
        }
        if (!opens.isEmpty()) {
            Token open = opens.peek();
            Token end = tokens.get(tokens.size() - 1);
            throw AthenaErrors.syntax(end.line(), end.column(), "mismatched input '<EOF>'. Expecting: '"
                    + (open.isSymbol("(") ? ")" : "]") + "'");
        }
        return current;
    }
}
