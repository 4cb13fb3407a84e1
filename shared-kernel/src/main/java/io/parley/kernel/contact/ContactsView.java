package io.parley.kernel.contact;

import java.util.List;

public record ContactsView(List<ContactView> items) {
}
