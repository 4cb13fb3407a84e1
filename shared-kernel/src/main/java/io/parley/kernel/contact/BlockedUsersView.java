package io.parley.kernel.contact;

import java.util.List;

public record BlockedUsersView(List<BlockedUserView> items) {
}
