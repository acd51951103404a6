file(REMOVE_RECURSE
  "libltv.a"
)
