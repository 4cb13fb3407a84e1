package io.parley.kernel.message;

import java.util.List;

/**
 * What a one-line preview of a message says (push notifications, the inbox): its text, or for a message of
 * attachments only "📷 Photo", "📷 3 photos", "📎 report.pdf" or "📎 2 files".
 */
public final class MessagePreview {

    private MessagePreview() {
    }

    public static String of(String text, List<Attachment> attachments) {
        if ((text != null && !text.isBlank()) || attachments == null || attachments.isEmpty()) {
            return text == null ? "" : text;
        }
        int count = attachments.size();
        if (attachments.stream().allMatch(Attachment::image)) {
            return count == 1 ? "📷 Photo" : "📷 " + count + " photos";
        }
        return count == 1 ? "📎 " + attachments.getFirst().name() : "📎 " + count + " files";
    }
}
