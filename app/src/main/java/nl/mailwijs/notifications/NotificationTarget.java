package nl.mailwijs.notifications;

/** Where a notification goes. */
public enum NotificationTarget {
    /** An e-mail to one address of {@code mailwijs.notifications.email.to}, through the delivery path. */
    EMAIL,
    /** An HTTP POST of JSON to {@code mailwijs.notifications.webhook.url}, signed with HMAC-SHA256. */
    WEBHOOK
}
