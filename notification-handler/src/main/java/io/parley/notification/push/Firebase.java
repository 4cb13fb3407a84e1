package io.parley.notification.push;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import com.google.api.client.http.javanet.ConnectionFactory;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.ImplFirebaseTrampolines;
import com.google.firebase.messaging.FirebaseMessaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Firebase app push goes through, or none. Credentials, first found wins: a {@link FirebaseOptions} bean (how
 * tests plug in a fake HTTP transport), {@code parley.notifications.push.fcm-url} (an FCM stand-in on loopback, no
 * credentials), {@code parley.notifications.push.credentials-file}, the file named by
 * {@code GOOGLE_APPLICATION_CREDENTIALS}. Nothing else is tried (no metadata server), so without them push is only
 * logged. Credentials that are named but unusable fail the start: a misconfigured service should not look healthy.
 */
final class Firebase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Firebase.class);
    private static final String GOOGLE_FCM = "https://fcm.googleapis.com";

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;

    private Firebase(FirebaseApp app) {
        this.app = app;
        this.messaging = app == null ? null : FirebaseMessaging.getInstance(app);
    }

    static Firebase of(PushProperties properties, FirebaseOptions explicit, String applicationCredentials) {
        FirebaseOptions options = explicit != null ? explicit
                : notBlank(properties.fcmUrl()) ? standIn(properties)
                : fromFile(properties, applicationCredentials);
        if (options == null) {
            log.warn("Push is not configured (no parley.notifications.push.credentials-file, no "
                    + "GOOGLE_APPLICATION_CREDENTIALS): push notifications are logged and counted, not sent");
            return new Firebase(null);
        }
        FirebaseApp app = FirebaseApp.initializeApp(options, "parley-push-" + UUID.randomUUID());
        String project = ImplFirebaseTrampolines.getProjectId(app);
        if (project == null || project.isBlank()) {
            app.delete();
            throw new IllegalStateException("Firebase credentials name no project: set parley.notifications.push.project-id");
        }
        log.info("Push goes through Firebase Cloud Messaging, project {}", project);
        return new Firebase(app);
    }

    /**
     * FCM at {@code fcm-url} instead of Google: firebase-admin builds and sends its real requests, whose address
     * starts there instead of at {@link #GOOGLE_FCM}; the access token is a fixed one (a stand-in checks none).
     */
    private static FirebaseOptions standIn(PushProperties properties) {
        String base = properties.fcmUrl().replaceAll("/+$", "");
        ConnectionFactory redirected = url -> (HttpURLConnection) URI.create(url.toString().startsWith(GOOGLE_FCM)
                ? base + url.toString().substring(GOOGLE_FCM.length()) : url.toString()).toURL().openConnection();
        log.warn("Push goes to the FCM stand-in at {}, not to Google", base);
        return FirebaseOptions.builder()
                .setCredentials(GoogleCredentials.create(new AccessToken("stand-in",
                        Date.from(Instant.now().plus(3650, ChronoUnit.DAYS)))))
                .setProjectId(notBlank(properties.projectId()) ? properties.projectId() : "parley-local")
                .setHttpTransport(new NetHttpTransport.Builder().setConnectionFactory(redirected).build())
                .setConnectTimeout(Math.toIntExact(properties.timeout().toMillis()))
                .setReadTimeout(Math.toIntExact(properties.timeout().toMillis()))
                .build();
    }

    private static FirebaseOptions fromFile(PushProperties properties, String applicationCredentials) {
        String file = notBlank(properties.credentialsFile()) ? properties.credentialsFile() : applicationCredentials;
        if (!notBlank(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            FirebaseOptions.Builder options = FirebaseOptions.builder()
                    .setCredentials(GoogleCredentials.fromStream(in))
                    .setConnectTimeout(Math.toIntExact(properties.timeout().toMillis()))
                    .setReadTimeout(Math.toIntExact(properties.timeout().toMillis()));
            if (notBlank(properties.projectId())) {
                options.setProjectId(properties.projectId());
            }
            return options.build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the Firebase credentials file " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    /** Empty: push is logged instead of sent. */
    Optional<FirebaseMessaging> messaging() {
        return Optional.ofNullable(messaging);
    }

    @Override
    public void close() {
        if (app != null) {
            app.delete();
        }
    }
}
