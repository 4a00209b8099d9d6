# Sourced by peer_ratio.sh and image_ratio.sh. `peer_sides CASE THREADS` prints one line per side,
# "SIDE CASE THREADS RATE", for the caller's functions: vae4j CASE THREADS, then torch CASE THREADS
# [ENV...] as installed and with glibc's malloc keeping freed memory ("torch-keep": on VMs where a page
# fault is dear, Firecracker here, PyTorch's fresh mmap per large tensor cost it up to 3.6x on the conv-vae).
peer_sides() {
  echo "vae4j $1 $2 $(vae4j "$1" "$2")"
  if [ -n "${OTHER_BUILD:-}" ]; then echo "vae4j-B $1 $2 $(vae4j "$1" "$2" "$OTHER_BUILD")"; fi
  echo "torch $1 $2 $(torch "$1" "$2")"
  echo "torch-keep $1 $2 $(torch "$1" "$2" MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=68719476736 \
    MALLOC_TOP_PAD_=1073741824)"
}

# `peer_rounds ROUNDS "CASES" "THREADS"`: peer_sides for every case and thread count, ROUNDS times over.
peer_rounds() {
  local i c t
  for ((i = 0; i < $1; i++)); do
    for c in $2; do
      for t in $3; do
        peer_sides "$c" "$t"
      done
    done
  done
}
