package vae.simd;

import static vae.simd.GemmKernel.MR;
import static vae.simd.GemmKernel.NR;

import java.util.Arrays;
import vae.core.backend.ParallelRunner;

/**
 * Single-precision GEMM on the Vector API, in the layered scheme of GotoBLAS/BLIS. C is cut into
 * a few blocks of rows × columns, one task each. A task walks k in equal slices of at most KC
 * steps ({@link #sliceSteps}); for each slice it packs its rows of op(A) into MR-row panels (an
 * MC×KC block that stays in L2), then for each NR-column panel of its columns has that KC×NR panel
 * of op(B) packed (it stays in L1; a {@link PanelSource} packs it, from a stored matrix or, for a
 * convolution, from the images) and runs
 * the register-blocked {@link GemmKernel} down all its A panels (a tile cut by the matrix edge
 * goes through a full scratch tile, so the kernel has no edge cases). So every element is packed right
 * before it is used, while the source is hot, and each B element is packed once per row block,
 * each A element once per column block. Packing reads either stored layout ({@link GemmPacking}),
 * so all four transpose cases take the same path, and the kernel only ever sees constant strides.
 *
 * <p>Every element of C is summed over k in the same order (the slices in turn, each one FMA
 * chain in k order, the first stored and the others added unless the call accumulates) whatever
 * the blocks are, so the result does not depend on the thread count even though the blocks do.
 */
public final class SimdGemm {
    /**
     * Steps of k per slice. The kernel's B panel (KC·NR floats = 16 KiB) stays in the 32 KiB L1
     * while the A panels (KC·MR floats = 6 KiB each) stream past it from L2; C is stored once per
     * slice, and loaded too for all slices but the first.
     */
    static final int KC = 128;
    /** Most A panels (of MR rows) in one block: MC = 288 rows, its packed A (MC·KC) 144 KiB in L2. */
    static final int MC_PANELS = 24;
    /**
     * Below this much work a call is one task: handing work to another thread would cost more. The
     * other core must wake and pull the operands into its own caches, and on a VM whose vCPUs sit
     * on different chiplets a cache line takes a few hundred nanoseconds to cross (docs/benchmarks.md).
     */
    static final long MIN_PARALLEL_FLOPS = 1L << 24;

    private final ParallelRunner runner;
    /**
     * Each thread's pack buffers, reused so that steady-state calls allocate none. Per thread, not
     * pooled: a buffer that moved between threads would be packed into from the other core's cache.
     */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public SimdGemm(ParallelRunner runner) {
        this.runner = runner;
    }

