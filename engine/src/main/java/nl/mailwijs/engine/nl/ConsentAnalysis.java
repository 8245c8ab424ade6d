package nl.mailwijs.engine.nl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.request.Consent;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.values.Topics;

/**
 * The consents that apply to this message and what is wrong with each; shared by
 * NL-TW-11.7-1, NL-AVG-7 and NL-AVG-7-3.
 */
record ConsentAnalysis(List<Assessed> applicable) {

    /** An applicable consent: its defects (empty when valid) and whether it was withdrawn by the send. */
    record Assessed(Consent consent, String id, ConsentDefect defect, boolean withdrawn) {
        boolean valid() {
            return defect == null;
        }

        boolean usable() {
            return valid() && !withdrawn;
        }
    }

    static final Function<Facts, ConsentAnalysis> OF = ConsentAnalysis::analyse;

    /**
     * Wording that stretches consent to parties the person cannot see (EDPB 05/2020 §3.3.1,
     * ACM). Naming a partner would be acceptable, but the engine cannot tell a named partner
     * from an unnamed one, so any such wording is treated as unnamed (cautious).
     */
    private static final Pattern UNNAMED_PARTIES = Pattern.compile(
            "\\b(partners?|partnerbedrijven|samenwerkingspartners?|derden|(met|aan|door) (een )?derde|derde partij(en)?|third[- ]part(y|ies)"
                    + "|3rd[- ]part(y|ies)|(zorgvuldig )?geselecteerde (bedrijven|partijen|organisaties|ondernemingen|aanbieders)"
                    + "|selected (companies|partners|organi[sz]ations|businesses|brands)|affiliates?|gelieerde"
                    + "|sponsors?|adverteerders|advertisers|zuster(bedrijven|organisaties|ondernemingen)"
                    + "|groepsmaatschappij(en)?|dochterondernemingen|group companies"
                    + "|andere bedrijven|other companies|dritte|partenaires|tiers)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private static final Comparator<Assessed> BY_TIME_THEN_ID = Comparator
            .comparing((Assessed assessed) -> assessed.consent().givenAt(), Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Assessed::id);

    private static ConsentAnalysis analyse(Facts facts) {
        List<Assessed> applicable = new ArrayList<>(2);
        List<Consent> consents = facts.consents();
        for (Consent consent : consents) {
            if (appliesTo(consent, facts)) {
                String id = consent.id() != null ? consent.id() : facts.nameOf(consent, "consents", facts.request().evidence().consents());
                applicable.add(new Assessed(consent, id, defectOf(consent, facts), facts.happenedBySend(consent.withdrawnAt())));
            }
        }
        applicable.sort(BY_TIME_THEN_ID);
        return new ConsentAnalysis(List.copyOf(applicable));
    }

    private static boolean appliesTo(Consent consent, Facts facts) {
        if (!consent.channels().contains(facts.channel())) {
            return false;
        }
        if (consent.topics().isEmpty()) {
            return true;
        }
        for (String topic : facts.topics()) {
            if (!Topics.containsTopic(consent.topics(), topic)) {
                return false;
            }
        }
        return true;
    }

    private static ConsentDefect defectOf(Consent consent, Facts facts) {
        if (consent.givenAt() == null) {
            return ConsentDefect.NO_DATE;
        }
        if (consent.method() == null) {
            return ConsentDefect.NO_METHOD;
        }
        switch (consent.method()) {
            case PRETICKED_CHECKBOX -> {
                return ConsentDefect.PRETICKED;
            }
            case TERMS_AND_CONDITIONS -> {
                return ConsentDefect.TERMS_AND_CONDITIONS;
            }
            case DOUBLE_OPT_IN -> {
                if (!facts.happenedBySend(consent.confirmedAt())) {
                    return ConsentDefect.NOT_CONFIRMED;
                }
            }
            case UNTICKED_CHECKBOX, WRITTEN, VERBAL, IMPORTED -> {
            }
        }
        if (consent.obtainedBy() == ObtainedBy.THIRD_PARTY) {
            return ConsentDefect.THIRD_PARTY;
        }
        if (consent.obtainedBy() == null) {
            return ConsentDefect.OBTAINER_UNKNOWN;
        }
        if (consent.wording() == null || consent.wording().isBlank()) {
            return ConsentDefect.NO_WORDING;
        }
        if (UNNAMED_PARTIES.matcher(consent.wording()).find()) {
            return ConsentDefect.UNNAMED_PARTNERS;
        }
        return null;
    }

    List<Assessed> usable() {
        return applicable.stream().filter(Assessed::usable).toList();
    }

    List<Assessed> valid() {
        return applicable.stream().filter(Assessed::valid).toList();
    }

    List<Assessed> invalid() {
        return applicable.stream().filter(assessed -> !assessed.valid()).toList();
    }

    List<Assessed> withdrawn() {
        return applicable.stream().filter(Assessed::withdrawn).toList();
    }

    static List<String> ids(List<Assessed> consents) {
        return consents.stream().map(Assessed::id).toList();
    }
}
