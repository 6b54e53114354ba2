#!/usr/bin/env bash
# RegisteredModel.Load → first prediction against mlContext.Model.Load of the same file (samples/IrisService's model,
# as its build placed it in the output); prints a markdown table row with the medians and the ratio.
#
# Usage: bench/serving.sh [ROUNDS]     (default 50)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "Building samples/IrisService (its output holds the model) and the benchmark driver (Release)..." >&2
dotnet build "$here/../samples/IrisService" -nologo -v:q -clp:"ErrorsOnly;NoSummary" >&2
dotnet build "$here/Repro.Bench.Serving/Repro.Bench.Serving.csproj" -c Release -nologo -v:q -clp:"ErrorsOnly;NoSummary" >&2
dotnet "$here/Repro.Bench.Serving/bin/Release/net10.0/Repro.Bench.Serving.dll" "$here/../samples/IrisService/bin/Debug/net10.0" "${1:-50}"
