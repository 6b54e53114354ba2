#!/usr/bin/env bash
# Upload then download of 1 GiB (8 files of 128 MiB of seeded pseudo-random bytes) against Azurite on loopback:
# through AzureBlobRemote and through a plain BlobClient (SDK defaults, and Repro's transfer options) in the same run;
# prints a markdown table with MB/s and the ratios.
#
# Then the verbs' core: RunPush.Push and RunPull.Pull of 8 runs holding the same files, next to a plain BlobClient
# (one and four at once; two rounds, the order swapped), and a second Push of 1,000 small runs (Azurite and a folder).
#
# Then a model (the first file) into the shared model cache, pulled from a folder remote and from Azurite, against a
# plain copy and a plain download; and the next build's check of it. `bench/remote.sh 1 1024 models` is the 1 GiB row.
#
# Usage: bench/remote.sh [FILES] [MIB_PER_FILE] [all|blob|verbs|models]     (default 8 128 all)
# Needs: the .NET SDK, Node.js and npm (Azurite is installed into .tools/azurite on first use, about a minute).
# About 8 GiB of free disk in the temp folder (sources, a run store, the emulator's copies of the uploads, the downloads).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/Repro.Bench.Remote/Repro.Bench.Remote.csproj"

echo "Building the benchmark driver (Release)..." >&2
dotnet build "$project" -c Release -nologo -v:q -clp:"ErrorsOnly;NoSummary" >&2
dotnet "$here/Repro.Bench.Remote/bin/Release/net10.0/Repro.Bench.Remote.dll" "${1:-8}" "${2:-128}" "${3:-all}"
