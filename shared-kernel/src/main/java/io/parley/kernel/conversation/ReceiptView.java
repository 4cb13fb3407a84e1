package io.parley.kernel.conversation;

public record ReceiptView(String userId, long lastReadSeq) {
}
