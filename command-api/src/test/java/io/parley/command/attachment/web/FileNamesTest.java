package io.parley.command.attachment.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A client's file name is shown to others and put into a header: only its last segment, no controls. */
class FileNamesTest {

    @Test
    void aName_losesPathsControlsAndBidiOverrides() {
        assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.clean("C:\\Users\\ada\\photo.jpg")).isEqualTo("photo.jpg");
        assertThat(FileNames.clean("invoice\u202Egpj.exe")).isEqualTo("invoicegpj.exe");
        assertThat(FileNames.clean("a\r\nX-Injected: 1.txt")).isEqualTo("aX-Injected: 1.txt");
    }

    @Test
    void nothingLeft_isFile_andALongNameIsCut() {
        assertThat(FileNames.clean(null)).isEqualTo("file");
        assertThat(FileNames.clean("  ")).isEqualTo("file");
        assertThat(FileNames.clean("..")).isEqualTo("file");
        assertThat(FileNames.clean("x".repeat(300))).hasSize(FileNames.MAX_LENGTH);
    }
}
