package io.parley.command.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * What an uploaded image gets: its dimensions (read from the header, nothing decoded), a JPEG thumbnail that fits
 * {@value #THUMBNAIL_MAX} px (unless the image is too large to decode safely), and its metadata stripped without
 * re-encoding: EXIF, XMP, IPTC and comments go (a photo's location, camera, owner), the pixels stay as they were.
 */
final class Images {

    static final int THUMBNAIL_MAX = 320;
    /** Above this many pixels an image is stored but not decoded: a small file can declare a huge canvas. */
    static final long MAX_DECODED_PIXELS = 40_000_000L;
    static final Set<String> THUMBNAILED = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp");

    private Images() {
    }

    record Dimensions(int width, int height) {
    }

    /** The dimensions of an image ImageIO reads (JPEG, PNG, GIF, BMP), from its header; null for anything else. */
    static Dimensions dimensions(Path file, String type) throws IOException {
        if (!THUMBNAILED.contains(type)) {
            return null;
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return new Dimensions(reader.getWidth(0), reader.getHeight(0));
            } catch (IOException | RuntimeException unreadable) {
                return null;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Writes a JPEG thumbnail of the (first frame of the) image to {@code target}; false when it cannot. */
    static boolean thumbnail(Path file, Dimensions dimensions, Path target) throws IOException {
        if (dimensions == null || (long) dimensions.width() * dimensions.height() > MAX_DECODED_PIXELS) {
            return false;
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
        if (image == null) {
            return false;
        }
        double scale = Math.min(1.0, (double) THUMBNAIL_MAX / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = opaque(image);
        // Halving steps keep a large downscale from aliasing, at a fraction of area averaging's cost.
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        writeJpeg(resize(current, width, height), target);
        return true;
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return rgb;
    }

    private static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = resized.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(image, 0, 0, width, height, null);
        graphics.dispose();
        return resized;
    }

    private static void writeJpeg(BufferedImage image, Path target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(target.toFile())) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * Copies the file to {@code target} without its metadata, for JPEG, PNG and WebP; false (nothing written) for
     * other types, which carry no EXIF to strip.
     */
    static boolean stripMetadata(Path file, String type, Path target) throws IOException {
        switch (type) {
            case "image/jpeg" -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
                    stripJpeg(new DataInputStream(in), out);
                }
            }
            case "image/png" -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
                    stripPng(new DataInputStream(in), out);
                }
            }
            case "image/webp" -> stripWebp(file, target);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Keeps every segment but APP1 (EXIF, XMP), APP13 (IPTC) and COM; copies the scan and what follows as is. */
    private static void stripJpeg(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            throw new IOException("Not a JPEG");
        }
        out.write(0xFF);
        out.write(0xD8);
        while (true) {
            int marker = in.readUnsignedByte();
            if (marker != 0xFF) {
                throw new IOException("Malformed JPEG");
            }
            int code = in.readUnsignedByte();
            while (code == 0xFF) {
                code = in.readUnsignedByte();
            }
            if (code == 0xD9 || (code >= 0xD0 && code <= 0xD7) || code == 0x01) {
                out.write(0xFF);
                out.write(code);
                if (code == 0xD9) {
                    return;
                }
                continue;
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw new IOException("Malformed JPEG");
            }
            byte[] segment = new byte[length - 2];
            in.readFully(segment);
            boolean metadata = code == 0xE1 || code == 0xED || code == 0xFE;
            if (!metadata) {
                out.write(0xFF);
                out.write(code);
                out.write(length >> 8);
                out.write(length & 0xFF);
                out.write(segment);
            }
            if (code == 0xDA) {
                in.transferTo(out);
                return;
            }
        }
    }

    private static final Set<String> PNG_METADATA = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");

    /** Keeps every chunk but eXIf, the text chunks (which hold XMP too) and tIME. */
    private static void stripPng(DataInputStream in, OutputStream out) throws IOException {
        byte[] signature = new byte[8];
        in.readFully(signature);
        out.write(signature);
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return;
            }
            byte[] type = new byte[4];
            in.readFully(type);
            String name = new String(type, StandardCharsets.US_ASCII);
            boolean metadata = PNG_METADATA.contains(name);
            if (!metadata) {
                writeInt(out, length);
                out.write(type);
            }
            copyOrSkip(in, metadata ? OutputStream.nullOutputStream() : out, (long) length + 4);
            if ("IEND".equals(name)) {
                return;
            }
        }
    }

    /** Drops the EXIF and XMP chunks of a WebP and clears their flags in VP8X; rewrites the RIFF size. */
    private static void stripWebp(Path file, Path target) throws IOException {
        Path body = Files.createTempFile(target.getParent(), "webp", ".part");
        try {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(body))) {
                byte[] header = new byte[12];
                in.readFully(header);
                while (true) {
                    byte[] fourcc = new byte[4];
                    try {
                        in.readFully(fourcc);
                    } catch (EOFException end) {
                        break;
                    }
                    long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                    long padded = size + (size & 1);
                    String name = new String(fourcc, StandardCharsets.US_ASCII);
                    if ("EXIF".equals(name) || "XMP ".equals(name)) {
                        copyOrSkip(in, OutputStream.nullOutputStream(), padded);
                        continue;
                    }
                    out.write(fourcc);
                    writeInt(out, Integer.reverseBytes((int) size));
                    if ("VP8X".equals(name) && size > 0) {
                        out.write(in.readUnsignedByte() & ~0x0C);
                        padded--;
                    }
                    copyOrSkip(in, out, padded);
                }
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
                out.write("RIFF".getBytes(StandardCharsets.US_ASCII));
                writeInt(out, Integer.reverseBytes((int) (Files.size(body) + 4)));
                out.write("WEBP".getBytes(StandardCharsets.US_ASCII));
                Files.copy(body, out);
            }
        } finally {
            Files.deleteIfExists(body);
        }
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write((value >>> 16) & 0xFF);
        out.write((value >>> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    private static void copyOrSkip(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException();
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }
}
