package org.debswarm.aptlistener.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link AptListener}, PID {@code org.debswarm.aptlistener}. */
@ObjectClassDefinition(
        id = AptListener.PID,
        name = "Debswarm apt listener",
        description = "The HTTP front apt talks to: which mirrors it proxies, which clients it serves, deadlines and index revalidation.")
public @interface AptListenerConfiguration {

    @AttributeDefinition(name = "Allowed mirrors",
            description = "Mirror hosts this node proxies (no open proxy): host or host:port, port 80 when none is given.")
    String[] allowedMirrors() default {"deb.debian.org", "security.debian.org", "ftp.debian.org", "archive.ubuntu.com",
        "security.ubuntu.com"};

    @AttributeDefinition(name = "Allowed clients",
            description = "Address ranges (CIDR) of the clients served; others get 403. Example: 192.168.1.0/24.")
    String[] allowedClients() default {"127.0.0.0/8", "::1/128"};

    @AttributeDefinition(name = "Mirror scheme", options = {
        @org.osgi.service.metatype.annotations.Option(label = "http", value = "http"),
        @org.osgi.service.metatype.annotations.Option(label = "https", value = "https")},
            description = "How the node reaches the mirrors.")
    String mirrorScheme() default "http";

    @AttributeDefinition(name = "Index deadline (s)", min = "1", max = "86400",
            description = "Whole-request deadline of an index download (InRelease, Packages, ...).")
    long indexDeadline() default 120;

    @AttributeDefinition(name = "Package deadline (s)", min = "1", max = "86400",
            description = "Whole-request deadline of a package (.deb) download from a mirror.")
    long debDeadline() default 1800;

    @AttributeDefinition(name = "Index freshness (s)", min = "0", max = "86400",
            description = "A cached index younger than this is served without asking the mirror; 0 revalidates on every request.")
    long indexFreshness() default 0;

    @AttributeDefinition(name = "Catalog wait (s)", min = "0", max = "86400",
            description = "How long a package request waits for Packages indices of its mirror still being parsed.")
    long catalogWait() default 30;

    @AttributeDefinition(name = "Longest request target", min = "256", max = "65536",
            description = "Longer request targets get 414.")
    int maxUriLength() default 2048;

    @AttributeDefinition(name = "Trusted key rings",
            description = "OpenPGP key rings (files, or folders whose *.gpg and *.asc files are read) that Release and"
                    + " InRelease files must be signed by before the node makes torrents from, or verifies files by, the"
                    + " indices they list. Mirrors without an entry in 'Key rings per mirror' use these.")
    String[] keyrings() default {"/usr/share/keyrings"};

    @AttributeDefinition(name = "Key rings per mirror",
            description = "host=/path/to/keyring.gpg, one key ring per entry (a host may repeat): the keys that mirror's"
                    + " Release files must be signed by, instead of the trusted key rings above.")
    String[] mirrorKeyrings() default {};

    @AttributeDefinition(name = "Whiteboard target",
            description = "The Felix HTTP (Jetty) instance that serves apt, as an LDAP filter.")
    String osgi_http_whiteboard_target() default "(org.apache.felix.http.name=aptlistener)";
}
