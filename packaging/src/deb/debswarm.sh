#!/bin/sh
# /usr/bin/debswarm: the administrator's command of the installed node (data in /var/lib/debswarm).
: "${DEBSWARM_HOME:=/var/lib/debswarm}"
export DEBSWARM_HOME
exec /usr/share/debswarm/bin/debswarm "$@"
