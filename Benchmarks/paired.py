"""Paired whole-process timing of two thaireport binaries on the same report: the runs alternate
(A, B, A, B, ...) so a noisy machine affects both alike. Prints the median and minimum wall time,
the median CPU time (user + system) and the largest peak resident set of each, and the ratios
B/A of the medians.

    python3 Benchmarks/paired.py OLD_BINARY NEW_BINARY [data-file] [runs] [-- extra build arguments]

With `--peer PYTHON`, B is the peer instead: Typst (the PyPI package `typst`, imported by the
Python interpreter PYTHON) compiling the same report, written as a Typst document by
`peer/sample_to_typst.py`. Each Typst run is a whole Python process (interpreter start-up,
import, compile, write), as ThaiReport's runs are whole processes; then one process compiles
the document again and again, and the median of those warm compiles (the fonts already loaded,
Typst's caches full) is printed apart.

    python3 Benchmarks/paired.py --peer .venv-tools/bin/python BINARY [data-file] [runs]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(binary, data, out, extra):
    """One whole-process build of `data` to PDF: wall seconds, peak MiB, CPU seconds."""
    return spawn([binary, "build", data, "--format", "pdf", "--force", "--out", out] + extra)


def peer(python, typ, out):
    """The argument vector of one whole-process Typst compile of `typ` into `out`."""
    fonts = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fonts")
    code = (f"import typst; typst.compile({typ!r}, output={out!r}, font_paths=[{fonts!r}], "
            "ignore_system_fonts=True)")
    return [python, "-c", code]


def spawn(argv):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{argv[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def report(name, label, results):
    times = [t for t, _, _ in results]
    cpu = [c for _, _, c in results]
    peak = max(m for _, m, _ in results)
    print(f"{name} {label}: wall median {statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f}), "
          f"CPU median {statistics.median(cpu) * 1000:.1f} ms, peak {peak:.1f} MiB")
    return statistics.median(times), statistics.median(cpu)


def against_peer(python, binary, data, runs):
    here = os.path.dirname(os.path.abspath(__file__))
    results = {"thaireport": [], "typst": []}
    with tempfile.TemporaryDirectory() as out:
        typ = os.path.join(out, "report.typ")
        subprocess.run([python, os.path.join(here, "peer", "sample_to_typst.py"), data, typ], check=True)
        ours = [binary, "build", data, "--format", "pdf", "--force", "--out", out]
        theirs = peer(python, typ, os.path.join(out, "typst.pdf"))
        spawn(ours)
        spawn(theirs)  # warm-up
        for _ in range(runs):
            results["thaireport"].append(spawn(ours))
            results["typst"].append(spawn(theirs))
        a = report("A", binary, results["thaireport"])
        b = report("B", "Typst, whole Python process", results["typst"])
        print(f"A/B wall {a[0] / b[0]:.3f}, CPU {a[1] / b[1]:.3f}")
        fonts = os.path.join(here, "..", "Fonts")
        warm = subprocess.run([python, "-c", (
            "import statistics, time, typst\n"
            f"c = typst.Compiler({typ!r}, font_paths=[{fonts!r}], ignore_system_fonts=True)\n"
            "c.compile()\n"
            "t = []\n"
            f"for _ in range({runs}):\n"
            "    s = time.perf_counter(); c.compile(); t.append(time.perf_counter() - s)\n"
            "print(f'{statistics.median(t) * 1000:.1f} {min(t) * 1000:.1f}')\n")],
            check=True, capture_output=True, text=True).stdout.split()
        print(f"Typst in process (warm compile, same Compiler): median {warm[0]} ms (min {warm[1]})")


def main():
    args = sys.argv[1:]
    if args and args[0] == "--peer":
        data = args[3] if len(args) > 3 else "Samples/singburi-pao/2564.yaml"
        against_peer(args[1], args[2], data, int(args[4]) if len(args) > 4 else 21)
        return
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
