/**
 * Campaign content: turns what an author wrote (Markdown or HTML, with merge fields, a subject
 * and a preheader) into a {@link nl.mailwijs.content.CompiledMessage} once, which then renders
 * one {@link nl.mailwijs.content.RenderedMessage} per recipient without parsing anything again.
 * Author HTML is sanitised for e-mail; the footer with the sender's identity and the objection
 * link is added by Mailwijs from the sender settings and cannot be removed by the author;
 * {@link nl.mailwijs.content.ContentChecker} confirms a rendered message still carries what the
 * law asks of it (Tw 11.7 lid 3 and 4) before a campaign may be scheduled.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Content")
package nl.mailwijs.content;
