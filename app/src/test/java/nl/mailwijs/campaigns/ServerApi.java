package nl.mailwijs.campaigns;

import java.net.http.HttpResponse;
import java.time.Duration;

import nl.mailwijs.testing.Api;

/** What the campaign tests add to {@link Api}: a customer with a purchase, and waiting for a campaign's state. */
final class ServerApi {

    private final Api api;

    ServerApi(int port) {
        this.api = new Api(port);
    }

    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return api.send(method, path, body, token);
    }

    /** A person who bought portrait photography on {@code purchased}: soft opt-in for photo prints. */
    long customer(String externalId, String name, String address, String token, String purchased) throws Exception {
        long id = idOf(send("POST", "/api/v1/contacts", """
                {"kind": "NATURAL_PERSON", "country": "NL", "name": "%s", "externalId": "%s",
                 "addresses": [{"channel": "EMAIL", "address": "%s"}]}""".formatted(name, externalId, address), token).body());
        send("POST", "/api/v1/contacts/" + id + "/evidence", """
                {"kind": "PURCHASE", "id": "o-%s", "date": "%s", "categories": ["portrait-photography"],
                 "proof": "ORDER", "addressCollectedInSale": true, "objectionOffered": true}""".formatted(externalId, purchased), token);
        return id;
    }

    /** The campaign's progress once it is in {@code state}; fails after {@code patience}. */
    String waitForState(long campaign, String state, String token, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send("GET", "/api/v1/campaigns/" + campaign + "/progress", null, token).body();
            if (body.contains("\"state\":\"" + state + "\"")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("campaign " + campaign + " did not reach " + state + " in " + patience + ": " + body);
    }

    static long idOf(String json) {
        return Api.idOf(json);
    }
}
