package io.parley.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server in this JVM (GreenMail) for {@code ./parley up} when no SMTP host is configured: it accepts every
 * mail on 127.0.0.1 and writes each one, per recipient, as an {@code .eml} file under {@code <data>/mail}, where any
 * mail client opens it (file names start with the time received and end with the recipient). Nothing is relayed
 * anywhere; GreenMail also keeps the mail in memory until the stack stops.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final GreenMail greenMail;
    private final Path folder;
    private final int port;

    private EmbeddedMailServer(GreenMail greenMail, Path folder, int port) {
        this.greenMail = greenMail;
        this.folder = folder;
        this.port = port;
    }

    public static EmbeddedMailServer start(Path dataDir, int port) throws IOException {
        Path folder = dataDir.resolve("mail").toAbsolutePath();
        Files.createDirectories(folder);
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        MessageDeliveryHandler mailboxes = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler(new WritingToFiles(folder, mailboxes));
        greenMail.start();
        log.info("Embedded SMTP server on 127.0.0.1:{}; every mail it receives is written to {}", port, folder);
        return new EmbeddedMailServer(greenMail, folder, port);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Where received mail is written, one {@code .eml} file per mail and recipient. */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    @Override
    public String toString() {
        return "embedded SMTP server on 127.0.0.1:" + port;
    }

    /** Writes the mail for one recipient to a file, then lets GreenMail file it in its mailbox as usual. */
    private record WritingToFiles(Path folder, MessageDeliveryHandler mailboxes, AtomicLong sequence)
            implements MessageDeliveryHandler {

        WritingToFiles(Path folder, MessageDeliveryHandler mailboxes) {
            this(folder, mailboxes, new AtomicLong());
        }

        @Override
        public GreenMailUser handle(MovingMessage message, MailAddress recipient) throws MessagingException, UserException {
            Path file = folder.resolve(STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                    + sequence.incrementAndGet() + "-" + safe(recipient.getEmail()) + ".eml");
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                message.getMessage().writeTo(out);
            } catch (IOException e) {
                throw new MessagingException("could not write " + file, e);
            }
            // The file name carries the address; the log does not (addresses are personal data).
            log.info("Received mail #{}, written to {}", sequence.get(), folder);
            return mailboxes.handle(message, recipient);
        }

        private static String safe(String address) {
            return address.replaceAll("[^A-Za-z0-9@._+-]", "_");
        }
    }
}
