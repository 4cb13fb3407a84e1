package io.parley.kernel.message;

import java.util.List;

public record MessageSearchResult(List<MessageSearchHit> items) {
}
