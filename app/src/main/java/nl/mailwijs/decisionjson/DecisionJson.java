package nl.mailwijs.decisionjson;

import java.time.Instant;
import java.util.List;

import nl.mailwijs.engine.decision.Decision;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.Reason;

/**
 * Writes a decision as {@code decision-format.md} defines it, with the reasons' sentences in
 * the requested language. Written by hand rather than through a generic mapper: the field
 * set is fixed, and `decide --jsonl` spends most of its time here.
 */
public final class DecisionJson {

    private DecisionJson() {
    }

    public static String write(Decision decision, Language language, boolean pretty) {
        StringBuilder out = new StringBuilder(2048);
        write(decision, language, pretty, out);
        return out.toString();
    }

    public static void write(Decision decision, Language language, boolean pretty, StringBuilder out) {
        Json json = new Json(out, pretty);
        json.beginObject();
        json.name("verdict").string(decision.verdict().name());
        json.name("basis").string(decision.basis() == null ? null : decision.basis().name());
        json.name("denial").string(decision.denial() == null ? null : decision.denial().name());
        json.name("reasons").beginArray();
        for (Reason reason : decision.reasons()) {
            json.beginObject();
            json.name("rule").string(reason.rule());
            json.name("outcome").string(reason.outcome().name());
            json.name("text").string(reason.text(language));
            json.endObject();
        }
        json.endArray();
        json.name("evidenceUsed").strings(decision.evidenceUsed());
        Instant validUntil = decision.basisValidUntil();
        json.name("basisValidUntil").string(validUntil == null ? null : validUntil.toString());
        json.name("obligations").beginArray();
        for (Obligation obligation : decision.obligations()) {
            json.string(obligation.name());
        }
        json.endArray();
        json.endObject();
    }

    /** Appends one JSON string, quoted and escaped, for callers that build a larger document around a decision. */
    public static void appendString(String value, StringBuilder out) {
        new Json(out, false).string(value);
    }

    /** Writes an error object for a request that could not be read, e.g. one bad line of --jsonl. */
    public static String writeError(InvalidRequestException error, long line) {
        StringBuilder out = new StringBuilder(256);
        Json json = new Json(out, false);
        json.beginObject();
        json.name("error").beginObject();
        if (line > 0) {
            json.name("line").number(line);
        }
        json.name("field").string(error.field());
        json.name("message").string(error.problem());
        json.endObject();
        json.endObject();
        return out.toString();
    }

    /** A minimal JSON emitter: compact, or indented by two spaces. */
    static final class Json {
        private final StringBuilder out;
        private final boolean pretty;
        private int depth;
        private boolean first = true;
        private boolean afterName;

        Json(StringBuilder out, boolean pretty) {
            this.out = out;
            this.pretty = pretty;
        }

        Json beginObject() {
            value();
            out.append('{');
            depth++;
            first = true;
            return this;
        }

        Json endObject() {
            close('}');
            return this;
        }

        Json beginArray() {
            value();
            out.append('[');
            depth++;
            first = true;
            return this;
        }

        Json endArray() {
            close(']');
            return this;
        }

        private void close(char bracket) {
            depth--;
            if (!first) {
                newline();
            }
            out.append(bracket);
            first = false;
        }

        Json name(String name) {
            separate();
            quote(name);
            out.append(pretty ? ": " : ":");
            afterName = true;
            return this;
        }

        Json string(String value) {
            value();
            if (value == null) {
                out.append("null");
            } else {
                quote(value);
            }
            return this;
        }

        Json number(long value) {
            return raw(Long.toString(value));
        }

        /** A literal already in JSON form: a number, true, false or null. */
        Json raw(String literal) {
            value();
            out.append(literal);
            return this;
        }

        Json strings(List<String> values) {
            beginArray();
            for (String value : values) {
                string(value);
            }
            return endArray();
        }

        private void value() {
            if (afterName) {
                afterName = false;
            } else {
                separate();
            }
            first = false;
        }

        private void separate() {
            if (depth == 0) {
                return;
            }
            if (!first) {
                out.append(',');
            }
            newline();
            first = false;
        }

        private void newline() {
            if (pretty) {
                out.append('\n');
                out.repeat(' ', depth * 2);
            }
        }

        private void quote(String text) {
            out.append('"');
            int plainFrom = 0;
            int length = text.length();
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)) {
                    continue;
                }
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                out.append(text, plainFrom, i);
                plainFrom = i + 1;
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            }
            out.append(text, plainFrom, length);
            out.append('"');
        }
    }
}
