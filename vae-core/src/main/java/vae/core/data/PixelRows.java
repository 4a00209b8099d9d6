package vae.core.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Reads the rows of a decoded image as the target's channels on the 0–255 scale, in vae4j's own arithmetic.
 *
 * <p>Samples of any bit depth are scaled to 0–255 ({@code v · 255 / (2^bits − 1)}, so 16-bit images keep their
 * precision until the final rounding); palette entries are looked up; alpha is composited over black
 * ({@code c · a / 255}); greyscale from colour is ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B}, and
 * colour from greyscale repeats the grey value. Colour profiles are not applied: samples are taken as they are
 * stored. Images of other colour models (none that the PNG and JPEG decoders return today) go through
 * {@link BufferedImage#getRGB}, Java's own conversion to sRGB.
 */
final class PixelRows {

    static final double LUMA_R = 0.299;
    static final double LUMA_G = 0.587;
    static final double LUMA_B = 0.114;

    private enum Kind { GREY, RGB, PALETTE, OTHER }

    /** Columns converted at a time, so that a very wide image needs no row-sized buffers. */
    static final int CHUNK = 4096;

    private final BufferedImage image;
    private final Raster raster;
    private final int channels;
    private final Kind kind;
    private final boolean hasAlpha;
    private final boolean premultiplied;
    private final double[] scale;
    private final int[] samples;
    private final double[][] components;
    private final int[] paletteRgba;

    PixelRows(BufferedImage image, int targetChannels) {
        this.image = image;
        this.raster = image.getRaster();
        this.channels = targetChannels;
        var model = image.getColorModel();
        this.hasAlpha = model.hasAlpha();
        this.premultiplied = model.isAlphaPremultiplied();
        this.kind = kindOf(image);
        int bands = kind == Kind.PALETTE || kind == Kind.OTHER ? 1 : raster.getNumBands();
        this.scale = new double[bands];
        for (int b = 0; b < bands && kind != Kind.OTHER && kind != Kind.PALETTE; b++) {
            scale[b] = 255.0 / ((1L << model.getComponentSize(b)) - 1);
        }
        this.samples = new int[CHUNK];
        this.components = new double[3][CHUNK];
        this.paletteRgba = kind == Kind.PALETTE ? palette((IndexColorModel) model) : null;
    }

    private static Kind kindOf(BufferedImage image) {
        var model = image.getColorModel();
        int bands = image.getRaster().getNumBands();
        if (model instanceof IndexColorModel && bands == 1) {
            return Kind.PALETTE;
        }
        if (model instanceof ComponentColorModel && model.getNumComponents() == bands
                && model.getTransferType() != java.awt.image.DataBuffer.TYPE_FLOAT
                && model.getTransferType() != java.awt.image.DataBuffer.TYPE_DOUBLE) {
            int colour = model.getNumColorComponents();
            int space = model.getColorSpace().getType();
            if (colour == 1 && space == ColorSpace.TYPE_GRAY) {
                return Kind.GREY;
            }
            if (colour == 3 && space == ColorSpace.TYPE_RGB) {
                return Kind.RGB;
            }
        }
        return Kind.OTHER;
    }

    // 256 entries whatever the palette's size, so a stray index reads opaque black rather than failing.
    private static int[] palette(IndexColorModel model) {
        int[] rgba = new int[256];
        java.util.Arrays.fill(rgba, 0xff000000);
        int n = Math.min(256, model.getMapSize());
        for (int i = 0; i < n; i++) {
            rgba[i] = model.getRGB(i);
        }
        return rgba;
    }

    /**
     * Writes columns {@code x0 … x0 + width − 1} of row {@code y} into {@code out} as {@code channels} planes of
     * {@code width} values in 0–255.
     *
     * @param width at most {@link #CHUNK}
     */
    void read(int y, int x0, int width, double[] out) {
        double[] r = components[0];
        double[] g = components[1];
        double[] b = components[2];
        switch (kind) {
            case GREY -> readComponents(y, x0, width, 1);
            case RGB -> readComponents(y, x0, width, 3);
            case PALETTE -> readArgb(paletteRow(y, x0, width), width);
            case OTHER -> readArgb(image.getRGB(x0, y, width, 1, null, 0, width), width);
        }
        boolean grey = kind == Kind.GREY;
        for (int x = 0; x < width; x++) {
            if (channels == 1) {
                out[x] = grey ? r[x] : LUMA_R * r[x] + LUMA_G * g[x] + LUMA_B * b[x];
            } else {
                out[x] = r[x];
                out[width + x] = grey ? r[x] : g[x];
                out[2 * width + x] = grey ? r[x] : b[x];
            }
        }
    }

    private int[] paletteRow(int y, int x0, int width) {
        raster.getSamples(x0, y, width, 1, 0, samples);
        int[] argb = new int[width];
        for (int x = 0; x < width; x++) {
            argb[x] = paletteRgba[samples[x] & 0xff];
        }
        return argb;
    }

    // Fills components[0..colours-1] with the colour samples on 0–255, composited over black.
    private void readComponents(int y, int x0, int width, int colours) {
        for (int c = 0; c < colours; c++) {
            raster.getSamples(x0, y, width, 1, c, samples);
            double s = scale[c];
            double[] plane = components[c];
            for (int x = 0; x < width; x++) {
                plane[x] = samples[x] * s;
            }
        }
        if (hasAlpha && !premultiplied) {
            raster.getSamples(x0, y, width, 1, colours, samples);
            double alphaScale = 1.0 / ((1L << image.getColorModel().getComponentSize(colours)) - 1);
            for (int x = 0; x < width; x++) {
                double a = samples[x] * alphaScale;
                for (int c = 0; c < colours; c++) {
                    components[c][x] *= a;
                }
            }
        }
    }

    // Non-premultiplied sRGB ARGB words, composited over black.
    private void readArgb(int[] argb, int width) {
        for (int x = 0; x < width; x++) {
            int p = argb[x];
            double a = (p >>> 24) / 255.0;
            components[0][x] = ((p >> 16) & 0xff) * a;
            components[1][x] = ((p >> 8) & 0xff) * a;
            components[2][x] = (p & 0xff) * a;
        }
    }
}
