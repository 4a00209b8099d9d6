"""OpenBLAS reference for vae4j's GEMM speed (vae-bench GemmBenchmark), through PyTorch.

Times C = op(A)·op(B) for the benchmark's shapes, with A and B stored as the benchmark stores
them (NT: B stored n×k, TN: A stored k×m), and prints GFLOP/s: the median and the best of
several timed rounds after a warm-up. Debian's python3-torch calls the libblas.so.3 alternative
(OpenBLAS, SkylakeX kernels, once libopenblas0-pthread is installed; see step_speed.py).

    for t in 1 2; do OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t /usr/bin/python3 tools/pytorch/gemm_speed.py $t; done
"""
import statistics
import sys
import time

import torch

SHAPES = ["128,784,400:NT", "128,400,784:NN", "128,400,20:NT", "400,128,784:TN", "784,128,400:TN",
          "256,1024,1024:NN", "1024,1024,1024:NN"]


def operands(shape):
    dims, case = shape.split(":")
    m, k, n = (int(d) for d in dims.split(","))
    a = torch.rand(k, m).t() if case[0] == "T" else torch.rand(m, k)
    b = torch.rand(n, k).t() if case[1] == "T" else torch.rand(k, n)
    return m, k, n, a, b


def gflops(m, k, n, a, b, c, rounds=7):
    flops = 2.0 * m * n * k
    reps = max(1, int(1e9 / flops))
    for _ in range(reps):
        torch.mm(a, b, out=c)
    results = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b, out=c)
        results.append(flops * reps / (time.perf_counter() - start) / 1e9)
    return statistics.median(results), max(results)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    print(f"torch {torch.__version__}, {threads} thread(s)")
    for shape in SHAPES:
        m, k, n, a, b = operands(shape)
        median, best = gflops(m, k, n, a, b, torch.empty(m, n))
        print(f"{shape:>20}  {median:6.1f} GFLOP/s median  {best:6.1f} best")


if __name__ == "__main__":
    main()
