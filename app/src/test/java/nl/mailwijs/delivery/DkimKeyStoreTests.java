package nl.mailwijs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.mailwijs.decisionjson.InvalidRequestException;
import nl.mailwijs.delivery.internal.KeySeal;
import nl.mailwijs.platform.ServerSecrets;
import nl.mailwijs.testing.TestDatabase;

/**
 * The sender's DKIM keys in the database: made, listed without the private key, kept sealed,
 * switched on and off, and used for signing from memory, refreshed when they change.
 */
class DkimKeyStoreTests {

    private static final String DOMAIN = "fotostudio-jansen.nl";

    private final MutableClock clock = new MutableClock();

    private DkimKeyStore store(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new DkimKeyStore(jdbc, new ServerSecrets(jdbc, clock), clock);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void aGeneratedKeyIsListedWithItsDnsRecordAndStartsInactive(TestDatabase database) {
        DkimKeyStore store = store(database.fresh());

        StoredDkimKey rsa = store.generate(DOMAIN, "MW2026", null, false, "admin");
        StoredDkimKey ed25519 = store.generate("Fotostudio-Jansen.NL", "mw2026ed", "ed25519", false, "token shop");

        assertThat(rsa.selector()).as("DNS names are kept in lower case").isEqualTo("mw2026");
        assertThat(rsa.algorithm()).isEqualTo("rsa");
        assertThat(rsa.keyBits()).isEqualTo(2048);
        assertThat(rsa.active()).isFalse();
        assertThat(rsa.dnsRecord().name()).isEqualTo("mw2026._domainkey.fotostudio-jansen.nl");
        assertThat(rsa.dnsRecord().type()).isEqualTo("TXT");
        assertThat(rsa.dnsRecord().value()).startsWith("v=DKIM1; k=rsa; p=MII");
        assertThat(rsa.dnsRecord().zoneFile()).startsWith("mw2026._domainkey.fotostudio-jansen.nl. IN TXT ( \"v=DKIM1; k=rsa; p=")
                .contains("\" \"");
        assertThat(ed25519.domain()).isEqualTo(DOMAIN);
        assertThat(ed25519.keyBits()).isEqualTo(256);
        assertThat(ed25519.dnsRecord().value()).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");
        assertThat(ed25519.createdBy()).isEqualTo("token shop");
        assertThat(store.list()).extracting(StoredDkimKey::selector).containsExactly("mw2026", "mw2026ed");
        assertThat(store.find(rsa.id())).contains(rsa);
        assertThat(store.activeKeys().keys()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void thePrivateKeyIsNotInTheDatabaseInClear(TestDatabase database) throws Exception {
        DataSource dataSource = database.fresh();
        DkimKeyStore store = store(dataSource);
        store.generate(DOMAIN, "mw2026", "rsa", true, "admin");
        store.generate(DOMAIN, "mw2026ed", "ed25519", true, "admin");
        List<DkimKey> keys = store.activeKeys().keys();
        assertThat(keys).hasSize(2);

        List<Map<String, Object>> rows = JdbcClient.create(dataSource).sql("SELECT * FROM dkim_key").query().listOfRows();
        assertThat(rows).hasSize(2);
        for (DkimKey key : keys) {
            byte[] der = key.privateKey().getEncoded();
            byte[] secretTail = secretPart(key);
            for (Map<String, Object> row : rows) {
                for (Map.Entry<String, Object> column : row.entrySet()) {
                    String text = String.valueOf(column.getValue());
                    assertThat(text).as(column.getKey()).doesNotContain("PRIVATE KEY")
                            .doesNotContain(Base64.getEncoder().encodeToString(der).substring(0, 40))
                            .doesNotContainIgnoringCase(HexFormat.of().formatHex(secretTail))
                            .doesNotContain(Base64.getEncoder().encodeToString(secretTail).substring(0, 40));
                }
                String sealed = (String) row.get("sealed_private_key");
                assertThat(sealed).startsWith("v1:");
                byte[] sealedBytes = Base64.getDecoder().decode(sealed.substring(3));
                assertThat(indexOf(sealedBytes, secretTail)).as("the raw key bytes inside the sealed value").isNegative();
            }
        }

        // Sealed under a key from the server secret, bound to the key's row: another secret, or the sealed key moved to another selector, does not open.
        String sealed = (String) rows.getFirst().get("sealed_private_key");
        byte[] otherSecret = new byte[32];
        assertThatThrownBy(() -> new KeySeal(otherSecret, "dkim-private-key").open(sealed, "dkim-key " + rows.getFirst().get("domain") + " "
                + rows.getFirst().get("selector") + " " + rows.getFirst().get("algorithm")))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("does not open");
        JdbcClient.create(dataSource).sql("UPDATE dkim_key SET selector = 'moved' WHERE id = :id").param("id", rows.getFirst().get("id")).update();
        DkimKeyStore.ActiveKeys afterMove = store.activeKeys();
        assertThat(afterMove.keys()).hasSize(1);
        assertThat(afterMove.problems()).singleElement().asString().contains("moved._domainkey." + DOMAIN, "does not open");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void activatingAKeyReplacesTheActiveKeyOfTheSameDomainAndAlgorithm(TestDatabase database) {
        DkimKeyStore store = store(database.fresh());
        StoredDkimKey old = store.generate(DOMAIN, "mw2025", "rsa", true, "admin");
        StoredDkimKey ed25519 = store.generate(DOMAIN, "mw2025ed", "ed25519", true, "admin");
        StoredDkimKey other = store.generate("bakkerij-visser.nl", "mw1", "rsa", true, "admin");
        StoredDkimKey next = store.generate(DOMAIN, "mw2026", "rsa", false, "admin");
        long revision = store.revision();

        DkimKeyStore.Activated activated = store.activate(next.id()).orElseThrow();

        assertThat(activated.key().active()).isTrue();
        assertThat(activated.deactivated()).extracting(StoredDkimKey::id).containsExactly(old.id());
        assertThat(activated.deactivated()).allMatch(key -> !key.active());
        assertThat(store.list()).filteredOn(StoredDkimKey::active).extracting(StoredDkimKey::id)
                .containsExactlyInAnyOrder(ed25519.id(), other.id(), next.id());
        assertThat(store.revision()).isGreaterThan(revision);

        assertThat(store.deactivate(ed25519.id())).hasValueSatisfying(key -> assertThat(key.active()).isFalse());
        assertThat(store.delete(other.id())).isTrue();
        assertThat(store.delete(other.id())).isFalse();
        assertThat(store.activate(999_999)).isEmpty();
        assertThat(store.deactivate(999_999)).isEmpty();
        assertThat(store.activeKeys().keys()).extracting(DkimKey::selector).containsExactly("mw2026");
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void anUploadedPemIsStoredWithTheRecordOfItsPublicHalf(TestDatabase database) throws Exception {
        DkimKeyStore store = store(database.fresh());
        DkimKeys.Generated rsa = DkimKeys.rsa(DOMAIN, "upload1");
        DkimKeys.Generated ed25519 = DkimKeys.ed25519(DOMAIN, "upload2");

        StoredDkimKey storedRsa = store.upload(DOMAIN, "upload1", null, rsa.privatePem(), true, "admin");
        StoredDkimKey storedEd = store.upload(DOMAIN, "upload2", "ed25519", ed25519.privatePem(), false, "admin");

        assertThat(storedRsa.dnsRecord().value()).isEqualTo(rsa.txtValue());
        assertThat(storedRsa.active()).isTrue();
        assertThat(storedEd.dnsRecord().value()).isEqualTo(ed25519.txtValue());
        assertThat(store.activeKeys().keys()).singleElement()
                .satisfies(key -> assertThat(key.privateKey().getEncoded()).isEqualTo(rsa.key().privateKey().getEncoded()));

        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        String smallPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(small.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertInvalid(() -> store.upload(DOMAIN, "small", null, smallPem, false, "admin"), "privateKeyPem", "1024-bit");
        assertInvalid(() -> store.upload(DOMAIN, "pkcs1", null, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", false,
                "admin"), "privateKeyPem", "pkcs8");
        assertInvalid(() -> store.upload(DOMAIN, "garbage", null, "not a key", false, "admin"), "privateKeyPem", "neither");
        assertInvalid(() -> store.upload(DOMAIN, "wrong", "rsa", ed25519.privatePem(), false, "admin"), "algorithm", "ed25519");
        assertInvalid(() -> store.upload(DOMAIN, "empty", null, " ", false, "admin"), "privateKeyPem", "empty");
        assertThat(store.list()).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void badInputNamesTheFieldAndATakenSelectorIsAConflict(TestDatabase database) {
        DkimKeyStore store = store(database.fresh());
        store.generate(DOMAIN, "mw2026", "ed25519", false, "admin");

        assertThatThrownBy(() -> store.generate(DOMAIN, "MW2026", "rsa", false, "admin"))
                .isInstanceOf(DkimKeyConflictException.class).hasMessageContaining("selector 'mw2026'").hasMessageContaining("number 1");
        assertInvalid(() -> store.generate(null, "s1", null, false, "admin"), "domain", "required");
        assertInvalid(() -> store.generate("localhost", "s1", null, false, "admin"), "domain", "not a valid domain");
        assertInvalid(() -> store.generate("a b.nl", "s1", null, false, "admin"), "domain", "not a valid domain");
        assertInvalid(() -> store.generate(DOMAIN, "s1\r\nBcc: x@example.nl", null, false, "admin"), "selector", "not a DNS label");
        assertInvalid(() -> store.generate(DOMAIN, "_domainkey", null, false, "admin"), "selector", "not a DNS label");
        assertInvalid(() -> store.generate(DOMAIN, "", null, false, "admin"), "selector", "required");
        assertInvalid(() -> store.generate(DOMAIN, "s1", "dsa", false, "admin"), "algorithm", "rsa or ed25519");
        assertThat(store.generate("bücher.example", "s1", "ed25519", false, "admin").domain()).as("IDNA A-label")
                .isEqualTo("xn--bcher-kva.example");
        assertThat(store.list()).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void theKeyringSignsFromMemoryAndNoticesChangesFromThisProcessAtOnceAndFromOthersAfterTheRefresh(TestDatabase database) {
        AtomicInteger connections = new AtomicInteger();
        DataSource dataSource = counting(database.fresh(), connections);
        DkimKeyStore here = store(dataSource);
        DkimKeyStore otherProcess = store(dataSource);
        DkimKeys.Generated file = DkimKeys.rsa("oud-domein.nl", "file");
        DkimKeyring keyring = new DkimKeyring(here, clock, Duration.ofSeconds(5), List.of(file.key()));

        assertThat(keyring.signingFor("nieuws@" + DOMAIN).keys()).as("no stored key: the key file").containsExactly(file.key());

        StoredDkimKey rsa = here.generate(DOMAIN, "mw2026", "rsa", true, "admin");
        StoredDkimKey ed25519 = here.generate(DOMAIN, "mw2026ed", "ed25519", true, "admin");
        DkimSigning signing = keyring.signingFor("nieuws@" + DOMAIN);
        assertThat(signing.keys()).as("a change in this process counts at once; RSA applied last, so on top")
                .extracting(DkimKey::selector).containsExactly("mw2026ed", "mw2026");
        assertThat(keyring.signingFor("nieuws@mail." + DOMAIN)).as("a subdomain: the parent's keys (relaxed alignment)").isSameAs(signing);
        assertThat(keyring.signingFor("Nieuws@Fotostudio-Jansen.NL")).isSameAs(signing);
        assertThat(keyring.signingFor("info@bakkerij-visser.nl").keys()).as("another domain: the key file").containsExactly(file.key());

        int before = connections.get();
        for (int i = 0; i < 10_000; i++) {
            assertThat(keyring.signingFor("nieuws@" + DOMAIN)).isSameAs(signing);
        }
        assertThat(connections.get()).as("no database access per message").isEqualTo(before);

        otherProcess.deactivate(ed25519.id());
        clock.advance(Duration.ofSeconds(4));
        assertThat(keyring.signingFor("nieuws@" + DOMAIN)).as("another process's change: not yet").isSameAs(signing);
        clock.advance(Duration.ofSeconds(2));
        assertThat(keyring.signingFor("nieuws@" + DOMAIN).keys()).as("after the refresh").extracting(DkimKey::selector).containsExactly("mw2026");

        int beforeQuietRefresh = connections.get();
        DkimSigning unchanged = keyring.signingFor("nieuws@" + DOMAIN);
        clock.advance(Duration.ofSeconds(6));
        assertThat(keyring.signingFor("nieuws@" + DOMAIN)).as("nothing changed: the revision alone is read").isSameAs(unchanged);
        assertThat(connections.get() - beforeQuietRefresh).isEqualTo(1);

        otherProcess.deactivate(rsa.id());
        clock.advance(Duration.ofSeconds(6));
        assertThat(keyring.signingFor("nieuws@" + DOMAIN).keys()).as("no active key left: the key file again").containsExactly(file.key());
        assertThat(new DkimKeyring(here, clock, Duration.ofSeconds(5), List.of()).signingFor("nieuws@" + DOMAIN)).as("and without one").isNull();
    }

    @ParameterizedTest
    @MethodSource("nl.mailwijs.testing.TestDatabase#both")
    void messagesSignedWithTheStoredKeysVerifyWithAnIndependentVerifierAfterAnSmtpServer(TestDatabase database) throws Exception {
        ExternalTools.requirePythonDkim();
        DkimKeyStore store = store(database.fresh());
        StoredDkimKey rsa = store.generate(DOMAIN, "mw2026", "rsa", true, "admin");
        StoredDkimKey ed25519 = store.generate(DOMAIN, "mw2026ed", "ed25519", true, "admin");
        DkimKeyring keyring = new DkimKeyring(store, clock, Duration.ofSeconds(5), List.of());
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try (SmtpSender sender = new SmtpSender(SmtpSettings.of(List.of(SmtpRelay.plain("127.0.0.1", greenMail.getSmtp().getPort())))
                .withConnections(1))) {
            OutgoingMessage message = MessageBuilderTests.message();
            assertThat(message.from().address()).endsWith("@" + DOMAIN);
            BuiltMessage signed = keyring.signingFor(message.from().address()).sign(new MessageBuilder(Clock.systemUTC()).build(message));
            assertThat(sender.send(signed).status()).isEqualTo(SendStatus.SENT);
            assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            greenMail.getReceivedMessages()[0].writeTo(raw);

            Map<String, String> records = new LinkedHashMap<>();
            records.put(rsa.dnsRecord().name(), rsa.dnsRecord().value());
            records.put(ed25519.dnsRecord().name(), ed25519.dnsRecord().value());
            DkimSigningTests.Verification verification = DkimSigningTests.verify(raw.toByteArray(), records);
            assertThat(verification.exitCode()).as(verification.output()).isZero();
            assertThat(verification.output()).contains("pass rsa-sha256 " + DOMAIN, "pass ed25519-sha256 " + DOMAIN);

            // The record of another key does not verify it: the verifier really checks.
            records.put(rsa.dnsRecord().name(), DkimKeys.rsa(DOMAIN, "mw2026").txtValue());
            DkimSigningTests.Verification wrongKey = DkimSigningTests.verify(raw.toByteArray(), records);
            assertThat(wrongKey.exitCode()).as(wrongKey.output()).isEqualTo(1);
            assertThat(new String(raw.toByteArray(), StandardCharsets.US_ASCII)).contains("s=mw2026;", "s=mw2026ed;");
        } finally {
            greenMail.stop();
        }
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String problem) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.problem()).containsIgnoringCase(problem);
        });
    }

    /** 32 bytes only the private key has: the Ed25519 seed, or the end of the RSA private exponent. */
    private static byte[] secretPart(DkimKey key) throws java.io.IOException {
        if (key.ed25519()) {
            byte[] seed = org.bouncycastle.asn1.ASN1OctetString.getInstance(
                    org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.privateKey().getEncoded()).parsePrivateKey()).getOctets();
            assertThat(seed).hasSize(32);
            return seed;
        }
        byte[] exponent = ((java.security.interfaces.RSAPrivateKey) key.privateKey()).getPrivateExponent().toByteArray();
        return java.util.Arrays.copyOfRange(exponent, exponent.length - 32, exponent.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The data source, counting every connection taken from it. */
    private static DataSource counting(DataSource target, AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
            }
            try {
                return method.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
