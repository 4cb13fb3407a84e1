package io.parley.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.parley.kernel.account.FindOwnProfileQuery;
import io.parley.kernel.account.FindUserQuery;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.SearchUsersQuery;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.account.UserView;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.query.presence.OnlineStatus;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.repository.support.MongoRepositoryFactory;

/** The user projection and its queries against the MongoDB wire server, events delivered as Axon would. */
class UserProjectionTest {

    private static final Instant REGISTERED_AT = Instant.parse("2026-11-01T10:15:30Z");
    private static MongoClient client;

    private MongoTemplate mongo;
    private AnnotationEventHandlerAdapter projection;
    private UserQueryHandlers queries;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("user_projection_test"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyReadModel() {
        mongo = new MongoTemplate(client, "user_projection_test");
        mongo.getCollection(UserDocument.COLLECTION).deleteMany(new Document());
        new UserIndexes(mongo).afterPropertiesSet();
        projection = new AnnotationEventHandlerAdapter(new UserProjection(mongo));
        queries = new UserQueryHandlers(new MongoRepositoryFactory(mongo).getRepository(UserRepository.class),
                new OnlineStatus(mongo));
    }

    @Test
    void registration_createsTheProfile() throws Exception {
        String userId = register("Alice@Example.com", "Alice Liddell");

        assertThat(queries.handle(new FindOwnProfileQuery(userId))).hasValueSatisfying(profile -> {
            assertThat(profile.userId()).isEqualTo(userId);
            assertThat(profile.email()).isEqualTo("Alice@Example.com");
            assertThat(profile.displayName()).isEqualTo("Alice Liddell");
            assertThat(profile.bio()).isNull();
            assertThat(profile.avatarUrl()).isNull();
            assertThat(profile.createdAt()).isEqualTo(REGISTERED_AT);
        });
        assertThat(queries.handle(new FindUserQuery(userId)))
                .contains(new UserView(userId, "Alice Liddell", null, null, false, null));
    }

    @Test
    void everyEvent_appliedTwice_leavesTheSameDocument() throws Exception {
        String userId = UUID.randomUUID().toString();
        var registered = message(userId, 0, registeredEvent(userId, "bob@example.com", "Bob"));
        var changed = message(userId, 1, new UserProfileChangedEvent(userId, "Bobby", "hello", null, REGISTERED_AT));

        projection.handle(registered);
        projection.handle(changed);
        Document afterOnce = raw(userId);
        projection.handle(registered);
        projection.handle(changed);

        assertThat(raw(userId)).isEqualTo(afterOnce);
        assertThat(afterOnce.getString("displayName")).isEqualTo("Bobby");
        assertThat(afterOnce.getString("bio")).isEqualTo("hello");
    }

    @Test
    void anOlderProfileChange_deliveredLate_doesNotOverwriteANewerOne() throws Exception {
        String userId = register("carol@example.com", "Carol");
        var first = message(userId, 1, new UserProfileChangedEvent(userId, "Carol One", null, null, REGISTERED_AT));
        var second = message(userId, 2, new UserProfileChangedEvent(userId, "Carol Two", null, null, REGISTERED_AT));

        projection.handle(first);
        projection.handle(second);
        projection.handle(first);

        assertThat(queries.handle(new FindUserQuery(userId))).map(UserView::displayName).contains("Carol Two");
    }

    @Test
    void profileChange_keepsTheFieldsItLeavesNull() throws Exception {
        String userId = register("dan@example.com", "Dan");
        projection.handle(message(userId, 1, new UserProfileChangedEvent(userId, null, "bio", "https://a/b.png", REGISTERED_AT)));
        projection.handle(message(userId, 2, new UserProfileChangedEvent(userId, null, null, null, REGISTERED_AT)));

        assertThat(queries.handle(new FindUserQuery(userId)))
                .contains(new UserView(userId, "Dan", "bio", "https://a/b.png", false, null));
    }

    @Test
    void deletion_erasesPersonalData_andHidesTheUser() throws Exception {
        String userId = register("Erin@Example.com", "Erin");
        projection.handle(message(userId, 1, new UserProfileChangedEvent(userId, null, "my bio", "https://x/y.png", REGISTERED_AT)));

        projection.handle(message(userId, 2, new UserDeletedEvent(userId, REGISTERED_AT.plusSeconds(60))));
        projection.handle(message(userId, 2, new UserDeletedEvent(userId, REGISTERED_AT.plusSeconds(60))));

        Document erased = raw(userId);
        assertThat(erased.getBoolean("deleted")).isTrue();
        assertThat(erased.getString("displayName")).isEqualTo(UserProjection.DELETED_DISPLAY_NAME);
        assertThat(erased).doesNotContainKeys("email", "emailLower", "displayNameLower", "bio", "avatarUrl");
        assertThat(erased.toJson()).doesNotContainIgnoringCase("erin").doesNotContain("my bio").doesNotContain("x/y.png");
        assertThat(queries.handle(new FindUserQuery(userId))).isEmpty();
        assertThat(queries.handle(new FindOwnProfileQuery(userId))).isEmpty();
        assertThat(queries.handle(new SearchUsersQuery("erin", 20)).items()).isEmpty();
        assertThat(queries.handle(new SearchUsersQuery("deleted", 20)).items()).isEmpty();
    }

    @Test
    void registration_redeliveredAfterDeletion_bringsNothingBack() throws Exception {
        String userId = UUID.randomUUID().toString();
        var registered = message(userId, 0, registeredEvent(userId, "fay@example.com", "Fay"));
        projection.handle(registered);
        projection.handle(message(userId, 1, new UserDeletedEvent(userId, REGISTERED_AT)));

        projection.handle(registered);

        assertThat(raw(userId)).doesNotContainKeys("email", "emailLower");
        assertThat(queries.handle(new FindUserQuery(userId))).isEmpty();
    }

    @Test
    void search_matchesPrefixesOfDisplayNameOrEmail_caseInsensitively() throws Exception {
        String gina = register("gina@example.com", "Gina Gardner");
        String georg = register("GEORG@Example.org", "Georg");
        register("hank@example.com", "Hank Ginsberg");

        assertThat(ids("gi")).containsExactly(gina);
        assertThat(ids("GE")).containsExactly(georg);
        assertThat(ids("georg@EXAMPLE")).containsExactly(georg);
        assertThat(ids("g")).containsExactly(georg, gina);
        assertThat(ids("ginsberg")).isEmpty();
        assertThat(ids("example")).isEmpty();
    }

    @Test
    void search_treatsRegexCharactersLiterally_andHonoursTheLimit() throws Exception {
        String dotted = register("a.b@example.com", "A.B");
        register("axb@example.com", "AxB");
        register("ab@example.com", "Ab");

        assertThat(ids("a.")).containsExactly(dotted);
        assertThat(ids(".*")).isEmpty();
        assertThat(queries.handle(new SearchUsersQuery("a", 2)).items()).hasSize(2);
    }

    private List<String> ids(String prefix) {
        return queries.handle(new SearchUsersQuery(prefix, 20)).items().stream().map(UserView::userId).toList();
    }

    private String register(String email, String displayName) throws Exception {
        String userId = UUID.randomUUID().toString();
        projection.handle(message(userId, 0, registeredEvent(userId, email, displayName)));
        return userId;
    }

    private static UserRegisteredEvent registeredEvent(String userId, String email, String displayName) {
        return new UserRegisteredEvent(userId, email, displayName, Set.of(Role.USER), REGISTERED_AT);
    }

    private static GenericDomainEventMessage<?> message(String userId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("User", userId, sequence, payload);
    }

    private Document raw(String userId) {
        Document document = mongo.getCollection(UserDocument.COLLECTION).find(new Document("_id", userId)).first();
        assertThat(document).isNotNull();
        return document;
    }
}
