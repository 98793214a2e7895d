"""Heart-rate straps (Bluetooth Heart Rate Service): codec, client, bleak transport, simulator."""
