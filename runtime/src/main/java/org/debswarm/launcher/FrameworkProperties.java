package org.debswarm.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The framework properties of a node: embedded defaults, then {@code conf/debswarm.properties} of the
 * installation, then {@code -D} system properties of the same names, each overriding the one before.
 */
final class FrameworkProperties {

    static final String HTTP_HOST = "org.apache.felix.http.host";
    static final String HTTP_PORT = "org.osgi.service.http.port";
    /** Level of the bundles FileInstall installs from deploy/; boot/ is 1 and bundle/ is 2. */
    static final int DEPLOY_START_LEVEL = 3;

    private final LaunchOptions options;
    private final ConsolePassword password;

    FrameworkProperties(LaunchOptions options, ConsolePassword password) {
        this.options = options;
        this.password = password;
    }

    Map<String, String> build() throws IOException {
        Map<String, String> p = new LinkedHashMap<>(defaults());
        Path conf = options.install().resolve("conf").resolve("debswarm.properties");
        if (Files.isRegularFile(conf)) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(conf, StandardCharsets.UTF_8)) {
                file.load(reader);
            }
            file.stringPropertyNames().forEach(name -> p.put(name, file.getProperty(name)));
        }
        for (String name : p.keySet().toArray(String[]::new)) {
            String override = System.getProperty(name);
            if (override != null) {
                p.put(name, override);
            }
        }
        return p;
    }

    private Map<String, String> defaults() {
        Path home = options.home();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("debswarm.home", home.toString());
        p.put("org.osgi.framework.storage", home.resolve("cache").resolve("felix").toString());
        // Each start installs the same bundles afresh: reproducible, and FileInstall re-adopts deploy/.
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        p.put("org.osgi.framework.startlevel.beginning", Integer.toString(DEPLOY_START_LEVEL));
        p.put("felix.startlevel.bundle", Integer.toString(DEPLOY_START_LEVEL));
        // Configuration lives with the data, not in the framework cache that is cleaned on start.
        p.put("felix.cm.dir", home.resolve("config").toString());
        p.put(HTTP_HOST, "127.0.0.1");
        p.put(HTTP_PORT, "8080");
        p.put("felix.webconsole.username", "admin");
        p.put("felix.webconsole.password", password.hashed());
        p.put("felix.webconsole.realm", "Debswarm");
        p.putAll(fileInstall(options.install().resolve("deploy")));
        return p;
    }

    static Map<String, String> fileInstall(Path deploy) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("felix.fileinstall.dir", deploy.toString());
        p.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.start.level", Integer.toString(DEPLOY_START_LEVEL));
        p.put("felix.fileinstall.log.level", "2");
        // Refresh only what FileInstall manages: dropping one jar must not restart Jetty and the console.
        p.put("felix.fileinstall.optionalImportRefreshScope", "managed");
        p.put("felix.fileinstall.fragmentRefreshScope", "managed");
        p.put("felix.fileinstall.enableConfigSave", "false");
        return p;
    }
}
