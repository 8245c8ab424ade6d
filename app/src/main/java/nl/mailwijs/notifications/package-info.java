/**
 * Notifying the sender of every objection, by whatever route it came (unsubscribe link,
 * one-click, mailto, staff, complaint, or an address only): per event or as a daily digest, by
 * e-mail through the delivery path or by a signed webhook. A notification is written in the
 * transaction that records the objection and delivered by a worker that retries, so none is
 * lost. Configured under {@code mailwijs.notifications.*}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package nl.mailwijs.notifications;
