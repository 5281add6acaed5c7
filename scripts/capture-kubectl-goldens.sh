#!/usr/bin/env bash
# Captures the real kubectl's client-side output (dry-run generators, usage errors) into golden
# files under test/golden-files/kubectl/. Runs offline: a throw-away HOME holds a hand-made
# discovery cache so `kubectl run` works without a cluster.
#
# Each line of test/golden-files/kubectl/cases.txt is `<name>|<arguments after kubectl>`.
# Output: <name>.golden with stdout, stderr and the exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
KUBECTL=${KUBECTL:-/usr/bin/kubectl}
SRC=test/golden-files/kubectl
DIR=${GOLDEN_DIR:-$SRC}
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
CACHE="$HOME_DIR/.kube/cache/discovery/localhost_8080"
mkdir -p "$CACHE/v1" "$CACHE/apps/v1" "$CACHE/batch/v1"

cat > "$CACHE/servergroups.json" <<'JSON'
{"kind":"APIGroupList","apiVersion":"v1","groups":[
 {"name":"","versions":[{"groupVersion":"v1","version":"v1"}],"preferredVersion":{"groupVersion":"v1","version":"v1"}},
 {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},
 {"name":"batch","versions":[{"groupVersion":"batch/v1","version":"v1"}],"preferredVersion":{"groupVersion":"batch/v1","version":"v1"}}]}
JSON
resource() { # name singular kind namespaced shortnames
  printf '{"name":"%s","singularName":"%s","namespaced":%s,"kind":"%s","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":[%s]}' "$1" "$2" "$4" "$3" "$5"
}
cat > "$CACHE/v1/serverresources.json" <<JSON
{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
$(resource pods pod Pod true '"po"'),
$(resource services service Service true '"svc"'),
$(resource configmaps configmap ConfigMap true '"cm"'),
$(resource secrets secret Secret true ''),
$(resource namespaces namespace Namespace false '"ns"'),
$(resource serviceaccounts serviceaccount ServiceAccount true '"sa"'),
$(resource nodes node Node false '"no"')]}
JSON
cat > "$CACHE/apps/v1/serverresources.json" <<JSON
{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[
$(resource deployments deployment Deployment true '"deploy"'),
$(resource replicasets replicaset ReplicaSet true '"rs"')]}
JSON
cat > "$CACHE/batch/v1/serverresources.json" <<JSON
{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"batch/v1","resources":[
$(resource jobs job Job true ''),
$(resource cronjobs cronjob CronJob true '"cj"')]}
JSON

# Files some cases read (--from-file, --from-env-file, -f).
WORK=$(mktemp -d)
trap 'rm -rf "$HOME_DIR" "$WORK"' EXIT
cp -r "$DIR/workspace/." "$WORK/"

while IFS='|' read -r name args; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  out="$DIR/$name.golden"
  set +e
  (cd "$WORK" && eval "HOME='$HOME_DIR' '$KUBECTL' $args" >"$HOME_DIR/stdout" 2>"$HOME_DIR/stderr")
  code=$?
  set -e
  {
    echo "\$ kubectl $args"
    cat "$HOME_DIR/stdout"
    echo "--- stderr"
    cat "$HOME_DIR/stderr"
    echo "--- exit $code"
  } >"$out"
done <"$DIR/cases.txt"
echo "captured $(grep -cv '^\(#\|$\)' "$DIR/cases.txt") cases into $DIR"
