package org.debswarm.governor.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Configurations as DS would pass them: the annotation's defaults, some values overridden. */
final class Configs {

    private Configs() {
    }

    /** @param keysAndValues alternating property names and values */
    static JettyHttpGovernorConfiguration of(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (JettyHttpGovernorConfiguration) Proxy.newProxyInstance(Configs.class.getClassLoader(),
                new Class<?>[] {JettyHttpGovernorConfiguration.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType":
                            return JettyHttpGovernorConfiguration.class;
                        case "toString":
                            return "Configs" + values;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            break;
                    }
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
