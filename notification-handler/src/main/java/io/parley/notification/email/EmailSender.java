package io.parley.notification.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.parley.notification.account.AccountDirectory;
import io.parley.notification.job.JobHandler;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import io.parley.notification.job.PermanentJobFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Works off email jobs: renders the job's template to text and HTML and sends it over SMTP. The Message-ID is
 * derived from the job's idempotency key, so even the one duplicate the crash window allows carries the same id.
 */
@Component
class EmailSender implements JobHandler {

    private final JavaMailSender mail;
    private final EmailTemplates templates;
    private final AccountDirectory accounts;
    private final EmailProperties properties;
    private final String messageIdDomain;

    EmailSender(JavaMailSender mail, AccountDirectory accounts, EmailProperties properties) {
        this.mail = mail;
        this.templates = new EmailTemplates();
        this.accounts = accounts;
        this.properties = properties;
        this.messageIdDomain = domainOf(properties.from());
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    @Override
    public Outcome send(NotificationJob job) {
        if (accounts.isDeleted(job.userId())) {
            return Outcome.DROPPED;
        }
        MimeMessage message;
        try {
            EmailTemplates.Rendered rendered = templates.render(job.kind(), job.params());
            message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(job.address());
            helper.setSubject(rendered.subject());
            helper.setText(rendered.text(), rendered.html());
            // JavaMailSenderImpl keeps an explicitly set Message-ID.
            message.setHeader("Message-ID", messageId(job.key(), messageIdDomain));
        } catch (MessagingException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
            throw new PermanentJobFailure("cannot build the mail of " + job, e);
        }
        try {
            mail.send(message);
        } catch (MailParseException | MailPreparationException e) {
            throw new PermanentJobFailure("cannot send the mail of " + job, e);
        }
        return Outcome.SENT;
    }

    static String messageId(String key, String domain) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 20) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String domainOf(String from) {
        try {
            String address = new InternetAddress(from).getAddress();
            int at = address.lastIndexOf('@');
            return at < 0 ? "parley" : address.substring(at + 1);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("parley.notifications.email.from is not an address", e);
        }
    }
}
