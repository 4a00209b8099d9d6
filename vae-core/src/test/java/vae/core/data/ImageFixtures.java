package vae.core.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Small PNG and JPEG files written at test time with ImageIO, and a hand-made PNG header. */
final class ImageFixtures {

    private ImageFixtures() {
    }

    /** An 8-bit greyscale image, every pixel {@code level}. */
    static BufferedImage grey(int width, int height, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, level);
            }
        }
        return image;
    }

    /** An 8-bit greyscale image with the given rows of levels. */
    static BufferedImage grey(int[][] levels) {
        BufferedImage image = new BufferedImage(levels[0].length, levels.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < levels.length; y++) {
            for (int x = 0; x < levels[0].length; x++) {
                image.getRaster().setSample(x, y, 0, levels[y][x]);
            }
        }
        return image;
    }

    /** A 16-bit greyscale image, every pixel {@code level} (0–65535). */
    static BufferedImage grey16(int width, int height, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, level);
            }
        }
        return image;
    }

    /** An RGB image, every pixel {@code rgb} ({@code 0xRRGGBB}). */
    static BufferedImage rgb(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(image, rgb);
        return image;
    }

    /** A non-premultiplied RGBA image, every pixel {@code argb} ({@code 0xAARRGGBB}). */
    static BufferedImage argb(int width, int height, int argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        fill(image, argb);
        return image;
    }

    /** A palette image of four colours, every pixel palette entry {@code index}. */
    static BufferedImage palette(int width, int height, int index, int[] colours) {
        byte[] r = new byte[colours.length];
        byte[] g = new byte[colours.length];
        byte[] b = new byte[colours.length];
        for (int i = 0; i < colours.length; i++) {
            r[i] = (byte) (colours[i] >> 16);
            g[i] = (byte) (colours[i] >> 8);
            b[i] = (byte) colours[i];
        }
        IndexColorModel model = new IndexColorModel(8, colours.length, r, g, b);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, index);
            }
        }
        return image;
    }

    private static void fill(BufferedImage image, int colour) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, colour);
            }
        }
    }

    /** Writes {@code image} to {@code file} as {@code format} ("png", "jpg", "gif"), creating folders. */
    static Path write(BufferedImage image, String format, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of {@code image} as {@code format}. */
    static byte[] bytes(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid PNG whose IHDR claims {@code width × height} 8-bit grey pixels, with one tiny IDAT (one filtered
     * row of zeros) and IEND: well under a kilobyte however large the claim.
     */
    static byte[] pngClaiming(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(width);
            d.writeInt(height);
            d.writeByte(8); // bit depth
            d.writeByte(0); // colour type: greyscale
            d.writeByte(0); // compression
            d.writeByte(0); // filter
            d.writeByte(0); // interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            Deflater deflater = new Deflater();
            deflater.setInput(new byte[2]);
            deflater.finish();
            byte[] idat = new byte[64];
            int n = deflater.deflate(idat);
            chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(typeBytes);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
