#!/usr/bin/env bash
# The runs page of a large store: N runs (default 10,000), the page's size, and in Debian's chromium the load, the
# first render, a sort by a metric and a text filter. Prints a markdown table.
#
# Usage: bench/report.sh [RUNS] [ROUNDS]     (default 10000 5)
# Needs: the .NET SDK; chromium and chromium-driver from Debian (installed with apt-get when missing, as the tests do).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "Building the benchmark driver (Release)..." >&2
dotnet build "$here/Repro.Bench.Report/Repro.Bench.Report.csproj" -c Release -nologo -v:q -clp:"ErrorsOnly;NoSummary" >&2
dotnet "$here/Repro.Bench.Report/bin/Release/net10.0/Repro.Bench.Report.dll" "${1:-10000}" "${2:-5}"
