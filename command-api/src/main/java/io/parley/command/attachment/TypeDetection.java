package io.parley.command.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * An upload's type, from its bytes (Apache Tika's magic and text detection). The client's file name only narrows a
 * type the bytes gave to one of its kinds ({@code application/zip} to a .docx, {@code text/plain} to a .csv); it
 * never overrides the bytes: a PNG named .txt is a PNG, an HTML file named .png is HTML.
 */
final class TypeDetection {

    private final Tika tika = new Tika();
    private final MediaTypeRegistry registry = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();

    String detect(Path file, String name) throws IOException {
        MediaType fromBytes;
        try (InputStream bytes = Files.newInputStream(file)) {
            fromBytes = MediaType.parse(tika.detect(bytes));
        }
        MediaType fromName = MediaType.parse(tika.detect(name));
        if (fromName != null && fromBytes != null && !fromName.equals(fromBytes)
                && !MediaType.OCTET_STREAM.equals(fromBytes) && registry.isSpecializationOf(fromName, fromBytes)) {
            return fromName.getBaseType().toString();
        }
        return fromBytes == null ? MediaType.OCTET_STREAM.toString() : fromBytes.getBaseType().toString();
    }
}
