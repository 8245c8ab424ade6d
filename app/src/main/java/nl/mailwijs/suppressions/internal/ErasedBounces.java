package nl.mailwijs.suppressions.internal;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.mailwijs.suppression.ContactErased;
import nl.mailwijs.suppressions.Suppressions;

/**
 * Blanks an erased contact's addresses in the bounce counts and suppressions, inside the
 * erasure's transaction. The rows stay (that an address bounced is the sender's record of why it
 * stopped mailing it) but no longer say which address it was. A suppression in force is lifted
 * by the erasure: the person's wish survives an erasure as a keyed hash on the erasure
 * suppression list, a dead mailbox need not (mailed again after a re-import, it bounces again).
 */
@Component
class ErasedBounces {

    private final JdbcClient jdbc;

    ErasedBounces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void erase(ContactErased erased) {
        List<String> keys = erased.addresses().stream().map(Suppressions::addressKey).flatMap(java.util.Optional::stream).distinct().toList();
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql(SuppressionsSql.ERASE_SUPPRESSIONS).param("erased", ContactErased.ERASED).param("keys", keys)
                .param("at", java.time.OffsetDateTime.ofInstant(erased.erasedAt(), java.time.ZoneOffset.UTC)).update();
        jdbc.sql(SuppressionsSql.ERASE_BOUNCES).param("erased", ContactErased.ERASED).param("keys", keys).update();
    }
}
