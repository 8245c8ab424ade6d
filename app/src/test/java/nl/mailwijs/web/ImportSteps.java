package nl.mailwijs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The import's steps as the page tests take them: upload, the mapping as shown (or changed), and waiting for the report. */
final class ImportSteps {

    private ImportSteps() {
    }

    /** The fields the mapping form posts as it stands: the upload's id and each column's selected field. */
    static Map<String, String> mapping(String page) {
        Document document = Jsoup.parse(page);
        Element form = document.getElementById("import-mapping");
        assertThat(form).as("the mapping step: " + page).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        // The CSRF token is the session's own: WebSession adds the one of the page it read last.
        for (Element hidden : form.select("input[type=hidden]:not([name=_csrf])")) {
            fields.put(hidden.attr("name"), hidden.attr("value"));
        }
        for (Element select : form.select("select")) {
            Element chosen = select.selectFirst("option[selected]");
            fields.put(select.attr("name"), chosen == null ? select.selectFirst("option").attr("value") : chosen.attr("value"));
        }
        return fields;
    }

    /** Posts the mapping and returns the job's page path (the redirect's target). */
    static String run(WebSession browser, Map<String, String> mapping) throws Exception {
        HttpResponse<String> started = browser.post("/imports/run", mapping);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/imports/jobs/");
        return location.substring(location.indexOf("/imports/jobs/"));
    }

    /** Polls the progress block as htmx does until the import has ended; returns the last block. */
    static String awaitDone(WebSession browser, String jobPath) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String fragment = "";
        while (Instant.now().isBefore(deadline)) {
            fragment = browser.getAsHtmx(jobPath + "/progress").body();
            if (!fragment.contains("hx-trigger=\"every 1s\"")) {
                return fragment;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not end within 60 s: " + fragment);
    }

    /** Uploads, keeps the mapping as recognised, runs the import and returns the page with its report. */
    static String importAsRecognised(WebSession browser, Map<String, String> files) throws Exception {
        browser.get("/imports");
        HttpResponse<String> uploaded = browser.postMultipart("/imports", files);
        assertThat(uploaded.statusCode()).isEqualTo(200);
        String job = run(browser, mapping(uploaded.body()));
        awaitDone(browser, job);
        return browser.get(job).body();
    }
}
