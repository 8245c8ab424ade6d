/**
 * Suppressions: addresses that are not mailed because they do not work. A hard bounce (a report
 * that came back saying {@code failed} with a 5.x.x status, or a 5xx reply to the address while
 * sending) suppresses the address at once; soft bounces are counted per address and suppress it
 * after {@code mailwijs.bounces.soft-limit} within {@code mailwijs.bounces.soft-window}.
 *
 * <p>A suppression is of the address, never of the person: what a person wants (an objection, a
 * complaint) is evidence in the ledger. It is not a decision of the engine either (the law does
 * not care whether a mailbox exists): the pre-flight reports suppressed addresses apart from the
 * engine's denials, and the outbox stops their messages at send time. Lifting one keeps its row.
 * {@link nl.mailwijs.suppressions.Suppressions} is the API; {@code /api/v1/suppressions} and
 * {@code /api/v1/bounces} show and lift them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Suppressions")
package nl.mailwijs.suppressions;
