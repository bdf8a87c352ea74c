"""Print how long validating and loading the shipped catalog takes (median of repeats)."""

import statistics
import time

from moonmap import DEFAULT_DATA_DIR, load_catalog, validate_package


def median_ms(fn, repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    print(
        f"validate_package(data/): {median_ms(lambda: validate_package(DEFAULT_DATA_DIR)):.1f} ms"
    )
    print(f"load_catalog():          {median_ms(load_catalog):.1f} ms")
