package nl.mailwijs.campaigns;

import java.time.Instant;

/** A saved audience, reusable by any number of campaigns. */
public record Segment(long id, String name, Audience audience, Instant createdAt) {
}
