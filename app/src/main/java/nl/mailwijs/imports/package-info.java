/**
 * The CSV import: the exports {@code bin/mailwijs audit} reads (contacts, purchases, consents,
 * objections, interactions) into contacts and the evidence ledger, over {@code POST
 * /api/v1/imports} and {@code bin/mailwijs import}. Streaming and in batches; idempotent by the
 * source's ids, so a re-import adds nothing twice and never takes back an objection or a
 * withdrawal (the ledger is append-only).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Imports")
package nl.mailwijs.imports;
