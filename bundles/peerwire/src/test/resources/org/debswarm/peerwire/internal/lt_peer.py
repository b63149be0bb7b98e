"""A libtorrent peer for the interoperability tests: seeds or downloads one .torrent, no DHT, UPnP or NAT-PMP.

Usage: lt_peer.py seed|leech <torrent> <save dir> <listen address> <port> [lsd]
Prints "LISTENING <port>" once listening, and "DONE" when a leech has every piece (then exits 0).
Stops after 240 s in any case (exit 2), so that a test that dies leaves no process behind for long.
"""
import sys
import time

import libtorrent as lt

mode, torrent, save, address, port = sys.argv[1:6]
lsd = len(sys.argv) > 6 and sys.argv[6] == "lsd"
settings = {
    "listen_interfaces": "%s:%s" % (address, port),
    "enable_dht": False, "enable_upnp": False, "enable_natpmp": False, "enable_lsd": lsd,
    "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.peer_notification
    | lt.alert.category_t.status_notification,
    "allow_multiple_connections_per_ip": True,
    "user_agent": "libtorrent-interop",
}
session = lt.session(settings)
params = lt.add_torrent_params()
params.ti = lt.torrent_info(torrent)
params.save_path = save
handle = session.add_torrent(params)
print("LISTENING", session.listen_port(), flush=True)
end = time.time() + 240
while time.time() < end:
    for alert in session.pop_alerts():
        print(alert.what(), alert.message(), flush=True)
    status = handle.status()
    if mode == "leech" and status.is_seeding:
        print("DONE", flush=True)
        sys.exit(0)
    time.sleep(0.2)
sys.exit(2)
