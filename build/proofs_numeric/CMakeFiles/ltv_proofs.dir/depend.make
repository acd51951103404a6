# Empty dependencies file for ltv_proofs.
# This may be replaced when dependencies are built.
