package org.debswarm.aptlistener.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;

/** Component configurations and a bundle context for components constructed with {@code new} in tests. */
final class Configs {

    private Configs() {
    }

    /** An instance of a configuration annotation: the given values, else the annotation's defaults. */
    static <A extends Annotation> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }));
    }

    /** A bundle context that answers only {@code getProperty("debswarm.home")}. */
    static BundleContext home(Path home) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return "debswarm.home".equals(args[0]) ? home.toString() : null;
                    }
                    if (method.getName().equals("toString")) {
                        return "BundleContext[" + home + "]";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Sets a DS field reference, as the runtime would. */
    static void inject(Object component, String field, Object service) {
        try {
            var f = component.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(component, service);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
