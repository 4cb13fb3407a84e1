package io.parley.kernel.account;

import java.util.List;

public record UserSearchResult(List<UserView> items) {
}
