package io.parley.query.user;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parley.kernel.account.FindNotificationPreferencesQuery;
import io.parley.kernel.account.FindOwnProfileQuery;
import io.parley.kernel.account.NotificationPreferencesView;
import io.parley.kernel.account.FindUserQuery;
import io.parley.kernel.account.OwnProfileView;
import io.parley.kernel.account.SearchUsersQuery;
import io.parley.kernel.account.UserSearchResult;
import io.parley.kernel.account.UserView;
import io.parley.query.presence.OnlineStatus;
import io.parley.query.presence.OnlineStatus.Status;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/** Answers the account queries from the user read model and presence; deleted users are not found. */
@Component
class UserQueryHandlers {

    private final UserRepository users;
    private final OnlineStatus presence;

    UserQueryHandlers(UserRepository users, OnlineStatus presence) {
        this.users = users;
        this.presence = presence;
    }

    @QueryHandler
    Optional<OwnProfileView> handle(FindOwnProfileQuery query) {
        return users.findByIdAndDeletedFalse(query.userId())
                .map(user -> new OwnProfileView(user.id(), user.email(), user.displayName(), user.bio(),
                        user.avatarUrl(), user.createdAt()));
    }

    @QueryHandler
    Optional<NotificationPreferencesView> handle(FindNotificationPreferencesQuery query) {
        return users.findByIdAndDeletedFalse(query.userId())
                .map(user -> new NotificationPreferencesView(!Boolean.FALSE.equals(user.emailNotifications()),
                        !Boolean.FALSE.equals(user.pushNotifications())));
    }

    @QueryHandler
    Optional<UserView> handle(FindUserQuery query) {
        return users.findByIdAndDeletedFalse(query.userId())
                .map(user -> view(user, presence.of(user.id())));
    }

    @QueryHandler
    UserSearchResult handle(SearchUsersQuery query) {
        String prefix = UserProjection.lower(query.prefix().strip());
        List<UserDocument> found = users.searchByPrefix(anchored(prefix), Limit.of(query.limit()));
        Map<String, Status> statuses = presence.of(found.stream().map(UserDocument::id).toList());
        return new UserSearchResult(found.stream()
                .map(user -> view(user, statuses.get(user.id())))
                .toList());
    }

    private static UserView view(UserDocument user, Status status) {
        return new UserView(user.id(), user.displayName(), user.bio(), user.avatarUrl(), status.online(),
                status.lastSeenAt());
    }

    /** {@code ^} and the prefix with every non-alphanumeric escaped: MongoDB keeps such a regex on the index. */
    static String anchored(String prefix) {
        StringBuilder regex = new StringBuilder("^");
        prefix.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                regex.append('\\');
            }
            regex.appendCodePoint(c);
        });
        return regex.toString();
    }
}
