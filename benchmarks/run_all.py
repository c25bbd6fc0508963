"""Run every ``benchmarks/bench_*.py`` at its quick (default) or big sizes and print its tables.

Why: one command (``make bench``) must reproduce every figure in BENCHMARKS.md, including the
benchmarks other people add later; so scripts are found by name, not listed here. Each script
is run in its own process (a crash or a leaked connection in one cannot skew the next) with
``--quick`` or ``--big``; a script that does not know the flag is run without it.

Usage::

    python benchmarks/run_all.py --quick      # every benchmark at its small size (~5 min)
    python benchmarks/run_all.py --big        # up to a million claims; takes hours
    python benchmarks/run_all.py --only import pages search
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(script: Path, flag: str) -> tuple[int, float]:
    """Run one benchmark, streaming its output; retry without the flag if it is unknown."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(script), flag], cwd=HERE.parent,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode == 2 and "unrecognized arguments" in proc.stderr:
        print(f"note: {script.name} does not take {flag}; running it with its defaults",
              flush=True)
        proc = subprocess.run([sys.executable, str(script)], cwd=HERE.parent,
                              stderr=subprocess.PIPE, text=True)
    sys.stderr.write(proc.stderr)
    return proc.returncode, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes (the default)")
    size.add_argument("--big", action="store_true", help="large sizes (up to 1M claims)")
    parser.add_argument("--only", nargs="+", default=[],
                        help="run only these (e.g. import pages for bench_import, bench_pages)")
    args = parser.parse_args(argv)
    flag = "--big" if args.big else "--quick"
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.only]
    failed = []
    started = time.perf_counter()
    for script in scripts:
        print(f"\n## {script.name} {flag}", flush=True)
        code, seconds = run(script, flag)
        print(f"({script.name}: exit {code}, {seconds:.0f} s)", flush=True)
        if code != 0:
            failed.append(script.name)
    print(f"\nall benchmarks: {time.perf_counter() - started:.0f} s"
          + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
