package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MessagePreviewTest {

    private static final Attachment PHOTO = new Attachment("a", "p.jpg", "image/jpeg", 1, 1, 1, true);
    private static final Attachment PDF = new Attachment("b", "report.pdf", "application/pdf", 1, null, null, false);

    @Test
    void text_isThePreview_whateverIsAttached() {
        assertThat(MessagePreview.of("hello", List.of(PHOTO))).isEqualTo("hello");
        assertThat(MessagePreview.of("hello", List.of())).isEqualTo("hello");
    }

    @Test
    void attachmentsOnly_sayWhatTheyAre() {
        assertThat(MessagePreview.of("", List.of(PHOTO))).isEqualTo("📷 Photo");
        assertThat(MessagePreview.of("", List.of(PHOTO, PHOTO, PHOTO))).isEqualTo("📷 3 photos");
        assertThat(MessagePreview.of("", List.of(PDF))).isEqualTo("📎 report.pdf");
        assertThat(MessagePreview.of(null, List.of(PHOTO, PDF))).isEqualTo("📎 2 files");
    }
}
