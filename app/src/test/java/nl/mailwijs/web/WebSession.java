package nl.mailwijs.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for the page tests: keeps its cookies, does not follow redirects,
 * and fills in the CSRF token of the last page it read, as a form on that page would.
 */
final class WebSession {

    /** What a browser asks for: error pages come as HTML, not JSON. */
    private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    WebSession(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return remember(http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Accept", ACCEPT).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** A GET as htmx makes it: only the fragment comes back. */
    HttpResponse<String> getAsHtmx(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("HX-Request", "true").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form posted as htmx posts it: with the CSRF token of the last page read; only the fragment comes back. */
    HttpResponse<String> postAsHtmx(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrf))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form with the CSRF token of the last page read (unless the fields hold one). */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.putIfAbsent("_csrf", csrf);
        }
        return postExactly(path, all);
    }

    /** Posts exactly these fields: no CSRF token added. */
    HttpResponse<String> postExactly(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return remember(http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> postMultipart(String path, Map<String, String> files) throws IOException, InterruptedException {
        String boundary = "----mailwijs" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n").append(csrf).append("\r\n");
        files.forEach((name, content) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"; filename=\"").append(name).append(".csv\"\r\n")
                .append("Content-Type: text/csv\r\n\r\n").append(content).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return remember(http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * The overview's basis figures from a tally started after this call: reads the overview (for
     * its CSRF token), presses "recompute" and polls the figures as htmx does until no newer ones
     * are being computed.
     */
    String freshBasisFigures() throws IOException, InterruptedException {
        get("/");
        HttpResponse<String> pressed = post("/dashboard/basis/recompute", Map.of());
        if (pressed.statusCode() != 302) {
            throw new IllegalStateException("recompute answered " + pressed.statusCode() + ": " + pressed.body());
        }
        return basisFiguresWhenComputed();
    }

    /** Polls the overview's basis figures as htmx does until no newer ones are being computed; returns the last fragment. */
    String basisFiguresWhenComputed() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String fragment = "";
        while (System.nanoTime() < deadline) {
            fragment = getAsHtmx("/dashboard/basis").body();
            if (!fragment.contains("hx-trigger=\"every 1s\"")) {
                return fragment;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the basis figures were not computed within 60 s: " + fragment);
    }

    /** Signs in through the form, as a person would. */
    WebSession signIn(String user, String password) throws IOException, InterruptedException {
        get("/login");
        HttpResponse<String> response = post("/login", Map.of("username", user, "password", password));
        if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in as " + user + " failed: " + response.statusCode() + " " + response.headers().map());
        }
        return this;
    }

    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    String csrf() {
        return csrf;
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
