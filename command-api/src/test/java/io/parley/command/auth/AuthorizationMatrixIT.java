package io.parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.security.ParleyClaims;
import io.parley.kernel.testing.ApiContract;
import io.parley.kernel.testing.ApiContract.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route command-api registers × every kind of caller → the status it gets. The routes come from the handler
 * mapping, so a route added without a row here fails the test. Callers, in the order they act (those who may not
 * act first, so a refused call cannot hide behind an allowed one's change): no token, the owner's expired token, a
 * deleted user's token, a stranger (another user's token), a former member, a member, an admin, the owner. On a
 * conversation's routes a stranger and a former member get exactly the 404 an unknown id gets.
 */
class AuthorizationMatrixIT extends CommandApiIntegrationTest {

    private static final String NEW_PASSWORD = "another horse battery";

    enum Caller { ANONYMOUS, EXPIRED_TOKEN, DELETED_USER, STRANGER, FORMER_MEMBER, MEMBER, ADMIN, OWNER }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Autowired
    private SigningKeys signingKeys;

    private boolean ownAccount;

    /** One call a caller makes; {@code conversationId} is set on a conversation's routes. */
    record Call(HttpMethod method, String path, Object body, String conversationId) {

        static Call of(HttpMethod method, String path, Object body) {
            return new Call(method, path, body, null);
        }
    }

    /**
     * A route's row: the call each caller makes, and the statuses in {@link Caller} order. Rows on the callers' own
     * accounts run in a world of their own, so no caller reaches the per-user write limit of the tests' context.
     */
    record Row(BiFunction<World, Caller, Call> call, int[] statuses, boolean ownAccount) {
    }

