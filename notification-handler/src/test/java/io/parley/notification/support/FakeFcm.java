package io.parley.notification.support;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseOptions;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firebase Cloud Messaging faked at the HTTP transport: firebase-admin builds and sends its real FCM v1 requests,
 * which this transport records and answers, by device token, with success, {@code UNREGISTERED} or a server error.
 */
public final class FakeFcm extends MockHttpTransport {

    public static final String PROJECT = "parley-test";
    public static final String ACCESS_TOKEN = "fake-access-token";
    public static final String SEND_URL = "https://fcm.googleapis.com/v1/projects/" + PROJECT + "/messages:send";
    private static final FakeFcm TRANSPORT = new FakeFcm();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Map<String, Reply> REPLIES = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    /** How FCM answers for a token. */
    public enum Reply {
        OK,
        UNREGISTERED,
        INTERNAL_ERROR
    }

    /** One request as FCM got it: the URL, the bearer header and the {@code message} of the JSON body. */
    public record Request(String url, String authorization, JsonNode message) {

        public String token() {
            return message.path("token").asString();
        }
    }

    /** The service's Firebase options in tests: fake credentials, this transport. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Options {

        @Bean
        FirebaseOptions fakeFcmOptions() {
            return FirebaseOptions.builder()
                    .setCredentials(GoogleCredentials.create(new AccessToken(ACCESS_TOKEN,
                            Date.from(Instant.now().plus(1, ChronoUnit.DAYS)))))
                    .setProjectId(PROJECT)
                    .setHttpTransport(TRANSPORT)
                    .build();
        }
    }

    private FakeFcm() {
    }

    public static void reply(String token, Reply reply) {
        REPLIES.put(token, reply);
    }

    /** Every request for the device token so far. */
    public static List<Request> requestsFor(String token) {
        return REQUESTS.stream().filter(request -> token.equals(request.token())).toList();
    }

    public static int total() {
        return REQUESTS.size();
    }

    @Override
    public LowLevelHttpRequest buildRequest(String method, String url) {
        return new MockLowLevelHttpRequest(url) {
            @Override
            public LowLevelHttpResponse execute() throws IOException {
                JsonNode body = JSON.readTree(getContentAsString());
                Request request = new Request(url, getFirstHeaderValue("Authorization"), body.path("message"));
                REQUESTS.add(request);
                return switch (REPLIES.getOrDefault(request.token(), Reply.OK)) {
                    case OK -> json(200, "{\"name\":\"projects/" + PROJECT + "/messages/" + IDS.incrementAndGet() + "\"}");
                    case UNREGISTERED -> json(404, error(404, "NOT_FOUND", "UNREGISTERED"));
                    case INTERNAL_ERROR -> json(500, error(500, "INTERNAL", "INTERNAL"));
                };
            }
        };
    }

    private static String error(int code, String status, String fcmCode) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"fake " + fcmCode + "\",\"status\":\"" + status + "\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"" + fcmCode + "\"}]}}";
    }

    private static MockLowLevelHttpResponse json(int status, String body) {
        return new MockLowLevelHttpResponse().setStatusCode(status).setContentType("application/json; charset=UTF-8")
                .setContent(body);
    }
}
