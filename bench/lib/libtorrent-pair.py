#!/usr/bin/python3
# One side of the libtorrent pair of bench/peerwire-nodes.sh (Debian's python3-libtorrent, the engine of
# qBittorrent and Deluge): a session on 127.0.0.1, TCP only (no uTP, DHT, LSD, UPnP, NAT-PMP), no tracker.
#
#   libtorrent-pair.py seed TORRENT FOLDER        seeds the files in FOLDER (seed mode: not checked first, as
#                                                 aria2c's --bt-seed-unverified); prints "listening PORT",
#                                                 runs until it is killed (SIGTERM)
#   libtorrent-pair.py leech TORRENT FOLDER PORT  downloads into FOLDER from the seed at 127.0.0.1:PORT; prints
#                                                 "complete MS" (from the peer's connection to the last piece
#                                                 checked) and exits 0, or exits 1 after 600 s
import signal
import sys
import time

import libtorrent as lt


def session():
    settings = {
        'listen_interfaces': '127.0.0.1:0',
        'enable_outgoing_utp': False, 'enable_incoming_utp': False,
        'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
        'alert_mask': lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
    }
    return lt.session(settings)


def add(ses, torrent, folder, seed):
    with open(torrent, 'rb') as f:
        meta = lt.bdecode(f.read())
    meta.pop(b'announce', None)  # no tracker: the leech is given the seed's address
    meta.pop(b'announce-list', None)
    info = lt.torrent_info(meta)
    params = lt.add_torrent_params()
    params.ti = info
    params.save_path = folder
    params.flags &= ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused  # starts now, not when queued
    if seed:
        params.flags |= lt.torrent_flags.seed_mode
    return ses.add_torrent(params)


def main():
    mode, torrent, folder = sys.argv[1:4]
    stop = {signal.SIGTERM, signal.SIGINT}
    if mode == 'seed':
        signal.pthread_sigmask(signal.SIG_BLOCK, stop)  # before the session's threads, which inherit it
    ses = session()
    if mode == 'seed':
        add(ses, torrent, folder, True)
        print('listening', ses.listen_port(), flush=True)
        signal.sigwait(stop)
        return 0
    handle = add(ses, torrent, folder, False)
    start = time.monotonic()
    handle.connect_peer(('127.0.0.1', int(sys.argv[4])))
    while (left := 600 - (time.monotonic() - start)) > 0:
        ses.wait_for_alert(int(left * 1000) + 1)
        for alert in ses.pop_alerts():
            if isinstance(alert, lt.torrent_finished_alert):
                print('complete', round((time.monotonic() - start) * 1000), flush=True)
                return 0
            if isinstance(alert, lt.torrent_error_alert):
                print('error:', alert.message(), file=sys.stderr)
                return 1
    print('not complete after 600 s', file=sys.stderr)
    return 1


if __name__ == '__main__':
    sys.exit(main())
