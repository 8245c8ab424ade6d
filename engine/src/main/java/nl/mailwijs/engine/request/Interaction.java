package nl.mailwijs.engine.request;

import java.time.Instant;

/** A contact that is not a sale: a quote, an information request, a visit. */
public record Interaction(String id, InteractionType type, Instant date) {
}
