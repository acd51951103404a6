file(REMOVE_RECURSE
  "libltv_cli_commands.a"
)
