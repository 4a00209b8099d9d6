package vae.simd;

import static vae.simd.GemmKernel.MR;
import static vae.simd.GemmKernel.NR;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import vae.core.backend.ParallelRunner;

/**
 * Single-precision GEMM on the Vector API, in the layered scheme of GotoBLAS/BLIS: op(A) is
 * packed into MR-row panels and op(B) into NR-column panels (contiguous along k, packed straight
 * from either stored layout by {@link GemmPacking}, so all four transpose cases take the same
 * path), then a register-blocked {@link GemmKernel} computes each MR×NR tile of C. Where the
 * stored rows already run along a panel (the rows of a transposed A, of an untransposed B) a full
 * panel is read in place instead: on this hardware copying costs as much as an L2/L3 pass.
 *
 * <p>Threads take whole blocks of C (a few panels of rows × a few panels of columns) and each
 * block sums all of k in the same order, so the result does not depend on the thread count: the
 * partition is a function of m, n and k only.
 */
public final class SimdGemm {
    /**
     * Steps of k per kernel call. A block's tiles run B panel by B panel, so one B micro-panel
     * (KC·NR floats = 16 KiB) stays in the 32 KiB L1 while the A micro-panels (KC·MR floats = 6 KiB
     * each) stream past it from L2; C is loaded and stored once per KC steps. 128 measured a little
     * better than 256, whose B micro-panel alone fills L1.
     */
    static final int KC = 128;
    /** Most A panels (of MR rows) in one block of C: MC = 96 rows, its A block (MC·KC) 48 KiB in L2. */
    static final int MC_PANELS = 8;
    /** Most B panels (of NR columns) in one block of C: NC = 256 columns (with AVX-512). */
    static final int NC_PANELS = 8;
    /** Blocks are split further (by size only) until there are this many, so two or more cores balance. */
    static final int MIN_BLOCKS = 8;
    /** ...but not below this much work per block, where scheduling would cost more than it gains. */
    static final long MIN_BLOCK_FLOPS = 1L << 20;

    private final ParallelRunner runner;
    /** Pack buffers of the last call, reused so that steady-state calls allocate no panels. */
    private final AtomicReference<Scratch> spare = new AtomicReference<>();

    public SimdGemm(ParallelRunner runner) {
        this.runner = runner;
    }

    /**
     * Same contract as {@link vae.core.spi.Backend#gemm}: {@code C = op(A)·op(B)} (or {@code C +=}
     * with accumulate); op(A) m×k, op(B) k×n; row-major dense; transposed A stored k×m,
     * transposed B stored n×k.
     */
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, boolean accumulate) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size: m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, cOffset, cOffset + m * n, 0f);
            }
            return;
        }
        int aPanels = (m + MR - 1) / MR;
        int bPanels = (n + NR - 1) / NR;
        // A panel is read in place when the stored rows already run along it (A^T rows, B rows)
        // and it is full; the others are packed: panels [aFirstPacked, aPanels) and so on.
        int aFirstPacked = transA && readInPlace(m) ? m / MR : 0;
        int bFirstPacked = !transB && readInPlace(n) ? n / NR : 0;
        int aPacked = aPanels - aFirstPacked;
        int bPacked = bPanels - bFirstPacked;
        Scratch s = spare.getAndSet(null);
        if (s == null) {
            s = new Scratch();
        }
        float[] ap = s.a = grow(s.a, (long) aPacked * MR * k);
        float[] bp = s.b = grow(s.b, (long) bPacked * NR * k);

        runner.forEach(aPacked + bPacked, panel -> {
            if (panel < aPacked) {
                int i0 = (aFirstPacked + panel) * MR;
                GemmPacking.packA(transA, a, aOffset, m, k, i0, Math.min(MR, m - i0), 0, k, ap, panel * MR * k);
            } else {
                int jp = panel - aPacked;
                int j0 = (bFirstPacked + jp) * NR;
                GemmPacking.packB(transB, b, bOffset, n, k, j0, Math.min(NR, n - j0), 0, k, bp, jp * NR * k);
            }
        });

        int[] split = blocks(aPanels, bPanels, 2L * m * n * k);
        int rowBlocks = split[0];
        int colBlocks = split[1];
        runner.forEach(rowBlocks * colBlocks, block -> {
            int rb = block / colBlocks;
            int cb = block % colBlocks;
            int ip0 = rb * aPanels / rowBlocks;
            int ip1 = (rb + 1) * aPanels / rowBlocks;
            int jp0 = cb * bPanels / colBlocks;
            int jp1 = (cb + 1) * bPanels / colBlocks;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean addToC = accumulate || pc > 0;
                for (int jp = jp0; jp < jp1; jp++) {
                    int j0 = jp * NR;
                    boolean bInPlace = jp < bFirstPacked;
                    float[] bSource = bInPlace ? b : bp;
                    int bIndex = bInPlace ? bOffset + pc * n + j0 : (jp - bFirstPacked) * NR * k + pc * NR;
                    int bStep = bInPlace ? n : NR;
                    int cols = Math.min(NR, n - j0);
                    for (int ip = ip0; ip < ip1; ip++) {
                        int i0 = ip * MR;
                        boolean aInPlace = ip < aFirstPacked;
                        GemmKernel.tile(aInPlace ? a : ap,
                                aInPlace ? aOffset + pc * m + i0 : (ip - aFirstPacked) * MR * k + pc * MR,
                                aInPlace ? m : MR,
                                bSource, bIndex, bStep, kc,
                                c, cOffset + i0 * n + j0, n, Math.min(MR, m - i0), cols, addToC);
                    }
                }
            }
        });
        spare.set(s);
    }

    /**
     * Whether rows {@code stride} floats apart can be read in place. Not when the stride is a
     * multiple of 64 floats (256 bytes): then the KC rows of a panel fall into a few of L1's 64
     * sets and evict each other, which is what packing avoids.
     */
    private static boolean readInPlace(int stride) {
        return stride % 64 != 0;
    }

    /**
     * How many row and column blocks to cut C into: at most MC_PANELS × NC_PANELS panels each,
     * then split further (the side with more panels per block first) until there are MIN_BLOCKS
     * blocks or a block would fall under MIN_BLOCK_FLOPS. Depends on the sizes only.
     */
    static int[] blocks(int aPanels, int bPanels, long flops) {
        int rowBlocks = (aPanels + MC_PANELS - 1) / MC_PANELS;
        int colBlocks = (bPanels + NC_PANELS - 1) / NC_PANELS;
        while ((long) rowBlocks * colBlocks < MIN_BLOCKS
                && flops / ((long) rowBlocks * colBlocks * 2) >= MIN_BLOCK_FLOPS) {
            boolean rowsSplittable = rowBlocks < aPanels;
            boolean colsSplittable = colBlocks < bPanels;
            if (rowsSplittable && (!colsSplittable || aPanels * colBlocks >= bPanels * rowBlocks)) {
                rowBlocks++;
            } else if (colsSplittable) {
                colBlocks++;
            } else {
                break;
            }
        }
        return new int[] {rowBlocks, colBlocks};
    }

    private static float[] grow(float[] buffer, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix too large to pack: " + size + " floats");
        }
        return buffer != null && buffer.length >= size ? buffer : new float[(int) size];
    }

    /** The pack buffers of one call in flight. */
    private static final class Scratch {
        float[] a;
        float[] b;
    }
}
