"""Pure rules of the portal: no AWS, no I/O beyond reading the compiled catalogue."""
