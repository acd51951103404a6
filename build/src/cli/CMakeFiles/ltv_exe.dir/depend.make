# Empty dependencies file for ltv_exe.
# This may be replaced when dependencies are built.
