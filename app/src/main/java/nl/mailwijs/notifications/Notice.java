package nl.mailwijs.notifications;

import java.util.List;

/**
 * A notification with who objected, as known when it is sent: the contact's name and addresses
 * are read then, not copied when the objection came in, so an erased contact shows as erased.
 *
 * @param name      the contact's name, or null
 * @param addresses the contact's addresses; for an address-only objection that address
 * @param erased    true when the contact was erased since
 */
public record Notice(Notification notification, String name, List<String> addresses, boolean erased) {

    public Notice {
        addresses = List.copyOf(addresses);
    }
}
