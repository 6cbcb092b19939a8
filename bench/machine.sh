#!/usr/bin/env bash
# Prints what a benchmark's figures depend on: the date, the machine (cores and CPU model),
# the compiler and the load before the run. Sourced by the benchmark scripts.
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "rustc:   $(rustc --version)"
echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1/5/15 min; other processes share these cores)"
