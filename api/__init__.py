"""HTTP and command-line front of fieldbot."""
