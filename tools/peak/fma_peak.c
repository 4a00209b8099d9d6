/*
 * The machine's AVX-512 FMA peak, outside the JVM: 12 independent vfmadd231ps zmm chains in
 * inline assembly on 1..N threads, GFLOP/s per round. A cross-check for vae-bench's
 * FmaPeakBenchmark (which C2 compiles to the same instructions).
 *
 *   gcc -O2 -pthread tools/peak/fma_peak.c -o /tmp/fma_peak && /tmp/fma_peak 1 && /tmp/fma_peak 2
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const long ITERATIONS = 50000000L; /* 12 FMAs of 16 floats each, 2 flops per lane */

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *chains(void *unused) {
    (void) unused;
    /* Zeroed first: leftover register contents could be subnormal, which runs on microcode. */
    __asm__ volatile("vxorps %%zmm30,%%zmm30,%%zmm30\n\tvxorps %%zmm31,%%zmm31,%%zmm31\n\t"
                     "vxorps %%zmm0,%%zmm0,%%zmm0\n\tvxorps %%zmm1,%%zmm1,%%zmm1\n\t"
                     "vxorps %%zmm2,%%zmm2,%%zmm2\n\tvxorps %%zmm3,%%zmm3,%%zmm3\n\t"
                     "vxorps %%zmm4,%%zmm4,%%zmm4\n\tvxorps %%zmm5,%%zmm5,%%zmm5\n\t"
                     "vxorps %%zmm6,%%zmm6,%%zmm6\n\tvxorps %%zmm7,%%zmm7,%%zmm7\n\t"
                     "vxorps %%zmm8,%%zmm8,%%zmm8\n\tvxorps %%zmm9,%%zmm9,%%zmm9\n\t"
                     "vxorps %%zmm10,%%zmm10,%%zmm10\n\tvxorps %%zmm11,%%zmm11,%%zmm11\n\t"
                     ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
                       "xmm10", "xmm11");
    for (long i = 0; i < ITERATIONS; i++) {
        __asm__ volatile("vfmadd231ps %%zmm30,%%zmm31,%%zmm0\n\tvfmadd231ps %%zmm30,%%zmm31,%%zmm1\n\t"
                         "vfmadd231ps %%zmm30,%%zmm31,%%zmm2\n\tvfmadd231ps %%zmm30,%%zmm31,%%zmm3\n\t"
                         "vfmadd231ps %%zmm30,%%zmm31,%%zmm4\n\tvfmadd231ps %%zmm30,%%zmm31,%%zmm5\n\t"
                         "vfmadd231ps %%zmm30,%%zmm31,%%zmm6\n\tvfmadd231ps %%zmm30,%%zmm31,%%zmm7\n\t"
                         "vfmadd231ps %%zmm30,%%zmm31,%%zmm8\n\tvfmadd231ps %%zmm30,%%zmm31,%%zmm9\n\t"
                         "vfmadd231ps %%zmm30,%%zmm31,%%zmm10\n\tvfmadd231ps %%zmm30,%%zmm31,%%zmm11\n\t"
                         ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                           "xmm9", "xmm10", "xmm11");
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    if (threads < 1 || threads > 64) {
        fprintf(stderr, "usage: fma_peak THREADS (1-64)\n");
        return 2;
    }
    pthread_t workers[64];
    for (int round = 0; round < 5; round++) {
        double start = now();
        for (int i = 0; i < threads; i++) {
            pthread_create(&workers[i], NULL, chains, NULL);
        }
        for (int i = 0; i < threads; i++) {
            pthread_join(workers[i], NULL);
        }
        double seconds = now() - start;
        double flops = (double) threads * ITERATIONS * 12 * 16 * 2;
        printf("%d thread(s): %.1f GFLOP/s (%.2f GHz at 2 FMAs per cycle per core)\n", threads,
               flops / seconds / 1e9, flops / seconds / 1e9 / threads / 64);
    }
    return 0;
}
