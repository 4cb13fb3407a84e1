package io.parley.kernel.contact;

public record FindContactsQuery(String userId) {
}
