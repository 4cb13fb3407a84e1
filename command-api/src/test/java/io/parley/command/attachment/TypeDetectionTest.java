package io.parley.command.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.parley.kernel.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Types come from the bytes; a name only narrows them to a subtype, never replaces them. */
class TypeDetectionTest {

    private final TypeDetection types = new TypeDetection();

    @TempDir
    Path dir;

    @Test
    void theBytes_decide_whateverTheName() throws IOException {
        assertThat(types.detect(file(TestImages.png(4, 4)), "notes.txt")).isEqualTo("image/png");
        assertThat(types.detect(file("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8)), "cat.png"))
                .isEqualTo("text/html");
        assertThat(types.detect(file("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".getBytes(
                StandardCharsets.UTF_8)), "logo.png")).isEqualTo("image/svg+xml");
    }

    @Test
    void bytesThatSayNothing_stayUnknown_evenWithAPromisingName() throws IOException {
        byte[] noise = new byte[512];
        ThreadLocalRandom.current().nextBytes(noise);
        noise[0] = 0;

        assertThat(types.detect(file(noise), "report.pdf")).isEqualTo("application/octet-stream");
    }

    @Test
    void aName_narrowsAContainerToItsKind() throws IOException {
        Path docx = dir.resolve("letter");
        try (OutputStream out = Files.newOutputStream(docx); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThat(types.detect(docx, "letter.docx"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(types.detect(file("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), "table.csv")).isEqualTo("text/csv");
        assertThat(types.detect(file("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), "table.exe")).isEqualTo("text/plain");
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "upload", ""), bytes);
    }
}
