# Empty dependencies file for ltv_cli_commands.
# This may be replaced when dependencies are built.
