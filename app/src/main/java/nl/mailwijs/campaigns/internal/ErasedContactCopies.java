package nl.mailwijs.campaigns.internal;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.mailwijs.suppression.ContactErased;

/**
 * Blanks what the campaigns keep of an erased contact, inside the erasure's transaction: the
 * address of its outbox rows (and in their SMTP replies), of its pre-flight decisions, and its
 * name and address where a pre-flight report shows it as an example. The rows themselves stay:
 * that a message went out, and on what basis, is the sender's proof and carries no address now.
 */
@Component
class ErasedContactCopies {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    ErasedContactCopies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void erase(ContactErased erased) {
        jdbc.sql(CampaignsSql.ERASE_OUTBOX_ADDRESSES).param("erased", ContactErased.ERASED).param("contactId", erased.contactId()).update();
        jdbc.sql(CampaignsSql.ERASE_DECISION_ADDRESSES).param("erased", ContactErased.ERASED).param("contactId", erased.contactId())
                .update();
        Map<Long, String> reports = new java.util.HashMap<>();
        jdbc.sql(CampaignsSql.REPORTS_NAMING).param("pattern", "%\"contactId\":" + erased.contactId() + ",%")
                .query(row -> {
                    reports.put(row.getLong("id"), row.getString("preflight_report"));
                });
        reports.forEach((campaignId, report) -> {
            JsonNode tree = json.readTree(report);
            if (blank(tree, erased)) {
                jdbc.sql(CampaignsSql.REPLACE_REPORT).param("report", json.writeValueAsString(tree)).param("id", campaignId).update();
            }
        });
    }

    /** Blanks every example of this contact anywhere in the report; true when there was one. */
    private static boolean blank(JsonNode node, ContactErased erased) {
        boolean changed = false;
        if (node instanceof ObjectNode object && object.has("contactId") && object.get("contactId").asLong() == erased.contactId()) {
            object.putNull("name");
            object.put("address", ContactErased.ERASED);
            if (object.hasNonNull("why")) {
                String why = object.get("why").asString();
                for (String address : erased.addresses()) {
                    why = why.replace(address, ContactErased.ERASED);
                }
                object.put("why", why);
            }
            changed = true;
        }
        for (JsonNode child : node) {
            changed |= blank(child, erased);
        }
        return changed;
    }
}
