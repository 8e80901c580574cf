#!/usr/bin/env python3
"""Upper bound on naming ULTRA_LOW series SEASONAL vs STABLE from their event times (docs/detection.md,
"What the profile can identify").

A Bayes classifier that knows the simulator's exact priors (datasets/.../sim/ShardGenerator.java): the share of
minutes with retx is log-uniform in 0.08 %..0.6 % (so 3 days hold Poisson(share * 4320) retx minutes), a SEASONAL
series has rate * (1 + A cos(2 pi (t - peak) / 24 h)) with A uniform in 0.5..0.9 and peak uniform in 03:00..09:00
UTC (or, with --any-peak, anywhere in the day). It integrates the likelihood of the event times over A and the peak
on a grid and picks the class with the larger posterior. No real classifier can beat it on this data; the 4-pattern
problem (MEAN_SHIFT and HYBRID too) is harder still.

    python3 docs/scripts/ultra_low_oracle.py [--any-peak] [--seasonal-prior 0.53] [--trials 4000]
"""
import argparse

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--any-peak", action="store_true")
p.add_argument("--seasonal-prior", type=float, default=0.53)  # SEASONAL / (SEASONAL + STABLE) among ULTRA_LOW truth
p.add_argument("--trials", type=int, default=4000)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
rng = np.random.default_rng(a.seed)
lo, hi = (0.0, 24.0) if a.any_peak else (3.0, 9.0)
amps = np.linspace(0.5, 0.9, 9)
peaks = np.linspace(lo, hi, 48, endpoint=False) if a.any_peak else np.linspace(lo, hi, 25)
A, P = np.meshgrid(amps, peaks)


def log_lik_ratio(t):
    """log of p(times | SEASONAL) / p(times | STABLE), averaged over the prior grid (whole days)."""
    ll = np.log1p(A[..., None] * np.cos(2 * np.pi * (t[None, None, :] - P[..., None]) / 24)).sum(-1)
    return np.log(np.mean(np.exp(ll)))


correct = 0
events = []
for _ in range(a.trials):
    share = np.exp(rng.uniform(np.log(0.0008), np.log(0.006)))
    n = max(1, rng.poisson(share * 3 * 1440))
    events.append(n)
    seasonal = rng.random() < a.seasonal_prior
    if seasonal:
        amp, peak = rng.uniform(0.5, 0.9), rng.uniform(lo, hi)
        t = []
        while len(t) < n:
            x = rng.uniform(0, 24)
            if rng.random() < (1 + amp * np.cos(2 * np.pi * (x - peak) / 24)) / (1 + amp):
                t.append(x)
        t = np.array(t)
    else:
        t = rng.uniform(0, 24, n)
    guess = log_lik_ratio(t) + np.log(a.seasonal_prior / (1 - a.seasonal_prior)) > 0
    correct += guess == seasonal
print("ULTRA_LOW SEASONAL vs STABLE, Bayes oracle (%s): %.1f %% correct over %d series (median %d retx minutes; "
      "always answering the commoner class: %.1f %%)" % ("peak anywhere" if a.any_peak else "peak 03:00-09:00 UTC known",
      100.0 * correct / a.trials, a.trials, np.median(events), 100.0 * max(a.seasonal_prior, 1 - a.seasonal_prior)))
