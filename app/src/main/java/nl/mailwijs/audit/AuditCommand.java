package nl.mailwijs.audit;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.time.Clock;

import nl.mailwijs.cli.ExitCode;
import nl.mailwijs.engine.DecisionEngine;

/**
 * {@code mailwijs audit}: "may I mail this person?" for every contact of a customer file. Reads
 * CSV exports, decides each contact with the engine, writes a report row per contact and prints
 * a summary. Valid rows are audited; each row that cannot be read is listed and left out.
 */
public final class AuditCommand {

    static final String USAGE = """
            Usage: mailwijs audit --legal-name NAME (--contacts FILE | --dir DIR) [OPTIONS]

            Decides for every contact in a customer file whether this message may be sent to them,
            and why (rules-nl.md). Writes one report row per contact and prints a summary.

            Files (CSV with a header row; ';', ',' or tab separated; UTF-8 with or without BOM):
              --contacts FILE      contacts (required, unless --dir holds contacts.csv)
              --purchases FILE     purchases (orders), the ground of a soft opt-in
              --consents FILE      consents
              --objections FILE    objections and unsubscribes
              --interactions FILE  quotes, information requests, visits (not a sale)
              --dir DIR            picks up contacts.csv, purchases.csv, consents.csv, objections.csv and
                                   interactions.csv where they exist; a file option overrides its file

            The message:
              --legal-name NAME    the sender's legal or registered trade name (required)
              --sender-country CC  the sender's country (default NL)
              --channel C          EMAIL (default), SMS or WHATSAPP
              --purpose P          COMMERCIAL (default), IDEOLOGICAL, CHARITABLE, SERVICE or PERSONAL_PROPOSAL
              --topics a,b         the message's topics, comma separated (soft opt-in needs at least one)
              --contains-promotion with --purpose SERVICE: the service message also promotes something, which
                                   makes it commercial (NL-SCOPE-MIXED); other purposes always count as promotion
              --send-at T          when it is sent: 2026-11-23T10:00:00Z, 2026-11-23 or 23-11-2026 (default: now)
              --recipient-count N  number of recipients (default: the number of rows in the contacts file)
              --policy FILE        JSON: {"similarTopics": {...}, "softOptInMonths": 24, "offerAddressLocalParts": [...]}
                                   (default: the NL defaults of decision-format.md)

            Output:
              --out FILE           the report (default audit-report.csv), UTF-8 with BOM, ';' separated:
                                     contact_id;name;address;verdict;basis;denial;deciding_rules;evidence_ids;
                                     basis_valid_until;reason
                                   verdict is ALLOW, DENY or NO_ADDRESS (no address for the channel)
              --lang nl|en         language of the reasons and the summary (default nl)

            Columns (names in any case; '-' or a space counts as '_'; other columns are ignored):
              contacts      contact_id*, email (* for EMAIL; also E-mail), phone (* for SMS/WHATSAPP; also
                            Telefoon; E.164 e.g. +31612345678),
                            kind (NATURAL_PERSON or LEGAL_ENTITY; person/business/bedrijf; empty: NATURAL_PERSON),
                            country (ISO code, empty: NL), name, published_for_offers
              purchases     contact_id*, order_id, date*, categories, proof (ORDER, INVOICE, PAYMENT, CONTRACT, NONE;
                            empty: NONE), address_collected_in_sale, objection_offered
              consents      contact_id*, consent_id, given_at*, channels*, topics, method, obtained_by, wording,
                            confirmed_at, withdrawn_at
              objections    contact_id*, objection_id, at, channels (empty or ALL: every channel), topics, via
              interactions  contact_id*, type* (QUOTE, INFORMATION_REQUEST, BROCHURE_REQUEST, SHOWROOM_VISIT,
                            EVENT, OTHER), date
              * the column is required. Lists are separated by |. Yes/no: true/false, ja/nee, yes/no, 1/0;
              empty is no. Dates: 2026-11-23 (00:00 UTC), 23-11-2026, or a time with a zone (…T10:00:00Z).
              The values of channels, method, obtained_by, proof, via and type are those of
              decision-format.md, in any case. An empty field means the fact is unknown, and the engine
              reads an unknown fact cautiously (an undated consent or a purchase without proof carries nothing).

            Rows that cannot be read (a bad date, e-mail address or value, a wrong number of fields, a
            duplicate contact_id, evidence for a contact not in the contacts file) are left out and listed
            with file, line and reason: the first 20 on the terminal, all in <report>.rejected.csv.
            Valid rows are audited; each rejected row is reported.

            Exit codes: 0 all rows audited; 3 audited, but some rows were rejected (listed);
                        2 a bad command line or a file that cannot be audited at all (a missing column):
                          nothing is written; 1 an unexpected failure.
            """;

    private final DecisionEngine engine;
    private final Clock clock;
    private final boolean showProgress;

    public AuditCommand(DecisionEngine engine) {
        this(engine, Clock.systemUTC(), standardErrorIsTerminal());
    }

    AuditCommand(DecisionEngine engine, Clock clock, boolean showProgress) {
        this.engine = engine;
        this.clock = clock;
        this.showProgress = showProgress;
    }

    /**
     * Audits the files named in {@code args}; the summary goes to {@code out}, notes, rejected
     * rows and the progress bar to {@code err}. A bad command line is a
     * {@link nl.mailwijs.cli.UsageException}, reported by the caller with exit code 2.
     */
    public int run(String[] args, Writer out, PrintStream err) throws IOException {
        if (AuditOptions.wantsHelp(args)) {
            out.write(USAGE);
            return ExitCode.OK;
        }
        AuditOptions options = AuditOptions.parse(args, clock);
        Audit.Result result;
        try {
            result = new Audit(engine, options, err, showProgress).run();
        } catch (AuditInputException e) {
            err.println("mailwijs audit: " + e.getMessage());
            err.println("mailwijs audit: nothing was audited.");
            return ExitCode.BAD_INPUT;
        }
        printRejections(result, err);
        new AuditSummary(options.language()).print(out, options, result);
        return result.rejected() > 0 ? ExitCode.ROWS_REJECTED : ExitCode.OK;
    }

    private static void printRejections(Audit.Result result, PrintStream err) {
        if (result.rejected() == 0) {
            return;
        }
        err.println("mailwijs audit: " + result.rejected() + (result.rejected() == 1 ? " row" : " rows")
                + " could not be read and " + (result.rejected() == 1 ? "was" : "were") + " left out; all are listed in "
                + result.rejectedList() + ":");
        for (Rejections.Rejection rejection : result.firstRejections()) {
            err.println("  " + rejection.describe());
        }
        long more = result.rejected() - result.firstRejections().size();
        if (more > 0) {
            err.println("  … and " + more + " more");
        }
    }

    /**
     * Whether a person is watching standard error. Before Java 22 a console exists only on a
     * terminal; from Java 22 on there is always one, and {@code isTerminal()} (not in the Java 21
     * API this is compiled against, hence reflection) says whether it is a terminal.
     */
    private static boolean standardErrorIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
