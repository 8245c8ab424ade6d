package nl.mailwijs.bench;

import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import nl.mailwijs.delivery.BuiltMessage;
import nl.mailwijs.delivery.DkimKeys;
import nl.mailwijs.delivery.DkimSigning;
import nl.mailwijs.delivery.Mailbox;
import nl.mailwijs.delivery.MessageBuilder;
import nl.mailwijs.delivery.OutgoingMessage;
import nl.mailwijs.delivery.SendResult;
import nl.mailwijs.delivery.SendStatus;
import nl.mailwijs.delivery.SmtpRelay;
import nl.mailwijs.delivery.SmtpSender;
import nl.mailwijs.delivery.SmtpSettings;
import nl.mailwijs.delivery.internal.RsaSigning;

/**
 * The delivery half of {@code bench/delivery-throughput.sh}: personalised messages of about 5 KB
 * through {@link MessageBuilder}, optionally {@link DkimSigning} (RSA-2048), and {@link SmtpSender}
 * into an SMTP sink on 127.0.0.1, the way an outbox would call them: each worker thread builds,
 * signs and sends one message after the other. Also the yardstick for DKIM: a plain loop of
 * {@code Signature.sign} on as many threads as there are cores.
 *
 * <pre>
 * java ... DeliveryThroughput send PORT COUNT CONNECTIONS [dkim]
 * java ... DeliveryThroughput sign COUNT THREADS [native]
 * </pre>
 * {@code sign} alone uses the JDK's own provider (the yardstick the target names); with {@code
 * native} it signs as DkimSigning does, with the native provider when it loads. THREADS should be
 * the delivery run's worker count: on an idle machine any count from the number of cores up gives
 * the same rate, but on a shared one the scheduler hands out CPU per thread, and 2 signing threads
 * against 8 delivery threads would flatter the delivery run.
 * Prints one line {@code RESULT mode count seconds rate} that the script reads. A warm-up of
 * {@value #WARM_UP} messages runs first and is not timed: a sender is a long-running server, so
 * its steady state is what counts; the figure includes everything after that.
 */
public final class DeliveryThroughput {

    static final int WARM_UP = 10_000;

