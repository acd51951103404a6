file(REMOVE_RECURSE
  "libltv_proofs.a"
)
