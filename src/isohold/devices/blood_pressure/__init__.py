"""Blood-pressure cuffs (Bluetooth Blood Pressure Service): codec, client, bleak transport and
simulator."""