    private DeliveryThroughput() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "send" -> send(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 && args[4].equals("dkim"));
            case "sign" -> sign(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args.length > 3 && args[3].equals("native"));
            default -> throw new IllegalArgumentException("send PORT COUNT CONNECTIONS [dkim] | sign COUNT THREADS [native]");
        }
    }

    private static void send(int port, int count, int connections, boolean dkim) throws Exception {
        MessageBuilder builder = new MessageBuilder(Clock.systemUTC());
        DkimSigning signing = dkim ? new DkimSigning(List.of(DkimKeys.rsa("fotostudio-jansen.nl", "mw2026").key())) : null;
        SmtpSettings settings = SmtpSettings.of(List.of(SmtpRelay.plain("127.0.0.1", port))).withConnections(connections)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));
        try (SmtpSender sender = new SmtpSender(settings)) {
            run(builder, signing, sender, WARM_UP, connections, 1_000_000);
            AtomicLong bytes = new AtomicLong();
            long started = System.nanoTime();
            int notSent = run(builder, signing, sender, count, connections, 0, bytes);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "delivery: %,d messages, average %,d bytes%s, %d connections, %d worker threads%n",
                    count, bytes.get() / count, dkim ? " (DKIM-signed, RSA by " + RsaSigning.providerFor(signing.keys().getFirst().privateKey()) + ")" : "",
                    connections, connections);
            if (notSent > 0) {
                System.out.printf(Locale.ROOT, "delivery: %,d messages were NOT sent%n", notSent);
            }
            System.out.printf(Locale.ROOT, "RESULT %s %d %.3f %.1f %d%n", dkim ? "dkim" : "plain", count, seconds, count / seconds, notSent);
        }
    }

    private static int run(MessageBuilder builder, DkimSigning signing, SmtpSender sender, int count, int workers, int offset)
            throws InterruptedException {
        return run(builder, signing, sender, count, workers, offset, new AtomicLong());
    }

    /** One thread per connection: each takes the next index, builds, signs and sends. Returns how many were not SENT. */
    private static int run(MessageBuilder builder, DkimSigning signing, SmtpSender sender, int count, int workers, int offset,
                           AtomicLong bytes) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger notSent = new AtomicInteger();
        AtomicInteger reported = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().name("deliver-" + w).start(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    BuiltMessage message = builder.build(message(offset + i));
                    if (signing != null) {
                        message = signing.sign(message);
                    }
                    bytes.addAndGet(message.bytes().length);
                    SendResult result = sender.send(message);
                    if (result.status() != SendStatus.SENT) {
                        notSent.incrementAndGet();
                        if (reported.getAndIncrement() < 5) {
                            System.out.println("delivery: not sent: " + result);
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return notSent.get();
    }

    private static final String[] FIRST = {"Jeroen", "Anouk", "Sven", "Fatima", "Daan", "Eline", "Mohamed", "Sanne", "Ömer", "Zoë"};
    private static final String[] LAST = {"de Vries", "Jansen", "van 't Hek", "Bakker", "El Amrani", "Visser", "Smit", "Müller"};
    private static final String[] CITY = {"Utrecht", "Zwolle", "Groningen", "Eindhoven", "Den Haag", "Leeuwarden"};
    private static final String PARAGRAPH = "Deze zomer krijgt u 20% korting op alle fotoafdrukken, canvas en fotoboeken. "
            + "Bestel voor 31 augustus en wij bezorgen gratis in heel Nederland en België. ";

    /** About 5 KB once built: a text and an HTML part, personalised in name, city, numbers and links. */
    static OutgoingMessage message(int i) {
        String first = FIRST[i % FIRST.length];
        String name = first + " " + LAST[(i / FIRST.length) % LAST.length];
        String city = CITY[i % CITY.length];
        String token = Long.toString((i * 2654435761L) & 0xFFFFFFFFL, 36) + "-" + Integer.toString(i, 36);
        StringBuilder text = new StringBuilder(2600);
        StringBuilder html = new StringBuilder(3000);
        text.append("Beste ").append(first).append(",\n\n");
        html.append("<html><body><p>Beste ").append(first).append(",</p>");
        for (int p = 0; p < 8; p++) {
            String line = PARAGRAPH + "Uw klantnummer is " + (100_000 + i) + " en uw dichtstbijzijnde winkel is " + city
                    + " (" + (p + i % 7) + " km).";
            text.append(line).append("\n\n");
            html.append("<p>").append(line).append("</p>");
        }
        text.append("Afmelden: https://mail.fotostudio-jansen.nl/u/").append(token).append('\n');
        html.append("<p><a href=\"https://mail.fotostudio-jansen.nl/u/").append(token).append("\">Afmelden</a></p></body></html>");
        return new OutgoingMessage(
                new Mailbox("nieuwsbrief@fotostudio-jansen.nl", "Fotostudio Jansen B.V."),
                new Mailbox("klant" + i + "@voorbeeld" + (i % 50) + ".nl", name),
                first + ", uw foto's nu met 20% korting",
                text.toString(), html.toString(),
                "nieuwsbrief.fotostudio-jansen.nl",
                "https://mail.fotostudio-jansen.nl/u/" + token,
                "mailto:afmelden@fotostudio-jansen.nl?subject=" + token,
                token);
    }

    interface Signer {
        byte[] sign(byte[] data) throws Exception;
    }

    /** RSA-2048 SHA256withRSA over a distinct 32-byte value per message, on every core (THREADS threads). */
    private static void sign(int count, int threads, boolean asDkimSigns) throws Exception {
        PrivateKey key = DkimKeys.rsa("fotostudio-jansen.nl", "mw2026").key().privateKey();
        String provider;
        Signer signer;
        if (asDkimSigns) {
            provider = RsaSigning.providerFor(key);
            signer = data -> RsaSigning.sha256WithRsa(key, data);
        } else {
            provider = Signature.getInstance("SHA256withRSA").getProvider().getName();
            signer = data -> {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(data);
                return signature.sign();
            };
        }
        signLoop(signer, Math.min(count, 2_000), threads);
        long started = System.nanoTime();
        signLoop(signer, count, threads);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "sign: %,d RSA-2048 signatures (%s provider) on %d threads%n", count, provider, threads);
        System.out.printf(Locale.ROOT, "RESULT %s %d %.3f %.1f 0%n", asDkimSigns ? "sign-native" : "sign", count, seconds, count / seconds);
    }

    private static void signLoop(Signer signer, int count, int threads) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    byte[] hash = new byte[32];
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        hash[0] = (byte) i;
                        hash[1] = (byte) (i >> 8);
                        hash[2] = (byte) (i >> 16);
                        signer.sign(hash);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
