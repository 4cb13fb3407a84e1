package io.parley.kernel.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The bytes of attachments and their thumbnails, by key; command-api writes and deletes, query-api reads. Keys are
 * attachment ids with an optional suffix ({@code <id>}, {@code <id>.thumbnail}): nothing a client chose.
 */
public interface AttachmentStorage {

    Pattern KEY = Pattern.compile("[0-9a-f-]{36}(\\.[a-z]{1,16})?");

    /** Stores the file's bytes under the key (replacing what was there); the file itself is left as it was. */
    void put(String key, Path file, String contentType) throws IOException;

    /**
     * The bytes from {@code offset}, at most {@code length} of them (-1: to the end); the caller closes the stream.
     *
     * @throws NoSuchFileException when nothing is stored under the key
     */
    InputStream open(String key, long offset, long length) throws IOException;

    /** Removes the key's bytes; nothing stored under it is fine. */
    void delete(String key) throws IOException;

    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not an attachment key");
        }
        return key;
    }
}
