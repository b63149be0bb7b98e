#!/usr/bin/env bash
# Seed corpora from the real Debian files in ../shared/data: fuzz/seeds.sh SHARED_DIR OUT_DIR.
# Writes OUT_DIR/inrelease (the real InRelease and its signed text), OUT_DIR/packages (slices of the real
# Packages files, cut at paragraph ends, small enough for the fuzzer's length limit) and OUT_DIR/torrent (a
# .torrent over real Packages slices, made by mktorrent when it is installed). Missing data: a message, and the
# hand-written seeds in fuzz/seeds/ only.
set -euo pipefail
SHARED="$1"; OUT="$2"
DATA="$SHARED/data/debian/bookworm"
mkdir -p "$OUT/inrelease" "$OUT/packages" "$OUT/torrent"
if [ ! -f "$DATA/InRelease" ]; then
  echo "seeds: no shared data at $DATA (../shared beside the checkout, or DEBSWARM_SHARED=DIR): hand seeds only"
  exit 0
fi
cat "$DATA/InRelease" >"$OUT/inrelease/InRelease"
# Shortened (the first 12 files of each checksum list, signature kept): whole within the fuzzer's length limit.
awk '/^ / { if (++listed > 12) next; print; next } { listed = 0; print }' "$DATA/InRelease" \
    >"$OUT/inrelease/InRelease-short"
# Its signed text alone, as a plain Release file.
sed -n '/^$/,/^-----BEGIN PGP SIGNATURE-----$/p' "$OUT/inrelease/InRelease-short" | sed '1d;$d' \
    >"$OUT/inrelease/Release"
for arch in all amd64; do
  xz -dc "$DATA/main/binary-$arch/Packages.xz" | awk -v out="$OUT/packages/$arch" '
    BEGIN { RS = ""; ORS = "\n\n" }
    NR <= 40 { n = int((NR - 1) / 8); print > (out "-" n) }'
done
if command -v mktorrent >/dev/null; then
  rm -rf "$OUT/torrent-content" && mkdir -p "$OUT/torrent-content/pool"
  cat "$OUT/packages/amd64-0" >"$OUT/torrent-content/pool/Packages"
  cat "$OUT/inrelease/Release" >"$OUT/torrent-content/Release" >/dev/null
  rm -f "$OUT/torrent/"*.torrent
  mktorrent -l 15 -a http://localhost:6969/announce -o "$OUT/torrent/multi.torrent" "$OUT/torrent-content" >/dev/null
  mktorrent -l 15 -a http://localhost:6969/announce -o "$OUT/torrent/single.torrent" \
      "$OUT/torrent-content/Release" >/dev/null
else
  echo "seeds: mktorrent not installed: the torrent targets start from their hand seeds only"
fi
