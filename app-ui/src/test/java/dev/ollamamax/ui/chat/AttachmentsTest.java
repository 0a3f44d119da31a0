package dev.ollamamax.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Pictures attached to a message: only images, within the protocol's limits, handed over as base64. */
class AttachmentsTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0};

    @Test
    void imagesAreAttachedByTheirBytesAndTakenAsBase64() {
        Attachments a = new Attachments(new dev.ollamamax.ui.common.SameThreadUiExecutor(), refused -> { });
        assertThat(a.add("cat.png", PNG)).isEmpty();
        assertThat(a.add("dog.jpg", JPEG)).isEmpty();
        assertThat(a.add("notes.txt", "hello".getBytes())).contains("notes.txt is not a PNG, JPEG, GIF, WebP or BMP image");
        assertThat(a.list()).extracting(Attachments.Attachment::name).containsExactly("cat.png", "dog.jpg");
        assertThat(a.take()).containsExactly(Base64.getEncoder().encodeToString(PNG), Base64.getEncoder().encodeToString(JPEG));
        assertThat(a.isEmpty()).isTrue();
        assertThat(Attachments.kind("RIFF1234WEBPVP8".getBytes())).contains("webp");
        assertThat(Attachments.imageName("Shot.JPEG")).isTrue();
        assertThat(Attachments.imageName("shot.pdf")).isFalse();
    }

    @Test
    void tooManyOrTooLargeImagesAreRefusedWithTheReason() {
        Attachments a = new Attachments(new dev.ollamamax.ui.common.SameThreadUiExecutor(), refused -> { });
        for (int i = 0; i < Attachments.MAX_IMAGES; i++) {
            assertThat(a.add("p" + i + ".png", PNG)).isEmpty();
        }
        assertThat(a.add("one-more.png", PNG)).contains("A message takes at most 8 images");
        byte[] big = new byte[Attachments.MAX_BYTES + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        assertThat(new Attachments(new dev.ollamamax.ui.common.SameThreadUiExecutor(), refused -> { }).add("huge.png", big)).contains("huge.png is larger than 10 MiB");
    }

    @Test
    void filesAreReadAndPastedPixelsEncodedThenAttachedOrRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.util.List<String> refusals = new java.util.ArrayList<>();
        Attachments a = new Attachments(new dev.ollamamax.ui.common.SameThreadUiExecutor(), refusals::add);
        java.nio.file.Path png = java.nio.file.Files.write(dir.resolve("a.png"), PNG);
        java.nio.file.Path txt = java.nio.file.Files.writeString(dir.resolve("b.txt"), "text");
        a.addFiles(java.util.List.of(png, txt, dir.resolve("missing.png")));
        a.addPixels("pasted.png", 1, 1, new int[] {0xFF123456});
        assertThat(a.list()).extracting(Attachments.Attachment::name).containsExactly("a.png", "pasted.png");
        assertThat(refusals).hasSize(2);
        assertThat(refusals.get(0)).contains("b.txt is not a PNG");
        assertThat(refusals.get(1)).startsWith("Could not read missing.png");
    }

    @Test
    void aPastedPictureIsWrittenAsAPngWithItsPixels() throws Exception {
        int[] argb = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0x80FFFFFF};
        byte[] png = ImageEncoding.png(2, 2, argb);
        assertThat(Attachments.kind(png)).contains("png");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(2);
        assertThat(back.getRGB(1, 0)).isEqualTo(0xFF00FF00);
        assertThat(back.getRGB(1, 1)).isEqualTo(0x80FFFFFF);
    }
}
