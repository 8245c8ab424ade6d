package nl.mailwijs.suppressions;

/**
 * What {@link Suppressions#record(Bounce)} did.
 *
 * @param bounceId      the stored bounce
 * @param softInWindow  for a soft or refused bounce, how many messages to this address bounced so within the window (this
 *                      one included, since the last lift); 0 for a hard bounce
 * @param softLimit     the number at which soft bounces suppress
 * @param suppression   the suppression in force for the address after this bounce, or null when there is none
 * @param newlySuppressed true when this bounce made it
 */
public record BounceOutcome(long bounceId, BounceKind kind, long softInWindow, int softLimit, Suppression suppression,
                            boolean newlySuppressed) {
}
