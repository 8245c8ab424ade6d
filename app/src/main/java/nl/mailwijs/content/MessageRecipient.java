package nl.mailwijs.content;

import java.util.Map;
import java.util.Objects;

import nl.mailwijs.engine.decision.Basis;

/**
 * What one recipient's message is rendered with.
 *
 * @param firstName      {@code {{contact.firstName}}}; null when unknown (the field's default, else empty)
 * @param name           {@code {{contact.name}}}; null when unknown
 * @param email          {@code {{contact.email}}}: the address this message goes to
 * @param attributes     {@code {{contact.attributes.X}}}; a missing key renders the default, else empty
 * @param unsubscribeUrl {@code {{unsubscribeUrl}}}: this recipient's one-step objection link, absolute http(s)
 * @param basis          the basis the decision for this recipient allowed the message on; with
 *                       {@link Basis#SOFT_OPT_IN} the footer repeats the chance to object (Tw 11.7 lid 3)
 */
public record MessageRecipient(
        String firstName,
        String name,
        String email,
        Map<String, String> attributes,
        String unsubscribeUrl,
        Basis basis) {

    public MessageRecipient {
        attributes = attributes == null ? Map.of() : attributes;
        Objects.requireNonNull(basis, "basis: pass the basis of this recipient's decision");
    }
}
