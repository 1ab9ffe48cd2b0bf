"""Paired whole-process timing of two thaireport binaries on the same report: the runs alternate
(A, B, A, B, ...) so a noisy machine affects both alike. Prints the median and minimum wall time,
the median CPU time (user + system) and the largest peak resident set of each, and the ratios
B/A of the medians.

    python3 Benchmarks/paired.py OLD_BINARY NEW_BINARY [data-file] [runs] [-- extra build arguments]
"""
import os
import statistics
import sys
import tempfile
import time


def run(binary, data, out, extra):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(binary, [binary, "build", data, "--format", "pdf", "--force", "--out", out] + extra)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{binary} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main():
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    old, new = args[0], args[1]
    data = args[2] if len(args) > 2 else "Samples/singburi-pao/2564.yaml"
    runs = int(args[3]) if len(args) > 3 else 21
    results = {old: [], new: []}
    with tempfile.TemporaryDirectory() as out:
        for binary in (old, new):
            run(binary, data, out, extra)  # warm-up
        for _ in range(runs):
            for binary in (old, new):
                results[binary].append(run(binary, data, out, extra))
    medians = {}
    for name, binary in (("A", old), ("B", new)):
        times = [t for t, _, _ in results[binary]]
        cpu = [c for _, _, c in results[binary]]
        medians[name] = (statistics.median(times), statistics.median(cpu))
        peak = max(m for _, m, _ in results[binary])
        print(f"{name} {binary}: wall median {medians[name][0] * 1000:.1f} ms (min {min(times) * 1000:.1f}), "
              f"CPU median {medians[name][1] * 1000:.1f} ms, peak {peak:.1f} MiB")
    print(f"B/A wall {medians['B'][0] / medians['A'][0]:.3f}, CPU {medians['B'][1] / medians['A'][1]:.3f}")


if __name__ == "__main__":
    main()
