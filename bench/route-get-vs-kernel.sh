#!/usr/bin/env bash
# Whole-process comparison on the full Internet table (issue 6), side by side in one run:
#   kernel:   ip -force -batch answering N 'route get' queries in a namespace that carries the table
#   symroute: the Native AOT binary answering the same queries with 'route get --batch'
#             - from a snapshot of that namespace (process start, snapshot read, index and all
#               queries included), and
#             - reading the live namespace over netlink (no snapshot: the fair side by side)
# first with the table in main only (the issue's "against the full table"), then with the same
# routes again in table 100 and a source rule to it (a host with two uplinks); on that host also
# 'symroute check', from the snapshot and live. Prints each time and the ratios kernel/symroute.
#
# Needs root (it creates and deletes its own network namespace; nothing else is touched), iproute2,
# the .NET SDK, and the table at $SYMROUTE_FULL_TABLE (default
# /work/shared/data/full-table-2023/prefixes.txt.gz; never copied into the repository).
# Loading the table with 'ip -batch' takes about 40 s per table on a 2-core machine.
#
# Usage: bench/route-get-vs-kernel.sh [--queries N] [--tables 1|2|both] [--bin SYMROUTE] [--keep-files DIR]
#   --bin   use this symroute binary instead of publishing one
set -euo pipefail

queries=1000000
tables=both
keep=""
bin=""
while (($#)); do
  case "$1" in
    --queries) queries=$2; shift 2 ;;
    --tables) tables=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --keep-files) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$tables" in 1|2|both) ;; *) echo "--tables takes 1, 2 or both" >&2; exit 2 ;; esac

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
ns="sr-bench-$$-$RANDOM"
cleanup() {
  ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  if [[ -n $keep ]]; then mkdir -p "$keep" && cp "$work"/*.txt "$work"/*.json "$keep"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
# Runs a command, sets $took to its wall time in seconds; its exit status is kept in $status.
timed() {
  local t0 t1
  t0=$(now)
  set +e
  "$@"
  status=$?
  set -e
  t1=$(now)
  took=$(elapsed "$t0" "$t1")
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. The Native AOT binary.
if [[ -z $bin ]]; then
  bin="$work/publish/symroute"
  echo "publishing the Native AOT binary…"
  dotnet publish "$repo/src/Symroute.Cli/Symroute.Cli.csproj" -c Release -o "$work/publish" -v quiet -nologo >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; exit 1; }
fi
echo "symroute: $bin ($(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"

# 2. The namespace: veth0 and veth1 (one namespace holds both ends), one gateway on each, every
#    prefix of the table via one of them, alternating (the host bench/Symroute.Benchmarks calls
#    FullTableHost).
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

load_table() { # $1: "" for main, "table 100" for the second table
  zcat "$table" | awk -v suffix="$1" '
    /\// {
      v6 = index($0, ":") > 0
      gw = v6 ? ((NR % 2) ? "2001:db8:ffff::1" : "2001:db8:fffe::1") : ((NR % 2) ? "10.255.0.1" : "10.254.0.1")
      print "route add " $0 " via " gw " proto bgp metric 20" (suffix == "" ? "" : " " suffix)
    }' >"$work/load.txt"
  echo "loading $(wc -l <"$work/load.txt") routes${1:+ into $1} with ip -batch…"
  timed ip -n "$ns" -batch "$work/load.txt"
  ((status == 0)) || { echo "ip -batch failed" >&2; exit 1; }
  echo "  loaded in $took s"
}

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
head -1 "$work/queries.txt" >"$work/one.txt"

# 4. One host shape: snapshot, then side by side.
compare() { # $1: label
  local label=$1 snap="$work/snapshot-$1.json"
  echo "== $label"
  timed "$bin" snapshot --netns "$ns" -o "$snap"
  echo "snapshot of the namespace (not part of the query runs: fleets keep snapshots): $took s, $(du -m "$snap" | cut -f1) MB"
  echo "answering $queries route get queries…"
  timed ip -n "$ns" -force -batch "$work/queries.txt" >"$work/kernel-answers-$label.txt" 2>"$work/kernel-errors-$label.txt"
  local kernel=$took
  timed "$bin" route get --batch "$work/queries.txt" --snapshot "$snap" >"$work/symroute-answers-$label.json"
  local sym=$took
  timed "$bin" route get --batch "$work/one.txt" --snapshot "$snap" >/dev/null
  local load=$took
  timed ip netns exec "$ns" "$bin" route get --batch "$work/queries.txt" >"$work/symroute-live-answers-$label.json"
  local live=$took
  timed ip netns exec "$ns" "$bin" route get --batch "$work/one.txt" >/dev/null
  local liveload=$took
  echo "kernel   (ip -force -batch):                   $kernel s  ($(awk -v t="$kernel" -v n="$queries" 'BEGIN { printf "%.2f", t / n * 1e6 }') µs/query)"
  echo "symroute (route get --batch --snapshot):       $sym s  (of which one query, i.e. reading the snapshot: $load s)  ratio $(ratio "$kernel" "$sym")x"
  echo "symroute (route get --batch, live netlink):    $live s  (of which one query, i.e. the netlink dump: $liveload s)  ratio $(ratio "$kernel" "$live")x"
  echo "ratio kernel/symroute: $(ratio "$kernel" "$sym")x from the snapshot, $(ratio "$kernel" "$live")x live (target: at least 10x)"
  echo "answers: $(grep -c . "$work/symroute-answers-$label.json") from symroute ($(cmp -s "$work/symroute-answers-$label.json" "$work/symroute-live-answers-$label.json" && echo "snapshot and live identical" || echo "snapshot and live DIFFER")), $(grep -c '^' "$work/kernel-answers-$label.txt") lines and $(grep -c . "$work/kernel-errors-$label.txt") errors from ip"
}

if [[ $tables != 2 ]]; then
  load_table ""
  compare one-table
fi
if [[ $tables != 1 ]]; then
  [[ $tables == 2 ]] && load_table ""
  load_table "table 100"
  # A rule so that table 100 is in use, as on a host with two uplinks.
  ip -n "$ns" rule add from 10.254.0.2 lookup 100 priority 1000
  compare two-tables
  # 5. check on the host with the table in two tables.
  timed "$bin" check --snapshot "$work/snapshot-two-tables.json" >"$work/check.txt" 2>&1
  echo "check on the full table in two tables, from the snapshot: $took s (exit $status, target: under 1 s)"
  timed ip netns exec "$ns" "$bin" check >"$work/check-live.txt" 2>&1
  echo "check on the full table in two tables, live over netlink: $took s (exit $status)"
fi
