package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path dataDir;

    private LocalStack stack(Map<String, String> configured) {
        Map<String, String> env = new HashMap<>(configured);
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        // Stores configured as if external, so only the broker and the mail server are embedded here.
        env.putIfAbsent("PARLEY_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/parley");
        env.putIfAbsent("PARLEY_MONGODB_URI", "mongodb://127.0.0.1:27017/parley");
        return new LocalStack(env, dataDir);
    }

    @Test
    void withoutBrokerOrSmtpConfigured_theServicesGetTheEmbeddedOnes_andMailLandsAsFilesUnderTheDataDir()
            throws Exception {
        LocalStack stack = stack(Map.of());
        try {
            Map<String, String> services = stack.startInfrastructure();

            assertThat(services.get("PARLEY_RABBITMQ_URI")).startsWith("amqp://guest:guest@127.0.0.1:");
            assertThat(services).containsEntry("PARLEY_RABBITMQ_FLAVOUR", "qpid")
                    .containsEntry("PARLEY_SMTP_HOST", "127.0.0.1")
                    .containsKey("PARLEY_SMTP_PORT")
                    // the stores configured as external are passed on as they are
                    .containsEntry("PARLEY_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/parley")
                    .containsEntry("PARLEY_MONGODB_URI", "mongodb://127.0.0.1:27017/parley");
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(services.get("PARLEY_RABBITMQ_URI"));
            factory.setVirtualHost("/");
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("local-stack-test", true, false, false, Map.of());
            }

            send(services.get("PARLEY_SMTP_HOST"), Integer.parseInt(services.get("PARLEY_SMTP_PORT")),
                    "ada@example.org", "Welcome to Parley, Ada");

            Path mail = dataDir.resolve("mail");
            List<Path> files = await().atMost(Duration.ofSeconds(10)).until(() -> list(mail), found -> found.size() == 1);
            assertThat(files.getFirst().getFileName().toString()).endsWith("-ada@example.org.eml");
            try (InputStream in = Files.newInputStream(files.getFirst())) {
                MimeMessage read = new MimeMessage(Session.getInstance(new Properties()), in);
                assertThat(read.getSubject()).isEqualTo("Welcome to Parley, Ada");
                assertThat(read.getContent().toString()).contains("Hello Ada");
            }
        } finally {
            stack.stop();
        }
    }

    @Test
    void withBrokerAndSmtpConfigured_nothingIsEmbedded_andTheServicesGetTheConfiguredOnes() throws Exception {
        LocalStack stack = stack(Map.of("PARLEY_RABBITMQ_URI", "amqp://guest:guest@rabbit.example:5672/",
                "PARLEY_SMTP_HOST", "smtp.example"));
        try {
            Map<String, String> services = stack.startInfrastructure();

            // Handed over even when they are not this process's environment (a test's stack, ChaosIT's).
            assertThat(services).containsOnlyKeys("PARLEY_DATA_DIR", "PARLEY_RABBITMQ_URI", "PARLEY_SMTP_HOST",
                            "PARLEY_POSTGRES_URL", "PARLEY_MONGODB_URI")
                    .containsEntry("PARLEY_RABBITMQ_URI", "amqp://guest:guest@rabbit.example:5672/")
                    .containsEntry("PARLEY_SMTP_HOST", "smtp.example")
                    .containsEntry("PARLEY_MONGODB_URI", "mongodb://127.0.0.1:27017/parley");
            assertThat(dataDir.resolve("amqp")).doesNotExist();
            assertThat(dataDir.resolve("mail")).doesNotExist();
        } finally {
            stack.stop();
        }
    }

    private static void send(String host, int port, String to, String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("no-reply@parley.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello Ada, welcome to Parley.");
        Transport.send(message);
    }

    private static List<Path> list(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".eml")).toList();
        }
    }
}
