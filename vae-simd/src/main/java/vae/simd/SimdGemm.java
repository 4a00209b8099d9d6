package vae.simd;

import static vae.simd.GemmKernel.MR;
import static vae.simd.GemmKernel.NR;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import vae.core.backend.ParallelRunner;

/**
 * Single-precision GEMM on the Vector API, in the layered scheme of GotoBLAS/BLIS: op(A) is
 * packed into MR-row panels and op(B) into NR-column panels (contiguous along k, read straight
 * from the stored layout, so all four transpose cases take the same fast path), then a
 * register-blocked {@link GemmKernel} computes each MR×NR tile of C.
 *
 * <p>Threads take whole blocks of C (a few panels of rows × a few panels of columns) and each
 * block sums all of k in the same order, so the result does not depend on the thread count: the
 * partition is a function of m, n and k only.
 */
public final class SimdGemm {
    /**
     * Steps of k per kernel call. The kernel keeps its A micro-panel (MR·KC floats = 12 KiB) in
     * the 32 KiB L1 while it sweeps the block's B panels (KC·NR floats = 32 KiB each) from L2;
     * C is loaded and stored once per KC steps.
     */
    static final int KC = 256;
    /** Most A panels (of MR rows) in one block of C: MC = 96 rows, its A block 96 KiB. */
    static final int MC_PANELS = 8;
    /** Most B panels (of NR columns) in one block of C: NC = 256 columns, its B block 256 KiB in L2. */
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
        Scratch s = spare.getAndSet(null);
        if (s == null) {
            s = new Scratch();
        }
        float[] ap = s.a = grow(s.a, (long) aPanels * MR * k);
        float[] bp = s.b = grow(s.b, (long) bPanels * NR * k);

        runner.forEach(aPanels + bPanels, panel -> {
            if (panel < aPanels) {
                int i0 = panel * MR;
                GemmPacking.packA(transA, a, aOffset, m, k, i0, Math.min(MR, m - i0), ap, panel * MR * k);
            } else {
                int jp = panel - aPanels;
                int j0 = jp * NR;
                GemmPacking.packB(transB, b, bOffset, n, k, j0, Math.min(NR, n - j0), bp, jp * NR * k);
            }
        });

        int[] split = blocks(aPanels, bPanels, 2L * m * n * k);
        int rowBlocks = split[0];
        int colBlocks = split[1];
        runner.forEach(rowBlocks * colBlocks, block -> {
            int rb = block / colBlocks;
            int cb = block % colBlocks;
            computeBlock(m, n, k, ap, bp, c, cOffset, accumulate,
                    rb * aPanels / rowBlocks, (rb + 1) * aPanels / rowBlocks,
                    cb * bPanels / colBlocks, (cb + 1) * bPanels / colBlocks);
        });
        spare.set(s);
    }

    /** Every tile of C in A panels [ip0, ip1) × B panels [jp0, jp1), over all of k in KC steps. */
    private static void computeBlock(int m, int n, int k, float[] ap, float[] bp, float[] c, int cOffset,
                                     boolean accumulate, int ip0, int ip1, int jp0, int jp1) {
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean addToC = accumulate || pc > 0;
            for (int ip = ip0; ip < ip1; ip++) {
                int i0 = ip * MR;
                int rows = Math.min(MR, m - i0);
                int aIndex = ip * MR * k + pc * MR;
                for (int jp = jp0; jp < jp1; jp++) {
                    int j0 = jp * NR;
                    GemmKernel.tile(ap, aIndex, bp, jp * NR * k + pc * NR, kc,
                            c, cOffset + i0 * n + j0, n, rows, Math.min(NR, n - j0), addToC);
                }
            }
        }
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
