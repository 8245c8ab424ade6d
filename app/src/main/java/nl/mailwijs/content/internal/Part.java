package nl.mailwijs.content.internal;

import java.util.ArrayList;
import java.util.List;

import nl.mailwijs.content.MessageRecipient;

/**
 * Compiled text with holes: literal strings and the merge fields between them, each with the
 * escaping its place needs. Rendering is appends only (no parsing, no regular expressions), so
 * one instance serves any number of threads.
 */
public final class Part {

    private final String[] literals;
    private final FieldRef[] fields;
    private final Escape[] escapes;
    private final int literalLength;

    private Part(List<String> literals, List<FieldRef> fields, List<Escape> escapes) {
        this.literals = literals.toArray(String[]::new);
        this.fields = fields.toArray(FieldRef[]::new);
        this.escapes = escapes.toArray(Escape[]::new);
        this.literalLength = literals.stream().mapToInt(String::length).sum();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Part literal(String text) {
        return builder().literal(text).build();
    }

    public String render(MessageRecipient recipient) {
        StringBuilder out = new StringBuilder(literalLength + 32 * fields.length);
        renderTo(out, recipient);
        return out.toString();
    }

    public void renderTo(StringBuilder out, MessageRecipient recipient) {
        out.append(literals[0]);
        for (int i = 0; i < fields.length; i++) {
            escapes[i].append(out, fields[i].value(recipient));
            out.append(literals[i + 1]);
        }
    }

    public boolean hasFields() {
        return fields.length > 0;
    }

    /** The literal text with every field left out: what the author wrote around the fields. */
    public String literalText() {
        return String.join("", literals);
    }

    public static final class Builder {

        private final List<String> literals = new ArrayList<>();
        private final List<FieldRef> fields = new ArrayList<>();
        private final List<Escape> escapes = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();

        public Builder literal(CharSequence text) {
            pending.append(text);
            return this;
        }

        public Builder field(FieldRef field, Escape escape) {
            literals.add(pending.toString());
            pending.setLength(0);
            fields.add(field);
            escapes.add(escape);
            return this;
        }

        public Builder part(Part part) {
            pending.append(part.literals[0]);
            for (int i = 0; i < part.fields.length; i++) {
                field(part.fields[i], part.escapes[i]);
                pending.append(part.literals[i + 1]);
            }
            return this;
        }

        /** The tokenised text of {@link Tokens}: each token becomes its field with the escape its marker says. */
        public Builder tokenised(String text, List<FieldRef> tokenFields, boolean html) {
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char marker = text.charAt(i);
                if (Tokens.isStart(marker) && i + 2 < text.length() && text.charAt(i + 2) == Tokens.END) {
                    pending.append(text, start, i);
                    FieldRef field = tokenFields.get(Tokens.index(text.charAt(i + 1)));
                    field(field, Tokens.escape(marker, html));
                    i += 2;
                    start = i + 1;
                }
            }
            pending.append(text, start, text.length());
            return this;
        }

        public Part build() {
            List<String> all = new ArrayList<>(literals);
            all.add(pending.toString());
            return new Part(all, fields, escapes);
        }
    }
}
