package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import nl.mailwijs.audit.FileProblem;
import nl.mailwijs.audit.RowProblem;
import nl.mailwijs.campaigns.CampaignProblem;
import nl.mailwijs.campaigns.CampaignState;
import nl.mailwijs.content.ContentProblem;
import nl.mailwijs.decisionjson.InputProblem;
import nl.mailwijs.decisionjson.ProblemCode;
import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.delivery.SendStatus;
import nl.mailwijs.delivery.SmtpRelay;
import nl.mailwijs.engine.request.ConsentMethod;
import nl.mailwijs.engine.request.InteractionType;
import nl.mailwijs.engine.request.ObtainedBy;
import nl.mailwijs.engine.request.Proof;
import nl.mailwijs.evidence.ChainReport;
import nl.mailwijs.evidence.EvidenceProblem;
import nl.mailwijs.imports.ImportProblem;
import nl.mailwijs.notifications.NotificationTarget;
import nl.mailwijs.platform.TokenScope;
import nl.mailwijs.suppression.SuppressionCause;
import nl.mailwijs.suppressions.BounceKind;
import nl.mailwijs.suppressions.BounceSource;
import nl.mailwijs.suppressions.SuppressionReason;
import nl.mailwijs.content.BodyFormat;
import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Language;
import nl.mailwijs.engine.decision.Verdict;
import nl.mailwijs.engine.request.Channel;
import nl.mailwijs.engine.request.ObjectionRoute;
import nl.mailwijs.engine.request.Purpose;
import nl.mailwijs.engine.request.RecipientKind;
import nl.mailwijs.evidence.EvidenceKind;
import nl.mailwijs.platform.UserRole;

/**
 * Every text a person reads on a page comes from messages_nl or messages_en: a template that
 * uses a key missing from either file, or that holds text of its own outside {@code th:text},
 * fails here, as does a key in one file and not the other.
 */
class WebTextsTests {

    /** A message key in a template: {@code #{contact.title}} or {@code #{contact.title(${x})}}. */
    private static final Pattern KEY_IN_TEMPLATE = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
    /** A message key written as a Java string in the web package, e.g. a flash message. */
    private static final Pattern KEY_IN_JAVA = Pattern.compile("\"([a-z]+(?:\\.[A-Za-z0-9]+)+)\"");
    /** Attributes a person reads (or hears with a screen reader). */
    private static final List<String> READ_ATTRIBUTES = List.of("title", "alt", "placeholder", "aria-label", "label");
    /** Attributes whose element's own text is replaced when the page is rendered. */
    private static final List<String> REPLACING = List.of("th:text", "th:utext", "th:replace", "th:insert");

    @Test
    void bothLanguagesHaveTheSameKeysAndNoEmptyText() throws IOException {
        Properties dutch = messages("nl");
        Properties english = messages("en");

        assertThat(new TreeSet<>(english.stringPropertyNames())).as("keys in messages_en").isEqualTo(new TreeSet<>(dutch.stringPropertyNames()));
        assertThat(dutch.stringPropertyNames()).allSatisfy(key -> {
            assertThat(dutch.getProperty(key)).as("nl " + key).isNotBlank();
            assertThat(english.getProperty(key)).as("en " + key).isNotBlank();
        });
    }

    @Test
    void everyKeyATemplateOrControllerUsesIsInBothLanguages() throws IOException {
        Properties dutch = messages("nl");
        Properties english = messages("en");
        Map<String, Set<String>> used = new TreeMap<>();
        for (Map.Entry<String, String> template : templates().entrySet()) {
            Matcher key = KEY_IN_TEMPLATE.matcher(template.getValue());
            while (key.find()) {
                used.computeIfAbsent(key.group(1), k -> new TreeSet<>()).add(template.getKey());
            }
        }
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/nl/mailwijs/web"))) {
            for (Path source : sources.toList()) {
                Matcher key = KEY_IN_JAVA.matcher(Files.readString(source));
                while (key.find()) {
                    if (looksLikeMessageKey(key.group(1), dutch)) {
                        used.computeIfAbsent(key.group(1), k -> new TreeSet<>()).add(source.getFileName().toString());
                    }
                }
            }
        }

