package nl.mailwijs.inbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.mailwijs.suppression.ContactErased;

/**
 * Blanks the inbound messages of an erased contact inside the erasure's transaction: those its
 * token led to (a bounce, a complaint, a mailto unsubscribe of one of its messages) and those
 * sent from one of its addresses. What arrived, when, and what was done with it stays; the
 * message itself, its headers and the parsed report (which name the address) go.
 */
@Component
class ErasedInboundMessages {

    private static final byte[] ERASED = ContactErased.ERASED.getBytes(StandardCharsets.US_ASCII);

    private final JdbcClient jdbc;

    ErasedInboundMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void erase(ContactErased erased) {
        jdbc.sql(InboundSql.ERASE_OF_CONTACT).param("erased", ContactErased.ERASED).param("raw", ERASED)
                .param("contactId", erased.contactId()).update();
        for (String address : erased.addresses()) {
            if (address.equals(ContactErased.ERASED) || address.isBlank()) {
                continue;
            }
            jdbc.sql(InboundSql.ERASE_FROM_ADDRESS).param("erased", ContactErased.ERASED).param("raw", ERASED)
                    .param("pattern", "%" + likeEscaped(address.toLowerCase(Locale.ROOT)) + "%").update();
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
