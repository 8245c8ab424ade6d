package nl.mailwijs.decisions;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.mailwijs.suppression.ContactErased;

/**
 * Blanks the address in the stored decisions of an erased contact (the column, and wherever the
 * decision's text quotes it), inside the erasure's transaction. The decisions stay: what was
 * decided, when, on which settings and evidence, is the sender's proof, without the address.
 */
@Component
class ErasedContactDecisions {

    private final JdbcClient jdbc;

    ErasedContactDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void erase(ContactErased erased) {
        jdbc.sql("""
                UPDATE decision_record SET decision = REPLACE(decision, address, :erased), address = :erased
                 WHERE contact_id = :contactId""")
                .param("erased", ContactErased.ERASED)
                .param("contactId", erased.contactId())
                .update();
    }
}
