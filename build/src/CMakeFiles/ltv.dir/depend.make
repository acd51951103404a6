# Empty dependencies file for ltv.
# This may be replaced when dependencies are built.
