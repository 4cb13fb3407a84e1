package io.parley.kernel.conversation;

import java.util.List;

public record ReceiptsView(List<ReceiptView> items) {
}
