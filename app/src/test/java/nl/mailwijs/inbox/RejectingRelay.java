package nl.mailwijs.inbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relay on 127.0.0.1 that refuses for good, as a receiving server does while Mailwijs sends:
 * {@code unknown@…} at RCPT ({@code 550 5.1.1}, the address does not exist) and {@code spamtrap@…}
 * after the data ({@code 554 5.7.1}, the message refused as spam). Everything else is accepted and
 * kept. Every connection has a 10 s read timeout and at most 500 commands.
 */
final class RejectingRelay implements AutoCloseable {

    record Accepted(String envelopeFrom, String recipient, String data) {
    }

    final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread acceptor;

    RejectingRelay() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("rejecting-relay").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 relay.test ESMTP");
            String from = null;
            String recipient = null;
            for (int commands = 0; commands < 500; commands++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 relay.test");
                    case "MAIL" -> {
                        from = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        recipient = null;
                        reply(out, "250 2.1.0 OK");
                    }
                    case "RCPT" -> {
                        String to = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        if (to.startsWith("unknown@")) {
                            reply(out, "550 5.1.1 <" + to + ">: Recipient address rejected: User unknown in virtual mailbox table");
                        } else {
                            recipient = to;
                            reply(out, "250 2.1.5 OK");
                        }
                    }
                    case "DATA" -> {
                        if (recipient == null) {
                            reply(out, "554 5.5.1 no valid recipients");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith(".") ? dataLine.substring(1) : dataLine).append("\r\n");
                        }
                        if (recipient.startsWith("spamtrap@")) {
                            reply(out, "554 5.7.1 Message rejected as spam");
                        } else {
                            accepted.add(new Accepted(from, recipient, data.toString()));
                            reply(out, "250 2.0.0 queued");
                        }
                        recipient = null;
                    }
                    case "RSET" -> {
                        from = null;
                        recipient = null;
                        reply(out, "250 2.0.0 OK");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