        assertThat(used).isNotEmpty();
        List<String> missing = new ArrayList<>();
        used.forEach((key, where) -> {
            if (!dutch.containsKey(key)) {
                missing.add(key + " (nl) in " + where);
            }
            if (!english.containsKey(key)) {
                missing.add(key + " (en) in " + where);
            }
        });
        assertThat(missing).as("message keys used but not defined").isEmpty();
    }

    @Test
    void noTemplateHoldsTextOfItsOwn() throws IOException {
        List<String> literals = new ArrayList<>();
        templates().forEach((name, html) -> literals.addAll(literalTexts(name, html)));

        assertThat(literals).as("text in templates outside th:text / #{...}").isEmpty();
    }

    @Test
    void theLiteralTextCheckFindsTextAndReadAttributesButNotReplacedText() {
        String html = """
                <main><h1 th:text="#{x}">Vervangen</h1><p>Hallo daar</p><img src="a.png" alt="Een foto">
                <button th:attr="aria-label=#{y}">&times;</button><span>: 12</span><div th:replace="~{a :: b}"><p>Weg</p></div></main>""";

        assertThat(literalTexts("sample.html", html)).containsExactly("sample.html: text 'Hallo daar' in <p>",
                "sample.html: alt='Een foto' on <img>");
    }

    @Test
    void everyCodeThePagesShowHasATextInBothLanguages() throws IOException {
        Properties dutch = messages("nl");
        Properties english = messages("en");
        Map<String, Enum<?>[]> shown = Map.ofEntries(Map.entry("basis.", Basis.values()), Map.entry("denial.", Denial.values()),
                Map.entry("verdict.", Verdict.values()), Map.entry("channel.", Channel.values()), Map.entry("route.", ObjectionRoute.values()),
                Map.entry("evidenceKind.", EvidenceKind.values()), Map.entry("recipientKind.", RecipientKind.values()),
                Map.entry("campaignState.", CampaignState.values()), Map.entry("purpose.", Purpose.values()),
                Map.entry("bodyFormat.", BodyFormat.values()), Map.entry("language.", Language.values()),
                Map.entry("role.", UserRole.values()), Map.entry("consentMethod.", ConsentMethod.values()),
                Map.entry("obtainedBy.", ObtainedBy.values()), Map.entry("proof.", Proof.values()),
                Map.entry("interactionType.", InteractionType.values()), Map.entry("sendStatus.", SendStatus.values()),
                Map.entry("relays.security.", SmtpRelay.Security.values()), Map.entry("tokenScope.", TokenScope.values()),
                Map.entry("suppressionReason.", SuppressionReason.values()), Map.entry("suppressionCause.", SuppressionCause.values()),
                Map.entry("bounceKind.", BounceKind.values()), Map.entry("bounceSource.", BounceSource.values()),
                Map.entry("notificationTarget.", NotificationTarget.values()));
        List<String> missing = new ArrayList<>();
        shown.forEach((prefix, values) -> {
            for (Enum<?> value : values) {
                if (!dutch.containsKey(prefix + value.name()) || !english.containsKey(prefix + value.name())) {
                    missing.add(prefix + value.name());
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    /**
     * Every code a service gives the pages (each enum implementing {@link ProblemCode}, found on the
     * class path, so a new one is checked too) has its text in both languages, as has every enum
     * constant a problem names as an argument ({@link PageText#enumKey}).
     */
    @Test
    void everyProblemCodeHasATextInBothLanguages() throws IOException {
        Properties dutch = messages("nl");
        Properties english = messages("en");
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ProblemCode.class));
        List<Class<?>> codes = new ArrayList<>();
        for (BeanDefinition found : scanner.findCandidateComponents("nl.mailwijs")) {
            codes.add(ClassUtils.resolveClassName(found.getBeanClassName(), getClass().getClassLoader()));
        }
        assertThat(codes).as("the scan finds the codes").contains(InputProblem.class, RowProblem.class, FileProblem.class, ImportProblem.class,
                EvidenceProblem.class, ContentProblem.Code.class, CampaignProblem.class, ChainReport.Problem.class, MailCatcher.Failure.class);

        List<String> missing = new ArrayList<>();
        for (Class<?> type : codes) {
            assertThat(type.isEnum()).as(type + " is an enum, so its codes can be listed").isTrue();
            for (Object constant : type.getEnumConstants()) {
                String key = ((ProblemCode) constant).key();
                if (!dutch.containsKey(key) || !english.containsKey(key)) {
                    missing.add(key);
                }
            }
        }
        for (CampaignState state : CampaignState.values()) {
            if (!dutch.containsKey(PageText.enumKey(state)) || !english.containsKey(PageText.enumKey(state))) {
                missing.add(PageText.enumKey(state));
            }
        }
        for (String part : List.of("subject", "preheader", "body", "textBody", "layout", "unsubscribeUrl", "settings.legalName")) {
            if (!dutch.containsKey("contentPart." + part) || !english.containsKey("contentPart." + part)) {
                missing.add("contentPart." + part);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theCodesOfEachModuleHaveKeysOfTheirOwn() {
        assertThat(PageText.enumKey(CampaignState.SENT)).isEqualTo("campaignState.SENT");
        List<String> keys = new ArrayList<>();
        for (ProblemCode[] codes : List.<ProblemCode[]>of(InputProblem.values(), RowProblem.values(), FileProblem.values(), ImportProblem.values(),
                EvidenceProblem.values(), ContentProblem.Code.values(), CampaignProblem.values(), ChainReport.Problem.values(),
                MailCatcher.Failure.values())) {
            for (ProblemCode code : codes) {
                keys.add(code.key());
            }
        }
        assertThat(keys).doesNotHaveDuplicates().allMatch(key -> key.startsWith("problem."));
    }

    // --- helpers

    static List<String> literalTexts(String name, String html) {
        Document document = Jsoup.parse(html, "", Parser.htmlParser());
        List<String> found = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            for (TextNode text : element.textNodes()) {
                String content = text.text().strip();
                if (content.codePoints().anyMatch(Character::isLetter) && !replaced(element)) {
                    found.add(name + ": text '" + content + "' in <" + element.tagName() + ">");
                }
            }
            for (String attribute : READ_ATTRIBUTES) {
                String value = element.attr(attribute);
                if (element.hasAttr(attribute) && value.codePoints().anyMatch(Character::isLetter)) {
                    found.add(name + ": " + attribute + "='" + value + "' on <" + element.tagName() + ">");
                }
            }
        }
        return found;
    }

    /** Whether the element or one around it has its content replaced (or removed) when rendered. */
    private static boolean replaced(Element element) {
        for (Element at = element; at != null; at = at.parent()) {
            for (String attribute : REPLACING) {
                if (at.hasAttr(attribute)) {
                    return true;
                }
            }
            if (at.tagName().equals("script") || at.tagName().equals("style")) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeMessageKey(String literal, Properties dutch) {
        String prefix = literal.substring(0, literal.indexOf('.') + 1);
        return dutch.stringPropertyNames().stream().anyMatch(key -> key.startsWith(prefix)) && !literal.endsWith(".html")
                && !literal.startsWith("nl.mailwijs");
    }

    static Map<String, String> templates() throws IOException {
        Map<String, String> templates = new TreeMap<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:templates/**/*.html")) {
            String path = resource.getURL().getPath();
            templates.put(path.substring(path.indexOf("templates/")), resource.getContentAsString(StandardCharsets.UTF_8));
        }
        assertThat(templates).isNotEmpty();
        return templates;
    }

    static Properties messages(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = WebTextsTests.class.getResourceAsStream("/messages_" + language + ".properties")) {
            assertThat(in).as("messages_" + language + ".properties").isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
