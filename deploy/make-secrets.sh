#!/usr/bin/env bash
# Makes what deploy/compose.yaml and the Kubernetes manifests need and the repo never holds (see README.md here):
#   <dir>/jwt-private.pem   RSA 2048 private key, PKCS#8 PEM: command-api signs access tokens with it
#   <dir>/jwt-public.pem    its public key, X.509 SubjectPublicKeyInfo PEM: published as /.well-known/jwks.json
#   <env>                   PARLEY_POSTGRES_PASSWORD and PARLEY_RABBITMQ_PASSWORD, random, for compose
# Usage: deploy/make-secrets.sh [secrets dir (default deploy/secrets)] [env file (default deploy/.env)]
# Existing files are kept: rotating the signing key logs everybody out, so do it on purpose (delete, then rerun).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-$here/secrets}"
env_file="${2:-$here/.env}"
command -v openssl >/dev/null || { echo "make-secrets: needs openssl" >&2; exit 1; }
umask 077
mkdir -p "$dir"

if [[ -f "$dir/jwt-private.pem" ]]; then
  echo "kept      $dir/jwt-private.pem"
else
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null
  rm -f "$dir/jwt-public.pem"
  echo "created   $dir/jwt-private.pem"
fi
if [[ ! -f "$dir/jwt-public.pem" ]]; then
  openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"
  echo "created   $dir/jwt-public.pem"
fi
# the containers run as uid 10001: compose mounts secrets with the file's own mode, so let them read the pair
chmod 644 "$dir/jwt-private.pem" "$dir/jwt-public.pem"

random() { openssl rand -hex 24; }
if [[ -f "$env_file" ]]; then
  echo "kept      $env_file"
else
  printf 'PARLEY_POSTGRES_PASSWORD=%s\nPARLEY_RABBITMQ_PASSWORD=%s\n' "$(random)" "$(random)" >"$env_file"
  echo "created   $env_file"
fi

cat <<NEXT

Compose:     cd deploy && docker compose up -d --build
Kubernetes:  kubectl create namespace parley
             kubectl -n parley create secret generic parley-jwt \\
               --from-file=jwt-private.pem="$dir/jwt-private.pem" --from-file=jwt-public.pem="$dir/jwt-public.pem"
             (and the parley-infra secret: deploy/README.md, "Kubernetes")
NEXT
