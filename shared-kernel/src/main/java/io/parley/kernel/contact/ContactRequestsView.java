package io.parley.kernel.contact;

import java.util.List;

public record ContactRequestsView(List<ContactRequestView> incoming, List<ContactRequestView> outgoing) {
}
