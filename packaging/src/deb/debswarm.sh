#!/bin/sh
# /usr/bin/debswarm: the administrator's command of the installed node (data in /var/lib/debswarm).
: "${DEBSWARM_HOME:=/var/lib/debswarm}"
export DEBSWARM_HOME
# a node started from this command keeps its class-data archive with its state, never under /usr (dpkg's)
: "${DEBSWARM_CDS_ARCHIVE=/var/lib/debswarm/debswarm.jsa}"
export DEBSWARM_CDS_ARCHIVE
exec /usr/share/debswarm/bin/debswarm "$@"
