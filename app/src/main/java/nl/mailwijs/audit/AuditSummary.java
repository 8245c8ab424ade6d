package nl.mailwijs.audit;

import java.io.IOException;
import java.io.Writer;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;

/**
 * The table on the terminal after an audit: how many contacts may be mailed, on which basis,
 * how many not and why, which rows were left out, and where the report is. Labels in the
 * language of {@code --lang}, with the codes of the report beside them so the two can be matched.
 */
final class AuditSummary {

    private record Line(String label, long count) {
    }

    private final Language language;
    private final NumberFormat numbers;

    AuditSummary(Language language) {
        this.language = language;
        this.numbers = NumberFormat.getIntegerInstance(language == Language.NL ? Locale.forLanguageTag("nl-NL") : Locale.UK);
    }

    void print(Writer out, AuditOptions options, Audit.Result result) throws IOException {
        boolean nl = language == Language.NL;
        AuditTally tally = result.tally();
        out.write(heading(options) + "\n\n");

        List<List<Line>> sections = new ArrayList<>();
        sections.add(List.of(
                new Line(nl ? "Contacten beoordeeld" : "Contacts audited", tally.audited()),
                new Line(nl ? "  mag wel (ALLOW)" : "  allowed (ALLOW)", tally.allowed()),
                new Line(nl ? "  mag niet (DENY)" : "  denied (DENY)", tally.denied()),
                new Line(nl ? "  geen adres (NO_ADDRESS)" : "  no address (NO_ADDRESS)", tally.noAddress())));
        List<Line> bases = new ArrayList<>();
        bases.add(new Line(nl ? "Grondslag" : "Basis", -1));
        for (Basis basis : Basis.values()) {
            if (tally.count(basis) > 0) {
                bases.add(new Line("  " + Labels.basis(basis, language) + " (" + basis + ")", tally.count(basis)));
            }
        }
        sections.add(noneWhenEmpty(bases));
        List<Line> denials = new ArrayList<>();
        denials.add(new Line(nl ? "Reden van weigering" : "Reason for denial", -1));
        for (Denial denial : Denial.values()) {
            if (tally.count(denial) > 0) {
                denials.add(new Line("  " + Labels.denial(denial, language) + " (" + denial + ")", tally.count(denial)));
            }
        }
        sections.add(noneWhenEmpty(denials));
        List<Line> rejected = new ArrayList<>();
        rejected.add(new Line(nl ? "Afgekeurde rijen (niet beoordeeld)" : "Rows rejected (not audited)", result.rejected()));
        for (Map.Entry<String, Long> file : result.rejectedByFile().entrySet()) {
            rejected.add(new Line("  " + file.getKey(), file.getValue()));
        }
        sections.add(rejected);
        writeTable(out, sections);

        if (result.rejected() > 0) {
            out.write((nl ? "Afgekeurde rijen staan in " : "Rejected rows are listed in ") + result.rejectedList() + "\n");
        }
        out.write(String.format(language == Language.NL ? Locale.forLanguageTag("nl-NL") : Locale.UK, "%s: %.1f s%n",
                nl ? "Tijd" : "Time", result.elapsed().toMillis() / 1000.0));
        out.write((nl ? "Rapport: " : "Report: ") + result.report() + "\n");
    }

    private String heading(AuditOptions options) {
        boolean nl = language == Language.NL;
        String topics = options.topics().isEmpty() ? (nl ? "geen" : "none") : String.join(", ", options.topics());
        return (nl ? "Mailwijs audit: " : "Mailwijs audit: ") + Labels.channel(options.channel()) + ", " + options.purpose()
                + (nl ? ", onderwerpen: " : ", topics: ") + topics
                + (nl ? ", verzendmoment " : ", send at ") + options.sendAt()
                + (nl ? ", afzender " : ", sender ") + options.legalName();
    }

    private List<Line> noneWhenEmpty(List<Line> section) {
        if (section.size() > 1) {
            return section;
        }
        return List.of(section.getFirst(), new Line(language == Language.NL ? "  (geen)" : "  (none)", -1));
    }

    /** One table for all sections, so the numbers line up from top to bottom. */
    private void writeTable(Writer out, List<List<Line>> sections) throws IOException {
        int labelWidth = 0;
        int numberWidth = 0;
        for (List<Line> section : sections) {
            for (Line line : section) {
                labelWidth = Math.max(labelWidth, line.label().length());
                numberWidth = Math.max(numberWidth, numbers.format(Math.max(0, line.count())).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<Line> section : sections) {
            for (Line line : section) {
                table.append(line.label());
                if (line.count() >= 0) {
                    String number = numbers.format(line.count());
                    table.append(" ".repeat(labelWidth - line.label().length() + 2 + numberWidth - number.length())).append(number);
                }
                table.append('\n');
            }
            table.append('\n');
        }
        out.write(table.toString());
    }
}
