package io.parley.command.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.parley.kernel.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata stripped without touching the pixels; thumbnails only of images safe to decode. */
class ImagesTest {

    @TempDir
    Path dir;

    @Test
    void aWebp_losesItsExifAndXmp_andTheirFlags_keepsItsImageData() throws IOException {
        byte[] vp8x = {0x0C, 0, 0, 0, 1, 0, 0, 1, 0, 0};
        byte[] image = "VP8 image data!!".getBytes(StandardCharsets.US_ASCII);
        byte[] webp = riff(chunk("VP8X", vp8x), chunk("VP8 ", image), chunk("EXIF", TestImages.SECRET.getBytes(
                StandardCharsets.US_ASCII)), chunk("XMP ", ("<x>" + TestImages.SECRET + "</x>").getBytes(
                StandardCharsets.US_ASCII)));
        Path stripped = dir.resolve("stripped.webp");

        assertThat(Images.stripMetadata(Files.write(dir.resolve("in.webp"), webp), "image/webp", stripped)).isTrue();

        byte[] out = Files.readAllBytes(stripped);
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.SECRET).contains("VP8 image data!!");
        assertThat(ByteBuffer.wrap(out, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(out.length - 8);
        assertThat(out[20] & 0x0C).isZero();
    }

    @Test
    void aPngStripped_isTheSameImage() throws IOException {
        Path stripped = dir.resolve("out.png");

        Images.stripMetadata(Files.write(dir.resolve("in.png"), TestImages.pngWithMetadata(30, 20)), "image/png",
                stripped);

        assertThat(TestImages.read(Files.readAllBytes(stripped)).getRGB(15, 10))
                .isEqualTo(TestImages.read(TestImages.png(30, 20)).getRGB(15, 10));
    }

    @Test
    void anImageDeclaringAHugeCanvas_isNotDecoded() throws IOException {
        Path png = Files.write(dir.resolve("big.png"), TestImages.png(10, 10));

        assertThat(Images.thumbnail(png, new Images.Dimensions(100_000, 100_000), dir.resolve("t.jpg"))).isFalse();
        assertThat(Images.thumbnail(png, Images.dimensions(png, "image/png"), dir.resolve("t.jpg"))).isTrue();
        assertThat(Images.dimensions(png, "image/webp")).isNull();
    }

    private static byte[] chunk(String fourcc, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return buffer.array();
    }

    private static byte[] riff(byte[]... chunks) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            body.write(chunk);
        }
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        body.writeTo(out);
        return out.toByteArray();
    }
}
