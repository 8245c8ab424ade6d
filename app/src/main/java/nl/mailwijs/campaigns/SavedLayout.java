package nl.mailwijs.campaigns;

import java.time.Instant;

/**
 * A reusable HTML shell around a campaign's content: a {@code {{content}}} slot and optionally a
 * {@code {{footer}}} slot after it (see {@link nl.mailwijs.content.Layout}).
 *
 * @param version goes up with every change; a campaign records the version it copied
 * @param html    as written; sanitised each time it is used, as author content is
 */
public record SavedLayout(long id, String name, int version, String html, Instant createdAt, Instant updatedAt) {
}
