package io.parley.kernel.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Files under a directory ({@code data/attachments} in {@code ./parley up}), spread over 256 sub-directories by the
 * key's first two characters. A file appears whole or not at all: it is copied under a temporary name, then moved.
 */
public final class FileSystemAttachmentStorage implements AttachmentStorage {

    private final Path root;

    public FileSystemAttachmentStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling("." + UUID.randomUUID() + ".partial");
        try {
            Files.copy(file, partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(path(key));
        channel.position(offset);
        InputStream stream = Channels.newInputStream(channel);
        return length < 0 ? stream : new BoundedInputStream(stream, length);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    private Path path(String key) {
        AttachmentStorage.requireKey(key);
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    /** At most {@code remaining} bytes of the delegate. */
    private static final class BoundedInputStream extends InputStream {

        private final InputStream delegate;
        private long remaining;

        BoundedInputStream(InputStream delegate, long remaining) {
            this.delegate = delegate;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int next = delegate.read();
            if (next >= 0) {
                remaining--;
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int count = delegate.read(buffer, offset, (int) Math.min(length, remaining));
            if (count > 0) {
                remaining -= count;
            }
            return count;
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
