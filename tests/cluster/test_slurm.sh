#!/bin/sh
# eventmap batch on a real Slurm (ctest cluster_slurm, label cluster; run by
# `scripts/setup.sh test-cluster`, not by the main test command):
#   test_slurm.sh EVENTMAP SOURCE_DIR
# starts a private one-node Slurm on loopback (munged, slurmctld and slurmd
# from Debian's munge and slurm-wlm, every file and socket in a temporary
# directory, ports 16817-16818), writes the scripts with
# `eventmap batch --slurm 3`, submits them with their submit.sh, waits for
# the job array and the overview job, and checks that the posters and the
# overview equal a local run of the same batch byte for byte, that every
# share logged and that the scripts run no share twice.  Stops the daemons
# and removes everything however it ends.  Exit 1 on any failed check.
set -u

eventmap=${1:?usage: test_slurm.sh EVENTMAP SOURCE_DIR}
src=${2:?usage: test_slurm.sh EVENTMAP SOURCE_DIR}
failures=0
fail() { echo "cluster test: FAILED: $*" >&2; failures=$((failures + 1)); }
pass() { echo "cluster test: ok: $*"; }

for tool in munged slurmctld slurmd sbatch squeue sinfo scontrol; do
	command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "cluster test: $tool is missing (scripts/setup.sh test-cluster installs munge and slurm-wlm)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/eventmap-slurm.XXXXXX") || exit 1
chmod 755 "$work"
stop() {
	[ -f "$work/slurmd.pid" ] && kill "$(cat "$work/slurmd.pid")" 2>/dev/null
	[ -f "$work/slurmctld.pid" ] && kill "$(cat "$work/slurmctld.pid")" 2>/dev/null
	[ -f "$work/munged.pid" ] && kill "$(cat "$work/munged.pid")" 2>/dev/null
	sleep 1
	pkill -f "$work/slurm.conf" 2>/dev/null
	rm -rf "$work"
}
trap stop EXIT
trap 'exit 1' HUP INT TERM

host=$(hostname -s)
user=$(id -un)
mkdir -p "$work/state" "$work/spool" "$work/munge"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
	--pid-file="$work/munged.pid" --log-file="$work/munged.log" \
	--seed-file="$work/munge/munge.seed" ||
	{ cat "$work/munged.log" >&2; echo "cluster test: munged did not start" >&2; exit 1; }
cat >"$work/slurm.conf" <<CONF
ClusterName=eventmaptest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=$user
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=eventmap Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
SLURM_CONF=$work/slurm.conf
export SLURM_CONF
slurmctld -f "$SLURM_CONF" || { cat "$work/slurmctld.log" >&2; exit 1; }
slurmd -f "$SLURM_CONF" || { cat "$work/slurmd.log" >&2; exit 1; }
i=0
until sinfo -h -o '%T' 2>/dev/null | grep -q idle; do
	i=$((i + 1))
	if [ $i -gt 60 ]; then
		sinfo >&2; tail -n 20 "$work/slurmctld.log" "$work/slurmd.log" >&2
		echo "cluster test: the node did not become idle in 60 s" >&2
		exit 1
	fi
	sleep 1
done
pass "a one-node Slurm on $host (127.0.0.1), $(sinfo -h -o '%c') CPUs"

# The same batch: on the cluster, three shares and the overview; locally.
cd "$work" || exit 1
args="-q -p A4 --dpi 72 -f png,pdf"
# shellcheck disable=SC2086 # args are words
"$eventmap" batch $args -o cluster --slurm 3 >slurm.out 2>slurm.err ||
	{ cat slurm.err >&2; fail "eventmap batch --slurm 3"; exit 1; }
for f in eventmap-shards.sbatch eventmap-overview.sbatch submit.sh; do
	[ -x "cluster/slurm/$f" ] || fail "cluster/slurm/$f missing or not executable"
done
[ -e cluster/days ] && ls cluster/days | grep -q . && fail "--slurm drew posters itself"
sh cluster/slurm/submit.sh >submit.out 2>submit.err ||
	{ cat submit.err >&2; fail "submit.sh"; exit 1; }
pass "submitted: $(cat submit.out)"
i=0
while squeue -h 2>/dev/null | grep -q .; do
	i=$((i + 1))
	if [ $i -gt 600 ]; then
		squeue >&2; fail "the jobs did not finish in 10 minutes"; exit 1
	fi
	sleep 1
done
pass "the job array and the overview job finished in about $i s"
logs=$(ls cluster/slurm/logs/shard-*.out 2>/dev/null | wc -l)
[ "$logs" -eq 3 ] || fail "expected 3 share logs, found $logs: $(ls cluster/slurm/logs)"
[ -f cluster/slurm/logs/overview-*.out ] 2>/dev/null || ls cluster/slurm/logs/overview-*.out >/dev/null 2>&1 ||
	fail "no overview log"
if grep -l . cluster/slurm/logs/*.out >/dev/null 2>&1; then
	for f in cluster/slurm/logs/*.out; do
		grep -i "error\|failed" "$f" >/dev/null && { cat "$f" >&2; fail "$f reports an error"; }
	done
fi
# shellcheck disable=SC2086
"$eventmap" batch $args -o local >/dev/null 2>local.err || { cat local.err >&2; fail "local batch"; }
n=$(ls local/days | wc -l)
[ "$n" -eq 14 ] || fail "the local run wrote $n files, not 6 days and the overview in PNG and PDF"
if diff -r local/days cluster/days >diff.out 2>&1; then
	pass "the cluster's $(ls cluster/days | wc -l) files equal the local run's byte for byte"
else
	cat diff.out >&2
	fail "the cluster's posters differ from the local run's"
fi
exit $((failures > 0))
