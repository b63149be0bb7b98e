package org.debswarm.health.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The apt listener's {@code allowedMirrors}, read where the apt listener reads it: its configuration if there
 * is one, else the default its metatype declares. So apt's proxy answer follows the listener's setting without
 * a second copy of it (the listener refuses any other mirror with 403: apt must go DIRECT there).
 */
final class AllowedMirrors {

    static final String PROPERTY = "allowedMirrors";

    private AllowedMirrors() {
    }

    static Set<String> read(ConfigurationAdmin config, MetaTypeService metaType, Bundle[] bundles, String pid)
            throws IOException {
        Object value = configured(config, pid);
        if (value == null) {
            value = declaredDefault(metaType, bundles, pid);
        }
        return normalized(value);
    }

    /** An authority as the listener compares it: lower case, without the default port. */
    static String normalize(String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        return lower.endsWith(":80") ? lower.substring(0, lower.length() - 3) : lower;
    }

    private static Object configured(ConfigurationAdmin config, String pid) throws IOException {
        try {
            Configuration[] found = config.listConfigurations("(service.pid=" + pid + ")");
            if (found == null || found.length == 0) {
                return null;
            }
            Dictionary<String, Object> properties = found[0].getProperties();
            return properties == null ? null : properties.get(PROPERTY);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("PID " + pid + " does not make a filter", e);
        }
    }

    private static Object declaredDefault(MetaTypeService metaType, Bundle[] bundles, String pid) {
        for (Bundle bundle : bundles) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null || !Arrays.asList(info.getPids()).contains(pid)) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            for (AttributeDefinition attribute : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                if (PROPERTY.equals(attribute.getID())) {
                    return attribute.getDefaultValue();
                }
            }
        }
        return null;
    }

    private static Set<String> normalized(Object value) {
        Set<String> authorities = new LinkedHashSet<>();
        Collection<?> entries = value instanceof Object[] array ? Arrays.asList(array)
                : value instanceof Collection<?> c ? c : value == null ? Set.of() : Set.of(value);
        for (Object entry : entries) {
            for (String part : String.valueOf(entry).split("[,\\s]+")) {
                if (!part.isBlank()) {
                    authorities.add(normalize(part.trim()));
                }
            }
        }
        return authorities;
    }
}
