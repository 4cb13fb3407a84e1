package io.parley.notification.push;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param credentialsFile a Firebase service account key (JSON); empty: {@code GOOGLE_APPLICATION_CREDENTIALS}, and
 *                        without either push is logged and counted instead of sent
 * @param projectId       the Firebase project, when the credentials do not name it
 * @param previewLength   characters of a message's text shown in its push (more are cut with an ellipsis)
 * @param timeout         connect and read timeout of a call to FCM
 * @param fcmUrl          where FCM is, when not at Google: an FCM v1 stand-in on loopback (the fault suite's, which
 *                        records what it gets); push then goes there with a fixed access token and no credentials
 *                        (empty: Google's FCM, with the credentials above)
 */
@ConfigurationProperties("parley.notifications.push")
public record PushProperties(String credentialsFile, String projectId, int previewLength, Duration timeout,
                             String fcmUrl) {

    public PushProperties {
        if (previewLength < 1) {
            throw new IllegalArgumentException("parley.notifications.push.preview-length must be at least 1");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("parley.notifications.push.timeout must be positive");
        }
    }
}
