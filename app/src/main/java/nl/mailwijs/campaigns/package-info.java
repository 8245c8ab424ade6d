/**
 * Campaigns: a mailing's content, purpose and audience; the pre-flight that asks the engine about
 * every recipient and keeps each decision with the campaign version; and the durable outbox that
 * sends the allowed ones, re-checking each at send time, never twice and never lost.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
package nl.mailwijs.campaigns;