    /**
     * Same contract as {@link vae.core.backend.Backend#gemm}: {@code C = op(A)·op(B)} (or {@code C +=}
     * with accumulate); op(A) m×k, op(B) k×n; row-major dense; transposed A stored k×m,
     * transposed B stored n×k.
     */
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, boolean accumulate) {
        gemm(transA, m, n, k, a, aOffset, new StoredPanels(transB, b, bOffset, n, k), c, cOffset, accumulate);
    }

    /**
     * Where the packed panels of op(B) come from. {@link SimdGemm} asks for each KC×NR panel right
     * before the kernel uses it, from its worker threads, several at once: an implementation that
     * keeps scratch space keeps one per thread.
     */
    @FunctionalInterface
    interface PanelSource {
        /**
         * {@code dst[(p − p0)·NR + c] = op(B)[p, j0 + c]} for c < {@code cols} and p in
         * [p0, p0 + kc); columns c ≥ cols may hold anything (they meet only results thrown
         * away), and whole vectors may be written up to one vector past the panel.
         */
        void pack(int j0, int cols, int p0, int kc, float[] dst);
    }

    /** Panels packed from a stored matrix, in either layout ({@link GemmPacking#packB}). */
    private record StoredPanels(boolean trans, float[] b, int offset, int n, int k) implements PanelSource {
        @Override
        public void pack(int j0, int cols, int p0, int kc, float[] dst) {
            GemmPacking.packB(trans, b, offset, n, k, j0, cols, p0, kc, dst, 0);
        }
    }

    /**
     * {@code C = op(A)·B} (or {@code C +=}), with B given by the panels it packs into rather than
     * as a stored matrix: a convolution packs its unfolded input straight from the image, with
     * no unfolded copy of the whole input. B is k×n; the rest as in the other form.
     */
    void gemm(boolean transA, int m, int n, int k, float[] a, int aOffset, PanelSource b,
              float[] c, int cOffset, boolean accumulate) {
        gemm(transA, m, n, k, a, aOffset, b, c, cOffset, accumulate, false);
    }

    /**
     * The same product on the calling thread alone, for a caller that already runs one task per
     * thread (a convolution's chunks of images): the same blocks as on one thread, so the same
     * bits as every other form.
     */
    void gemmOnThisThread(boolean transA, int m, int n, int k, float[] a, int aOffset, PanelSource b,
                          float[] c, int cOffset, boolean accumulate) {
        gemm(transA, m, n, k, a, aOffset, b, c, cOffset, accumulate, true);
    }

    /** {@link #gemmOnThisThread} with B stored, as in the public form. */
    void gemmOnThisThread(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset,
                          float[] b, int bOffset, float[] c, int cOffset, boolean accumulate) {
        gemm(transA, m, n, k, a, aOffset, new StoredPanels(transB, b, bOffset, n, k), c, cOffset, accumulate, true);
    }

    private void gemm(boolean transA, int m, int n, int k, float[] a, int aOffset, PanelSource b,
                      float[] c, int cOffset, boolean accumulate, boolean oneThread) {
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
        int threads = oneThread || 2L * m * n * k < MIN_PARALLEL_FLOPS ? 1 : runner.threads();
        int[] split = blocks(aPanels, bPanels, m, n, threads);
        int rowBlocks = split[0];
        int colBlocks = split[1];
        if (rowBlocks * colBlocks == 1) {
            block(transA, m, n, k, a, aOffset, b, c, cOffset, accumulate, 0, aPanels, 0, bPanels);
            return;
        }
        if (threads == 1) {
            for (int rb = 0; rb < rowBlocks; rb++) {
                block(transA, m, n, k, a, aOffset, b, c, cOffset, accumulate,
                        cut(rb, rowBlocks, aPanels), cut(rb + 1, rowBlocks, aPanels), 0, bPanels);
            }
            return;
        }
        runner.forEach(rowBlocks * colBlocks, block -> {
            int rb = block / colBlocks;
            int cb = block % colBlocks;
            block(transA, m, n, k, a, aOffset, b, c, cOffset, accumulate,
                    cut(rb, rowBlocks, aPanels), cut(rb + 1, rowBlocks, aPanels),
                    cut(cb, colBlocks, bPanels), cut(cb + 1, colBlocks, bPanels));
        });
    }

    /** Panel where block {@code i} of {@code blocks} starts, of {@code panels} panels. */
    private static int cut(int i, int blocks, int panels) {
        return (int) ((long) i * panels / blocks);
    }

    /** The block of C of A panels [ip0, ip1) and B panels [jp0, jp1), all of k. */
    private void block(boolean transA, int m, int n, int k, float[] a, int aOffset, PanelSource b,
                       float[] c, int cOffset, boolean accumulate,
                       int ip0, int ip1, int jp0, int jp1) {
        Scratch s = scratch.get();
        float[] ap = s.a;
        float[] bp = s.b;
        int i0 = ip0 * MR;
        int j0 = jp0 * NR;
        int panels = ip1 - ip0;
        int fullPanels = ip1 * MR <= m ? panels : panels - 1;
        int step = sliceSteps(k);
        for (int pc = 0; pc < k; pc += step) {
            int kc = Math.min(step, k - pc);
            // The first slice overwrites C unless accumulating: C is never zeroed, nor read for it.
            boolean add = accumulate || pc > 0;
            for (int ip = ip0; ip < ip1; ip++) {
                int r0 = ip * MR;
                GemmPacking.packA(transA, a, aOffset, m, k, r0, Math.min(MR, m - r0), pc, kc, ap, (ip - ip0) * MR * kc);
            }
            for (int jp = jp0; jp < jp1; jp++) {
                int j = jp * NR;
                int cols = Math.min(NR, n - j);
                b.pack(j, cols, pc, kc, bp);
                int full = cols == NR ? fullPanels : 0;
                GemmKernel.panels(ap, 0, full, bp, kc, c, cOffset + i0 * n + j, n, add);
                for (int ip = full; ip < panels; ip++) {
                    int r0 = i0 + ip * MR;
                    partialTile(ap, ip, bp, kc, c, cOffset + r0 * n + j, n, Math.min(MR, m - r0), cols, s.tile, add);
                }
            }
        }
    }

    /**
     * Steps of k per slice: k in equal slices of at most KC (784 = 7 × 112 rather than 6 × 128 +
     * 16, whose short last slice would cost a full pass over C for little work). A function of k
     * alone, so the order of every sum is too.
     */
    static int sliceSteps(int k) {
        int slices = (k + KC - 1) / KC;
        return (k + slices - 1) / slices;
    }

    /**
     * A tile of C cut by the matrix edge ({@code rows ≤ MR}, {@code cols ≤ NR}). The common cuts of
     * a convolution have kernels of their own that write C directly: 8 or 4 rows (the last panel
     * of M = 32 or 64 output channels) and one vector of columns (N = 16, the taps of a one-channel
     * 4×4 kernel); any other goes through {@link #edgeTile}. Each computes every element as the
     * same FMA chain as the full kernel, so which path a tile takes never changes its bits.
     */
    private static void partialTile(float[] ap, int ip, float[] bp, int kc, float[] c, int cIndex, int ldc,
                                    int rows, int cols, float[] tile, boolean add) {
        if (cols == NR) {
            if (rows == 8) {
                GemmKernel.rows8(ap, ip, bp, kc, c, cIndex, ldc, add);
                return;
            }
            if (rows == 4) {
                GemmKernel.rows4(ap, ip, bp, kc, c, cIndex, ldc, add);
                return;
            }
        } else if (cols == GemmKernel.VL) {
            if (rows == MR) {
                GemmKernel.half12(ap, ip, bp, kc, c, cIndex, ldc, add);
                return;
            }
            if (rows == 8) {
                GemmKernel.half8(ap, ip, bp, kc, c, cIndex, ldc, add);
                return;
            }
        }
        edgeTile(ap, ip, bp, kc, c, cIndex, ldc, rows, cols, tile, add);
    }

    /**
     * A tile of C cut by the matrix edge ({@code rows ≤ MR}, {@code cols ≤ NR}): computed in a
     * full scratch tile by the same kernel (after copying C in when adding to it), its valid part
     * copied back. The scratch's other lanes hold whatever the last edge tile left; they are
     * thrown away.
     */
    private static void edgeTile(float[] ap, int ip, float[] bp, int kc, float[] c, int cIndex, int ldc,
                                 int rows, int cols, float[] tile, boolean add) {
        if (add) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, cIndex + r * ldc, tile, r * NR, cols);
            }
        }
        GemmKernel.panels(ap, ip, 1, bp, kc, tile, 0, NR, add);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * NR, c, cIndex + r * ldc, cols);
        }
    }

    /**
     * How many row and column blocks to cut C into, for {@code threads} threads: rows in blocks of
     * at most MC_PANELS panels (so a block's packed A stays in L2), all columns in one block; then,
     * with more than one thread, enough blocks for every thread, splitting the side whose split
     * repacks less (more row blocks repack B, more column blocks repack A).
     */
    static int[] blocks(int aPanels, int bPanels, int m, int n, int threads) {
        int rowBlocks = (aPanels + MC_PANELS - 1) / MC_PANELS;
        int colBlocks = 1;
        if (threads > 1 && rowBlocks % threads != 0) {
            int moreRows = Math.min(aPanels, (rowBlocks + threads - 1) / threads * threads);
            if (rowBlocks == 1 && m < n && bPanels >= threads || moreRows % threads != 0) {
                colBlocks = Math.min(bPanels, threads);
            } else {
                rowBlocks = moreRows;
            }
        }
        return new int[] {rowBlocks, colBlocks};
    }

    /**
     * The pack buffers of one task: a block of A (MC×KC) and one panel of B (KC×NR), each with
     * one vector of slack, since packing writes whole vectors past a panel's last step
     * ({@link GemmPacking}).
     */
    private static final class Scratch {
        final float[] a = new float[MC_PANELS * MR * KC + GemmKernel.VL];
        final float[] b = new float[KC * NR + GemmKernel.VL];
        /** A partial tile of C, computed in full here. */
        final float[] tile = new float[MR * NR];
    }
}
