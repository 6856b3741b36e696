#!/usr/bin/env bash
# Adds every new public API of the shipped packages to their PublicAPI.Unshipped.txt (RS0016) and drops removed ones (RS0017).
# Usage: eng/update-public-api.sh [src/TradingRl.Security.<Package>]
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
[ ${#projects[@]} -gt 0 ] || mapfile -t projects < <(ls -d src/TradingRl.Security.*/)
for p in "${projects[@]}"; do
  csproj=$(ls "$p"/*.csproj)
  dotnet format analyzers "$csproj" --diagnostics RS0016 RS0017 --severity info -v q || true
done
