#!/usr/bin/env bash
# Whole-process comparison on the full Internet table (issue 6):
#   kernel:   ip -force -batch answering N 'route get' queries in a namespace that carries the table
#   symroute: the Native AOT binary answering the same queries with 'route get --batch', loading
#             the state from a snapshot of that namespace (process start, snapshot read, index
#             build and all queries included)
# and, when the check command exists, 'symroute check' on a snapshot of a host carrying the full
# table in two tables.
#
# Needs root (it creates and deletes its own network namespace; nothing else is touched), iproute2,
# the .NET SDK, and the table at $SYMROUTE_FULL_TABLE (default
# /work/shared/data/full-table-2023/prefixes.txt.gz; never copied into the repository).
# Loading the table with 'ip -batch' takes about 40 s per table on a 2-core machine.
#
# Usage: bench/route-get-vs-kernel.sh [--queries N] [--tables 1|2] [--keep-files DIR]
set -euo pipefail

queries=1000000
tables=2
keep=""
while (($#)); do
  case "$1" in
    --queries) queries=$2; shift 2 ;;
    --tables) tables=$2; shift 2 ;;
    --keep-files) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
table=${SYMROUTE_FULL_TABLE:-/work/shared/data/full-table-2023/prefixes.txt.gz}
if [[ ! -r $table ]]; then
  echo "SKIPPED: the full-table data $table is missing (set SYMROUTE_FULL_TABLE)." >&2
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIPPED: needs root to create a network namespace." >&2
  exit 0
fi

work=$(mktemp -d /tmp/symroute-bench.XXXXXX)
ns="sr-bench-$$"
cleanup() {
  ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  if [[ -n $keep ]]; then mkdir -p "$keep" && cp "$work"/*.txt "$work"/*.json "$keep"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. The Native AOT binary.
bin="$work/publish/symroute"
echo "publishing the Native AOT binary…"
dotnet publish "$repo/src/Symroute.Cli/Symroute.Cli.csproj" -c Release -o "$work/publish" -v quiet -nologo >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }

# 2. The namespace: veth0 and veth1 (one namespace holds both ends), one gateway on each, every
#    prefix of the table via one of them, alternating (the host bench/Symroute.Benchmarks calls
#    FullTableHost); table 100 holds the same routes again when --tables 2.
ip netns add "$ns"
ip -n "$ns" link set lo up
ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip -n "$ns" link add veth0 type veth peer name veth1
ip -n "$ns" addr add 10.255.0.2/24 dev veth0
ip -n "$ns" addr add 10.254.0.2/24 dev veth1
ip -n "$ns" addr add 2001:db8:ffff::2/64 dev veth0 nodad
ip -n "$ns" addr add 2001:db8:fffe::2/64 dev veth1 nodad
ip -n "$ns" link set veth0 up
ip -n "$ns" link set veth1 up

zcat "$table" | awk -v tables="$tables" '
  /\// {
    v6 = index($0, ":") > 0
    gw = v6 ? ((NR % 2) ? "2001:db8:ffff::1" : "2001:db8:fffe::1") : ((NR % 2) ? "10.255.0.1" : "10.254.0.1")
    print "route add " $0 " via " gw " proto bgp metric 20"
    if (tables == 2) print "route add " $0 " via " gw " proto bgp metric 20 table 100"
  }' >"$work/load.txt"
echo "loading $(wc -l <"$work/load.txt") routes with ip -batch…"
t0=$(now)
ip -n "$ns" -batch "$work/load.txt"
t1=$(now)
echo "  loaded in $(elapsed "$t0" "$t1") s"
if ((tables == 2)); then
  # A rule so that table 100 is in use, as on a host with two uplinks.
  ip -n "$ns" rule add from 10.254.0.2 lookup 100 priority 1000
fi

# 3. Queries: uniform random IPv4 destinations, and 15 % IPv6 in 2000::/4 (the table's share).
awk -v n="$queries" 'BEGIN {
  srand(20231125)
  for (i = 0; i < n; i++) {
    if (rand() < 0.15)
      printf "route get 2%03x:%x:%x:%x::%x\n", int(rand() * 4096), int(rand() * 65536), int(rand() * 65536), int(rand() * 65536), int(rand() * 65536)
    else
      printf "route get %d.%d.%d.%d\n", int(rand() * 256), int(rand() * 256), int(rand() * 256), int(rand() * 256)
  }
}' >"$work/queries.txt"

# 4. Snapshot of the namespace (not timed as part of the query run: fleets keep snapshots).
t0=$(now)
"$bin" snapshot --netns "$ns" -o "$work/snapshot.json"
t1=$(now)
echo "snapshot of the namespace: $(elapsed "$t0" "$t1") s, $(du -m "$work/snapshot.json" | cut -f1) MB"

# 5. Side by side.
echo "answering $queries route get queries…"
t0=$(now)
ip -n "$ns" -force -batch "$work/queries.txt" >"$work/kernel-answers.txt" 2>"$work/kernel-errors.txt" || true
t1=$(now)
kernel=$(elapsed "$t0" "$t1")
t0=$(now)
"$bin" route get --batch "$work/queries.txt" --snapshot "$work/snapshot.json" >"$work/symroute-answers.json"
t1=$(now)
sym=$(elapsed "$t0" "$t1")
# Also the load alone (one query): how much of the run is reading and indexing the snapshot.
head -1 "$work/queries.txt" >"$work/one.txt"
t0=$(now)
"$bin" route get --batch "$work/one.txt" --snapshot "$work/snapshot.json" >/dev/null
t1=$(now)
load=$(elapsed "$t0" "$t1")

echo "kernel   (ip -force -batch):               $kernel s  ($(awk -v t="$kernel" -v n="$queries" 'BEGIN { printf "%.2f", t / n * 1e6 }') µs/query)"
echo "symroute (route get --batch --snapshot):   $sym s  (of which loading and indexing the snapshot: $load s)"
echo "ratio kernel/symroute: $(awk -v a="$kernel" -v b="$sym" 'BEGIN { printf "%.1f", a / b }')x (target: at least 10x)"
echo "answers: $(grep -c . "$work/symroute-answers.json") from symroute, $(grep -c '^' "$work/kernel-answers.txt") lines and $(grep -c . "$work/kernel-errors.txt") errors from ip"

# 6. check on the host with the table in two tables.
if "$bin" check --help >/dev/null 2>&1; then
  t0=$(now)
  set +e
  "$bin" check --snapshot "$work/snapshot.json" >"$work/check.txt" 2>&1
  status=$?
  set -e
  t1=$(now)
  echo "check on the full table in $tables table(s): $(elapsed "$t0" "$t1") s (exit $status, target: under 1 s)"
else
  echo "check: the check command does not exist in this build yet; not measured"
fi
