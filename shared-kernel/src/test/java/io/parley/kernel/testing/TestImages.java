package io.parley.kernel.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Images made in the test, with metadata (a fake GPS position) where a camera would put it. */
public final class TestImages {

    /** What the metadata holds; must not survive an upload. */
    public static final String SECRET = "GPS 48.8584N 2.2945E";

    private TestImages() {
    }

    public static byte[] png(int width, int height) {
        return encode(image(width, height), "png");
    }

    /** A PNG with an eXIf and a tEXt chunk (after IHDR) that hold {@link #SECRET}. */
    public static byte[] pngWithMetadata(int width, int height) {
        byte[] png = png(width, height);
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        writeChunk(out, "eXIf", ("MM\0*" + SECRET).getBytes(StandardCharsets.ISO_8859_1));
        writeChunk(out, "tEXt", ("Comment\0" + SECRET).getBytes(StandardCharsets.ISO_8859_1));
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    /** A JPEG with an APP1 (EXIF) segment and a comment that hold {@link #SECRET}. */
    public static byte[] jpegWithExif(int width, int height) {
        byte[] jpeg = encode(image(width, height), "jpeg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        writeSegment(out, 0xE1, ("Exif\0\0MM\0*" + SECRET).getBytes(StandardCharsets.ISO_8859_1));
        writeSegment(out, 0xFE, SECRET.getBytes(StandardCharsets.ISO_8859_1));
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage image(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLUE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void writeSegment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xFF);
        out.write(marker);
        int length = data.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(data);
    }
}
