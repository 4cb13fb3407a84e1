package io.parley.query.user;

import java.util.Optional;

import io.parley.kernel.account.FindOwnProfileQuery;
import io.parley.kernel.account.FindUserQuery;
import io.parley.kernel.account.OwnProfileView;
import io.parley.kernel.account.SearchUsersQuery;
import io.parley.kernel.account.UserSearchResult;
import io.parley.kernel.account.UserView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/** Answers the account queries from the user read model; deleted users are not found. */
@Component
class UserQueryHandlers {

    private final UserRepository users;

    UserQueryHandlers(UserRepository users) {
        this.users = users;
    }

    @QueryHandler
    Optional<OwnProfileView> handle(FindOwnProfileQuery query) {
        return users.findByIdAndDeletedFalse(query.userId())
                .map(user -> new OwnProfileView(user.id(), user.email(), user.displayName(), user.bio(),
                        user.avatarUrl(), user.createdAt()));
    }

    @QueryHandler
    Optional<UserView> handle(FindUserQuery query) {
        return users.findByIdAndDeletedFalse(query.userId()).map(UserQueryHandlers::view);
    }

    @QueryHandler
    UserSearchResult handle(SearchUsersQuery query) {
        String prefix = UserProjection.lower(query.prefix().strip());
        return new UserSearchResult(users.searchByPrefix(anchored(prefix), Limit.of(query.limit())).stream()
                .map(UserQueryHandlers::view)
                .toList());
    }

    // Presence arrives with a later issue: until then nobody is online.
    private static UserView view(UserDocument user) {
        return new UserView(user.id(), user.displayName(), user.bio(), user.avatarUrl(), false, null);
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
