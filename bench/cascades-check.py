#!/usr/bin/env python3
"""Checks issue 16's bars against bench/cascades.sh's outputs: `quorum calibrate --json` (the ladder
on the test split, the oracle; the learned router's too, when given) and `quorum compare --json` of the test run (what each system really
scored and cost, gate and judge calls included)."""
import json
import sys


def load(path):
    with open(path) as handle:
        return json.load(handle)


def main(calibration_path, compare_path, router_path=None):
    calibration = load(calibration_path)
    router = load(router_path) if router_path else None
    comparison = load(compare_path)
    ladder = calibration.get("testLadder") or calibration["ladder"]
    oracle = ladder["oracle"]["relativeCost"]
    cost_bar = 1 - 0.6 * (1 - oracle)
    systems = {system["system"]: system for system in comparison["systems"]}
    baseline = systems[comparison["baseline"]]
    strong = baseline["accuracy"]
    print(f"\ntest split, {ladder['items']} items: {calibration['levels'][0]} alone {ladder['weakAccuracy']:.1%}, "
          f"{calibration['levels'][-1]} alone {ladder['strongAccuracy']:.1%}")
    print(f"oracle (a perfect gate): {oracle:.2f}x the large model's cost at {ladder['oracle']['accuracy']:.1%}; "
          f"60% of its saving means cost <= {cost_bar:.2f}x")
    checks = []
    for name, system in systems.items():
        if system is baseline or system.get("accuracy") is None:
            continue
        relative = system["cost"].get("relativeToBaseline")
        quality = system["accuracy"] / strong if strong else 0
        if relative is not None and name not in ("moa", "small-alone", "small-consistent"):
            passed = quality >= 0.95 and relative <= cost_bar
            checks.append(passed)
            print(f"{'PASS' if passed else 'FAIL'} {name}: {system['accuracy']:.1%} = {quality:.2f}x the baseline's accuracy "
                  f"(bar 0.95), cost {relative:.2f}x (bar {cost_bar:.2f})")
    for key, label in (("ladder", "calibration split"), ("testLadder", "test split")):
        apgr = (calibration.get(key) or {}).get("averageGapRecovered")
        if apgr is not None:
            checks.append(apgr >= 0.6)
            print(f"{'PASS' if apgr >= 0.6 else 'FAIL'} APGR of the confidence signal on the {label}: {apgr:.2f} (bar 0.60)")
    if router:
        for key, label in (("ladder", "calibration split, left one out"), ("testLadder", "test split")):
            summary = router.get(key) or {}
            if summary.get("averageGapRecovered") is not None:
                print(f"     learned router on the {label}: APGR {summary['averageGapRecovered']:.2f}, "
                      f"router oracle {summary['oracle']['relativeCost']:.2f}x (a perfect router pays one model)")
    members = {"moa": ["large-alone", "small-alone"], "small-consistent": ["small-alone"]}
    for combined, parts in members.items():
        if combined in systems and any(part in systems for part in parts):
            best = max(systems[part]["accuracy"] for part in parts if part in systems)
            passed = systems[combined]["accuracy"] >= best
            checks.append(passed)
            print(f"{'PASS' if passed else 'FAIL'} {combined}: {systems[combined]['accuracy']:.1%} vs its best member {best:.1%}")
    print(f"\n{sum(checks)} of {len(checks)} bars met")


if __name__ == "__main__":
    main(*sys.argv[1:4])
