package nl.mailwijs.content;

import static nl.mailwijs.content.ContentFixtures.UNSUBSCRIBE;
import static nl.mailwijs.content.ContentFixtures.recipient;
import static nl.mailwijs.content.ContentFixtures.settings;
import static nl.mailwijs.content.ContentFixtures.softOptIn;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.settings.SenderSettings;

class ContentCheckerTests {

    private final MessageComposer composer = new MessageComposer();
    private final ContentChecker checker = new ContentChecker();
    private final CompiledMessage compiled = composer.compile(MessageDraft.markdown("Nieuws", "", "Hallo"), settings());

    @Test
    void aComposedMessagePassesOnConsentAndOnSoftOptIn() {
        assertThat(checker.check(compiled.render(recipient("A")), settings()).findings()).isEmpty();
        assertThat(checker.check(compiled.render(softOptIn("A")), settings()).findings()).isEmpty();
        assertThat(checker.preflight(compiled, settings()).passed()).isTrue();
    }

    @Test
    void messagesComposedUnderOtherSettingsLackTheseSettingsIdentity() {
        SenderSettings other = settings("Fotostudio Jansen Holding B.V.", "Licht & Lens", "87654321", "Kerkweg 9\n9999 ZZ Stad", null);

        ContentCheck check = checker.check(compiled.render(recipient("A")), other);

        assertThat(check.passed()).isFalse();
        assertThat(check.findings()).extracting(ContentFinding::defect, ContentFinding::part, ContentFinding::expected).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ContentDefect.LEGAL_NAME_MISSING, "html", "Fotostudio Jansen Holding B.V."),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.TRADE_NAME_MISSING, "html", "Licht & Lens"),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.KVK_NUMBER_MISSING, "html", "87654321"),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.POSTAL_ADDRESS_MISSING, "html", "Kerkweg 9"),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.POSTAL_ADDRESS_MISSING, "html", "9999 ZZ Stad"),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.LEGAL_NAME_MISSING, "text", "Fotostudio Jansen Holding B.V."),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.TRADE_NAME_MISSING, "text", "Licht & Lens"),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.KVK_NUMBER_MISSING, "text", "87654321"),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.POSTAL_ADDRESS_MISSING, "text", "Kerkweg 9"),
                org.assertj.core.groups.Tuple.tuple(ContentDefect.POSTAL_ADDRESS_MISSING, "text", "9999 ZZ Stad"));
        assertThat(check.findings().get(0).text(Language.NL))
                .isEqualTo("De echte naam van de afzender (Fotostudio Jansen Holding B.V.) staat niet zichtbaar in het bericht (html).");
        assertThat(check.findings().get(0).defect().rule()).isEqualTo("NL-TW-11.7-4a");
        assertThat(check.findings().get(0).defect().obligation()).contains(nl.mailwijs.engine.decision.Obligation.SENDER_IDENTITY);
    }

    @Test
    void eachDefectNamesTheSameRuleAsTheObligationItFails() {
        for (ContentDefect defect : ContentDefect.values()) {
            defect.obligation().ifPresent(obligation -> assertThat(obligation.rule()).as(defect.name()).isEqualTo(defect.rule()));
        }
    }

    @Test
    void aMessageWithoutTheFooterLacksIdentityAndObjectionLink() {
        RenderedMessage bare = new RenderedMessage("Nieuws", "", "<html><body><p>Hallo</p></body></html>", "Hallo", UNSUBSCRIBE,
                Basis.SOFT_OPT_IN, Language.NL);

        ContentCheck check = checker.check(bare, settings());

        assertThat(check.findings()).extracting(ContentFinding::defect).contains(
                ContentDefect.LEGAL_NAME_MISSING, ContentDefect.OBJECTION_LINK_MISSING, ContentDefect.SOFT_OPT_IN_NOTICE_MISSING);
        assertThat(check.findings()).filteredOn(finding -> finding.defect() == ContentDefect.OBJECTION_LINK_MISSING)
                .extracting(ContentFinding::part).containsExactly("html", "text");
        assertThat(check.findings()).filteredOn(finding -> finding.defect() == ContentDefect.OBJECTION_LINK_MISSING).first()
                .extracting(finding -> finding.text(Language.EN))
                .isEqualTo("There is no visible unsubscribe link to " + UNSUBSCRIBE + " in the message (html).");
    }

    @Test
    void hiddenTextAndHiddenLinksDoNotCount() {
        RenderedMessage good = compiled.render(recipient("A"));
        String hiddenFooter = good.html().replace("<div lang=\"nl\" style=\"", "<div lang=\"nl\" style=\"display: none; ");
        String zeroSize = good.html().replace("<div lang=\"nl\" style=\"", "<div lang=\"nl\" style=\"font-size:0;");
        String commented = good.html().replace("<div lang=\"nl\"", "<!--<div lang=\"nl\"").replace("</body>", "--></body>");

        for (String html : new String[] {hiddenFooter, zeroSize, commented}) {
            RenderedMessage tampered = new RenderedMessage(good.subject(), "", html, good.text(), UNSUBSCRIBE, Basis.CONSENT, Language.NL);

            assertThat(checker.check(tampered, settings()).findings()).extracting(ContentFinding::defect, ContentFinding::part)
                    .contains(org.assertj.core.groups.Tuple.tuple(ContentDefect.LEGAL_NAME_MISSING, "html"),
                            org.assertj.core.groups.Tuple.tuple(ContentDefect.OBJECTION_LINK_MISSING, "html"));
        }
    }

    @Test
    void sizesThatAreNotZeroHideNothing() {
        RenderedMessage good = compiled.render(recipient("A"));
        String html = good.html().replace("<div lang=\"nl\" style=\"", "<div lang=\"nl\" style=\"width: auto; height: 10px; opacity: 0.9; ");

        RenderedMessage styled = new RenderedMessage(good.subject(), "", html, good.text(), UNSUBSCRIBE, Basis.CONSENT, Language.NL);

        assertThat(checker.check(styled, settings()).findings()).isEmpty();
    }

    @Test
    void aLinkWithoutTextOrToAnotherUrlIsNoObjectionLink() {
        RenderedMessage good = compiled.render(recipient("A"));
        String empty = good.html().replaceAll(">Afmelden</a>", "></a>");
        String elsewhere = good.html().replace("href=\"" + UNSUBSCRIBE + "\"", "href=\"https://elders.example/\"");

        for (String html : new String[] {empty, elsewhere}) {
            RenderedMessage tampered = new RenderedMessage(good.subject(), "", html, good.text(), UNSUBSCRIBE, Basis.CONSENT, Language.NL);

            assertThat(checker.check(tampered, settings()).findings()).extracting(ContentFinding::defect)
                    .containsExactly(ContentDefect.OBJECTION_LINK_MISSING);
        }
    }

    @Test
    void anUnsubscribeUrlThatCannotWorkIsReported() {
        RenderedMessage good = compiled.render(recipient("A"));
        RenderedMessage relative = new RenderedMessage(good.subject(), "", good.html(), good.text(), "/afmelden", Basis.CONSENT, Language.NL);

        assertThat(checker.check(relative, settings()).findings()).extracting(ContentFinding::defect)
                .containsExactly(ContentDefect.OBJECTION_LINK_INVALID);
    }

    @Test
    void aSubjectWithALineBreakIsReported() {
        RenderedMessage good = compiled.render(recipient("A"));
        RenderedMessage injected = new RenderedMessage("a\r\nBcc: x", "", good.html(), good.text(), UNSUBSCRIBE, Basis.CONSENT, Language.NL);

        assertThat(checker.check(injected, settings()).findings()).extracting(ContentFinding::defect)
                .containsExactly(ContentDefect.SUBJECT_UNSAFE);
    }

    @Test
    void theSoftOptInNoticeIsRequiredOnlyUnderSoftOptIn() {
        RenderedMessage consent = compiled.render(recipient("A"));
        RenderedMessage claimedSoftOptIn = new RenderedMessage(consent.subject(), "", consent.html(), consent.text(), UNSUBSCRIBE,
                Basis.SOFT_OPT_IN, Language.NL);

        assertThat(checker.check(claimedSoftOptIn, settings()).findings()).extracting(ContentFinding::defect, ContentFinding::part)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ContentDefect.SOFT_OPT_IN_NOTICE_MISSING, "html"),
                        org.assertj.core.groups.Tuple.tuple(ContentDefect.SOFT_OPT_IN_NOTICE_MISSING, "text"));
    }
}
