"""The medops.itops lab: a simulated hospital on one machine (see tools/lab/hospital.yml)."""
