package nl.mailwijs.notifications;

/** When the sender hears of objections. */
public enum NotificationSchedule {
    /** One message per objection, as soon as the worker sees it (seconds). */
    EVENT,
    /** One message a day with the objections of the day before, at {@code mailwijs.notifications.daily-at}. */
    DAILY
}
