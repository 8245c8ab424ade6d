package nl.mailwijs.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API of a test server over real HTTP: JSON calls with a bearer token, and CSV imports as multipart. */
public final class Api {

    private static final String BOUNDARY = "----mailwijs-test";

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public Api(int port) {
        this.port = port;
    }

    public HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POST /api/v1/imports with these CSV files (part name: contacts, purchases, consents, ...). */
    public HttpResponse<String> importFiles(Map<String, String> files, String token) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, text) -> {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
                    + ".csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first {@code "id":N} in a JSON answer. */
    public static long idOf(String json) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!id.find()) {
            throw new AssertionError("no id in " + json);
        }
        return Long.parseLong(id.group(1));
    }

    /** The settings every test sender has. */
    public static final String SETTINGS = """
            {"legalName": "Fotostudio Jansen B.V.", "tradeName": "Fotostudio Jansen", "kvkNumber": "12345678",
             "postalAddress": "Kerkstraat 1, 1234 AB Utrecht", "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl",
             "similarTopics": {"portrait-photography": ["photo-prints"]}}""";

    /** A campaign about photo prints. */
    public static final String CAMPAIGN = """
            {"name": "Afdrukken-actie", "purpose": "COMMERCIAL", "topics": ["photo-prints"],
             "fromAddress": "nieuws@fotostudio-jansen.nl", "fromName": "Fotostudio Jansen",
             "subject": "Uw foto's als afdruk", "body": "Beste klant,\\n\\nDeze maand 20% korting op afdrukken."}""";
}
