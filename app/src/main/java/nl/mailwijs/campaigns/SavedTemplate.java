package nl.mailwijs.campaigns;

import java.time.Instant;

import nl.mailwijs.content.BodyFormat;

/**
 * A reusable body, from which campaigns take their content (each with its own subject and
 * preheader).
 *
 * @param version  goes up with every change; a campaign records the version it copied
 * @param textBody the author's own plain-text part, or null to generate it from the body
 */
public record SavedTemplate(long id, String name, int version, BodyFormat bodyFormat, String body, String textBody, Instant createdAt,
                            Instant updatedAt) {
}
