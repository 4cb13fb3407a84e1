package io.parley.query.user;

import io.parley.kernel.account.FindNotificationPreferencesQuery;
import io.parley.kernel.account.FindOwnProfileQuery;
import io.parley.kernel.account.NotificationPreferencesView;
import io.parley.kernel.account.FindUserQuery;
import io.parley.kernel.account.OwnProfileView;
import io.parley.kernel.account.SearchUsersQuery;
import io.parley.kernel.account.UserSearchResult;
import io.parley.kernel.account.UserView;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.text.PlainText;
import io.parley.query.web.ErrorCodeException;
import io.parley.query.web.Queries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The user reads of docs/api.md "Users"; writes live on command-api. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final QueryGateway queries;

    UserController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/me")
    OwnProfileView me(Authentication caller) {
        String userId = caller.getName();
        return Queries.await(queries.query(new FindOwnProfileQuery(userId),
                        ResponseTypes.optionalInstanceOf(OwnProfileView.class)))
                .orElseThrow(() -> notFound(userId));
    }

    @GetMapping("/me/notification-preferences")
    NotificationPreferencesView notificationPreferences(Authentication caller) {
        String userId = caller.getName();
        return Queries.await(queries.query(new FindNotificationPreferencesQuery(userId),
                        ResponseTypes.optionalInstanceOf(NotificationPreferencesView.class)))
                .orElseThrow(() -> notFound(userId));
    }

    @GetMapping("/{userId}")
    UserView user(@PathVariable String userId) {
        return Queries.await(queries.query(new FindUserQuery(userId), ResponseTypes.optionalInstanceOf(UserView.class)))
                .orElseThrow(() -> notFound(userId));
    }

    @GetMapping
    UserSearchResult search(@RequestParam("search") @NotBlank @Size(max = 100) @PlainText String search,
                            @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(100) int limit) {
        return Queries.await(queries.query(new SearchUsersQuery(search, limit),
                ResponseTypes.instanceOf(UserSearchResult.class)));
    }

    private static ErrorCodeException notFound(String userId) {
        return new ErrorCodeException(ErrorCode.USER_NOT_FOUND, "There is no user " + userId + ".");
    }
}
