package dev.flights.localhost.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the value of a {@code var} declaration of a Bicep file: objects become maps, arrays lists, strings and
 * numbers and booleans themselves; anything else (a reference, a function call, a condition) is kept as an
 * {@link Expression} with its source text. Enough for the declarative parts of infra/ that the cross-check reads;
 * the syntax of the whole file is the tree-sitter check's job.
 */
final class BicepLiterals {

    /** A value the reader does not evaluate, as written. */
    record Expression(String text) {
    }

    private final String source;
    private int position;

    private BicepLiterals(String source, int position) {
        this.source = source;
        this.position = position;
    }

    /** The value of {@code var name = …} in the file. */
    static Object variable(String source, String name) {
        java.util.regex.Matcher declaration = java.util.regex.Pattern
                .compile("(?m)^var\\s+" + java.util.regex.Pattern.quote(name) + "\\s*=\\s*").matcher(source);
        if (!declaration.find()) {
            throw new IllegalArgumentException("no var " + name);
        }
        return new BicepLiterals(source, declaration.end()).value();
    }

    private Object value() {
        skipBlanks(true);
        char c = source.charAt(position);
        if (c == '{') {
            return object();
        }
        if (c == '[' && !source.startsWith("[for ", position)) {
            return array();
        }
        if (c == '\'' && source.substring(endOfString(position), endOfExpression()).isBlank()) {
            return string();
        }
        String text = source.substring(position, endOfExpression()).trim();
        position = endOfExpression();
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        return new Expression(text);
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        position++;
        while (true) {
            skipBlanks(true);
            if (source.charAt(position) == '}') {
                position++;
                return object;
            }
            String key;
            if (source.charAt(position) == '\'') {
                key = string();
            } else {
                int start = position;
                while (Character.isLetterOrDigit(source.charAt(position)) || source.charAt(position) == '_') {
                    position++;
                }
                key = source.substring(start, position);
            }
            skipBlanks(false);
            if (source.charAt(position) != ':') {
                throw new IllegalArgumentException("expected ':' after " + key + " at line " + line());
            }
            position++;
            object.put(key, value());
        }
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        position++;
        while (true) {
            skipBlanks(true);
            if (source.charAt(position) == ']') {
                position++;
                return array;
            }
            array.add(value());
        }
    }

    private String string() {
        int end = endOfString(position);
        String raw = source.substring(position + 1, end - 1);
        position = end;
        return raw.replace("\\'", "'").replace("\\\\", "\\");
    }

    /** The index after the closing quote of the string that starts at {@code start}. */
    private int endOfString(int start) {
        int i = start + 1;
        while (source.charAt(i) != '\'') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /** The end of an expression: a line break, comma or closing bracket outside brackets and strings. */
    private int endOfExpression() {
        int depth = 0;
        int i = position;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\'') {
                i = endOfString(i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if ((c == '\n' || c == ',') && depth == 0) {
                return i;
            }
            i++;
        }
        return i;
    }

    private void skipBlanks(boolean separators) {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (source.startsWith("//", position)) {
                int lineEnd = source.indexOf('\n', position);
                position = lineEnd < 0 ? source.length() : lineEnd;
            } else if (Character.isWhitespace(c) && (separators || c != '\n') || separators && c == ',') {
                position++;
            } else {
                return;
            }
        }
    }

    private int line() {
        return (int) source.substring(0, position).chars().filter(c -> c == '\n').count() + 1;
    }
}
