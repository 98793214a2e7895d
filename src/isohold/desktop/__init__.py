"""The desk-break process's edges to the operating system: notifications and presence."""