    @Test
    void everyRoute_answersEveryKindOfCaller_asTheMatrixSays() {
        World shared = new World(true);
        World accounts = new World(false);
        Actor prober = signUp("prober");
        Map<Route, Row> rows = rows();

        Set<Route> withoutRow = new TreeSet<>(ApiContract.registered(mapping));
        withoutRow.removeAll(rows.keySet());
        assertThat(withoutRow).as("routes without a row in the authorization matrix").isEmpty();
        Set<Route> gone = new TreeSet<>(rows.keySet());
        gone.removeAll(ApiContract.registered(mapping));
        assertThat(gone).as("rows for routes command-api no longer registers").isEmpty();

        List<String> wrong = new ArrayList<>();
        rows.forEach((route, row) -> {
            World world = row.ownAccount() ? accounts : shared;
            for (Caller caller : Caller.values()) {
                Call call = row.call().apply(world, caller);
                Response response = call(call.method(), call.path(), call.body(), world.token(caller));
                int expected = row.statuses()[caller.ordinal()];
                if (response.status() != expected) {
                    wrong.add(route + " as " + caller + ": " + response.status() + " (expected " + expected + ") "
                            + response.json());
                }
                if (call.conversationId() != null && (caller == Caller.STRANGER || caller == Caller.FORMER_MEMBER)) {
                    String unknown = UUID.randomUUID().toString();
                    Response missing = call(call.method(), call.path().replace(call.conversationId(), unknown),
                            call.body(), prober.token());
                    if (!response.json().toString().replace(call.conversationId(), "{id}")
                            .equals(missing.json().toString().replace(unknown, "{id}"))
                            || response.status() != missing.status()) {
                        wrong.add(route + " as " + caller + " differs from an unknown id: " + response.json()
                                + " vs " + missing.json());
                    }
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    private Map<Route, Row> rows() {
        ownAccount = false;
        Map<Route, Row> rows = new LinkedHashMap<>();
        // Moderation is for the service's admins (role ADMIN), none of these callers: 403 whoever they are.
        String someone = UUID.randomUUID().toString();
        row(rows, "POST /api/v1/admin/users/{userId}/deactivate", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/admin/users/" + someone + "/deactivate", null), 401, 401, 401, 403, 403, 403, 403, 403);
        row(rows, "POST /api/v1/admin/users/{userId}/reactivate", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/admin/users/" + someone + "/reactivate", null), 401, 401, 401, 403, 403, 403, 403, 403);
        row(rows, "POST /api/v1/admin/conversations/{conversationId}/archive", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/admin/conversations/" + someone + "/archive", null), 401, 401, 401, 403, 403, 403, 403, 403);
        row(rows, "DELETE /api/v1/admin/conversations/{conversationId}/messages/{messageId}", (w, who) -> Call.of(
                HttpMethod.DELETE, "/api/v1/admin/conversations/" + someone + "/messages/" + someone, null),
                401, 401, 401, 403, 403, 403, 403, 403);
        String c = "/api/v1/conversations/{conversationId}";
        // Conversation writes: members only; strangers and former members as for an unknown id.
        row(rows, "PATCH " + c, (w, who) -> w.inConversation(HttpMethod.PATCH, "", Map.of("name", "Renamed")),
                401, 401, 401, 404, 404, 403, 204, 204);
        row(rows, "POST " + c + "/members", (w, who) -> w.inConversation(HttpMethod.POST, "/members",
                Map.of("userId", w.newcomer(who))), 401, 401, 401, 404, 404, 403, 204, 204);
        row(rows, "PUT " + c + "/members/{userId}/role", (w, who) -> w.inConversation(HttpMethod.PUT,
                "/members/" + w.promoted + "/role", Map.of("role", "ADMIN")), 401, 401, 401, 404, 404, 403, 403, 204);
        row(rows, "DELETE " + c + "/members/{userId}", (w, who) -> w.inConversation(HttpMethod.DELETE,
                "/members/" + w.removed(who), null), 401, 401, 401, 404, 404, 403, 204, 204);
        row(rows, "POST " + c + "/messages", (w, who) -> w.inConversation(HttpMethod.POST, "/messages",
                Map.of("clientMessageId", UUID.randomUUID().toString(), "text", "hi")),
                401, 401, 401, 404, 404, 201, 201, 201);
        row(rows, "POST " + c + "/attachments", (w, who) -> w.inConversation(HttpMethod.POST, "/attachments",
                "notes for the trip"), 401, 401, 401, 404, 404, 201, 201, 201);
        row(rows, "PATCH " + c + "/messages/{messageId}", (w, who) -> w.inConversation(HttpMethod.PATCH,
                "/messages/" + w.ownersMessage, Map.of("text", "edited")), 401, 401, 401, 404, 404, 403, 403, 204);
        row(rows, "PUT " + c + "/messages/{messageId}/reactions/{emoji}", (w, who) -> w.inConversation(
                HttpMethod.PUT, "/messages/" + w.ownersMessage + "/reactions/👍", null),
                401, 401, 401, 404, 404, 204, 204, 204);
        row(rows, "DELETE " + c + "/messages/{messageId}/reactions/{emoji}", (w, who) -> w.inConversation(
                HttpMethod.DELETE, "/messages/" + w.ownersMessage + "/reactions/👍", null),
                401, 401, 401, 404, 404, 204, 204, 204);
        row(rows, "DELETE " + c + "/messages/{messageId}", (w, who) -> w.inConversation(HttpMethod.DELETE,
                "/messages/" + w.deletable(who) + "?scope=everyone", null), 401, 401, 401, 404, 404, 403, 204, 204);
        row(rows, "POST " + c + "/read", (w, who) -> w.inConversation(HttpMethod.POST, "/read",
                Map.of("upToSeq", 1)), 401, 401, 401, 404, 404, 204, 204, 204);
        row(rows, "PUT " + c + "/mute", (w, who) -> w.inConversation(HttpMethod.PUT, "/mute",
                Map.of("muted", true)), 401, 401, 401, 404, 404, 204, 204, 204);
        row(rows, "POST /api/v1/conversations/direct", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/conversations/direct", Map.of("userId", w.peer)), 401, 401, 401, 201, 201, 201, 201, 201);
        row(rows, "POST /api/v1/conversations/groups", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/conversations/groups", Map.of("name", "Mine", "memberIds", List.of(w.peer))),
                401, 401, 401, 201, 201, 201, 201, 201);
        // Contacts: a request is its two users' business; anyone else gets what an unknown request gets.
        row(rows, "POST /api/v1/contacts/requests", (w, who) -> Call.of(HttpMethod.POST, "/api/v1/contacts/requests",
                Map.of("userId", w.peer)), 401, 401, 401, 201, 201, 201, 201, 201);
        row(rows, "POST /api/v1/contacts/requests/{requestId}/accept", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/contacts/requests/" + w.acceptable + "/accept", null), 401, 401, 401, 404, 404, 404, 404, 204);
        row(rows, "POST /api/v1/contacts/requests/{requestId}/reject", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/contacts/requests/" + w.rejectable + "/reject", null), 401, 401, 401, 404, 404, 404, 404, 204);
        row(rows, "DELETE /api/v1/contacts/{userId}", (w, who) -> Call.of(HttpMethod.DELETE,
                "/api/v1/contacts/" + w.contact, null), 401, 401, 401, 404, 404, 404, 404, 204);
        row(rows, "POST /api/v1/users/{userId}/block", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/users/" + w.blockee + "/block", null), 401, 401, 401, 204, 204, 204, 204, 204);
        row(rows, "DELETE /api/v1/users/{userId}/block", (w, who) -> Call.of(HttpMethod.DELETE,
                "/api/v1/users/" + w.blockee + "/block", null), 401, 401, 401, 204, 204, 204, 204, 204);
        // The caller's own account, and auth.
        ownAccount = true;
        row(rows, "PATCH /api/v1/users/me", (w, who) -> Call.of(HttpMethod.PATCH, "/api/v1/users/me",
                Map.of("displayName", "Renamed")), 401, 401, 401, 204, 204, 204, 204, 204);
        row(rows, "PUT /api/v1/users/me/notification-preferences", (w, who) -> Call.of(HttpMethod.PUT,
                "/api/v1/users/me/notification-preferences", Map.of("email", false, "push", true)),
                401, 401, 401, 204, 204, 204, 204, 204);
        row(rows, "POST /api/v1/users/me/devices", (w, who) -> Call.of(HttpMethod.POST, "/api/v1/users/me/devices",
                Map.of("token", "device-" + who, "platform", "web")), 401, 401, 401, 201, 201, 201, 201, 201);
        row(rows, "DELETE /api/v1/users/me/devices/{token}", (w, who) -> Call.of(HttpMethod.DELETE,
                "/api/v1/users/me/devices/device-" + who, null), 401, 401, 401, 204, 204, 204, 204, 204);
        // Auth: the public routes refuse a bad token as every other route does (an expired token is not no token).
        row(rows, "POST /api/v1/auth/register", (w, who) -> Call.of(HttpMethod.POST, "/api/v1/auth/register",
                Map.of("email", uniqueEmail("matrix"), "password", PASSWORD, "displayName", "New")),
                201, 401, 401, 201, 201, 201, 201, 201);
        row(rows, "POST /api/v1/auth/login", (w, who) -> Call.of(HttpMethod.POST, "/api/v1/auth/login",
                Map.of("email", w.peerEmail, "password", PASSWORD)), 200, 401, 401, 200, 200, 200, 200, 200);
        row(rows, "POST /api/v1/auth/refresh", (w, who) -> Call.of(HttpMethod.POST, "/api/v1/auth/refresh",
                Map.of("refreshToken", w.freshRefreshToken(Caller.OWNER))), 200, 401, 401, 200, 200, 200, 200, 200);
        // The stranger presents the owner's refresh token: another user's session is not theirs to end.
        row(rows, "POST /api/v1/auth/logout", (w, who) -> Call.of(HttpMethod.POST, "/api/v1/auth/logout",
                Map.of("refreshToken", w.logoutToken(who))), 401, 401, 401, 401, 204, 204, 204, 204);
        row(rows, "POST /api/v1/auth/password-reset", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/auth/password-reset", Map.of("email", w.peerEmail)), 202, 401, 401, 202, 202, 202, 202, 202);
        row(rows, "POST /api/v1/auth/password-reset/confirm", (w, who) -> Call.of(HttpMethod.POST,
                "/api/v1/auth/password-reset/confirm", Map.of("token", "made-up", "newPassword", NEW_PASSWORD)),
                400, 401, 401, 400, 400, 400, 400, 400);
        row(rows, "GET /.well-known/jwks.json", (w, who) -> Call.of(HttpMethod.GET, "/.well-known/jwks.json", null),
                200, 401, 401, 200, 200, 200, 200, 200);
        row(rows, "POST /api/v1/auth/password", (w, who) -> Call.of(HttpMethod.POST, "/api/v1/auth/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)), 401, 401, 401, 204, 204, 204, 204, 204);
        // Last: each caller deletes its own account.
        row(rows, "DELETE /api/v1/users/me", (w, who) -> Call.of(HttpMethod.DELETE, "/api/v1/users/me", null),
                401, 401, 401, 204, 204, 204, 204, 204);
        return rows;
    }

    private void row(Map<Route, Row> rows, String route, BiFunction<World, Caller, Call> call, int... statuses) {
        assertThat(statuses).hasSize(Caller.values().length);
        String[] parts = route.split(" ", 2);
        assertThat(rows.put(Route.of(parts[0], parts[1]), new Row(call, statuses, ownAccount))).as(route).isNull();
    }

    /** The people and things the calls name. */
    private final class World {

        private final Map<Caller, Actor> actors = new EnumMap<>(Caller.class);
        private final Map<Caller, String> emails = new EnumMap<>(Caller.class);
        private final String expiredToken;
        private String conversationId;
        private String ownersMessage;
        private final Map<Caller, String> deletable = new EnumMap<>(Caller.class);
        private final Map<Caller, String> removed = new EnumMap<>(Caller.class);
        private final Map<Caller, String> newcomers = new EnumMap<>(Caller.class);
        private String promoted;
        private final String peer;
        private final String peerEmail;
        private String blockee;
        private String contact;
        private String acceptable;
        private String rejectable;

        /** Everything the rows need; without {@code conversations} only the callers (for their own accounts). */
        World(boolean conversations) {
            for (Caller caller : List.of(Caller.DELETED_USER, Caller.STRANGER, Caller.FORMER_MEMBER, Caller.MEMBER,
                    Caller.ADMIN, Caller.OWNER)) {
                String email = uniqueEmail(caller.name().toLowerCase().replace('_', '-'));
                String userId = register(email);
                emails.put(caller, email);
                actors.put(caller, new Actor(userId, login(email).get("accessToken").asString()));
            }
            peerEmail = uniqueEmail("peer");
            peer = register(peerEmail);
            expiredToken = expired(id(Caller.OWNER));
            if (!conversations) {
                expect(204, call(HttpMethod.DELETE, "/api/v1/users/me", null, token(Caller.DELETED_USER)));
                return;
            }
            promoted = register(uniqueEmail("promoted"));
            for (Caller caller : List.of(Caller.ADMIN, Caller.OWNER)) {
                removed.put(caller, register(uniqueEmail("removed")));
                newcomers.put(caller, register(uniqueEmail("newcomer")));
            }
            blockee = register(uniqueEmail("blockee"));
            Actor owner = actors.get(Caller.OWNER);
            List<String> members = new ArrayList<>(List.of(id(Caller.ADMIN), id(Caller.MEMBER),
                    id(Caller.FORMER_MEMBER), id(Caller.DELETED_USER), promoted));
            members.addAll(removed.values());
            conversationId = expect(201, post("/api/v1/conversations/groups", Map.of("name", "Matrix",
                    "memberIds", members), owner.token())).json().get("conversationId").asString();
            expect(204, call(HttpMethod.PUT, conversationPath("/members/" + id(Caller.ADMIN) + "/role"),
                    Map.of("role", "ADMIN"), owner.token()));
            expect(204, call(HttpMethod.DELETE, conversationPath("/members/" + id(Caller.FORMER_MEMBER)), null,
                    token(Caller.FORMER_MEMBER)));
            ownersMessage = message(owner);
            for (Caller caller : List.of(Caller.MEMBER, Caller.ADMIN, Caller.OWNER)) {
                deletable.put(caller, message(owner));
            }
            expect(204, call(HttpMethod.DELETE, "/api/v1/users/me", null, token(Caller.DELETED_USER)));
            acceptable = request(signUp("requester"), owner);
            rejectable = request(signUp("requester"), owner);
            Actor contactUser = signUp("contact");
            contact = contactUser.userId();
            expect(204, post("/api/v1/contacts/requests/" + request(contactUser, owner) + "/accept", null,
                    owner.token()));
        }

        String token(Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> null;
                case EXPIRED_TOKEN -> expiredToken;
                default -> actors.get(caller).token();
            };
        }

        Call inConversation(HttpMethod method, String rest, Object body) {
            return new Call(method, conversationPath(rest), body, conversationId);
        }

        String newcomer(Caller caller) {
            return newcomers.getOrDefault(caller, newcomers.get(Caller.OWNER));
        }

        String removed(Caller caller) {
            return removed.getOrDefault(caller, removed.get(Caller.OWNER));
        }

        String deletable(Caller caller) {
            return deletable.getOrDefault(caller, deletable.get(Caller.OWNER));
        }

        /** A refresh token of a new session of the caller (the owner's for callers without an account). */
        String freshRefreshToken(Caller caller) {
            Caller who = emails.containsKey(caller) && caller != Caller.DELETED_USER ? caller : Caller.OWNER;
            return login(emails.get(who)).get("refreshToken").asString();
        }

        /** The caller logs out a session of its own; the stranger and callers without an account try the owner's. */
        String logoutToken(Caller caller) {
            return freshRefreshToken(caller == Caller.STRANGER ? Caller.OWNER : caller);
        }

        private String id(Caller caller) {
            return actors.get(caller).userId();
        }

        private String conversationPath(String rest) {
            return "/api/v1/conversations/" + conversationId + rest;
        }

        private String message(Actor sender) {
            return expect(201, post(conversationPath("/messages"), Map.of("clientMessageId",
                    UUID.randomUUID().toString(), "text", "matrix"), sender.token())).json().get("messageId")
                    .asString();
        }

        private String request(Actor from, Actor to) {
            return expect(201, post("/api/v1/contacts/requests", Map.of("userId", to.userId()), from.token()))
                    .json().get("requestId").asString();
        }
    }

    private String expired(String userId) {
        Instant issued = Instant.now().minusSeconds(3_600);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ParleyClaims.ISSUER)
                .subject(userId)
                .claim(ParleyClaims.ROLES, List.of("USER"))
                .claim(ParleyClaims.SESSION_ID, UUID.randomUUID().toString())
                .issueTime(java.util.Date.from(issued))
                .expirationTime(java.util.Date.from(issued.plusSeconds(900)))
                .build();
        try {
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKeys.keyId())
                    .type(JOSEObjectType.JWT).build(), claims);
            token.sign(new RSASSASigner(signingKeys.rsaKey()));
            return token.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response expect(int status, Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }
}
