package io.parley.kernel.message;

import io.parley.kernel.privacy.PersonalData;

/**
 * A file sent with a message, as the message carries it: metadata, never the bytes. {@code contentType} was
 * detected from the bytes when it was uploaded; {@code width} and {@code height} are an image's (null otherwise);
 * {@code thumbnail} when a thumbnail was made (images only).
 */
public record Attachment(String attachmentId, @PersonalData String name, String contentType, long size, Integer width,
                         Integer height, boolean thumbnail) {

    /** Whether members see it as an image (a preview) rather than a file chip. */
    public boolean image() {
        return contentType != null && contentType.startsWith("image/");
    }
}
