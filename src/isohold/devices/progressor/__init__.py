"""Tindeq Progressor: protocol codec, client, BLE transport (bleak) and simulator."""
