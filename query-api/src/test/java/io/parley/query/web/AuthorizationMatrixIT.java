package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.attachment.AttachmentStorage;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.testing.ApiContract;
import io.parley.kernel.testing.ApiContract.Route;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route query-api registers × every kind of caller → the status it gets. The routes come from the handler
 * mapping, so a route added without a row here fails the test. A stranger and a former member get exactly the 404
 * an unknown conversation id gets; an operator (role ADMIN) reads no conversation either.
 */
class AuthorizationMatrixIT extends QueryApiIntegrationTest {

    enum Caller { ANONYMOUS, EXPIRED_TOKEN, DELETED_USER, STRANGER, FORMER_MEMBER, MEMBER, ADMIN, OWNER, OPERATOR }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Autowired
    private AttachmentStorage storage;

    record Row(HttpMethod method, String path, int[] statuses) {
    }

    @Test
    void everyRoute_answersEveryKindOfCaller_asTheMatrixSays() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<Caller, String> users = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            users.put(caller, UUID.randomUUID().toString());
        }
        for (Caller caller : List.of(Caller.DELETED_USER, Caller.STRANGER, Caller.FORMER_MEMBER, Caller.MEMBER,
                Caller.ADMIN, Caller.OWNER, Caller.OPERATOR)) {
            String id = users.get(caller);
            append(id, new UserRegisteredEvent(id, id + "@example.com", "Matrix " + caller,
                    caller == Caller.OPERATOR ? Set.of(Role.USER, Role.ADMIN) : Set.of(Role.USER), start));
        }
        ConversationLog group = ConversationLog.group(users.get(Caller.OWNER), "Matrix", List.of(users.get(
                Caller.ADMIN), users.get(Caller.MEMBER), users.get(Caller.FORMER_MEMBER), users.get(
                Caller.DELETED_USER)), start);
        group.changeRole(users.get(Caller.ADMIN), MemberRole.ADMIN, users.get(Caller.OWNER));
        String messageId = group.send(users.get(Caller.OWNER), "hello matrix");
        Attachment photo = storedPhoto();
        group.send(users.get(Caller.OWNER), "", List.of(photo));
        group.edit(messageId, users.get(Caller.OWNER), "hello matrix, edited");
        group.remove(users.get(Caller.FORMER_MEMBER), users.get(Caller.FORMER_MEMBER));
        appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());
        // As command-api deletes an account: the user's sessions revoked, then the user deleted.
        String deletedSession = TestTokens.newSessionId();
        String deleted = users.get(Caller.DELETED_USER);
        long position = append(deleted, new SessionsRevokedEvent(deleted, List.of(deletedSession),
                RevocationReason.ACCOUNT_DELETED, Instant.now()), new UserDeletedEvent(deleted, Instant.now()));
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            tokens.put(caller, switch (caller) {
                case ANONYMOUS -> null;
                case EXPIRED_TOKEN -> TestTokens.expiredToken(users.get(Caller.OWNER), TestTokens.newSessionId());
                case OPERATOR -> TestTokens.accessToken(users.get(caller), TestTokens.newSessionId(), Role.USER,
                        Role.ADMIN);
                case DELETED_USER -> TestTokens.accessToken(deleted, deletedSession);
                default -> token(users.get(caller));
            });
        }

        String c = "/api/v1/conversations/" + group.id();
        Map<Route, Row> rows = new LinkedHashMap<>();
        int[] members = {401, 401, 401, 404, 404, 200, 200, 200, 404};
        int[] anyone = {401, 401, 401, 200, 200, 200, 200, 200, 200};
        int[] operators = {401, 401, 401, 403, 403, 403, 403, 403, 200};
        row(rows, "GET /api/v1/conversations", c.substring(0, c.lastIndexOf('/')), anyone);
        row(rows, "GET /api/v1/conversations/{conversationId}", c, members);
        row(rows, "GET /api/v1/conversations/{conversationId}/messages", c + "/messages", members);
        row(rows, "GET /api/v1/conversations/{conversationId}/messages/{messageId}/history",
                c + "/messages/" + messageId + "/history", members);
        row(rows, "GET /api/v1/conversations/{conversationId}/as-of", c + "/as-of?at=2100-01-01T00:00:00Z", members);
        row(rows, "GET /api/v1/conversations/{conversationId}/receipts", c + "/receipts", members);
        row(rows, "GET /api/v1/conversations/{conversationId}/online", c + "/online", members);
        row(rows, "GET /api/v1/attachments/{attachmentId}", "/api/v1/attachments/" + photo.attachmentId(), members);
        row(rows, "GET /api/v1/attachments/{attachmentId}/thumbnail",
                "/api/v1/attachments/" + photo.attachmentId() + "/thumbnail", members);
        row(rows, "GET /api/v1/search/messages", "/api/v1/search/messages?q=matrix", anyone);
        row(rows, "GET /api/v1/users/me", "/api/v1/users/me", anyone);
        row(rows, "GET /api/v1/users/{userId}", "/api/v1/users/" + users.get(Caller.OWNER), anyone);
        row(rows, "GET /api/v1/users", "/api/v1/users?search=Matrix", anyone);
        row(rows, "GET /api/v1/contacts", "/api/v1/contacts", anyone);
        row(rows, "GET /api/v1/contacts/requests", "/api/v1/contacts/requests", anyone);
        row(rows, "GET /api/v1/contacts/blocked", "/api/v1/contacts/blocked", anyone);
        row(rows, "GET /api/v1/users/me/notification-preferences", "/api/v1/users/me/notification-preferences",
                anyone);
        row(rows, "GET /api/v1/admin/projections", "/api/v1/admin/projections", operators);
        row(rows, "GET /api/v1/admin/audit", "/api/v1/admin/audit", operators);
        // An unknown projection: the operator is let through to a 404, and nothing is rebuilt.
        row(rows, "POST /api/v1/admin/projections/{name}/rebuild",
                "/api/v1/admin/projections/no-such-projection/rebuild",
                new int[] {401, 401, 401, 403, 403, 403, 403, 403, 404});
        // Every projection: the operator starts a real rebuild (awaited below, so no later test meets it running).
        row(rows, "POST /api/v1/admin/projections/rebuild", "/api/v1/admin/projections/rebuild",
                new int[] {401, 401, 401, 403, 403, 403, 403, 403, 202});

        Set<Route> registered = ApiContract.registered(mapping);
        Set<Route> withoutRow = new TreeSet<>(registered);
        withoutRow.removeAll(rows.keySet());
        assertThat(withoutRow).as("routes without a row in the authorization matrix").isEmpty();
        Set<Route> gone = new TreeSet<>(rows.keySet());
        gone.removeAll(registered);
        assertThat(gone).as("rows for routes query-api no longer registers").isEmpty();

        String prober = token(UUID.randomUUID().toString());
        List<String> wrong = new ArrayList<>();
        rows.forEach((route, row) -> {
            for (Caller caller : Caller.values()) {
                Response response = call(row.method(), row.path(), tokens.get(caller), position);
                int expected = row.statuses()[caller.ordinal()];
                if (response.status() != expected) {
                    wrong.add(route + " as " + caller + ": " + response + " (expected " + expected + ")");
                }
                if (row.path().startsWith(c) && expected == 404) {
                    String unknown = UUID.randomUUID().toString();
                    Response missing = call(row.method(), row.path().replace(group.id(), unknown), prober, position);
                    if (missing.status() != response.status() || !String.valueOf(response.entity().getBody())
                            .replace(group.id(), "{id}").equals(String.valueOf(missing.entity().getBody())
                                    .replace(unknown, "{id}"))) {
                        wrong.add(route + " as " + caller + " differs from an unknown id: " + response + " vs "
                                + missing);
                    }
                }
            }
        });
        String operator = tokens.get(Caller.OPERATOR);
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/admin/projections", operator).json()
                .valueStream().noneMatch(p -> p.path("rebuild").path("state").asString().equals("RUNNING")));
        assertThat(wrong).isEmpty();
    }

    /** A photo and its thumbnail in the store, as command-api leaves them after an upload. */
    private Attachment storedPhoto() {
        String id = UUID.randomUUID().toString();
        try {
            Path file = Files.createTempFile("matrix", ".png");
            Files.write(file, new byte[] {1, 2, 3});
            storage.put(id, file, "image/png");
            storage.put(id + ".thumbnail", file, "image/jpeg");
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Attachment(id, "matrix.png", "image/png", 3, 1, 1, true);
    }

    private Response call(HttpMethod method, String path, String token, long position) {
        if (method == HttpMethod.GET) {
            return getAtPosition(path, token, position);
        }
        return send(method, path, token);
    }

    private static void row(Map<Route, Row> rows, String route, String path, int[] statuses) {
        assertThat(statuses).hasSize(Caller.values().length);
        String[] parts = route.split(" ", 2);
        assertThat(rows.put(Route.of(parts[0], parts[1]), new Row(HttpMethod.valueOf(parts[0]), path, statuses)))
                .as(route).isNull();
    }
}
