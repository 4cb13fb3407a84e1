package io.parley.notification.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * GreenMail as the SMTP server of the tests, on a port fixed for the JVM, so a test can stop it (to make sending
 * fail) and start it again where the service expects it.
 */
public final class TestMail {

    private static final int PORT = freePort();
    private static GreenMail server;

    private TestMail() {
    }

    public static synchronized int port() {
        if (server == null) {
            start();
        }
        return PORT;
    }

    /** Starts a fresh server (no mail received yet) on the JVM's port. */
    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** Stops the server: sending fails with a refused connection until {@link #start()}. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Every mail received so far with {@code address} among its recipients. */
    public static synchronized List<Received> to(String address) {
        List<Received> found = new ArrayList<>();
        if (server == null) {
            return found;
        }
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                Address[] recipients = message.getAllRecipients();
                if (recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
                    found.add(Received.of(message));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    public static synchronized int total() {
        return server == null ? 0 : server.getReceivedMessages().length;
    }

    /** A received mail, parsed. */
    public record Received(String from, String subject, String messageId, String text, String html) {

        static Received of(MimeMessage message) throws MessagingException, IOException {
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            collect(message, text, html);
            return new Received(message.getFrom()[0].toString(), message.getSubject(), message.getMessageID(),
                    text.toString(), html.toString());
        }

        private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
            if (part.isMimeType("text/plain")) {
                text.append(part.getContent());
            } else if (part.isMimeType("text/html")) {
                html.append(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    collect(body, text, html);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
